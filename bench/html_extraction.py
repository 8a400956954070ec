#!/usr/bin/env python3
"""Scores what bench/html_extraction.sh collected: html_extraction.py WORK LABEL..."""
import html.parser
import json
import os
import random
import re
import sys

work, labels = sys.argv[1], sys.argv[2:]
pages_dir = os.path.join(work, "pages")
WORD = re.compile(r"[\w'\u2019]+")
SAMPLE = 25


class Text(html.parser.HTMLParser):
    """Visible text: no script, style, head, template, noscript, svg."""
    SKIP = {"script", "style", "head", "template", "noscript", "svg", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def text(path):
    p = Text()
    with open(path, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    return " ".join(p.parts)


def words(s):
    out = set()
    for tok in WORD.findall(s or ""):
        if "'" in tok or "\u2019" in tok or "_" in tok:
            continue
        # CJK text has no spaces: a "word" here is a whole clause, which no indexer
        # keeps as one term.
        if any(ord(c) >= 0x2E80 for c in tok):
            continue
        if len(tok) >= 4 and tok.isalpha():
            out.add(tok.lower())
    return out


def all_tokens(s):
    return {t.lower() for t in re.findall(r"\w+", s or "")}


def terms(label, name):
    try:
        with open(os.path.join(work, label, name + ".terms"), encoding="utf-8", errors="replace") as f:
            data = f.read()
    except OSError:
        return set()
    data = data.replace("All terms in database:", "")
    return set(data.split())


pages = sorted(os.listdir(pages_dir))
info = {}
for name in pages:
    d = os.path.join(pages_dir, name)
    meta = json.load(open(os.path.join(d, "expected-metadata.json"), encoding="utf-8"))
    source = open(os.path.join(d, "source.html"), encoding="utf-8", errors="replace").read()
    expected_words = words(text(os.path.join(d, "expected.html")))
    ref_words = set()
    for key in ("title", "excerpt", "byline", "siteName"):
        ref_words |= all_tokens(meta.get(key))
    expected_all = all_tokens(text(os.path.join(d, "expected.html")))
    boiler = words(text(os.path.join(d, "source.html"))) - expected_all - ref_words
    rng = random.Random(name)
    art = sorted(expected_words)
    rng.shuffle(art)
    bp = sorted(boiler)
    rng.shuffle(bp)
    info[name] = dict(meta=meta, art=art[:SAMPLE], bp=bp[:SAMPLE], boiler=boiler,
                      size=os.path.getsize(os.path.join(d, "source.html")),
                      container=bool(re.search(r"<(article|main)[\s>]", source, re.I)))

shows = {}
for label in labels:
    try:
        shows[label] = {os.path.basename(os.path.dirname(a["path"])): a
                        for a in json.load(open(os.path.join(work, label, "show.json"), encoding="utf-8"))}
    except (OSError, ValueError, KeyError):
        shows[label] = {}


def norm(s):
    return " ".join((s or "").split())


rows = {}
worst = {}
for label in labels:
    fa = na = fb = nb = fb_nc = nb_nc = 0
    low = []
    titles = titles_n = dates = dates_n = 0
    ents = ents_bad = 0
    bad_examples = []
    for name in pages:
        i = info[name]
        t = terms(label, name)
        a_found = sum(w in t for w in i["art"])
        b_found = sum(w in t for w in i["bp"])
        fa += a_found; na += len(i["art"])
        fb += b_found; nb += len(i["bp"])
        if not i["container"]:
            fb_nc += b_found; nb_nc += len(i["bp"])
        if i["art"]:
            low.append((a_found / len(i["art"]), name))
        ref_title = norm(i["meta"].get("title"))
        if i["size"] > 8192 and ref_title:
            titles_n += 1
            if label == "omindex":
                try:
                    got = open(os.path.join(work, label, name + ".caption"), encoding="utf-8").read()
                except OSError:
                    got = ""
            else:
                got = shows[label].get(name, {}).get("title", "")
            titles += norm(got) == ref_title
        pub = i["meta"].get("publishedTime")
        if pub and label != "omindex":
            dates_n += 1
            got = shows[label].get(name, {}).get("date") or ""
            dates += got == pub[:10]
        if label != "omindex":
            for kind, values in (shows[label].get(name, {}).get("entities") or {}).items():
                for e in values:
                    ents += 1
                    if words(e["name"]) & i["boiler"]:
                        ents_bad += 1
                        bad_examples.append(f"{name}:{e['name']}")
    low.sort()
    tm = None
    try:
        u, s = open(os.path.join(work, label, "time")).read().split()[:2]
        total = 5 * sum(info[n]["size"] for n in pages)
        tm = total / 1e6 / (float(u) + float(s))
    except (OSError, ValueError):
        pass
    rows[label] = dict(
        art=fa / na if na else 0, min_page=low[0] if low else (0, ""),
        below=[n for r, n in low if r < 0.5],
        leak=fb / nb if nb else 0, leak_nc=fb_nc / nb_nc if nb_nc else 0,
        titles=(titles, titles_n), dates=(dates, dates_n), ents=(ents_bad, ents),
        mbps=tm, low=low[:8], bad=bad_examples[:15])

nc = sum(1 for n in pages if not info[n]["container"])
print(f"pages: {len(pages)}; without <article>/<main>: {nc}; real pages (> 8 KB): "
      f"{sum(1 for n in pages if info[n]['size'] > 8192)}; with a reference date: "
      f"{sum(1 for n in pages if info[n]['meta'].get('publishedTime'))}")
print(f"sampled: {sum(len(info[n]['art']) for n in pages)} article words, "
      f"{sum(len(info[n]['bp']) for n in pages)} boilerplate words")
print()
print("| figure | " + " | ".join(labels) + " |")
print("|---|" + "---|" * len(labels))


def cell(label, f):
    try:
        return f(rows[label])
    except (TypeError, ZeroDivisionError):
        return ""


def pct(p):
    return f"{p[0]} of {p[1]} ({100 * p[0] / p[1]:.1f}%)" if p[1] else ""


lines = [
    ("article words found", lambda r: f"{r['art']:.3f}"),
    ("lowest page", lambda r: f"{r['min_page'][0]:.2f} ({r['min_page'][1]})"),
    ("pages below 0.5", lambda r: str(len(r["below"]))),
    ("boilerplate words found (leak)", lambda r: f"{r['leak']:.3f}"),
    ("leak, pages without <article>/<main>", lambda r: f"{r['leak_nc']:.3f}"),
    ("title equal to the reference (real pages)", lambda r: pct(r["titles"])),
    ("date found, where the page has one", lambda r: pct(r["dates"]) if r["dates"][1] else "n/a"),
    ("entity values with a boilerplate word", lambda r: pct(r["ents"]) if r["ents"][1] else "n/a"),
    ("reading throughput, MB/s (one core)", lambda r: f"{r['mbps']:.1f}" if r["mbps"] else "n/a"),
]
for title, f in lines:
    print(f"| {title} | " + " | ".join(cell(l, f) for l in labels) + " |")
print()
for label in labels:
    r = rows[label]
    print(f"{label}: lowest pages: " + ", ".join(f"{n} {v:.2f}" for v, n in r["low"]))
    if r["bad"]:
        print(f"{label}: entity values with boilerplate words, first ones: " + "; ".join(r["bad"]))
if os.environ.get("DETAIL"):
    for label in labels:
        print(f"\n{label}: per page (article, leak)")
        for name in pages:
            t = terms(label, name)
            i = info[name]
            a = sum(w in t for w in i["art"]) / max(1, len(i["art"]))
            b = sum(w in t for w in i["bp"]) / max(1, len(i["bp"]))
            print(f"  {name:40s} {a:.2f} {b:.2f} {'' if i['container'] else 'no-container'} "
                  f"leaked={[w for w in i['bp'] if w in t][:8]} missed={[w for w in i['art'] if w not in t][:8]}")

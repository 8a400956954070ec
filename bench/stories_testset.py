#!/usr/bin/env python3
"""The stories test set: versions of real Reuters-21578 articles made the way outlets make
them, and hard negatives, with the truth; and the score of an index built from them.

  stories_testset.py make REUTERS_DIR OUT_DIR [ORIGINALS]
      REUTERS_DIR holds index.tsv and articles/ (dev.tar.xz of the shared data sets,
      extracted). Writes OUT_DIR/articles/*.json and OUT_DIR/truth.tsv. Deterministic: the
      same input gives the same files byte for byte.
  stories_testset.py score OUT_DIR HITS_JSON
      HITS_JSON is `newssearch --json '' --limit N --fields id,story` of an index built
      from OUT_DIR/articles. Prints pairwise precision and recall, exact-copy recall and
      the false merges of hard negatives.

Each original (a NORM article of 60 words or more) gets one to three versions. A version
takes some of: a new headline; a paragraph dropped, added (one of another article) or
moved; 5-30% of its words rewritten, sentence by sentence (half the words of a rewritten
sentence replaced, dropped or joined by others, figures kept); a byline or a new
dateline; boilerplate (credits, copyright, a link line). One original in five also gets
an exact copy. Hard negatives are other real articles with the same first topic, a place
in common and a date at most three days away: different stories a detector must keep
apart.
"""
import csv
import itertools
import json
import os
import random
import re
import sys
from collections import defaultdict
from datetime import datetime

SEED = 1987
BYLINES = ["By Jane Smith", "By Peter Jones, Reuters", "By Ann Lee and Bob Kent"]
CITIES = ["LONDON", "NEW YORK", "TOKYO", "WASHINGTON", "PARIS", "FRANKFURT"]
BOILERPLATE = [
    "Reporting by Jane Smith; Editing by John Doe",
    "Copyright 1987 Reuters. All rights reserved.",
    "Click here for more business news",
    "Additional reporting by Peter Jones in New York",
]


def read_article(reuters, row):
    with open(os.path.join(reuters, row["file"]), encoding="utf-8", errors="replace") as f:
        parts = [p.strip() for p in f.read().split("\n\n")]
    parts = [p for p in parts if p]
    title = parts[0] if parts else ""
    rest = parts[1:]
    if rest and row["dateline"] and rest[0] == row["dateline"]:
        rest = rest[1:]
    return title, rest


def words(text):
    return text.split()


def word_set(paragraphs):
    return {w.lower() for p in paragraphs for w in words(p)}


def jaccard(a, b):
    return len(a & b) / max(1, len(a | b))


def rewrite(paragraphs, fraction, rng, vocabulary):
    """Rewrites whole sentences until `fraction` of the words changed; returns the new
    paragraphs and the share of words actually changed."""
    sentences = []  # (paragraph index, sentence index)
    split = [re.split(r"(?<=[.!?])\s+", p) for p in paragraphs]
    for i, ss in enumerate(split):
        for j in range(len(ss)):
            sentences.append((i, j))
    total = sum(len(words(p)) for p in paragraphs)
    target = fraction * total
    changed = 0
    rng.shuffle(sentences)
    for i, j in sentences:
        if changed >= target:
            break
        out = []
        for w in words(split[i][j]):
            if changed < target and not any(c.isdigit() for c in w) and rng.random() < 0.5:
                op = rng.random()
                changed += 1
                if op < 0.7:
                    out.append(rng.choice(vocabulary))
                elif op < 0.85:
                    continue  # dropped
                else:
                    out.extend([w, rng.choice(vocabulary)])
            else:
                out.append(w)
        split[i][j] = " ".join(out)
    return [" ".join(ss) for ss in split], changed / max(1, total)


def new_headline(title, rng, vocabulary):
    ws = title.split()
    rng.shuffle(ws)
    keep = ws[: max(2, len(ws) // 2)]
    return " ".join(keep + [rng.choice(vocabulary).upper() for _ in range(2)])


def make(reuters, out, originals_wanted):
    rng = random.Random(SEED)
    with open(os.path.join(reuters, "index.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    articles = {}
    for row in rows:
        if row["type"] != "NORM" or not row["date"]:
            continue
        title, paragraphs = read_article(reuters, row)
        if title and paragraphs:
            articles[row["id"]] = (row, title, paragraphs)
    vocabulary = sorted({w.lower() for _, _, ps in articles.values() for p in ps[:1]
                         for w in words(p) if w.isalpha() and 3 <= len(w) <= 10})
    eligible = sorted(i for i, (_, _, ps) in articles.items()
                      if sum(len(words(p)) for p in ps) >= 60)
    originals = sorted(rng.sample(eligible, originals_wanted))
    chosen = set(originals)
    by_topic = defaultdict(list)
    for i, (row, _, _) in sorted(articles.items()):
        if row["topics"]:
            by_topic[row["topics"].split("|")[0]].append(i)
    os.makedirs(os.path.join(out, "articles"), exist_ok=True)
    truth = []

    def write(name, group, kind, fraction, row, title, paragraphs, dateline):
        body = list(paragraphs)
        if dateline and body:
            body[0] = dateline + " - " + body[0]
        doc = {"title": title, "body": "\n\n".join(body), "date": row["date"][:10],
               "source": "bench"}
        with open(os.path.join(out, "articles", name), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, sort_keys=True)
            f.write("\n")
        truth.append((name, group, kind, f"{fraction:.3f}"))

    negatives = set()
    topic_bags = defaultdict(list)  # the word sets of the originals and negatives, by topic
    for oid in originals:
        row, _, paragraphs = articles[oid]
        if row["topics"]:
            topic_bags[row["topics"].split("|")[0]].append(word_set(paragraphs))
    for oid in originals:
        row, title, paragraphs = articles[oid]
        write(f"{oid}.json", oid, "original", 0, row, title, paragraphs, row["dateline"])
        if rng.random() < 0.2:
            write(f"{oid}-copy.json", oid, "copy", 0, row, title, paragraphs, row["dateline"])
        for v in range(rng.randint(1, 3)):
            ps = list(paragraphs)
            t = new_headline(title, rng, vocabulary) if rng.random() < 0.6 else title
            op = rng.choice(["drop", "add", "move", "none"])
            if op == "drop" and len(ps) >= 3:
                del ps[rng.randrange(1, len(ps))]
            elif op == "add":
                other = articles[rng.choice(eligible)][2]
                ps.insert(rng.randrange(0, len(ps) + 1), rng.choice(other))
            elif op == "move" and len(ps) >= 2:
                i, j = rng.sample(range(len(ps)), 2)
                ps[i], ps[j] = ps[j], ps[i]
            ps, changed = rewrite(ps, rng.uniform(0.05, 0.30), rng, vocabulary)
            dateline = row["dateline"]
            extra = rng.random()
            if extra < 0.2:
                ps.insert(0, rng.choice(BYLINES))
            elif extra < 0.4:
                dateline = rng.choice(CITIES) + " (Reuters)"
            if rng.random() < 0.4:
                ps.append(rng.choice(BOILERPLATE))
            write(f"{oid}-v{v + 1}.json", oid, "version", changed, row, t, ps, dateline)
        # Hard negatives: same first topic, a place in common, at most three days away.
        if not row["topics"]:
            continue
        day = datetime.fromisoformat(row["date"])
        places = set(row["places"].split("|")) - {""}
        found = 0
        topic = row["topics"].split("|")[0]
        for nid in by_topic[topic]:
            if found == 2:
                break
            if nid in chosen or nid in negatives:
                continue
            nrow, ntitle, nps = articles[nid]
            if ntitle == title or not places & set(nrow["places"].split("|")):
                continue
            # The wire's own repeats are versions, not negatives: bodies whose word sets
            # are half alike (with any article of the set on this topic) are left out.
            bag = word_set(nps)
            if any(jaccard(bag, other) >= 0.5 for other in topic_bags[topic]):
                continue
            if abs((datetime.fromisoformat(nrow["date"]) - day).days) > 3:
                continue
            negatives.add(nid)
            topic_bags[topic].append(bag)
            found += 1
            write(f"{nid}-neg.json", nid, f"negative-of:{oid}", 0, nrow, ntitle, nps,
                  nrow["dateline"])
    with open(os.path.join(out, "truth.tsv"), "w", encoding="utf-8") as f:
        f.write("file\tgroup\tkind\tchanged\n")
        for line in truth:
            f.write("\t".join(line) + "\n")
    print(f"{len(originals)} originals, {len(truth)} articles, {len(negatives)} hard negatives")


def score(out, hits_json):
    truth = {}
    with open(os.path.join(out, "truth.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            truth[row["file"]] = row
    with open(hits_json, encoding="utf-8") as f:
        story = {h["id"]: h["story"] for h in json.load(f)["hits"]}
    missing = [n for n in truth if n not in story]
    if missing:
        sys.exit(f"not in the index: {len(missing)} files, e.g. {missing[0]}")
    names = sorted(truth)
    tp = fp = fn = 0
    wrong = []
    for a, b in itertools.combinations(names, 2):
        same = truth[a]["group"] == truth[b]["group"]
        merged = story[a] == story[b]
        if same and merged:
            tp += 1
        elif merged:
            fp += 1
            wrong.append((a, b))
        elif same:
            fn += 1
    print(f"articles: {len(names)}, stories found: {len(set(story[n] for n in names))}, "
          f"true stories: {len(set(t['group'] for t in truth.values()))}")
    print(f"pairwise precision: {tp / max(1, tp + fp):.4f} ({tp} of {tp + fp} merged pairs)")
    print(f"pairwise recall: {tp / max(1, tp + fn):.4f} ({tp} of {tp + fn} true pairs)")
    # Recall of each version against its original, by how much was rewritten.
    buckets = defaultdict(lambda: [0, 0])
    for n, t in truth.items():
        if t["kind"] != "version":
            continue
        share = float(t["changed"])
        bucket = "<=10%" if share <= 0.10 else "<=20%" if share <= 0.20 else "<=30%"
        buckets[bucket][1] += 1
        buckets[bucket][0] += story[n] == story[t["group"] + ".json"]
    for bucket in sorted(buckets):
        hit, all_ = buckets[bucket]
        print(f"  versions with {bucket} of words rewritten joining their original: "
              f"{hit}/{all_} = {hit / all_:.3f}")
    copies = [n for n, t in truth.items() if t["kind"] == "copy"]
    joined = sum(story[n] == story[truth[n]["group"] + ".json"] for n in copies)
    print(f"exact copies joining their original: {joined}/{len(copies)}")
    negs = [n for n, t in truth.items() if t["kind"].startswith("negative-of:")]
    merged = [n for n in negs if story[n] == story[truth[n]["kind"].split(":")[1] + ".json"]]
    print(f"hard negatives merged with their original: {len(merged)}/{len(negs)} = "
          f"{len(merged) / max(1, len(negs)):.4f}")
    for a, b in wrong[:20]:
        print(f"  false merge: {a} {b}")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 400)
    elif len(sys.argv) == 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)

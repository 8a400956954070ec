#!/usr/bin/env python3
"""Generates a large, realistic-looking news archive from the Reuters-21578 dev articles.

Each generated article takes its title, dateline city and most of its sentences from one
real Reuters story (a run of its sentences, in order) and adds a few runs of sentences from
other stories with the same first topic (or, without a topic, the same first place), so
that names, companies and topics co-occur as they do in the newswire. Dates are spread
uniformly over 1980-01-01 .. 2012-12-31 and written as an ISO date line under the title;
each file's modification time is set to its date (noon UTC), so omindex, which dates text
files by mtime, sees the same dates.

The output is deterministic: the same --articles and --seed give the same files (content,
names and mtimes) whatever the number of worker processes. Layout, one folder per 1000
articles, in the plain-text format newsindex reads (common/read/text_reader.cc):

    OUTDIR/0000/0000000.txt:
        TITLE LINE
        <blank>
        1994-03-17
        <blank>
        CITY, Mar 17          (the dateline: newsindex keeps it as the subtitle)
        <blank>
        paragraph of 1-3 sentences
        <blank>
        ...

    python3 bench/gen_corpus.py --articles 100000 --seed 1 OUTDIR
"""

import argparse
import calendar
import datetime
import multiprocessing
import os
import random
import re
import sys
import tarfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TARBALL = os.path.normpath(
    os.path.join(HERE, "..", "..", "shared", "datasets", "reuters21578", "dev.tar.xz"))
PER_FOLDER = 1000
FIRST_DAY = datetime.date(1980, 1, 1)
LAST_DAY = datetime.date(2012, 12, 31)
MONTHS = [calendar.month_abbr[m] for m in range(13)]
MAX_SENTENCES = 25
MIN_SENTENCES = 4

# Words that end with a period without ending the sentence.
ABBREVIATIONS = {
    "inc", "corp", "co", "ltd", "plc", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "u.s",
    "u.k", "n.y", "n.j", "calif", "tex", "fla", "mass", "ill", "mich", "penn", "pa", "conn",
    "wash", "ore", "ariz", "colo", "ga", "ky", "la", "md", "minn", "mo", "okla", "va",
    "wis", "ind", "tenn", "ala", "neb", "kan", "nev", "no", "nos", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "gen", "sen", "rep", "gov", "lt", "col", "capt", "adm", "prof", "rev",
    "bros", "cos", "dept", "est", "fig", "approx", "avg", "e.g", "i.e", "etc",
}
SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'(<]?[A-Z0-9])")
DATELINE = re.compile(r"^(.*?),?\s+(Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)\w*\s+\d{1,2}$")

# Filled in the parent before the workers fork.
STORIES = []   # (title, city, [sentence, ...])
GROUPS = []    # per story: the list of story indexes sharing its topic (or place)


def fail(message):
    print(f"gen_corpus.py: {message}", file=sys.stderr)
    sys.exit(2)


def split_sentences(paragraph):
    parts = SPLIT.split(paragraph)
    sentences, pending = [], ""
    for part in parts:
        pending = f"{pending} {part}" if pending else part
        last = pending.rsplit(None, 1)[-1].rstrip(".").lower() if pending else ""
        # "Co." "U.S." "J." are not the end of a sentence.
        if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        sentences.append(pending)
        pending = ""
    if pending:
        sentences.append(pending)
    return sentences


def usable(sentence):
    """A prose sentence: no table rows, enough words, mostly letters."""
    if "   " in sentence or "\t" in sentence:
        return False
    words = sentence.split()
    if len(words) < 5 or len(sentence) > 600:
        return False
    letters = sum(c.isalpha() for c in sentence)
    return letters >= 0.6 * len(sentence) and sentence[-1] in '.!?"\')'


def load(tarball):
    """Reads index.tsv and the NORM articles' sentences straight from the tarball."""
    stories, keys = [], []
    with tarfile.open(tarball, "r:xz") as tar:
        files = {}
        index = None
        for member in tar:
            if not member.isfile():
                continue
            data = tar.extractfile(member).read().decode("utf-8")
            if member.name.endswith("index.tsv"):
                index = data
            elif member.name.endswith(".txt"):
                files[member.name.split("/")[-1]] = data
    if index is None:
        fail(f"{tarball} has no index.tsv: not the Reuters-21578 dev archive")
    lines = index.splitlines()
    header = lines[0].split("\t")
    col = {name: i for i, name in enumerate(header)}
    for line in lines[1:]:
        row = line.split("\t")
        if row[col["type"]] != "NORM":
            continue
        text = files.get(row[col["file"]].split("/")[-1])
        if not text:
            continue
        blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
        if len(blocks) < 3:
            continue
        title = " ".join(blocks[0].split())
        match = DATELINE.match(blocks[1])
        city = match.group(1).strip() if match else ""
        body = blocks[2:] if match else blocks[1:]
        sentences = [s for b in body for s in split_sentences(" ".join(b.split())) if usable(s)]
        if not sentences:
            continue
        topics = row[col["topics"]]
        places = row[col["places"]]
        key = ("t:" + topics.split("|")[0]) if topics else ("p:" + places.split("|")[0]) if places else "-"
        stories.append((title, city, sentences))
        keys.append(key)
    if not stories:
        fail(f"no usable articles in {tarball}")
    by_key = {}
    for i, key in enumerate(keys):
        by_key.setdefault(key, []).append(i)
    everyone = list(range(len(stories)))
    groups = [by_key[k] if len(by_key[k]) > 1 else everyone for k in keys]
    return stories, groups


def make_article(rng):
    main = rng.randrange(len(STORIES))
    title, city, sentences = STORIES[main]
    # Most of the text: a run of the main story's sentences, in order.
    if len(sentences) > 21:
        size = rng.randint(8, 21)
        start = rng.randrange(len(sentences) - size + 1)
        body = sentences[start:start + size]
    else:
        body = list(sentences)
    # A few runs of 1-3 sentences from stories on the same topic.
    extra = max(rng.randint(1, 4), MIN_SENTENCES - len(body))
    extra = min(extra, MAX_SENTENCES - len(body))
    group = GROUPS[main]
    while extra > 0:
        donor = STORIES[group[rng.randrange(len(group))]][2]
        run = min(rng.randint(1, 3), extra, len(donor))
        start = rng.randrange(len(donor) - run + 1)
        # Never in front of the lead sentence.
        at = rng.randint(1, len(body)) if body else 0
        body[at:at] = donor[start:start + run]
        extra -= run
    day = FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    dateline = f"{city}, {MONTHS[day.month]} {day.day}" if city else f"{MONTHS[day.month]} {day.day}"
    paragraphs, i = [], 0
    while i < len(body):
        n = 1 if i == 0 else rng.choice((1, 1, 2, 2, 3))
        paragraphs.append(" ".join(body[i:i + n]))
        i += n
    text = f"{title}\n\n{day.isoformat()}\n\n{dateline}\n\n" + "\n\n".join(paragraphs) + "\n"
    return text, day, len(body)


def write_folder(job):
    outdir, seed, folder, count = job
    rng = random.Random(f"newsindex-gen/{seed}/{folder}")
    path = os.path.join(outdir, f"{folder:04d}")
    os.makedirs(path, exist_ok=True)
    total_bytes = total_sentences = 0
    for k in range(count):
        text, day, sentences = make_article(rng)
        name = os.path.join(path, f"{folder * PER_FOLDER + k:07d}.txt")
        data = text.encode("utf-8")
        with open(name, "wb") as f:
            f.write(data)
        stamp = calendar.timegm((day.year, day.month, day.day, 12, 0, 0))
        os.utime(name, (stamp, stamp))
        total_bytes += len(data)
        total_sentences += sentences
    return total_bytes, total_sentences


def main():
    global STORIES, GROUPS
    parser = argparse.ArgumentParser(
        description="Generate N news articles from Reuters-21578 dev sentences (deterministic).")
    parser.add_argument("outdir")
    parser.add_argument("--articles", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuters", default=DEFAULT_TARBALL,
                        help="the Reuters-21578 dev.tar.xz (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes (the output does not depend on it)")
    args = parser.parse_args()
    if args.articles < 1:
        fail("--articles must be at least 1")
    if not os.path.isfile(args.reuters):
        fail(f"the Reuters-21578 dataset is absent: {args.reuters} not found "
             "(see shared/datasets/README.md, or pass --reuters PATH)")
    if os.path.exists(args.outdir) and os.listdir(args.outdir):
        fail(f"{args.outdir} exists and is not empty")
    start = time.monotonic()
    STORIES, GROUPS = load(args.reuters)
    pool_sentences = sum(len(s[2]) for s in STORIES)
    loaded = time.monotonic() - start
    os.makedirs(args.outdir, exist_ok=True)
    folders = (args.articles + PER_FOLDER - 1) // PER_FOLDER
    jobs = [(args.outdir, args.seed, f, min(PER_FOLDER, args.articles - f * PER_FOLDER))
            for f in range(folders)]
    total_bytes = total_sentences = 0
    with multiprocessing.get_context("fork").Pool(max(1, args.jobs)) as pool:
        for b, s in pool.imap_unordered(write_folder, jobs, chunksize=1):
            total_bytes += b
            total_sentences += s
    elapsed = time.monotonic() - start
    print(f"gen_corpus.py: {args.articles:,} articles in {folders:,} folders of <= {PER_FOLDER} "
          f"under {args.outdir}, seed {args.seed}")
    print(f"  source: {args.reuters}: {len(STORIES):,} NORM stories with prose, "
          f"{pool_sentences:,} sentences (read in {loaded:.1f} s)")
    print(f"  each article: the title, dateline city and a run of the sentences of one story, "
          f"plus 1-4 sentences (in runs of 1-3) from stories of the same first topic or place; "
          f"{MIN_SENTENCES}-{MAX_SENTENCES} sentences; dates uniform over "
          f"{FIRST_DAY}..{LAST_DAY} (date line and file mtime)")
    print(f"  wrote {total_bytes / 1e6:,.1f} MB, {total_sentences / args.articles:.1f} sentences "
          f"per article on average, in {elapsed:.1f} s with {args.jobs} worker(s)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Ranking quality on Reuters-21578: P@10 and AP@100 of one query per topic.

Reads topics.tsv (topic code, query) and the corpus' index.tsv (each article's topics),
runs `newssearch --json --limit 100 QUERY` on the index NEWSINDEX_DB names, and prints
each query's figures and their means. An article is relevant when it carries the topic.

  bench/relevance/relevance.py BUILD_DIR INDEX_TSV
"""
import json
import os
import subprocess
import sys


def main():
    build, index_tsv = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    relevant = {}
    with open(index_tsv, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        id_col, topics_col = header.index("id"), header.index("topics")
        for line in f:
            row = line.rstrip("\n").split("\t")
            for topic in filter(None, row[topics_col].split("|")):
                relevant.setdefault(topic, set()).add(row[id_col])
    p10s, aps = [], []
    with open(os.path.join(here, "topics.tsv"), encoding="utf-8") as f:
        queries = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    for topic, query in queries:
        out = subprocess.run([os.path.join(build, "newssearch"), "--json", "--limit", "100",
                              "--fields", "id", query], check=True, capture_output=True,
                             text=True).stdout
        ids = [os.path.splitext(os.path.basename(h["id"]))[0] for h in json.loads(out)["hits"]]
        rel = relevant.get(topic, set())
        p10 = sum(1 for i in ids[:10] if i in rel) / 10
        found, precisions = 0, []
        for rank, i in enumerate(ids, 1):
            if i in rel:
                found += 1
                precisions.append(found / rank)
        ap = sum(precisions) / min(len(rel), 100) if rel else 0
        p10s.append(p10)
        aps.append(ap)
        print(f"{topic}\t{query}\trelevant {len(rel)}\tP@10 {p10:.2f}\tAP@100 {ap:.4f}")
    print(f"mean over {len(queries)} queries: P@10 {sum(p10s) / len(p10s):.4f}  "
          f"AP@100 {sum(aps) / len(aps):.4f}")


if __name__ == "__main__":
    main()

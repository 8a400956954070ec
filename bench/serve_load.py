#!/usr/bin/python3
"""Fires concurrent requests at `newssearch serve` and reports their latency; the load half
of bench/serve_load.sh (Python's standard library only).

    serve_load.py URL [--requests 400] [--concurrency 200]

Each of CONCURRENCY threads sends its share of REQUESTS one after the other, on a new
connection each; the first requests of all threads leave together (a barrier), so the
server sees CONCURRENCY requests at once. The mix: plain queries, phrases and booleans,
facet filters, date ranges, facet-only counts, sorting, paging, more-like-this, article
views and entity pages. A request passes when it answers 200 with the JSON document of
its kind. Latency is measured in
the client, from the connect to the last byte of the body: it includes the wait for a
free server worker and this client's own (GIL-bound) overhead. Exits 1 on any failure.
"""
import argparse
import json
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

QUERIES = [
    {"q": "oil"},
    {"q": "coffee prices"},
    {"q": '"interest rates"'},
    {"q": "oil AND (opec OR saudi)"},
    {"q": "export*", "sort": "-date"},
    {"q": "bank", "any": "1", "q2": "rates"},
    {"q": "place:Japan"},
    {"q": 'org:"Federal Reserve"', "limit": "0"},
    {"q": "person:Reagan trade"},
    {"q": "date:1987-03..1987-04 wheat"},
    {"q": "", "limit": "0"},
    {"q": "said", "offset": "20", "limit": "10"},
    {"q": "place:Brazil debt", "facets": "person,org"},
    {"q": "shares", "sort": "date", "facets": "date"},
]


def request_path(i, like_ids, entities):
    # Every seventh request is more-like-this, every eleventh an article view (an id from
    # the warm-up search) and every thirteenth an entity's page (a name of its facets).
    if i % 13 == 12 and entities:
        kind, name = entities[i % len(entities)]
        return "/api/entity?" + urllib.parse.urlencode({"kind": kind, "name": name})
    if i % 7 == 6 and like_ids:
        return "/api/like?" + urllib.parse.urlencode({"id": like_ids[i % len(like_ids)]})
    if i % 11 == 10 and like_ids:
        return "/api/article?" + urllib.parse.urlencode(
            {"id": like_ids[i % len(like_ids)], "q": "said"})
    params = dict(QUERIES[i % len(QUERIES)])
    if "q2" in params:
        params["q"] += " " + params.pop("q2")
    return "/api/search?" + urllib.parse.urlencode(params)


def fetch(url, timeout=30):
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body = response.read()
        status = response.status
    return status, body, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=200)
    args = parser.parse_args()
    base = args.url.rstrip("/")

    _, body, _ = fetch(base + "/api/search?q=said&limit=20&facets=person,org,place")
    warm = json.loads(body)
    like_ids = [hit["id"] for hit in warm["hits"]]
    entities = [(kind, value["value"]) for kind, values in warm["facets"].items()
                for value in values]

    # The same mix one request at a time first: what a request costs without a queue.
    alone = sorted(fetch(base + request_path(i, like_ids, entities))[2] for i in range(2 * len(QUERIES)))
    print(f"one at a time ({len(alone)} requests of the mix): "
          f"p50 {alone[len(alone) // 2] * 1000:.0f} ms, max {alone[-1] * 1000:.0f} ms")

    barrier = threading.Barrier(args.concurrency)
    latencies = []
    failures = []
    lock = threading.Lock()
    kinds = {"search": 0, "facet filter": 0, "like": 0, "article": 0, "entity": 0}

    def worker(thread):
        barrier.wait()
        for i in range(thread, args.requests, args.concurrency):
            path = request_path(i, like_ids, entities)
            kind = ("like" if path.startswith("/api/like") else
                    "article" if path.startswith("/api/article") else
                    "entity" if path.startswith("/api/entity") else
                    "facet filter" if any(f in urllib.parse.unquote_plus(path)
                                          for f in ("person:", "org:", "place:", "date:"))
                    else "search")
            try:
                status, body, seconds = fetch(base + path)
                document = json.loads(body)
                expected = {"article": ("body", "mentions"),
                            "entity": ("articles", "months")}.get(kind, ("total", "hits"))
                if status != 200 or any(key not in document for key in expected):
                    raise ValueError(f"HTTP {status}: {body[:200]!r}")
                with lock:
                    latencies.append(seconds)
                    kinds[kind] += 1
            except (urllib.error.URLError, OSError, ValueError) as e:
                with lock:
                    failures.append(f"{path}: {e}")

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        list(pool.map(worker, range(args.concurrency)))
    wall = time.perf_counter() - start

    for failure in failures[:10]:
        print("FAILED", failure)
    if latencies:
        ordered = sorted(latencies)
        pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000
        print(f"requests: {len(latencies) + len(failures)} ({kinds['search']} searches, "
              f"{kinds['facet filter']} with facet or date filters, {kinds['like']} like, "
              f"{kinds['article']} article views, {kinds['entity']} entity pages), "
              f"concurrency {args.concurrency}, failed {len(failures)}")
        print(f"latency ms: p50 {pick(0.50):.0f}, p95 {pick(0.95):.0f}, p99 {pick(0.99):.0f}, "
              f"max {ordered[-1] * 1000:.0f}, mean {statistics.mean(ordered) * 1000:.0f}")
        print(f"wall {wall:.2f} s, {len(latencies) / wall:.0f} requests/s")
    return 1 if failures or not latencies else 0


if __name__ == "__main__":
    sys.exit(main())

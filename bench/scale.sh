#!/usr/bin/env bash
# newsindex against its peers on one corpus, in the same run: omindex + quest (Xapian's own
# indexer and search tool, xapian-omega) and SQLite FTS5 (the sqlite3 CLI). Measures full
# build (wall, CPU, peak RSS, index size before and after compaction), a no-change re-run,
# an incremental re-run (1% of the files changed, 0.5% deleted), and whole-process query
# latency over bench/queries.txt plus one query that matches about 70% of the archive.
# Prints a markdown table, each figure a median over --runs, with newsindex/peer ratios:
# this machine is shared and noisy, so only figures measured side by side compare.
#
#   bench/scale.sh [reuters|gen:N] [--runs R]      (default: reuters, 3 runs)
#
#   reuters  the Reuters-21578 dev articles (../shared/datasets/reuters21578/dev.tar.xz)
#   gen:N    N articles made by bench/gen_corpus.py --articles N --seed 1
#
# NEWSINDEX_BIN_DIR names the folder with newsindex and newssearch (default: build/ under
# the repository root). TMPDIR says where the work folder goes (default /tmp); it is
# removed at the end, also on failure or Ctrl-C, and no process is left behind.
# Progress goes to stderr, the report to stdout.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: bench/scale.sh [reuters|gen:N] [--runs R]" >&2; exit 2; }
corpus=reuters
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        reuters | gen:*) corpus=$1 ;;
        --runs) [ $# -ge 2 ] || usage; runs=$2; shift ;;
        --runs=*) runs=${1#--runs=} ;;
        -h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) usage ;;
    esac
    shift
done
case "$runs" in '' | *[!0-9]* | 0) echo "scale.sh: --runs wants a positive number" >&2; exit 2 ;; esac
case "$corpus" in gen:*) n=${corpus#gen:}; case "$n" in '' | *[!0-9]* | 0) usage ;; esac ;; esac

bin=${NEWSINDEX_BIN_DIR:-$repo/build}
[ -d "$bin" ] && bin=$(cd "$bin" && pwd)
missing=()
for tool in "$bin/newsindex" "$bin/newssearch"; do
    [ -x "$tool" ] || missing+=("$tool (build it, or set NEWSINDEX_BIN_DIR)")
done
for tool in omindex quest xapian-compact xapian-delve sqlite3 python3 tar xz du; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (apt-get install time)")
if [ ${#missing[@]} -gt 0 ]; then
    echo "scale.sh: missing tools:" >&2
    printf '  %s\n' "${missing[@]}" >&2
    echo "  omindex, quest: apt-get install xapian-omega; xapian-compact, xapian-delve:" \
        "xapian-tools; sqlite3: sqlite3" >&2
    exit 1
fi
sqlite3 :memory: "CREATE VIRTUAL TABLE t USING fts5(a); SELECT count(*) FROM fsdir('.') LIMIT 1;" \
    >/dev/null 2>&1 || { echo "scale.sh: this sqlite3 lacks FTS5 or fsdir()" >&2; exit 1; }
tarball="$repo/../shared/datasets/reuters21578/dev.tar.xz"
[ -f "$tarball" ] || { echo "scale.sh: the Reuters-21578 dataset is absent: $tarball not found" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/newsindex-scale.XXXXXX")
child=
cleanup() {
    trap - EXIT INT TERM
    if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
        kill -TERM "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "scale.sh: interrupted" >&2; cleanup; exit 130' INT
trap 'echo "scale.sh: terminated" >&2; cleanup; exit 143' TERM

cat >"$work/scale.py" <<'PY'
import json, os, re, shutil, signal, socket, statistics, subprocess, sys, time, datetime

repo, bin_dir, work, corpus_spec, runs, tarball = sys.argv[1:7]
runs = int(runs)
NI, NS = os.path.join(bin_dir, "newsindex"), os.path.join(bin_dir, "newssearch")
CORPUS = os.path.join(work, "corpus")
IDX = os.path.join(work, "idx")
LOG = os.path.join(work, "log")
TIMEFILE = os.path.join(work, "time.txt")
started = time.monotonic()


class Stop(Exception):
    pass


def on_signal(signum, _frame):
    raise Stop(f"signal {signum}")


def quiet_stop(kind, value, tb):
    if issubclass(kind, Stop):
        print(f"scale.sh: stopped by {value}", file=sys.stderr)
    else:
        sys.__excepthook__(kind, value, tb)


sys.excepthook = quiet_stop
signal.signal(signal.SIGTERM, on_signal)
signal.signal(signal.SIGINT, on_signal)


def say(*a):
    print(*a, file=sys.stderr, flush=True)


def die(message):
    say(f"scale.sh: {message}")
    sys.exit(1)


def spawn(cmd, **kw):
    # Each command in its own process group, so that a kill takes its children too.
    return subprocess.Popen(cmd, start_new_session=True, **kw)


def finish(p, capture=False):
    try:
        out = p.communicate()
    except BaseException:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()
        raise
    return out


def run(cmd, ok=(0,)):
    p = spawn(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = finish(p)
    if p.returncode not in ok:
        die(f"{' '.join(cmd)} failed ({p.returncode}): {err.decode(errors='replace')[-2000:]}")
    return out.decode(errors="replace")


def measured(name, cmd, stdin_path=None, ok=(0,)):
    """Runs cmd under /usr/bin/time -v: wall (s), CPU user+system (s), peak RSS (MB)."""
    with open(LOG, "ab") as log:
        log.write(f"\n$ {' '.join(cmd)}\n".encode())
        log.flush()
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            t0 = time.perf_counter()
            p = spawn(["/usr/bin/time", "-v", "-o", TIMEFILE] + cmd, stdin=stdin, stdout=log,
                      stderr=log)
            finish(p)
            wall = time.perf_counter() - t0
        finally:
            if stdin_path:
                stdin.close()
    if p.returncode not in ok:
        with open(LOG, "rb") as log:
            tail = log.read()[-3000:].decode(errors="replace")
        die(f"{name}: {' '.join(cmd)} exited {p.returncode}; its output ends:\n{tail}")
    stats = {}
    with open(TIMEFILE) as f:
        for line in f:
            key, _, value = line.strip().rpartition(": ")
            stats[key] = value
    cpu = float(stats["User time (seconds)"]) + float(stats["System time (seconds)"])
    rss = int(stats["Maximum resident set size (kbytes)"]) / 1024
    return {"wall": wall, "cpu": cpu, "rss": rss, "user": float(stats["User time (seconds)"])}


def du_mb(path):
    return int(run(["du", "-sk", path]).split()[0]) / 1024


def xapian_dirs(path):
    """The Xapian databases under an index path: the path itself, or its shards."""
    found = sorted(root for root, _dirs, files in os.walk(path)
                   if "iamglass" in files or "iamhoney" in files)
    if not found:
        die(f"no Xapian database under {path}")
    return found


def sql_quote(s):
    return "'" + s.replace("'", "''") + "'"


# ---------------------------------------------------------------- corpus
say(f"work folder: {work}")
os.makedirs(IDX)
gen_note = ""
if corpus_spec == "reuters":
    run(["tar", "-xJf", tarball, "-C", work])
    os.rename(os.path.join(work, "articles"), CORPUS)
    corpus_name = "Reuters-21578 dev (shared/datasets/reuters21578/dev.tar.xz)"
else:
    n = int(corpus_spec.split(":", 1)[1])
    say(f"generating {n:,} articles ...")
    t0 = time.perf_counter()
    gen_out = run(["python3", os.path.join(repo, "bench", "gen_corpus.py"), "--articles", str(n),
                   "--seed", "1", "--reuters", tarball, CORPUS])
    say(gen_out.rstrip())
    gen_note = f"generated in {time.perf_counter() - t0:.0f} s"
    corpus_name = f"generated: `python3 bench/gen_corpus.py --articles {n} --seed 1 DIR`"
files = sorted(os.path.relpath(os.path.join(d, f), CORPUS)
               for d, _s, fs in os.walk(CORPUS) for f in fs if f.endswith(".txt"))
articles = len(files)
corpus_mb = du_mb(CORPUS)
# The incremental change: every 100th file gets a sentence appended, every 200th (another
# one) is deleted. Deterministic: the same files every run.
changed = [f for i, f in enumerate(files) if i % 100 == 50]
deleted = [f for i, f in enumerate(files) if i % 200 == 25]
BACKUP = os.path.join(work, "backup")
for f in changed + deleted:
    os.makedirs(os.path.dirname(os.path.join(BACKUP, f)), exist_ok=True)
    shutil.copy2(os.path.join(CORPUS, f), os.path.join(BACKUP, f))
APPENDIX = "\nThe figures were revised on Thursday, a spokesman for the company said.\n"


def change_corpus():
    for f in changed:
        with open(os.path.join(CORPUS, f), "a") as out:
            out.write(APPENDIX)
    for f in deleted:
        os.unlink(os.path.join(CORPUS, f))


def restore_corpus():
    for f in changed + deleted:
        shutil.copy2(os.path.join(BACKUP, f), os.path.join(CORPUS, f))


# ---------------------------------------------------------------- queries
queries = []
with open(os.path.join(repo, "bench", "queries.txt")) as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            queries.append(line)


def fts_query(q):
    out = []
    for tok in re.findall(r'"[^"]*"|\S+', q):
        if tok.startswith('"') or tok in ("OR", "NOT", "AND"):
            out.append(tok)
        else:
            out.append('"' + tok.replace('"', "") + '"')
    return " ".join(out)


# ---------------------------------------------------------------- the tools
ni_db = os.path.join(IDX, "newsindex")
ni_jobs_db = os.path.join(IDX, "newsindex-jobs")
om_db = os.path.join(IDX, "omega")
fts_db = os.path.join(IDX, "fts.sqlite")
nproc = os.cpu_count() or 1
has_jobs = "--jobs" in run([NI, "build", "--help"])
ni_sharded = os.path.join(IDX, "newsindex-2-shards")
has_tcpsrv = shutil.which("xapian-tcpsrv") is not None
FACET_COUNT = os.path.join(bin_dir, "facet_count")
if not os.access(FACET_COUNT, os.X_OK):
    FACET_COUNT = None

SPLIT_TITLE = ("CASE WHEN instr(t, char(10)) > 0 THEN substr(t, 1, instr(t, char(10)) - 1) "
               "ELSE t END", "CASE WHEN instr(t, char(10)) > 0 THEN substr(t, instr(t, char(10)) + 1) "
               "ELSE '' END")
FTS_BUILD = os.path.join(work, "fts-build.sql")
FTS_SYNC = os.path.join(work, "fts-sync.sql")
with open(FTS_BUILD, "w") as f:
    f.write(f"""
CREATE TABLE docs(id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, mtime INTEGER,
                  title TEXT, body TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, body, content='docs', content_rowid='id',
                                    tokenize='porter unicode61');
CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN
  INSERT INTO fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER docs_ad AFTER DELETE ON docs BEGIN
  INSERT INTO fts(fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER docs_au AFTER UPDATE ON docs BEGIN
  INSERT INTO fts(fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
BEGIN;
INSERT INTO docs(path, mtime, title, body)
  SELECT path, mtime, {SPLIT_TITLE[0]}, {SPLIT_TITLE[1]}
  FROM (SELECT name AS path, mtime, CAST(data AS TEXT) AS t FROM fsdir({sql_quote(CORPUS)})
        WHERE name LIKE '%.txt' AND mode & 0xF000 = 0x8000);
COMMIT;
""")
with open(FTS_SYNC, "w") as f:
    # What a re-run does: walk the folder (stat only), re-read files whose mtime changed,
    # add new ones, drop deleted ones.
    f.write(f"""
BEGIN;
CREATE TEMP TABLE seen AS SELECT name AS path, mtime FROM fsdir({sql_quote(CORPUS)})
  WHERE name LIKE '%.txt' AND mode & 0xF000 = 0x8000;
CREATE UNIQUE INDEX temp.seen_path ON seen(path);
DELETE FROM docs WHERE path NOT IN (SELECT path FROM seen);
CREATE TEMP TABLE fresh AS SELECT s.path, s.mtime, CAST(readfile(s.path) AS TEXT) AS t
  FROM seen s LEFT JOIN docs d ON d.path = s.path
  WHERE d.path IS NULL OR d.mtime <> s.mtime;
INSERT INTO docs(path, mtime, title, body)
  SELECT path, mtime, {SPLIT_TITLE[0]}, {SPLIT_TITLE[1]} FROM fresh WHERE true
  ON CONFLICT(path) DO UPDATE SET mtime = excluded.mtime, title = excluded.title,
                                  body = excluded.body;
COMMIT;
""")

TOOLS = ["newsindex", "omindex", "fts5"]
COMMANDS = {
    "newsindex": [NI, "build", "--db", ni_db, CORPUS],
    "omindex": ["omindex", "--db", om_db, "--url", "/", CORPUS],
    "fts5": ["sqlite3", "-bail", fts_db],
}


def build(tool):
    if tool == "fts5":
        return measured(tool, COMMANDS[tool], stdin_path=FTS_BUILD)
    return measured(tool, COMMANDS[tool])


def rerun(tool):
    if tool == "fts5":
        return measured(tool, COMMANDS[tool], stdin_path=FTS_SYNC)
    return measured(tool, COMMANDS[tool])


def search_cmd(tool, q):
    if tool == "newsindex":
        return [NS, "--db", ni_db, "--limit", "10", "--", q]
    if tool == "omindex":
        return ["quest", "-d", om_db, "-o", "and", "-m", "10", q]
    m = sql_quote(fts_query(q))
    return ["sqlite3", "-readonly", fts_db,
            f"SELECT count(*) FROM fts WHERE fts MATCH {m}; "
            f"SELECT (SELECT path FROM docs WHERE id = fts.rowid), title, "
            f"snippet(fts, 1, '[', ']', '...', 16) FROM fts WHERE fts MATCH {m} "
            f"ORDER BY rank LIMIT 10;"]


def timed_query(cmd):
    t0 = time.perf_counter()
    p = spawn(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = finish(p)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        die(f"query failed ({p.returncode}): {' '.join(cmd)}: {err.decode(errors='replace')}")
    return dt * 1000


def count(tool, q):
    if tool == "newsindex":
        return run([NS, "--db", ni_db, "--count", "--", q]).strip()
    if tool == "omindex":
        out = run(search_cmd(tool, q))
        m = re.search(r"^(Exactly \d+|About \d+|Between .*?)( matches)", out, re.M)
        line = m.group(1) if m else "?"
        return line.replace("Exactly ", "").replace("About ", "about ")
    return run(["sqlite3", "-readonly", fts_db,
                f"SELECT count(*) FROM fts WHERE fts MATCH {sql_quote(fts_query(q))};"]).strip()


def doc_count(tool):
    if tool == "newsindex":
        return json.loads(run([NI, "status", "--db", ni_db, "--json"]))["articles"]
    if tool == "omindex":
        m = re.search(r"number of documents = (\d+)", run(["xapian-delve", om_db]))
        return int(m.group(1))
    return int(run(["sqlite3", "-readonly", fts_db, "SELECT count(*) FROM docs;"]))


def compacted_mb(tool):
    dest = os.path.join(work, "compact")
    shutil.rmtree(dest, ignore_errors=True)
    if tool == "fts5":
        run(["cp", fts_db, dest])
        run(["sqlite3", dest, "INSERT INTO fts(fts) VALUES('optimize'); VACUUM;"])
    else:
        # Several shards are merged into one compact database.
        run(["xapian-compact"] + xapian_dirs(ni_db if tool == "newsindex" else om_db) + [dest])
    size = du_mb(dest)
    shutil.rmtree(dest, ignore_errors=True) if os.path.isdir(dest) else os.unlink(dest)
    return size


# ---------------------------------------------------------------- the runs
R = {}  # (figure, tool) -> [values]


def note(figure, tool, value):
    R.setdefault((figure, tool), []).append(value)


broad = None
for r in range(runs):
    order = TOOLS[r % 3:] + TOOLS[:r % 3]
    say(f"run {r + 1}/{runs} (order {', '.join(order)})")
    for p in (ni_db, ni_jobs_db, om_db, fts_db):
        shutil.rmtree(p, ignore_errors=True) if os.path.isdir(p) else (
            os.unlink(p) if os.path.exists(p) else None)
    for tool in order:
        m = build(tool)
        say(f"  {tool} full build: {m['wall']:.1f} s wall, {m['cpu']:.1f} s CPU, {m['rss']:.0f} MB")
        note("build_wall", tool, m["wall"])
        note("build_cpu", tool, m["cpu"])
        note("build_rss", tool, m["rss"])
        note("size", tool, du_mb(fts_db if tool == "fts5" else ni_db if tool == "newsindex" else om_db))
    if has_jobs:
        m = measured("newsindex --jobs", [NI, "build", "--jobs", str(nproc), "--db", ni_jobs_db, CORPUS])
        say(f"  newsindex --jobs {nproc} full build: {m['wall']:.1f} s wall, {m['cpu']:.1f} s CPU")
        note("jobs_wall", "newsindex", m["wall"])
        note("jobs_cpu", "newsindex", m["cpu"])
        note("jobs_rss", "newsindex", m["rss"])
        shutil.rmtree(ni_jobs_db, ignore_errors=True)
    if r == 0:
        for tool in order:
            note("compacted", tool, compacted_mb(tool))
    for tool in order:
        m = rerun(tool)
        say(f"  {tool} no-change re-run: {m['wall']:.2f} s wall")
        note("noop_wall", tool, m["wall"])
        note("noop_cpu", tool, m["cpu"])
    if broad is None:
        # The broad query: the candidate word whose share of the archive is nearest 70%.
        # The first of these within 62-78%, else the nearest.
        best = None
        for word in ("said", "the", "of", "to", "and", "in", "on", "for", "it", "year",
                     "company", "would", "also", "will", "pct", "mln", "dlrs"):
            share = int(count("fts5", word)) / articles
            if 0.62 <= share <= 0.78:
                best = (word, share)
                break
            if best is None or abs(share - 0.7) < abs(best[1] - 0.7):
                best = (word, share)
        broad = best[0]
        for tool in TOOLS:
            R[("broad_count", tool)] = [count(tool, broad)]
        say(f"  broad query: {broad} ({best[1]:.0%} of the articles by FTS5)")
    # Query latency: a warm-up pass, then each query once per tool, tools interleaved.
    for q in queries:
        for tool in order:
            timed_query(search_cmd(tool, q))
    lat = {t: [] for t in TOOLS}
    for q in queries:
        for tool in order:
            lat[tool].append(timed_query(search_cmd(tool, q)))
    for tool in TOOLS:
        xs = sorted(lat[tool])
        note("q_p50", tool, statistics.median(xs))
        note("q_p95", tool, xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))])
        bl = [timed_query(search_cmd(tool, broad)) for _ in range(5)]
        note("q_broad", tool, statistics.median(bl))
    say("  queries: " + ", ".join(f"{t} p50 {R[('q_p50', t)][-1]:.0f} ms" for t in TOOLS))
    # Facet counting in process (bench/facet_count.cc) and the broad query through two stock
    # xapian-tcpsrv against the same two shards searched locally: newsindex only.
    if FACET_COUNT:
        line = [l for l in run([FACET_COUNT, ni_db, broad, "--runs", "10"]).splitlines()
                if l.startswith(broad + " ")]
        if line:
            note("facet_ns", "newsindex", float(line[0].split()[3]))
    if has_tcpsrv:
        if r == 0:
            run([NI, "build", "--db", ni_sharded, "--shards", "2", "-q", CORPUS])
        servers, stub = [], os.path.join(work, "remote.stub")
        try:
            with open(stub, "w") as f:
                for shard in ("shard-00", "shard-01"):
                    s = socket.socket()
                    s.bind(("127.0.0.1", 0))
                    port = s.getsockname()[1]
                    s.close()
                    log = open(os.path.join(work, f"tcpsrv-{shard}.log"), "w+")
                    servers.append(spawn(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                          str(port), os.path.join(ni_sharded, shard)],
                                         stdout=log, stderr=subprocess.STDOUT))
                    for _ in range(100):
                        log.seek(0)
                        if "Listening" in log.read():
                            break
                        time.sleep(0.1)
                    f.write(f"remote 127.0.0.1:{port}\n")
            for where, key in ((stub, "remote_broad"), (ni_sharded, "shards_broad")):
                cmd = [NS, "--db", where, "--json", "--", broad]
                timed_query(cmd)
                note(key, "newsindex", statistics.median(timed_query(cmd) for _ in range(5)))
        finally:
            for p in servers:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait()
    change_corpus()
    for tool in order:
        m = rerun(tool)
        say(f"  {tool} incremental re-run: {m['wall']:.2f} s wall")
        note("inc_wall", tool, m["wall"])
        note("inc_cpu", tool, m["cpu"])
        note("inc_docs", tool, doc_count(tool))
    restore_corpus()

# ---------------------------------------------------------------- the report
def med(figure, tool):
    xs = R.get((figure, tool))
    return statistics.median(xs) if xs else None


def fmt(v, unit):
    if v is None:
        return "n/a"
    if isinstance(v, str):
        return v
    if unit == "n":
        return f"{int(v):,}"
    if unit == "ns":
        return f"{v:.1f} ns"
    if v >= 100:
        return f"{v:,.0f} {unit}"
    if v >= 10:
        return f"{v:.1f} {unit}"
    return f"{v:.2f} {unit}"


def ratio(a, b):
    if a is None or b is None or isinstance(a, str) or isinstance(b, str) or b == 0:
        return ""
    return f"{a / b:.2f}"


def version(cmd):
    return run(cmd).strip().splitlines()[0]


cpu_model = "?"
with open("/proc/cpuinfo") as f:
    for line in f:
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
expected = articles - len(deleted)
broad_share = int(R[("broad_count", "fts5")][0]) / articles
out = []
out.append(f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC with "
           f"`bench/scale.sh {corpus_spec} --runs {runs}`: {nproc} cores ({cpu_model}), "
           f"{os.uname().sysname} {os.uname().release}, shared machine; every figure is the median "
           f"over {runs} run(s) of all three tools, side by side, in rotating order.")
out.append("")
out.append(f"* Corpus: {corpus_name}; {articles:,} articles, {corpus_mb:.0f} MB on disk"
           + (f" ({gen_note})" if gen_note else "") + ".")
try:
    tree = subprocess.run(["git", "-C", repo, "describe", "--always", "--dirty"], capture_output=True,
                          text=True, timeout=30).stdout.strip() or "?"
except (OSError, subprocess.SubprocessError):
    tree = "?"
out.append(f"* Versions: {version([NI, '--version'])} ({bin_dir}, tree {tree}); {version(['omindex', '--version'])}; "
           f"{version(['quest', '--version'])}; SQLite {run(['sqlite3', '--version']).split()[0]}.")
out.append("* Build: `/usr/bin/time -v` around `newsindex build --db DB DIR`; "
           "`omindex --db DB --url / DIR`; `sqlite3 DB < build.sql` (a `docs(path, mtime, "
           "title, body)` table filled from `fsdir(DIR)` (title = first line), an external-content "
           "`fts5(title, body, tokenize='porter unicode61')` kept in sync by triggers). Wall from "
           "the harness, CPU = user + system.")
out.append("* Re-runs: the same command again (FTS5: a sync script that walks `fsdir(DIR)`, re-reads "
           "files whose mtime changed, inserts new ones, deletes missing ones). Incremental: "
           f"{len(changed):,} files ({len(changed) / articles:.1%}) get a sentence appended and "
           f"{len(deleted):,} ({len(deleted) / articles:.1%}) are deleted, then the re-run.")
out.append("* Compacted: `xapian-compact DB OUT` (FTS5: `INSERT INTO fts(fts) VALUES('optimize'); "
           "VACUUM;`), first run.")
out.append(f"* Queries: the {len(queries)} of `bench/queries.txt`, one process each, output discarded, "
           "after a warm-up pass: `newssearch --db DB --limit 10 -- QUERY` (exact totals and "
           "facets), `quest -d DB -o and -m 10 QUERY` (top 10, estimated total), `sqlite3 -readonly DB "
           "\"SELECT count(*) ... MATCH q; SELECT path, title, snippet(...) ... MATCH q ORDER BY rank "
           "LIMIT 10\"` (bm25; bare words quoted). p50/p95 over the queries, then the median over "
           f"runs. Broad query: `{broad}`, matching {broad_share:.0%} of the articles, 5 times per run.")
if not has_jobs:
    out.append("* `newsindex build --jobs N`: not measured, this build has no `--jobs` option.")
if FACET_COUNT:
    out.append(f"* Facet counting in process: `facet_count DB {broad} --runs 10` (bench/facet_count.cc: "
               "the fastest counting pass with the facet columns' spy minus the fastest without a "
               "spy, over the matches).")
if has_tcpsrv:
    out.append(f"* Remote: `newsindex build --shards 2`, each shard served by `xapian-tcpsrv` on "
               f"127.0.0.1, `newssearch --db STUB --json -- {broad}` against the same with `--db` "
               "at the sharded index, median of 5 after a warm-up.")
out.append("")
out.append("| figure | newsindex | omindex / quest | SQLite FTS5 | newsindex / omindex | newsindex / FTS5 |")
out.append("| --- | ---: | ---: | ---: | ---: | ---: |")
rows = [
    ("full build, wall", "build_wall", "s"),
    ("full build, CPU", "build_cpu", "s"),
    ("full build, peak RSS", "build_rss", "MB"),
]
if has_jobs:
    rows += [(f"full build with `--jobs {nproc}`, wall", "jobs_wall", "s"),
             (f"full build with `--jobs {nproc}`, CPU", "jobs_cpu", "s"),
             (f"full build with `--jobs {nproc}`, peak RSS", "jobs_rss", "MB")]
rows += [
    ("index size, uncompacted", "size", "MB"),
    ("index size, compacted", "compacted", "MB"),
    ("no-change re-run, wall", "noop_wall", "s"),
    ("no-change re-run, CPU", "noop_cpu", "s"),
    ("incremental re-run, wall", "inc_wall", "s"),
    ("incremental re-run, CPU", "inc_cpu", "s"),
    (f"articles after it (expected {expected:,})", "inc_docs", "n"),
    ("query latency p50 (40 queries)", "q_p50", "ms"),
    ("query latency p95", "q_p95", "ms"),
    (f"broad query `{broad}`, latency", "q_broad", "ms"),
    (f"broad query `{broad}`, matches reported", "broad_count", "n"),
]
if FACET_COUNT:
    rows.append((f"facet counting in process, `{broad}` (ns per match, all four facets)",
                 "facet_ns", "ns"))
if has_tcpsrv:
    rows += [(f"broad query `{broad}` on 2 local shards, `--json`", "shards_broad", "ms"),
             (f"the same through two stock `xapian-tcpsrv`", "remote_broad", "ms")]
for label, key, unit in rows:
    if key in ("facet_ns", "shards_broad"):
        out.append(f"| {label} | {fmt(med(key, 'newsindex'), unit)} | | | | |")
        continue
    if key == "remote_broad":
        a, b = med(key, "newsindex"), med("shards_broad", "newsindex")
        out.append(f"| {label} | {fmt(a, unit)} | | | {ratio(a, b)} × local shards | |")
        continue
    if key == "broad_count":
        vals = [R[(key, t)][0] for t in TOOLS]
        vals = [v if not v.isdigit() else f"{int(v):,}" for v in vals]
        out.append(f"| {label} | {vals[0]} | {vals[1]} | {vals[2]} | | |")
        continue
    if key in ("jobs_wall", "jobs_cpu", "jobs_rss"):
        a = med(key, "newsindex")
        base = key.replace("jobs_", "build_")
        b, c = med(base, "omindex"), med(base, "fts5")
    else:
        a, b, c = med(key, "newsindex"), med(key, "omindex"), med(key, "fts5")
    extra = ""
    if key == "inc_docs":
        out.append(f"| {label} | {fmt(a, unit)} | {fmt(b, unit)} | {fmt(c, unit)} | | |")
        continue
    if key.startswith("jobs_"):
        out.append(f"| {label} | {fmt(a, unit)} | (as above) | (as above) | {ratio(a, b)} | {ratio(a, c)} |")
        continue
    out.append(f"| {label} | {fmt(a, unit)} | {fmt(b, unit)} | {fmt(c, unit)} | {ratio(a, b)} | {ratio(a, c)} |")
out.append("")
out.append(f"Total harness time {time.monotonic() - started:.0f} s.")
print("\n".join(out))
sys.stdout.flush()
PY

python3 "$work/scale.py" "$repo" "$bin" "$work" "$corpus" "$runs" "$tarball" &
child=$!
set +e
wait "$child"
rc=$?
set -e
child=
exit $rc

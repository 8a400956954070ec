# Sourced by test_serve.sh and bench/serve_load.sh (not a test itself): real articles
# from the Reuters-21578 dev set in ../shared, dated by their folder.

# reuters_sample TARBALL DIR COUNT [SKIP [END]]: copies COUNT articles, taken evenly across
# the archive's articles SKIP+1 to END (default: all), into DIR/YYYY/MM/DD/ after the date
# its index.tsv gives them (the articles themselves carry only "CITY, Feb 26").
# Deterministic.
reuters_sample() {
    local tarball=$1 dir=$2 count=$3 skip=${4:-0} end=${5:-0} tmp
    tmp=$(mktemp -d)
    tar -xJf "$tarball" -C "$tmp" index.tsv
    # Columns: id, file, date (1987-02-26T15:01:01), ...
    awk -F'\t' -v count="$count" -v skip="$skip" -v end="$end" '
        NR > 1 + skip && (end == 0 || NR <= 1 + end) { file[++n] = $2; day[n] = substr($3, 1, 10) }
        END {
            step = n / count; if (step < 1) step = 1
            for (i = 1; i <= n && picked < count; i += step) {
                j = int(i); if (day[j] ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) { print file[j] "\t" day[j]; picked++ }
            }
        }' "$tmp/index.tsv" >"$tmp/picked.tsv"
    cut -f1 "$tmp/picked.tsv" >"$tmp/files"
    tar -xJf "$tarball" -C "$tmp" -T "$tmp/files"
    # One mkdir and one mv per day, not per file: thousands of processes take seconds.
    # (The names in index.tsv are articles/reuters-NNNNN.txt: nothing to quote.)
    sort -t$'\t' -k2,2 "$tmp/picked.tsv" | awk -F'\t' -v dir="$dir" -v tmp="$tmp" '
        $2 != day { if (day) print ""; day = $2; path = day; gsub("-", "/", path); path = dir "/" path
                    printf "mkdir -p \"%s\" && mv -t \"%s\"", path, path }
        { printf " \"%s/%s\"", tmp, $1 }
        END { if (day) print "" }' >"$tmp/move.sh"
    bash -e "$tmp/move.sh"
    rm -rf "$tmp"
}

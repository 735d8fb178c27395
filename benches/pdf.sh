#!/usr/bin/env bash
# PDF benchmark: the release binary, one process per run, end to end (fonts, reading, subsetting,
# layout, writing). Reports the median wall time and the median peak memory of several runs, for
# the seed and for books of 250 k, 500 k and 1 M characters (诗经 repeated), so that growth can be
# seen to be linear.
#
#   benches/pdf.sh [RUNS]            (default 9; builds the release binary if needed)
#   CJKPRESS_BIN=path benches/pdf.sh  (times that binary instead, e.g. two builds side by side)
#
# Targets (issue #4): seed < 60 ms; 1 M characters < 2 s and < 300 MB; seed PDF < 140 KB.
set -euo pipefail

cd "$(dirname "$0")/.."
runs=${1:-9}
bin=${CJKPRESS_BIN:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet --bin cjkpress
    bin=target/release/cjkpress
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000

# A book of about N characters: the 诗经 sample's body repeated under its front matter.
book() {
    local chars=$1 out=$2
    local body
    body=$(awk 'BEGIN{n=0} /^---$/{n++; next} n>=2' tests/data/shijing.md)
    local per
    per=$(printf '%s' "$body" | wc -m)
    local times=$(( (chars + per - 1) / per ))
    {
        printf -- '---\ntitle: 诗经（%d 遍）\nlang: zh-Hans\n---\n\n' "$times"
        for _ in $(seq "$times"); do printf '%s\n\n' "$body"; done
    } > "$out"
}

median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

# Runs the conversion RUNS times; prints "wall-ms cpu-ms peak-MB bytes" (medians). Wall time
# from the clock around the run; CPU time (user + system, in 10 ms steps) and peak memory from
# /usr/bin/time. On a machine shared with other work, CPU time is the steadier figure.
measure() {
    local input=$1 output=$2; shift 2
    local walls=() cpus=() mems=()
    for _ in $(seq "$runs"); do
        local a b kb user sys
        a=$(date +%s%N)
        /usr/bin/time -f '%M %U %S' -o "$tmp/time" "$bin" convert "$input" -o "$output" -q "$@"
        b=$(date +%s%N)
        read -r kb user sys < "$tmp/time"
        walls+=("$(( (b - a) / 1000 ))")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%d", (u+s)*1000}')")
        mems+=("$(( kb / 1024 ))")
    done
    local w c m
    w=$(printf '%s\n' "${walls[@]}" | median | awk '{printf "%.1f", $1/1000}')
    c=$(printf '%s\n' "${cpus[@]}" | median)
    m=$(printf '%s\n' "${mems[@]}" | median)
    echo "$w $c $m $(stat -c %s "$output")"
}

row() { printf '%-22s %10s %10s %10s %12s\n' "$@"; }
row input "wall ms" "cpu ms" "peak MB" "PDF bytes"
read -r w c m bytes < <(measure source/speech.txt "$tmp/speech.pdf")
row seed "$w" "$c" "$m" "$bytes"
read -r w c m bytes < <(measure source/speech.txt "$tmp/gongwen.pdf" --preset gongwen)
row "seed (gongwen)" "$w" "$c" "$m" "$bytes"
for chars in 250000 500000 1000000; do
    book "$chars" "$tmp/book-$chars.md"
    n=$(wc -m < "$tmp/book-$chars.md")
    read -r w c m bytes < <(measure "$tmp/book-$chars.md" "$tmp/book-$chars.pdf" --preset book)
    row "book $n chars" "$w" "$c" "$m" "$bytes"
done

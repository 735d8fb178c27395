#!/usr/bin/env bash
# `build` on every core (issue 15): the release binary, whole processes, medians of RUNS runs.
#   1. each input's slowest single format against all four at once (target ≤ 1.25×);
#   2. a folder of 40 copies of the seed with -j 1 against the default (target ≤ 0.6×);
#   3. peak memory (/usr/bin/time) of all four formats of each book.
# Inputs: the seed, a ~148 k-character anthology and a ~966 k-character book (论语 and 诗经
# repeated). CPU time is printed beside wall time: on a shared machine it is the steadier one.
#
#   bash benches/build.sh [RUNS]      (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet --bin cjkpress
bin=$PWD/target/release/cjkpress
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000

source benches/lib.sh


# "wall-ms cpu-ms peak-MB", medians of RUNS runs of the command.
measure() {
  local walls=() cpus=() mems=()
  for _ in $(seq "$runs"); do
    local a b kb user sys
    a=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$tmp/time" "$@" > /dev/null 2>&1
    b=$(date +%s%N)
    read -r kb user sys < "$tmp/time"
    walls+=("$(( (b - a) / 1000000 ))")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%d", (u+s)*1000}')")
    mems+=("$(( kb / 1024 ))")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median) $(printf '%s\n' "${mems[@]}" | median)"
}

cp source/speech.txt "$tmp/seed.txt"
book 148000 "$tmp/anthology.md"
book 966000 "$tmp/book.md"

echo "1. all four formats against the slowest single one (wall ms / cpu ms / peak MB)"
printf '%-10s %9s %-18s %-18s %-18s %-18s %-18s %s\n' input chars pdf docx epub html "all four" "all/slowest"
for name in seed anthology book; do
  input=$(ls "$tmp/$name".*)
  chars=$(wc -m < "$input")
  row=()
  slowest=0
  for f in pdf docx epub html; do
    read -r w c m < <(measure "$bin" build "$input" -o "$tmp/out" --to "$f" -q)
    row+=("$w/$c/$m")
    [ "$w" -gt "$slowest" ] && slowest=$w
  done
  read -r w c m < <(measure "$bin" build "$input" -o "$tmp/out" -q)
  ratio=$(awk -v a="$w" -v b="$slowest" 'BEGIN{printf "%.2f", a/b}')
  printf '%-10s %9s %-18s %-18s %-18s %-18s %-18s %s\n' "$name" "$chars" "${row[@]}" "$w/$c/$m" "$ratio"
done

echo
echo "2. a folder of 40 copies of the seed"
mkdir -p "$tmp/forty"
for i in $(seq -w 1 40); do cp source/speech.txt "$tmp/forty/speech$i.txt"; done
read -r w1 c1 m1 < <(measure "$bin" build "$tmp/forty" -o "$tmp/out40" -j 1 -q)
read -r wn cn mn < <(measure "$bin" build "$tmp/forty" -o "$tmp/out40" -q)
echo "-j 1: $w1 ms (cpu $c1 ms, $m1 MB); default -j $(nproc): $wn ms (cpu $cn ms, $mn MB); ratio $(awk -v a="$wn" -v b="$w1" 'BEGIN{printf "%.2f", a/b}')"

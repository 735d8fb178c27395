#!/usr/bin/env bash
# What automatic ruby costs (issue 25, target ≤ 1.5×): the release binary's `convert` of the
# ~148 k-character anthology of benches/build.sh, each format without ruby, with `--ruby pinyin`
# and with `--ruby zhuyin`; medians of RUNS runs, wall and CPU milliseconds (on the shared
# machine CPU time is the steadier figure).
#
#   bash benches/ruby.sh [RUNS]      (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
cargo build --release --quiet --bin cjkpress
bin=$PWD/target/release/cjkpress
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000

source benches/lib.sh

# "wall-ms cpu-ms", medians of RUNS runs of the command.
measure() {
  local walls=() cpus=()
  for _ in $(seq "$runs"); do
    local a b user sys
    a=$(date +%s%N)
    /usr/bin/time -f '%U %S' -o "$tmp/time" "$@" > /dev/null 2>&1
    b=$(date +%s%N)
    read -r user sys < "$tmp/time"
    walls+=("$(( (b - a) / 1000000 ))")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%d", (u+s)*1000}')")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}

book 148000 "$tmp/anthology.md"
echo "anthology: $(wc -m < "$tmp/anthology.md") characters; wall/cpu ms, medians of $runs"
printf '%-6s %-12s %-12s %-12s %s\n' format none pinyin zhuyin "pinyin/none (cpu)"
for f in html epub docx pdf; do
  run() { measure "$bin" convert "$tmp/anthology.md" -o "$tmp/out.$f" --no-system-fonts -q "$@"; }
  read -r w0 c0 < <(run)
  read -r w1 c1 < <(run --ruby pinyin)
  read -r w2 c2 < <(run --ruby zhuyin)
  ratio=$(awk -v a="$c1" -v b="$c0" 'BEGIN{printf "%.2f", a/b}')
  printf '%-6s %-12s %-12s %-12s %s\n' "$f" "$w0/$c0" "$w1/$c1" "$w2/$c2" "$ratio"
done

#!/usr/bin/env bash
# cjkpress against pandoc + typst on the same Markdown (issue 15): the release binary's `build`
# (all four formats) beside pandoc's DOCX, HTML and EPUB (with the font embedded) and typst's PDF
# (pandoc's typst writer, then the typst compiler), each the median wall time of RUNS runs, and
# the ratio ours / theirs.
#
#   bash benches/compare.sh [RUNS]        (default 3)
#
# pandoc and typst come from PyPI (pypandoc-binary bundles pandoc 3; typst is the compiler as a
# Python module); they are installed under target/tools/py on first use. Target: ratio ≤ 0.08
# on the anthology.
set -euo pipefail

cd "$(dirname "$0")/.."
runs=${1:-3}
py=target/tools/py
if ! [ -x "$py/pypandoc/files/pandoc" ] || ! PYTHONPATH=$py python3 -c 'import typst' 2>/dev/null; then
  python3 -m pip install --quiet --target "$py" pypandoc-binary typst
fi
pandoc=$py/pypandoc/files/pandoc
cargo build --release --quiet --bin cjkpress
bin=target/release/cjkpress
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
font=fonts/NotoSerifSC_400Regular.ttf

source benches/lib.sh

# Median wall milliseconds of RUNS runs of the command.
ms() {
  local t=()
  for _ in $(seq "$runs"); do
    local a b
    a=$(date +%s%N)
    "$@" > /dev/null 2>&1
    b=$(date +%s%N)
    t+=("$(( (b - a) / 1000000 ))")
  done
  printf '%s\n' "${t[@]}" | median
}

typst_pdf() {
  "$pandoc" "$1" -t typst -s -V mainfont="Noto Serif SC" -o "$tmp/doc.typ"
  PYTHONPATH=$py python3 -c "import typst; typst.compile('$tmp/doc.typ', output='$tmp/doc.pdf', font_paths=['fonts'])"
}

printf '%-10s %8s | %9s | %9s %9s %9s %9s | %9s %6s\n' input chars "ours, all" "docx" "html" "epub" "typst pdf" "theirs" ratio
for spec in anthology:148000 book:966000; do
  name=${spec%%:*}
  book "${spec##*:}" "$tmp/$name.md"
  chars=$(wc -m < "$tmp/$name.md")
  ours=$(ms "$bin" build "$tmp/$name.md" -o "$tmp/ours" -q)
  docx=$(ms "$pandoc" "$tmp/$name.md" -o "$tmp/p.docx")
  html=$(ms "$pandoc" "$tmp/$name.md" -s --embed-resources -o "$tmp/p.html")
  epub=$(ms "$pandoc" "$tmp/$name.md" --epub-embed-font="$font" -o "$tmp/p.epub")
  pdf=$(ms typst_pdf "$tmp/$name.md")
  theirs=$(( docx + html + epub + pdf ))
  ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN{printf "%.3f", a/b}')
  printf '%-10s %8s | %6s ms | %6s ms %6s ms %6s ms %6s ms | %6s ms %6s\n' \
    "$name" "$chars" "$ours" "$docx" "$html" "$epub" "$pdf" "$theirs" "$ratio"
done

# Shared by the benchmark scripts: `source benches/lib.sh` from the project's root.

# A Markdown book of about N characters: the bodies of the 论语 and 诗经 samples repeated under
# one title, cut at the first paragraph end past N.
book() {
  local chars=$1 out=$2 body
  body=$(for f in tests/data/lunyu.md tests/data/shijing.md; do
    awk 'BEGIN{n=0} /^---$/{n++; next} n>=2' "$f"
  done)
  {
    printf -- '---\ntitle: 选本\nlang: zh-Hans\n---\n\n'
    for _ in $(seq $(( chars / 50000 + 1 ))); do printf '%s\n\n' "$body"; done
  } | LC_ALL=C.UTF-8 awk -v n="$chars" '{ print; total += length($0) + 1; if (total >= n && $0 == "") exit }' > "$out"
}

# The median of numbers on stdin, one per line.
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

# Shared by the benchmark scripts: `source benches/lib.sh` from the project's root.

# A Markdown book of about N characters: the bodies of the 论语 and 诗经 samples repeated under
# one title, cut at the first paragraph end past N.
book() {
  local chars=$1 out=$2 body
  body=$(for f in tests/data/lunyu.md tests/data/shijing.md; do
    awk 'BEGIN{n=0} /^---$/{n++; next} n>=2' "$f"
  done)
  # Through a file, not a pipe (the cut stops reading early, and `pipefail` would take the
  # writer's SIGPIPE for a failure); counted in characters (mawk's length() counts bytes).
  {
    printf -- '---\ntitle: 选本\nlang: zh-Hans\n---\n\n'
    for _ in $(seq $(( chars / 50000 + 1 ))); do printf '%s\n\n' "$body"; done
  } > "$out.all"
  python3 - "$chars" "$out.all" "$out" <<'PY'
import sys
n, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
total, out = 0, []
for line in open(src, encoding="utf-8"):
    out.append(line)
    total += len(line)
    if total >= n and line == "\n":
        break
open(dst, "w", encoding="utf-8").write("".join(out))
PY
  rm -f "$out.all"
}

# The median of numbers on stdin, one per line.
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

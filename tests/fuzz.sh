#!/usr/bin/env bash
# Long fuzz runs (issue 13, item 9): runs one target of tests/fuzz.rs in batches of fresh random
# cases until MINUTES have passed, then prints the cases run and the findings.
#   bash tests/fuzz.sh readers 30
#   bash tests/fuzz.sh the_pipeline 30
#   bash tests/fuzz.sh fonts 30      (hostile font files: --font, a font folder)
#   bash tests/fuzz.sh images 30     (hostile PNG and JPEG pictures)
# A finding stops the run and prints proptest's minimal failing input; FUZZ_SAVE=DIR keeps
# every source and output of the pipeline target (see tests/fuzz.rs).
set -euo pipefail
target=${1:?target: readers, the_pipeline, fonts or images}
minutes=${2:-30}
case $target in
  readers) batch=20000 ;;
  fonts) batch=100 ;;
  images) batch=200 ;;
  *) batch=500 ;;
esac
cd "$(dirname "$0")/.."
cargo test --release --test fuzz --no-run -q
end=$(( $(date +%s) + minutes * 60 ))
runs=0
while [ "$(date +%s)" -lt "$end" ]; do
  # A seed of its own for each batch (tests/fuzz.rs fixes one under CI), printed with a finding.
  seed=$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')
  if ! out=$(PROPTEST_RNG_SEED=$seed PROPTEST_CASES=$batch cargo test --release -q --test fuzz "$target" -- --test-threads 1 2>&1); then
    echo "$out" | grep -E "minimal failing input|Test failed|panicked" | head -5
    echo "PROPTEST_RNG_SEED=$seed"
    echo "fuzz $target: finding after $runs batches of $batch cases"
    exit 1
  fi
  runs=$((runs + 1))
done
tests=$(grep -c "fn ${target}" tests/fuzz.rs || true)
echo "fuzz $target: $((runs * batch)) cases per property ($tests properties), $runs batches, ${minutes} min, no finding"

#!/usr/bin/env bash
# The long run of the property-based input tests (tests/test_inputs_fuzz.py).
#
#   bash benchmarks/fuzz_long.sh            # 25,000 examples per test: over 100,000 in all
#   LEADCTL_FUZZ_EXAMPLES=200000 bash benchmarks/fuzz_long.sh -x
#
# Extra arguments go to pytest. Runs at the lowest priority; the log and the
# examples that failed (replayed first by the next run) stay in benchmarks/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${LEADCTL_FUZZ_EXAMPLES:-25000}"
mkdir -p benchmarks/out
log="benchmarks/out/fuzz_long-$(date -u +%Y%m%dT%H%M%SZ).log"
echo "Fuzzing with $examples examples per test (a tenth for the slow ones); log: $log" >&2
NO_MKDOCS_2_WARNING=1 LEADCTL_FUZZ_EXAMPLES="$examples" nice -n 19 \
  python3 -m pytest -q -p no:cacheprovider -W ignore::DeprecationWarning --hypothesis-show-statistics \
  tests/test_inputs_fuzz.py "$@" 2>&1 | tee "$log"
exit "${PIPESTATUS[0]}"

#!/usr/bin/env bash
# Runs one fuzz target of Tools/Fuzz (built by `make fuzz-build`) for a while on its corpus and
# ends with one line: `fuzz.NAME: N execs, cov C, ft F` (from libFuzzer's final stats and its last
# status line). Exits with libFuzzer's status: 0, or non-zero when it found a crash, a timeout
# or a leak (the input is then in ARTIFACTS/NAME/).
#
# usage: run-fuzzer.sh NAME SECONDS BIN_DIR SEEDS_DIR CORPUS_ROOT ARTIFACTS_ROOT [libFuzzer options...]
#   The corpus CORPUS_ROOT/NAME is kept between runs and seeded with SEEDS_DIR/NAME/*.bin each time;
#   libFuzzer's output goes to the terminal and to CORPUS_ROOT/NAME.log.
set -uo pipefail

if [ $# -lt 6 ]; then
    sed -n '2,10p' "$0" >&2
    exit 2
fi
name=$1 seconds=$2 bin=$3 seeds=$4 corpora=$5 artifacts=$6
shift 6

corpus="$corpora/$name"
log="$corpora/$name.log"
mkdir -p "$corpus" "$artifacts/$name"
cp "$seeds/$name"/*.bin "$corpus/"

# The Swift runtime's backtracer reads memory AddressSanitizer reports as overflows; libFuzzer's
# own handler prints the stack of a trap instead.
SWIFT_BACKTRACE=enable=no "$bin/$name-fuzz" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
    -artifact_prefix="$artifacts/$name/" "$@" "$corpus" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
status_line=$(grep -E '^#[0-9]+.* cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
cov=$(sed -E 's/.* cov: ([0-9]+).*/\1/' <<<"$status_line")
ft=$(sed -E 's/.* ft: ([0-9]+).*/\1/' <<<"$status_line")
[ -n "$execs" ] || execs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$status_line")
summary="fuzz.$name: ${execs:-0} execs, cov ${cov:-0}, ft ${ft:-0}"
if [ "$status" -ne 0 ]; then
    summary+=" (libFuzzer exit $status: a finding, see $artifacts/$name/ and $log)"
fi
echo "$summary"
exit "$status"

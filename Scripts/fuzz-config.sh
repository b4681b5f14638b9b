#!/usr/bin/env bash
# Fuzz the keepalived.conf parser with libFuzzer.
#   Scripts/fuzz-config.sh [RUNS [LIBFUZZER-ARGS...]]   (default 1000000 executions)
# e.g. Scripts/fuzz-config.sh 500000 -jobs=2 -workers=2   (two processes, RUNS each; logs in .artifacts/)
# The corpus is seeded from ../shared/corpus/keepalived-conf (when present) and the repository's fixtures;
# crashing inputs are written to Fuzz/ConfigFuzz/.artifacts/ — turn each into a regression test in
# Tests/VRRPConfigTests/FuzzRegressionTests.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-1000000}
FUZZ=$ROOT/Fuzz/ConfigFuzz
SCRATCH=${FUZZ_SCRATCH:-$FUZZ/.build-fuzz}
WORK=$FUZZ/.fuzz-corpus
ARTIFACTS=$FUZZ/.artifacts
mkdir -p "$WORK" "$ARTIFACTS"

if [ -d "$ROOT/../shared/corpus/keepalived-conf" ]; then
    cp -n "$ROOT"/../shared/corpus/keepalived-conf/*.conf "$WORK"/ 2>/dev/null || true
fi
if [ -d "$ROOT/Fixtures" ]; then
    find "$ROOT/Fixtures" -name '*.conf' -exec cp -n {} "$WORK"/ \; 2>/dev/null || true
fi
printf 'vrrp_instance VI_1 x\n    state MASTER\n}\n' > "$WORK/keepalived-2.2.7-segfault.conf"

# Swift is memory safe, so the default is coverage-guided fuzzing alone (traps are crashes);
# FUZZ_SANITIZERS=fuzzer,address adds AddressSanitizer at about a third of the speed.
SANITIZERS=${FUZZ_SANITIZERS:-fuzzer}
swift build --package-path "$FUZZ" --scratch-path "$SCRATCH" -c release \
    -Xswiftc -sanitize="$SANITIZERS" -Xswiftc -parse-as-library
BIN=$(swift build --package-path "$FUZZ" --scratch-path "$SCRATCH" -c release --show-bin-path)/ConfigFuzz

cd "$ARTIFACTS"
"$BIN" "$WORK" -runs="$RUNS" -max_len="${FUZZ_MAX_LEN:-4096}" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$ARTIFACTS/" -print_final_stats=1 "${@:2}"

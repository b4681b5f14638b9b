#!/usr/bin/env bash
# Builds the libFuzzer target for the VRRPWire decoders (Fuzz/WireFuzz) and runs it over a corpus seeded from
# Fixtures/pcap and from generated adverts. A crash leaves its input in Fuzz/WireFuzz/crashes/; turn each one into
# a regression test in Tests/VRRPWireTests/FuzzRegressionTests.swift.
#
# Usage: Scripts/fuzz-wire.sh [RUNS]            (default 1000000 executions; CI can pass a small number)
# Env:   FUZZ_SCRATCH, CORPUS_SCRATCH            scratch paths for the two builds (default .build-fuzz, .build-corpus)
#        FUZZ_JOBS                               parallel fuzzing processes (default 1)
set -euo pipefail
cd "$(dirname "$0")/../Fuzz/WireFuzz"
runs=${1:-1000000}
fuzz_scratch=${FUZZ_SCRATCH:-.build-fuzz}
corpus_scratch=${CORPUS_SCRATCH:-.build-corpus}

echo "== building the corpus generator"
swift build -c release --scratch-path "$corpus_scratch" --product WireCorpus
echo "== building the fuzzer (-sanitize=fuzzer,address)"
swift build -c release --scratch-path "$fuzz_scratch" -Xswiftc -sanitize=fuzzer,address --product WireFuzz

corpus="$fuzz_scratch/corpus"
mkdir -p "$corpus" crashes
shopt -s nullglob
fixtures=(../../Fixtures/pcap/*.pcap ../../Fixtures/pcap/*.pcapng)
"$corpus_scratch/release/WireCorpus" corpus "$corpus" "${fixtures[@]}"

echo "== fuzzing for $runs executions"
log="$fuzz_scratch/fuzz.log"
set +e
"$fuzz_scratch/release/WireFuzz" -runs="$runs" -max_len=600 -artifact_prefix=crashes/ -print_final_stats=1 \
    "$corpus" 2>&1 | tee "$log" | grep -E "^#[0-9]+ +(INITED|DONE|pulse)|^Done|ERROR|Fatal|stat::number_of_executed_units"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    echo "fuzzer exited $status; crash inputs:" >&2
    ls -l crashes >&2
    exit "$status"
fi

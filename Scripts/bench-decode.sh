#!/usr/bin/env bash
# Measures `vrrpctl decode` throughput over a large pcap (default 1,000,000 frames) made by cycling through the
# Ethernet frames of Fixtures/pcap (generated adverts, ARP and NA when there are none). The pcap goes to /tmp and
# is never committed. Times with hyperfine when installed (Debian: hyperfine), else with `time`.
#
# Usage: Scripts/bench-decode.sh [FRAMES]
# Env:   SCRATCH (vrrpctl build, default .build), CORPUS_SCRATCH (generator build, default .build-corpus),
#        OUT (the pcap, default /tmp/vrrpsw-decode-bench.pcap)
set -euo pipefail
cd "$(dirname "$0")/.."
frames=${1:-1000000}
scratch=${SCRATCH:-.build}
corpus_scratch=${CORPUS_SCRATCH:-.build-corpus}
out=${OUT:-/tmp/vrrpsw-decode-bench.pcap}

swift build -c release --scratch-path "$scratch" --product vrrpctl
(cd Fuzz/WireFuzz && swift build -c release --scratch-path "$corpus_scratch" --product WireCorpus)
shopt -s nullglob
fixtures=(Fixtures/pcap/*.pcap Fixtures/pcap/*.pcapng)
"Fuzz/WireFuzz/$corpus_scratch/release/WireCorpus" pcap "$out" "$frames" "${fixtures[@]}"
ls -l "$out"

vrrpctl="$scratch/release/vrrpctl"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs 5 \
        "$vrrpctl decode $out > /dev/null" \
        "$vrrpctl decode --json $out > /dev/null"
else
    time "$vrrpctl" decode "$out" > /dev/null
    time "$vrrpctl" decode --json "$out" > /dev/null
fi
"$vrrpctl" decode "$out" | tail -n 20

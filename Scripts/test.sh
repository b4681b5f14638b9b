#!/usr/bin/env bash
# The whole test suite: installs what is missing, checks formatting, builds, runs every test.
# Tests that need root, network namespaces, keepalived or FRR skip with a message where those are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/install-deps.sh

echo "== swift format lint"
swift format lint --strict --recursive Package.swift Sources Tests Examples Benchmarks/Package.swift Benchmarks/Benchmarks Fuzz

echo "== swift build"
swift build --build-tests

echo "== swift test"
swift test

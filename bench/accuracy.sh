#!/usr/bin/env bash
# Accuracy of measured outages: 20 trials against a local HTTP server that this bench takes down for exactly known
# times, probed by the observer's own scheduler every 100 ms. Prints
#   trials=20 probe_interval_ms=<p> max_abs_error_ms=<e>
# and exits non-zero when e > p. Usage: bash bench/accuracy.sh [trials] [interval_ms] [extra_probes]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="$root/observer/target/bench"
mkdir -p "$out"
# Build what the bench needs (common + observer classes, resolved from this reactor, not from ~/.m2) and write the
# observer's runtime classpath; online, so that a fresh machine fetches the plugins and libraries the first time.
mvn -B -q -pl observer -am compile dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" \
  -Dmdep.includeScope=runtime >"$out/build.log" 2>&1 \
  || { tail -20 "$out/build.log" >&2; echo "build failed, see $out/build.log" >&2; exit 1; }
# This worktree's common and observer classes come first, before any installed faultline-common jar.
deps="$(tr ':' '\n' <"$out/cp.txt" | grep -v 'faultline-common' | paste -sd: -)"
cp="$root/common/target/classes:$root/observer/target/classes:$deps"
java -cp "$cp" -Dorg.jboss.logging.provider=jdk "$root/bench/AccuracyBench.java" "${1:-20}" "${2:-100}" "${3:-20}"

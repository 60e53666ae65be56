#!/usr/bin/env bash
# Accuracy of measured outages: 20 trials against a local HTTP server that this bench takes down for exactly known
# times, probed by the observer's own scheduler every 100 ms. Prints
#   trials=20 probe_interval_ms=<p> max_abs_error_ms=<e>
# and exits non-zero when e > p. Usage: bash bench/accuracy.sh [trials] [interval_ms] [extra_probes]
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=accuracy
# shellcheck source-path=SCRIPTDIR/../deploy
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/lib.sh"

cp="$(fl_observer_classpath)"
java -cp "${cp}" -Dorg.jboss.logging.provider=jdk "${FL_ROOT}/bench/AccuracyBench.java" "${1:-20}" "${2:-100}" "${3:-20}"

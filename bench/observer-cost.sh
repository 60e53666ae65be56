#!/usr/bin/env bash
# What probing costs the observer: N real HTTP targets on loopback probed every P ms by the observer's probing
# (its ProbeScheduler with adaptive probing, in a process of its own), for S measured seconds after a warm-up, with
# outages of exactly known length on a few targets at a time. The observer's CPU is read from /proc/PID/stat. Prints
#   targets=<n> interval_ms=<p> observer_cpu_pct=<c> max_abs_error_ms=<e> outages=<o> adaptive_interval_ms=<a> seconds=<s>
# and exits non-zero when c >= the CPU goal (25 %) or e > the accuracy goal (a + 5 ms); e is "unseen" when an
# outage's recovery was not seen within its window (the probes fell behind). Before the last line: CPU by thread.
# Usage: bash bench/observer-cost.sh [targets] [interval_ms] [seconds] [adaptive_interval_ms|0] [adaptive_after_ms]
#        [error_goal_ms] [cpu_goal_pct]
# FL_OBSERVER_JFR=FILE records the observer's probing with JFR (profile settings) into FILE, to see where its CPU goes
# (`jfr print --events jdk.ExecutionSample FILE`); the recording costs CPU itself, so measure the cost without it.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=observer-cost
# shellcheck source-path=SCRIPTDIR/../deploy
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/lib.sh"

cp="$(fl_observer_classpath)"
args=("${1:-100}" "${2:-100}" "${3:-60}" "${4:-10}" "${5:-2000}")
[[ -n "${6:-}" ]] && args+=("$6")
[[ -n "${7:-}" ]] && args+=("$7")
# bounded: the bench's own run plus a margin for start-up and judging
timeout $((${args[2]} + 120)) java -cp "${cp}" ${FL_OBSERVER_HEAP:+-Dobserver.heap="${FL_OBSERVER_HEAP}"} \
  ${FL_OBSERVER_JFR:+-Dobserver.jfr="${FL_OBSERVER_JFR}"} -Dorg.jboss.logging.provider=jdk -Dclk.tck="$(getconf CLK_TCK)" \
  -Dbench.dir="${FL_ROOT}/bench" "${FL_ROOT}/bench/ObserverCostBench.java" "${args[@]}"

#!/usr/bin/env bash
# bench/bench.sh list | smoke | run NAME [ARGS...]        (also: ./faultline bench ...)
#
#   list          every bench: what it measures, its full-size command and its result line
#   smoke         every bench once with small counts (CI runs this after ./faultline test); each must exit 0 and
#                 end with its result line, every key present as name=value. Prints each bench's result line, then
#                   benches=<n> passed=<p> failed=<f> seconds=<s>
#                 Logs: .faultline/bench/smoke/<time>/<bench>.log. SMOKE_ONLY="a b" runs only those benches.
#   run NAME ...  one bench with its own arguments (the same as calling its script)
#
# A bench prints its figures and, on its last line, the key ones as name=value pairs; its exit code says whether
# its goal was met. Full-size runs belong on a quiet machine: state the load average next to their figures.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=bench
# shellcheck source-path=SCRIPTDIR/../deploy
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/lib.sh"

# name|script|smoke arguments|keys of the result line|what it measures (full-size command first)
# Smoke arguments "-": not part of smoke (a bench whose small run still needs a quiet machine); only `run` runs it.
BENCHES=(
  "accuracy|bench/accuracy.sh|5 100 20 10 2000 100|trials probe_interval_ms max_abs_error_ms adaptive_interval_ms|bench/accuracy.sh 20: outages of exactly known length measured by the observer's probes at 100 ms with adaptive probing (10 ms); goal: error <= 15 ms (smoke: <= 100 ms)"
  "observer-cost|bench/observer-cost.sh|20 100 10 10 2000 100 100|targets interval_ms observer_cpu_pct max_abs_error_ms|bench/observer-cost.sh 100 100 60: the observer's CPU probing 100 loopback HTTP targets every 100 ms with adaptive probing, and its accuracy at that load; goal: cpu < 25 % of a core, error <= 15 ms (smoke: 20 targets, 10 s, loose goals)"
  "safety-trials|bench/safety-trials.sh|2|trials types orphaned|bench/safety-trials.sh 20: kill -9 of the agent with every lasting fault type in effect, restart, inspect every target for leftovers; goal: orphaned=0"
  "control-plane-trials|bench/control-plane-trials.sh|1|trials orphaned stuck_runs lost_events|bench/control-plane-trials.sh 20: kill -9 of the orchestrator, observer, reporter and Kafka broker in turn with faults in effect and load running; goal: nothing orphaned, stuck or lost"
  "shop-check|bench/shop-check.sh|--short|resilient_error_rate fragile_error_rate|bench/shop-check.sh: the shop under 20 req/s, no fault / resilient / fragile with a product replica killed; goal: resilient < 1 %, fragile worse"
  "dispatch|bench/dispatch.sh|10 process 200 1000 1000|injections raw_p50_ms raw_p99_ms overhead_p50_ms overhead_p99_ms schedule_error_p99_ms|bench/dispatch.sh 100: container kills from each step's planned instant through orchestrator, Kafka and agent, beside the same kill done from the host, with the hop-by-hop breakdown; goal: overhead p50 <= 20 ms, p99 <= 50 ms, schedule error p99 <= 25 ms (smoke: 10 kills, loose goals)"
  "negative-control|bench/negative-control.sh||resilient_verdict fragile_verdict|bench/negative-control.sh: one Faultline experiment on the resilient and the fragile shop; goal: PASS, then FAIL naming what failed"
  "scale|bench/scale.sh|-|agents targets fanout_ms heartbeat_lag_p99_ms orchestrator_cpu_pct|bench/scale.sh 1000: 1000 simulated agents (heartbeats at 1 Hz, 5 containers each, real signature checks) and one experiment fanned out to 1000 targets by one orchestrator; goal: every command received <= 2 s after the start, heartbeat lag p99 <= 1 s (not in smoke: a machine-quiet bench)"
  "footprint|bench/footprint.sh|-|agent_rss_mb agent_cpu_pct orchestrator_rss_mb observer_rss_mb reporter_rss_mb|bench/footprint.sh 60 30: each service idle 60 s after start, then RSS, CPU over 30 s and threads (FOOTPRINT_NMT=1: where the memory goes); goal: agent <= 64 MB and < 0.5 % of a core, the others <= 128 MB"
  "halt|bench/halt.sh|-|agents faults halt_p50_ms halt_p99_ms|bench/halt.sh 10: 20 agent processes x 5 lasting network faults on real containers, POST /api/v1/halt until every revert is confirmed on Kafka, 10 trials; goal: p99 <= 500 ms"
  "service-rto|bench/service-rto.sh|-|replicas killed service_rto_ms docker_rto_ms sampled_error_ms|bench/service-rto.sh: the shop's product service as a Swarm service of 3 replicas behind HAProxy under load, 2 tasks killed at once; the service RTO (back to 3 healthy) against Docker's own events; goal: the sampled instant within one interval of Docker's"
  "autoscaling|bench/autoscaling.sh|-|scale_out_s scaled_to cold_start_max_s imbalance_pct autoscaler_verdict suspended_verdict|bench/autoscaling.sh: the shop's product service under a load step with its autoscaler on (must scale 2 -> 4: scale-out time, cold starts, balance) and suspended; goal: PASS, then FAIL (not in smoke: ~8 min)"
)

field() { cut -d'|' -f"$2" <<<"$1"; }

find_bench() {
  local entry
  for entry in "${BENCHES[@]}"; do
    [[ "$(field "${entry}" 1)" == "$1" ]] && { echo "${entry}"; return 0; }
  done
  return 1
}

cmd_list() {
  local entry
  for entry in "${BENCHES[@]}"; do
    printf '%-22s %s\n' "$(field "${entry}" 1)" "$(field "${entry}" 5)"
    printf '%-22s result line: %s\n' "" "$(sed 's/\([a-z_][a-z0-9_]*\)/\1=…/g' <<<"$(field "${entry}" 4)")"
    if [[ "$(field "${entry}" 3)" == - ]]; then
      printf '%-22s smoke: not part of smoke (./faultline bench run %s)\n' "" "$(field "${entry}" 1)"
    else
      printf '%-22s smoke: %s %s\n' "" "$(field "${entry}" 2)" "$(field "${entry}" 3)"
    fi
  done
}

# The missing keys of KEYS in LINE (a result line of name=value pairs); empty when all are there.
missing_keys() {
  local line=$1 key missing=()
  for key in $2; do
    grep -Eq "(^| )${key}=[^ ]+" <<<"${line}" || missing+=("${key}")
  done
  echo "${missing[*]}"
}

cmd_smoke() {
  local out="${FL_STATE}/bench/smoke/$(date +%Y%m%d-%H%M%S)" start entry name script args keys
  local passed=0 failed=0 ran=0 results=() only=" ${SMOKE_ONLY:-} "
  mkdir -p "${out}"
  start=$(date +%s)
  # Once for all benches: prerequisites, Docker engine, Kafka, dynalite, images, then the services' jars.
  "${FL_ROOT}/faultline" up
  fl_ensure_service_jars
  for entry in "${BENCHES[@]}"; do
    name=$(field "${entry}" 1) script=$(field "${entry}" 2) args=$(field "${entry}" 3) keys=$(field "${entry}" 4)
    [[ -z "${SMOKE_ONLY:-}" || "${only}" == *" ${name} "* ]] || continue
    [[ "${args}" == - ]] && continue
    ran=$((ran + 1))
    local log="${out}/${name}.log" rc=0 began last missing
    began=$(date +%s)
    fl_log "smoke ${name}: ${script} ${args} (log ${log#"${FL_ROOT}"/})"
    # shellcheck disable=SC2086 # the smoke arguments are words
    bash "${FL_ROOT}/${script}" ${args} >"${log}" 2>&1 </dev/null || rc=$?
    last=$(grep -v '^[[:space:]]*$' "${log}" | tail -n 1)
    missing=$(missing_keys "${last}" "${keys}")
    if ((rc == 0)) && [[ -z "${missing}" ]]; then
      passed=$((passed + 1))
      fl_log "smoke ${name}: ok in $(($(date +%s) - began))s: ${last}"
    else
      failed=$((failed + 1))
      fl_tail_log "${log}" 25
      fl_log "smoke ${name}: FAILED in $(($(date +%s) - began))s (exit ${rc}${missing:+, result line lacks: ${missing}}): ${last}"
    fi
    results+=("${name}: ${last}")
  done
  ((ran > 0)) || fl_die "SMOKE_ONLY='${SMOKE_ONLY:-}' names no bench (benches: $(for e in "${BENCHES[@]}"; do printf '%s ' "$(field "${e}" 1)"; done))"
  printf '%s\n' "${results[@]}"
  echo "benches=${ran} passed=${passed} failed=${failed} seconds=$(($(date +%s) - start))"
  ((failed == 0))
}

cmd_run() {
  local name=${1:-} entry
  [[ -n "${name}" ]] || fl_die "usage: ./faultline bench run NAME [ARGS...] (./faultline bench list)"
  entry=$(find_bench "${name}") || fl_die "no bench '${name}' (./faultline bench list)"
  shift
  exec bash "${FL_ROOT}/$(field "${entry}" 2)" "$@"
}

case "${1:-list}" in
  list) cmd_list ;;
  smoke) cmd_smoke ;;
  run) shift; cmd_run "$@" ;;
  *) echo "usage: ./faultline bench list | smoke | run NAME [ARGS...]" >&2; exit 2 ;;
esac

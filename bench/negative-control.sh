#!/usr/bin/env bash
# bench/negative-control.sh [--keep]     (also: ./faultline negative-control)
# The negative control of Faultline's verdict, on the shop example: ONE experiment file
# (examples/experiments/shop-product-kill.yaml: the shop's Artillery load, shop-product-1 killed, probes, HAProxy's
# stats, checkout-1's fault-tolerance metrics, error rate < 1 %) run twice through the orchestrator's API:
#   1. on the resilient shop        expected verdict PASS
#   2. on the fragile shop          expected verdict FAIL, naming what failed
# The load test is started by the observer (the experiment's load: section, on run-started). Each run prints its verdict,
# the load test's error rate and every finding; the last line is
#   resilient_verdict=<PASS|FAIL> fragile_verdict=<PASS|FAIL>
# Exit 0 only for PASS then FAIL. Takes about 6 minutes (shop start-up dominates); each run is bounded.
# Cleans up what it started: the shop (shop.sh down) and the services if it started them (services.sh stop);
# --keep leaves both running. Results: .faultline/bench/negative-control/<time>/<variant>/{run.json,summary.txt}
# and the load test's files in .faultline/runs/<runId>/.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=negative-control
# shellcheck source-path=SCRIPTDIR/../deploy
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/lib.sh"

SHOP="${FL_ROOT}/examples/shop/shop.sh"
EXPERIMENT="${FL_ROOT}/examples/experiments/shop-product-kill.yaml"
ORCHESTRATOR="http://127.0.0.1:$(fl_service_port orchestrator)"
VICTIM=shop-product-1
RUN_TIMEOUT=180              # seconds from start to verdict: warm-up 25 s + window 30 s + judging, with margin
OUT="${FL_STATE}/bench/negative-control/$(date +%Y%m%d-%H%M%S)"
KEEP=false

while (($#)); do
  case "$1" in
    --keep) KEEP=true ;;
    *) echo "usage: $0 [--keep]" >&2; exit 2 ;;
  esac
  shift
done

cleanup() {
  if ! ${KEEP}; then
    if ${FL_SERVICES_STARTED}; then "${FL_ROOT}/deploy/services.sh" stop >/dev/null 2>&1 || true; fi
    "${SHOP}" down >/dev/null 2>&1 || true
  fi
}

# How often checkout-1's circuit breakers have opened so far (ft_circuitbreaker_opened_total, summed; "none" when
# it has no breakers, as in the fragile variant): printed next to the verdict as an independent look at the breaker.
breakers_opened() {
  curl -fsS -m 3 http://127.0.0.1:18102/q/metrics 2>/dev/null \
    | awk '/^ft_circuitbreaker_opened_total/ { sum += $NF; seen = 1 } END { print seen ? sum : "none" }'
}

# run_experiment VARIANT: brings the shop up as VARIANT, runs the experiment, waits for its verdict; prints run.json.
run_experiment() {
  local variant=$1 dir="${OUT}/$1" response code run_id run state i
  mkdir -p "${dir}"
  "${SHOP}" up "${variant}" >>"${dir}/shop-up.log" 2>&1 || { tail -20 "${dir}/shop-up.log" >&2; fl_die "the ${variant} shop did not come up"; }
  fl_await_agent_target "${ORCHESTRATOR}" "${VICTIM}"
  breakers_opened >"${dir}/breakers-opened-before"
  response=$(fl_api_curl -sS -m 20 -X POST -H 'Content-Type: application/yaml' --data-binary "@${EXPERIMENT}" \
    -w '\n%{http_code}' "${ORCHESTRATOR}/api/v1/runs")
  code=$(tail -n1 <<<"${response}")
  [[ "${code}" == 201 ]] || fl_die "the orchestrator refused the experiment (${code}): $(sed '$d' <<<"${response}")"
  run_id=$(sed '$d' <<<"${response}" | jq -r .runId)
  fl_log "${variant}: Faultline run ${run_id} (load from the observer, ${VICTIM} killed after the warm-up)"
  for i in $(seq 1 "${RUN_TIMEOUT}"); do
    run=$(fl_api_curl -fsS -m 5 "${ORCHESTRATOR}/api/v1/runs/${run_id}" || true)
    state=$(jq -r '.state // empty' <<<"${run}" 2>/dev/null || true)
    [[ "${state}" == COMPLETED || "${state}" == ABORTED ]] && break
    sleep 1
  done
  printf '%s\n' "${run}" >"${dir}/run.json"
  breakers_opened >"${dir}/breakers-opened-after"
  fl_api_curl -fsS -m 5 "${ORCHESTRATOR}/api/v1/runs/${run_id}/summary" >"${dir}/summary.txt" 2>/dev/null || true
  [[ "${state}" == COMPLETED ]] || fl_die "${variant}: run ${run_id} ended ${state:-without a verdict within ${RUN_TIMEOUT}s}: $(jq -r '.abortReason // empty' <<<"${run}")"
  printf '%s\n' "${run}"
}

print_run() {
  local variant=$1 run=$2
  jq -r --arg v "${variant}" '.verdict as $r
    | "\($v): verdict=\($r.verdict) run=\(.runId)"
    + (if $r.load then " load_requests=\($r.load.requests) load_errors=\($r.load.errors) error_rate=\($r.load.errorRatePercent * 100 | round / 100)% p99=\($r.load.p99Millis)ms" else " (no load figures)" end)
    + (if ($r.mttrMillis // null) != null then " mttr=\($r.mttrMillis)ms" else "" end),
      ($r.slos[] | "  slo   \(.objective): \(.status) measured=\(.measured // "none") threshold=\(.threshold) \(.unit)"),
      ($r.checks[] | "  check \(.name): \(.status): \(.detail)"),
      ($r.timelines[] | "  timeline \(.target.containerName) / probe \(.probe): detected=\(if .timeToDetectMillis then "\(.timeToDetectMillis)ms" else "none" end) recovered=\(if .timeToRecoverMillis then "\(.timeToRecoverMillis)ms" else "never" end) availability=\(.availabilityPercent * 100 | round / 100)%" + (if .routedAwayAt then " routed_away=\(.routedAwayAt)" else "" end) + (if .circuitOpenedAt then " circuit_opened=\(.circuitOpenedAt)" else "" end)),
      ($r.findings[] | "  finding: \(.)")' <<<"${run}"
}

main() {
  fl_require_cmd curl jq docker docker-compose
  "${FL_ROOT}/faultline" up
  fl_install_artillery
  mkdir -p "${OUT}"
  trap cleanup EXIT
  fl_start_services_unless_running
  local resilient fragile variant
  resilient=$(run_experiment resilient)
  print_run resilient "${resilient}"
  fragile=$(run_experiment fragile)
  print_run fragile "${fragile}"
  for variant in resilient fragile; do
    printf '%s: checkout-1 circuit breakers opened (ft_circuitbreaker_opened_total) before=%s after=%s\n' "${variant}" \
      "$(cat "${OUT}/${variant}/breakers-opened-before")" "$(cat "${OUT}/${variant}/breakers-opened-after")"
  done
  fl_log "results in ${OUT#"${FL_ROOT}"/}"
  local rv fv
  rv=$(jq -r '.verdict.verdict' <<<"${resilient}")
  fv=$(jq -r '.verdict.verdict' <<<"${fragile}")
  printf 'resilient_verdict=%s fragile_verdict=%s\n' "${rv}" "${fv}"
  [[ "${rv}" == PASS && "${fv}" == FAIL ]]
}

main

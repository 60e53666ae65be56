#!/usr/bin/env bash
# bench/shop-check.sh [--keep] [--kill-with faultline|docker] [--short]     (also: ./faultline shop-check)
# The shop example under load, three runs of 60 s at 20 requests/s (Artillery, examples/shop/load); --short (the CI
# smoke run, ./faultline bench smoke) makes it the two fault runs only, 25 s each with the kill at 8 s:
#   no-fault    the resilient shop, nothing broken: must have 0 errors
#   resilient   the resilient shop; at 20 s one product replica (shop-product-1) is killed: error rate < 1 %
#   fragile     the same with resilience switched off by configuration: clearly worse (the negative control)
# The kill goes through Faultline itself: the four services run as host processes (deploy/services.sh) and the
# orchestrator gets a container-kill experiment (method docker-api: Docker treats it as a stop, so the replica
# stays dead for the rest of the run). --kill-with docker kills it with `docker kill` instead (same effect,
# for when the services cannot run). After each run every acknowledged order is read back from the shop's
# DynamoDB API. Prints requests, errors, error rate and p99 per run, counted by the observer's own statistics
# (bench/LoadResponsesSummary.java over the responses Faultline's Artillery plugin records, as in a verdict: a
# request fails without an answer or with a status outside the default successStatus, 2xx and 3xx; unanswered
# ones count in p99 at their timeout);
# the last line is
#   resilient_error_rate=<x> fragile_error_rate=<y>
# Exit 0 when no-fault has 0 errors, resilient < 1 %, fragile worse than resilient and no order is missing.
# Results: .faultline/bench/shop-check/<time>/<run>/{responses.csv,acked-orders.txt,report.json,summary.json,...}
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=shop-check
# shellcheck source-path=SCRIPTDIR/../deploy
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/lib.sh"

SHOP="${FL_ROOT}/examples/shop/shop.sh"
LOAD_DIR="${FL_ROOT}/examples/shop/load"
ARTILLERY="${FL_ARTILLERY}"
ORCHESTRATOR=http://127.0.0.1:18080
EDGE=http://127.0.0.1:18100
SHOP_DYNAMODB=http://127.0.0.1:18110
DURATION=60
ARRIVALS_PER_SECOND=5          # 4 requests per virtual user: 20 requests/s
KILL_AT=20
VICTIM=shop-product-1
WARMUP_SECONDS=2               # the experiment's steady-state check before it injects
OBSERVER_CLASSPATH=""          # the observer's classes and libraries (set in main), for LoadResponsesSummary
OUT="${FL_STATE}/bench/shop-check/$(date +%Y%m%d-%H%M%S)"
KEEP=false
KILL_WITH=faultline
SHORT=false

while (($#)); do
  case "$1" in
    --keep) KEEP=true ;;
    --kill-with) KILL_WITH=${2:-}; shift ;;
    --short) DURATION=25 KILL_AT=8 SHORT=true ;;
    *) echo "usage: $0 [--keep] [--kill-with faultline|docker] [--short]" >&2; exit 2 ;;
  esac
  shift
done
[[ "${KILL_WITH}" == faultline || "${KILL_WITH}" == docker ]] || fl_die "--kill-with faultline|docker"

cleanup() {
  if ! ${KEEP}; then
    if ${FL_SERVICES_STARTED}; then "${FL_ROOT}/deploy/services.sh" stop >/dev/null 2>&1 || true; fi
    "${SHOP}" down >/dev/null 2>&1 || true
  fi
}

experiment_yaml() {
  cat <<YAML
name: shop-product-replica-kill
description: One of the two product replicas dies under load and stays dead; HAProxy and checkout must hide it.
duration: $((DURATION - KILL_AT))s
steadyState:
  warmup: ${WARMUP_SECONDS}s
  probes:
    - name: shop-products
      url: ${EDGE}/products/p-1
      interval: 250ms
      timeout: 1s
faults:
  - target:
      selector:
        name: ${VICTIM}
      count: 1
      mode: fixed
    fault:
      type: container-kill
      signal: SIGKILL
      method: docker-api
slos:
  maxRecoveryTime: 10s
  minAvailabilityPercent: 99
YAML
}

# Kills the victim at load start + KILL_AT; prints the kill time (epoch ms) as measured by whoever killed it.
kill_victim() {
  local dir=$1 load_start_ms=$2 now_ms lead_ms response code run_id
  if [[ "${KILL_WITH}" == docker ]]; then lead_ms=0; else lead_ms=$((WARMUP_SECONDS * 1000)); fi
  now_ms=$(date +%s%3N)
  local wait_ms=$((load_start_ms + KILL_AT * 1000 - lead_ms - now_ms))
  ((wait_ms > 0)) && sleep "$(awk -v ms="${wait_ms}" 'BEGIN { printf "%.3f", ms / 1000 }')"
  if [[ "${KILL_WITH}" == docker ]]; then
    docker kill --signal SIGKILL "${VICTIM}" >/dev/null
    date +%s%3N >"${dir}/kill-epoch-ms"
    return 0
  fi
  experiment_yaml >"${dir}/experiment.yaml"
  response=$(fl_api_curl -sS -m 10 -X POST -H 'Content-Type: application/yaml' --data-binary "@${dir}/experiment.yaml" \
    -w '\n%{http_code}' "${ORCHESTRATOR}/api/v1/runs")
  code=$(tail -n1 <<<"${response}")
  [[ "${code}" == 201 ]] || { fl_log "the orchestrator refused the experiment (${code}): $(sed '$d' <<<"${response}")"; return 1; }
  run_id=$(sed '$d' <<<"${response}" | jq -r .runId)
  printf '%s\n' "${run_id}" >"${dir}/faultline-run-id"
  fl_log "Faultline run ${run_id}: kill ${VICTIM} after a ${WARMUP_SECONDS}s steady-state check"
}

# After the load: the Faultline run's injection time and verdict (the run ends DURATION-KILL_AT after it).
collect_faultline_run() {
  local dir=$1 run_id run state i
  run_id=$(cat "${dir}/faultline-run-id" 2>/dev/null) || return 0
  for i in $(seq 1 90); do
    run=$(fl_api_curl -fsS -m 5 "${ORCHESTRATOR}/api/v1/runs/${run_id}" || true)
    state=$(jq -r '.state // empty' <<<"${run}" 2>/dev/null || true)
    [[ "${state}" == COMPLETED || "${state}" == ABORTED ]] && break
    sleep 1
  done
  printf '%s\n' "${run}" >"${dir}/faultline-run.json"
  local injected_at
  injected_at=$(jq -r '.injected[0].timestamp // empty' <<<"${run}")
  if [[ -n "${injected_at}" ]]; then
    date -d "${injected_at}" +%s%3N >"${dir}/kill-epoch-ms"
  else
    fl_log "Faultline did not inject (state ${state:-unknown}): $(jq -c '.failed' <<<"${run}" 2>/dev/null)"
  fi
}

# run_load NAME VARIANT FAULT(yes|no): prints one JSON summary line
run_load() {
  local name=$1 variant=$2 fault=$3 dir="${OUT}/$1" pid load_start_ms i
  local responses="${dir}/responses.csv"
  mkdir -p "${dir}"
  "${SHOP}" up "${variant}" >>"${dir}/shop-up.log" 2>&1 || { tail -20 "${dir}/shop-up.log" >&2; fl_die "the ${variant} shop did not come up"; }
  if [[ "${fault}" == yes && "${KILL_WITH}" == faultline ]]; then fl_await_agent_target "${ORCHESTRATOR}" "${VICTIM}"; fi
  fl_log "${name}: ${DURATION}s of load at $((ARRIVALS_PER_SECOND * 4)) requests/s against the ${variant} shop$([[ ${fault} == yes ]] && echo ", ${VICTIM} killed at ${KILL_AT}s")"
  # Faultline's Artillery plugin records one line per request (answered or not) in the observer's format.
  (cd "${LOAD_DIR}" && SHOP_LOAD_DIR="${dir}" ARTILLERY_DISABLE_TELEMETRY=true \
    ARTILLERY_PLUGIN_PATH="${FL_ROOT}/deploy/artillery/plugins" exec "${ARTILLERY}" run --output "${dir}/report.json" \
    --overrides "{\"config\":{\"target\":\"${EDGE}\",\"phases\":[{\"name\":\"steady\",\"duration\":${DURATION},\"arrivalRate\":${ARRIVALS_PER_SECOND}}],\"plugins\":{\"faultline\":{\"responsesFile\":\"${responses}\"}}}}" \
    shop-load.yml >"${dir}/artillery.log" 2>&1) &
  pid=$!
  # The load starts when the first response arrives (Artillery itself takes ~10 s to start).
  for i in $(seq 1 600); do
    [[ -s "${responses}" ]] && break
    kill -0 "${pid}" 2>/dev/null || break
    sleep 0.1
  done
  [[ -s "${responses}" ]] || { tail -20 "${dir}/artillery.log" >&2; fl_die "${name}: Artillery produced no response within 60 s"; }
  load_start_ms=$(head -n1 "${responses}" | cut -d, -f1)   # the plugin's first field: when the request was sent
  if [[ "${fault}" == yes ]]; then
    kill_victim "${dir}" "${load_start_ms}" || fl_die "${name}: could not kill ${VICTIM}"
  fi
  wait "${pid}" || fl_die "${name}: Artillery failed (${dir}/artillery.log)"
  [[ "${fault}" == yes && "${KILL_WITH}" == faultline ]] && collect_faultline_run "${dir}"
  java -cp "${OBSERVER_CLASSPATH}" "${FL_ROOT}/bench/LoadResponsesSummary.java" "${responses}" "${load_start_ms}" \
    "${dir}/summary.json" >/dev/null || fl_die "${name}: could not summarize ${responses}"
  node "${LOAD_DIR}/verify-orders.js" "${dir}/acked-orders.txt" "${SHOP_DYNAMODB}" >"${dir}/integrity.json" || true
  local kill_at=null
  [[ -f "${dir}/kill-epoch-ms" ]] && kill_at=$(awk -v k="$(cat "${dir}/kill-epoch-ms")" -v s="${load_start_ms}" 'BEGIN { printf "%.1f", (k - s) / 1000 }')
  jq -c --arg name "${name}" --arg variant "${variant}" --argjson killAt "${kill_at}" --slurpfile integrity "${dir}/integrity.json" \
    '{name: $name, variant: $variant, requests, errors, errorRate, p99Ms, killAtSecond: $killAt,
      acknowledged: $integrity[0].acknowledged, missing: ($integrity[0].missing | length),
      mismatched: ($integrity[0].mismatched | length), byStatus,
      errorSeconds: [.seconds[] | select(.errors > 0) | "\(.second)s:\(.errors)"]}' "${dir}/summary.json" \
    | tee "${dir}/result.json"
}

print_result() {
  jq -r '"\(.name | . + "          " | .[0:10]) requests=\(.requests) errors=\(.errors) error_rate=\(.errorRate * 10000 | round / 100)% p99=\(.p99Ms)ms"
    + (if .killAtSecond then " killed_at=\(.killAtSecond)s" else "" end)
    + " acked_orders=\(.acknowledged) missing_orders=\(.missing)"
    + (if (.errorSeconds | length) > 0 then " errors_by_second=\(.errorSeconds | join(","))" else "" end)' <<<"$1"
}

main() {
  fl_require_cmd curl jq node docker docker-compose
  "${FL_ROOT}/faultline" up
  fl_install_artillery
  OBSERVER_CLASSPATH="$(fl_observer_classpath)"
  mkdir -p "${OUT}"
  trap cleanup EXIT
  if [[ "${KILL_WITH}" == faultline ]]; then fl_start_services_unless_running; fi
  local nofault="" resilient fragile
  if ! ${SHORT}; then
    nofault=$(run_load no-fault resilient no)
    print_result "${nofault}"
  fi
  resilient=$(run_load resilient resilient yes)
  print_result "${resilient}"
  fragile=$(run_load fragile fragile yes)
  print_result "${fragile}"
  fl_log "results in ${OUT#"${FL_ROOT}"/}"

  local rc=0
  if [[ -n "${nofault}" ]]; then
    jq -e '.errors == 0' <<<"${nofault}" >/dev/null || { fl_log "FAIL: the no-fault run had errors"; rc=1; }
  fi
  jq -e '.errorRate < 0.01' <<<"${resilient}" >/dev/null || { fl_log "FAIL: the resilient shop's error rate is not under 1 %"; rc=1; }
  jq -e --argjson r "$(jq .errorRate <<<"${resilient}")" '.errorRate > $r' <<<"${fragile}" >/dev/null \
    || { fl_log "FAIL: the fragile shop is not worse than the resilient one"; rc=1; }
  for r in ${nofault:+"${nofault}"} "${resilient}" "${fragile}"; do
    jq -e '.missing == 0 and .mismatched == 0' <<<"${r}" >/dev/null || { fl_log "FAIL: $(jq -r .name <<<"${r}"): acknowledged orders missing from DynamoDB"; rc=1; }
  done
  printf 'resilient_error_rate=%s fragile_error_rate=%s\n' \
    "$(jq -r '.errorRate | . * 1000000 | round / 1000000' <<<"${resilient}")" \
    "$(jq -r '.errorRate | . * 1000000 | round / 1000000' <<<"${fragile}")"
  return "${rc}"
}

main

#!/usr/bin/env bash
# ./faultline demo: the whole loop on this machine, end to end.
#   1. the local stack (Docker engine, Kafka, dynalite, images)    ./faultline up
#   2. the four services as host processes                           deploy/services.sh start
#   3. the demo target: an HTTP service with restart policy always, opted in with faultline.enabled=true
#   4. the experiment examples/experiments/demo-container-kill.yaml: its main process is SIGKILLed
#   5. progress while the run goes on, then the verdict table, the report path and, last, verdict=PASS|FAIL
# Options: --keep  leave the services and the demo target running afterwards (./faultline down stops them).
FL_COMPONENT=demo
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

ORCHESTRATOR=http://127.0.0.1:18080
EXPERIMENT="${FL_ROOT}/examples/experiments/demo-container-kill.yaml"
TARGET_NAME=faultline-demo-target
TARGET_PORT=18090
TARGET_IMAGE=faultline/demo-target:local
REPORT_DIR="${FL_ROOT}/reports"
KEEP=false
[[ "${1:-}" == --keep ]] && KEEP=true

cleanup() {
  if [[ "${KEEP}" == false ]]; then
    fl_log "cleaning up: stopping the services and removing the demo target (use --keep to leave them)"
    "${FL_ROOT}/deploy/services.sh" stop >/dev/null 2>&1 || true
    remove_demo_target
  fi
}

# Only a container that carries our demo label is ours to remove.
remove_demo_target() {
  local id
  id="$(docker ps -aq --filter "name=^/${TARGET_NAME}$" --filter label=faultline.demo=true)"
  [[ -z "${id}" ]] || docker rm -f "${id}" >/dev/null
}

start_demo_target() {
  local other
  other="$(docker ps -aq --filter "name=^/${TARGET_NAME}$")"
  if [[ -n "${other}" ]] && [[ -z "$(docker ps -aq --filter "name=^/${TARGET_NAME}$" --filter label=faultline.demo=true)" ]]; then
    fl_die "a container named ${TARGET_NAME} exists and was not made by the demo; remove or rename it first"
  fi
  remove_demo_target
  fl_port_open 127.0.0.1 "${TARGET_PORT}" && fl_die "port ${TARGET_PORT} is taken; the demo target needs it"
  docker run -d --name "${TARGET_NAME}" --restart always \
    --label faultline.enabled=true --label faultline.demo=true --label app=demo-target \
    -p "127.0.0.1:${TARGET_PORT}:8080" "${TARGET_IMAGE}" >/dev/null
  for _ in $(seq 1 40); do
    curl -fsS -o /dev/null "http://127.0.0.1:${TARGET_PORT}/health" && break
    sleep 0.25
  done
  curl -fsS -o /dev/null "http://127.0.0.1:${TARGET_PORT}/health" || fl_die "the demo target does not answer on ${TARGET_PORT}"
  fl_log "demo target ${TARGET_NAME} answers on http://127.0.0.1:${TARGET_PORT}/health (restart policy: always)"
}

describe_state() {
  local run=$1 now_epoch=$2 inject_epoch observe_epoch injected failed
  inject_epoch=$(jq -r '.injectAt | sub("\\.[0-9]+Z$"; "Z") | fromdate' <<<"${run}")
  observe_epoch=$(jq -r '.observeUntil | sub("\\.[0-9]+Z$"; "Z") | fromdate' <<<"${run}")
  injected=$(jq '.injected | length' <<<"${run}")
  failed=$(jq '.failed | length' <<<"${run}")
  case "$(jq -r .state <<<"${run}")" in
    RUNNING)
      if ((now_epoch < inject_epoch)); then
        echo "checking the steady state (fault in $((inject_epoch - now_epoch))s)"
      else
        echo "fault injected: ${injected}, failed: ${failed}; observing recovery ($((observe_epoch - now_epoch))s left)"
      fi ;;
    FINISHED) echo "observation window closed; waiting for the observer's verdict" ;;
    *) jq -r .state <<<"${run}" ;;
  esac
}

main() {
  fl_require_cmd curl jq
  "${FL_ROOT}/faultline" up
  if [[ ! -f "${FL_ROOT}/orchestrator/target/quarkus-app/quarkus-run.jar" ]]; then
    fl_log "building the services (first run only)"
    (cd "${FL_ROOT}" && mvn -B -q -DskipTests package) >"${FL_LOGS}/build.log" 2>&1 \
      || fl_die "the build failed; see .faultline/logs/build.log"
  fi
  trap cleanup EXIT
  start_demo_target
  "${FL_ROOT}/deploy/services.sh" start
  fl_await_agent_target "${ORCHESTRATOR}" "${TARGET_NAME}"
  fl_log "the agent reports ${TARGET_NAME} as a target"

  local response run_id
  response=$(fl_api_curl -sS -X POST -H 'Content-Type: application/yaml' --data-binary "@${EXPERIMENT}" \
    -w '\n%{http_code}' "${ORCHESTRATOR}/api/v1/runs")
  if [[ "$(tail -n1 <<<"${response}")" != 201 ]]; then
    fl_die "the orchestrator refused the experiment: $(sed '$d' <<<"${response}")"
  fi
  run_id=$(sed '$d' <<<"${response}" | jq -r .runId)
  fl_log "run ${run_id} started: $(basename "${EXPERIMENT}")"

  local run state deadline last=""
  deadline=$(($(date +%s) + 120))
  while :; do
    run=$(fl_api_curl -fsS "${ORCHESTRATOR}/api/v1/runs/${run_id}")
    state=$(jq -r .state <<<"${run}")
    [[ "${state}" == COMPLETED || "${state}" == ABORTED ]] && break
    (($(date +%s) < deadline)) || fl_die "run ${run_id} did not complete within 120s (state ${state})"
    local line
    line=$(describe_state "${run}" "$(date +%s)")
    # One line per change of phase, plus a countdown every 5 s.
    if [[ "${line%% (*}" != "${last%% (*}" ]] || (($(date +%s) % 5 == 0)); then
      fl_log "${line}"
      last=${line}
    fi
    sleep 1
  done

  echo
  fl_api_curl -fsS "${ORCHESTRATOR}/api/v1/runs/${run_id}/summary"
  echo
  local report="${REPORT_DIR}/${run_id}/report.md"
  for _ in $(seq 1 40); do
    [[ -f "${report}" ]] && break
    sleep 0.25
  done
  if [[ -f "${report}" ]]; then
    echo "Report: ${report#"${FL_ROOT}"/} (and report.json beside it; the run is stored in DynamoDB table faultline-runs)"
  else
    fl_log "the reporter wrote no report within 10s; see ./faultline logs reporter"
  fi
  local verdict=FAIL
  if [[ "${state}" == COMPLETED ]]; then
    verdict=$(jq -r .verdict.verdict <<<"${run}")
  else
    echo "run aborted: $(jq -r .abortReason <<<"${run}")"
  fi
  # Clean up before the last line, so that the verdict is what the terminal shows last.
  trap - EXIT
  cleanup
  echo "verdict=${verdict}"
}

main "$@"

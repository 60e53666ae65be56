#!/usr/bin/env bash
# ./faultline demo: the whole loop on this machine, end to end.
#   1. the local stack (Docker engine, Kafka, dynalite, images)    ./faultline up
#   2. the four services as host processes                           deploy/services.sh start
#   3. the demo target: an HTTP service with restart policy always, opted in with faultline.enabled=true
#   4. the experiment examples/experiments/demo-container-kill.yaml: its main process is SIGKILLed
#   5. ./faultline run (the Java CLI): live progress, the verdict table, the HTML and JUnit reports
#      (target/demo.html, target/demo.xml), then, last, verdict=PASS|FAIL
# Options: --keep  leave the services and the demo target running afterwards (./faultline down stops them).
FL_COMPONENT=demo
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

ORCHESTRATOR=http://127.0.0.1:18080
EXPERIMENT="${FL_ROOT}/examples/experiments/demo-container-kill.yaml"
TARGET_NAME=faultline-demo-target
TARGET_PORT=18090
TARGET_IMAGE=faultline/demo-target:local
HTML_REPORT="${FL_ROOT}/target/demo.html"
JUNIT_REPORT="${FL_ROOT}/target/demo.xml"
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

  # The run itself is the CLI's: it validates, starts, follows and judges, and says so in its exit code.
  local rc=0 verdict
  "${FL_ROOT}/faultline" run "${EXPERIMENT}" --html "${HTML_REPORT}" --junit "${JUNIT_REPORT}" || rc=$?
  case "${rc}" in
    0) verdict=PASS ;;
    1) verdict=FAIL ;;
    3) verdict=FAIL; fl_log "the run was aborted (exit 3)" ;;
    4) verdict=FAIL; fl_log "Faultline became unreachable, or a report could not be fetched (exit 4)" ;;
    *) verdict=FAIL; fl_log "./faultline run exited with ${rc}" ;;
  esac
  # Clean up before the last line, so that the verdict is what the terminal shows last.
  trap - EXIT
  cleanup
  echo "verdict=${verdict}"
}

main "$@"

#!/usr/bin/env bash
# deploy/services.sh start|stop|status [SERVICE...]
# Runs Faultline's four services as host processes from their Quarkus fast-jars:
#   orchestrator :18080  injector-agent :18081  observer :18082  reporter :18083
# Logs in .faultline/logs/<service>.log; pid files in .faultline/run.
# Each service runs from the checkout's root with -Dquarkus.profile=local: its settings are the %local ones of its
# application.properties (docs/configuration.md), not flags built here. FAULTLINE_KAFKA_BOOTSTRAP and
# FAULTLINE_DYNAMODB_ENDPOINT are passed through (defaults: lib.sh's local Kafka and dynalite).
# The JVM options (heap, GC, compiler, thread stacks: what a service costs idle, bench/footprint.sh) are each
# service's deploy/jvm/<service>.options, a java @argument file that every launcher of the jars reads.
# FAULTLINE_SERVICE_JAVA_OPTS adds JVM options (split on spaces), e.g. "-Dquarkus.log.level=DEBUG".
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=services
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/deploy source-path=SCRIPTDIR/..
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

READY_TIMEOUT=120
export FAULTLINE_KAFKA_BOOTSTRAP="${FAULTLINE_KAFKA_BOOTSTRAP:-${FL_KAFKA_BOOTSTRAP}}"
export FAULTLINE_DYNAMODB_ENDPOINT="${FAULTLINE_DYNAMODB_ENDPOINT:-${FL_DYNAMODB_ENDPOINT}}"

ready_url() { echo "http://127.0.0.1:$(fl_service_port "$1")/q/health/ready"; }

java_args() {
  local service=$1
  local args=("@$(fl_service_jvm_options "${service}")" "-Dquarkus.profile=${FL_QUARKUS_PROFILE}")
  local extra=()
  read -r -a extra <<<"${FAULTLINE_SERVICE_JAVA_OPTS:-}"
  args+=("${extra[@]}")
  args+=(-jar "$(fl_service_jar "${service}")")
  printf '%s\n' "${args[@]}"
}

# Launches the service unless it already runs; prints nothing for a service
# that is already up.
launch() {
  local service=$1 port pid
  port=$(fl_service_port "${service}")
  if pid="$(fl_pid_of "${FL_RUN}/${service}.pid")"; then
    fl_log "already running: ${service} (pid ${pid}) on port ${port}"
    return 0
  fi
  if fl_port_open 127.0.0.1 "${port}"; then
    # Another checkout's services would hold other signing keys and tokens: using them fails later with 401s.
    fl_die "port ${port} (${service}) is served by a process this checkout did not start (another Faultline?);" \
      "stop it or free the port, then try again"
  fi
  local args
  mapfile -t args < <(java_args "${service}")
  [[ "${service}" == reporter ]] && mkdir -p "${FL_ROOT}/reports"
  (cd "${FL_ROOT}" && fl_start_bg "${service}" "${FL_LOGS}/${service}.log" "-jar $(fl_service_jar "${service}")" java "${args[@]}")
}

start() {
  fl_require_cmd java curl
  fl_ensure_dirs
  "${FL_ROOT}/deploy/security.sh" ensure
  fl_ensure_service_jars
  local service start failed=()
  start=$(fl_now)
  for service in "$@"; do launch "${service}"; done
  for service in "$@"; do
    if fl_wait_http "${service}" "$(ready_url "${service}")" "${READY_TIMEOUT}" \
        "$(fl_pid_of "${FL_RUN}/${service}.pid" >/dev/null && echo "${FL_RUN}/${service}.pid")"; then
      fl_log "${service} ready on http://127.0.0.1:$(fl_service_port "${service}") ($(fl_elapsed "${start}")s)"
    else
      fl_tail_log "${FL_LOGS}/${service}.log" 25
      failed+=("${service}")
    fi
  done
  ((${#failed[@]} == 0)) || fl_die "not ready: ${failed[*]} (logs in .faultline/logs/)"
}

stop() {
  local service
  for service in "$@"; do
    fl_stop_pidfile "${service}" 20 || fl_log "${service}: not started by us (nothing to stop)"
  done
}

status() {
  local service port pid code rc=0
  for service in "$@"; do
    port=$(fl_service_port "${service}")
    code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$(ready_url "${service}")" 2>/dev/null || true)"
    [[ "${code}" == 000 || -z "${code}" ]] && code="no answer"
    if pid="$(fl_pid_of "${FL_RUN}/${service}.pid")"; then
      printf '%-16s pid %s, port %s, ready: %s\n' "${service}:" "${pid}" "${port}" "${code}"
    elif fl_port_open 127.0.0.1 "${port}"; then
      printf '%-16s port %s served by a process not started by faultline, ready: %s\n' "${service}:" "${port}" "${code}"
    else
      printf '%-16s not running\n' "${service}:"
      rc=3
    fi
  done
  return "${rc}"
}

command=${1:-}
shift || true
services=("$@")
((${#services[@]} > 0)) || services=("${FL_SERVICES[@]}")
for s in "${services[@]}"; do fl_service_port "${s}" >/dev/null; done
case "${command}" in
  start) start "${services[@]}" ;;
  stop) stop "${services[@]}" ;;
  status) status "${services[@]}" || exit 3 ;;
  *) echo "usage: $0 start|stop|status [${FL_SERVICES[*]}]" >&2; exit 2 ;;
esac

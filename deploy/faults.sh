#!/usr/bin/env bash
# deploy/faults.sh [--json]
# Lists every fault type of the contract with whether this host can run it, as the injector-agent of this
# checkout measures it (GET /api/v1/faults). When this checkout's agent runs (./faultline services start), it is
# asked; otherwise a temporary agent is started from its jar on a free loopback port, with Kafka pointed at a
# closed port and its scheduler off (so it never sends heartbeats, never takes commands and is never a target),
# asked, and stopped again by its pid. A running agent of another checkout is not asked: it may be older.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=faults
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/deploy source-path=SCRIPTDIR/..
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

READY_TIMEOUT=90
json=false
case "${1:-}" in
  --json) json=true ;;
  "") ;;
  *) echo "usage: ./faultline faults [--json]" >&2; exit 2 ;;
esac

fl_require_cmd java curl jq

temp_pid=""
cleanup() {
  if [[ -n "${temp_pid}" ]] && kill -0 "${temp_pid}" 2>/dev/null; then
    kill "${temp_pid}" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "${temp_pid}" 2>/dev/null || break; sleep 0.1; done
    kill -9 "${temp_pid}" 2>/dev/null || true
  fi
}
trap cleanup EXIT

free_port() {
  local port
  for port in $(seq 18190 18199); do
    fl_port_open 127.0.0.1 "${port}" || { echo "${port}"; return 0; }
  done
  fl_die "no free port in 18190-18199 for a temporary agent"
}

fetch() { curl -sf -m 10 "$1"; }

if fl_pid_of "${FL_RUN}/injector-agent.pid" >/dev/null; then
  url="http://127.0.0.1:$(fl_service_port injector-agent)/api/v1/faults"
  body="$(fetch "${url}")" || fl_die "this checkout's injector-agent does not answer ${url}"
else
  fl_ensure_dirs
  if [[ ! -f "$(fl_service_jar injector-agent)" ]]; then
    fl_require_cmd mvn
    fl_log "no injector-agent jar; building it (log .faultline/logs/build.log)"
    (cd "${FL_ROOT}" && mvn -B -q -DskipTests -pl injector-agent -am package) >"${FL_LOGS}/build.log" 2>&1 ||
      { fl_tail_log "${FL_LOGS}/build.log" 40; fl_die "mvn package failed (see .faultline/logs/build.log)"; }
  fi
  port="$(free_port)"
  log="${FL_LOGS}/faults-agent.log"
  printf '\n===== %s temporary agent on port %s\n' "$(date -Is)" "${port}" >>"${log}"
  # The local profile, and only what makes this agent a mute, temporary one: its own port and id, no scheduler, no
  # broker (a closed port).
  java -Xmx192m -Djava.awt.headless=true "-Dquarkus.profile=${FL_QUARKUS_PROFILE}" -Dquarkus.http.port="${port}" \
    -Dquarkus.scheduler.enabled=false -Dfaultline.agent.id="faults-query-$$" \
    -Dkafka.bootstrap.servers=127.0.0.1:9 -Dquarkus.log.level=WARN \
    -jar "$(fl_service_jar injector-agent)" >>"${log}" 2>&1 </dev/null &
  temp_pid=$!
  url="http://127.0.0.1:${port}/api/v1/faults"
  deadline=$((SECONDS + READY_TIMEOUT))
  body=""
  while ((SECONDS < deadline)); do
    kill -0 "${temp_pid}" 2>/dev/null || { fl_tail_log "${log}" 20; fl_die "the temporary agent exited"; }
    if body="$(fetch "${url}")"; then break; fi
    sleep 0.3
  done
  [[ -n "${body}" ]] || { fl_tail_log "${log}" 20; fl_die "the temporary agent did not answer within ${READY_TIMEOUT}s"; }
fi

if [[ "${json}" == true ]]; then
  jq . <<<"${body}"
else
  jq -r '.[] | [.type, (if .supported then "yes" else "no" end), .reason] | @tsv' <<<"${body}" |
    while IFS=$'\t' read -r type supported reason; do
      printf '%-26s %-4s %s\n' "${type}" "${supported}" "${reason}"
    done
fi

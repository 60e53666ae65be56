#!/usr/bin/env bash
# deploy/docker-engine.sh start|stop|status
# Starts Debian's dockerd in the background when the Docker socket does not
# answer; stops it only if this script started it (pid file).
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=docker
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/deploy source-path=SCRIPTDIR/..
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PIDFILE="${FL_RUN}/dockerd.pid"
LOGFILE="${FL_LOGS}/dockerd.log"
START_TIMEOUT=60

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

server_version() { timeout 10 docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'; }

start() {
  fl_require_cmd docker dockerd
  if engine_answers; then
    if pid="$(fl_pid_of "${PIDFILE}")"; then
      fl_log "already running: dockerd (pid ${pid}, started by us), engine $(server_version)"
    else
      fl_log "already running: Docker engine $(server_version) on /var/run/docker.sock (not started by us; left alone)"
    fi
    return 0
  fi
  if pid="$(fl_pid_of "${PIDFILE}")"; then
    fl_log "dockerd (pid ${pid}) is ours but does not answer yet; waiting"
  else
    fl_start_bg dockerd "${LOGFILE}" dockerd dockerd
  fi
  local start i
  start=$(fl_now)
  for ((i = 0; i < START_TIMEOUT; i++)); do
    engine_answers && { fl_log "Docker engine $(server_version) ready after $(fl_elapsed "${start}")s"; return 0; }
    fl_pid_of "${PIDFILE}" >/dev/null || { fl_tail_log "${LOGFILE}"; fl_die "dockerd exited during start-up"; }
    sleep 1
  done
  fl_tail_log "${LOGFILE}"
  fl_die "Docker engine did not answer within ${START_TIMEOUT}s"
}

stop() {
  if fl_stop_pidfile dockerd 30; then
    return 0
  fi
  if engine_answers; then
    fl_log "Docker engine not started by us; leaving it running"
  else
    fl_log "not running"
  fi
}

status() {
  if engine_answers; then
    if pid="$(fl_pid_of "${PIDFILE}")"; then
      echo "docker:    running, engine $(server_version), dockerd pid ${pid} (started by faultline)"
    else
      echo "docker:    running, engine $(server_version) (not started by faultline)"
    fi
  else
    echo "docker:    not running"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status || exit 3 ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

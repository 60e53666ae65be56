#!/usr/bin/env bash
# deploy/dynalite.sh start|stop|status
# The DynamoDB API on http://127.0.0.1:FL_DYNAMODB_PORT (lib.sh), served by dynalite (npm) with its
# tables in .faultline/data/dynalite. Installed into .faultline/tools/dynalite.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=dynalite
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/deploy source-path=SCRIPTDIR/..
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HOST=127.0.0.1
PORT="${FL_DYNAMODB_PORT}"
ENDPOINT="http://${HOST}:${PORT}"
START_TIMEOUT=30
SRC="${FL_ROOT}/deploy/dynalite"
HOME_DIR="${FL_TOOLS}/dynalite"
DATA="${FL_DATA}/dynalite"
LOGFILE="${FL_LOGS}/dynalite.log"
PIDFILE="${FL_RUN}/dynalite.pid"
CLI="${HOME_DIR}/node_modules/dynalite/cli.js"

# npm install runs only when package.json changed since the last install.
install() {
  if [[ -f "${CLI}" ]] && cmp -s "${SRC}/package.json" "${HOME_DIR}/package.json"; then
    return 0
  fi
  fl_require_cmd node npm
  local start
  start=$(fl_now)
  fl_log "installing dynalite into ${HOME_DIR#"${FL_ROOT}"/} (npm install)"
  mkdir -p "${HOME_DIR}"
  cp "${SRC}/package.json" "${HOME_DIR}/package.json.new"
  mv "${HOME_DIR}/package.json.new" "${HOME_DIR}/package.json"
  if ! (cd "${HOME_DIR}" && npm install --no-audit --no-fund --loglevel=error >"${FL_LOGS}/dynalite-install.log" 2>&1); then
    rm -f "${HOME_DIR}/package.json"
    fl_tail_log "${FL_LOGS}/dynalite-install.log" 20
    fl_die "npm install failed (see .faultline/logs/dynalite-install.log)"
  fi
  [[ -f "${CLI}" ]] || fl_die "npm install did not produce ${CLI}"
  fl_log "installed dynalite $(node -p "require('${HOME_DIR}/node_modules/dynalite/package.json').version") in $(fl_elapsed "${start}")s"
}

start() {
  fl_ensure_dirs
  local pid
  if pid="$(fl_pid_of "${PIDFILE}")"; then
    if fl_port_open "${HOST}" "${PORT}"; then
      fl_log "already running: dynalite on ${ENDPOINT} (pid ${pid})"
      return 0
    fi
  elif fl_port_open "${HOST}" "${PORT}"; then
    fl_log "already running: ${ENDPOINT} is served by a process we did not start; using it"
    return 0
  fi
  install
  local start
  start=$(fl_now)
  if ! fl_pid_of "${PIDFILE}" >/dev/null; then
    mkdir -p "${DATA}"
    fl_start_bg dynalite "${LOGFILE}" "${CLI}" \
      node "${CLI}" --host "${HOST}" --port "${PORT}" --path "${DATA}" --createTableMs 50
  fi
  if ! fl_wait_port dynalite "${HOST}" "${PORT}" "${START_TIMEOUT}" "${PIDFILE}"; then
    fl_tail_log "${LOGFILE}"
    fl_die "dynalite did not start"
  fi
  fl_log "dynalite ready on ${ENDPOINT} after $(fl_elapsed "${start}")s"
}

stop() {
  fl_stop_local_component dynalite 10 "${HOST}" "${PORT}" "${ENDPOINT}"
}

status() {
  fl_status_local_component dynalite "${PIDFILE}" "${HOST}" "${PORT}" "${ENDPOINT}" "data .faultline/data/dynalite"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status || exit 3 ;;
  install) install ;;
  *) echo "usage: $0 start|stop|status|install" >&2; exit 2 ;;
esac

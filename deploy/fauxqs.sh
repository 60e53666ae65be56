#!/usr/bin/env bash
# deploy/fauxqs.sh start|stop|status|install|receive
# The SNS and SQS APIs on http://127.0.0.1:FL_SNS_PORT (lib.sh), served by fauxqs (npm, in memory: topics, queues
# and messages are gone when it stops), where the reporter publishes its alerts locally (docs/alerts.md). Installed
# into .faultline/tools/fauxqs from deploy/fauxqs/package.json and its lock file, so every transitive package is
# pinned too: fauxqs 1.9.2 is the last version that runs on Node.js 20.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=fauxqs
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/deploy source-path=SCRIPTDIR/..
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HOST=127.0.0.1
PORT="${FL_SNS_PORT}"
ENDPOINT="http://${HOST}:${PORT}"
START_TIMEOUT=30
SRC="${FL_ROOT}/deploy/fauxqs"
HOME_DIR="${FL_TOOLS}/fauxqs"
LOGFILE="${FL_LOGS}/fauxqs.log"
PIDFILE="${FL_RUN}/fauxqs.pid"
# The local alert topic (the reporter's %local faultline.alerts.sns.topic-arn) and an SQS queue subscribed to it, in
# which whoever wants to see the alerts reads them (`deploy/fauxqs.sh receive`). fauxqs's account is 000000000000.
ALERTS_TOPIC=faultline-alerts
ALERTS_TOPIC_ARN="arn:aws:sns:us-east-1:000000000000:${ALERTS_TOPIC}"
ALERTS_QUEUE=faultline-alerts-inbox
ALERTS_QUEUE_URL="http://sqs.us-east-1.localhost:${PORT}/000000000000/${ALERTS_QUEUE}"
ALERTS_QUEUE_ARN="arn:aws:sqs:us-east-1:000000000000:${ALERTS_QUEUE}"
SERVE="${HOME_DIR}/serve.mjs"

installed() {
  local file
  [[ -d "${HOME_DIR}/node_modules/fauxqs" ]] || return 1
  for file in package.json package-lock.json serve.mjs; do
    cmp -s "${SRC}/${file}" "${HOME_DIR}/${file}" || return 1
  done
}

# npm ci (exactly the lock file) runs only when one of the three files changed since the last install.
install() {
  installed && return 0
  fl_require_cmd node npm
  fl_ensure_dirs
  local start
  start=$(fl_now)
  fl_log "installing fauxqs into ${HOME_DIR#"${FL_ROOT}"/} (npm ci, ~15 s)"
  mkdir -p "${HOME_DIR}"
  rm -f "${HOME_DIR}/serve.mjs"
  cp "${SRC}/package.json" "${SRC}/package-lock.json" "${HOME_DIR}/"
  if ! (cd "${HOME_DIR}" && npm ci --no-audit --no-fund --loglevel=error >"${FL_LOGS}/fauxqs-install.log" 2>&1); then
    rm -f "${HOME_DIR}/package.json"
    fl_tail_log "${FL_LOGS}/fauxqs-install.log" 20
    fl_die "npm ci failed (see .faultline/logs/fauxqs-install.log)"
  fi
  [[ -d "${HOME_DIR}/node_modules/fauxqs" ]] || fl_die "npm ci did not install fauxqs into ${HOME_DIR}"
  # Last, so that an interrupted install is not taken for a complete one.
  cp "${SRC}/serve.mjs" "${HOME_DIR}/serve.mjs"
  fl_log "installed fauxqs $(node -p "require('${HOME_DIR}/node_modules/fauxqs/package.json').version") in $(fl_elapsed "${start}")s"
}

start() {
  fl_ensure_dirs
  local pid
  if pid="$(fl_pid_of "${PIDFILE}")"; then
    if fl_port_open "${HOST}" "${PORT}"; then
      fl_log "already running: fauxqs on ${ENDPOINT} (pid ${pid})"
      alerts_topic
      return 0
    fi
  elif fl_port_open "${HOST}" "${PORT}"; then
    fl_log "already running: ${ENDPOINT} is served by a process we did not start; using it"
    alerts_topic
    return 0
  fi
  install
  local start
  start=$(fl_now)
  if ! fl_pid_of "${PIDFILE}" >/dev/null; then
    # serve.mjs: loopback only (fauxqs's own CLI listens on every interface).
    fl_start_bg fauxqs "${LOGFILE}" "${SERVE}" env FAUXQS_PORT="${PORT}" node "${SERVE}"
  fi
  if ! fl_wait_port fauxqs "${HOST}" "${PORT}" "${START_TIMEOUT}" "${PIDFILE}"; then
    fl_tail_log "${LOGFILE}"
    fl_die "fauxqs did not start"
  fi
  fl_log "fauxqs ready on ${ENDPOINT} after $(fl_elapsed "${start}")s"
  alerts_topic
}

# fauxqs accepts any (or no) signature: plain curl speaks its two protocols, SNS's form-encoded query API and SQS's
# JSON one.
sns_call() {
  curl -sS -m 10 -f -X POST "${ENDPOINT}/" -H 'Content-Type: application/x-www-form-urlencoded' \
    --data "Version=2010-03-31&$1"
}

sqs_call() {
  curl -sS -m 15 -f -X POST "${ENDPOINT}/" -H 'Content-Type: application/x-amz-json-1.0' \
    -H "X-Amz-Target: AmazonSQS.$1" -d "$2"
}

# The alert topic, its inbox queue and the subscription; each call is idempotent, and fauxqs forgets all three when
# it stops, so every start makes them again.
alerts_topic() {
  sns_call "Action=CreateTopic&Name=${ALERTS_TOPIC}" >/dev/null || fl_die "CreateTopic ${ALERTS_TOPIC} failed"
  sqs_call CreateQueue "{\"QueueName\":\"${ALERTS_QUEUE}\"}" >/dev/null || fl_die "CreateQueue ${ALERTS_QUEUE} failed"
  sns_call "Action=Subscribe&TopicArn=${ALERTS_TOPIC_ARN}&Protocol=sqs&Endpoint=${ALERTS_QUEUE_ARN}" >/dev/null \
    || fl_die "Subscribe ${ALERTS_QUEUE} to ${ALERTS_TOPIC} failed"
  fl_log "alert topic ${ALERTS_TOPIC_ARN} -> queue ${ALERTS_QUEUE} (deploy/fauxqs.sh receive)"
}

# Prints the alerts waiting in the inbox queue (the SNS envelopes: Subject, Message, MessageAttributes), one JSON
# object a line, and deletes them, so that each is shown once. Waits up to 5 s for the first.
receive() {
  fl_port_open "${HOST}" "${PORT}" || fl_die "fauxqs is not running (deploy/fauxqs.sh start)"
  fl_require_cmd node
  local answer
  answer=$(sqs_call ReceiveMessage \
    "{\"QueueUrl\":\"${ALERTS_QUEUE_URL}\",\"MaxNumberOfMessages\":10,\"WaitTimeSeconds\":5}") \
    || fl_die "ReceiveMessage on ${ALERTS_QUEUE} failed"
  local handle
  # The bodies on stdout, then each receipt handle to delete it.
  field() { node -e 'for (const m of JSON.parse(process.argv[1]).Messages ?? []) console.log(m[process.argv[2]]);' "${answer}" "$1"; }
  field Body
  while IFS= read -r handle; do
    [[ -n "${handle}" ]] || continue
    sqs_call DeleteMessage "{\"QueueUrl\":\"${ALERTS_QUEUE_URL}\",\"ReceiptHandle\":\"${handle}\"}" >/dev/null
  done < <(field ReceiptHandle)
}

stop() {
  fl_stop_local_component fauxqs 10 "${HOST}" "${PORT}" "${ENDPOINT}"
}

status() {
  fl_status_local_component fauxqs "${PIDFILE}" "${HOST}" "${PORT}" "${ENDPOINT}" "SNS and SQS, in memory"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status || exit 3 ;;
  install) install ;;
  receive) receive ;;
  *) echo "usage: $0 start|stop|status|install|receive" >&2; exit 2 ;;
esac

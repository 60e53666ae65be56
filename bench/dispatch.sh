#!/usr/bin/env bash
# bench/dispatch.sh [N] [METHOD] [P50_GOAL_MS P99_GOAL_MS SCHEDULE_GOAL_MS]   (also: ./faultline bench run dispatch ...)
#
# How long Faultline takes from a step's planned instant to the agent's action, against the same action done
# directly from the host. N (default 100) container-kill injections, one step each, DISPATCH_INTERVAL_MS apart
# (default 250), in one run of its own orchestrator and agent, on N fresh containers (faultline.test=true, removed
# on exit); METHOD is the kill's method, process (default) or docker-api. Then the raw baseline in the same run: the
# containers started again and each killed once from the host, timed around the one action (process: the signal,
# /bin/kill -s KILL <pid>, as the agent sends it; docker-api: one POST /containers/<id>/kill on the Docker socket).
#
#   faultline latency  = when the kill completed (FaultInjected.injectedAt) - the step's planned instant (the run's
#                        injectAt + the step's startAfter)
#   raw latency        = the direct kill's duration
#   overhead_pXX       = faultline latency pXX - raw latency pXX
#   schedule error     = when the agent's action began (injectedAt - applyMillis) - the planned instant
#
# Above the last line, the hop-by-hop breakdown (p50 / p99 / max, ms) from the orchestrator's wave lines and the
# agent's dispatch[...] lines (FaultInjector): timer lateness, signing + Kafka acknowledgement, how far ahead the
# commands went, issued->produced, produced->received (producer, broker, consumer fetch, hand-off to the worker
# thread), signature check, inspection ahead, wait for the instant, admission, ledger, lateness, the action. Last line:
#   injections=<n> raw_p50_ms=… raw_p99_ms=… overhead_p50_ms=… overhead_p99_ms=… schedule_error_p99_ms=…
# Exit 1 when a goal is missed (overhead p50 <= 20 ms, p99 <= 50 ms, schedule error p99 <= 25 ms; the smoke run gives
# looser ones, since with 10 injections the p99 is the slowest one, often the cold agent's first) or an injection
# failed. DISPATCH_LEAD (default the orchestrator's, 500ms) sets faultline.dispatch.lead-time: 0ms measures dispatch
# without execute-at (commands sent at the instant). Say the load average (uptime, printed) next to the figures.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=dispatch
# shellcheck source-path=SCRIPTDIR/../deploy
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

COUNT=${1:-100}
METHOD=${2:-process}
GOAL_P50=${3:-20}
GOAL_P99=${4:-50}
GOAL_SCHEDULE=${5:-25}
[[ "${COUNT}" =~ ^[1-9][0-9]*$ ]] || fl_die "usage: bench/dispatch.sh [N>=1] [process|docker-api], N was '${COUNT}'"
for goal in "${GOAL_P50}" "${GOAL_P99}" "${GOAL_SCHEDULE}"; do
  [[ "${goal}" =~ ^[0-9]+$ ]] || fl_die "goals are whole milliseconds, one was '${goal}'"
done
[[ "${METHOD}" == process || "${METHOD}" == docker-api ]] || fl_die "METHOD must be process or docker-api, was '${METHOD}'"
INTERVAL_MS=${DISPATCH_INTERVAL_MS:-250}
LEAD=${DISPATCH_LEAD:-}
export FAULTLINE_KAFKA_BOOTSTRAP="${FAULTLINE_KAFKA_BOOTSTRAP:-${FL_KAFKA_BOOTSTRAP}}"
IMAGE="${DISPATCH_IMAGE:-faultline/busybox:local}"
READY_TIMEOUT=120
ID="dispatch-$(date +%s)-$$"
WORK="${FL_STATE}/dispatch/${ID}"
ORCH_PORT=$((20000 + RANDOM % 10000))
AGENT_PORT=$((ORCH_PORT + 1))
TOKEN=$(openssl rand -hex 24)
AGENT_PID=""
ORCH_PID=""
# Warm-up before the first step: longer than the lead, so the first wave goes out ahead like every other.
WARMUP=3s

cleanup() {
  trap - ERR
  set +e
  [[ -n "${AGENT_PID}" ]] && kill "${AGENT_PID}" 2>/dev/null
  [[ -n "${ORCH_PID}" ]] && kill "${ORCH_PID}" 2>/dev/null
  wait 2>/dev/null
  docker ps -aq --filter "label=faultline.bench=${ID}" | xargs -r docker rm -f >/dev/null 2>&1
  rm -rf "${WORK}/orchestrator" "${WORK}/injector-agent"
}
trap cleanup EXIT

start_services() {
  local lead_flag=()
  [[ -n "${LEAD}" ]] && lead_flag=("-Dfaultline.dispatch.lead-time=${LEAD}")
  fl_start_app_copy orchestrator "${WORK}/orchestrator/quarkus-run.jar" "${WORK}" "${WORK}/orchestrator.log" \
    "${ORCH_PORT}" -Dfaultline.topic-prefix="${ID}-" "-Dfaultline.blast-radius.max-targets=$((COUNT + 1))" \
    "${lead_flag[@]}"
  ORCH_PID=${FL_APP_PID}
  fl_start_app_copy injector-agent "${WORK}/injector-agent/quarkus-run.jar" "${WORK}" "${WORK}/agent.log" \
    "${AGENT_PORT}" -Dfaultline.topic-prefix="${ID}-" -Dfaultline.agent.id="${ID}-agent"
  AGENT_PID=${FL_APP_PID}
}

api() { curl -fsS -H "Authorization: Bearer ${TOKEN}" "$@"; }

target_name() { echo "${ID}-t$1"; }

all_targets() { local i; for ((i = 0; i < COUNT; i++)); do target_name "${i}"; done; }

await_targets_running() {
  local names deadline=$(($(date +%s) + 60))
  names=$(all_targets | jq -R . | jq -sc .)
  until api "http://127.0.0.1:${ORCH_PORT}/api/v1/agents" | jq -e --argjson names "${names}" \
      '[.[] | select(.live) | .containers[] | select(.state == "running") | .name] as $up
       | ($names - $up) | length == 0' >/dev/null 2>&1; do
    (($(date +%s) < deadline)) || fl_die "the agent did not report all ${COUNT} targets running within 60s"
    sleep 0.5
  done
}

# p50 / p99 / max of the numbers on stdin (one a line), nearest rank, as "p50 p99 max".
percentiles() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "- - -"; exit }
    i50 = int(NR * 0.50 + 0.999999); i99 = int(NR * 0.99 + 0.999999)
    printf "%.2f %.2f %.2f\n", v[i50], v[i99], v[NR] }'
}

# One line of the breakdown: NAME and the numbers on stdin.
hop() {
  local name=$1 p
  p=$(percentiles)
  read -r p50 p99 max <<<"${p}"
  printf '  %-44s p50 %8s  p99 %8s  max %8s\n' "${name}" "${p50}" "${p99}" "${max}"
}

# The value of KEY in the agent's dispatch[...] lines of this run, one a line ("-" left out).
agent_hop() {
  grep -F "(run ${RUN_ID}," "${WORK}/agent.log" | grep -o "dispatch\[[^]]*\]" | grep -o "$1=[^] ]*" |
    cut -d= -f2 | grep -v '^-$' || true
}

# Milliseconds since the epoch of an ISO-8601 instant, with its fraction (GNU date).
epoch_ms() { date -d "$1" +%s.%N | awk '{ printf "%.3f\n", $1 * 1000 }'; }

raw_kill() {
  local name=$1 start end
  if [[ "${METHOD}" == process ]]; then
    local pid
    pid=$(docker inspect -f '{{.State.Pid}}' "${name}")
    ((pid > 0)) || fl_die "${name} is not running for the raw kill"
    start=${EPOCHREALTIME}
    /bin/kill -s KILL "${pid}"
    end=${EPOCHREALTIME}
  else
    local id
    id=$(docker inspect -f '{{.Id}}' "${name}")
    start=${EPOCHREALTIME}
    curl -fsS --unix-socket /var/run/docker.sock -X POST "http://localhost/containers/${id}/kill?signal=KILL" ||
      fl_die "the Docker API did not kill ${name}"
    end=${EPOCHREALTIME}
  fi
  awk -v s="${start}" -v e="${end}" 'BEGIN { printf "%.3f\n", (e - s) * 1000 }'
}

main() {
  "${FL_ROOT}/faultline" up
  fl_require_cmd docker java curl jq openssl awk
  fl_ensure_service_jars
  docker image inspect "${IMAGE}" >/dev/null 2>&1 || fl_die "no image ${IMAGE}: build it with ./faultline up"
  mkdir -p "${WORK}"
  # Private copies of the apps: a rebuild during the bench must not pull the jars from under the services.
  cp -r "${FL_ROOT}/orchestrator/target/quarkus-app" "${WORK}/orchestrator"
  cp -r "${FL_ROOT}/injector-agent/target/quarkus-app" "${WORK}/injector-agent"
  fl_local_secrets "${WORK}" "${TOKEN}" dispatch-bench
  start_services

  fl_log "starting ${COUNT} target containers (${IMAGE}), work dir ${WORK#"${FL_ROOT}"/}"
  all_targets | xargs -P 4 -I{} docker run -d --name {} --label faultline.enabled=true --label faultline.test=true \
    --label "faultline.bench=${ID}" "${IMAGE}" sleep 100000 >/dev/null ||
    fl_die "could not start the target containers"
  fl_await_app_ready orchestrator "${ORCH_PORT}" "${ORCH_PID}" "${WORK}/orchestrator.log" "${READY_TIMEOUT}"
  fl_await_app_ready agent "${AGENT_PORT}" "${AGENT_PID}" "${WORK}/agent.log" "${READY_TIMEOUT}"
  await_targets_running

  local experiment="${WORK}/experiment.yaml" i
  {
    printf 'name: dispatch-bench\nduration: %dms\nsteadyState:\n  warmup: %s\n  probes:\n' \
      $((COUNT * INTERVAL_MS + 3000)) "${WARMUP}"
    printf '    - {name: none, url: "http://127.0.0.1:9/health"}\nfaults:\n'
    for ((i = 0; i < COUNT; i++)); do
      printf '  - target: {selector: {name: %s}}\n    fault: {type: container-kill, signal: SIGKILL, method: %s}\n    startAfter: %dms\n' \
        "$(target_name "${i}")" "${METHOD}" $((i * INTERVAL_MS))
    done
  } >"${experiment}"

  fl_log "one run of ${COUNT} container-kill steps (${METHOD}), ${INTERVAL_MS} ms apart; load: $(uptime)"
  RUN_ID=$(api -X POST -H 'Content-Type: application/yaml' --data-binary "@${experiment}" \
    "http://127.0.0.1:${ORCH_PORT}/api/v1/runs" | jq -r .runId)
  [[ -n "${RUN_ID}" && "${RUN_ID}" != null ]] || fl_die "the run was not started; see ${WORK}/orchestrator.log"
  local run reported=0 deadline=$(($(date +%s) + COUNT * INTERVAL_MS / 1000 + 60))
  while ((reported < COUNT)); do
    sleep 1
    run=$(api "http://127.0.0.1:${ORCH_PORT}/api/v1/runs/${RUN_ID}")
    reported=$(jq '(.injected | length) + (.failed | length)' <<<"${run}")
    (($(date +%s) < deadline)) || fl_die "only ${reported}/${COUNT} injections reported in time; logs in ${WORK}"
  done
  echo "${run}" >"${WORK}/run.json"
  local failed
  failed=$(jq '.failed | length' <<<"${run}")

  # Per injection: planned instant, action start and end, in ms since the epoch.
  local inject_at_ms
  inject_at_ms=$(epoch_ms "$(jq -r .injectAt <<<"${run}")")
  jq -r '(.plan | map({key: .faultId, value: .startAfter}) | from_entries) as $offset
         | .injected[] | [$offset[.faultId], .injectedAt, .applyMillis, (.lateMillis // "-")] | @tsv' \
    <<<"${run}" >"${WORK}/injected.tsv"
  : >"${WORK}/latency.txt"
  : >"${WORK}/schedule-error.txt"
  local offset injected apply late offset_ms done_ms
  while IFS=$'\t' read -r offset injected apply late; do
    # DurationText: <n>ms, <n>s, <n>m or <n>h
    offset_ms=$(awk -v d="${offset}" 'BEGIN { n = d + 0
      if (d ~ /ms$/) print n; else if (d ~ /s$/) print n * 1000; else if (d ~ /m$/) print n * 60000; else print n * 3600000 }')
    done_ms=$(epoch_ms "${injected}")
    awk -v p="${inject_at_ms}" -v o="${offset_ms}" -v d="${done_ms}" 'BEGIN { printf "%.3f\n", d - (p + o) }' \
      >>"${WORK}/latency.txt"
    awk -v p="${inject_at_ms}" -v o="${offset_ms}" -v d="${done_ms}" -v a="${apply}" \
      'BEGIN { printf "%.3f\n", d - a - (p + o) }' >>"${WORK}/schedule-error.txt"
  done <"${WORK}/injected.tsv"

  fl_log "raw baseline: the same ${COUNT} kills from the host (${METHOD})"
  all_targets | xargs docker start >/dev/null || fl_die "could not start the targets again for the raw baseline"
  : >"${WORK}/raw.txt"
  local name
  while read -r name; do
    raw_kill "${name}" >>"${WORK}/raw.txt"
    sleep 0.05 # one kill at a time, as the steps came
  done < <(all_targets)

  local raw latency error raw50 raw99 lat50 lat99 err99
  raw=$(percentiles <"${WORK}/raw.txt")
  latency=$(percentiles <"${WORK}/latency.txt")
  error=$(awk '{ print ($1 < 0 ? -$1 : $1) }' "${WORK}/schedule-error.txt" | percentiles)
  read -r raw50 raw99 _ <<<"${raw}"
  read -r lat50 lat99 _ <<<"${latency}"
  read -r _ err99 _ <<<"${error}"
  local over50 over99
  over50=$(awk -v a="${lat50}" -v b="${raw50}" 'BEGIN { printf "%.1f", a - b }')
  over99=$(awk -v a="${lat99}" -v b="${raw99}" 'BEGIN { printf "%.1f", a - b }')

  echo
  echo "dispatch of ${COUNT} container-kill (${METHOD}) steps ${INTERVAL_MS} ms apart, lead-time ${LEAD:-default}; load: $(uptime)"
  echo "hop by hop (ms; orchestrator clock = agent clock on this one host):"
  grep -F "run ${RUN_ID}: wave at" "${WORK}/orchestrator.log" | grep -o 'timer [0-9-]* ms' | awk '{ print $2 }' |
    hop "orchestrator timer after the send instant"
  grep -F "run ${RUN_ID}: wave at" "${WORK}/orchestrator.log" | grep -o 'acknowledged [0-9-]* ms' | awk '{ print $2 }' |
    hop "orchestrator sign + Kafka ack"
  grep -F "run ${RUN_ID}: wave at" "${WORK}/orchestrator.log" | grep -o '[0-9-]* ms before' | awk '{ print $1 }' |
    hop "sent ahead of the instant (lead left)"
  agent_hop issued_to_produced_ms | hop "issued -> Kafka record timestamp"
  agent_hop produced_to_received_ms | hop "record -> agent worker (broker, fetch, hand-off)"
  agent_hop verify_ms | hop "signature + expiry + replay check"
  agent_hop resolve_ahead_ms | hop "target inspection ahead of the instant"
  agent_hop wait_ms | hop "wait for the instant"
  agent_hop admission_ms | hop "admission (incl. inspection if not ahead)"
  agent_hop ledger_ms | hop "ledger write (lasting faults only)"
  agent_hop late_ms | hop "action start after executeAt (agent clock)"
  agent_hop apply_ms | hop "action (the kill)"
  hop "schedule error |start - planned|" < <(awk '{ print ($1 < 0 ? -$1 : $1) }' "${WORK}/schedule-error.txt")
  hop "faultline: planned instant -> kill done" <"${WORK}/latency.txt"
  hop "raw: the kill from the host" <"${WORK}/raw.txt"
  ((failed == 0)) || echo "FAILED injections: ${failed}: $(jq -c '[.failed[] | {faultId, reason, detail}]' <<<"${run}")"
  local goal=0
  awk -v o50="${over50}" -v o99="${over99}" -v e99="${err99}" -v g50="${GOAL_P50}" -v g99="${GOAL_P99}" \
    -v ge="${GOAL_SCHEDULE}" 'BEGIN { exit !(o50 <= g50 && o99 <= g99 && e99 <= ge) }' || goal=1
  echo "goals: overhead p50 <= ${GOAL_P50} ms, p99 <= ${GOAL_P99} ms; schedule error p99 <= ${GOAL_SCHEDULE} ms: $( ((goal == 0 && failed == 0)) && echo met || echo MISSED)"
  echo "injections=$(wc -l <"${WORK}/latency.txt" | tr -d ' ') raw_p50_ms=${raw50} raw_p99_ms=${raw99} overhead_p50_ms=${over50} overhead_p99_ms=${over99} schedule_error_p99_ms=${err99}"
  ((goal == 0 && failed == 0))
}

main "$@"

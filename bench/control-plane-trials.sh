#!/usr/bin/env bash
# bench/control-plane-trials.sh [N]      (default N=20)
#
# Kills the control plane under a live experiment. Each trial starts a run with two lasting faults (container-pause
# on one target container, network-partition of port 8080 on another) while this bench's own bounded load (a curl
# loop, 5 requests/s per target, against both targets) runs, waits until both faults are in effect, then kill -9s one
# component by the pid this bench started (in turn: orchestrator, observer, reporter, Kafka broker; each N times,
# 4 x N trials) and starts it again. Then it checks:
#   orphaned    a target still faulted (paused, stopped, iptables rules, tc qdiscs, seen from the host every
#               250 ms from the kill on) after its deadline: kill + lease + 3 s when the orchestrator was killed (the
#               restarted one never renews the run's lease) or Kafka was down longer than the lease (no renewal can
#               arrive), else the run's planned end + 3 s (the agent ends a fault at its duration by itself).
#               The time from the kill to the targets seen clean is printed per component: for orchestrator and Kafka
#               kills it is the lease bound (lease 15 s, renewed every 5 s).
#   stuck_runs  a run not ended clearly in the orchestrator (GET /api/v1/runs/<id>: COMPLETED, or ABORTED with a
#               reason) or in the reporter's run item in DynamoDB, within 60 s of its planned end.
#   lost_events an event the agent logged as emitted for the run ("emitting <type> <id> for run <run>") that the
#               reporter did not store in DynamoDB within 60 s (read with the reporter's own RunStore).
#   verdicts    every run must have a verdict in its DynamoDB item; a run the observer missed says so in its first
#               finding ("no verdict: ..."), which is printed. A run without any verdict counts as stuck.
# Last line: trials=<4N> orphaned=<k> stuck_runs=<s> lost_events=<l>; exit status 0 only when all three are 0.
#
# Duration: ~1 min to start (own Kafka ~15 s, four services), then ~35 s per trial (2 s warm-up, 20 s fault window,
# restart, checks): N=1 about 3-4 min, N=20 about 50 min. CPT_WINDOW_SECONDS changes the window (default 20).
#
# Everything is private: its own Kafka broker (deploy/kafka.sh with FL_KAFKA_PORT/FL_KAFKA_DIR; data under the work
# dir), the four services on their own ports with their own topic prefix, table prefix, agent id, keys, token,
# ledger and run table; dynalite is the shared one (FAULTLINE_DYNAMODB_ENDPOINT, default lib.sh's) with a
# table prefix of its own, whose tables are deleted at the end. Work dir and logs: .faultline/control-plane-trials/.
# Sets up the local stack first (./faultline up: a no-op when it runs); builds the service jars when missing or older
# than their sources.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=control-plane-trials
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/../deploy
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

TRIALS_PER_COMPONENT=${1:-20}
[[ "${TRIALS_PER_COMPONENT}" =~ ^[1-9][0-9]*$ ]] || fl_die "usage: $0 [N>=1]"
WINDOW=${CPT_WINDOW_SECONDS:-20}
WARMUP=2
LEASE=15          # faultline.lease.duration of the orchestrator and the agent (their default)
SLACK=3           # lease watchdog round (250 ms), Docker unpause, this bench's 250 ms polling
SETTLE=60         # how long a run's end, its events and its verdict may take to reach DynamoDB after its planned end
export FAULTLINE_DYNAMODB_ENDPOINT="${FAULTLINE_DYNAMODB_ENDPOINT:-${FL_DYNAMODB_ENDPOINT}}"
DYNAMO="${FAULTLINE_DYNAMODB_ENDPOINT}"
IMAGE="${CPT_IMAGE:-faultline/demo-target:local}"
COMPONENTS=(orchestrator observer reporter kafka)

ID="cpt-$(date +%s)-$$"
WORK="${FL_STATE}/control-plane-trials/${ID}"
PREFIX="${ID}-"
TOKEN=$(openssl rand -hex 24)
declare -A PID=() PORT=()
LOAD_PID=""
CONTAINERS=()

free_port_base() {
  local base i
  # Below the kernel's ephemeral range (ip_local_port_range, 32768 by default): a port in it can be taken by any
  # outgoing connection between this check and the service's bind ("port in use", as one CI run saw).
  local ephemeral_low
  ephemeral_low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  local blocks=$(((ephemeral_low - 20000) / 10 - 1))
  ((blocks > 0)) || fl_die "the ephemeral port range starts at ${ephemeral_low}: no room below it for this bench's ports"
  for i in $(seq 1 20); do
    base=$((20000 + (RANDOM % blocks) * 10))
    local p ok=true
    for p in $(seq "${base}" $((base + 6))); do
      fl_port_open 127.0.0.1 "${p}" && { ok=false; break; }
    done
    ${ok} && { echo "${base}"; return 0; }
  done
  fl_die "no free block of 7 ports found in 20000-${ephemeral_low}"
}

BASE=$(free_port_base)
KAFKA_PORT=${BASE}
KAFKA_CONTROLLER_PORT=$((BASE + 1))
PORT[orchestrator]=$((BASE + 2))
PORT[injector-agent]=$((BASE + 3))
PORT[observer]=$((BASE + 4))
PORT[reporter]=$((BASE + 5))
KAFKA="127.0.0.1:${KAFKA_PORT}"
ORCH="http://127.0.0.1:${PORT[orchestrator]}"
KAFKA_ENV=(FL_KAFKA_PORT="${KAFKA_PORT}" FL_KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT}" FL_KAFKA_DIR="${WORK}/kafka"
  FL_KAFKA_TOPIC_PREFIX="${PREFIX}")
KAFKA_PIDFILE="${FL_RUN}/kafka-${KAFKA_PORT}.pid"

cleanup() {
  trap - ERR
  set +e
  [[ -n "${LOAD_PID}" ]] && kill "${LOAD_PID}" 2>/dev/null
  local name c
  for name in "${!PID[@]}"; do
    [[ -n "${PID[${name}]}" ]] && kill "${PID[${name}]}" 2>/dev/null
  done
  # The broker by the pid file of the one this bench started (deploy/kafka.sh stop: TERM, then KILL after 30 s).
  env "${KAFKA_ENV[@]}" "${FL_ROOT}/deploy/kafka.sh" stop >/dev/null 2>&1
  for c in $(docker ps -aq --filter "label=faultline.trial=${ID}" 2>/dev/null); do
    docker unpause "${c}" >/dev/null 2>&1
    docker rm -f "${c}" >/dev/null 2>&1
  done
  wait 2>/dev/null
  if [[ -f "${WORK}/tool/ControlPlaneStore.class" ]]; then
    store --drop-tables >/dev/null 2>&1
  fi
  # Logs and reports stay for a look afterwards; the broker's data and the app copies (~200 MB) go.
  rm -rf "${WORK}/kafka/data" "${WORK}/orchestrator" "${WORK}/injector-agent" "${WORK}/observer" "${WORK}/reporter"
}
trap cleanup EXIT

api() { curl -fsS -m 10 -H "Authorization: Bearer ${TOKEN}" "$@"; }
now_ms() { date +%s%3N; }

# Only what isolates this bench beside the production options and the local profile (run in the work dir, so
# keys, tokens, ledger, load results and reports are the work dir's own): broker, topic and table prefix, agent id,
# lease.
start_service() {
  local service=$1 args=("-Dfaultline.topic-prefix=${PREFIX}" "-Dkafka.bootstrap.servers=${KAFKA}")
  case "${service}" in
    orchestrator) args+=("-Dfaultline.lease.duration=${LEASE}s") ;;
    injector-agent) args+=("-Dfaultline.agent.id=${ID}-agent" "-Dfaultline.lease.duration=${LEASE}s") ;;
    reporter) args+=("-Dfaultline.dynamodb.table-prefix=${PREFIX}") ;;
  esac
  printf '\n===== %s start\n' "$(date -Is)" >>"${WORK}/${service}.log"
  fl_start_app_copy "${service}" "${WORK}/${service}/quarkus-run.jar" "${WORK}" "${WORK}/${service}.log" \
    "${PORT[${service}]}" "${args[@]}"
  PID[${service}]=${FL_APP_PID}
}

await_ready() { fl_await_app_ready "$1" "${PORT[$1]}" "${PID[$1]}" "${WORK}/$1.log" 120; }

start_kafka() {
  env "${KAFKA_ENV[@]}" "${FL_ROOT}/deploy/kafka.sh" start 2>>"${WORK}/kafka-start.log" \
    || { tail -n 20 "${WORK}/kafka-start.log" >&2; fl_die "could not start the bench's Kafka on ${KAFKA}"; }
  PID[kafka]=$(fl_pid_of "${KAFKA_PIDFILE}") || fl_die "the bench's Kafka has no live pid in ${KAFKA_PIDFILE}"
}

restart() {
  if [[ "$1" == kafka ]]; then start_kafka; else start_service "$1"; await_ready "$1"; fi
}

# The reporter's fast-jar: its classes (app), dependencies (lib/main) and the logging jars Quarkus boots with.
reporter_classpath() { echo "${WORK}/reporter/app/*:${WORK}/reporter/lib/main/*:${WORK}/reporter/lib/boot/*"; }

# The reporter's store, read-only but for `drop` (this bench's own tables): see bench/ControlPlaneStore.java.
store() {
  java -Xmx128m -Dorg.jboss.logging.provider=jdk -cp "${WORK}/tool:$(reporter_classpath)" ControlPlaneStore "${DYNAMO}" "${PREFIX}" "$@"
}

# What a fault could leave on a target, one word per finding; empty when clean.
target_faults() {
  local name=$1 state found=()
  state=$(docker inspect -f '{{.State.Running}} {{.State.Paused}} {{.State.Pid}}' "${name}" 2>/dev/null) \
    || { echo gone; return; }
  read -r running paused pid <<<"${state}"
  [[ "${running}" == true ]] || found+=(not-running)
  [[ "${paused}" == true ]] && found+=(paused)
  if [[ "${pid}" -gt 0 ]]; then
    local rules qdiscs
    rules=$(nsenter -t "${pid}" -n iptables-save 2>/dev/null | grep -c -- '^-A' || true)
    ((rules > 0)) && found+=("iptables-rules=${rules}")
    qdiscs=$(nsenter -t "${pid}" -n tc qdisc show 2>/dev/null | grep -Ev 'qdisc (noqueue|pfifo_fast|mq) ' | grep -c . || true)
    ((qdiscs > 0)) && found+=("tc-qdiscs=${qdiscs}")
  fi
  echo "${found[*]}"
}

# Polls the targets every 250 ms until all are clean (then writes the time, ms, to OUT) or until UNTIL_MS.
watch_clean() {
  local until_ms=$1 out=$2 name dirty i
  for ((i = 0; i < 1000; i++)); do
    (($(now_ms) < until_ms)) || return 0
    dirty=""
    for name in "${CONTAINERS[@]}"; do dirty+="$(target_faults "${name}")"; done
    if [[ -z "${dirty}" ]]; then now_ms >"${out}"; return 0; fi
    sleep 0.25
  done
}

# The bench's own load: 5 requests/s to each target's /health, bounded by time and count; one line per request.
load_loop() {
  local until=$1 out=$2 i ip
  for ((i = 0; i < 1000; i++)); do
    (($(date +%s) < until)) || break
    for ip in "${TARGET_IPS[@]}"; do
      curl -s -o /dev/null -m 0.5 -w "%{http_code}\n" "http://${ip}:8080/health" >>"${out}" 2>/dev/null || echo 000 >>"${out}"
    done
    sleep 0.2
  done
}

experiment() {
  cat <<EOF
name: control-plane-trial
description: two lasting faults while the bench kills a control-plane component
duration: ${WINDOW}s
steadyState:
  warmup: ${WARMUP}s
  probes:
    - {name: paused-target, url: "http://${TARGET_IPS[0]}:8080/health", interval: 250ms, timeout: 500ms}
    - {name: partitioned-target, url: "http://${TARGET_IPS[1]}:8080/health", interval: 250ms, timeout: 500ms}
faults:
  - target: {selector: {name: ${ID}-paused}}
    fault: {type: container-pause}
  - target: {selector: {name: ${ID}-partitioned}}
    fault: {type: network-partition, ports: [8080]}
EOF
}

await_targets_live() {
  local deadline=$(($(date +%s) + 60))
  until [[ "$(api "${ORCH}/api/v1/agents" 2>/dev/null | jq --arg p "${ID}-" \
      '[.[] | select(.live) | .containers[] | select((.name | startswith($p)) and .state == "running")] | length' \
      2>/dev/null)" == 2 ]]; do
    (($(date +%s) < deadline)) || fl_die "the agent did not report both targets running within 60 s"
    sleep 0.3
  done
}

main() {
  # On a fresh machine: prerequisites, Docker engine, Kafka, dynalite and the base images (a no-op when all is up).
  "${FL_ROOT}/faultline" up
  fl_require_cmd docker java javac curl jq openssl nsenter iptables-save tc
  docker image inspect "${IMAGE}" >/dev/null 2>&1 || fl_die "no image ${IMAGE}: run ./faultline images"
  fl_ensure_service_jars
  mkdir -p "${WORK}/tool"
  local service
  # Private copies of the apps: a rebuild during the trials must not pull the jars from under the services.
  for service in orchestrator injector-agent observer reporter; do
    cp -r "${FL_ROOT}/${service}/target/quarkus-app" "${WORK}/${service}"
  done
  javac -nowarn -d "${WORK}/tool" -cp "$(reporter_classpath)" \
    "${FL_ROOT}/bench/ControlPlaneStore.java" || fl_die "could not compile bench/ControlPlaneStore.java"
  fl_local_secrets "${WORK}" "${TOKEN}" control-plane-trials

  fl_log "work dir ${WORK#"${FL_ROOT}"/}; Kafka ${KAFKA}, services on $((BASE + 2))-$((BASE + 5)), prefix ${PREFIX}"
  start_kafka
  for service in orchestrator injector-agent observer reporter; do start_service "${service}"; done
  for service in orchestrator injector-agent observer reporter; do await_ready "${service}"; done

  local name
  for name in "${ID}-paused" "${ID}-partitioned"; do
    docker run -d --name "${name}" --label faultline.enabled=true --label faultline.test=true \
      --label "faultline.trial=${ID}" "${IMAGE}" >/dev/null
    CONTAINERS+=("${name}")
  done
  TARGET_IPS=()
  for name in "${CONTAINERS[@]}"; do
    TARGET_IPS+=("$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "${name}")")
  done
  experiment >"${WORK}/experiment.yaml"

  local total=$((4 * TRIALS_PER_COMPONENT)) trial orphaned=0 stuck=0 lost=0 verdicts=0 no_verdicts=0
  declare -A worst=() sum=() count=()
  for ((trial = 1; trial <= total; trial++)); do
    local component=${COMPONENTS[$(((trial - 1) % 4))]} run_id view injected=0 deadline i
    await_targets_live
    for name in "${CONTAINERS[@]}"; do
      [[ -z "$(target_faults "${name}")" ]] || fl_die "trial ${trial}: ${name} is not clean before the run: $(target_faults "${name}")"
    done
    run_id=$(api -X POST -H 'Content-Type: application/yaml' --data-binary "@${WORK}/experiment.yaml" \
      "${ORCH}/api/v1/runs" | jq -r .runId)
    local observe_until_ms
    observe_until_ms=$(api "${ORCH}/api/v1/runs/${run_id}" | jq -r '.observeUntil | sub("\\.[0-9]+Z$"; "Z") | fromdate')
    observe_until_ms=$((observe_until_ms * 1000 + 1000)) # the fraction was cut: round up
    : >"${WORK}/load-${trial}.txt"
    load_loop $((observe_until_ms / 1000 + 5)) "${WORK}/load-${trial}.txt" &
    LOAD_PID=$!

    deadline=$(($(date +%s) + 30))
    while ((injected < 2)); do
      view=$(api "${ORCH}/api/v1/runs/${run_id}")
      injected=$(jq '.injected | length' <<<"${view}")
      [[ "$(jq -c '[.failed[]? | {faultType, detail}]' <<<"${view}")" == "[]" ]] \
        || fl_die "trial ${trial}: a fault failed to inject: $(jq -c .failed <<<"${view}")"
      (($(date +%s) < deadline)) || fl_die "trial ${trial}: only ${injected}/2 faults injected within 30 s"
      sleep 0.2
    done
    # The check must see the faults it will later call gone.
    for name in "${CONTAINERS[@]}"; do
      [[ -n "$(target_faults "${name}")" ]] || fl_die "trial ${trial}: ${name} reported injected but looks clean"
    done
    sleep 2 # faults in effect, load running

    local kill_ms watcher
    kill_ms=$(now_ms)
    kill -9 "${PID[${component}]}"
    # From the host, while the component restarts: when is every target clean again?
    watch_clean $((observe_until_ms + SLACK * 1000 + 30000)) "${WORK}/clean-${trial}.txt" &
    watcher=$!
    # Gone for good before the restart (the broker is not this shell's child, so wait alone does not tell).
    wait "${PID[${component}]}" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "${PID[${component}]}" 2>/dev/null || break; sleep 0.1; done
    restart "${component}"
    local back_ms
    back_ms=$(now_ms)
    local restarted_s=$(((back_ms - kill_ms) / 1000))
    wait "${watcher}" || true
    local clean_ms
    clean_ms=$(cat "${WORK}/clean-${trial}.txt" 2>/dev/null || true)

    # The fault's deadline. A restarted orchestrator never renews the run's lease; nor can anyone while Kafka is down
    # for longer than the lease. Otherwise the lease was renewed and the agent ends the faults at the run's planned end.
    local fault_deadline_ms
    if [[ "${component}" == orchestrator || ("${component}" == kafka && back_ms -gt $((kill_ms + LEASE * 1000))) ]]; then
      fault_deadline_ms=$((kill_ms + (LEASE + SLACK) * 1000))
    else
      fault_deadline_ms=$((observe_until_ms + SLACK * 1000))
    fi
    local bound_ms=$((${clean_ms:-$(now_ms)} - kill_ms)) trial_orphans=0
    if [[ -z "${clean_ms}" || "${clean_ms}" -gt "${fault_deadline_ms}" ]]; then
      for name in "${CONTAINERS[@]}"; do
        local left
        left=$(target_faults "${name}")
        if [[ -n "${left}" ]]; then
          trial_orphans=$((trial_orphans + 1))
          fl_log "trial ${trial}: ORPHANED on ${name}: still ${left} $(($(now_ms) - fault_deadline_ms)) ms after its deadline"
        elif [[ -n "${clean_ms}" ]]; then
          trial_orphans=$((trial_orphans + 1))
          fl_log "trial ${trial}: ORPHANED on ${name}: a fault outlived its deadline by $((clean_ms - fault_deadline_ms)) ms"
        fi
      done
    fi
    orphaned=$((orphaned + trial_orphans))
    ((bound_ms > ${worst[${component}]:-0})) && worst[${component}]=${bound_ms}
    sum[${component}]=$((${sum[${component}]:-0} + bound_ms))
    count[${component}]=$((${count[${component}]:-0} + 1))

    # The run's end, in the orchestrator and in the reporter's item; the agent's events in DynamoDB; the verdict.
    local settle_until=$(($(date +%s) + (observe_until_ms - $(now_ms)) / 1000 + SETTLE)) state="" reason="" stored
    local emitted missing="" dyn_state="-" dyn_verdict="-" dyn_reason="-" finding=""
    while true; do
      view=$(api "${ORCH}/api/v1/runs/${run_id}" 2>/dev/null || echo '{}')
      state=$(jq -r '.state // "-"' <<<"${view}")
      reason=$(jq -r '.abortReason // ""' <<<"${view}")
      stored=$(store "${run_id}" 2>>"${WORK}/store.log" || true)
      dyn_state=$(awk '$1 == "run" {sub("state=", "", $3); print $3}' <<<"${stored}")
      dyn_verdict=$(awk '$1 == "run" {sub("verdict=", "", $4); print $4}' <<<"${stored}")
      dyn_reason=$(awk '$1 == "run" {sub(/.* abortReason=/, ""); print}' <<<"${stored}")
      emitted=$(grep -h "for run ${run_id}\$" "${WORK}/injector-agent.log" | awk '{for (i = 1; i < NF; i++) if ($i == "emitting") print $(i + 2)}' | sort -u)
      missing=$(comm -23 <(printf '%s\n' "${emitted}" | sed '/^$/d') \
        <(awk '$1 == "event" {print $4}' <<<"${stored}" | sort -u))
      if [[ ("${state}" == COMPLETED || ("${state}" == ABORTED && -n "${reason}")) && "${dyn_verdict}" != "-" \
          && ("${dyn_state}" == COMPLETED || ("${dyn_state}" == ABORTED && "${dyn_reason}" != "-")) && -z "${missing}" ]]; then
        break
      fi
      (($(date +%s) < settle_until)) || break
      sleep 1
    done
    finding=$(awk '$1 == "finding" {$1 = ""; $2 = ""; sub(/^  /, ""); print}' <<<"${stored}")
    local n_emitted n_missing
    n_emitted=$(sed '/^$/d' <<<"${emitted}" | wc -l)
    n_missing=$(sed '/^$/d' <<<"${missing}" | wc -l)
    lost=$((lost + n_missing))
    local clear=true
    [[ "${state}" == COMPLETED || ("${state}" == ABORTED && -n "${reason}") ]] || clear=false
    [[ "${dyn_state}" == COMPLETED || ("${dyn_state}" == ABORTED && "${dyn_reason}" != "-") ]] || clear=false
    [[ "${dyn_verdict}" != "-" ]] || clear=false
    if ${clear}; then
      verdicts=$((verdicts + 1))
      [[ "${finding}" == "no verdict:"* ]] && no_verdicts=$((no_verdicts + 1))
    else
      stuck=$((stuck + 1))
      fl_log "trial ${trial}: STUCK run ${run_id}: orchestrator ${state} ${reason:+(${reason})}, DynamoDB ${dyn_state}, verdict ${dyn_verdict}"
    fi
    ((n_missing == 0)) || fl_log "trial ${trial}: LOST ${n_missing} event(s) of ${run_id}: $(echo ${missing})"
    kill "${LOAD_PID}" 2>/dev/null || true
    wait "${LOAD_PID}" 2>/dev/null || true
    LOAD_PID=""
    local ok fail
    ok=$(grep -c '^200$' "${WORK}/load-${trial}.txt" || true)
    fail=$(grep -vc '^200$' "${WORK}/load-${trial}.txt" || true)
    fl_log "trial ${trial}/${total}: kill -9 ${component}, back in ${restarted_s}s; targets clean $((bound_ms))ms after the kill;" \
      "orphaned ${trial_orphans}; run ${state}${reason:+ (${reason})}, DynamoDB ${dyn_state} verdict ${dyn_verdict}" \
      "${finding:+[${finding:0:100}]}; agent events ${n_emitted}, lost ${n_missing}; load ${ok} ok ${fail} failed"
  done

  local c
  for c in "${COMPONENTS[@]}"; do
    fl_log "kill -9 ${c}: kill to last revert seen on the targets: max ${worst[${c}]:-0} ms, mean $((${sum[${c}]:-0} / ${count[${c}]:-1})) ms over ${count[${c}]:-0} trial(s)"
  done
  fl_log "lease bound: faults gone at most $(( (${worst[orchestrator]:-0} > ${worst[kafka]:-0} ? ${worst[orchestrator]:-0} : ${worst[kafka]:-0}) )) ms after the orchestrator or Kafka was killed (lease ${LEASE} s, renewed every $((LEASE / 3)) s)"
  fl_log "verdicts: ${verdicts}/${total} runs have one (${no_verdicts} of them say \"no verdict: ...\", the observer having missed the run)"
  echo "trials=${total} orphaned=${orphaned} stuck_runs=${stuck} lost_events=${lost}"
  ((orphaned == 0 && stuck == 0 && lost == 0))
}

main "$@"

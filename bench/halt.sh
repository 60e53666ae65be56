#!/usr/bin/env bash
# bench/halt.sh [TRIALS [AGENTS [FAULTS_PER_AGENT]]]     (also: ./faultline bench run halt ...)
#
# Halt at scale (issue 15): AGENTS (default 20) injector-agent processes, each with its own id, ledger, port and
# containers, FAULTS_PER_AGENT (default 5) lasting network faults each on real containers; then POST /api/v1/halt
# on this bench's own orchestrator, timed until every agent has confirmed every revert on Kafka (an agent-halted
# per agent and a fault-reverted per fault: bench/HaltBench.java). TRIALS (default 10) times, re-injecting between.
#
# Each agent sees only its own containers: they carry faultline.halt-agent=<its id> (and not faultline.enabled), which
# the agent opts in with faultline.agent.opt-in.labels; so the orchestrator routes each fault to the one agent that
# reports its target. The fault types rotate over the lasting network types the agents support on this host
# (network-partition, egress-block, connection-reset, dns-failure, packet-loss, bandwidth-limit), one fault per
# container (busybox `sleep`, faultline/busybox:local). Every service runs with its deploy/jvm/<service>.options,
# the local profile in the bench's work dir (own keys and token), its own topic and table prefix, on the shared Kafka.
# The agents start in small staggered batches (20 JVMs starting at once on 2 cores take minutes each) and the
# trials begin once every one of them reports its containers in its heartbeat.
#
# Per trial one line of hops, each in ms from the moment before the POST: published (the HaltAll's timestamp),
# answered (the POST's answer), received (each agent's receipt: agent-halted's timestamp less its tookMillis; p50
# and max), reverted (each fault's revertedAt), emitted (the last confirmation's own timestamp), seen (the
# confirmations' arrival at the bench's consumer, stamped when their poll returned), and halt = the last confirmation seen
# (the tool's HTTP client, event parsing and consumer are warmed up before the clock starts). Then the medians of those hops over the trials, and last
#   agents=<n> faults=<n*k> halt_p50_ms=… halt_p99_ms=…      (exit 1 when p99 > 500 ms)
# Containers carry faultline.test=true and faultline.trial=<bench id> and are removed at the end, even on failure.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=halt
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/../deploy
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

TRIALS=${1:-10}
AGENTS=${2:-20}
PER_AGENT=${3:-5}
for n in "${TRIALS}" "${AGENTS}" "${PER_AGENT}"; do
  [[ "${n}" =~ ^[1-9][0-9]*$ ]] || fl_die "usage: bench/halt.sh [TRIALS [AGENTS [FAULTS_PER_AGENT]]] (each >= 1), was '$*'"
done
FAULTS=$((AGENTS * PER_AGENT))
GOAL_P99_MS=500
START_BATCH=${HALT_START_BATCH:-4}
export FAULTLINE_KAFKA_BOOTSTRAP="${FAULTLINE_KAFKA_BOOTSTRAP:-${FL_KAFKA_BOOTSTRAP}}"
export FAULTLINE_DYNAMODB_ENDPOINT="${FAULTLINE_DYNAMODB_ENDPOINT:-${FL_DYNAMODB_ENDPOINT}}"
IMAGE="${HALT_IMAGE:-faultline/busybox:local}"
NETWORK_TYPES=(network-partition egress-block connection-reset dns-failure packet-loss bandwidth-limit)
ID="halt-$(date +%s)-$$"
WORK="${FL_STATE}/halt/${ID}"
PREFIX="${ID}-"
TOKEN=$(openssl rand -hex 24)
ORCH_PORT=""
ORCH=""
declare -A PID=()

cleanup() {
  trap - ERR
  set +e
  local name c
  for name in "${!PID[@]}"; do kill "${PID[${name}]}" 2>/dev/null; done
  for c in $(docker ps -aq --filter "label=faultline.trial=${ID}" 2>/dev/null); do
    docker rm -f "${c}" >/dev/null 2>&1
  done
  wait 2>/dev/null
  rm -rf "${WORK}/apps"
}
trap cleanup EXIT

api() { curl -fsS -m 10 -H "Authorization: Bearer ${TOKEN}" "$@"; }
agent_id() { echo "${ID}-agent-$1"; }

# A block of AGENTS + 1 free ports below the ephemeral range (18080-18083 are the lead's).
free_port_base() {
  local ephemeral_low base i p ok
  ephemeral_low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  for i in $(seq 1 20); do
    base=$((20000 + RANDOM % (ephemeral_low - 20000 - AGENTS - 2)))
    ok=true
    for p in $(seq "${base}" $((base + AGENTS))); do fl_port_open 127.0.0.1 "${p}" && { ok=false; break; }; done
    ${ok} && { echo "${base}"; return 0; }
  done
  fl_die "no free block of $((AGENTS + 1)) ports below ${ephemeral_low}"
}

start_service() {
  local name=$1 service=$2 port=$3
  shift 3
  fl_start_app_copy "${service}" "${WORK}/apps/${service}/quarkus-run.jar" "${WORK}" "${WORK}/${name}.log" "${port}" \
    "-Dfaultline.topic-prefix=${PREFIX}" "-Dfaultline.dynamodb.table-prefix=${PREFIX}" "$@"
  PID[${name}]=${FL_APP_PID}
}

await_ready() { fl_await_app_ready "$1" "$2" "${PID[$1]}" "${WORK}/$1.log" 240; }

# Until the orchestrator's directory has every one of the bench's containers running and opted in on a live agent
# (what a run's target selection needs), after each agent's heartbeat.
await_agents_heartbeats() {
  local deadline=$(($(date +%s) + 120)) have
  until have=$(api "${ORCH}/api/v1/agents" | jq --arg p "${ID}-a" \
      '[.[] | select(.live) | .containers[] | select(.state == "running" and .optIn != null)
            | .name | ltrimstr("/") | select(startswith($p))] | unique | length') &&
      ((have >= FAULTS)); do
    (($(date +%s) < deadline)) || fl_die "only ${have:-0}/${FAULTS} containers reported running and opted in after 120 s"
    sleep 1
  done
}

# Percentile P (0-100) of the numbers on stdin, nearest rank.
percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { r = int((p / 100) * NR + 0.999999); if (r < 1) r = 1; print v[r] }'; }

main() {
  "${FL_ROOT}/faultline" up
  fl_require_cmd docker java javac curl jq openssl
  fl_ensure_service_jars
  docker image inspect "${IMAGE}" >/dev/null 2>&1 || fl_die "no image ${IMAGE}: build it with ./faultline up (deploy/images/build.sh)"
  mkdir -p "${WORK}/apps" "${WORK}/tool"
  cp -r "${FL_ROOT}/orchestrator/target/quarkus-app" "${WORK}/apps/orchestrator"
  cp -r "${FL_ROOT}/injector-agent/target/quarkus-app" "${WORK}/apps/injector-agent"
  fl_local_secrets "${WORK}" "${TOKEN}" halt-bench
  printf '%s\n' "${TOKEN}" >"${WORK}/token" && chmod 600 "${WORK}/token"
  local classpath="${WORK}/apps/orchestrator/lib/main/*:${WORK}/apps/orchestrator/lib/boot/*"
  javac -nowarn -d "${WORK}/tool" -cp "${classpath}" "${FL_ROOT}/bench/HaltBench.java" ||
    fl_die "could not compile bench/HaltBench.java"

  local base k j
  base=$(free_port_base)
  ORCH_PORT=${base}
  ORCH="http://127.0.0.1:${ORCH_PORT}"
  start_service orchestrator orchestrator "${ORCH_PORT}" "-Dfaultline.blast-radius.max-targets=$((FAULTS + 10))"
  await_ready orchestrator "${ORCH_PORT}"
  fl_log "orchestrator ready on ${ORCH_PORT}; starting ${AGENTS} agents, ${START_BATCH} at a time (load $(cut -d' ' -f1-3 /proc/loadavg))"
  for ((k = 1; k <= AGENTS; k++)); do
    start_service "agent-${k}" injector-agent $((base + k)) "-Dfaultline.agent.id=$(agent_id "${k}")" \
      "-Dfaultline.agent.opt-in.labels=faultline.halt-agent=$(agent_id "${k}")"
    if ((k % START_BATCH == 0 || k == AGENTS)); then
      for ((j = k - (k - 1) % START_BATCH; j <= k; j++)); do await_ready "agent-${j}" $((base + j)); done
      fl_log "agents 1-${k} ready"
    fi
  done

  # Containers: PER_AGENT per agent, each opted in for its agent only.
  for ((k = 1; k <= AGENTS; k++)); do
    for ((j = 1; j <= PER_AGENT; j++)); do
      docker run -d --name "${ID}-a${k}-c${j}" --label faultline.test=true --label "faultline.trial=${ID}" \
        --label "faultline.halt-agent=$(agent_id "${k}")" "${IMAGE}" sleep 100000 >/dev/null
    done
  done
  await_agents_heartbeats
  fl_log "${AGENTS} agents report their ${PER_AGENT} containers each, opted in"

  local supported types=() t
  supported=$(curl -fsS "http://127.0.0.1:$((base + 1))/api/v1/faults" | jq -r '.[] | select(.lasting and .supported) | .type')
  for t in "${NETWORK_TYPES[@]}"; do grep -qx "${t}" <<<"${supported}" && types+=("${t}"); done
  ((${#types[@]} > 0)) || fl_die "the agents support none of the lasting network fault types ${NETWORK_TYPES[*]}"
  fl_log "fault types, rotating: ${types[*]}"
  local experiment="${WORK}/experiment.yaml" n=0 spec
  {
    printf 'name: halt-bench\nduration: 5m\nsteadyState:\n  warmup: 0s\n  probes:\n'
    printf '    - {name: none, url: "http://127.0.0.1:9/health"}\nfaults:\n'
    for ((k = 1; k <= AGENTS; k++)); do
      for ((j = 1; j <= PER_AGENT; j++)); do
        t=${types[$((n % ${#types[@]}))]}
        n=$((n + 1))
        case "${t}" in
          network-partition | connection-reset) spec="{type: ${t}, ports: [8080]}" ;;
          packet-loss) spec="{type: ${t}, percent: 30}" ;;
          bandwidth-limit) spec="{type: ${t}, rate: 1mbit}" ;;
          *) spec="{type: ${t}}" ;;
        esac
        printf '  - target: {selector: {name: %s}}\n    fault: %s\n' "${ID}-a${k}-c${j}" "${spec}"
      done
    done
  } >"${experiment}"

  local trial run_id run injected deadline line halts=() lines=()
  for ((trial = 1; trial <= TRIALS; trial++)); do
    # Every agent live with its containers again (a heartbeat can be late on a loaded machine): else a target of
    # the run is unknown and the run refused.
    await_agents_heartbeats
    # Starting a run checks and resolves its 100 targets: on a loaded 2-core machine that takes longer than 10 s.
    local answer code
    answer=$(curl -sS -m 120 -w '\n%{http_code}' -H "Authorization: Bearer ${TOKEN}" -X POST \
      -H 'Content-Type: application/yaml' --data-binary "@${experiment}" "${ORCH}/api/v1/runs")
    code=$(tail -n 1 <<<"${answer}")
    [[ "${code}" == 2* ]] || fl_die "trial ${trial}: POST /api/v1/runs answered ${code}: $(sed '$d' <<<"${answer}" | cut -c1-600)"
    run_id=$(sed '$d' <<<"${answer}" | jq -r .runId)
    deadline=$(($(date +%s) + 90))
    injected=0
    while ((injected < FAULTS)); do
      run=$(api "${ORCH}/api/v1/runs/${run_id}")
      injected=$(jq '.injected | length' <<<"${run}")
      [[ "$(jq -c '[.failed[]?]' <<<"${run}")" == "[]" ]] ||
        fl_die "trial ${trial}: faults failed to inject: $(jq -c '[.failed[] | {faultType, detail}] | .[:5]' <<<"${run}")"
      (($(date +%s) < deadline)) || fl_die "trial ${trial}: only ${injected}/${FAULTS} faults injected in 90 s"
      sleep 0.5
    done
    line=$(java -Xmx128m -XX:TieredStopAtLevel=1 -Dorg.jboss.logging.provider=jdk -cp "${WORK}/tool:${classpath}" \
      HaltBench "${FAULTLINE_KAFKA_BOOTSTRAP}" "${PREFIX}chaos-events" "${ORCH}" "${WORK}/token" "${AGENTS}" "${FAULTS}" \
      2>>"${WORK}/haltbench.err") || { tail -n 5 "${WORK}/haltbench.err" >&2; fl_die "trial ${trial}: the halt was not confirmed"; }
    echo "trial ${trial}: ${line}"
    lines+=("${line}")
    halts+=("$(sed -E 's/^halt_ms=([0-9]+).*/\1/' <<<"${line}")")
    # The halt latched the schedules; lift it so that the orchestrator is as before the next trial.
    api -X POST "${ORCH}/api/v1/resume" >/dev/null
    # The next run starts once the aborted one has let go of its targets.
    deadline=$(($(date +%s) + 30))
    until [[ "$(api "${ORCH}/api/v1/runs/${run_id}" | jq -r '.state')" =~ ^(ABORTED|COMPLETED)$ ]]; do
      (($(date +%s) < deadline)) || fl_die "trial ${trial}: run ${run_id} did not end after the halt"
      sleep 0.5
    done
  done

  local key hops=""
  for key in published_ms answered_ms received_p50_ms received_max_ms reverted_p50_ms reverted_max_ms emitted_max_ms \
    seen_p50_ms halt_ms; do
    hops+=" ${key}=$(printf '%s\n' "${lines[@]}" | grep -oE "(^| )${key}=[0-9]+" | sed 's/.*=//' | percentile 50)"
  done
  echo "medians over ${TRIALS} trials, ms after the POST:${hops}"
  local p50 p99
  p50=$(printf '%s\n' "${halts[@]}" | percentile 50)
  p99=$(printf '%s\n' "${halts[@]}" | percentile 99)
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg); fault types: ${types[*]}; logs: ${WORK#"${FL_ROOT}"/}"
  echo "agents=${AGENTS} faults=${FAULTS} halt_p50_ms=${p50} halt_p99_ms=${p99}"
  if ((p99 <= GOAL_P99_MS)); then exit 0; else exit 1; fi
}

main

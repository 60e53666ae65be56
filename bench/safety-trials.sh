#!/usr/bin/env bash
# bench/safety-trials.sh [N]            (also: ./faultline safety-trials [N])
#
# N trials (default 20) of: start a run with one lasting fault of each type on its own target container, wait
# until the agent reports every fault injected, kill -9 the agent (by pid), start it again on the same ledger,
# then inspect each target from the host: Docker's paused flag and the cgroup freezer, iptables rules and tc
# qdiscs in its network namespace (nsenter), stress processes in its cgroup, and CPU/memory limits.
# A target with anything left over counts as orphaned. Last line: trials=<n> orphaned=<k>.
#
# Runs its own orchestrator and agent (own ports, topic prefix, agent id, keys, tokens and ledger) against the
# local Kafka (FAULTLINE_KAFKA_BOOTSTRAP, default 127.0.0.1:19092); needs the services built (mvn package).
#
# Fault types: TRIAL_FAULTS (space-separated, default: every type below), intersected with the types the agent
# reports as supported in GET /api/v1/faults. The fault spec of each type (YAML flow mapping) can be given as
# TRIAL_SPEC_<type with - as _>, e.g. TRIAL_SPEC_packet_loss='{type: packet-loss, probability: 0.3}'.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=safety-trials
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/../deploy
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

TRIALS=${1:-20}
KAFKA="${FAULTLINE_KAFKA_BOOTSTRAP:-127.0.0.1:19092}"
IMAGE="${TRIAL_IMAGE:-faultline/busybox:local}"
DEFAULT_FAULTS="container-pause network-partition packet-loss bandwidth-limit cpu-stress memory-stress io-stress"
TRIAL_FAULTS="${TRIAL_FAULTS:-${DEFAULT_FAULTS}}"
READY_TIMEOUT=120
ID="trials-$(date +%s)-$$"
WORK="${FL_STATE}/safety-trials/${ID}"
ORCH_PORT=$((20000 + RANDOM % 10000))
AGENT_PORT=$((ORCH_PORT + 1))
TOKEN=$(openssl rand -hex 24)
AGENT_PID=""
ORCH_PID=""
CONTAINERS=()

default_spec() {
  case "$1" in
    container-pause) echo '{type: container-pause}' ;;
    network-partition) echo '{type: network-partition, ports: [8080]}' ;;
    packet-loss) echo '{type: packet-loss, percent: 30}' ;;
    bandwidth-limit) echo '{type: bandwidth-limit, rate: 1mbit}' ;;
    memory-stress) echo '{type: memory-stress, megabytes: 32}' ;;
    cpu-stress) echo '{type: cpu-stress, workers: 1, load: 50}' ;;
    *) echo "{type: $1}" ;;
  esac
}

spec_of() {
  local var="TRIAL_SPEC_${1//-/_}"
  if [[ -n "${!var:-}" ]]; then echo "${!var}"; else default_spec "$1"; fi
}

cleanup() {
  trap - ERR
  set +e
  [[ -n "${AGENT_PID}" ]] && kill "${AGENT_PID}" 2>/dev/null
  [[ -n "${ORCH_PID}" ]] && kill "${ORCH_PID}" 2>/dev/null
  local c
  for c in "${CONTAINERS[@]}"; do
    docker unpause "${c}" >/dev/null 2>&1
    docker rm -f "${c}" >/dev/null 2>&1
  done
  wait 2>/dev/null
}
trap cleanup EXIT

start_orchestrator() {
  java -Xmx256m -XX:TieredStopAtLevel=1 -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="${ORCH_PORT}" \
    -Dfaultline.topic-prefix="${ID}-" -Dfaultline.auth.tokens-file="${WORK}/tokens" \
    -Dfaultline.commands.private-key-file="${WORK}/private.pem" \
    -jar "${WORK}/orchestrator/quarkus-run.jar" >>"${WORK}/orchestrator.log" 2>&1 &
  ORCH_PID=$!
}

start_agent() {
  java -Xmx192m -XX:TieredStopAtLevel=1 -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="${AGENT_PORT}" \
    -Dfaultline.topic-prefix="${ID}-" -Dfaultline.agent.id="${ID}-agent" \
    -Dfaultline.agent.ledger-dir="${WORK}/ledger" -Dfaultline.commands.public-key-file="${WORK}/public.pem" \
    -jar "${WORK}/injector-agent/quarkus-run.jar" >>"${WORK}/agent.log" 2>&1 &
  AGENT_PID=$!
}

await_ready() {
  local port=$1 deadline=$(($(date +%s) + READY_TIMEOUT))
  until curl -fsS -o /dev/null "http://127.0.0.1:${port}/q/health/ready" 2>/dev/null; do
    (($(date +%s) < deadline)) || fl_die "port ${port} not ready within ${READY_TIMEOUT}s; logs in ${WORK}"
    sleep 0.5
  done
}

api() { curl -fsS -H "Authorization: Bearer ${TOKEN}" "$@"; }

# Everything a fault could leave behind on one target, one word per finding; empty when clean.
leftovers() {
  local id=$1 pid state found=()
  state=$(docker inspect -f '{{.State.Paused}} {{.State.Pid}}' "${id}" 2>/dev/null) || { echo "gone"; return; }
  [[ "${state%% *}" == true ]] && found+=(docker-paused)
  pid=${state##* }
  local freezer="/sys/fs/cgroup/freezer/docker/${id}/freezer.state"
  [[ -r "${freezer}" && "$(cat "${freezer}")" != THAWED ]] && found+=("freezer=$(cat "${freezer}")")
  if [[ "${pid}" -gt 0 ]]; then
    local rules qdiscs
    rules=$(nsenter -t "${pid}" -n iptables-save 2>/dev/null | grep -c -- '^-A' || true)
    ((rules > 0)) && found+=("iptables-rules=${rules}")
    rules=$(nsenter -t "${pid}" -n nft list ruleset 2>/dev/null | grep -c 'faultline' || true)
    ((rules > 0)) && found+=("nft-rules=${rules}")
    qdiscs=$(nsenter -t "${pid}" -n tc qdisc show 2>/dev/null | grep -Ev 'qdisc (noqueue|pfifo_fast|mq) ' | grep -c . || true)
    ((qdiscs > 0)) && found+=("tc-qdiscs=${qdiscs}")
  fi
  local procs="/sys/fs/cgroup/pids/docker/${id}/cgroup.procs" p stress=0
  if [[ -r "${procs}" ]]; then
    while read -r p; do
      [[ "$(cat "/proc/${p}/comm" 2>/dev/null)" == stress* ]] && stress=$((stress + 1))
    done <"${procs}"
  fi
  ((stress > 0)) && found+=("stress-processes=${stress}")
  local quota="/sys/fs/cgroup/cpu/docker/${id}/cpu.cfs_quota_us"
  [[ -r "${quota}" && "$(cat "${quota}")" != -1 ]] && found+=("cpu-quota=$(cat "${quota}")")
  echo "${found[*]}"
}

main() {
  fl_require_cmd docker java curl jq openssl nsenter iptables-save tc
  [[ -f "${FL_ROOT}/orchestrator/target/quarkus-app/quarkus-run.jar" ]] || fl_die "build first: mvn -B -DskipTests package"
  mkdir -p "${WORK}/ledger"
  # Private copies of the apps: a rebuild during the trials must not pull the jars from under the agent.
  cp -r "${FL_ROOT}/orchestrator/target/quarkus-app" "${WORK}/orchestrator"
  cp -r "${FL_ROOT}/injector-agent/target/quarkus-app" "${WORK}/injector-agent"
  openssl genpkey -algorithm ed25519 -out "${WORK}/private.pem" 2>/dev/null
  openssl pkey -in "${WORK}/private.pem" -pubout -out "${WORK}/public.pem"
  printf '%s operator safety-trials\n' "$(printf '%s' "${TOKEN}" | sha256sum | cut -d' ' -f1)" >"${WORK}/tokens"

  start_orchestrator
  start_agent
  await_ready "${ORCH_PORT}"
  await_ready "${AGENT_PORT}"

  local supported types=() t
  supported=$(curl -fsS "http://127.0.0.1:${AGENT_PORT}/api/v1/faults" | jq -r '.[] | select(.supported) | .type')
  for t in ${TRIAL_FAULTS}; do
    grep -qx -- "${t}" <<<"${supported}" && types+=("${t}")
  done
  ((${#types[@]} > 0)) || fl_die "the agent supports none of: ${TRIAL_FAULTS} (it supports: $(echo ${supported}))"
  fl_log "fault types under trial: ${types[*]}; ${TRIALS} trial(s); work dir ${WORK#"${FL_ROOT}"/}"

  # One target container per fault type, reused by every trial.
  for t in "${types[@]}"; do
    local name="${ID}-${t}"
    docker run -d --name "${name}" --label faultline.enabled=true --label faultline.test=true \
      --label "faultline.trial=${ID}" "${IMAGE}" sleep 100000 >/dev/null
    CONTAINERS+=("${name}")
  done
  local deadline=$(($(date +%s) + 30))
  until api "http://127.0.0.1:${ORCH_PORT}/api/v1/agents" | grep -q "${ID}-${types[-1]}"; do
    (($(date +%s) < deadline)) || fl_die "the agent did not report the trial containers within 30s"
    sleep 0.5
  done

  local experiment="${WORK}/experiment.yaml"
  {
    printf 'name: safety-trial\nduration: 120s\nsteadyState:\n  warmup: 0s\n  probes:\n'
    printf '    - {name: none, url: "http://127.0.0.1:9/health"}\nfaults:\n'
    for t in "${types[@]}"; do
      printf '  - target: {selector: {name: %s}}\n    fault: %s\n' "${ID}-${t}" "$(spec_of "${t}")"
    done
  } >"${experiment}"

  local trial orphaned=0 total_ms=0
  for ((trial = 1; trial <= TRIALS; trial++)); do
    local run_id injected=0 started
    # The restarted agent's first heartbeat must show every target running again before a new run can select it.
    deadline=$(($(date +%s) + 30))
    until [[ "$(api "http://127.0.0.1:${ORCH_PORT}/api/v1/agents" | jq --arg p "${ID}-" \
        '[.. | objects | select((.name? // "" | startswith($p)) and .state? == "running")] | length')" \
        -ge ${#types[@]} ]]; do
      (($(date +%s) < deadline)) || fl_die "trial ${trial}: targets not reported running within 30s"
      sleep 0.3
    done
    run_id=$(api -X POST -H 'Content-Type: application/yaml' --data-binary "@${experiment}" \
      "http://127.0.0.1:${ORCH_PORT}/api/v1/runs" | jq -r .runId)
    deadline=$(($(date +%s) + 30))
    while ((injected < ${#types[@]})); do
      injected=$(api "http://127.0.0.1:${ORCH_PORT}/api/v1/runs/${run_id}" | jq '.injected | length')
      local failed
      failed=$(api "http://127.0.0.1:${ORCH_PORT}/api/v1/runs/${run_id}" | jq -c '[.failed[]? | {faultType, detail}]')
      [[ "${failed}" == "[]" ]] || fl_die "trial ${trial}: faults failed to inject: ${failed}"
      (($(date +%s) < deadline)) || fl_die "trial ${trial}: only ${injected}/${#types[@]} faults injected in 30s"
      sleep 0.2
    done

    kill -9 "${AGENT_PID}"
    wait "${AGENT_PID}" 2>/dev/null || true
    local in_ledger
    in_ledger=$(find "${WORK}/ledger" -name '*.json' | wc -l)
    started=$(date +%s%N)
    start_agent
    await_ready "${AGENT_PORT}"
    # Recovery runs before the agent takes commands; readiness can come first, so wait for the ledger to empty.
    deadline=$(($(date +%s) + 30))
    while [[ -n "$(find "${WORK}/ledger" -name '*.json' -print -quit)" ]] && (($(date +%s) < deadline)); do
      sleep 0.1
    done
    local took_ms=$((($(date +%s%N) - started) / 1000000))
    total_ms=$((total_ms + took_ms))

    local left=0 name findings
    for t in "${types[@]}"; do
      name="${ID}-${t}"
      findings=$(leftovers "$(docker inspect -f '{{.Id}}' "${name}")")
      if [[ -n "${findings}" ]]; then
        left=$((left + 1))
        fl_log "trial ${trial}: ORPHANED ${t} on ${name}: ${findings}"
      fi
    done
    orphaned=$((orphaned + left))
    fl_log "trial ${trial}: ${in_ledger} fault(s) in the ledger at kill -9; restart + recovery ${took_ms} ms; orphaned ${left}"
    api -X POST "http://127.0.0.1:${ORCH_PORT}/api/v1/halt?reason=trial-${trial}-done" >/dev/null
  done
  fl_log "mean restart + recovery: $((total_ms / TRIALS)) ms"
  echo "trials=${TRIALS} orphaned=${orphaned}"
  ((orphaned == 0))
}

main "$@"

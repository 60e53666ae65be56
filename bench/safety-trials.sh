#!/usr/bin/env bash
# bench/safety-trials.sh [N]            (also: ./faultline safety-trials [N])
#
# N trials (default 20) of: start a run with one lasting fault of every type on its own target container, wait
# until the agent reports every fault injected, kill -9 the agent (by pid), start it again on the same ledger, wait
# for its ledger recovery, then look for anything a fault left behind. The types are every type that the agent's
# GET /api/v1/faults (as ./faultline faults --json) reports as lasting and supported on this host.
#
# What is inspected, per target, from the host:
#   - Docker: running (a container-stop that was not undone), paused, and the CPU/memory limits of its HostConfig;
#   - in its network namespace (nsenter): iptables filter and nat rules (DNAT redirects to a proxy), legacy iptables,
#     the whole nft ruleset, tc qdiscs;
#   - its cgroups, found by the agent's own CgroupLayout (v1, v2 or hybrid, from /proc/<pid>/cgroup and mountinfo:
#     injector-agent's test class CgroupLeftovers): freezer state, stress processes (stress-ng, or a Faultline fault
#     id in the environment), CPU quota, memory limit;
#   - its filesystem (/proc/<pid>/root, or the overlay upper dir of a stopped one): disk-fill's faultline-disk-fill-*
#     files and stress-ng's scratch files;
#   - on the host: the agent's proxy ports still listening (the ports its DNAT rules pointed to during the fault),
#     and TCP connections still established to the target's peer endpoint (db-connection-exhaustion's held ones);
#     and any port the agent listens on besides its HTTP port.
# Each target's facts are compared with the ones taken before its first fault: any difference after recovery makes
# it orphaned (listed with the difference), and the target is then replaced by a fresh container so that the next
# trial starts clean. Before the kill, every target's facts must differ from its clean ones: a fault whose effect
# the inspection cannot see fails the bench, as does a check that cannot run (no nsenter, an unreadable cgroup).
# Types that need an endpoint get a peer container started here (busybox httpd on 8080): db-connection-exhaustion,
# db-partition, network-delay, dynamodb-faults. Last lines: per-type figures, then
#   trials=<n> types=<t> orphaned=<k>                 (k: orphaned targets summed over trials; exit 1 when k > 0)
#
# Sets up the local stack first (./faultline up: a no-op when it runs). Runs its own orchestrator and agent with the
# local profile in its work dir (so their keys, tokens and ledger are its own) on their own ports, topic prefix and
# agent id, against the local Kafka (FAULTLINE_KAFKA_BOOTSTRAP, default lib.sh's); builds the service jars and the
# inspector when
# they are missing or older than their sources. Containers carry faultline.test=true and faultline.trial=<run id> and are removed on exit.
#
# TRIAL_FAULTS (space-separated) narrows the types (intersected with the lasting, supported ones). A type's fault
# spec (YAML flow mapping) can be given as TRIAL_SPEC_<type with - as _>, e.g.
# TRIAL_SPEC_packet_loss='{type: packet-loss, percent: 10}'; @PEER_IP@ and @PEER_NAME@ in it are replaced by the
# target's peer endpoint.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=safety-trials
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/../deploy
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

TRIALS=${1:-20}
[[ "${TRIALS}" =~ ^[1-9][0-9]*$ ]] || fl_die "usage: bench/safety-trials.sh [N>=1], was '${TRIALS}'"
export FAULTLINE_KAFKA_BOOTSTRAP="${FAULTLINE_KAFKA_BOOTSTRAP:-${FL_KAFKA_BOOTSTRAP}}"
IMAGE="${TRIAL_IMAGE:-faultline/busybox:local}"
READY_TIMEOUT=120
ID="trials-$(date +%s)-$$"
WORK="${FL_STATE}/safety-trials/${ID}"
ORCH_PORT=$((20000 + RANDOM % 10000))
AGENT_PORT=$((ORCH_PORT + 1))
# The agent's ledger: the local profile's default, .faultline/agent-ledger/<agent id>, under the work dir.
LEDGER="${WORK}/.faultline/agent-ledger/${ID}-agent"
TOKEN=$(openssl rand -hex 24)
AGENT_PID=""
ORCH_PID=""
INSPECTOR_CP="${FL_ROOT}/injector-agent/target/classes:${FL_ROOT}/injector-agent/target/test-classes"
INSPECTOR_CLASS=dev.faultline.agent.runtime.cgroup.CgroupLeftovers
PEER_PORT=8080
# Types whose fault acts on a dependency endpoint: each gets its own peer, so that a connection to it is its own.
PEERED_TYPES=" db-connection-exhaustion db-partition network-delay dynamodb-faults "

# A valid spec of each lasting type, small enough for a shared 2-core machine. A lasting type added later without
# an entry here gets {type: <name>}; if that is not valid the trial fails at injection and says so.
default_spec() {
  case "$1" in
    container-stop) echo '{type: container-stop, timeout: 1s}' ;; # the target's sleep ignores SIGTERM
    container-pause) echo '{type: container-pause}' ;;
    cpu-stress) echo '{type: cpu-stress, workers: 1, load: 20}' ;;
    memory-stress) echo '{type: memory-stress, megabytes: 32}' ;;
    io-stress) echo '{type: io-stress, workers: 1, megabytes: 16}' ;;
    disk-fill) echo '{type: disk-fill, megabytes: 16, path: /tmp}' ;;
    network-partition) echo "{type: network-partition, ports: [${PEER_PORT}]}" ;;
    egress-block) echo '{type: egress-block}' ;;
    packet-loss) echo '{type: packet-loss, percent: 30}' ;;
    bandwidth-limit) echo '{type: bandwidth-limit, rate: 1mbit}' ;;
    connection-reset) echo "{type: connection-reset, ports: [${PEER_PORT}]}" ;;
    dns-failure) echo '{type: dns-failure}' ;;
    db-partition) echo "{type: db-partition, endpoint: \"@PEER_NAME@:${PEER_PORT}\"}" ;;
    # auto: netem where the kernel has it, else the delaying proxy behind a DNAT rule (this machine)
    network-delay) echo "{type: network-delay, host: \"@PEER_IP@\", port: ${PEER_PORT}, delay: 200ms}" ;;
    dynamodb-faults)
      echo "{type: dynamodb-faults, host: \"@PEER_IP@\", port: ${PEER_PORT}, operations: [{operation: PutItem, errorPercent: 50}]}" ;;
    db-connection-exhaustion) echo "{type: db-connection-exhaustion, host: \"@PEER_IP@\", port: ${PEER_PORT}, connections: 20}" ;;
    *) echo "{type: $1}" ;;
  esac
}

spec_of() {
  local type=$1 var="TRIAL_SPEC_${1//-/_}" spec
  if [[ -n "${!var:-}" ]]; then spec="${!var}"; else spec="$(default_spec "${type}")"; fi
  spec="${spec//@PEER_IP@/${PEER_IP[${type}]:-}}"
  echo "${spec//@PEER_NAME@/$(peer_name "${type}")}"
}

target_name() { echo "${ID}-${1}"; }
peer_name() { echo "${ID}-peer-${1}"; }

cleanup() {
  trap - ERR
  set +e
  [[ -n "${AGENT_PID}" ]] && kill "${AGENT_PID}" 2>/dev/null
  [[ -n "${ORCH_PID}" ]] && kill "${ORCH_PID}" 2>/dev/null
  wait 2>/dev/null
  local c
  for c in $(docker ps -aq --filter "label=faultline.trial=${ID}"); do
    docker unpause "${c}" >/dev/null 2>&1
    docker rm -f "${c}" >/dev/null 2>&1
  done
  # The logs and facts stay for reading; the private copies of the apps (~100 MB) would pile up run after run.
  rm -rf "${WORK}/orchestrator" "${WORK}/injector-agent"
}
trap cleanup EXIT

start_orchestrator() {
  # One run hits every lasting type's target: above the default blast-radius cap of 10 targets.
  fl_start_app_copy orchestrator "${WORK}/orchestrator/quarkus-run.jar" "${WORK}" "${WORK}/orchestrator.log" \
    "${ORCH_PORT}" -Dfaultline.topic-prefix="${ID}-" -Dfaultline.blast-radius.max-targets=64
  ORCH_PID=${FL_APP_PID}
}

start_agent() {
  fl_start_app_copy injector-agent "${WORK}/injector-agent/quarkus-run.jar" "${WORK}" "${WORK}/agent.log" \
    "${AGENT_PORT}" -Dfaultline.topic-prefix="${ID}-" -Dfaultline.agent.id="${ID}-agent" \
    -Dfaultline.agent.max-active-faults=64
  AGENT_PID=${FL_APP_PID}
}

await_orchestrator() { fl_await_app_ready orchestrator "${ORCH_PORT}" "${ORCH_PID}" "${WORK}/orchestrator.log" "${READY_TIMEOUT}"; }
await_agent() { fl_await_app_ready agent "${AGENT_PORT}" "${AGENT_PID}" "${WORK}/agent.log" "${READY_TIMEOUT}"; }

api() { curl -fsS -H "Authorization: Bearer ${TOKEN}" "$@"; }

# The inspector is a test class of injector-agent (it uses the agent's CgroupLayout): build it when it is missing
# or older than its source. Online and from the reactor (-am), so that a fresh clone on a fresh machine works.
ensure_inspector() {
  local class="${FL_ROOT}/injector-agent/target/test-classes/${INSPECTOR_CLASS//.//}.class"
  local source="${FL_ROOT}/injector-agent/src/test/java/${INSPECTOR_CLASS//.//}.java"
  [[ -f "${class}" && "${class}" -nt "${source}" && -d "${FL_ROOT}/injector-agent/target/classes" ]] && return 0
  fl_require_cmd mvn
  fl_log "building the leftover inspector (mvn -B -q -pl injector-agent -am test-compile, log ${WORK#"${FL_ROOT}"/}/build.log)"
  (cd "${FL_ROOT}" && mvn -B -q -pl injector-agent -am test-compile) >>"${WORK}/build.log" 2>&1 ||
    { fl_tail_log "${WORK}/build.log" 30; fl_die "building the inspector failed"; }
  [[ -f "${class}" ]] || fl_die "mvn test-compile produced no ${class}"
}

# NETNS_OUT=<output of a command run in a target's network namespace>. Not in a subshell, so that a failure (no
# tool, no namespace) ends the bench instead of reading as an empty, clean answer.
in_netns() {
  local pid=$1
  shift
  NETNS_OUT=$(nsenter -t "${pid}" -n "$@" 2>"${WORK}/nsenter.err") ||
    fl_die "cannot inspect pid ${pid}'s network namespace with '$*': $(cat "${WORK}/nsenter.err")"
}

# "<count>:<digest>" of a text's lines, so that a changed rule set shows even when its size is the same.
summary() {
  local text=$1
  printf '%s:%s' "$(grep -c . <<<"${text}" || true)" "$(md5sum <<<"${text}" | cut -c1-8)"
}

# The rules and user chains of an iptables-save text, without counters: what a fault's rules could leave.
iptables_rules() {
  grep -E -- '^-A|^:' <<<"$1" | grep -Ev '^:(INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) ' | sed 's/ \[[0-9]*:[0-9]*\]$//' || true
}

# What of an nft ruleset has an effect or is someone's leftover: everything but the tables and the empty base chains
# with an accept policy that iptables-nft creates on first use and never removes (they filter nothing).
nft_effective() {
  awk '/^[[:space:]]*$/ || /^[[:space:]]*table / || /^[[:space:]]*}[[:space:]]*$/ { next }
       /^[[:space:]]*chain (INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) \{$/ { next }
       /^[[:space:]]*type [a-z]+ hook [a-z]+ priority [^;]+; policy accept;$/ { next }
       { gsub(/counter packets [0-9]+ bytes [0-9]+/, "counter"); print }' <<<"$1"
}

# Files a fault may leave in a container's filesystem, under ROOT (its /proc/<pid>/root or overlay upper dir).
fault_files() {
  local root=$1
  # find's status is ignored: stress-ng's files may vanish while it walks.
  { find "${root}/" \( -path "${root}/proc" -o -path "${root}/sys" -o -path "${root}/dev" \) -prune -o \
    \( -name 'faultline-disk-fill-*' -o -name '*stress-ng*' \) -print 2>/dev/null || true; } | sed "s|^${root}||" | sort
}

# The facts of one target, "key=value" one per line in a fixed order; CGROUP_FACTS holds the inspector's line for it.
# PEER (an address, or empty) is the target's endpoint; PROXY_PORTS the host ports its DNAT rules pointed to.
target_facts() {
  local name=$1 cgroup_facts=$2 peer=$3 proxy_ports=$4 state running paused pid limits upper
  state=$(docker inspect -f '{{.State.Running}} {{.State.Paused}} {{.State.Pid}} {{.HostConfig.NanoCpus}}/{{.HostConfig.CpuQuota}}/{{.HostConfig.Memory}} {{.GraphDriver.Data.UpperDir}}' "${name}") ||
    fl_die "cannot inspect ${name}"
  read -r running paused pid limits upper <<<"${state}"
  echo "running=${running}"
  echo "paused=${paused}"
  echo "docker-limits=${limits}"
  local files
  if [[ "${running}" == true && "${pid}" -gt 0 ]]; then
    in_netns "${pid}" iptables-save -t filter
    echo "iptables-filter=$(summary "$(iptables_rules "${NETNS_OUT}")")"
    in_netns "${pid}" iptables-save -t nat
    echo "iptables-nat=$(summary "$(iptables_rules "${NETNS_OUT}")")"
    # Rules an iptables of the other backend would have added live in the legacy tables.
    in_netns "${pid}" iptables-legacy-save
    echo "iptables-legacy=$(summary "$(iptables_rules "${NETNS_OUT}")")"
    in_netns "${pid}" nft list ruleset
    echo "nft-ruleset=$(summary "$(nft_effective "${NETNS_OUT}")")"
    in_netns "${pid}" tc qdisc show
    echo "tc-qdiscs=$(summary "${NETNS_OUT}")"
    [[ -n "${cgroup_facts}" ]] || fl_die "no cgroup facts for ${name} (pid ${pid})"
    tr ' ' '\n' <<<"${cgroup_facts}" | grep -v '^stress-pids='
    # A container's root is never empty: an empty listing means it could not be read, not that it is clean.
    [[ -n "$(ls -A "/proc/${pid}/root/" 2>/dev/null)" ]] || fl_die "cannot read ${name}'s filesystem at /proc/${pid}/root"
    files=$(fault_files "/proc/${pid}/root")
  else
    # A stopped container: its netns and cgroups are gone with its processes; its files stay in the upper dir.
    [[ -d "${upper}" ]] || fl_die "${name} is not running and has no overlay upper dir to look for files in"
    files=$(fault_files "${upper}")
  fi
  echo "fault-files=$(grep -c . <<<"${files}" || true)${files:+ ($(echo ${files}))}"
  local sockets
  if [[ -n "${peer}" ]]; then
    sockets=$(ss -Htn state established "( dst ${peer}:${PEER_PORT} )") || fl_die "ss cannot list connections to ${peer}"
    echo "host-connections-to-peer=$(grep -c . <<<"${sockets}" || true)"
  fi
  local port listening=()
  for port in ${proxy_ports}; do
    sockets=$(ss -Hltn "( sport = :${port} )") || fl_die "ss cannot list listeners on port ${port}"
    [[ -z "${sockets}" ]] || listening+=("${port}")
  done
  ((${#listening[@]} == 0)) || echo "proxy-listening=${listening[*]}"
}

# Ports the agent listens on besides its HTTP port: a proxy of any fault still open.
agent_facts() {
  local ports sockets
  sockets=$(ss -Hltnp) || fl_die "ss cannot list the host's listening sockets"
  ports=$(awk -v pid="pid=${AGENT_PID}," -v own=":${AGENT_PORT}" \
    'index($0, pid) && !index($4, own) { n = split($4, a, ":"); print a[n] }' <<<"${sockets}" | sort -n | paste -sd, -)
  echo "agent-listening=${ports:-none}"
}

# What differs between two facts files, "key: clean -> now" joined by "; ".
facts_diff() {
  awk 'NR == FNR { i = index($0, "="); clean[substr($0, 1, i - 1)] = substr($0, i + 1); next }
       { i = index($0, "="); k = substr($0, 1, i - 1); now[k] = substr($0, i + 1)
         if (!(k in clean)) print k "=" now[k] " (new)"; else if (clean[k] != now[k]) print k ": " clean[k] " -> " now[k] }
       END { for (k in clean) if (!(k in now)) gone = gone " " k
             if (gone != "") print "not inspectable now:" gone }' "$1" "$2" | paste -sd';' - | sed 's/;/; /g'
}

# Writes the facts of every target into DIR/<type>.facts and the agent's into DIR/agent.facts.
snapshot() {
  local dir=$1 t pids=() lines
  mkdir -p "${dir}"
  declare -A pid_of=()
  for t in "${TYPES[@]}"; do
    local p
    p=$(docker inspect -f '{{if .State.Running}}{{.State.Pid}}{{else}}0{{end}}' "$(target_name "${t}")")
    pid_of[${t}]=${p}
    ((p > 0)) && pids+=("${p}")
  done
  lines=""
  if ((${#pids[@]} > 0)); then
    lines=$(java -cp "${INSPECTOR_CP}" "${INSPECTOR_CLASS}" "${pids[@]}" 2>"${WORK}/inspector.err") ||
      fl_die "the cgroup inspection failed: $(cat "${WORK}/inspector.err")"
  fi
  for t in "${TYPES[@]}"; do
    local cg=""
    ((pid_of[${t}] > 0)) && cg=$(awk -v p="${pid_of[${t}]}" '$1 == p { $1 = ""; sub(/^ /, ""); print }' <<<"${lines}")
    target_facts "$(target_name "${t}")" "${cg}" "${PEER_IP[${t}]:-}" "${PROXY_PORTS[${t}]:-}" >"${dir}/${t}.facts"
  done
  agent_facts >"${dir}/agent.facts"
}

# PROXY_PORTS[type]: the host ports the nat rules of its target's namespace send traffic to (the agent's proxies).
record_dnat_ports() {
  local t=$1 pid
  PROXY_PORTS[${t}]=""
  pid=$(docker inspect -f '{{if .State.Running}}{{.State.Pid}}{{else}}0{{end}}' "$(target_name "${t}")")
  ((pid > 0)) || return 0
  in_netns "${pid}" iptables-save -t nat
  PROXY_PORTS[${t}]=$( (grep -o -- '--to-destination [0-9.]*:[0-9]*' <<<"${NETNS_OUT}" || true) | sed 's/.*://' |
    sort -u | paste -sd' ' -)
}

start_target() {
  local t=$1
  docker run -d --name "$(target_name "${t}")" --label faultline.enabled=true --label faultline.test=true \
    --label "faultline.trial=${ID}" "${IMAGE}" sleep 100000 >/dev/null
}

await_targets_running() {
  local names deadline=$(($(date +%s) + 30))
  names=$(printf '%s\n' "${TYPES[@]/#/${ID}-}" | jq -R . | jq -sc .)
  until api "http://127.0.0.1:${ORCH_PORT}/api/v1/agents" | jq -e --argjson names "${names}" \
      '[.[] | select(.live) | .containers[] | select(.state == "running") | .name] as $up
       | ($names - $up) | length == 0' >/dev/null 2>&1; do
    (($(date +%s) < deadline)) || fl_die "$1: the agent did not report every target running within 30s: $(
      for t in "${TYPES[@]}"; do printf '%s=%s ' "${t}" "$(docker inspect -f '{{.State.Status}}' "$(target_name "${t}")")"; done)"
    sleep 0.3
  done
}

main() {
  # On a fresh machine: prerequisites, Docker engine, Kafka, dynalite and the base images (a no-op when all is up).
  "${FL_ROOT}/faultline" up
  fl_require_cmd docker java curl jq openssl nsenter iptables-save iptables-legacy-save nft tc ss md5sum find
  mkdir -p "${LEDGER}"
  fl_ensure_service_jars
  ensure_inspector
  docker image inspect "${IMAGE}" >/dev/null 2>&1 || fl_die "no image ${IMAGE}: build it with ./faultline up (deploy/images/build.sh)"
  # Private copies of the apps: a rebuild during the trials must not pull the jars from under the agent.
  cp -r "${FL_ROOT}/orchestrator/target/quarkus-app" "${WORK}/orchestrator"
  cp -r "${FL_ROOT}/injector-agent/target/quarkus-app" "${WORK}/injector-agent"
  fl_local_secrets "${WORK}" "${TOKEN}" safety-trials

  start_orchestrator
  start_agent
  await_orchestrator
  await_agent

  local faults t
  faults=$(curl -fsS "http://127.0.0.1:${AGENT_PORT}/api/v1/faults")
  jq -e 'length > 0 and all(.[]; has("lasting"))' >/dev/null <<<"${faults}" ||
    fl_die "the agent's GET /api/v1/faults does not say which types last; its jar is older than this checkout: mvn -B -DskipTests package"
  TYPES=()
  local wanted=" ${TRIAL_FAULTS:-$(jq -r '.[] | select(.lasting) | .type' <<<"${faults}" | paste -sd' ' -)} "
  for t in $(jq -r '.[] | select(.lasting and .supported) | .type' <<<"${faults}"); do
    [[ "${wanted}" == *" ${t} "* ]] && TYPES+=("${t}")
  done
  local unsupported
  unsupported=$(jq -r '.[] | select(.lasting and (.supported | not)) | "\(.type) (\(.reason))"' <<<"${faults}" | paste -sd, -)
  [[ -z "${unsupported}" ]] || fl_log "lasting types this host cannot run, left out: ${unsupported}"
  ((${#TYPES[@]} > 0)) || fl_die "no lasting, supported type among: ${wanted}"
  fl_log "${#TYPES[@]} lasting fault type(s) under trial: ${TYPES[*]}; ${TRIALS} trial(s); work dir ${WORK#"${FL_ROOT}"/}"

  declare -gA PEER_IP=() PROXY_PORTS=() ORPHANED=()
  for t in "${TYPES[@]}"; do
    ORPHANED[${t}]=0
    if [[ "${PEERED_TYPES}" == *" ${t} "* ]]; then
      docker run -d --name "$(peer_name "${t}")" --label faultline.test=true --label "faultline.trial=${ID}" \
        "${IMAGE}" httpd -f -p "${PEER_PORT}" >/dev/null
      PEER_IP[${t}]=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' "$(peer_name "${t}")")
      [[ -n "${PEER_IP[${t}]}" ]] || fl_die "peer $(peer_name "${t}") has no address on the default bridge"
    fi
    start_target "${t}"
  done
  await_targets_running "start"
  snapshot "${WORK}/clean"

  local experiment="${WORK}/experiment.yaml"
  {
    printf 'name: safety-trial\nduration: 120s\nsteadyState:\n  warmup: 0s\n  probes:\n'
    printf '    - {name: none, url: "http://127.0.0.1:9/health"}\nfaults:\n'
    for t in "${TYPES[@]}"; do
      printf '  - target: {selector: {name: %s}}\n    fault: %s\n' "$(target_name "${t}")" "$(spec_of "${t}")"
    done
  } >"${experiment}"

  local trial orphaned=0 total_ms=0 deadline
  for ((trial = 1; trial <= TRIALS; trial++)); do
    local run_id injected=0 started run
    await_targets_running "trial ${trial}"
    run_id=$(api -X POST -H 'Content-Type: application/yaml' --data-binary "@${experiment}" \
      "http://127.0.0.1:${ORCH_PORT}/api/v1/runs" | jq -r .runId)
    deadline=$(($(date +%s) + 45))
    while ((injected < ${#TYPES[@]})); do
      run=$(api "http://127.0.0.1:${ORCH_PORT}/api/v1/runs/${run_id}")
      injected=$(jq '.injected | length' <<<"${run}")
      [[ "$(jq -c '[.failed[]?]' <<<"${run}")" == "[]" ]] ||
        fl_die "trial ${trial}: faults failed to inject: $(jq -c '[.failed[] | {faultType, detail}]' <<<"${run}")"
      (($(date +%s) < deadline)) || fl_die "trial ${trial}: only ${injected}/${#TYPES[@]} faults injected in 45s"
      sleep 0.3
    done

    # Every effect must be visible before the kill, or the checks after it prove nothing.
    for t in "${TYPES[@]}"; do record_dnat_ports "${t}"; done
    snapshot "${WORK}/trial-${trial}/faulted"
    for t in "${TYPES[@]}"; do
      cmp -s "${WORK}/clean/${t}.facts" "${WORK}/trial-${trial}/faulted/${t}.facts" &&
        fl_die "trial ${trial}: ${t} is in effect but nothing the trials inspect differs from the clean target: the checks cannot see it"
      ((trial > 1)) || fl_log "${t} in effect: $(facts_diff "${WORK}/clean/${t}.facts" "${WORK}/trial-1/faulted/${t}.facts")"
    done

    kill -9 "${AGENT_PID}"
    wait "${AGENT_PID}" 2>/dev/null || true
    local in_ledger
    in_ledger=$(find "${LEDGER}" -name '*.json' | wc -l)
    started=$(date +%s%N)
    start_agent
    await_agent
    # Recovery runs before the agent takes commands; readiness can come first, so wait for the ledger to empty.
    deadline=$(($(date +%s) + 60))
    while [[ -n "$(find "${LEDGER}" -name '*.json' -print -quit)" ]] && (($(date +%s) < deadline)); do
      sleep 0.1
    done
    local took_ms=$((($(date +%s%N) - started) / 1000000)) still
    total_ms=$((total_ms + took_ms))
    still=$(find "${LEDGER}" -name '*.json' | wc -l)

    snapshot "${WORK}/trial-${trial}/recovered"
    local left=0
    for t in "${TYPES[@]}"; do
      if ! cmp -s "${WORK}/clean/${t}.facts" "${WORK}/trial-${trial}/recovered/${t}.facts"; then
        left=$((left + 1))
        ORPHANED[${t}]=$((ORPHANED[${t}] + 1))
        fl_log "trial ${trial}: ORPHANED ${t} on $(target_name "${t}"): $(facts_diff "${WORK}/clean/${t}.facts" "${WORK}/trial-${trial}/recovered/${t}.facts")"
      fi
    done
    if ! cmp -s "${WORK}/clean/agent.facts" "${WORK}/trial-${trial}/recovered/agent.facts"; then
      left=$((left + 1))
      fl_log "trial ${trial}: ORPHANED on the agent's host: $(facts_diff "${WORK}/clean/agent.facts" "${WORK}/trial-${trial}/recovered/agent.facts")"
    fi
    orphaned=$((orphaned + left))
    fl_log "trial ${trial}: ${in_ledger} fault(s) in the ledger at kill -9, ${still} still there after recovery; restart + recovery ${took_ms} ms; orphaned ${left}"
    # The next trial starts only once the agent has done this halt: a halt is read in order with the commands of
    # its own partition only, and the trial must not depend on which it reads first.
    local halt_id
    halt_id=$(api -X POST "http://127.0.0.1:${ORCH_PORT}/api/v1/halt?reason=trial-${trial}-done" | jq -r .haltMessageId)
    deadline=$(($(date +%s) + 30))
    until grep -q "halt ${halt_id} done" "${WORK}/agent.log"; do
      (($(date +%s) < deadline)) || fl_die "trial ${trial}: the agent did not confirm halt ${halt_id} within 30s (${WORK}/agent.log)"
      sleep 0.2
    done
    # An orphaned target is replaced, so that the next trial counts only what it leaves itself.
    for t in "${TYPES[@]}"; do
      cmp -s "${WORK}/clean/${t}.facts" "${WORK}/trial-${trial}/recovered/${t}.facts" && continue
      docker unpause "$(target_name "${t}")" >/dev/null 2>&1 || true
      docker rm -f "$(target_name "${t}")" >/dev/null
      start_target "${t}"
      PROXY_PORTS[${t}]=""
    done
    if ! cmp -s "${WORK}/clean/agent.facts" "${WORK}/trial-${trial}/recovered/agent.facts"; then
      # The host side (a proxy, held connections) belongs to the agent process: restart it to start clean.
      kill "${AGENT_PID}"
      wait "${AGENT_PID}" 2>/dev/null || true
      start_agent
      await_agent
    fi
    await_targets_running "after trial ${trial}"
    # A replaced target's clean facts are its own (the cgroup layout is the same; counts are re-taken).
    local ts=()
    for t in "${TYPES[@]}"; do
      cmp -s "${WORK}/clean/${t}.facts" "${WORK}/trial-${trial}/recovered/${t}.facts" || ts+=("${t}")
    done
    if ((${#ts[@]} > 0)); then
      local saved=("${TYPES[@]}")
      TYPES=("${ts[@]}")
      snapshot "${WORK}/clean-again"
      for t in "${ts[@]}"; do cp "${WORK}/clean-again/${t}.facts" "${WORK}/clean/${t}.facts"; done
      TYPES=("${saved[@]}")
    fi
  done
  fl_log "mean restart + recovery: $((total_ms / TRIALS)) ms"
  for t in "${TYPES[@]}"; do
    echo "type=${t} trials=${TRIALS} orphaned=${ORPHANED[${t}]}"
  done
  echo "trials=${TRIALS} types=${#TYPES[@]} orphaned=${orphaned}"
  [[ "${orphaned}" -eq 0 ]] || exit 1
}

main "$@"

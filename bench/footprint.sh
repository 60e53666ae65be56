#!/usr/bin/env bash
# bench/footprint.sh [IDLE_S [WINDOW_S]]          (also: ./faultline bench run footprint ...)
#
# What each of the four services costs when it has nothing to do: each is started as deploy/services.sh starts it
# (the local profile, the JVM options of deploy/jvm/<service>.options) but in this bench's own work dir (its own
# keys, tokens and ledger), on its own ports, topic and table prefix and agent id, against the shared local Kafka and
# dynalite. After IDLE_S seconds (default 60) of idling from its readiness, each one's CPU is measured over a window
# of WINDOW_S seconds (default 30): user + system ticks from /proc/<pid>/stat, as a share of one core; then its RSS
# (VmRSS of /proc/<pid>/status) and thread count. Per service one line, then the result line
#   agent_rss_mb=… agent_cpu_pct=… agent_threads=… orchestrator_rss_mb=… … reporter_threads=…
# Goals (issue 15): agent <= 64 MB RSS and < 0.5 % of a core; orchestrator, observer and reporter <= 128 MB each;
# the exit status is 0 only when every goal is met.
#
# FOOTPRINT_NMT=1 also starts each JVM with Native Memory Tracking (-XX:NativeMemoryTracking=summary, which costs a
# few MB of its own) and prints, after the figures, where each one's committed memory goes (jcmd VM.native_memory:
# heap, class metadata, code cache, thread stacks, GC, the rest), which is what says why a goal is missed.
# FOOTPRINT_SERVICES="a b" narrows the services measured; FOOTPRINT_JAVA_OPTS adds JVM options to each (split on
# spaces), e.g. to try one before writing it into an options file.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=footprint
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/../deploy
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

IDLE_S=${1:-60}
WINDOW_S=${2:-30}
[[ "${IDLE_S}" =~ ^[0-9]+$ && "${WINDOW_S}" =~ ^[1-9][0-9]*$ ]] ||
  fl_die "usage: bench/footprint.sh [IDLE_S>=0 [WINDOW_S>=1]], was '${IDLE_S}' '${WINDOW_S}'"
read -r -a SERVICES <<<"${FOOTPRINT_SERVICES:-${FL_SERVICES[*]}}"
export FAULTLINE_KAFKA_BOOTSTRAP="${FAULTLINE_KAFKA_BOOTSTRAP:-${FL_KAFKA_BOOTSTRAP}}"
export FAULTLINE_DYNAMODB_ENDPOINT="${FAULTLINE_DYNAMODB_ENDPOINT:-${FL_DYNAMODB_ENDPOINT}}"
ID="footprint-$(date +%s)-$$"
WORK="${FL_STATE}/footprint/${ID}"
TOKEN=$(openssl rand -hex 24)
CLK_TCK=$(getconf CLK_TCK)
declare -A PID=() PORT=()
# Goals in MB of RSS, and the agent's idle CPU in percent of one core.
declare -A RSS_GOAL_MB=([injector-agent]=64 [orchestrator]=128 [observer]=128 [reporter]=128)
AGENT_CPU_GOAL_PCT=0.5

cleanup() {
  trap - ERR
  set +e
  local service
  for service in "${!PID[@]}"; do kill "${PID[${service}]}" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "${WORK}/apps"
}
trap cleanup EXIT

# The result line's name of a service.
short_name() { [[ "$1" == injector-agent ]] && echo agent || echo "$1"; }

start_service() {
  local service=$1 args=()
  [[ "${FOOTPRINT_NMT:-0}" == 1 ]] && args+=(-XX:NativeMemoryTracking=summary)
  local extra=()
  read -r -a extra <<<"${FOOTPRINT_JAVA_OPTS:-}"
  args+=("${extra[@]}")
  [[ "${service}" == reporter ]] && mkdir -p "${WORK}/reports"
  fl_start_app_copy "${service}" "${WORK}/apps/${service}/quarkus-run.jar" "${WORK}" "${WORK}/${service}.log" \
    "${PORT[${service}]}" "${args[@]}" "-Dfaultline.topic-prefix=${ID}-" "-Dfaultline.dynamodb.table-prefix=${ID}-" \
    "-Dfaultline.agent.id=${ID}-agent"
  PID[${service}]=${FL_APP_PID}
}

await_ready() { fl_await_app_ready "$1" "${PORT[$1]}" "${PID[$1]}" "${WORK}/$1.log" 180; }

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat, counted after the
# parenthesised command name, which may hold spaces).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# "<ticks> <thread name>" of each of a process's threads.
thread_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    [[ -r "${task}/stat" ]] || continue
    printf '%s %s\n' "$(sed 's/^.*) //' "${task}/stat" | awk '{ print $12 + $13 }')" "$(tr ' ' '_' <"${task}/comm")"
  done 2>/dev/null
}
status_field() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# Where a JVM's committed memory goes, by Native Memory Tracking's categories (MB).
nmt_breakdown() {
  local service=$1 out
  out=$(jcmd "${PID[${service}]}" VM.native_memory summary scale=KB 2>&1) || { echo "  (jcmd failed: ${out})"; return 0; }
  awk -v s="${service}" '
    /^Total:/ { match($0, /committed=[0-9]+KB/); total = substr($0, RSTART + 10, RLENGTH - 12) }
    /^-[ ]+[A-Z]/ { line = $0; sub(/^-[ ]+/, "", line); name = line; sub(/ *\(.*$/, "", name); gsub(/ /, "-", name)
                    if (match(line, /committed=[0-9]+KB/)) { kb = substr(line, RSTART + 10, RLENGTH - 12)
                      if (kb + 0 >= 512) parts = parts sprintf(" %s=%.1f", name, kb / 1024) } }
    /^[ ]+\(thread #[0-9]+\)/ { match($0, /#[0-9]+/); threads = substr($0, RSTART + 1, RLENGTH - 1) }
    END { printf "  %s NMT committed_mb=%.1f (%s threads):%s\n", s, total / 1024, threads, parts }' <<<"${out}"
}

main() {
  "${FL_ROOT}/faultline" up
  fl_require_cmd java curl openssl getconf
  [[ "${FOOTPRINT_NMT:-0}" == 1 ]] && fl_require_cmd jcmd
  fl_ensure_service_jars
  mkdir -p "${WORK}/apps"
  fl_local_secrets "${WORK}" "${TOKEN}" footprint
  local base service
  # Below the ephemeral port range, as the other benches pick theirs; 18080-18083 are the lead's.
  base=$((20000 + (RANDOM % 1200) * 10))
  local i=0
  for service in "${SERVICES[@]}"; do
    fl_service_port "${service}" >/dev/null
    PORT[${service}]=$((base + i))
    fl_port_open 127.0.0.1 "${PORT[${service}]}" && fl_die "port ${PORT[${service}]} is taken: run the bench again"
    i=$((i + 1))
    # Private copies: a rebuild during the bench must not pull a jar from under a running service.
    cp -r "${FL_ROOT}/${service}/target/quarkus-app" "${WORK}/apps/${service}"
  done
  # One after the other: four JVMs starting at once on a busy 2-core machine would each take minutes.
  for service in "${SERVICES[@]}"; do
    start_service "${service}"
    await_ready "${service}"
    fl_log "${service} ready (pid ${PID[${service}]}, port ${PORT[${service}]})"
  done
  fl_log "idling ${IDLE_S}s, then measuring CPU over ${WINDOW_S}s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  sleep "${IDLE_S}"
  declare -A t0=()
  local started ended
  started=$(date +%s%N)
  for service in "${SERVICES[@]}"; do
    t0[${service}]=$(cpu_ticks "${PID[${service}]}")
    thread_ticks "${PID[${service}]}" >"${WORK}/${service}.threads0"
  done
  sleep "${WINDOW_S}"
  ended=$(date +%s%N)
  local result=() met=true rss_kb rss_mb cpu threads
  for service in "${SERVICES[@]}"; do
    local pid=${PID[${service}]}
    kill -0 "${pid}" 2>/dev/null || fl_die "${service} exited while idling (log ${WORK}/${service}.log)"
    cpu=$(awk -v a="${t0[${service}]}" -v b="$(cpu_ticks "${pid}")" -v hz="${CLK_TCK}" -v ns=$((ended - started)) \
      'BEGIN { printf "%.2f", (b - a) / hz / (ns / 1e9) * 100 }')
    rss_kb=$(status_field "${pid}" VmRSS)
    rss_mb=$(awk -v k="${rss_kb}" 'BEGIN { printf "%.1f", k / 1024 }')
    threads=$(status_field "${pid}" Threads)
    thread_ticks "${pid}" >"${WORK}/${service}.threads1"
    local name goal verdict=ok
    name=$(short_name "${service}")
    goal=${RSS_GOAL_MB[${service}]}
    if awk -v r="${rss_mb}" -v g="${goal}" 'BEGIN { exit !(r > g) }'; then verdict="MISSED (goal <= ${goal} MB)"; met=false; fi
    if [[ "${service}" == injector-agent ]] && awk -v c="${cpu}" -v g="${AGENT_CPU_GOAL_PCT}" 'BEGIN { exit !(c >= g) }'; then
      verdict="${verdict/ok/} CPU MISSED (goal < ${AGENT_CPU_GOAL_PCT} %)"
      met=false
    fi
    printf '%-15s rss=%s MB cpu=%s %% of a core threads=%s: %s\n' "${service}" "${rss_mb}" "${cpu}" "${threads}" "${verdict}"
    # Where the RSS is (anonymous: heap, metaspace, stacks, malloc; file: the mapped jars and CDS archive) and which
    # threads (by name, summed) spent the window's CPU.
    printf '%-15s   rss_anon=%s MB rss_file=%s MB; busiest threads (ticks of %s/s): %s\n' "" \
      "$(($(status_field "${pid}" RssAnon) / 1024))" "$(($(status_field "${pid}" RssFile) / 1024))" "${CLK_TCK}" \
      "$(awk 'NR == FNR { before[$2] += $1; next } { after[$2] += $1 }
              END { for (n in after) if (after[n] - before[n] > 0) print after[n] - before[n], n }' \
          "${WORK}/${service}.threads0" "${WORK}/${service}.threads1" | sort -rn | head -5 | awk '{ printf "%s=%s ", $2, $1 }')"
    result+=("${name}_rss_mb=${rss_mb}" "${name}_cpu_pct=${cpu}" "${name}_threads=${threads}")
  done
  if [[ "${FOOTPRINT_NMT:-0}" == 1 ]]; then
    echo "where the committed memory goes (Native Memory Tracking, MB):"
    for service in "${SERVICES[@]}"; do nmt_breakdown "${service}"; done
  fi
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg); JVM options: deploy/jvm/<service>.options; logs: ${WORK#"${FL_ROOT}"/}"
  echo "${result[*]}"
  if ${met}; then exit 0; else exit 1; fi
}

main

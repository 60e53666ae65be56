#!/usr/bin/env bash
# bench/scale.sh [AGENTS]      (default 1000)
#
# A thousand hosts: AGENTS simulated agents (bench/ScaleBench.java: many in one JVM, each with its own id, its own
# instance of the agent's CommandVerifier and heartbeats at 1 Hz announcing 5 containers that exist only in them)
# against one real orchestrator over the real Kafka, and one experiment fanned out to one target on every agent.
# Prints the hop figures (steady heartbeats, the fan-out, the abort's revert fan-out), then on its last line
#   agents=<n> targets=<t> fanout_ms=<f> heartbeat_lag_p99_ms=<l> orchestrator_cpu_pct=<c>
# and exits non-zero when a goal is missed (every command received <= 2000 ms after the wave's planned instant,
# heartbeat lag p99 <= 1000 ms) or when anything was lost (see docs/scaling.md for what each figure measures).
#
# Isolation: the shared broker (FAULTLINE_KAFKA_BOOTSTRAP, default lib.sh's) with topics of this bench's own prefix
# (created with SCALE_PARTITIONS partitions, default 3 as the project's broker makes them, deleted at the end), its
# own consumer groups, agent ids, keys and token; the orchestrator on a free port of its own, in its own work dir,
# with its own run and schedule tables in the shared dynalite (named after the topic prefix, deleted at the end). The
# blast-radius cap is raised to AGENTS for this orchestrator only, by configuration. Nothing touches a container.
# Windows: SCALE_STEADY_SECONDS (default 10) of heartbeats alone, then SCALE_RUN_SECONDS (default 15) from the start
# of the run; the orchestrator's CPU is taken over the latter. ~1.5 min in all.
# SCALE_ORCHESTRATOR_JAVA_OPTS adds JVM options to the orchestrator (split on spaces), e.g. a flight recording to see
# where its CPU goes: "-XX:StartFlightRecording=filename=orchestrator.jfr,settings=profile".
# Work dir and logs: .faultline/scale/<id>/.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=scale
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/../deploy
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

AGENTS=${1:-1000}
[[ "${AGENTS}" =~ ^[1-9][0-9]*$ ]] && ((AGENTS <= 1000)) || fl_die "usage: $0 [AGENTS 1..1000] (an experiment step targets at most 1000)"
CONTAINERS_PER_AGENT=5
STEADY_SECONDS=${SCALE_STEADY_SECONDS:-10}
RUN_SECONDS=${SCALE_RUN_SECONDS:-15}
PARTITIONS=${SCALE_PARTITIONS:-3}
KAFKA="${FAULTLINE_KAFKA_BOOTSTRAP:-${FL_KAFKA_BOOTSTRAP}}"
export FAULTLINE_DYNAMODB_ENDPOINT="${FAULTLINE_DYNAMODB_ENDPOINT:-${FL_DYNAMODB_ENDPOINT}}"

ID="scale-$(date +%s)-$$"
WORK="${FL_STATE}/scale/${ID}"
PREFIX="${ID}-"
TOKEN=$(openssl rand -hex 24)
ORCH_PID=""

cleanup() {
  trap - ERR
  set +e
  if [[ -n "${ORCH_PID}" ]]; then
    kill "${ORCH_PID}" 2>/dev/null
    wait "${ORCH_PID}" 2>/dev/null
  fi
  # After the orchestrator (whose consumers would have the broker create the topics again): this bench's topics, and
  # the orchestrator's run and schedule tables (the default table prefix, then this bench's topic prefix).
  if [[ -f "${WORK}/tool/ScaleBenchCleanup.class" ]]; then
    java -Xmx64m -cp "${WORK}/tool:$(tool_classpath)" ScaleBenchCleanup "${KAFKA}" "${PREFIX}" \
      "${FAULTLINE_DYNAMODB_ENDPOINT}" "faultline-${PREFIX}" >>"${WORK}/cleanup.log" 2>&1
  fi
  rm -rf "${WORK}/orchestrator" "${WORK}/injector-agent"
}
trap cleanup EXIT
# Stopped from outside (timeout, Ctrl-C): exit, so that the clean-up above runs.
trap 'exit 143' TERM INT

# The agent's fast-jar: its classes (CommandVerifier), common's, Kafka's client and Jackson; and the AWS SDK
# for the table clean-up, from the orchestrator's.
tool_classpath() {
  echo "${WORK}/injector-agent/app/*:${WORK}/injector-agent/lib/main/*:${WORK}/orchestrator/lib/main/*"
}

free_port() {
  local ephemeral_low port i
  ephemeral_low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  for i in $(seq 1 50); do
    port=$((20000 + RANDOM % (ephemeral_low - 20000)))
    fl_port_open 127.0.0.1 "${port}" || { echo "${port}"; return 0; }
  done
  fl_die "no free port found in 20000-${ephemeral_low}"
}

main() {
  "${FL_ROOT}/faultline" up
  fl_require_cmd java javac curl openssl
  fl_ensure_service_jars
  mkdir -p "${WORK}/tool"
  local service
  # Private copies: a rebuild during the bench must not pull the jars from under it.
  for service in orchestrator injector-agent; do
    cp -r "${FL_ROOT}/${service}/target/quarkus-app" "${WORK}/${service}"
  done
  javac -nowarn -d "${WORK}/tool" -cp "$(tool_classpath)" "${FL_ROOT}/bench/ScaleBench.java" \
    "${FL_ROOT}/bench/ScaleBenchCleanup.java" || fl_die "could not compile bench/ScaleBench.java"
  fl_local_secrets "${WORK}" "${TOKEN}" scale-bench

  local port
  port=$(free_port)
  fl_log "work dir ${WORK#"${FL_ROOT}"/}; Kafka ${KAFKA}, topic prefix ${PREFIX}, orchestrator on ${port}; load: $(uptime)"
  # Production settings (deploy/services.sh's JVM options, the local profile) but for what isolates this bench and
  # the one cap a thousand targets need.
  local extra=()
  read -r -a extra <<<"${SCALE_ORCHESTRATOR_JAVA_OPTS:-}"
  (cd "${WORK}" && exec java "${extra[@]}" -Xmx256m -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    "-Dquarkus.profile=${FL_QUARKUS_PROFILE}" "-Dquarkus.http.port=${port}" \
    "-Dfaultline.topic-prefix=${PREFIX}" "-Dkafka.bootstrap.servers=${KAFKA}" \
    "-Dmp.messaging.incoming.events-in.group.id=${ID}-orchestrator" \
    "-Dmp.messaging.incoming.verdicts.group.id=${ID}-orchestrator" \
    "-Dfaultline.blast-radius.max-targets=${AGENTS}" \
    -jar "${WORK}/orchestrator/quarkus-run.jar" >"${WORK}/orchestrator.log" 2>&1) &
  ORCH_PID=$!
  local deadline=$(($(date +%s) + 120))
  until curl -fsS -m 2 -o /dev/null "http://127.0.0.1:${port}/q/health/ready" 2>/dev/null; do
    kill -0 "${ORCH_PID}" 2>/dev/null || { fl_tail_log "${WORK}/orchestrator.log" 30; fl_die "the orchestrator exited"; }
    (($(date +%s) < deadline)) || { fl_tail_log "${WORK}/orchestrator.log" 30; fl_die "the orchestrator was not ready in 120 s"; }
    sleep 0.5
  done
  # The JVM's own pid (the subshell exec'd it): /proc/<pid>/stat is the orchestrator's CPU.
  local rc=0
  java -Xmx512m -cp "${WORK}/tool:$(tool_classpath)" ScaleBench "${KAFKA}" "${PREFIX}" "http://127.0.0.1:${port}" \
    "${TOKEN}" "${WORK}/${FL_LOCAL_KEYS_DIR}/public.pem" "${ORCH_PID}" "${AGENTS}" "${CONTAINERS_PER_AGENT}" "${ID}" \
    "${STEADY_SECONDS}" "${RUN_SECONDS}" "${PARTITIONS}" "$(getconf CLK_TCK)" 2>"${WORK}/bench.err" \
    >"${WORK}/bench.out" || rc=$?
  fl_log "load after the bench: $(uptime)"
  ((rc == 0)) || fl_tail_log "${WORK}/bench.err" 20
  # Its figures, the result line last, whatever the exit status (a missed goal is no script error).
  cat "${WORK}/bench.out"
  trap - ERR
  return "${rc}"
}

main "$@"

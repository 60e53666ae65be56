# shellcheck shell=bash
# Shared helpers for the deploy scripts and the ./faultline launcher.
# Source it; it sets strict mode, finds the repository root and defines the
# runtime folders under <repo>/.faultline (gitignored).
#
# Processes are tracked by pid files only: we stop what we started and never
# look processes up by name.

set -Eeuo pipefail

FL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FL_STATE="${FL_ROOT}/.faultline"
FL_RUN="${FL_STATE}/run"
FL_LOGS="${FL_STATE}/logs"
FL_DATA="${FL_STATE}/data"
FL_TOOLS="${FL_STATE}/tools"
export FL_ROOT FL_STATE FL_RUN FL_LOGS FL_DATA FL_TOOLS

# The local stack's addresses: the scripts' one copy (the Java side's is common's dev.faultline.common.config.
# LocalStack). Every script derives its Kafka bootstrap and DynamoDB endpoint from these; a bench that runs a
# private broker passes its own FL_KAFKA_PORT to deploy/kafka.sh.
FL_KAFKA_PORT="${FL_KAFKA_PORT:-19092}"
FL_KAFKA_CONTROLLER_PORT="${FL_KAFKA_CONTROLLER_PORT:-19093}"
FL_DYNAMODB_PORT="${FL_DYNAMODB_PORT:-18000}"
# The SNS and SQS APIs of deploy/fauxqs.sh, where the reporter's alerts go locally (docs/alerts.md).
FL_SNS_PORT="${FL_SNS_PORT:-18400}"
FL_KAFKA_BOOTSTRAP="127.0.0.1:${FL_KAFKA_PORT}"
FL_DYNAMODB_ENDPOINT="http://127.0.0.1:${FL_DYNAMODB_PORT}"
FL_SNS_ENDPOINT="http://127.0.0.1:${FL_SNS_PORT}"
# Prometheus of ./faultline up --monitoring (deploy/monitoring.sh): next to the services' 18080-18083, below 32768.
FL_PROMETHEUS_PORT="${FL_PROMETHEUS_PORT:-18089}"

# The Quarkus profile the services run with on this host: the %local settings of their application.properties
# (loopback, the secrets of deploy/security.sh, paths under the checkout). A launcher passes it and only what
# differs for its own invocation (a bench's ports and isolation prefix), never the settings themselves.
FL_QUARKUS_PROFILE=local

# Component name shown in log lines; each script sets its own.
FL_COMPONENT="${FL_COMPONENT:-faultline}"

fl_log() {
  printf '%s [%s] %s\n' "$(date +%H:%M:%S)" "${FL_COMPONENT}" "$*" >&2
}

fl_die() {
  printf '%s [%s] ERROR: %s\n' "$(date +%H:%M:%S)" "${FL_COMPONENT}" "$*" >&2
  exit 1
}

# A failing command prints where it failed instead of exiting silently.
fl_on_error() {
  local rc=$1 line=$2 cmd=$3
  printf '%s [%s] ERROR: command failed (exit %s) at %s line %s: %s\n' \
    "$(date +%H:%M:%S)" "${FL_COMPONENT}" "${rc}" "$(basename "${BASH_SOURCE[1]:-$0}")" "${line}" "${cmd}" >&2
}
trap 'fl_on_error $? $LINENO "$BASH_COMMAND"' ERR

fl_ensure_dirs() {
  mkdir -p "${FL_RUN}" "${FL_LOGS}" "${FL_DATA}" "${FL_TOOLS}"
}

fl_require_cmd() {
  local cmd
  for cmd in "$@"; do
    command -v "${cmd}" >/dev/null 2>&1 || fl_die "'${cmd}' is not installed; run deploy/prerequisites.sh (or ./faultline up)"
  done
}

# Seconds since the epoch with millisecond precision, for timings.
fl_now() { date +%s.%N; }
fl_elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

# True when something accepts TCP connections on host:port.
fl_port_open() {
  local host=$1 port=$2
  timeout 2 bash -c "exec 3<>/dev/tcp/${host}/${port}" 2>/dev/null
}

# The pid recorded in a pid file, when that process is still alive.
fl_pid_of() {
  local pidfile=$1 pid
  [[ -f "${pidfile}" ]] || return 1
  pid="$(cat "${pidfile}" 2>/dev/null || true)"
  [[ "${pid}" =~ ^[0-9]+$ ]] || return 1
  kill -0 "${pid}" 2>/dev/null || return 1
  # A zombie or a reused pid of another program is not ours.
  [[ "$(awk '{print $3}' "/proc/${pid}/stat" 2>/dev/null || echo Z)" != "Z" ]] || return 1
  if [[ -f "${pidfile}.cmd" ]]; then
    local expected actual
    expected="$(cat "${pidfile}.cmd")"
    actual="$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null || true)"
    [[ "${actual}" == *"${expected}"* ]] || return 1
  fi
  printf '%s\n' "${pid}"
}

# fl_start_bg NAME LOGFILE MATCH CMD...
# Starts CMD detached (own session, stdin closed, output appended to LOGFILE)
# and records its pid in $FL_RUN/NAME.pid. MATCH is a fragment of the command
# line that later confirms the pid still belongs to this process.
fl_start_bg() {
  local name=$1 logfile=$2 match=$3
  shift 3
  fl_ensure_dirs
  mkdir -p "$(dirname "${logfile}")"
  printf '\n===== %s starting %s: %s\n' "$(date -Is)" "${name}" "$*" >>"${logfile}"
  # setsid without -f does not fork here (a script's background job is not a
  # group leader), so $! is the pid of the final program after the execs.
  setsid nohup "$@" >>"${logfile}" 2>&1 </dev/null &
  local pid=$!
  printf '%s\n' "${pid}" >"${FL_RUN}/${name}.pid"
  printf '%s' "${match}" >"${FL_RUN}/${name}.pid.cmd"
  fl_log "started ${name} (pid ${pid}, log ${logfile#"${FL_ROOT}"/})"
}

# fl_stop_pidfile NAME [GRACE_SECONDS]
# Stops the process recorded in $FL_RUN/NAME.pid: SIGTERM, then SIGKILL after
# the grace period. Does nothing (returns 1) when there is no live pid.
fl_stop_pidfile() {
  local name=$1 grace=${2:-30} pidfile="${FL_RUN}/${1}.pid" pid i
  if ! pid="$(fl_pid_of "${pidfile}")"; then
    rm -f "${pidfile}" "${pidfile}.cmd"
    return 1
  fi
  fl_log "stopping ${name} (pid ${pid})"
  kill -TERM "${pid}" 2>/dev/null || true
  for ((i = 0; i < grace * 5; i++)); do
    kill -0 "${pid}" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "${pid}" 2>/dev/null; then
    fl_log "${name} did not stop within ${grace}s; sending SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "${pidfile}" "${pidfile}.cmd"
  fl_log "stopped ${name}"
}

# fl_stop_local_component NAME GRACE_SECONDS HOST PORT ADDRESS
# The stop of a component we may have started (Kafka, dynalite, fauxqs): stops our process, or says that the one on
# HOST:PORT is not ours and is left running, or that nothing runs.
fl_stop_local_component() {
  local name=$1 grace=$2 host=$3 port=$4 address=$5
  fl_stop_pidfile "${name}" "${grace}" && return 0
  if fl_port_open "${host}" "${port}"; then
    fl_log "${address} is served by a process we did not start; leaving it running"
  else
    fl_log "not running"
  fi
}

# fl_status_local_component NAME PIDFILE HOST PORT ADDRESS DETAIL
# The status line of a component we may have started (dynalite, fauxqs): ours and running (with DETAIL), another
# process on HOST:PORT, or nothing (return 1).
fl_status_local_component() {
  local name=$1 pidfile=$2 host=$3 port=$4 address=$5 detail=$6 pid label
  label=$(printf '%-11s' "${name}:")
  if pid="$(fl_pid_of "${pidfile}")"; then
    echo "${label}running on ${address} (pid ${pid}, ${detail})"
  elif fl_port_open "${host}" "${port}"; then
    echo "${label}${address} served by a process not started by faultline"
  else
    echo "${label}not running"
    return 1
  fi
}

# fl_wait_port NAME HOST PORT TIMEOUT [PIDFILE]
# Waits until HOST:PORT accepts connections; fails early when the process in
# PIDFILE died. Prints progress every 10 s.
fl_wait_port() {
  local name=$1 host=$2 port=$3 timeout=$4 pidfile=${5:-} start last=0 waited
  start=$(date +%s)
  while true; do
    fl_port_open "${host}" "${port}" && return 0
    waited=$(($(date +%s) - start))
    if [[ -n "${pidfile}" ]] && ! fl_pid_of "${pidfile}" >/dev/null; then
      fl_log "${name} exited before ${host}:${port} accepted connections"
      return 1
    fi
    if ((waited >= timeout)); then
      fl_log "${name}: ${host}:${port} not accepting connections after ${timeout}s"
      return 1
    fi
    if ((waited - last >= 10)); then
      fl_log "waiting for ${name} on ${host}:${port} (${waited}s/${timeout}s)"
      last=${waited}
    fi
    sleep 0.5
  done
}

# fl_wait_http NAME URL TIMEOUT [PIDFILE]: waits for HTTP 200 from URL.
fl_wait_http() {
  local name=$1 url=$2 timeout=$3 pidfile=${4:-} start last=0 waited code
  start=$(date +%s)
  while true; do
    code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "${url}" 2>/dev/null || true)"
    [[ "${code}" == "200" ]] && return 0
    waited=$(($(date +%s) - start))
    if [[ -n "${pidfile}" ]] && ! fl_pid_of "${pidfile}" >/dev/null; then
      fl_log "${name} exited before ${url} answered 200"
      return 1
    fi
    if ((waited >= timeout)); then
      fl_log "${name}: ${url} did not answer 200 within ${timeout}s (last status: ${code:-none})"
      return 1
    fi
    if ((waited - last >= 10)); then
      fl_log "waiting for ${name}: ${url} -> ${code:-no answer} (${waited}s/${timeout}s)"
      last=${waited}
    fi
    sleep 1
  done
}

# Prints the last lines of a log file to stderr, to explain a failed start.
fl_tail_log() {
  local logfile=$1 lines=${2:-30}
  [[ -f "${logfile}" ]] || return 0
  # What failed and why (the messages and each "Caused by:"), not a Java stack trace: its frames are in the file.
  fl_log "last ${lines} lines of ${logfile#"${FL_ROOT}"/} (Java stack frames left out; the whole log has them):"
  tail -n $((lines * 20)) "${logfile}" | grep -v -E '^[[:space:]]+(at |\.\.\. [0-9]+ (more|common frames omitted))' |
    tail -n "${lines}" | sed 's/^/    /' >&2
}

# The four Faultline services, their module folders and HTTP ports.
FL_SERVICES=(orchestrator injector-agent observer reporter)

fl_service_port() {
  case "$1" in
    orchestrator) echo 18080 ;;
    injector-agent) echo 18081 ;;
    observer) echo 18082 ;;
    reporter) echo 18083 ;;
    *) fl_die "unknown service '$1' (known: ${FL_SERVICES[*]})" ;;
  esac
}

fl_service_jar() { echo "${FL_ROOT}/$1/target/quarkus-app/quarkus-run.jar"; }

# A service's JVM options: a java @argument file (one option a line), the one copy that deploy/services.sh, the
# benches and system-tests' FaultlineStack launch the service with (java @<file> ... -jar <jar>).
fl_service_jvm_options() { echo "${FL_ROOT}/deploy/jvm/$1.options"; }

# fl_start_app_copy SERVICE JAR DIR LOG PORT [ARG...]: a bench's own copy of a service, started in the background
# the way it runs in production (its JVM options, the local profile) on HTTP port PORT, from DIR (so keys, tokens,
# ledger and reports are DIR's own), its output appended to LOG. ARGs (JVM options, -D settings) come after the
# production ones, so they add to them or override them. Sets FL_APP_PID.
fl_start_app_copy() {
  local service=$1 jar=$2 dir=$3 log=$4 port=$5
  shift 5
  (cd "${dir}" && exec java "@$(fl_service_jvm_options "${service}")" "-Dquarkus.profile=${FL_QUARKUS_PROFILE}" \
    "-Dquarkus.http.port=${port}" "$@" -jar "${jar}" >>"${log}" 2>&1) &
  FL_APP_PID=$!
}

# fl_await_app_ready NAME PORT PID LOG TIMEOUT_S: waits until the app on PORT answers its readiness check; dies with
# the end of LOG when process PID exits first or TIMEOUT_S pass.
fl_await_app_ready() {
  local name=$1 port=$2 pid=$3 log=$4 deadline=$(($(date +%s) + $5))
  until curl -fsS -m 2 -o /dev/null "http://127.0.0.1:${port}/q/health/ready" 2>/dev/null; do
    kill -0 "${pid}" 2>/dev/null || { fl_tail_log "${log}" 30; fl_die "${name} exited before it was ready (${log})"; }
    (($(date +%s) < deadline)) || { fl_tail_log "${log}" 30; fl_die "${name} not ready on port ${port} in $5 s (${log})"; }
    sleep 0.5
  done
}

# Builds the services' runnable jars when any of them is missing, or older than a source of its own or of common
# (so that what runs, benches included, is this checkout's code): online and from the reactor.
fl_ensure_service_jars() {
  local service jar stale=()
  for service in "${FL_SERVICES[@]}"; do
    jar="$(fl_service_jar "${service}")"
    if [[ ! -f "${jar}" ]]; then
      stale+=("${service} (missing)")
    elif [[ -n "$(find "${FL_ROOT}/pom.xml" "${FL_ROOT}/common/pom.xml" "${FL_ROOT}/common/src/main" \
        "${FL_ROOT}/${service}/pom.xml" "${FL_ROOT}/${service}/src/main" -newer "${jar}" -print -quit)" ]]; then
      stale+=("${service} (sources newer)")
    fi
  done
  ((${#stale[@]} == 0)) && return 0
  fl_require_cmd mvn
  fl_ensure_dirs
  local start
  start=$(fl_now)
  fl_log "building the service jars for: ${stale[*]} (mvn -B -q -DskipTests package, log .faultline/logs/build.log)"
  if ! (cd "${FL_ROOT}" && mvn -B -q -DskipTests package) >"${FL_LOGS}/build.log" 2>&1; then
    fl_tail_log "${FL_LOGS}/build.log" 40
    fl_die "mvn package failed (see .faultline/logs/build.log)"
  fi
  for service in "${FL_SERVICES[@]}"; do
    [[ -f "$(fl_service_jar "${service}")" ]] || fl_die "mvn package produced no $(fl_service_jar "${service}")"
  done
  fl_log "built the service jars in $(fl_elapsed "${start}")s"
}

# fl_docker_build LOGFILE LABEL IMAGE CONTEXT [docker build args...]: builds IMAGE labelled LABEL (key=value, so
# that the building script can tell its own images), its output appended to LOGFILE; dies with the log's tail.
fl_docker_build() {
  local logfile=$1 label=$2 image=$3 context=$4
  shift 4
  printf '\n===== %s docker build %s\n' "$(date -Is)" "${image}" >>"${logfile}"
  if ! docker build --label "${label}" -t "${image}" "$@" "${context}" >>"${logfile}" 2>&1; then
    fl_tail_log "${logfile}" 20
    fl_die "docker build of ${image} failed (see ${logfile#"${FL_ROOT}"/})"
  fi
}

# Starts this checkout's four services unless they already run (by their pid files); FL_SERVICES_STARTED says
# whether it started them, so that a caller stops only what it started. Services on the ports that another checkout
# started hold other keys and tokens: services.sh refuses them with a clear message rather than using them.
FL_SERVICES_STARTED=false
fl_start_services_unless_running() {
  local service
  for service in "${FL_SERVICES[@]}"; do
    if ! fl_pid_of "${FL_RUN}/${service}.pid" >/dev/null; then
      "${FL_ROOT}/deploy/services.sh" start
      FL_SERVICES_STARTED=true
      return 0
    fi
  done
  fl_log "this checkout's Faultline services already run; using them"
}

# fl_await_agent_target ORCHESTRATOR_URL CONTAINER_NAME: waits (30 s) until a live agent reports the container as a
# running target; the orchestrator can only select it after that.
fl_await_agent_target() {
  local orchestrator=$1 name=$2 i
  for i in $(seq 1 60); do
    if fl_api_curl -fsS -m 2 "${orchestrator}/api/v1/agents" | jq -e --arg n "${name}" \
        '[.[] | select(.live) | .containers[] | select(.name == $n and .state == "running")] | length > 0' \
        >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  fl_die "no Faultline agent reports ${name} as a running target within 30 s (./faultline logs injector-agent)"
}

# Prints the classpath for a Java bench that runs the observer's own code (bench/*.java, started with
# `java -cp ... bench/X.java`): this checkout's common and observer classes, compiled from the reactor, then the
# observer's runtime dependencies. Online, so that a fresh clone fetches the plugins and libraries the first time;
# the build's output goes to observer/target/bench/build.log.
fl_observer_classpath() {
  local out="${FL_ROOT}/observer/target/bench" deps
  fl_require_cmd mvn java
  mkdir -p "${out}"
  if ! (cd "${FL_ROOT}" && mvn -B -q -pl observer -am compile dependency:build-classpath \
      -Dmdep.outputFile="${out}/cp.txt" -Dmdep.includeScope=runtime) >"${out}/build.log" 2>&1; then
    fl_tail_log "${out}/build.log" 20
    fl_die "building the observer's classes failed (see ${out#"${FL_ROOT}"/}/build.log)"
  fi
  # This checkout's common classes come first, before any installed faultline-common jar.
  deps="$(tr ':' '\n' <"${out}/cp.txt" | grep -v 'faultline-common' | paste -sd: -)"
  printf '%s\n' "${FL_ROOT}/common/target/classes:${FL_ROOT}/observer/target/classes:${deps}"
}

# Load tests (issue 6): Artillery from deploy/artillery/package.json (the path the orchestrator's default
# faultline.load.artillery names, under the checkout).
FL_ARTILLERY_HOME="${FL_TOOLS}/artillery"
FL_ARTILLERY="${FL_ARTILLERY_HOME}/node_modules/.bin/artillery"

# Installs Artillery into .faultline/tools/artillery unless the installed package.json is the current one.
fl_install_artillery() {
  if [[ -x "${FL_ARTILLERY}" ]] && cmp -s "${FL_ROOT}/deploy/artillery/package.json" "${FL_ARTILLERY_HOME}/package.json"; then
    return 0
  fi
  fl_require_cmd npm
  fl_ensure_dirs
  fl_log "installing Artillery into ${FL_ARTILLERY_HOME#"${FL_ROOT}"/} (npm install, ~90 s, ~590 MB)"
  mkdir -p "${FL_ARTILLERY_HOME}"
  cp "${FL_ROOT}/deploy/artillery/package.json" "${FL_ARTILLERY_HOME}/package.json"
  # Artillery's Playwright engine would download a browser; Faultline's load is plain HTTP.
  (cd "${FL_ARTILLERY_HOME}" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error \
    >"${FL_LOGS}/artillery-install.log" 2>&1) || fl_die "npm install artillery failed (.faultline/logs/artillery-install.log)"
}

# Where a service of the local profile finds its secrets, relative to its working directory: the %local
# faultline.auth.tokens-file and faultline.commands.*-key-file of the application.properties name the same paths.
# deploy/security.sh makes them under the checkout, a bench under its own work dir (fl_local_secrets).
FL_LOCAL_KEYS_DIR=.faultline/keys
FL_LOCAL_TOKENS_FILE=.faultline/auth/tokens

# fl_local_secrets DIR TOKEN NAME: a fresh signing key pair and a tokens file holding TOKEN (role operator, NAME)
# under DIR, where services started in DIR with the local profile read them.
fl_local_secrets() {
  local dir=$1 token=$2 name=$3
  fl_signing_keys "${dir}/${FL_LOCAL_KEYS_DIR}"
  mkdir -p "$(dirname "${dir}/${FL_LOCAL_TOKENS_FILE}")"
  fl_token_line "${token}" operator "${name}" >"${dir}/${FL_LOCAL_TOKENS_FILE}"
}

# The one command-signing key generator of the scripts: an Ed25519 pair, private.pem (PKCS#8, mode 600) and
# public.pem (X.509) in DIR, never overwriting a private key that exists. (Tests make theirs with
# CommandSignatures.writePem, the same formats.)
fl_signing_keys() {
  local dir="$1"
  fl_require_cmd openssl
  mkdir -p "${dir}"
  if [[ ! -s "${dir}/private.pem" ]]; then
    (umask 077 && openssl genpkey -algorithm ed25519 -out "${dir}/private.pem" 2>/dev/null) \
      || fl_die "openssl could not generate an Ed25519 key in ${dir}"
    rm -f "${dir}/public.pem"
  fi
  if [[ ! -s "${dir}/public.pem" ]]; then
    openssl pkey -in "${dir}/private.pem" -pubout -out "${dir}/public.pem"
  fi
}

# The line of a tokens file for TOKEN: '<sha256-hex> ROLE NAME' (the orchestrator keeps hashes only).
fl_token_line() {
  printf '%s %s %s\n' "$(printf '%s' "$1" | sha256sum | cut -d' ' -f1)" "$2" "$3"
}

# The bearer token for the orchestrator API: FAULTLINE_TOKEN, else the local CLI's admin token.
fl_api_token() {
  if [[ -n "${FAULTLINE_TOKEN:-}" ]]; then
    printf '%s' "${FAULTLINE_TOKEN}"
  elif [[ -s "${FL_STATE}/auth/admin.token" ]]; then
    tr -d '\n' <"${FL_STATE}/auth/admin.token"
  else
    fl_die "no API token: run ./faultline up (it creates .faultline/auth/admin.token) or set FAULTLINE_TOKEN"
  fi
}

# curl with the API token; arguments as for curl.
fl_api_curl() {
  curl -H "Authorization: Bearer $(fl_api_token)" "$@"
}

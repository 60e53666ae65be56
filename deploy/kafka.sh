#!/usr/bin/env bash
# deploy/kafka.sh start|stop|status|smoke|fetch
# A single-node Kafka broker (KRaft) on PLAINTEXT://127.0.0.1:FL_KAFKA_PORT, controller
# on 127.0.0.1:FL_KAFKA_CONTROLLER_PORT (both from lib.sh), run from the jars
# of deploy/kafka/pom.xml. Data in .faultline/data/kafka, log in .faultline/logs/kafka.log.
# start creates the topics that common's Topics.java lists (it compiles and asks it).
#
# A private broker (a bench that kills its own broker, never the shared one):
#   FL_KAFKA_PORT / FL_KAFKA_CONTROLLER_PORT  its ports (defaults: lib.sh's)
#   FL_KAFKA_DIR       one folder for its data, config and log (kafka.log); its pid file is
#                      .faultline/run/kafka-<port>.pid
#   FL_KAFKA_TOPIC_PREFIX  prefix of the topics that start creates
# The jars are shared: .faultline/kafka/libs, fetched once.
#
# A second listener, SASL_SSL with SCRAM-SHA-512, for services on other hosts (docs/security.md, "Kafka across
# hosts"); off unless FL_KAFKA_SASL_SSL_PORT is set. The plaintext listener stays as it is, on loopback.
#   FL_KAFKA_SASL_SSL_PORT  its port (e.g. 19094)
#   FL_KAFKA_SASL_SSL_HOST  the address it binds to and advertises (default 127.0.0.1; clients on other hosts need
#                           an address of this host that they can reach, and the certificate names it)
# start makes, when absent, in .faultline/kafka-sasl (a private broker: FL_KAFKA_DIR/sasl), mode 700: a self-signed
# broker key pair (keytool, PKCS12), the clients' truststore, the SCRAM user 'faultline' with a random password, and
# client.env: the FAULTLINE_KAFKA_* settings a service needs to connect (mode 600; source it with set -a).
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=kafka
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/deploy source-path=SCRIPTDIR/..
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HOST=127.0.0.1
PORT="${FL_KAFKA_PORT}"
CONTROLLER_PORT="${FL_KAFKA_CONTROLLER_PORT}"
BOOTSTRAP="${HOST}:${PORT}"
READY_TIMEOUT=90
PARTITIONS=3
# The topic names have one owner, common's Topics.java; compile_tool compiles it with the tool.
TOPICS_SOURCE="${FL_ROOT}/common/src/main/java/dev/faultline/common/topic/Topics.java"

SRC="${FL_ROOT}/deploy/kafka"
KAFKA_HOME="${FL_STATE}/kafka"
LIBS="${KAFKA_HOME}/libs"
TOOL_CLASSES="${KAFKA_HOME}/tool-classes"
if [[ -n "${FL_KAFKA_DIR:-}" ]]; then
  PROPS="${FL_KAFKA_DIR}/server.properties"
  DATA="${FL_KAFKA_DIR}/data"
  LOGFILE="${FL_KAFKA_DIR}/kafka.log"
  PID_NAME="kafka-${PORT}"
else
  PROPS="${KAFKA_HOME}/server.properties"
  DATA="${FL_DATA}/kafka"
  LOGFILE="${FL_LOGS}/kafka.log"
  PID_NAME=kafka
fi
PIDFILE="${FL_RUN}/${PID_NAME}.pid"
SASL_PORT="${FL_KAFKA_SASL_SSL_PORT:-}"
SASL_HOST="${FL_KAFKA_SASL_SSL_HOST:-127.0.0.1}"
SASL_USER=faultline
if [[ -n "${FL_KAFKA_DIR:-}" ]]; then
  SASL_DIR="${FL_KAFKA_DIR}/sasl"
else
  SASL_DIR="${FL_STATE}/kafka-sasl"
fi
LOG4J="-Dlog4j2.configurationFile=${SRC}/log4j2.xml"
LOG4J_TOOLS="-Dlog4j2.configurationFile=${SRC}/log4j2-tools.xml"

# Downloads the broker jars once; a marker holds the pom's checksum so that a
# changed pom fetches again.
fetch_jars() {
  local marker="${LIBS}/.complete" sum start count
  sum="$(sha256sum "${SRC}/pom.xml" | cut -d' ' -f1)"
  if [[ -f "${marker}" && "$(cat "${marker}")" == "${sum}" ]]; then
    return 0
  fi
  fl_require_cmd mvn
  fl_log "fetching Kafka jars into ${LIBS#"${FL_ROOT}"/} (mvn dependency:copy-dependencies)"
  start=$(fl_now)
  rm -rf "${LIBS}"
  mkdir -p "${LIBS}"
  if ! mvn -B -q -f "${SRC}/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="${LIBS}" >"${FL_LOGS}/kafka-fetch.log" 2>&1; then
    fl_tail_log "${FL_LOGS}/kafka-fetch.log" 20
    fl_die "could not fetch the Kafka jars (see .faultline/logs/kafka-fetch.log)"
  fi
  count=$(find "${LIBS}" -name '*.jar' | wc -l)
  ((count > 0)) || fl_die "mvn copied no jars into ${LIBS}"
  printf '%s' "${sum}" >"${marker}"
  fl_log "fetched ${count} jars ($(du -sh "${LIBS}" | cut -f1)) in $(fl_elapsed "${start}")s"
}

compile_tool() {
  local class="${TOOL_CLASSES}/KafkaTool.class" topics_class="${TOOL_CLASSES}/dev/faultline/common/topic/Topics.class"
  if [[ -f "${class}" && "${class}" -nt "${SRC}/KafkaTool.java" && -f "${topics_class}" \
      && "${topics_class}" -nt "${TOPICS_SOURCE}" ]]; then
    return 0
  fi
  mkdir -p "${TOOL_CLASSES}"
  javac -nowarn --release 17 -cp "${LIBS}/*" -d "${TOOL_CLASSES}" "${SRC}/KafkaTool.java" "${TOPICS_SOURCE}" \
    || fl_die "could not compile deploy/kafka/KafkaTool.java and common's Topics.java"
}

# Faultline's topics, each behind FL_KAFKA_TOPIC_PREFIX: Topics.main prints the names, one a line.
topic_names() {
  java -Xmx64m -cp "${TOOL_CLASSES}" dev.faultline.common.topic.Topics | sed "s#^#${FL_KAFKA_TOPIC_PREFIX:-}#"
}

kafka_tool() {
  java -Xmx128m "${LOG4J_TOOLS}" -cp "${TOOL_CLASSES}:${LIBS}/*" KafkaTool "$@"
}

# The file's listeners name the default ports; a private broker gets its own. With FL_KAFKA_SASL_SSL_PORT the
# SASL_SSL listener is appended to the three listener lines and configured for SCRAM-SHA-512 only; the keystore
# password it holds makes the file private.
write_config() {
  mkdir -p "$(dirname "${PROPS}")" "${DATA}"
  (umask 077 && sed -e "s#@DATA_DIR@#${DATA}#" -e "s#@PORT@#${PORT}#g" -e "s#@CONTROLLER_PORT@#${CONTROLLER_PORT}#g" \
    "${SRC}/server.properties" >"${PROPS}")
  [[ -n "${SASL_PORT}" ]] || return 0
  local listener="SASL_SSL://${SASL_HOST}:${SASL_PORT}"
  sed -i -e "s#^listeners=.*#&,${listener}#" -e "s#^advertised.listeners=.*#&,${listener}#" \
    -e "s#^listener.security.protocol.map=.*#&,SASL_SSL:SASL_SSL#" "${PROPS}"
  cat >>"${PROPS}" <<EOF

# SASL_SSL listener of FL_KAFKA_SASL_SSL_PORT (deploy/kafka.sh): TLS with the key of ${SASL_DIR#"${FL_ROOT}"/},
# SCRAM-SHA-512 users created through the admin API (KafkaTool scram).
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.ssl.keystore.location=${SASL_DIR}/broker.p12
listener.name.sasl_ssl.ssl.keystore.password=$(cat "${SASL_DIR}/store.password")
listener.name.sasl_ssl.ssl.keystore.type=PKCS12
EOF
}

# The SASL_SSL listener's key material and the SCRAM password, made once (keytool comes with the JDK). The
# certificate is self-signed and names the listener's host: clients trust it through truststore.p12, not a CA.
ensure_sasl_material() {
  [[ -s "${SASL_DIR}/broker.p12" && -s "${SASL_DIR}/truststore.p12" && -s "${SASL_DIR}/scram.password" ]] && return 0
  fl_require_cmd keytool openssl
  fl_log "generating the SASL_SSL listener's key pair, truststore and SCRAM password in ${SASL_DIR#"${FL_ROOT}"/}"
  rm -rf "${SASL_DIR}"
  mkdir -p "${SASL_DIR}" "$(dirname "${LOGFILE}")"
  chmod 700 "${SASL_DIR}"
  local san="dns:localhost,ip:127.0.0.1"
  if [[ "${SASL_HOST}" =~ ^[0-9.]+$ ]]; then
    [[ "${SASL_HOST}" == 127.0.0.1 ]] || san+=",ip:${SASL_HOST}"
  else
    san+=",dns:${SASL_HOST}"
  fi
  (
    umask 077
    openssl rand -hex 16 >"${SASL_DIR}/store.password"
    openssl rand -hex 24 >"${SASL_DIR}/scram.password"
    keytool -genkeypair -alias broker -keyalg EC -groupname secp256r1 -validity 825 -dname "CN=faultline-kafka" \
      -ext "SAN=${san}" -keystore "${SASL_DIR}/broker.p12" -storetype PKCS12 \
      -storepass:file "${SASL_DIR}/store.password"
    keytool -exportcert -rfc -alias broker -keystore "${SASL_DIR}/broker.p12" -storetype PKCS12 \
      -storepass:file "${SASL_DIR}/store.password" -file "${SASL_DIR}/broker.crt"
    keytool -importcert -noprompt -alias faultline-kafka -file "${SASL_DIR}/broker.crt" \
      -keystore "${SASL_DIR}/truststore.p12" -storetype PKCS12 -storepass:file "${SASL_DIR}/store.password"
  ) >>"${LOGFILE}" 2>&1 || { fl_tail_log "${LOGFILE}" 10; fl_die "keytool could not make the SASL_SSL key material"; }
}

# The SCRAM user and the settings file a service on another host copies (with truststore.p12).
ensure_sasl_user() {
  kafka_tool scram "${BOOTSTRAP}" "${SASL_USER}" "${SASL_DIR}/scram.password" | while read -r line; do fl_log "${line}"; done
  (umask 077 && cat >"${SASL_DIR}/client.env" <<EOF
FAULTLINE_KAFKA_BOOTSTRAP=${SASL_HOST}:${SASL_PORT}
FAULTLINE_KAFKA_SECURITY_PROTOCOL=SASL_SSL
FAULTLINE_KAFKA_SASL_MECHANISM=SCRAM-SHA-512
FAULTLINE_KAFKA_SASL_USERNAME=${SASL_USER}
FAULTLINE_KAFKA_SASL_PASSWORD=$(cat "${SASL_DIR}/scram.password")
FAULTLINE_KAFKA_SSL_TRUSTSTORE_LOCATION=${SASL_DIR}/truststore.p12
FAULTLINE_KAFKA_SSL_TRUSTSTORE_PASSWORD=$(cat "${SASL_DIR}/store.password")
FAULTLINE_KAFKA_SSL_TRUSTSTORE_TYPE=PKCS12
EOF
  )
  if ! fl_wait_port kafka-sasl-ssl "${SASL_HOST}" "${SASL_PORT}" 30 "${PIDFILE}"; then
    fl_die "Kafka's SASL_SSL listener ${SASL_HOST}:${SASL_PORT} did not open"
  fi
  fl_log "SASL_SSL (SCRAM-SHA-512) on ${SASL_HOST}:${SASL_PORT}; client settings in ${SASL_DIR#"${FL_ROOT}"/}/client.env"
}

# A running broker keeps its listeners: asking for SASL_SSL of one started without it is an error, not a restart
# (others may be using it).
require_sasl_listener() {
  [[ -n "${SASL_PORT}" ]] || return 0
  fl_port_open "${SASL_HOST}" "${SASL_PORT}" \
    || fl_die "Kafka on ${BOOTSTRAP} runs without the SASL_SSL listener ${SASL_HOST}:${SASL_PORT}; it is added at start (stop this broker first, or use a private one: FL_KAFKA_DIR)"
}

# KRaft storage is formatted once, with a fresh cluster id.
format_storage() {
  [[ -f "${DATA}/meta.properties" ]] && return 0
  local cluster_id
  cluster_id="$(java "${LOG4J_TOOLS}" -cp "${LIBS}/*" kafka.tools.StorageTool random-uuid 2>>"${LOGFILE}")" \
    || fl_die "StorageTool random-uuid failed (see ${LOGFILE#"${FL_ROOT}"/})"
  fl_log "formatting ${DATA#"${FL_ROOT}"/} (cluster id ${cluster_id})"
  java "${LOG4J_TOOLS}" -cp "${LIBS}/*" kafka.tools.StorageTool format -t "${cluster_id}" -c "${PROPS}" --standalone \
    >>"${LOGFILE}" 2>&1 || { fl_tail_log "${LOGFILE}" 15; fl_die "StorageTool format failed"; }
}

start() {
  fl_require_cmd java javac
  fl_ensure_dirs
  local pid
  if pid="$(fl_pid_of "${PIDFILE}")"; then
    if fl_port_open "${HOST}" "${PORT}"; then
      fl_log "already running: Kafka on ${BOOTSTRAP} (pid ${pid})"
      require_sasl_listener
      return 0
    fi
    fl_log "Kafka (pid ${pid}) is starting; waiting for ${BOOTSTRAP}"
  elif fl_port_open "${HOST}" "${PORT}"; then
    fl_log "already running: ${BOOTSTRAP} is served by a process we did not start; using it"
    require_sasl_listener
    return 0
  elif fl_port_open "${HOST}" "${CONTROLLER_PORT}"; then
    fl_die "${HOST}:${CONTROLLER_PORT} (Kafka controller port) is taken by another process; stop it first"
  fi

  fetch_jars
  compile_tool
  [[ -z "${SASL_PORT}" ]] || ensure_sasl_material
  local start
  start=$(fl_now)
  if ! fl_pid_of "${PIDFILE}" >/dev/null; then
    write_config
    format_storage
    fl_start_bg "${PID_NAME}" "${LOGFILE}" "kafka.Kafka ${PROPS}" \
      java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
      -Djava.awt.headless=true "${LOG4J}" -cp "${LIBS}/*" kafka.Kafka "${PROPS}"
  fi
  if ! fl_wait_port kafka "${HOST}" "${PORT}" "${READY_TIMEOUT}" "${PIDFILE}"; then
    fl_tail_log "${LOGFILE}"
    fl_die "Kafka did not start"
  fi
  local left
  left=$((READY_TIMEOUT - ${start%.*} + $(date +%s)))
  ((left > 5)) || left=5
  kafka_tool ready "${BOOTSTRAP}" "${left}" >/dev/null || { fl_tail_log "${LOGFILE}"; fl_die "Kafka accepted connections but is not ready"; }
  fl_log "Kafka ready on ${BOOTSTRAP} after $(fl_elapsed "${start}")s"
  local topics
  mapfile -t topics < <(topic_names)
  ((${#topics[@]} > 0)) || fl_die "common's Topics.java listed no topics"
  kafka_tool topics "${BOOTSTRAP}" "${PARTITIONS}" "${topics[@]}" | while read -r line; do fl_log "${line}"; done
  [[ -z "${SASL_PORT}" ]] || ensure_sasl_user
}

stop() {
  fl_stop_local_component "${PID_NAME}" 30 "${HOST}" "${PORT}" "${BOOTSTRAP}"
}

status() {
  local pid
  if pid="$(fl_pid_of "${PIDFILE}")"; then
    if fl_port_open "${HOST}" "${PORT}"; then
      echo "kafka:     running on ${BOOTSTRAP} (pid ${pid}, log ${LOGFILE#"${FL_ROOT}"/})"
    else
      echo "kafka:     starting (pid ${pid}), ${BOOTSTRAP} not accepting yet"
    fi
  elif fl_port_open "${HOST}" "${PORT}"; then
    echo "kafka:     ${BOOTSTRAP} served by a process not started by faultline"
  else
    echo "kafka:     not running"
    return 1
  fi
}

smoke() {
  fetch_jars
  compile_tool
  local topic=${1:-}
  # Default: the audit topic, the last name Topics lists.
  [[ -n "${topic}" ]] || topic="$(topic_names | tail -n1)"
  kafka_tool smoke "${BOOTSTRAP}" "${topic}"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status || exit 3 ;;
  smoke) smoke "${2:-}" ;;
  fetch) fetch_jars ;;
  *) echo "usage: $0 start|stop|status|smoke [TOPIC]|fetch" >&2; exit 2 ;;
esac

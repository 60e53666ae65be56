#!/usr/bin/env bash
# examples/resilience4j-gateway/build.sh: packages the example (mvn) and builds faultline/r4j-gateway:local on
# faultline/jre:local, without a registry. Each step is skipped when its output is newer than its inputs, so a
# second call is a no-op; the system test (Resilience4jGatewayExperimentIT) calls it before it starts containers.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=r4j-gateway
# shellcheck source-path=SCRIPTDIR/../../deploy
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/deploy/lib.sh"

EXAMPLE_DIR="${FL_ROOT}/examples/resilience4j-gateway"
IMAGE=faultline/r4j-gateway:local
LABEL_KEY=dev.faultline.built-by
LABEL_VALUE=examples/resilience4j-gateway/build.sh
LOGFILE="${FL_LOGS}/r4j-gateway.log"
JAR="${EXAMPLE_DIR}/target/app.jar"
export DOCKER_BUILDKIT=0

# Newest modification time (epoch seconds) of the files under the given paths.
newest_mtime() { find "$@" -type f -printf '%T@\n' 2>/dev/null | sort -n | tail -1 | cut -d. -f1; }

image_created() { date -d "$(docker image inspect --format '{{.Created}}' "$1")" +%s; }

build_jar() {
  if [[ -f "${JAR}" ]] && (($(newest_mtime "${EXAMPLE_DIR}/src" "${EXAMPLE_DIR}/pom.xml") <= $(newest_mtime "${JAR}"))); then
    return 0
  fi
  fl_log "packaging the example (mvn -f examples/resilience4j-gateway/pom.xml package, log ${LOGFILE#"${FL_ROOT}"/})"
  if ! mvn -B -q -f "${EXAMPLE_DIR}/pom.xml" -DskipTests package >>"${LOGFILE}" 2>&1; then
    fl_tail_log "${LOGFILE}" 40
    fl_die "the example's build failed (see ${LOGFILE#"${FL_ROOT}"/})"
  fi
}

build_image() {
  if docker image inspect "${IMAGE}" >/dev/null 2>&1 \
      && (($(newest_mtime "${EXAMPLE_DIR}/target/app.jar" "${EXAMPLE_DIR}/target/lib" "${EXAMPLE_DIR}/Dockerfile") <= $(image_created "${IMAGE}"))); then
    return 0
  fi
  fl_docker_build "${LOGFILE}" "${LABEL_KEY}=${LABEL_VALUE}" "${IMAGE}" "${EXAMPLE_DIR}" \
    --build-arg BASE_IMAGE=faultline/jre:local
  fl_log "built ${IMAGE}"
}

fl_require_cmd docker mvn
fl_ensure_dirs
docker image inspect faultline/jre:local >/dev/null 2>&1 || "${FL_ROOT}/deploy/images/build.sh" base
build_jar
build_image

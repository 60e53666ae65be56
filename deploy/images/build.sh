#!/usr/bin/env bash
# deploy/images/build.sh [--rebuild] base|kafka|services|all
# Builds Faultline's images without a registry:
#   base:     faultline/busybox:local   (busybox-static rootfs, docker import)
#             faultline/jre:local       (jlink'ed JRE + host glibc, docker import; no shell)
#             faultline/demo-target:local (deploy/images/demo-target on faultline/busybox:local)
#   services: faultline/kafka:local and faultline/<service>:local for the four
#             services (needs their jars; runs mvn package when they are missing)
#   kafka:    faultline/kafka:local alone (the shop example runs its own broker on it)
#   all:      base and services.
# An image that exists and carries our label is kept unless --rebuild; an
# image of the same name built some other way is replaced. Service images are
# rebuilt when their jar is newer than the image.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=images
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/deploy source-path=SCRIPTDIR/..
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

LABEL_KEY=dev.faultline.built-by
LABEL_VALUE=deploy/images/build.sh
IMAGES_DIR="${FL_ROOT}/deploy/images"
WORK="${FL_STATE}/images"
LOGFILE="${FL_LOGS}/images.log"
REBUILD=false

BUSYBOX_IMAGE=faultline/busybox:local
JRE_IMAGE=faultline/jre:local
DEMO_IMAGE=faultline/demo-target:local
KAFKA_IMAGE=faultline/kafka:local

# Modules of the JRE: java.se (all standard APIs; Kafka needs java.desktop,
# Quarkus java.naming/java.sql/...) plus the JDK modules the services and the
# broker use at run time.
JRE_MODULES=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.naming.dns,jdk.net,jdk.charsets,jdk.jfr

# The legacy builder: it works with Debian's dockerd 20.10 and never tries to
# pull a BuildKit front end.
export DOCKER_BUILDKIT=0

ours() {
  [[ "$(docker image inspect --format "{{index .Config.Labels \"${LABEL_KEY}\"}}" "$1" 2>/dev/null || true)" == "${LABEL_VALUE}" ]]
}

# True when IMAGE must be built: missing, not ours, or --rebuild.
needs_build() {
  local image=$1
  if ${REBUILD}; then return 0; fi
  if ours "${image}"; then
    fl_log "${image} exists (skipped; --rebuild to rebuild)"
    return 1
  fi
  if docker image inspect "${image}" >/dev/null 2>&1; then
    fl_log "${image} exists but was not built by this script; replacing it"
  fi
  return 0
}

image_size() { docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.1f MB", $1 / 1000000 }'; }

# docker import of a rootfs folder, with image config changes ("ENV ...", ...).
import_rootfs() {
  local rootfs=$1 image=$2
  shift 2
  local changes=(-c "LABEL ${LABEL_KEY}=${LABEL_VALUE}")
  local change
  for change in "$@"; do changes+=(-c "${change}"); done
  tar --numeric-owner --owner=0 --group=0 -C "${rootfs}" -c . \
    | docker import "${changes[@]}" - "${image}" >>"${LOGFILE}" 2>&1 \
    || fl_die "docker import of ${image} failed (see .faultline/logs/images.log)"
  rm -rf "${rootfs}"
}

docker_build() {
  fl_docker_build "${LOGFILE}" "${LABEL_KEY}=${LABEL_VALUE}" "$@"
}

build_busybox() {
  needs_build "${BUSYBOX_IMAGE}" || return 0
  local busybox=/bin/busybox start rootfs="${WORK}/busybox-rootfs" applet
  start=$(fl_now)
  [[ -x "${busybox}" ]] || fl_die "${busybox} missing: apt-get install busybox-static"
  ldd "${busybox}" >/dev/null 2>&1 && fl_die "${busybox} is dynamically linked; install busybox-static"
  rm -rf "${rootfs}"
  mkdir -p "${rootfs}"/{bin,sbin,etc,root,tmp,var/tmp,proc,sys,dev,usr/bin,usr/sbin}
  cp "${busybox}" "${rootfs}/bin/busybox"
  for applet in $("${busybox}" --list); do
    [[ "${applet}" == busybox ]] || ln -s busybox "${rootfs}/bin/${applet}"
  done
  write_etc "${rootfs}" /bin/sh
  chmod 1777 "${rootfs}/tmp" "${rootfs}/var/tmp"
  import_rootfs "${rootfs}" "${BUSYBOX_IMAGE}" 'ENV PATH=/bin:/sbin:/usr/bin:/usr/sbin' 'CMD ["/bin/sh"]'
  fl_log "built ${BUSYBOX_IMAGE} ($(image_size "${BUSYBOX_IMAGE}")) in $(fl_elapsed "${start}")s"
}

write_etc() {
  local rootfs=$1 shell=$2
  printf 'root:x:0:0:root:/root:%s\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' "${shell}" >"${rootfs}/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"${rootfs}/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"${rootfs}/etc/nsswitch.conf"
}

# Copies every shared library the ELF files under DIR need (ldd), at the same
# path, into ROOTFS, plus the dynamic loader.
copy_shared_libs() {
  local dir=$1 rootfs=$2 lib
  # The X11 toolkit and splash screen are never loaded headless: their libraries
  # (libX11 and friends) are left out.
  find "${dir}" -type f \( -name '*.so' -o -perm -u+x \) \
    ! -name libawt_xawt.so ! -name libjawt.so ! -name libsplashscreen.so -print0 \
    | xargs -0 -r ldd 2>/dev/null \
    | awk -v own="${rootfs}" '/=> \// && index($3, own) != 1 { print $3 } /^\t\/.*ld-linux/ { print $1 }' \
    | sort -u >"${WORK}/jre-libs.txt"
  # Name service modules glibc loads at run time (not visible to ldd).
  ls /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 \
    /lib/x86_64-linux-gnu/libresolv.so.2 2>/dev/null >>"${WORK}/jre-libs.txt" || true
  while read -r lib; do
    [[ -e "${lib}" ]] || continue
    mkdir -p "${rootfs}$(dirname "${lib}")"
    cp -L "${lib}" "${rootfs}${lib}"
  done < <(sort -u "${WORK}/jre-libs.txt")
}

build_jre() {
  needs_build "${JRE_IMAGE}" || return 0
  fl_require_cmd jlink javac
  local start rootfs="${WORK}/jre-rootfs"
  start=$(fl_now)
  rm -rf "${rootfs}"
  mkdir -p "${rootfs}"/{opt,etc,tmp,root,proc,sys,dev,opt/faultline/healthcheck}
  jlink --add-modules "${JRE_MODULES}" --strip-debug --no-man-pages --no-header-files --compress=2 \
    --output "${rootfs}/opt/java" >>"${LOGFILE}" 2>&1 || fl_die "jlink failed (see .faultline/logs/images.log)"
  copy_shared_libs "${rootfs}/opt/java" "${rootfs}"
  write_etc "${rootfs}" /bin/false
  chmod 1777 "${rootfs}/tmp"
  javac -nowarn --release 17 -d "${rootfs}/opt/faultline/healthcheck" "${IMAGES_DIR}/jre/HealthCheck.java"
  import_rootfs "${rootfs}" "${JRE_IMAGE}" \
    'ENV PATH=/opt/java/bin' 'ENV JAVA_HOME=/opt/java' 'ENV LANG=C.UTF-8' 'WORKDIR /' \
    'CMD ["java", "-version"]'
  # Proves the image runs Java before anything is built on it.
  docker run --rm --network none "${JRE_IMAGE}" java -version >>"${LOGFILE}" 2>&1 \
    || fl_die "${JRE_IMAGE} cannot run java (see .faultline/logs/images.log)"
  fl_log "built ${JRE_IMAGE} ($(image_size "${JRE_IMAGE}")) in $(fl_elapsed "${start}")s"
}

build_demo_target() {
  needs_build "${DEMO_IMAGE}" || return 0
  local start
  start=$(fl_now)
  docker_build "${DEMO_IMAGE}" "${IMAGES_DIR}/demo-target" --build-arg "BASE_IMAGE=${BUSYBOX_IMAGE}"
  fl_log "built ${DEMO_IMAGE} ($(image_size "${DEMO_IMAGE}")) in $(fl_elapsed "${start}")s"
}

build_kafka() {
  needs_build "${KAFKA_IMAGE}" || return 0
  local start context="${WORK}/kafka-context"
  start=$(fl_now)
  "${FL_ROOT}/deploy/kafka.sh" fetch
  rm -rf "${context}"
  mkdir -p "${context}/kafka/config"
  cp -al "${FL_STATE}/kafka/libs" "${context}/kafka/libs" 2>/dev/null || cp -r "${FL_STATE}/kafka/libs" "${context}/kafka/libs"
  rm -f "${context}/kafka/libs/.complete"
  sed -e 's#@DATA_DIR@#/var/lib/kafka/data#' -e "s#@PORT@#${FL_KAFKA_PORT}#g" -e "s#@CONTROLLER_PORT@#${FL_KAFKA_CONTROLLER_PORT}#g" \
    "${FL_ROOT}/deploy/kafka/server.properties" >"${context}/kafka/config/server.properties"
  cp "${FL_ROOT}/deploy/kafka/log4j2.xml" "${FL_ROOT}/deploy/kafka/log4j2-tools.xml" "${context}/kafka/config/"
  docker_build "${KAFKA_IMAGE}" "${context}" -f "${IMAGES_DIR}/kafka/Dockerfile" --build-arg "BASE_IMAGE=${JRE_IMAGE}"
  fl_log "built ${KAFKA_IMAGE} ($(image_size "${KAFKA_IMAGE}")) in $(fl_elapsed "${start}")s"
}

# Seconds since the epoch of the newest file in the service's quarkus-app and its JVM options.
app_mtime() {
  find "${FL_ROOT}/$1/target/quarkus-app" "$(fl_service_jvm_options "$1")" -type f -printf '%T@\n' | sort -n | tail -1 | cut -d. -f1
}

build_service() {
  local service=$1 image="faultline/$1:local" start context="${WORK}/$1-context" created
  if ! ${REBUILD} && ours "${image}"; then
    created="$(date -d "$(docker image inspect --format '{{.Created}}' "${image}")" +%s)"
    if (($(app_mtime "${service}") <= created)); then
      fl_log "${image} is up to date with ${service}/target/quarkus-app (skipped)"
      return 0
    fi
  fi
  start=$(fl_now)
  # A trimmed context: only the service's quarkus-app, not the whole repository.
  rm -rf "${context}"
  mkdir -p "${context}/${service}/target"
  cp -al "${FL_ROOT}/${service}/target/quarkus-app" "${context}/${service}/target/quarkus-app" 2>/dev/null \
    || cp -r "${FL_ROOT}/${service}/target/quarkus-app" "${context}/${service}/target/quarkus-app"
  mkdir -p "${context}/deploy/jvm"
  cp "$(fl_service_jvm_options "${service}")" "${context}/deploy/jvm/"
  docker_build "${image}" "${context}" -f "${IMAGES_DIR}/service/Dockerfile" \
    --build-arg "BASE_IMAGE=${JRE_IMAGE}" --build-arg "SERVICE=${service}"
  fl_log "built ${image} ($(image_size "${image}")) in $(fl_elapsed "${start}")s"
}

build_base() {
  build_busybox
  build_jre
  build_demo_target
}

build_services() {
  ours "${JRE_IMAGE}" || build_jre
  build_kafka
  fl_ensure_service_jars
  local service
  for service in "${FL_SERVICES[@]}"; do
    build_service "${service}"
  done
}

usage() {
  echo "usage: $0 [--rebuild] base|kafka|services|all" >&2
  exit 2
}

main() {
  local target=""
  while (($#)); do
    case "$1" in
      --rebuild) REBUILD=true ;;
      base | kafka | services | all) target=$1 ;;
      *) usage ;;
    esac
    shift
  done
  [[ -n "${target}" ]] || usage
  fl_require_cmd docker tar
  timeout 10 docker info >/dev/null 2>&1 || fl_die "the Docker engine does not answer; run deploy/docker-engine.sh start"
  fl_ensure_dirs
  mkdir -p "${WORK}"
  case "${target}" in
    base) build_base ;;
    kafka) ours "${JRE_IMAGE}" || build_jre; build_kafka ;;
    services) build_services ;;
    all) build_base && build_services ;;
  esac
}

main "$@"

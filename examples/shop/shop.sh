#!/usr/bin/env bash
# examples/shop/shop.sh build | up [resilient|fragile] | down [--purge] | status
# The shop example in containers (docker-compose.yml), every image built locally:
#   build   the services' jars (mvn), then faultline/shop-{product,user,checkout,analytics,haproxy,dynalite,autoscaler}:local
#           plus Faultline's base images it starts from (faultline/jre, busybox, kafka)
#   up      builds what is missing, starts (or switches to) the variant, waits until HAProxy sees every replica
#           healthy and an order goes through; idempotent
#   down    removes the shop's containers and network (only what carries dev.faultline.shop=true);
#           --purge also its volumes (Kafka and DynamoDB data)
#   status  containers, their health, HAProxy's view of the replicas
# Addresses: the shop http://127.0.0.1:18100, HAProxy stats http://127.0.0.1:18101/stats (/metrics for
# Prometheus), the shop's DynamoDB API http://127.0.0.1:18110.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=shop
# shellcheck source-path=SCRIPTDIR/../../deploy
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/deploy/lib.sh"

SHOP_DIR="${FL_ROOT}/examples/shop"
COMPOSE=(docker-compose -p faultline-shop -f "${SHOP_DIR}/docker-compose.yml")
SHOP_LABEL=dev.faultline.shop=true
JAVA_SERVICES=(product user checkout analytics)
EDGE=http://127.0.0.1:18100
STATS=http://127.0.0.1:18101
WORK="${FL_STATE}/shop-images"
LOGFILE="${FL_LOGS}/shop.log"
VARIANT_FILE="${FL_RUN}/shop.variant"
READY_TIMEOUT=240
LABEL_KEY=dev.faultline.built-by
LABEL_VALUE=examples/shop/shop.sh
export DOCKER_BUILDKIT=0

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

image_created() { date -d "$(docker image inspect --format '{{.Created}}' "$1")" +%s; }

# Newest modification time (epoch seconds) of the files under the given paths.
newest_mtime() { find "$@" -type f -printf '%T@\n' 2>/dev/null | sort -n | tail -1 | cut -d. -f1; }

docker_build() {
  fl_docker_build "${LOGFILE}" "${LABEL_KEY}=${LABEL_VALUE}" "$@"
  fl_log "built $1"
}

# Copies BINARY to ROOTFS/DEST with every shared library ldd lists (at the same paths) and the loader.
stage_binary() {
  local binary=$1 rootfs=$2 dest=$3 lib
  mkdir -p "${rootfs}$(dirname "${dest}")"
  cp -L "${binary}" "${rootfs}${dest}"
  while read -r lib; do
    [[ -e "${lib}" ]] || continue
    mkdir -p "${rootfs}$(dirname "${lib}")"
    cp -L "${lib}" "${rootfs}${lib}"
  done < <(ldd "${binary}" | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }' | sort -u)
}

# A base image made of a host binary and its libraries on faultline/busybox:local (busybox gives the health
# checks wget and an operator a shell). Stands in for a public image where no registry is reachable.
build_host_binary_base() {
  local image=$1 binary=$2 dest=$3 context="${WORK}/$4-base"
  if image_exists "${image}" && (($(image_created "${image}") >= $(stat -c %Y "${binary}"))); then
    return 0
  fi
  rm -rf "${context}"
  mkdir -p "${context}/rootfs"
  stage_binary "${binary}" "${context}/rootfs" "${dest}"
  printf 'FROM faultline/busybox:local\nENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nCOPY rootfs/ /\n' >"${context}/Dockerfile"
  docker_build "${image}" "${context}"
}

build_jars() {
  local service stale=false jar
  for service in "${JAVA_SERVICES[@]}"; do
    jar="${SHOP_DIR}/${service}/target/quarkus-app/quarkus-run.jar"
    if [[ ! -f "${jar}" ]] || (($(newest_mtime "${SHOP_DIR}/${service}/src/main" "${SHOP_DIR}/events/src/main" \
        "${SHOP_DIR}/${service}/pom.xml") > $(stat -c %Y "${jar}"))); then
      stale=true
    fi
  done
  ${stale} || return 0
  fl_require_cmd mvn
  local start
  start=$(fl_now)
  fl_log "building the shop's jars (mvn -f examples/shop/pom.xml -DskipTests package, log .faultline/logs/shop-build.log)"
  if ! mvn -B -q -f "${SHOP_DIR}/pom.xml" -DskipTests package >"${FL_LOGS}/shop-build.log" 2>&1; then
    fl_tail_log "${FL_LOGS}/shop-build.log" 40
    fl_die "the shop's build failed (see .faultline/logs/shop-build.log)"
  fi
  fl_log "built the shop's jars in $(fl_elapsed "${start}")s"
}

build_service_image() {
  local service=$1 image="faultline/shop-$1:local" context="${WORK}/$1-context" app="${SHOP_DIR}/$1/target/quarkus-app"
  if image_exists "${image}" && (($(newest_mtime "${app}" "${SHOP_DIR}/deploy/service") <= $(image_created "${image}"))); then
    return 0
  fi
  # A trimmed context: the service's quarkus-app only.
  rm -rf "${context}"
  mkdir -p "${context}/${service}/target"
  cp -r "${app}" "${context}/${service}/target/quarkus-app"
  docker_build "${image}" "${context}" -f "${SHOP_DIR}/deploy/service/Dockerfile" \
    --build-arg BASE_IMAGE=faultline/jre:local --build-arg "SERVICE=${service}"
}

build_haproxy_image() {
  local image=faultline/shop-haproxy:local
  fl_require_cmd haproxy
  build_host_binary_base faultline/shop-haproxy-base:local "$(command -v haproxy)" /usr/local/sbin/haproxy haproxy
  if image_exists "${image}" && (($(newest_mtime "${SHOP_DIR}/deploy/haproxy") <= $(image_created "${image}"))) \
      && (($(image_created faultline/shop-haproxy-base:local) <= $(image_created "${image}"))); then
    return 0
  fi
  docker_build "${image}" "${SHOP_DIR}/deploy/haproxy" --build-arg BASE_IMAGE=faultline/shop-haproxy-base:local
}

# dynalite's node_modules from deploy/dynalite/package.json (the version Faultline's own stack runs).
install_dynalite() {
  local home="${FL_TOOLS}/shop-dynalite"
  if [[ -f "${home}/node_modules/dynalite/cli.js" ]] && cmp -s "${FL_ROOT}/deploy/dynalite/package.json" "${home}/package.json"; then
    return 0
  fi
  fl_require_cmd npm
  fl_log "installing dynalite for the shop's image (npm install)"
  mkdir -p "${home}"
  cp "${FL_ROOT}/deploy/dynalite/package.json" "${home}/package.json"
  (cd "${home}" && npm install --omit=dev --no-audit --no-fund --loglevel=error >>"${LOGFILE}" 2>&1) \
    || fl_die "npm install of dynalite failed (see .faultline/logs/shop.log)"
}

build_dynalite_image() {
  local image=faultline/shop-dynalite:local context="${WORK}/dynalite-context"
  fl_require_cmd node
  build_host_binary_base faultline/shop-node:local "$(command -v node)" /usr/local/bin/node node
  install_dynalite
  if image_exists "${image}" && (($(newest_mtime "${SHOP_DIR}/deploy/dynalite" "${FL_TOOLS}/shop-dynalite/package.json") <= $(image_created "${image}"))) \
      && (($(image_created faultline/shop-node:local) <= $(image_created "${image}"))); then
    return 0
  fi
  rm -rf "${context}"
  mkdir -p "${context}"
  cp "${SHOP_DIR}/deploy/dynalite/Dockerfile" "${context}/"
  cp -r "${FL_TOOLS}/shop-dynalite/node_modules" "${context}/node_modules"
  docker_build "${image}" "${context}" --build-arg BASE_IMAGE=faultline/shop-node:local
}

# The autoscaler (autoscaler/): its policy's tests first, then the image on the same node base as dynalite's.
build_autoscaler_image() {
  local image=faultline/shop-autoscaler:local
  if ! node --test "${SHOP_DIR}/autoscaler" >>"${LOGFILE}" 2>&1; then
    fl_tail_log "${LOGFILE}" 30
    fl_die "the autoscaler's tests failed (node --test examples/shop/autoscaler)"
  fi
  if image_exists "${image}" && (($(newest_mtime "${SHOP_DIR}/autoscaler") <= $(image_created "${image}"))) \
      && (($(image_created faultline/shop-node:local) <= $(image_created "${image}"))); then
    return 0
  fi
  docker_build "${image}" "${SHOP_DIR}/autoscaler" --build-arg BASE_IMAGE=faultline/shop-node:local
}

cmd_build() {
  fl_require_cmd docker docker-compose curl jq
  fl_ensure_dirs
  mkdir -p "${WORK}"
  timeout 10 docker info >/dev/null 2>&1 || "${FL_ROOT}/deploy/docker-engine.sh" start
  local start service
  start=$(fl_now)
  "${FL_ROOT}/deploy/images/build.sh" base
  "${FL_ROOT}/deploy/images/build.sh" kafka
  build_jars
  for service in "${JAVA_SERVICES[@]}"; do build_service_image "${service}"; done
  build_haproxy_image
  build_dynalite_image
  build_autoscaler_image
  fl_log "shop images ready ($(fl_elapsed "${start}")s)"
}

# HAProxy's view of its servers, one "backend/server STATUS" per line.
server_states() {
  curl -fsS -m 2 "${STATS}/stats;csv" 2>/dev/null \
    | awk -F, 'NR > 1 && $2 != "FRONTEND" && $2 != "BACKEND" && $1 != "stats" { print $1 "/" $2 " " $18 }'
}

wait_ready() {
  local start last=0 waited states down
  start=$(date +%s)
  while :; do
    states="$(server_states || true)"
    # Server-template slots without a replica yet are in maintenance (MAINT): not waited for.
    down="$(awk '$2 != "UP" && $2 !~ /^MAINT/' <<<"${states}")"
    if [[ -n "${states}" && -z "${down}" ]]; then
      return 0
    fi
    waited=$(($(date +%s) - start))
    if ((waited >= READY_TIMEOUT)); then
      fl_log "not every replica is UP after ${READY_TIMEOUT}s: ${down//$'\n'/, }"
      "${COMPOSE[@]}" ps >&2 || true
      return 1
    fi
    if ((waited - last >= 15)); then
      fl_log "waiting for the replicas (${waited}s): ${down//$'\n'/, }"
      last=${waited}
    fi
    sleep 1
  done
}

# One real order through the edge proves checkout, product, user, DynamoDB and Kafka work together.
smoke_order() {
  local key code i
  for i in $(seq 1 30); do
    key="smoke-$(date +%s%N)"
    code="$(curl -s -o /dev/null -m 10 -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      -H "Idempotency-Key: ${key}" --data '{"userId":"u-1","items":[{"productId":"p-1","quantity":1}]}' \
      "${EDGE}/orders" || true)"
    [[ "${code}" == 201 ]] && return 0
    sleep 1
  done
  fl_die "a smoke order did not go through (last status ${code:-none}); see ./shop.sh status and docker logs"
}

cmd_up() {
  local variant=${1:-resilient} start
  [[ "${variant}" == resilient || "${variant}" == fragile ]] || fl_die "variant must be resilient or fragile, not '${variant}'"
  start=$(fl_now)
  cmd_build
  # A container whose image was rebuilt and removed makes compose 1.29 ask a question it cannot get an answer
  # to here; such a container is recreated anyway, so it goes first.
  local orphaned
  mapfile -t orphaned < <(docker ps -a --filter "label=${SHOP_LABEL}" --format '{{.ID}} {{.Image}}' | awk '$2 !~ /^faultline\// { print $1 }')
  ((${#orphaned[@]} == 0)) || docker rm -f "${orphaned[@]}" >/dev/null
  # Replicas an earlier experiment killed stay exited (Docker treats a kill through its API as a stop); compose
  # starts them again, possibly at new addresses, which HAProxy without DNS resolution (fragile.cfg) would miss.
  # Replicas the autoscaler added in an earlier run are not the compose file's; a new shop starts at its minimum.
  local scaled
  mapfile -t scaled < <(docker ps -aq --filter "label=${SHOP_LABEL}" --filter label=faultline.scaled-by)
  ((${#scaled[@]} == 0)) || docker rm -f "${scaled[@]}" >/dev/null
  local stopped
  stopped="$(docker ps -aq --filter "label=${SHOP_LABEL}" --filter status=exited --filter label=faultline.enabled=true)"
  fl_log "starting the ${variant} shop (docker-compose -p faultline-shop up -d)"
  if ! SHOP_PROFILE="${variant}" "${COMPOSE[@]}" up -d --remove-orphans >>"${LOGFILE}" 2>&1; then
    fl_tail_log "${LOGFILE}" 30
    fl_die "docker-compose up failed (see .faultline/logs/shop.log)"
  fi
  if [[ -n "${stopped}" ]]; then
    fl_log "restarting HAProxy: replicas stopped by an earlier experiment were started again"
    docker restart shop-haproxy >/dev/null
  fi
  wait_ready || fl_die "the shop is not healthy (./shop.sh status; docker logs shop-<service>)"
  smoke_order
  printf '%s\n' "${variant}" >"${VARIANT_FILE}"
  fl_log "the ${variant} shop is up in $(fl_elapsed "${start}")s: ${EDGE} (stats ${STATS}/stats)"
}

cmd_down() {
  local purge=()
  [[ "${1:-}" == --purge ]] && purge=(-v)
  "${COMPOSE[@]}" down --remove-orphans "${purge[@]}" >>"${LOGFILE}" 2>&1 || true
  local leftovers
  mapfile -t leftovers < <(docker ps -aq --filter "label=${SHOP_LABEL}")
  ((${#leftovers[@]} == 0)) || docker rm -f "${leftovers[@]}" >/dev/null
  rm -f "${VARIANT_FILE}"
  fl_log "the shop is down${purge:+ (volumes removed)}"
}

cmd_status() {
  local containers
  containers="$(docker ps -a --filter "label=${SHOP_LABEL}" --format '{{.Names}}\t{{.Status}}' | sort)"
  if [[ -z "${containers}" ]]; then
    echo "shop: not running"
    return 3
  fi
  echo "shop variant: $(cat "${VARIANT_FILE}" 2>/dev/null || echo unknown)   ${EDGE}   stats ${STATS}/stats"
  printf '%s\n' "${containers}" | column -t -s $'\t'
  echo "HAProxy:"
  server_states | sed 's/^/  /' || echo "  not answering"
}

case "${1:-}" in
  build) cmd_build ;;
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  status) cmd_status || exit 3 ;;
  *) echo "usage: $0 build | up [resilient|fragile] | down [--purge] | status" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# deploy/swarm.sh init | status | service-up NAME IMAGE REPLICAS PORT HEALTH_PATH [LABEL=VALUE...] | service-down NAME
# Docker Swarm mode on this one engine, as the local analogue of an ECS service (desired count, task replacement).
# See docs/swarm.md for what works here and what does not (no IPVS in this kernel: no routing mesh, no VIPs).
#
#   init          make this engine a one-node swarm (manager) advertising 127.0.0.1; a no-op when it already is one.
#                 Plain containers, bridge networks and Compose projects are unaffected by it.
#   status        the swarm state and the services this script created (label dev.faultline.swarm=true)
#   service-up    a replicated service NAME of IMAGE with REPLICAS tasks on its own attachable overlay network
#                 NAME-net, endpoint mode dnsrr (no VIP), its tasks opted in for Faultline (faultline.enabled=true),
#                 and HAProxy in front (service NAME-lb, faultline/shop-haproxy:local) resolving the tasks through
#                 Docker's DNS (tasks.NAME) and published in host mode on 127.0.0.1-reachable PORT (HTTP) and
#                 PORT+1 (HAProxy's stats and metrics); HAProxy checks HEALTH_PATH on each task's port
#                 (SWARM_TASK_PORT, default 8080). Health checked every second (the image's own check command
#                 if it has one). Extra LABEL=VALUE pairs go on the services and their containers (tests pass
#                 faultline.test=true). Waits until every task is healthy and HAProxy answers.
#   service-down  removes NAME, NAME-lb and NAME-net (only what service-up created: checked by its label)
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=swarm
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OWN_LABEL=dev.faultline.swarm=true
HAPROXY_IMAGE=faultline/shop-haproxy:local
HAPROXY_CFG="${FL_ROOT}/deploy/swarm/haproxy-service.cfg"
READY_TIMEOUT=${SWARM_READY_TIMEOUT:-120}

swarm_state() { docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null; }

cmd_init() {
  fl_require_cmd docker
  local state
  state=$(swarm_state)
  case "${state}" in
    active)
      fl_log "swarm: already active (node $(docker info --format '{{.Swarm.NodeID}}'), nothing to do"
      return 0 ;;
    inactive|"") ;;
    *) fl_die "swarm: the engine is in swarm state '${state}' (pending or locked): see docker info" ;;
  esac
  # 127.0.0.1: one node, nothing to reach from elsewhere; the control plane listens on loopback only.
  docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null
  fl_log "swarm: initialised (one manager node on 127.0.0.1:2377)"
}

cmd_status() {
  echo "swarm:     $(swarm_state)"
  docker service ls --filter "label=${OWN_LABEL}" --format 'service:   {{.Name}} {{.Replicas}} {{.Image}}' 2>/dev/null || true
}

cmd_service_up() {
  (($# >= 5)) || fl_die "usage: deploy/swarm.sh service-up NAME IMAGE REPLICAS PORT HEALTH_PATH [LABEL=VALUE...]"
  local name=$1 image=$2 replicas=$3 port=$4 health_path=$5
  shift 5
  [[ "${name}" =~ ^[a-z0-9][a-z0-9_-]{0,40}$ ]] || fl_die "service name '${name}': lower-case letters, digits, _ -"
  [[ "$(swarm_state)" == active ]] || cmd_init
  docker image inspect "${image}" >/dev/null 2>&1 || fl_die "image ${image} is missing (no registry pulls here)"
  docker image inspect "${HAPROXY_IMAGE}" >/dev/null 2>&1 \
    || fl_die "image ${HAPROXY_IMAGE} is missing: build it with examples/shop/shop.sh build"
  local labels=(--label "${OWN_LABEL}") container_labels=(--container-label "${OWN_LABEL}") pair
  for pair in "$@"; do
    labels+=(--label "${pair}")
    container_labels+=(--container-label "${pair}")
  done
  if docker service inspect "${name}" >/dev/null 2>&1 || docker service inspect "${name}-lb" >/dev/null 2>&1; then
    fl_die "swarm: service ${name} (or ${name}-lb) exists already: deploy/swarm.sh service-down ${name} first"
  fi
  docker network inspect "${name}-net" >/dev/null 2>&1 \
    || docker network create --driver overlay --attachable "${labels[@]}" "${name}-net" >/dev/null
  # HAProxy runs without its image's health check (--no-healthcheck): Swarm would replace the only entry point
  # when a check is slow on a busy machine, and HAProxy's own /health answers whoever wants to know.
  # The image's own health check, every second: replacement health is then known to a second (and Docker's
  # health log gives its exact instant). A restart delay of 1 s instead of Swarm's 5 s keeps test runs short.
  # Timeout and retries generous: Swarm replaces a task whose check fails, and a busy machine must not make it.
  local health=(--health-interval 1s --health-retries 3 --health-timeout 5s --health-start-period 60s)
  docker service create --detach --quiet --name "${name}" "${labels[@]}" "${container_labels[@]}" \
    --container-label faultline.enabled=true \
    --network "${name}-net" --endpoint-mode dnsrr --replicas "${replicas}" \
    --restart-condition any --restart-delay 1s --stop-grace-period 2s "${health[@]}" \
    --no-resolve-image "${image}" >/dev/null
  docker service create --detach --quiet --name "${name}-lb" "${labels[@]}" "${container_labels[@]}" \
    --network "${name}-net" --replicas 1 --stop-grace-period 2s --no-healthcheck \
    --publish "mode=host,target=8080,published=${port}" --publish "mode=host,target=8404,published=$((port + 1))" \
    --env "SWARM_SERVICE=${name}" --env "SWARM_PORT=${SWARM_TASK_PORT:-8080}" --env "SWARM_HEALTH_PATH=${health_path}" \
    --mount "type=bind,source=${HAPROXY_CFG},target=/usr/local/etc/haproxy/swarm.cfg,readonly" \
    --no-resolve-image "${HAPROXY_IMAGE}" -f /usr/local/etc/haproxy/swarm.cfg >/dev/null
  local deadline=$((SECONDS + READY_TIMEOUT)) healthy=0 up=0
  while ((SECONDS < deadline)); do
    healthy=$(docker ps --filter "label=com.docker.swarm.service.name=${name}" --filter health=healthy -q | wc -l)
    up=$({ curl -s "http://127.0.0.1:$((port + 1))/stats;csv" 2>/dev/null || true; } \
      | awk -F, '$1 == "service" && $18 == "UP"' | wc -l)
    if ((healthy >= replicas && up >= replicas)); then
      fl_log "swarm: ${name} has ${healthy}/${replicas} healthy tasks, all UP behind HAProxy on 127.0.0.1:${port}"
      return 0
    fi
    sleep 0.5
  done
  fl_die "swarm: ${name} not ready within ${READY_TIMEOUT}s (${healthy}/${replicas} healthy, ${up} UP in HAProxy)"
}

cmd_service_down() {
  (($# == 1)) || fl_die "usage: deploy/swarm.sh service-down NAME"
  local name=$1 svc
  for svc in "${name}-lb" "${name}"; do
    if [[ "$(docker service inspect --format '{{index .Spec.Labels "dev.faultline.swarm"}}' "${svc}" 2>/dev/null)" == true ]]; then
      docker service rm "${svc}" >/dev/null
    fi
  done
  # The network goes once its tasks' containers are gone (Swarm removes them asynchronously), and its removal is
  # asynchronous too: wait until it is gone, so that a service-up right after does not find it half removed.
  if [[ "$(docker network inspect --format '{{index .Labels "dev.faultline.swarm"}}' "${name}-net" 2>/dev/null)" == true ]]; then
    local deadline=$((SECONDS + 30))
    while docker network inspect "${name}-net" >/dev/null 2>&1; do
      ((SECONDS < deadline)) || fl_die "swarm: network ${name}-net still there after 30 s"
      docker network rm "${name}-net" >/dev/null 2>&1 || true
      sleep 0.5
    done
  fi
  fl_log "swarm: ${name} removed"
}

case "${1:-status}" in
  init) cmd_init ;;
  status) cmd_status ;;
  service-up) shift; cmd_service_up "$@" ;;
  service-down) shift; cmd_service_down "$@" ;;
  *) echo "usage: deploy/swarm.sh init | status | service-up NAME IMAGE REPLICAS PORT HEALTH_PATH [LABEL=VALUE...] | service-down NAME" >&2
     exit 2 ;;
esac

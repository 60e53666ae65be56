#!/usr/bin/env bash
# Service RTO of a Swarm service against Docker's own events (issue 14, must-show 1): the shop's product service as
# a Swarm service with 3 replicas behind HAProxy (deploy/swarm.sh service-up), under 20 req/s of load on
# /products; Faultline kills 2 of its tasks at once (container-kill on the service, count 2). The verdict's service
# RTO (back to 3 healthy) is compared with the Docker engine's events (the replacements' start and
# health_status: healthy), by system-tests' SwarmServiceRecoveryIT on a Faultline stack of its own. Prints
#   image=… replicas=3 killed=2 interval_ms=250 service_rto_ms=<r> source=<how> docker_rto_ms=<d>
#   sampled_rto_ms=<s> sampled_error_ms=<s-d> replacement_started_ms=… replacement_healthy_ms=… min_healthy=…
#   load_requests=… load_errors=…
# and exits non-zero when the test's checks fail (sampled within one interval of Docker's, the verdict's RTO within
# 100 ms of it). Builds the Faultline modules first (mvn, a few minutes), and the shop's images when missing.
# Usage: bash bench/service-rto.sh [IMAGE HEALTH_PATH LOAD_PATH]   (default: the shop's product service)
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=service-rto
# shellcheck source-path=SCRIPTDIR/../deploy
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/lib.sh"

IMAGE=${1:-faultline/shop-product:local}
HEALTH_PATH=${2:-/q/health/ready}
LOAD_PATH=${3:-/products}

if ! docker image inspect "${IMAGE}" >/dev/null 2>&1 || ! docker image inspect faultline/shop-haproxy:local >/dev/null 2>&1; then
  [[ "${IMAGE}" == faultline/shop-* ]] || fl_die "image ${IMAGE} is missing"
  fl_log "building the shop's images (examples/shop/shop.sh build)"
  bash "${FL_ROOT}/examples/shop/shop.sh" build
fi
bash "${FL_ROOT}/deploy/swarm.sh" init
fl_install_artillery

figures=$(mktemp)
trap 'rm -f "${figures}"' EXIT
log="${FL_LOGS}/service-rto.log"
mkdir -p "${FL_LOGS}"
fl_log "mvn verify -Dit.test=SwarmServiceRecoveryIT on ${IMAGE} (log ${log#"${FL_ROOT}"/})"
rc=0
(cd "${FL_ROOT}" && mvn -B -pl common,test-support,dynamodb-support,orchestrator,injector-agent,observer,reporter,system-tests \
  -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SwarmServiceRecoveryIT \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dfaultline.swarm.image="${IMAGE}" \
  -Dfaultline.swarm.health-path="${HEALTH_PATH}" -Dfaultline.swarm.load-path="${LOAD_PATH}" \
  -Dfaultline.swarm.figures-file="${figures}") >"${log}" 2>&1 || rc=$?
if [[ ! -s "${figures}" ]]; then
  grep -E "FAIL|Tests run:|expected|but was" "${log}" | tail -20 >&2 || true
  fl_die "no figures (mvn exited ${rc}); see ${log}"
fi
echo "load: $(uptime)"
cat "${figures}"
exit "${rc}"

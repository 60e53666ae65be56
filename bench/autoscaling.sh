#!/usr/bin/env bash
# bench/autoscaling.sh [--keep] [--scenario NAME]     (also: ./faultline bench run autoscaling)
# Autoscaling validation on the shop example (issue 14, must-show 2): ONE experiment file
# (examples/experiments/shop-autoscaling.yaml: a load step from 8 to 40 requests/s on the product service, the
# shop's autoscaler scaling it 2 → 4 behind HAProxy, shop-product-1 killed after the scale-out) run twice through a
# Faultline stack of its own (system-tests' FaultlineStack, random ports: ShopAutoscalingBench):
#   1. autoscaler on          expected verdict PASS (scale-out time, cold starts, balance, min healthy replicas)
#   2. autoscaler suspended   expected verdict FAIL (no scale-out; one healthy replica left after the kill)
# Prints per run the verdict, scale-out, cold start per new replica, request share and the failed objectives; the
# last line is
#   scale_out_s=<x> scaled_to=<n> cold_start_max_s=<x> imbalance_pct=<x> autoscaler_verdict=<v> suspended_verdict=<v>
# Exit 0 only for PASS then FAIL. About 8 minutes (two runs of ~2.5 min, the stack's and the shop's start).
# Starts the shop (examples/shop/shop.sh up) and removes it at the end unless --keep. Results:
# .faultline/bench/autoscaling/<time>/{autoscaler,suspended}-{run.json,report.md,report.html}.
#
# --scenario NAME runs instead, once and with the autoscaler on, examples/experiments/shop-autoscaling-NAME.yaml
# (ShopAutoscalingBench.SCENARIOS: its CPU policy target and expected verdict; results NAME-*):
#   scale-up-under-failure  the load step, shop-product-1 killed during the scale-out           expected PASS
#   scale-down              a load step down, shop-product-1 killed while it scales in 4 → 2     expected PASS
#   resource-exhaustion     cpu-stress on shop-product-1, the autoscaler's CPU policy (20 %)     expected PASS
#   cascade                 the same stress, CPU policy at 25 %: 2 → 3, then 3 → 4 on the cold start  expected PASS
# Its last line: scenario=<name> verdict=<v> expected_met=<b> scale_outs=<n> scaled_to=<n> scale_out_s=<x>
#   min_healthy=<n> scale_in_s=<x> min_healthy_scale_in=<n> p99_scale_in_ms=<x>; exit 0 when the verdict is the
#   expected one (ShopAutoscalingBench asserts it). About 4-5 minutes.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=autoscaling
# shellcheck source-path=SCRIPTDIR/../deploy
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/lib.sh"

SHOP="${FL_ROOT}/examples/shop/shop.sh"
OUT="${FL_STATE}/bench/autoscaling/$(date +%Y%m%d-%H%M%S)"
KEEP=false
SCENARIO=""
SCENARIOS="scale-up-under-failure scale-down resource-exhaustion cascade"

while (($#)); do
  case "$1" in
    --keep) KEEP=true ;;
    --scenario)
      SCENARIO="${2:-}"
      [[ " ${SCENARIOS} " == *" ${SCENARIO} "* ]] || { echo "--scenario: one of ${SCENARIOS}" >&2; exit 2; }
      shift ;;
    *) echo "usage: $0 [--keep] [--scenario NAME]" >&2; exit 2 ;;
  esac
  shift
done

cleanup() {
  ${KEEP} || "${SHOP}" down >/dev/null 2>&1 || true
}
trap cleanup EXIT

fl_require_cmd jq mvn
mkdir -p "${OUT}"
[[ -x "${FL_TOOLS}/artillery/node_modules/.bin/artillery" ]] || "${FL_ROOT}/faultline" artillery
"${SHOP}" up resilient >"${OUT}/shop-up.log" 2>&1 || { tail -20 "${OUT}/shop-up.log" >&2; fl_die "the shop did not come up"; }
if [[ -n "${SCENARIO}" ]]; then
  fl_log "running scenario ${SCENARIO} with the autoscaler on (ShopAutoscalingBench; log ${OUT#"${FL_ROOT}"/}/bench.log)"
else
  fl_log "running the experiment with the autoscaler on, then suspended (ShopAutoscalingBench; log ${OUT#"${FL_ROOT}"/}/bench.log)"
fi
# One reactor with the modules system-tests needs (never installed SNAPSHOTs): it packages the services' jars the
# stack starts, and runs only this class.
EXPECTED_MET=true
if ! (cd "${FL_ROOT}" && mvn -B -q -pl system-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ShopAutoscalingBench -Dfailsafe.failIfNoSpecifiedTests=false -Dfaultline.bench.out="${OUT}" \
    -Dfaultline.bench.scenario="${SCENARIO}") >"${OUT}/bench.log" 2>&1; then
  EXPECTED_MET=false
  fl_log "the bench's runs did not give the expected verdicts (or did not complete); see ${OUT}/bench.log"
fi

figure() { [[ -f "$1" ]] && jq -r "$2" "$1" || echo none; }

# print_run VARIANT: the figures of one run from its verdict.
print_run() {
  local file="${OUT}/$1-run.json"
  [[ -f "${file}" ]] || { echo "$1: no verdict (see ${OUT}/bench.log)"; return; }
  jq -r --arg v "$1" '.verdict as $r | $r.scaling as $s
    | "\($v): verdict=\($r.verdict) run=\(.runId)",
      "  trigger: \($s.trigger) at \($s.triggerAt // "—")",
      "  scale-out: \($s.fromReplicas // "?") -> \($s.toReplicas // "none")"
        + (if $s.scaleOutStartedMillis then ", started +\($s.scaleOutStartedMillis / 1000) s" else "" end)
        + (if $s.scaleOutMillis then ", all healthy +\($s.scaleOutMillis / 1000) s (scale-out time)" else "" end),
      "  fewest healthy replicas: \($s.minHealthy // "?")",
      ($s.coldStarts[] | "  cold start \(.replica): start -> healthy \((.startToHealthyMillis // 0) / 1000) s, -> in HAProxy \((.startToLoadBalancerMillis // 0) / 1000) s (\(.server // "unmatched"))"),
      ($s.shareAfter | to_entries[] | "  share after scale-out \(.key): \(.value * 1000 | round / 10) %"),
      (if $s.imbalanceAfter then "  imbalance after: \($s.imbalanceAfter * 1000 | round / 10) %" else empty end),
      ($s.events[] | select(.kind | startswith("scal")) | "  activity \(.at) \(.kind): \(.cause)"),
      (if $r.load then "  load: \($r.load.requests) requests in the window, \($r.load.errors) errors, p99 \($r.load.p99Millis) ms" else empty end),
      ($r.checks[] | select(.status != "PASS") | "  failed: \(.name): \(.detail)"),
      ($r.slos[] | select(.status != "PASS") | "  failed: \(.objective): measured \(.measured)")' "${file}"
}

if [[ -n "${SCENARIO}" ]]; then
  print_run "${SCENARIO}"
  file="${OUT}/${SCENARIO}-run.json"
  fl_log "results in ${OUT#"${FL_ROOT}"/} (reports: ${SCENARIO}-report.md, ${SCENARIO}-report.html)"
  echo "scenario=${SCENARIO} verdict=$(figure "${file}" '.verdict.verdict') expected_met=${EXPECTED_MET}" \
    "$(figure "${file}" '.verdict.scaling as $s | "scale_outs=\($s.scaleOuts // "none") scaled_to=\($s.toReplicas // "none") scale_out_s=\($s.scaleOutMillis // null | if . then . / 1000 else "none" end) min_healthy=\($s.minHealthy // "none") scale_in_s=\($s.scaleInMillis // null | if . then . / 1000 else "none" end) min_healthy_scale_in=\($s.minHealthyDuringScaleIn // "none") p99_scale_in_ms=\($s.scaleInP99Millis // "none")"')"
  ${EXPECTED_MET}
  exit
fi
print_run autoscaler
print_run suspended
on="${OUT}/autoscaler-run.json" off="${OUT}/suspended-run.json"
scale_out=$(figure "${on}" '.verdict.scaling.scaleOutMillis // "none" | if type == "number" then . / 1000 else . end')
scaled_to=$(figure "${on}" '.verdict.scaling.toReplicas // "none"')
cold=$(figure "${on}" '[.verdict.scaling.coldStarts[].startToLoadBalancerMillis // empty] | if length > 0 then max / 1000 else "none" end')
imbalance=$(figure "${on}" '.verdict.scaling.imbalanceAfter // "none" | if type == "number" then . * 1000 | round / 10 else . end')
on_verdict=$(figure "${on}" '.verdict.verdict')
off_verdict=$(figure "${off}" '.verdict.verdict')
fl_log "results in ${OUT#"${FL_ROOT}"/} (reports: *-report.md, *-report.html)"
echo "scale_out_s=${scale_out} scaled_to=${scaled_to} cold_start_max_s=${cold} imbalance_pct=${imbalance} autoscaler_verdict=${on_verdict} suspended_verdict=${off_verdict}"
[[ "${on_verdict}" == PASS && "${off_verdict}" == FAIL ]]

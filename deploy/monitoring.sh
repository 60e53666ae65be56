#!/usr/bin/env bash
# deploy/monitoring.sh start|stop|status|check|config
# Prometheus (Debian's package) as a host process on http://127.0.0.1:FL_PROMETHEUS_PORT (lib.sh), scraping the four
# Faultline services (18080-18083) and the example shop, with Faultline's alerting rules (deploy/monitoring/).
# Its configuration is generated into .faultline/monitoring/, its data in .faultline/data/prometheus, its pid and log
# under .faultline like the other components. `check` runs promtool on the rules, their unit tests and the generated
# configuration, and checks that every metric the rules and the Grafana dashboard use is in docs/metrics.md.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=monitoring
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/deploy source-path=SCRIPTDIR/..
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HOST=127.0.0.1
PORT="${FL_PROMETHEUS_PORT}"
URL="http://${HOST}:${PORT}"
START_TIMEOUT=30
SRC="${FL_ROOT}/deploy/monitoring"
CONFIG_DIR="${FL_STATE}/monitoring"
CONFIG="${CONFIG_DIR}/prometheus.yml"
DATA="${FL_DATA}/prometheus"
LOGFILE="${FL_LOGS}/prometheus.log"
PIDFILE="${FL_RUN}/prometheus.pid"
SCRAPE_INTERVAL="${FL_PROMETHEUS_SCRAPE_INTERVAL:-5s}"
# The shop's published metrics endpoints (examples/shop/docker-compose.yml).
SHOP_HAPROXY=127.0.0.1:18101
SHOP_CHECKOUT=127.0.0.1:18102

# render OUT: the template with this host's targets; the rules by absolute path, so the file works from anywhere.
render() {
  local out=$1
  mkdir -p "$(dirname "${out}")"
  sed -e "s|@SCRAPE_INTERVAL@|${SCRAPE_INTERVAL}|g" \
      -e "s|@RULES_FILE@|${SRC}/rules.yml|g" \
      -e "s|@ORCHESTRATOR@|${HOST}:$(fl_service_port orchestrator)|g" \
      -e "s|@INJECTOR_AGENT@|${HOST}:$(fl_service_port injector-agent)|g" \
      -e "s|@OBSERVER@|${HOST}:$(fl_service_port observer)|g" \
      -e "s|@REPORTER@|${HOST}:$(fl_service_port reporter)|g" \
      -e "s|@SHOP_HAPROXY@|${SHOP_HAPROXY}|g" \
      -e "s|@SHOP_CHECKOUT@|${SHOP_CHECKOUT}|g" \
      "${SRC}/prometheus.yml.in" >"${out}.new"
  if grep -n '@[A-Z_]*@' "${out}.new" >&2; then
    rm -f "${out}.new"
    fl_die "placeholders left in the generated ${out#"${FL_ROOT}"/}"
  fi
  mv "${out}.new" "${out}"
}

start() {
  fl_ensure_dirs
  local pid
  if pid="$(fl_pid_of "${PIDFILE}")"; then
    fl_log "already running: Prometheus on ${URL} (pid ${pid})"
    return 0
  fi
  if fl_port_open "${HOST}" "${PORT}"; then
    fl_die "${HOST}:${PORT} is taken by a process this checkout did not start (FL_PROMETHEUS_PORT picks another port)"
  fi
  fl_require_cmd prometheus promtool
  render "${CONFIG}"
  promtool check config "${CONFIG}" >"${FL_LOGS}/promtool.log" 2>&1 \
    || { fl_tail_log "${FL_LOGS}/promtool.log"; fl_die "promtool refused ${CONFIG#"${FL_ROOT}"/}"; }
  mkdir -p "${DATA}"
  local start
  start=$(fl_now)
  fl_start_bg prometheus "${LOGFILE}" "--config.file=${CONFIG}" \
    prometheus "--config.file=${CONFIG}" "--storage.tsdb.path=${DATA}" "--storage.tsdb.retention.time=7d" \
    "--web.listen-address=${HOST}:${PORT}" "--web.enable-lifecycle"
  if ! fl_wait_http prometheus "${URL}/-/ready" "${START_TIMEOUT}" "${PIDFILE}"; then
    fl_tail_log "${LOGFILE}"
    fl_die "Prometheus did not start"
  fi
  fl_log "Prometheus ready on ${URL} after $(fl_elapsed "${start}")s (targets: ${URL}/targets, alerts: ${URL}/alerts)"
}

stop() {
  fl_stop_pidfile prometheus 10 || fl_log "not running"
}

status() {
  local pid
  if pid="$(fl_pid_of "${PIDFILE}")"; then
    echo "prometheus: running on ${URL} (pid ${pid}, config .faultline/monitoring/prometheus.yml)"
  else
    echo "prometheus: not running (./faultline up --monitoring)"
    return 1
  fi
}

# The metric names a file uses, as docs/metrics.md names them: a histogram's _bucket/_count/_sum/_max series are its
# own name's.
metric_names() {
  grep -oh 'faultline_[a-z0-9_]*' "$@" | sed -E 's/_(bucket|count|sum|max)$//' | sort -u
}

check() {
  fl_require_cmd promtool jq
  local rc=0 tmp name
  tmp="$(mktemp -d)"
  trap 'rm -rf "${tmp}"' RETURN
  promtool check rules "${SRC}/rules.yml" || rc=1
  (cd "${SRC}" && promtool test rules rules-test.yml) || rc=1
  render "${tmp}/prometheus.yml"
  promtool check config "${tmp}/prometheus.yml" || rc=1
  jq -e '.panels | length > 0' "${SRC}/grafana-dashboard.json" >/dev/null \
    || { echo "grafana-dashboard.json: not valid JSON or no panels" >&2; rc=1; }
  for name in $(metric_names "${SRC}/rules.yml" "${SRC}/grafana-dashboard.json"); do
    if ! grep -q "\`${name}\`" "${FL_ROOT}/docs/metrics.md"; then
      echo "docs/metrics.md does not list ${name}, which deploy/monitoring uses" >&2
      rc=1
    fi
  done
  ((rc == 0)) || fl_die "monitoring checks failed (above)"
  fl_log "monitoring checks passed: rules, rule tests, config, dashboard ($(metric_names "${SRC}/rules.yml" \
    "${SRC}/grafana-dashboard.json" | wc -l) metric names, all in docs/metrics.md)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status || exit 3 ;;
  check) check ;;
  config) render "${CONFIG}"; echo "${CONFIG}" ;;
  *) echo "usage: $0 start|stop|status|check|config" >&2; exit 2 ;;
esac

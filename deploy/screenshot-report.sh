#!/usr/bin/env bash
# deploy/screenshot-report.sh REPORT.html OUT.png [WIDTH] [HEIGHT]
# A PNG of an HTML report (or the runs index) as headless Chromium draws it: WIDTH x HEIGHT CSS pixels
# (default 1366 x 2200, a laptop screen's width; the page is cut at HEIGHT). The page is self-contained, and
# Chromium is told to resolve no host name, so nothing is fetched. Example, for docs/images/:
#   deploy/screenshot-report.sh reports/<runId>/report.html docs/images/report-shop.png 1366 1800
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH] [HEIGHT]" >&2
  exit 2
fi
REPORT="$(realpath "$1")"
OUT="$(realpath -m "$2")"
WIDTH="${3:-1366}"
HEIGHT="${4:-2200}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[[ -f "${REPORT}" ]] || { echo "no such report: ${REPORT}" >&2; exit 2; }
[[ -x "${CHROMIUM}" ]] || { echo "no Chromium at ${CHROMIUM}: run deploy/prerequisites.sh" >&2; exit 2; }
mkdir -p "$(dirname "${OUT}")"

PROFILE="$(mktemp -d)"
trap 'rm -rf "${PROFILE}"' EXIT
# --no-sandbox: Chromium refuses to start its sandbox as root, which is how the local stack runs.
"${CHROMIUM}" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="${PROFILE}" --host-resolver-rules="MAP * ~NOTFOUND" \
  --window-size="${WIDTH},${HEIGHT}" --screenshot="${OUT}" "file://${REPORT}" 2>/dev/null
[[ -s "${OUT}" ]] || { echo "Chromium wrote no screenshot to ${OUT}" >&2; exit 1; }
echo "${OUT}"

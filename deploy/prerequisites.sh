#!/usr/bin/env bash
# Installs the Debian packages that Faultline needs on this host, only those
# that are missing: apt-get update runs once, and only when something is missing.
# One list for everything `./faultline` runs: the stack, the tests, the shop
# example and every bench (a script that needs a package adds it here, never
# installs it on its own).
# Java 17, Maven and Node/npm come with the machine; they are checked, and a
# missing JDK tool (jlink) is installed from Debian.
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=prerequisites
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/deploy source-path=SCRIPTDIR/..
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# package -> a file that proves it is installed (checked with dpkg as well); what needs it.
declare -A PACKAGES=(
  [docker.io]=/usr/sbin/dockerd
  [docker-compose]=/usr/bin/docker-compose
  [busybox-static]=/bin/busybox
  [jq]=/usr/bin/jq
  [iptables]=/usr/sbin/iptables
  [iproute2]=/usr/sbin/tc
  [stress-ng]=/usr/bin/stress-ng
  [curl]=/usr/bin/curl
  [util-linux]=/usr/bin/nsenter
  [procps]=/usr/bin/pkill
  [openssl]=/usr/bin/openssl
  [nftables]=/usr/sbin/nft          # bench/safety-trials.sh: leftover nft rules in a target's namespace
  [haproxy]=/usr/sbin/haproxy       # examples/shop (its load balancer image is built from the host's binary)
  [postgresql]=/usr/lib/postgresql/15/bin/initdb  # JdbcStoreIT: a real PostgreSQL for the JDBC read-back
  [mariadb-server]=/usr/sbin/mariadbd             # MySqlStoreIT: a real MariaDB, read with MySQL's JDBC driver
  [chromium]=/usr/bin/chromium                    # the HTML report and the live page, checked in a real browser
  [chromium-driver]=/usr/bin/chromedriver         # WebDriver for those checks (the same Chromium build)
  [prometheus]=/usr/bin/promtool                  # ./faultline up --monitoring; promtool checks deploy/monitoring/
)

is_installed() {
  local pkg=$1 file=$2
  [[ -e "${file}" ]] && dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for pkg in "${!PACKAGES[@]}"; do
  is_installed "${pkg}" "${PACKAGES[${pkg}]}" || missing+=("${pkg}")
done
# jlink builds the JRE base image; it ships with a JDK, not a JRE.
if ! command -v jlink >/dev/null 2>&1; then
  missing+=(openjdk-17-jdk-headless)
fi

if ((${#missing[@]} == 0)); then
  fl_log "all packages present"
else
  [[ "$(id -u)" == 0 ]] || fl_die "missing packages (${missing[*]}) and not root: install them with sudo apt-get install -y ${missing[*]}"
  fl_log "installing: ${missing[*]}"
  fl_ensure_dirs
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"${FL_LOGS}/apt-update.log" 2>&1 || { fl_die "apt-get update failed (see .faultline/logs/apt-update.log)"; }
  apt-get install -y -qq "${missing[@]}" >"${FL_LOGS}/apt-install.log" 2>&1 \
    || { tail -20 "${FL_LOGS}/apt-install.log" >&2; fl_die "apt-get install failed (see .faultline/logs/apt-install.log)"; }
  fl_log "installed: ${missing[*]}"
fi

for cmd in java javac mvn node npm; do
  command -v "${cmd}" >/dev/null 2>&1 || fl_die "'${cmd}' is missing: this machine should come with Java 17, Maven and Node 20"
done
java_major="$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
[[ "${java_major}" -ge 17 ]] || fl_die "Java 17 or later is required (found ${java_major})"

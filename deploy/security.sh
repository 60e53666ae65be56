#!/usr/bin/env bash
# deploy/security.sh ensure
# Creates, when absent, the local secrets the services need (never overwrites them):
#   .faultline/keys/private.pem, public.pem   Ed25519 pair: the orchestrator signs commands, agents verify
#   .faultline/auth/tokens                    API tokens as '<sha256-hex> <role> <name>' (hashes only)
#   .faultline/auth/admin.token               the local CLI's admin token (mode 600), read by ./faultline
# shellcheck disable=SC2034 # FL_COMPONENT is read by lib.sh
FL_COMPONENT=security
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/deploy source-path=SCRIPTDIR/..
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure() {
  fl_require_cmd openssl sha256sum
  local keys="${FL_ROOT}/${FL_LOCAL_KEYS_DIR}" auth
  auth="$(dirname "${FL_ROOT}/${FL_LOCAL_TOKENS_FILE}")"
  mkdir -p "${keys}" "${auth}"
  chmod 700 "${keys}" "${auth}"
  if [[ ! -s "${keys}/private.pem" ]]; then
    fl_log "generating the command-signing key pair in .faultline/keys/"
  fi
  fl_signing_keys "${keys}"
  if [[ ! -s "${auth}/admin.token" ]]; then
    (umask 077 && openssl rand -hex 32 >"${auth}/admin.token")
    (umask 077 && { printf '# <sha256-hex> <viewer|operator|admin> <name>\n'
      fl_token_line "$(tr -d '\n' <"${auth}/admin.token")" admin local-cli; } >>"${auth}/tokens")
    fl_log "generated the local CLI's admin token in .faultline/auth/admin.token"
  fi
}

case "${1:-}" in
  ensure) ensure ;;
  *) echo "usage: $0 ensure" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# The testbed's ACME server for a bench's host: pebble on this machine (scripts/pebble.sh), and the host's napd
# pointed at it (napd.json's acmeDirectory, acmeCaBundle and acmeEmail, then a restart of napd).
#
# Sourced after bench/lib/host.sh and host_up:
#   acme_up DIR     starts pebble (state and logs in DIR), points the host at it; sets ACME_ROOT (a file: the
#                   root that signs what pebble issues)
#   acme_down DIR   stops it
set -euo pipefail
: "${bench_repo:?source bench/lib/host.sh first}"

acme_up() {
  local dir=$1 gateway
  gateway=$(in_host ip -4 route show default | awk '{print $3; exit}')
  "$bench_repo/scripts/pebble.sh" start "$dir" "$gateway" "$HOST_IP" >/dev/null || host_die "pebble did not start"
  # PEBBLE_DIRECTORY, PEBBLE_LISTENER_CA, PEBBLE_ROOTS, PEBBLE_DNS (scripts/pebble.sh)
  # shellcheck source=/dev/null
  source "$dir/env"
  ACME_ROOT=$dir/root.pem
  curl -fsSk "$PEBBLE_ROOTS" >"$ACME_ROOT" || host_die "pebble gave no root certificate"
  docker cp "$PEBBLE_LISTENER_CA" "$HOST:/etc/nap/acme-test-ca.pem" >/dev/null
  # The bench host's napd.json: install.sh's defaults, and these three.
  in_host sh -c "cat >/etc/nap/napd.json" <<JSON
{ "acmeDirectory": "$PEBBLE_DIRECTORY", "acmeCaBundle": "/etc/nap/acme-test-ca.pem", "acmeEmail": "bench@nap.test" }
JSON
  in_host systemctl restart napd || host_die "napd did not restart with pebble's settings: docker exec $HOST journalctl -u napd"
  export ACME_ROOT
}

acme_down() {
  "$bench_repo/scripts/pebble.sh" stop "$1"
}

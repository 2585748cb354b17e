#!/usr/bin/env bash
# The testbed's ACME server (TESTBED.md, "ACME without the internet"): Let's Encrypt's pebble with its mock DNS,
# pebble-challtestsrv, run on this machine for the host specs (tests/Host.Tests/AcmeSpecs.cs) and
# bench/zero-downtime.sh. Testbed only: never on a nap host.
#
#   pebble.sh start DIR LISTEN_IP APPS_IP
#       Starts both in the background (logs in DIR) and prints DIR/env, whose lines are
#         PEBBLE_DIRECTORY=https://LISTEN_IP:PORT/dir   the ACME directory: napd.json's acmeDirectory
#         PEBBLE_LISTENER_CA=DIR/listener.pem            the CA of that https listener: napd.json's acmeCaBundle
#         PEBBLE_ROOTS=https://127.0.0.1:PORT/roots/0    pebble's root, which signs the certificates it issues
#                                                        (https with the listener's certificate: curl -k)
#         PEBBLE_DNS=http://127.0.0.1:PORT               challtestsrv's API: POST /add-a {"host":H,"addresses":[IP]}
#       LISTEN_IP is this machine's address as the nap host sees it (docker's bridge gateway). For pebble's
#       validator every name resolves to APPS_IP (the nap host) unless /add-a says otherwise, and HTTP-01
#       answers are fetched from port 80 there, where nginx serves them.
#       Pebble refuses to issue for refused.nap.test (its domainBlocklist: rejectedIdentifier), reuses an
#       account's valid authorizations (a renewal needs no new challenge, a new name does), and issues
#       certificates valid for PEBBLE_VALIDITY_DAYS (default 29: under napd's 30, so each is due for renewal).
#   pebble.sh stop DIR
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

usage="usage: pebble.sh start DIR LISTEN_IP APPS_IP | stop DIR"

# free_port: a TCP and UDP port nothing listens on, and none this run has taken already.
taken=()
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    [[ " ${taken[*]} " == *" $port "* ]] && continue
    if [[ -z $(ss -Hltun "sport = :$port") ]]; then
      taken+=("$port")
      echo "$port"
      return 0
    fi
  done
  die "no free port found for pebble"
}

start() {
  local dir=$1 listen=$2 apps=$3 acme dns dns_api management
  apt_ensure pebble openssl
  mkdir -p "$dir"
  acme=$(free_port)
  management=$(free_port)
  dns=$(free_port)
  dns_api=$(free_port)
  # pebble's own https listener: a key pair naming the addresses clients reach it at.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj /CN=pebble-listener \
    -addext "subjectAltName=IP:$listen,IP:127.0.0.1" -keyout "$dir/listener.key" -out "$dir/listener.pem" 2>/dev/null \
    || die "openssl could not make pebble's listener certificate"
  cat >"$dir/pebble.json" <<JSON
{ "pebble": {
  "listenAddress": "$listen:$acme", "managementListenAddress": "127.0.0.1:$management",
  "certificate": "$dir/listener.pem", "privateKey": "$dir/listener.key",
  "httpPort": 80, "tlsPort": 443, "ocspResponderURL": "", "externalAccountBindingRequired": false,
  "domainBlocklist": ["refused.nap.test"], "certificateValidityPeriod": $((${PEBBLE_VALIDITY_DAYS:-29} * 86400)) } }
JSON
  setsid pebble-challtestsrv -defaultIPv4 "$apps" -defaultIPv6 "" -dns01 "127.0.0.1:$dns" -http01 "" -https01 "" \
    -tlsalpn01 "" -management "127.0.0.1:$dns_api" </dev/null >"$dir/challtestsrv.log" 2>&1 &
  echo $! >"$dir/challtestsrv.pid"
  PEBBLE_VA_NOSLEEP=1 PEBBLE_AUTHZREUSE=100 setsid pebble -config "$dir/pebble.json" -dnsserver "127.0.0.1:$dns" \
    </dev/null >"$dir/pebble.log" 2>&1 &
  echo $! >"$dir/pebble.pid"
  for _ in $(seq 1 100); do
    if curl -fsk -o /dev/null "https://$listen:$acme/dir" && curl -s -o /dev/null "http://127.0.0.1:$dns_api/"; then
      printf '%s\n' "PEBBLE_DIRECTORY=https://$listen:$acme/dir" "PEBBLE_LISTENER_CA=$dir/listener.pem" \
        "PEBBLE_ROOTS=https://127.0.0.1:$management/roots/0" "PEBBLE_DNS=http://127.0.0.1:$dns_api" >"$dir/env"
      cat "$dir/env"
      return 0
    fi
    sleep 0.1
  done
  stop "$dir"
  die "pebble did not answer within 10 s: $(tail -n 3 "$dir/pebble.log" "$dir/challtestsrv.log" | tr '\n' ' ')"
}

stop() {
  local dir=$1 pid
  for pid in "$dir/pebble.pid" "$dir/challtestsrv.pid"; do
    [[ -f $pid ]] || continue
    kill "$(cat "$pid")" 2>/dev/null || true
    rm -f "$pid"
  done
}

case ${1:-} in
  start) [[ $# -eq 4 ]] || die "$usage"; start "$2" "$3" "$4" ;;
  stop) [[ $# -eq 2 ]] || die "$usage"; stop "$2" ;;
  *) die "$usage" ;;
esac

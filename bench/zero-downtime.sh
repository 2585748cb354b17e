#!/usr/bin/env bash
# Does a release drop requests? (issue 6's goal: 0 failed requests for nap), in one run on one host.
#
#   bench/zero-downtime.sh
#
# hey (Debian's load generator) keeps CONNS (default 10) connections busy against an app while it
# changes, and counts what came back: requests sent, 2xx, non-2xx and connection errors. Each
# change is measured twice, against the same app on the same host:
#   nap:   its public address http://IP:PORT (nginx's listener); the change goes through napd's
#          switch (new release beside the old one, health gate, nginx reload, drain, stop).
#   plain: the same image run by hand with `docker run -d -p PORT:8080`; the change is the plain
#          stop-then-start redeploy: build (or pick) the image, `docker rm -f`, `docker run`.
# The changes: 5 releases pushed one after another (a new page each), ROLLBACKS (default 3)
# `ssh nap@HOST rollback APP` (plain: run the previous image again), and 5
# `ssh nap@HOST config:set APP BENCH_N=N` (plain: run the same image with -e BENCH_N=N), RENEWALS
# (default 3) `ssh nap@HOST certs:renew APP --force` of the app's automatic certificate, the load over
# https (plain: the same certificate's nginx restarted, as a renewal hook that restarts it does), and
# after `ssh nap@HOST ps:scale APP SCALE` (default 3) 3 pushes that roll SCALE instances (nap only:
# the plain redeploy has one container).
# The certificates come from pebble, Let's Encrypt's test server, on this machine (bench/lib/acme.sh).
#
# The host: NAP_BENCH_HOST=NAME reuses a running one (bench/lib/host.sh up), else one is booted
# from NAP_PUBLISH_DIR (default /tmp/pub-bench) and removed at the end.
# RATE (default 20): requests per second per connection (hey -q), so the load leaves the host's
# CPU to the deploy. HEY_FLAGS: more hey flags (e.g. -disable-keepalive).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/host.sh
source "$here/lib/host.sh"
# shellcheck source-path=SCRIPTDIR source=lib/acme.sh
source "$here/lib/acme.sh"
conns=${CONNS:-10}
rate=${RATE:-20}
releases=5
rollbacks=${ROLLBACKS:-3}
settings=5
renewals=${RENEWALS:-3}
scale=${SCALE:-3}
scaled_releases=3
max_seconds=300
# Names of this run: a host kept from an earlier run has its own zd app and plain container.
app=zd$$
plain_port=$((18100 + $$ % 800))

die() { echo "zero-downtime.sh: $*" >&2; exit 1; }
need_tools git curl ssh hey openssl

host_up
tmp=$(mktemp -d /tmp/nap-bench-zd.XXXXXX)
trap 'kill -INT "${hey_pid:-}" 2>/dev/null || true; acme_down "$tmp/pebble"; rm -rf "$tmp"; host_down' EXIT
echo "host $HOST at $HOST_IP" >&2

src=$tmp/app
cp -a "$bench_repo/examples/hello/." "$src/"
git -C "$src" init -q -b master
page() { echo "<h1>$1</h1>" >"$src/www/index.html"; }

# nap_release N: commits page N and pushes it (a full build and switch).
nap_release() {
  page "nap release $1"
  git -C "$src" add -A
  git -C "$src" commit -q -m "release $1"
  git -C "$src" push -q "nap@$HOST_IP:$app" HEAD:master >"$tmp/push-$1.log" 2>&1 \
    || die "the push of release $1 failed: $(grep -m1 -E '!|error' "$tmp/push-$1.log" || tail -n1 "$tmp/push-$1.log")"
}

# plain_image N: builds plain/APP:N from page N on the host.
plain_image() {
  page "plain release $1"
  in_host rm -rf "/root/plain-$app"
  docker cp "$src/." "$HOST:/root/plain-$app"
  in_host docker build -q -t "plain/$app:$1" "/root/plain-$app" >/dev/null || die "docker build of plain/$app:$1 failed"
}

# plain_run IMAGE [docker run options]: the stop-then-start redeploy.
plain_run() {
  local image=$1
  shift
  in_host sh -c "docker rm -f plain-$app >/dev/null 2>&1; docker run -d --name plain-$app -p $plain_port:8080 $* $image >/dev/null" \
    || die "docker run of $image failed"
}

# load_start URL [HEY FLAGS...]: hey in the background, bounded by max_seconds; load_stop ends it
# (SIGINT: hey stops sending, lets in-flight requests finish and prints its report).
load_start() {
  local url=$1
  shift
  hey_out=$tmp/hey-$((++hey_runs)).txt
  # shellcheck disable=SC2086 # HEY_FLAGS is a list of flags
  hey -z "${max_seconds}s" -c "$conns" -q "$rate" ${HEY_FLAGS:-} "$@" "$url" >"$hey_out" 2>&1 &
  hey_pid=$!
  sleep 1
}
load_stop() {
  sleep 1
  kill -INT "$hey_pid" 2>/dev/null || die "hey ended before the changes did: $(head -n3 "$hey_out")"
  wait "$hey_pid" || true
  hey_pid=""
  grep -q '^Summary:' "$hey_out" || die "hey printed no summary: $(head -n3 "$hey_out")"
}

# result LABEL SIDE SECONDS: one table row from the last hey report.
result() {
  awk -v label="$1" -v side="$2" -v secs="$3" '
    /^Status code distribution:/ { section = "status"; next }
    /^Error distribution:/ { section = "errors"; next }
    section == "status" && match($0, /\[[0-9]+\][ \t]+[0-9]+/) {
      split(substr($0, RSTART, RLENGTH), f, /[][ \t]+/); code = f[2]; n = f[3]
      if (code ~ /^2/) ok += n; else bad += n; next }
    section == "errors" && match($0, /^[ \t]*\[[0-9]+\]/) {
      split(substr($0, RSTART, RLENGTH), f, /[][ \t]+/); errs += f[2]; next }
    END { printf "%-26s %-6s %8.1f %9d %9d %9d %9d\n", label, side, secs, ok + bad + errs, ok, bad, errs }' "$hey_out" >>"$tmp/table"
  # The errors by kind (the text after the last colon: connection refused, reset by peer, EOF ...).
  awk -v label="$1, $2" '
    /^Error distribution:/ { on = 1; next }
    on && match($0, /^[ \t]*\[[0-9]+\]/) {
      n = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", n)
      kind = $0; sub(/.*: /, "", kind); sum[kind] += n }
    END { for (k in sum) printf "  %-34s %7d  %s\n", label, sum[k], k }' "$hey_out" >>"$tmp/errors"
}

now_s() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.1f", b - a }'; }
hey_runs=0
: >"$tmp/table"; : >"$tmp/errors"

echo "release 1 of $app on nap and by hand ..." >&2
nap_release 1
url=$(grep -Eo 'http://[0-9.]+:[0-9]+' "$tmp/push-1.log" | tail -n1 || true)
[[ -n $url ]] || die "the first push printed no address: see $tmp/push-1.log"
plain_image 1
plain_run "plain/$app:1"
plain_url=http://$HOST_IP:$plain_port/
for target in "$url" "$plain_url"; do
  for _ in $(seq 1 100); do curl -fs -o /dev/null "$target" && break; sleep 0.1; done
  curl -fs -o /dev/null "$target" || die "$target does not answer"
done

echo "$releases releases under load ..." >&2
load_start "$url"
start=$(now_s)
for n in $(seq 2 $((releases + 1))); do nap_release "$n"; done
secs=$(elapsed "$start")
load_stop
result "$releases pushed releases" nap "$secs"
[[ $(curl -fsS "$url") == "<h1>nap release $((releases + 1))</h1>" ]] || die "after the pushes nap does not serve the last release"

load_start "$plain_url"
start=$(now_s)
for n in $(seq 2 $((releases + 1))); do
  plain_image "$n"
  plain_run "plain/$app:$n"
done
secs=$(elapsed "$start")
load_stop
result "$releases pushed releases" plain "$secs"

echo "$rollbacks rollbacks under load ..." >&2
load_start "$url"
start=$(now_s)
for n in $(seq 1 "$rollbacks"); do
  nap_ssh rollback "$app" >"$tmp/rollback-$n.log" 2>&1 || die "ssh nap@$HOST_IP rollback $app failed: $(tail -n1 "$tmp/rollback-$n.log")"
done
secs=$(elapsed "$start")
load_stop
result "$rollbacks x rollback" nap "$secs"

load_start "$plain_url"
start=$(now_s)
current=$((releases + 1))
for _ in $(seq 1 "$rollbacks"); do
  current=$((current - 1))
  plain_run "plain/$app:$current"
done
secs=$(elapsed "$start")
load_stop
result "$rollbacks x rollback" plain "$secs"

echo "$settings config:set under load ..." >&2
load_start "$url"
start=$(now_s)
for n in $(seq 1 "$settings"); do
  nap_ssh config:set "$app" "BENCH_N=$n" >"$tmp/config-$n.log" 2>&1 || die "ssh nap@$HOST_IP config:set $app failed: $(tail -n1 "$tmp/config-$n.log")"
done
secs=$(elapsed "$start")
load_stop
result "$settings x config:set" nap "$secs"

load_start "$plain_url"
start=$(now_s)
for n in $(seq 1 "$settings"); do plain_run "plain/$app:$current" -e "BENCH_N=$n"; done
secs=$(elapsed "$start")
load_stop
result "$settings x config:set" plain "$secs"

echo "$renewals forced certificate renewals under load (https) ..." >&2
mkdir -p "$tmp/pebble"
acme_up "$tmp/pebble"
domain=$app.nap.test
nap_ssh domains:add "$app" "$domain" >"$tmp/domains.log" 2>&1 || die "domains:add failed: $(tail -n1 "$tmp/domains.log")"
nap_ssh certs:auto "$app" >"$tmp/certs-auto.log" 2>&1 || die "certs:auto failed: $(grep -m1 '!' "$tmp/certs-auto.log" || tail -n1 "$tmp/certs-auto.log")"
https() { curl -fsS --max-time 5 --cacert "$ACME_ROOT" --resolve "$domain:443:$HOST_IP" "https://$domain/"; }
https >/dev/null || die "https://$domain/ does not answer with pebble's certificate"
# hey sends the -host name as TLS's SNI too, so nginx picks the app's certificate.
load_start "https://$HOST_IP/" -host "$domain"
start=$(now_s)
for n in $(seq 1 "$renewals"); do
  nap_ssh certs:renew "$app" --force >"$tmp/renew-$n.log" 2>&1 || die "certs:renew $app --force failed: $(tail -n1 "$tmp/renew-$n.log")"
done
secs=$(elapsed "$start")
load_stop
result "$renewals x certs:renew --force" nap "$secs"
https >/dev/null || die "after the renewals https://$domain/ does not answer with pebble's certificate"

load_start "https://$HOST_IP/" -host "$domain"
start=$(now_s)
for _ in $(seq 1 "$renewals"); do in_host systemctl restart nginx; done
secs=$(elapsed "$start")
load_stop
result "$renewals x nginx restart" plain "$secs"

echo "$scaled_releases releases of $scale instances under load ..." >&2
nap_ssh ps:scale "$app" "$scale" >"$tmp/scale.log" 2>&1 || die "ssh nap@$HOST_IP ps:scale $app $scale failed: $(tail -n1 "$tmp/scale.log")"
load_start "$url"
start=$(now_s)
last=$((releases + 1 + scaled_releases))
for n in $(seq $((releases + 2)) "$last"); do nap_release "$n"; done
secs=$(elapsed "$start")
load_stop
result "$scaled_releases pushes, $scale instances" nap "$secs"
[[ $(curl -fsS "$url") == "<h1>nap release $last</h1>" ]] || die "after the scaled pushes nap does not serve the last release"

echo
echo "Requests during changes ($conns connections, $rate req/s each, hey ${HEY_FLAGS:-}; nap: $url, plain: $plain_url)"
printf "%-26s %-6s %8s %9s %9s %9s %9s\n" "change" "side" "seconds" "sent" "2xx" "non-2xx" "conn err"
cat "$tmp/table"
failed=$(awk '$0 ~ / nap / { n += $(NF - 1) + $NF } END { print n + 0 }' "$tmp/table")
echo "goal: 0 failed requests for nap: $([[ $failed -eq 0 ]] && echo met || echo "MISSED ($failed failed)")"
in_host docker rm -f "plain-$app" >/dev/null
if [[ -s $tmp/errors ]]; then
  echo "errors hey saw:"
  cat "$tmp/errors"
fi

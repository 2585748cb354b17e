#!/usr/bin/env bash
# What a container start costs on each kind of network nap could give an app (issue 12), in one run on one host.
#
#   bench/network.sh
#
# busybox httpd, `docker run -d ... && first 200` on its published port, ROUNDS (default 8) rounds, the sides
# alternated within each round so the machine's other load falls on all of them alike:
#   docker0      the default bridge: every container reaches every other (what nap gave apps before issue 12);
#   app network  a user-defined bridge of its own, as napd runs each app now (docker starts its embedded DNS
#                resolver in each container: a dockerd re-exec and iptables runs in the container's namespace);
#   with --dns   the same with a DNS server given: docker still starts its resolver (it forwards to that server);
#   limits       the app network with napd's default limits (limits.memoryMegabytes, limits.pidsPerContainer):
#                what the cgroup settings add to a start;
#   holder       joining the namespace of a container already running on the app network
#                (`--network container:HOLDER`, the port published on the holder): the network is set up
#                before the timed start, as a holder started while a push builds would have it.
#   unit, ExecStartPre  `systemctl start` of a unit in fleet's convention on the app network: a `-docker rm -f`
#                of a stale container in ExecStartPre, then the foreground docker run (nap's run units until
#                2026-12-02);
#   unit, ExecStopPost  the same unit with the cleanup after the container's life instead, as nap's run units
#                have it now: what a release start saves by not starting a second docker CLI first, and
#                what each stop pays for it (both units' `systemctl stop` are timed too; --init, as nap's).
#
# The host: NAP_BENCH_HOST=NAME reuses a running one (bench/lib/host.sh up), else one is booted
# from NAP_PUBLISH_DIR (default /tmp/pub-bench) and removed at the end.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/host.sh
source "$here/lib/host.sh"
# shellcheck source-path=SCRIPTDIR source=lib/timing.sh
source "$here/lib/timing.sh"
rounds=${ROUNDS:-8}

host_up
tmp=$(mktemp -d /tmp/nap-bench-network.XXXXXX)
trap 'rm -rf "$tmp"; host_down' EXIT
echo "host $HOST at $HOST_IP: $rounds rounds ..." >&2

# Inside the host: one line "SIDE MS" per start. The host has no curl: bash's /dev/tcp asks for the page.
in_host env ROUNDS="$rounds" bash -s >"$tmp/raw" <<'INSIDE'
set -euo pipefail
image=local/busybox:latest
ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
first_200() {
  local port=$1 deadline=$(($(ms) + 30000))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET / HTTP/1.0\r\n\r\n' >&3 && head -c 12 <&3 | grep -q 200) 2>/dev/null; do
    (($(ms) < deadline)) || { echo "nothing answered 200 on $port within 30 s" >&2; exit 1; }
    sleep 0.01
  done
}
# A unit's side asks for its first 200 only once the engine says the container started, as napd's health wait asks
# docker first: docker-proxy listens on the port before then, and its dial of a container not yet on the bridge
# leaves the address unresolved for about a second (ARP), which made these rows 0.8 s slower than the start itself.
until_running() {
  local events=$1 deadline=$(($(ms) + 30000))
  until [[ -s $events ]]; do
    (($(ms) < deadline)) || { echo "no start event within 30 s" >&2; exit 1; }
    sleep 0.005
  done
}
serve=(-v /tmp/bench-www:/www "$image" httpd -f -p 8080 -h /www)
mkdir -p /tmp/bench-www && echo hello >/tmp/bench-www/index.html
docker network create bench-net >/dev/null
# Two run units in fleet's convention (a template: the instance is the port), differing only in where the cleanup runs.
for side in pre post; do
  cleanup_line="ExecStartPre=-/usr/bin/docker rm -f bench-$side-%i" && [[ $side == pre ]] || cleanup_line="ExecStopPost=-/usr/bin/docker rm -f bench-$side-%i"
  cat >"/run/systemd/system/bench-$side@.service" <<UNIT
[Service]
Type=exec
$cleanup_line
ExecStart=/usr/bin/docker run --rm --name bench-$side-%i --init --label nap.bench=network --network bench-net -p 127.0.0.1:%i:8080 ${serve[*]}
ExecStop=/usr/bin/docker stop -t 10 bench-$side-%i
UNIT
done
systemctl daemon-reload
cleanup() {
  rm -f /run/systemd/system/bench-pre@.service /run/systemd/system/bench-post@.service && systemctl daemon-reload
  docker rm -f $(docker ps -aq --filter label=nap.bench=network) >/dev/null 2>&1 || true
  docker network rm bench-net >/dev/null 2>&1 || true
}
trap cleanup EXIT
timed() {
  local side=$1 port=$2 start
  shift 2
  start=$(ms)
  docker run -d --label nap.bench=network "$@" >/dev/null
  first_200 "$port"
  echo "$side $(($(ms) - start))"
}
# The port (and instance) of a unit side's round: the template's instance is its port.
unit_port() { if [[ $1 == pre ]]; then echo $((31600 + $2)); else echo $((31700 + $2)); fi; }
for round in $(seq 1 "$ROUNDS"); do
  timed docker0 $((31100 + round)) -p "127.0.0.1:$((31100 + round)):8080" "${serve[@]}"
  timed network $((31200 + round)) --network bench-net -p "127.0.0.1:$((31200 + round)):8080" "${serve[@]}"
  timed limits $((31500 + round)) --network bench-net --memory 1024m --pids-limit 4096 -p "127.0.0.1:$((31500 + round)):8080" "${serve[@]}"
  timed dns $((31300 + round)) --network bench-net --dns 192.0.2.53 -p "127.0.0.1:$((31300 + round)):8080" "${serve[@]}"
  docker run -d --label nap.bench=network --name "bench-holder-$round" --network bench-net \
    -p "127.0.0.1:$((31400 + round)):8080" "$image" sleep 3600 >/dev/null
  sleep 0.5
  timed holder $((31400 + round)) --network "container:bench-holder-$round" "${serve[@]}"
  for side in pre post; do
    port=$(unit_port "$side" "$round")
    started=$(mktemp)
    docker events --filter "container=bench-$side-$port" --filter event=start --format start >"$started" &
    watcher=$!
    # docker events subscribes once its CLI is up: untimed, as napd's connection to the engine is open already.
    sleep 0.3
    start=$(ms)
    systemctl start "bench-$side@$port.service"
    until_running "$started"
    first_200 "$port"
    echo "unit-$side $(($(ms) - start))"
    kill "$watcher" && rm -f "$started"
  done
  for side in pre post; do
    port=$(unit_port "$side" "$round")
    start=$(ms)
    systemctl stop "bench-$side@$port.service"
    echo "stop-$side $(($(ms) - start))"
  done
done
INSIDE

for side in docker0 network limits dns holder unit-pre unit-post stop-pre stop-post; do awk -v s="$side" '$1 == s { print $2 }' "$tmp/raw" >"$tmp/$side.ms"; done
echo
echo "A container start until its first 200 on host $HOST_IP (ms; docker run -d of busybox httpd, $rounds rounds alternated)"
printf "%-54s %9s %9s %9s %9s %5s\n" "what" "median" "mean" "min" "max" "n"
printf "%-54s %s\n" "docker0, the default bridge" "$(stats "$tmp/docker0.ms")"
printf "%-54s %s\n" "a network of its own (as napd runs apps)" "$(stats "$tmp/network.ms")"
printf "%-54s %s\n" "  the same with --memory 1024m --pids-limit 4096" "$(stats "$tmp/limits.ms")"
printf "%-54s %s\n" "  the same with --dns (docker's resolver still starts)" "$(stats "$tmp/dns.ms")"
printf "%-54s %s\n" "joining a running holder's namespace on that network" "$(stats "$tmp/holder.ms")"
printf "%-54s %s\n" "a run unit, docker rm -f in ExecStartPre (fleet's)" "$(stats "$tmp/unit-pre.ms")"
printf "%-54s %s\n" "a run unit, docker rm -f in ExecStopPost (nap's)" "$(stats "$tmp/unit-post.ms")"
printf "%-54s %s\n" "  its systemctl stop, ExecStartPre's unit" "$(stats "$tmp/stop-pre.ms")"
printf "%-54s %s\n" "  its systemctl stop, ExecStopPost's unit" "$(stats "$tmp/stop-post.ms")"
awk -v d="$(median "$tmp/docker0.ms")" -v n="$(median "$tmp/network.ms")" -v h="$(median "$tmp/holder.ms")" -v l="$(median "$tmp/limits.ms")" 'BEGIN {
  printf "a network of its own costs %.0f ms a start over docker0; joining a holder saves %.0f ms against it\n", n - d, n - h
  printf "napd'"'"'s default limits cost %.0f ms a start on the app network\n", l - n }'
awk -v pre="$(median "$tmp/unit-pre.ms")" -v post="$(median "$tmp/unit-post.ms")" 'BEGIN {
  printf "cleaning up in ExecStopPost rather than ExecStartPre saves %.0f ms a release start\n", pre - post }'
awk -v pre="$(median "$tmp/stop-pre.ms")" -v post="$(median "$tmp/stop-post.ms")" 'BEGIN {
  printf "and costs %.0f ms a stop (the app'"'"'s next change waits for its old release'"'"'s stop)\n", post - pre }'

#!/usr/bin/env bash
# How long do changes take when the retiring release ignores SIGTERM? In one run on one host.
#
#   bench/stop.sh
#
# examples/hello (busybox httpd, no SIGTERM handler) is pushed twice: as it is, so its run unit
# passes `docker run --init` (tini is PID 1 and forwards docker stop's SIGTERM), and with
# `LABEL nap.init=false`, so httpd is PID 1 and the kernel drops the SIGTERM: docker stop waits
# its 10 s and sends SIGKILL (nap before --init). For each, CHANGES (default 2) `config:set` in a
# row are timed, each waiting for the previous change's old release to be gone, then the time
# until the last old release has stopped, and how the old releases ended (docker's exit codes:
# 143 SIGTERM, 137 SIGKILL).
#
# The host: NAP_BENCH_HOST=NAME reuses a running one (bench/lib/host.sh up), else one is booted
# from NAP_PUBLISH_DIR (default /tmp/pub-bench) and removed at the end.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/host.sh
source "$here/lib/host.sh"
changes=${CHANGES:-2}

die() { echo "stop.sh: $*" >&2; exit 1; }
need_tools git ssh

host_up
tmp=$(mktemp -d /tmp/nap-bench-stop.XXXXXX)
trap 'rm -rf "$tmp"; host_down' EXIT
echo "host $HOST at $HOST_IP" >&2

now_s() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.1f", b - a }'; }

# push APP [LABEL]: examples/hello, with one more Dockerfile line when given.
push() {
  local src=$tmp/$1
  cp -a "$bench_repo/examples/hello/." "$src/"
  [[ -z ${2:-} ]] || echo "$2" >>"$src/Dockerfile"
  git -C "$src" init -q -b master
  git -C "$src" add -A
  git -C "$src" commit -q -m "$1"
  git -C "$src" push -q "nap@$HOST_IP:$1" HEAD:master >"$tmp/push-$1.log" 2>&1 \
    || die "the push of $1 failed: $(tail -n1 "$tmp/push-$1.log")"
}

# running APP: the release numbers of the app's running instances.
running() {
  in_host systemctl list-units --state=active,activating,deactivating --plain --no-legend "nap-$1@*.service" \
    | sed -E 's/^nap-[a-z0-9-]+@([0-9]+)\.service.*/\1/'
}

# measure APP LABEL: one table row.
measure() {
  local app=$1 since start changes_s stopped_s old codes
  since=$(in_host date +%s)
  start=$(now_s)
  for n in $(seq 1 "$changes"); do
    nap_ssh config:set "$app" "BENCH_N=$n" >"$tmp/config-$app-$n.log" 2>&1 \
      || die "ssh nap@$HOST_IP config:set $app failed: $(tail -n1 "$tmp/config-$app-$n.log")"
  done
  changes_s=$(elapsed "$start")
  while [[ $(running "$app" | wc -l) -gt 1 ]]; do sleep 0.1; done
  stopped_s=$(elapsed "$start")
  codes=$(in_host docker events --since "$since" --until "$(in_host date +%s.%N)" --filter "label=nap.app=$app" \
    --filter event=die --format '{{.Actor.Attributes.exitCode}}' | sort | uniq -c | awk '{ printf "%s%sx%s", sep, $1, $2; sep = " " }')
  old=$(in_host docker inspect --format '{{.HostConfig.Init}}' "nap-$app-$(running "$app" | head -n1)")
  printf "%-22s %-6s %12s %14s  %s\n" "$2" "$old" "$changes_s" "$stopped_s" "$codes" >>"$tmp/table"
}

: >"$tmp/table"
echo "pushing hello twice: with --init and with LABEL nap.init=false ..." >&2
push "st$$"
push "sn$$" "LABEL nap.init=false"
echo "$changes config:set in a row, each ..." >&2
measure "sn$$" "nap.init=false"
measure "st$$" "--init (default)"

echo
echo "$changes config:set in a row on examples/hello (busybox httpd, no SIGTERM handler)"
printf "%-22s %-6s %12s %14s  %s\n" "run unit" "init" "changes (s)" "all stopped (s)" "old releases' exit codes"
cat "$tmp/table"

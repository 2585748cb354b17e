#!/usr/bin/env bash
# napd's footprint on a small server (issue 20), in one run: napd as published against the plain
# alternative, each on a host of its own, every step taken on both in turn (so the machine's other load
# falls on both alike):
#   nap    NAP_PUBLISH_DIR (default /tmp/pub-bench): napd compiled ahead of time (Native AOT), under
#          systemd/napd.service as it is (its GC setting, MemoryHigh and MemoryMax);
#   plain  the same napd JIT-compiled and self-contained, as .NET publishes it by default, with a drop-in
#          that takes napd.service's GC setting and limits away; NAP_PLAIN_PUBLISH_DIR=DIR installs another
#          publish folder instead (e.g. one of the code before issue 20); NAP_PLAIN_KEEP_UNIT=1 runs it under
#          napd.service as it is too (no drop-in), to compare two builds of napd alike (e.g. before a change).
#
#   bench/footprint.sh
#
# 1. napd's start: `systemctl start napd` until its socket answers `help` (STARTS times, default 5), on the
#    new host and again with 50 live apps.
# 2. napd's resident memory (VmRSS) and its cgroup's MemoryCurrent: fresh (idle after those starts), after
#    20 pushes of examples/hello (one app; each push after the first a change), with 50 live apps (49 more,
#    one push each), after CHANGES (default 10) more changes with 50 live, restarted with 50 live; and the
#    cgroup's peak over the pushes.
# 3. Push-to-live of a change: git push until the app's address serves the changed page, with 1 app live
#    (pushes 2 to 20) and with 50 live; each once the previous change's release has stopped.
# Both hosts are booted here and removed at the end: fresh has to be fresh, so NAP_BENCH_HOST is not used;
# NAP_BENCH_HOST_MEMORY=1g makes them small servers (bench/lib/host.sh), and the tables show each whole
# host's memory beside napd's.
# About 5 minutes on 2 cores, a minute or two more when the plain napd's publish is not cached. Goal:
# napd's RSS <= 50 MB with 50 live apps after 20 pushes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/host.sh
source "$here/lib/host.sh"
# shellcheck source-path=SCRIPTDIR source=lib/timing.sh
source "$here/lib/timing.sh"
starts=${STARTS:-5}
changes=${CHANGES:-10}
pushes=20
apps_wanted=50
goal_mb=50
sides=(nap plain)

die() { echo "footprint.sh: $*" >&2; exit 1; }
need_tools git curl ssh

began=$(now_ms)
publish=${NAP_PUBLISH_DIR:-/tmp/pub-bench}
tmp=$(mktemp -d /tmp/nap-bench-footprint.XXXXXX)
trap 'rm -rf "$tmp"; host_down' EXIT

plain=${NAP_PLAIN_PUBLISH_DIR:-}
plain_is="napd JIT-compiled, self-contained, .NET's defaults, no limits"
if [[ -n $plain ]]; then
  plain_is="$plain, with no GC setting and no limits"
  [[ -z ${NAP_PLAIN_KEEP_UNIT:-} ]] || plain_is="$plain, under napd.service as it is"
else
  plain=$tmp/plain
  mkdir -p "$plain"
  cp "$publish/nap" "$publish/nap-receive" "$plain/" || die "$publish has no nap and nap-receive: run scripts/publish.sh $publish"
  echo "publishing the plain napd (JIT-compiled, self-contained) ..." >&2
  dotnet publish "$bench_repo/src/Deployer" -c Release -r linux-x64 --self-contained -p:PublishAot=false \
    -o "$plain/napd" -v quiet -nologo >"$tmp/plain-publish.log" 2>&1 || die "publishing the plain napd failed: see $tmp/plain-publish.log"
  rm -f "$plain/napd"/*.pdb
fi

declare -A host_of ip_of
host_of[nap]=nap-foot-$$
host_of[plain]=nap-foot-plain-$$
host_own "${host_of[nap]}" "$publish"
host_own "${host_of[plain]}" "$plain"
host_env "${host_of[nap]}"
for side in "${sides[@]}"; do ip_of[$side]=$(host_ip "${host_of[$side]}"); done
echo "hosts: nap ${ip_of[nap]}, plain ${ip_of[plain]}" >&2

on() {
  local side=$1
  shift
  docker exec -i "${host_of[$side]}" "$@"
}

# The plain side runs napd as .NET and systemd would without napd.service's settings (unless NAP_PLAIN_KEEP_UNIT).
if [[ -z ${NAP_PLAIN_KEEP_UNIT:-} ]]; then
  printf '[Service]\nUnsetEnvironment=DOTNET_GCgen0size\nMemoryHigh=infinity\nMemoryMax=infinity\n' \
    | on plain sh -c 'mkdir -p /etc/systemd/system/napd.service.d && cat >/etc/systemd/system/napd.service.d/plain.conf && systemctl daemon-reload'
fi

# start_ms SIDE: napd stopped, then started until its socket answers (root's `help`, through nap-receive).
start_ms() {
  # shellcheck disable=SC2016 # expanded by the host's shell
  on "$1" sh -c '
    systemctl stop napd && t0=$(date +%s%N) && systemctl start napd || exit 1
    n=0
    until SSH_ORIGINAL_COMMAND=help /usr/local/bin/nap-receive --key bench >/dev/null 2>&1; do
      n=$((n + 1)); [ $n -lt 3000 ] || exit 1; sleep 0.01
    done
    echo $((($(date +%s%N) - t0) / 1000000))' || die "napd on the $1 host did not answer after its start"
}

# starts FILE_PREFIX: STARTS starts on each side, in turn.
starts() {
  local side
  for _ in $(seq 1 "$starts"); do
    for side in "${sides[@]}"; do start_ms "$side" >>"$tmp/$side-$1.ms"; done
  done
}

# host_mb SIDE: the memory the whole host container uses, counted as docker stats does (the cgroup's usage but
# its inactive page cache), read from the cgroup: docker stats answers 0 for these hosts.
host_mb() {
  local id dir
  id=$(docker inspect -f '{{.Id}}' "${host_of[$1]}")
  for dir in "/sys/fs/cgroup/memory/docker/$id" "/sys/fs/cgroup/system.slice/docker-$id.scope" "/sys/fs/cgroup/docker/$id"; do
    if [[ -r $dir/memory.usage_in_bytes ]]; then
      awk -v used="$(<"$dir/memory.usage_in_bytes")" '$1 == "total_inactive_file" { printf "%.0f", (used - $2) / 1e6 }' "$dir/memory.stat"
      return
    elif [[ -r $dir/memory.current ]]; then
      awk -v used="$(<"$dir/memory.current")" '$1 == "inactive_file" { printf "%.0f", (used - $2) / 1e6 }' "$dir/memory.stat"
      return
    fi
  done
  echo -
}

# memory LABEL: one row of napd's RSS, its cgroup's MemoryCurrent and the host's memory on each side,
# once napd is at rest (a change's old release drains and stops after the push has answered).
memory() {
  local side row
  sleep 3
  row=$(printf "%-44s" "$1")
  for side in "${sides[@]}"; do
    # shellcheck disable=SC2016 # expanded by the host's shell
    row+=$(on "$side" sh -c 'pid=$(systemctl show -P MainPID napd)
      echo "$(awk "/^VmRSS/ { print \$2 }" /proc/$pid/status) $(systemctl show -P MemoryCurrent napd)"' \
      | awk '{ printf " %8.1f %8s", $1 * 1024 / 1e6, ($2 ~ /^[0-9]+$/) ? sprintf("%.1f", $2 / 1e6) : "-" }')
    row+=$(printf " %6s" "$(host_mb "$side")")
  done
  echo "$row" >>"$tmp/memory"
  [[ $1 != "$goal_row" ]] || rss_at_goal=$(awk '{ print $(NF - 5) }' <<<"$row")
}

# peak_mb SIDE: the highest MemoryCurrent of napd's cgroup since napd's last start (cgroup v2 or v1).
peak_mb() {
  # shellcheck disable=SC2016 # expanded by the host's shell
  on "$1" sh -c 'cg=$(systemctl show -P ControlGroup napd)
    for f in /sys/fs/cgroup$cg/memory.peak /sys/fs/cgroup/memory$cg/memory.max_usage_in_bytes; do
      [ -r "$f" ] && { cat "$f"; exit 0; }
    done
    echo -' | awk '{ printf "%s", ($1 ~ /^[0-9]+$/) ? sprintf("%.1f", $1 / 1e6) : "-" }'
}

# serves URL TEXT: waits (bounded, 60 s) until URL's page contains TEXT.
serves() {
  local deadline=$(($(now_ms) + 60000))
  until [[ $(curl -s --max-time 2 "$1" || true) == *"$2"* ]]; do
    (($(now_ms) < deadline)) || die "$1 did not serve the new page within 60 s"
    sleep 0.02
  done
}

# settled SIDE APP: waits (bounded, 60 s) until APP runs one instance: the previous change's release has
# drained and stopped. A change pushed before that waits for it, and the time would be the other side's.
settled() {
  local deadline=$(($(now_ms) + 60000))
  until [[ $(on "$1" systemctl list-units --state=active,activating,deactivating --plain --no-legend "nap-$2@*.service" | wc -l) -le 1 ]]; do
    (($(now_ms) < deadline)) || die "$2 on the $1 host still runs its previous release after 60 s"
    sleep 0.1
  done
}

# push SIDE APP [FILE]: pushes the side's checkout to APP and waits until APP's address serves its page;
# with FILE, first commits a changed page (once the previous change has settled), and the push-to-live
# time goes to FILE.
push() {
  local side=$1 app=$2 file=${3:-} src=$tmp/src-$1 log=$tmp/push-$1.log start page
  if [[ -n $file ]]; then
    echo "<h1>$side $app $RANDOM$RANDOM</h1>" >"$src/www/index.html"
    git -C "$src" commit -q -am "change of $app"
    settled "$side" "$app"
  fi
  page=$(<"$src/www/index.html")
  start=$(now_ms)
  git -C "$src" push "nap@${ip_of[$side]}:$app" HEAD:master >"$log" 2>&1 \
    || die "the push of $app to the $side host failed: $(grep -m1 -E '!|error' "$log" || tail -n1 "$log")"
  [[ $(<"$log") =~ deployed:\ (http://[0-9.]+:[0-9]+) ]] || die "the push of $app to the $side host printed no address: see $log"
  serves "${BASH_REMATCH[1]}" "$page"
  [[ -z $file ]] || echo $(($(now_ms) - start)) >>"$file"
}

for side in "${sides[@]}"; do
  cp -a "$bench_repo/examples/hello/." "$tmp/src-$side/"
  git -C "$tmp/src-$side" init -q -b master
  git -C "$tmp/src-$side" add -A
  git -C "$tmp/src-$side" commit -q -m hello
done

goal_row="with 50 live apps (after 20 + 49 pushes)"
rss_at_goal=""
echo "napd's start, $starts times each ..." >&2
starts start-new
memory "fresh: started, idle, no app"
echo "$pushes pushes of one app ..." >&2
for side in "${sides[@]}"; do push "$side" foot-1; done
for _ in $(seq 2 "$pushes"); do
  for side in "${sides[@]}"; do push "$side" foot-1 "$tmp/$side-live1.ms"; done
done
memory "after $pushes pushes of one app"
echo "$((apps_wanted - 1)) more apps ..." >&2
for n in $(seq 2 "$apps_wanted"); do
  for side in "${sides[@]}"; do push "$side" "foot-$n"; done
done
memory "$goal_row"
for side in "${sides[@]}"; do
  live=$(on "$side" systemctl list-units --state=active --plain --no-legend 'nap-foot-*@*.service' | wc -l)
  [[ $live -eq $apps_wanted ]] || die "the $side host runs $live apps, not $apps_wanted"
done
echo "$changes changes with $apps_wanted live ..." >&2
for _ in $(seq 1 "$changes"); do
  for side in "${sides[@]}"; do push "$side" foot-1 "$tmp/$side-live50.ms"; done
done
memory "after $changes more changes, $apps_wanted live"
peak_row=$(printf "%-44s %8s %8s %6s %8s %8s %6s" "cgroup's peak since napd's start" - "$(peak_mb nap)" - - "$(peak_mb plain)" -)
echo "napd's start with $apps_wanted live apps, $starts times each ..." >&2
starts start-live
memory "restarted, idle, $apps_wanted live apps"

echo
echo "nap:   $publish (napd Native AOT, systemd/napd.service as it is)${NAP_BENCH_HOST_MEMORY:+; hosts of $NAP_BENCH_HOST_MEMORY memory}"
echo "plain: $plain_is"
echo
echo "napd's memory (MB of 10^6 bytes; RSS: napd's VmRSS; cgroup: napd.service's MemoryCurrent, napd's children and the"
echo "page cache they fill included; host: the whole host container as docker stats counts it, apps and dockerd included)"
printf "%-44s %8s %8s %6s %8s %8s %6s\n" "when" "nap RSS" "cgroup" "host" "plain" "cgroup" "host"
cat "$tmp/memory"
echo "$peak_row"
awk -v rss="$rss_at_goal" -v goal="$goal_mb" 'BEGIN {
  printf "napd'\''s RSS with %d live apps after %d pushes: %.1f MB; goal <= %d MB: %s\n", 50, 20, rss, goal, (rss <= goal) ? "met" : "MISSED" }'
echo
echo "napd's start: systemctl start napd until its socket answers help (ms)"
printf "%-44s %9s %9s %9s %9s %5s\n" "what" "median" "mean" "min" "max" "n"
for what in start-new start-live; do
  for side in "${sides[@]}"; do
    label="no app yet"
    [[ $what == start-new ]] || label="$apps_wanted live apps"
    printf "%-44s %s\n" "$side: $label" "$(stats "$tmp/$side-$what.ms")"
  done
done
echo
echo "Push-to-live of a change of examples/hello (ms; git push until the address serves the new page)"
printf "%-44s %9s %9s %9s %9s %5s\n" "what" "median" "mean" "min" "max" "n"
for what in live1 live50; do
  for side in "${sides[@]}"; do
    label="1 app live"
    [[ $what == live1 ]] || label="$apps_wanted apps live"
    printf "%-44s %s\n" "$side: $label" "$(stats "$tmp/$side-$what.ms")"
  done
done
echo
echo "bench wall time: $((($(now_ms) - began) / 1000)) s"

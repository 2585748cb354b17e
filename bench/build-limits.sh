#!/usr/bin/env bash
# What holding a build to its limits costs (issue 12): the build unit's TasksMax= and MemoryMax= with, on docker 23
# and later, its RUN steps run under it (--cgroup-parent, Delegate=yes), against the build unit as it was before.
#
#   bench/build-limits.sh            (NAP_BENCH_DISTRO=trixie for a Debian 13 host, where the steps are held)
#
# A build of busybox with one RUN step that runs every time (a build argument changes per build), in a transient
# unit (`systemd-run --wait`, as napd starts its build unit), timed from the start until the unit has ended.
# ROUNDS (default 8) rounds, the two sides alternated within each round:
#   before   the build unit without limits: the steps in the engine's own cgroup;
#   limits   TasksMax=4096 MemoryMax=4096M (napd's defaults), and on docker 23 and later Delegate=yes with
#            --cgroup-parent=PREFIX/system.slice/UNIT, PREFIX from napd's own cgroup as napd reckons it.
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
tmp=$(mktemp -d /tmp/nap-bench-build-limits.XXXXXX)
trap 'rm -rf "$tmp"; host_down' EXIT
echo "host $HOST at $HOST_IP: $rounds rounds ..." >&2

# Inside the host: one line "SIDE MS" per build, and one "held ..." line saying where a step of each side ran.
in_host env ROUNDS="$rounds" bash -s >"$tmp/raw" <<'INSIDE'
set -euo pipefail
ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
ctx=$(mktemp -d /tmp/bench-build.XXXXXX)
trap 'rm -rf "$ctx"; docker image rm -f $(docker images -q --filter label=nap.bench=build-limits) >/dev/null 2>&1 || true' EXIT
printf 'FROM local/busybox:latest\nARG N\nRUN echo "$N" > /n && grep pids /proc/self/cgroup\n' >"$ctx/Dockerfile"
buildx=/usr/libexec/docker/cli-plugins/docker-buildx
if [[ -x $buildx ]]; then build=("$buildx" build); else build=(/usr/bin/docker build); buildx=""; fi
napd_pid=$(systemctl show -p MainPID --value napd)
prefix=$(awk -F: '$2 ~ /(^|,)pids(,|$)/ { print $3 }' "/proc/$napd_pid/cgroup" | sed 's|/system\.slice/.*||')
run() {
  local side=$1 round=$2 unit="bench-build-$1-$2.service" start limits=() parent=()
  if [[ $side == limits ]]; then
    limits=(-p TasksMax=4096 -p MemoryMax=4096M)
    [[ -z $buildx ]] || { limits+=(-p Delegate=yes); parent=("--cgroup-parent=$prefix/system.slice/$unit"); }
  fi
  start=$(ms)
  systemd-run --wait --quiet --unit "$unit" -p Type=oneshot -E DOCKER_BUILDKIT=1 "${limits[@]}" \
    "${build[@]}" --progress=plain "${parent[@]}" --label nap.bench=build-limits --build-arg "N=$side-$round-$RANDOM" \
    -t "bench/build-limits:$side-$round" "$ctx"
  echo "$side $(($(ms) - start))"
  [[ $round != 1 ]] || echo "held $side $(journalctl -u "$unit" -o cat | grep -o 'pids:[^ ]*' | head -1)"
}
for round in $(seq 1 "$ROUNDS"); do
  if ((round % 2)); then run before "$round"; run limits "$round"; else run limits "$round"; run before "$round"; fi
done
INSIDE

for side in before limits; do awk -v s="$side" '$1 == s { print $2 }' "$tmp/raw" >"$tmp/$side.ms"; done
echo
echo "A build unit of busybox with one RUN step until it has ended, on host $HOST_IP (ms; $rounds rounds alternated)"
printf "%-54s %9s %9s %9s %9s %5s\n" "what" "median" "mean" "min" "max" "n"
printf "%-54s %s\n" "before: no limits, the steps in the engine's cgroup" "$(stats "$tmp/before.ms")"
printf "%-54s %s\n" "napd's build limits (and the steps under the unit)" "$(stats "$tmp/limits.ms")"
awk '$1 == "held" { printf "  a step of \"%s\" ran in %s\n", $2, $3 }' "$tmp/raw"
awk -v b="$(median "$tmp/before.ms")" -v l="$(median "$tmp/limits.ms")" 'BEGIN {
  printf "the build limits cost %.0f ms a build (median)\n", l - b }'

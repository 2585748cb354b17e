#!/usr/bin/env bash
# A real nap host for the benches: a container booting systemd, sshd, nginx and its own dockerd
# (TESTBED.md), provisioned with scripts/install.sh from a publish folder, as scripts/demo.sh does.
#
# Sourced by a bench:
#   source bench/lib/host.sh
#   host_up          # NAP_BENCH_HOST=NAME reuses a running host (kept); else boots nap-bench-PID,
#                    # removed when the bench exits. Sets HOST, HOST_IP, HOST_KEY, GIT_SSH_COMMAND.
#   in_host CMD...   # runs CMD as root inside the host (docker exec -i)
#   nap_ssh ARGS...  # ssh nap@HOST_IP ARGS... with the bench key
#   host_own NAME PUBLISH_DIR   # one more host, booted from PUBLISH_DIR and removed when the bench
#                               # exits (the bench traps EXIT with host_down), for comparing two builds
#   host_ip NAME                # a running host's address
#
# Run by hand, for a host several benches share:
#   bench/lib/host.sh up [NAME]     boots (or reuses) NAME (default nap-bench), prints its IP and key file
#   bench/lib/host.sh down [NAME]   removes it
#
# NAP_PUBLISH_DIR: the binaries to install (default /tmp/pub-bench; make them with
# scripts/publish.sh /tmp/pub-bench). Hosts carry the label nap.test=bench and nap.test.pid, so
# scripts/test.sh removes one whose owner process is gone (NAP_BENCH_OWNER_PID sets the owner
# for `up`; default the calling shell). NAP_BENCH_HOST_MEMORY=SIZE (e.g. 1g) boots hosts with that much
# memory (docker run --memory, no swap): a small server, everything on it included.
# NAP_BENCH_DISTRO=trixie boots Debian 13 hosts (docker 26, systemd 257); the default is bookworm (Debian 12).
set -euo pipefail

bench_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench_state=${NAP_BENCH_STATE:-/tmp/nap-bench-state}
bench_owned_hosts=()

host_die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

in_host() { docker exec -i "$HOST" "$@"; }

# shellcheck source-path=SCRIPTDIR source=tools.sh
source "$bench_repo/bench/lib/tools.sh"

nap_ssh() {
  # shellcheck disable=SC2086,SC2029 # NAP_SSH_OPTS is a list of options; the words go to nap as they are
  ssh $NAP_SSH_OPTS "nap@$HOST_IP" "$@"
}

host_ip() {
  local ip
  ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1")
  [[ -n $ip ]] || host_die "host $1 has no address"
  echo "$ip"
}

# host_env NAME: the variables for a running host NAME.
host_env() {
  HOST=$1
  HOST_IP=$(host_ip "$HOST")
  HOST_KEY=$bench_state/id_ed25519
  [[ -r $HOST_KEY ]] || host_die "no bench key at $HOST_KEY (boot the host with bench/lib/host.sh up)"
  NAP_SSH_OPTS="-i $HOST_KEY -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
  export HOST HOST_IP HOST_KEY NAP_SSH_OPTS
  export GIT_SSH_COMMAND="ssh $NAP_SSH_OPTS"
  export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@nap.invalid GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@nap.invalid
}

# host_container NAME OWNER_PID: a fresh host container booted (systemd, sshd, nginx, its own dockerd), no nap on it.
host_container() {
  local name=$1 owner=$2
  "$bench_repo/scripts/engine.sh"
  local distro=${NAP_BENCH_DISTRO:-bookworm} image
  "$bench_repo/scripts/images.sh" "$distro" 2>/dev/null
  image=$("$bench_repo/scripts/images.sh" --print-host-image "$distro")
  docker container inspect "$name" >/dev/null 2>&1 && docker rm -f -v "$name" >/dev/null
  echo "booting host $name ..." >&2
  local memory=()
  [[ -z ${NAP_BENCH_HOST_MEMORY:-} ]] || memory=(--memory "$NAP_BENCH_HOST_MEMORY" --memory-swap "$NAP_BENCH_HOST_MEMORY")
  docker run -d --name "$name" --label nap.test=bench --label "nap.test.pid=$owner" "${memory[@]}" \
    --cap-add SYS_ADMIN --cap-add NET_ADMIN \
    --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
    --cgroupns=host -v /sys/fs/cgroup:/sys/fs/cgroup:rw --tmpfs /run --tmpfs /run/lock \
    -v /var/lib/docker -e container=docker "$image" >/dev/null
  local state=""
  for _ in $(seq 1 120); do
    state=$(docker exec "$name" systemctl is-system-running 2>/dev/null || true)
    [[ $state == running || $state == degraded ]] && break
    sleep 0.5
  done
  [[ $state == running || $state == degraded ]] || host_die "host $name did not boot (systemd: ${state:-no answer})"
}

# host_boot NAME OWNER_PID: a fresh host with nap installed, busybox loaded and the admin key `bench`.
host_boot() {
  local name=$1 owner=$2 publish=${NAP_PUBLISH_DIR:-/tmp/pub-bench} binary
  for binary in nap nap-receive napd/napd; do
    [[ -x $publish/$binary ]] || host_die "$publish/$binary is missing: run scripts/publish.sh $publish"
  done
  host_container "$name" "$owner"
  docker exec "$name" mkdir -p /opt/nap
  local dir
  for dir in scripts systemd; do docker cp "$bench_repo/$dir/." "$name:/opt/nap/$dir"; done
  docker cp "$publish/." "$name:/opt/nap/publish"
  docker exec "$name" /opt/nap/scripts/install.sh --from /opt/nap/publish >/dev/null \
    || host_die "install.sh failed on $name: see docker exec $name journalctl -u napd"
  docker save local/busybox:latest | docker exec -i "$name" docker load >/dev/null
  mkdir -p "$bench_state"
  [[ -f $bench_state/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N "" -C nap-bench -f "$bench_state/id_ed25519"
  docker exec -i "$name" nap keys add bench --admin <"$bench_state/id_ed25519.pub" >/dev/null \
    || host_die "nap keys add bench failed on $name"
}

# host_down: removes the hosts the bench booted (none when it reuses NAP_BENCH_HOST); for EXIT traps.
host_down() {
  [[ ${#bench_owned_hosts[@]} -eq 0 ]] || docker rm -f -v "${bench_owned_hosts[@]}" >/dev/null 2>&1 || true
}

host_own() {
  bench_owned_hosts+=("$1")
  NAP_PUBLISH_DIR=$2 host_boot "$1" $$
}

# host_up: the bench's host (see the top of this file).
host_up() {
  if [[ -n ${NAP_BENCH_HOST:-} ]]; then
    docker container inspect "$NAP_BENCH_HOST" >/dev/null 2>&1 || host_die "NAP_BENCH_HOST=$NAP_BENCH_HOST: no such container"
    host_env "$NAP_BENCH_HOST"
    return 0
  fi
  local name=nap-bench-$$
  # Global: the EXIT trap runs after host_up has returned.
  bench_owned_hosts+=("$name")
  trap host_down EXIT
  host_boot "$name" $$
  host_env "$name"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  name=${2:-nap-bench}
  case ${1:-} in
    up)
      if ! docker container inspect "$name" >/dev/null 2>&1; then
        host_boot "$name" "${NAP_BENCH_OWNER_PID:-$PPID}"
      fi
      host_env "$name"
      echo "host $HOST: $HOST_IP   key: $HOST_KEY"
      echo "benches: NAP_BENCH_HOST=$HOST bench/deploy.sh   receive: HOST_EXEC=\"docker exec -i $HOST\" bench/receive.sh host $HOST_IP $HOST_KEY"
      ;;
    down) docker rm -f -v "$name" >/dev/null ;;
    *) host_die "usage: host.sh up|down [NAME]" ;;
  esac
fi

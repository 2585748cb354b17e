#!/usr/bin/env bash
# The README's main-job command: on a Debian machine as root, boots a throwaway nap host (a container
# running systemd, sshd, nginx and its own dockerd), installs nap on it with install.sh, pushes
# examples/hello with real git over real ssh, and shows the app, its address and its units.
# The host keeps running afterwards; the last lines say how to remove it.
# Usage: demo.sh [--no-build]   (--no-build: reuse the last build in $NAP_PUBLISH_DIR, default artifacts/publish)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/.." && pwd)
build=1
case ${1:-} in
  "") ;;
  --no-build) build=0 ;;
  *) die "usage: demo.sh [--no-build]" ;;
esac
need_root
name=nap-demo
publish=${NAP_PUBLISH_DIR:-$repo/artifacts/publish}
state=$repo/.cache/demo
export NAP_ARTIFACTS=${NAP_ARTIFACTS:-$repo/artifacts/build}

say() { printf '\n\033[1m%s\033[0m\n' "$*"; }
in_host() { docker exec -i "$name" "$@"; }

say "1. a Docker engine, the tools and the images (the host image is cached by a hash of its recipe)"
"$repo/scripts/engine.sh"
apt_ensure git openssh-client curl
"$repo/scripts/images.sh" bookworm

say "2. building nap (nap, nap-receive and napd, Native AOT)"
if [[ $build -eq 1 || ! -x $publish/nap ]]; then
  "$repo/scripts/publish.sh" "$publish"
fi
ls -l "$publish/nap" "$publish/nap-receive" "$publish/napd/napd"

say "3. booting a Debian 12 host with systemd in a container: $name"
if docker container inspect "$name" >/dev/null 2>&1; then
  echo "removing the previous demo host"
  docker rm -f -v "$name" >/dev/null
fi
# The flags from TESTBED.md: enough for systemd without --privileged; a volume gives the inner dockerd overlay2.
docker run -d --name "$name" --label nap.demo=host \
  --cap-add SYS_ADMIN --cap-add NET_ADMIN \
  --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
  --cgroupns=host -v /sys/fs/cgroup:/sys/fs/cgroup:rw --tmpfs /run --tmpfs /run/lock \
  -v /var/lib/docker -e container=docker local/nap-host:latest >/dev/null
for _ in $(seq 1 120); do
  case $(in_host systemctl is-system-running 2>/dev/null || true) in
    running | degraded) break ;;
  esac
  sleep 0.5
done
ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$name")
echo "host $name is up at $ip ($(in_host systemctl is-system-running))"

say "4. installing nap on the host: install.sh --from the build (twice: the second run changes nothing)"
in_host mkdir -p /opt/nap
for dir in scripts systemd; do docker cp "$repo/$dir/." "$name:/opt/nap/$dir"; done
docker cp "$publish/." "$name:/opt/nap/publish"
in_host /opt/nap/scripts/install.sh --from /opt/nap/publish
in_host /opt/nap/scripts/install.sh --from /opt/nap/publish
docker save local/busybox:latest | in_host docker load

say "5. registering your demo key: nap keys add demo --admin"
mkdir -p "$state"
[[ -f $state/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N "" -C nap-demo -f "$state/id_ed25519"
in_host nap keys add demo --admin <"$state/id_ed25519.pub"
in_host nap keys list
export GIT_SSH_COMMAND="ssh -i $state/id_ed25519 -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=$state/known_hosts -o LogLevel=ERROR"
: >"$state/known_hosts"

say "6. git push nap@$ip:hello master   (examples/hello: a Dockerfile app)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a "$repo/examples/hello/." "$work/"
git -C "$work" init -q -b master
git -C "$work" add -A
git -C "$work" -c user.name=nap-demo -c user.email=demo@nap.invalid commit -q -m "hello"
if ! git -C "$work" push "nap@$ip:hello" master 2>&1 | tee "$state/push.log"; then
  echo "demo.sh: the push did not deploy (the deploy path may not be there yet): see above and 'docker exec $name journalctl -u napd'" >&2
  echo "The host stays up: docker exec -it $name bash   remove it: docker rm -f -v $name" >&2
  exit 3
fi

say "7. the app"
url=$(grep -Eo 'http://[0-9.]+:[0-9]+' "$state/push.log" | tail -n1 || true)
[[ -n $url ]] || die "the push succeeded but printed no address: see $state/push.log"
echo "address: $url"
echo "\$ curl $url"
curl -fsS "$url" || die "curl $url failed: see 'ssh nap@$ip logs hello'"
echo "\$ systemctl cat nap-hello-build.service nap-hello@.service"
in_host systemctl cat nap-hello-build.service nap-hello@.service
echo "\$ systemctl list-units 'nap-hello*'"
in_host systemctl list-units --no-pager 'nap-hello*'

say "done"
echo "The host keeps running. Try: ssh -i $state/id_ed25519 -o UserKnownHostsFile=$state/known_hosts nap@$ip help"
echo "Look inside: docker exec -it $name bash      Remove it: docker rm -f -v $name"

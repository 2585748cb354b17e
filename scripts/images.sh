#!/usr/bin/env bash
# Builds the two images the tests and the demo need, without a registry:
#   local/busybox:latest       the base for sample apps (busybox-static imported)
#   local/nap-host:<hash>      a Debian 12 host with systemd, sshd, docker.io, nginx (debootstrap)
# The host image is tagged by a hash of this recipe, so a second run skips the minute it takes;
# local/nap-host:latest always points at the current recipe's image.
# Usage: images.sh [--print-host-image]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

HOST_REPO=local/nap-host
BUSYBOX_IMAGE=local/busybox:latest
RECIPE_HASH=$(sha256sum "$0" | cut -c1-12)
HOST_IMAGE="$HOST_REPO:$RECIPE_HASH"

if [[ ${1:-} == --print-host-image ]]; then
  echo "$HOST_IMAGE"
  exit 0
fi
[[ $# -eq 0 ]] || die "usage: images.sh [--print-host-image]"

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

debian_mirror() {
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1 || true)
  [[ -n $uri ]] || uri=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -n1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

build_busybox() {
  local dir applet
  apt_ensure busybox-static
  dir=$(mktemp -d)
  mkdir -p "$dir/bin" "$dir/www" "$dir/tmp"
  cp /bin/busybox "$dir/bin/busybox"
  for applet in sh ash httpd ls cat echo sleep env wget mkdir rm cp mv ps kill true false id grep sed printf date; do
    ln -s busybox "$dir/bin/$applet"
  done
  chmod 1777 "$dir/tmp"
  tar -C "$dir" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$BUSYBOX_IMAGE" >/dev/null
  rm -rf "$dir"
}

build_host() {
  local dir
  apt_ensure debootstrap
  dir=$(mktemp -d /var/tmp/nap-host.XXXXXX)
  # shellcheck disable=SC2064 # expand now: the trap must clean this very directory
  trap "umount -lq '$dir/proc' 2>/dev/null || true; rm -rf '$dir'" EXIT
  log "debootstrap bookworm from $(debian_mirror) (about a minute)"
  debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,openssh-server,git,ca-certificates,iproute2,procps,less \
    bookworm "$dir" "$(debian_mirror)" >/dev/null || die "debootstrap failed"
  # Nothing may start inside the chroot while packages install.
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod +x "$dir/usr/sbin/policy-rc.d"
  mount -t proc proc "$dir/proc"
  chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    docker.io nginx curl >"$dir.log" 2>&1 || die "apt-get install in the host chroot failed: see $dir.log"
  rm -f "$dir.log"
  umount "$dir/proc"
  rm -f "$dir/usr/sbin/policy-rc.d"
  chroot "$dir" apt-get clean
  rm -rf "$dir"/var/lib/apt/lists/*
  # Each booted host gets its own machine id.
  : >"$dir/etc/machine-id"
  tar -C "$dir" -c . | docker import \
    -c 'CMD ["/sbin/init"]' -c 'ENV container=docker' \
    - "$HOST_IMAGE" >/dev/null
  rm -rf "$dir"
  trap - EXIT
}

need_root
if have_image "$BUSYBOX_IMAGE"; then
  log "$BUSYBOX_IMAGE: cached"
else
  log "$BUSYBOX_IMAGE: building"
  build_busybox
fi
if have_image "$HOST_IMAGE"; then
  log "$HOST_IMAGE: cached"
else
  log "$HOST_IMAGE: building"
  build_host
fi
docker tag "$HOST_IMAGE" "$HOST_REPO:latest"

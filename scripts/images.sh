#!/usr/bin/env bash
# Builds the images the tests and the demo need, without a registry:
#   local/busybox:latest            the base for sample apps (busybox-static imported)
#   local/nap-host:<hash>           a Debian 12 (bookworm) host with systemd, sshd and pam_systemd, docker.io, nginx, lego, docker-registry (debootstrap)
#   local/nap-host-trixie:<hash>    a fresh Debian 13 (trixie) host with systemd, sshd and pam_systemd: no docker, no nginx, no lego
# A host image is tagged by a hash of this recipe and its distribution, so a second run skips the
# minute it takes; REPO:latest always points at the current recipe's image.
# Usage: images.sh [DISTRO...]                  (default: every host: bookworm trixie)
#        images.sh --print-host-image [DISTRO]  (default: bookworm)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

DISTROS=(bookworm trixie)
BUSYBOX_IMAGE=local/busybox:latest
usage="usage: images.sh [${DISTROS[*]}] | --print-host-image [DISTRO]"

host_repo() {
  case $1 in
    bookworm) echo local/nap-host ;;
    trixie) echo local/nap-host-trixie ;;
    *) die "unknown distribution '$1': $usage" ;;
  esac
}

host_image() {
  echo "$(host_repo "$1"):$({ cat "$0"; echo "$1"; } | sha256sum | cut -c1-12)"
}

if [[ ${1:-} == --print-host-image ]]; then
  [[ $# -le 2 ]] || die "$usage"
  host_repo "${2:-bookworm}" >/dev/null
  host_image "${2:-bookworm}"
  exit 0
fi
distros=("$@")
[[ ${#distros[@]} -gt 0 ]] || distros=("${DISTROS[@]}")
for distro in "${distros[@]}"; do host_repo "$distro" >/dev/null; done

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

# apt-get in the chroot; its output goes to a log named in the one line it dies with.
chroot_apt() {
  local dir=$1
  shift
  chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq --no-install-recommends "$@" >"$dir.log" 2>&1 \
    || die "apt-get $* in the host chroot failed: see $dir.log"
  rm -f "$dir.log"
}

# bookworm: the host as the tests have always had it, docker.io, nginx, curl and lego (the ACME client) installed,
# and docker-registry for `nap registry init` (RegistrySpecs), disabled: only a host that ran init serves it.
prepare_bookworm() {
  local dir=$1
  chroot_apt "$dir" install docker.io nginx curl lego docker-registry
  chroot "$dir" systemctl disable --quiet docker-registry
  chroot "$dir" apt-get clean
  rm -rf "$dir"/var/lib/apt/lists/*
}

# trixie: a fresh server, so install.sh installs docker (the path that had no docker CLI, issue 19). Its packages
# wait in apt's cache with the lists that name them: install.sh's apt-get installs them without the network,
# in seconds rather than a download per booted host.
prepare_trixie() {
  local dir=$1
  chroot_apt "$dir" install --download-only docker.io docker-cli docker-buildx nginx curl lego docker-registry
  # Testbed only, never in install.sh: nested dockerd 26 fails every container start with "failed to disable
  # IPv6 on container's interface eth0", because /proc/sys is read-only inside a host container.
  mkdir -p "$dir/etc/systemd/system/docker.service.d"
  printf '%s\n' '# nap testbed (scripts/images.sh): /proc/sys is read-only in a host container.' \
    '[Service]' 'Environment=DOCKER_ALLOW_IPV6_ON_IPV4_INTERFACE=1' >"$dir/etc/systemd/system/docker.service.d/nap-testbed.conf"
}

build_host() {
  local distro=$1 image=$2 dir
  apt_ensure debootstrap
  dir=$(mktemp -d /var/tmp/nap-host.XXXXXX)
  # shellcheck disable=SC2064 # expand now: the trap must clean this very directory
  trap "umount -lq '$dir/proc' 2>/dev/null || true; rm -rf '$dir'" EXIT
  # libpam-systemd: openssh-server recommends it, so a Debian server logs each ssh session in with logind (minbase
  # leaves recommends out).
  log "debootstrap $distro from $(debian_mirror) (about a minute)"
  debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,openssh-server,libpam-systemd,git,ca-certificates,iproute2,procps,less \
    "$distro" "$dir" "$(debian_mirror)" >/dev/null || die "debootstrap $distro failed"
  # Nothing may start inside the chroot while packages install.
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod +x "$dir/usr/sbin/policy-rc.d"
  mount -t proc proc "$dir/proc"
  "prepare_$distro" "$dir"
  umount "$dir/proc"
  rm -f "$dir/usr/sbin/policy-rc.d"
  # Each booted host gets its own machine id.
  : >"$dir/etc/machine-id"
  tar -C "$dir" -c . | docker import \
    -c 'CMD ["/sbin/init"]' -c 'ENV container=docker' \
    - "$image" >/dev/null
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
for distro in "${distros[@]}"; do
  image=$(host_image "$distro")
  if have_image "$image"; then
    log "$image: cached"
  else
    log "$image: building"
    build_host "$distro" "$image"
  fi
  docker tag "$image" "$(host_repo "$distro"):latest"
done

#!/usr/bin/env bash
# Helpers shared by nap's scripts; sourced, never run.

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

log() {
  echo "==> $*" >&2
}

need_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root"
}

# Prints the Debian packages among the arguments that are not installed, space-separated.
missing_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  echo "${missing[*]}"
}

# Installs the Debian packages that are missing, and only those, so a second run is quiet.
apt_ensure() {
  local missing
  read -ra missing <<<"$(missing_packages "$@")"
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "installing ${missing[*]}"
  if [[ -z $(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null) ]]; then
    apt-get update -qq >&2 || die "apt-get update failed"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; } \
    || die "could not install ${missing[*]}"
}

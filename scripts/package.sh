#!/usr/bin/env bash
# Builds the Debian package nap_VERSION_amd64.deb from the published binaries (scripts/publish.sh makes them) and
# the repository's units, with debhelper, then checks it with lintian (debian/nap.lintian-overrides says why for
# each tag it leaves). VERSION is debian/changelog's.
# Usage: package.sh [--version V] [--out DIR] [--no-lintian] [PUBLISHED]
#   PUBLISHED  the folder publish.sh wrote (default: artifacts/publish)
#   --version  packs a version other than the changelog's (a CI snapshot, or the tests' "newer version")
#   --out      where the .deb goes (default: artifacts/); its path is the one line on stdout
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

usage="usage: package.sh [--version V] [--out DIR] [--no-lintian] [PUBLISHED]"
repo=$(cd "$(dirname "$0")/.." && pwd)
version=""
out=$repo/artifacts
published=""
lint=yes
while [[ $# -gt 0 ]]; do
  case $1 in
    --version) [[ $# -ge 2 ]] || die "$usage"; version=$2; shift 2 ;;
    --out) [[ $# -ge 2 ]] || die "$usage"; out=$2; shift 2 ;;
    --no-lintian) lint=no; shift ;;
    -h | --help) echo "$usage"; exit 0 ;;
    -*) die "unknown option '$1': $usage" ;;
    *) [[ -z $published ]] || die "$usage"; published=$1; shift ;;
  esac
done
published=${published:-$repo/artifacts/publish}
for binary in nap nap-receive napd/napd; do
  [[ -x $published/$binary ]] || die "$published: $binary is missing (run scripts/publish.sh $published first)"
done
if [[ -n $version ]]; then
  [[ $version =~ ^[0-9][A-Za-z0-9.+~]*$ ]] \
    || die "--version $version: not a Debian version of a native package (digits first, then letters, digits and . + ~)"
fi
tools=$(missing_packages dpkg-dev debhelper lintian)
[[ -z $tools ]] || die "missing the packaging tools $tools: apt-get install $tools"

build=$(mktemp -d /var/tmp/nap-package.XXXXXX)
trap 'rm -rf "$build"' EXIT
tree=$build/nap

# The tree dpkg-buildpackage reads: debian/ and, beside it, what debian/nap.install packs.
mkdir -p "$tree/units" "$tree/etc/nap"
cp -a "$repo/debian" "$tree/debian"
cp "$repo/scripts/host-depends" "$tree/host-depends"
cp "$repo/systemd/nap.sysusers.conf" "$tree/debian/nap.sysusers"
cp "$repo/systemd/nap.tmpfiles.conf" "$tree/debian/nap.tmpfiles"
cp "$repo/systemd/sshd-nap.conf" "$tree/sshd-nap.conf"
cp "$repo/README.md" "$tree/README.md"
cp -a "$repo/docs/man" "$tree/man"
# A package puts its programs in /usr/bin (install.sh, for development, in /usr/local/bin).
for unit in napd.service nap-certs-renew.service nap-certs-renew.timer; do
  sed 's|/usr/local/bin/|/usr/bin/|g' "$repo/systemd/$unit" >"$tree/units/$unit"
done
# The same defaults as install.sh's, but for where this package puts nap-receive (every key line runs it).
sed '1a\  "receiveBinary": "/usr/bin/nap-receive",' "$repo/systemd/napd.json" >"$tree/etc/nap/napd.json"
cp -a "$published" "$tree/published"
# LTTng tracing support, which .NET loads only when present: it needs liblttng-ust.so.0, which Debian no longer ships.
rm -f "$tree/published/napd/libcoreclrtraceptprovider.so" "$tree/published/napd"/*.pdb "$tree/published"/*.dbg
# The managed assemblies and napd's json are read by the runtime, never executed: a publish may leave them executable.
find "$tree/published/napd" -type f \( -name '*.dll' -o -name '*.json' \) -exec chmod 644 {} +

if [[ -n $version ]]; then
  {
    printf 'nap (%s) unstable; urgency=medium\n\n  * Built from %s.\n\n' "$version" \
      "$(git -C "$repo" describe --always --dirty 2>/dev/null || echo 'a checkout')"
    printf ' -- %s  %s\n\n' "$(sed -n 's/^Maintainer: //p' "$repo/debian/control")" "$(date -R)"
    cat "$repo/debian/changelog"
  } >"$tree/debian/changelog"
fi
version=$(cd "$tree" && dpkg-parsechangelog -S Version)

log "building nap $version"
(cd "$tree" && dpkg-buildpackage -b -us -uc) >"$build/build.log" 2>&1 \
  || { tail -n 30 "$build/build.log" >&2; die "dpkg-buildpackage failed (its last lines above)"; }
deb=$build/nap_${version}_amd64.deb
[[ -f $deb ]] || die "dpkg-buildpackage made no $(basename "$deb"): see the lines above"

if [[ $lint == yes ]]; then
  log "lintian $(basename "$deb")"
  # Errors and warnings fail the build; each override in debian/nap.lintian-overrides says why it is one.
  lintian --fail-on error,warning "$deb" >&2 \
    || die "lintian found errors or warnings in $(basename "$deb"): fix them, or override them with a reason in debian/nap.lintian-overrides"
  log "lintian: clean"
fi
mkdir -p "$out"
cp "$deb" "$out/"
echo "$out/$(basename "$deb")"

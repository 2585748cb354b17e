#!/usr/bin/env bash
# Publishes the three programs a host needs into one folder, the layout install.sh --from reads:
#   DIR/nap, DIR/nap-receive    Native AOT, linux-x64 (start fast: nap-receive runs on every ssh)
#   DIR/napd/napd               Native AOT too (small resident memory), in a folder with libgit2's .so
# Usage: publish.sh [--only nap|nap-receive|napd]... [DIR]   (default DIR: artifacts/publish)
# --only republishes just those into an existing DIR (an AOT build takes minutes on two cores).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

usage="usage: publish.sh [--only nap|nap-receive|napd]... [DIR]"
repo=$(cd "$(dirname "$0")/.." && pwd)
parts=()
out=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --only)
      [[ ${2:-} =~ ^(nap|nap-receive|napd)$ ]] || die "$usage"
      parts+=("$2")
      shift 2
      ;;
    -*) die "$usage" ;;
    *)
      [[ -z $out ]] || die "$usage"
      out=$1
      shift
      ;;
  esac
done
out=${out:-$repo/artifacts/publish}
[[ ${#parts[@]} -gt 0 ]] || parts=(nap nap-receive napd)
command -v dotnet >/dev/null || die "dotnet is not installed: the .NET 10 SDK is needed to build nap"
# Native AOT links with clang and zlib: installed here where missing, as test.sh does, so the demo needs nothing first.
if [[ -n $(missing_packages clang zlib1g-dev) ]]; then
  [[ $(id -u) -eq 0 ]] || die "Native AOT links with clang and zlib1g-dev: run this as root to have them installed, or apt-get install clang zlib1g-dev"
  apt_ensure clang zlib1g-dev
fi
export NAP_ARTIFACTS=${NAP_ARTIFACTS:-$repo/artifacts/build}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

publish() {
  local project=$1 dest=$2 build_log
  shift 2
  build_log="$out/$(basename "$project").log"
  log "publishing $project"
  dotnet publish "$repo/$project" -c Release -r linux-x64 -o "$dest" -v quiet -nologo "$@" >"$build_log" 2>&1 \
    || { grep -E ' error ' "$build_log" | sort -u | head -n 20 >&2; die "dotnet publish $project failed: see $build_log"; }
  rm -f "$build_log"
}

mkdir -p "$out"
tmp=$(mktemp -d "$out/.publish.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Everything is built before anything is replaced, so a failed build leaves DIR as it was.
for part in "${parts[@]}"; do
  case $part in
    nap) publish src/Cli "$tmp/nap" ;;
    nap-receive) publish src/Receive "$tmp/nap-receive" ;;
    napd) publish src/Deployer "$tmp/napd" ;;
  esac
done
for part in "${parts[@]}"; do
  if [[ $part == napd ]]; then
    # Debug symbols stay in the build tree: napd.dbg alone is 50 MB.
    rm -f "$tmp/napd"/*.pdb "$tmp/napd"/*.dbg
    rm -rf "$out/napd"
    mv "$tmp/napd" "$out/napd"
  else
    install -m 755 "$tmp/$part/$part" "$out/$part"
  fi
done
echo "$out"

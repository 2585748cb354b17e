#!/usr/bin/env bash
# Publishes the three programs a host needs into one folder, the layout install.sh --from reads:
#   DIR/nap, DIR/nap-receive    Native AOT, linux-x64 (start fast: nap-receive runs on every ssh)
#   DIR/napd/napd               self-contained linux-x64 folder (no .NET needed on the host)
# Usage: publish.sh [DIR]   (default: artifacts/publish)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/artifacts/publish}
[[ $# -le 1 ]] || die "usage: publish.sh [DIR]"
command -v dotnet >/dev/null || die "dotnet is not installed: the .NET 10 SDK is needed to build nap"
command -v clang >/dev/null || die "clang is not installed: Native AOT links with it (apt-get install clang zlib1g-dev)"
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
publish src/Cli "$tmp/cli"
publish src/Receive "$tmp/receive"
publish src/Deployer "$tmp/napd" --self-contained -p:PublishAot=false
install -m 755 "$tmp/cli/nap" "$out/nap"
install -m 755 "$tmp/receive/nap-receive" "$out/nap-receive"
rm -rf "$out/napd"
mv "$tmp/napd" "$out/napd"
rm -f "$out/napd"/*.pdb
echo "$out"

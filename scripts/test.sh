#!/usr/bin/env bash
# The README's test command, and CI's (.ci/run): on a fresh Debian 12 as root, installs what the
# tests need, starts a Docker engine, builds the images (cached) and the binaries, runs every test on
# Debian 12 hosts, then the Debian 13 pass: the host specs marked for it, on Debian 13 hosts.
# Usage: test.sh [TEST_PROJECT... | debian13]   (default: Nap.sln debian13)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
need_root
command -v dotnet >/dev/null || die "dotnet is not installed: install the .NET 10 SDK first"

timings=()
step() {
  local name=$1 start=$SECONDS rc=0
  shift
  log "$name"
  "$@" || rc=$?
  timings+=("$(printf '%-28s %5d s%s' "$name" $((SECONDS - start)) "$([[ $rc -eq 0 ]] || echo "  FAILED ($rc)")")")
  return "$rc"
}
# shellcheck disable=SC2317 # run by the EXIT trap
report() {
  # CI keeps only the tail of the log, so the failures are repeated here, last, where it is seen.
  local failures='^  Failed |: error [A-Z]+[0-9]+:|Test host process crashed|Test Run Aborted|The active test run was aborted'
  if [[ -s ${test_log:-} ]] && grep -Eq "$failures" "$test_log"; then
    echo "what failed (full messages above):"
    awk -v re="$failures" '$0 ~ re {n=25} /^  Passed |^\[/ {n=0} n>0 {print "  " $0; n--}' "$test_log" | cut -c1-300 | head -200
  fi
  echo "timings:"
  printf '  %s\n' "${timings[@]}" "$(printf '%-28s %5d s' total "$SECONDS")"
}
trap report EXIT

# pebble: the ACME server the certificate specs run here (scripts/pebble.sh); lego: the ACME client napd's specs run.
step "packages" apt_ensure docker.io debootstrap busybox-static openssh-client git curl \
  clang zlib1g-dev shellcheck hyperfine ca-certificates nginx systemd pebble lego openssl
step "shellcheck" shellcheck -x scripts/*.sh
step "docker engine" scripts/engine.sh
step "images (cached by recipe)" scripts/images.sh

export NAP_ARTIFACTS=${NAP_ARTIFACTS:-$repo/artifacts/build}
export NAP_PUBLISH_DIR=${NAP_PUBLISH_DIR:-$repo/artifacts/publish}
export DOCKER_API_VERSION=1.41 TESTCONTAINERS_RYUK_DISABLED=true
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
step "publish" scripts/publish.sh "$NAP_PUBLISH_DIR"

# Hosts left behind by an interrupted run only eat memory; a host whose test process still runs is in use.
while read -r id pid; do
  if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
    docker rm -f -v "$id" >/dev/null
  fi
done < <(docker ps -a --filter label=nap.test --format '{{.ID}} {{.Label "nap.test.pid"}}')

# shellcheck disable=SC2317 # called through step
run_tests() {
  dotnet test "$@" --blame-hang-timeout 20m --logger "console;verbosity=normal" 2>&1 | tee -a "$test_log"
  return "${PIPESTATUS[0]}"
}

# The host image by its hash, not :latest, which another checkout's images.sh may move meanwhile.
# shellcheck disable=SC2317 # called through step
on_hosts() {
  local distro=$1
  shift
  NAP_HOST_DISTRO=$distro NAP_HOST_IMAGE=$(scripts/images.sh --print-host-image "$distro") run_tests "$@"
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(Nap.sln debian13)
failed=0
test_log=$(mktemp /tmp/nap-test.XXXXXX.log)
for target in "${targets[@]}"; do
  if [[ $target == debian13 ]]; then
    # The classes marked [Trait(Debian13Pass.Trait, ...)]: tests/Host.Tests/README.md says which and why.
    step "Debian 13 pass (Host.Tests)" on_hosts trixie tests/Host.Tests --filter "Pass=Debian13" || failed=1
  else
    step "dotnet test $target" on_hosts bookworm "$target" || failed=1
  fi
done
exit "$failed"

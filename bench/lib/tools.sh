#!/usr/bin/env bash
# Sourced by every bench: need_tools TOOL... installs the Debian packages of the tools a bench runs
# that are missing (a tool's package is its own name but for ssh's), as scripts/test.sh does for the tests.
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/lib.sh"

need_tools() {
  local tool packages=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null && continue
    case $tool in
      ssh) packages+=(openssh-client) ;;
      *) packages+=("$tool") ;;
    esac
  done
  [[ ${#packages[@]} -eq 0 ]] || apt_ensure "${packages[@]}"
}

#!/usr/bin/env bash
# Makes sure a Docker engine answers: starts Debian's dockerd by hand when none does,
# because the machines we run on have no systemd as PID 1.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

answers() { docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

if command -v docker >/dev/null && answers; then
  exit 0
fi
need_root
apt_ensure docker.io
if answers; then
  exit 0
fi

if [[ -d /run/systemd/system ]]; then
  systemctl start docker || die "systemctl start docker failed: see journalctl -u docker"
else
  log "starting dockerd (log: /var/log/dockerd.log)"
  nohup dockerd >/var/log/dockerd.log 2>&1 &
fi
for _ in $(seq 1 60); do
  answers && exit 0
  sleep 1
done
die "the Docker engine did not answer within 60 s: see /var/log/dockerd.log"

#!/usr/bin/env bash
# What the ssh login costs a push that comes after a quiet spell: nap's user kept logged in to logind
# (install.sh's `loginctl enable-linger nap`) against Debian's default, in one run on one host.
#
#   bench/login.sh
#
# Debian installs pam_systemd with openssh-server. An ssh login of a user whose systemd --user is not running
# starts one, and logind stops it 10 s (UserStopDelaySec) after that user's last session ends; a push is an ssh
# login of nap. Each round times `ssh nap@HOST help` (sshd, PAM, nap-receive and napd's cheapest verb) after
# IDLE seconds (default 11) without a nap login, with lingering on (nap) and off (Debian's default), in
# alternating order, and a second `help` right after each (the user manager running on both sides).
#
# ROUNDS (default 5), IDLE (default 11). The host: NAP_BENCH_HOST=NAME reuses a running one (bench/lib/host.sh
# up), else one is booted from NAP_PUBLISH_DIR (NAP_BENCH_DISTRO=trixie for Debian 13) and removed at the end;
# lingering is left on, as install.sh sets it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/host.sh
source "$here/lib/host.sh"
# shellcheck source-path=SCRIPTDIR source=lib/timing.sh
source "$here/lib/timing.sh"
rounds=${ROUNDS:-5}
idle=${IDLE:-11}

die() { echo "login.sh: $*" >&2; exit 1; }
need_tools ssh

host_up
tmp=$(mktemp -d /tmp/nap-bench-login.XXXXXX)
trap 'in_host loginctl enable-linger nap 2>/dev/null || true; rm -rf "$tmp"; host_down' EXIT
echo "host $HOST at $HOST_IP" >&2
in_host grep -q pam_systemd /etc/pam.d/common-session \
  || die "host $HOST logs ssh sessions in without pam_systemd: boot one from an image scripts/images.sh built today"

# side NAME on|off: lingering as asked, IDLE seconds without a login, then two logins.
side() {
  if [[ $2 == on ]]; then in_host loginctl enable-linger nap; else in_host loginctl disable-linger nap; fi
  sleep "$idle"
  time_ssh "$tmp/$1-idle" help
  time_ssh "$tmp/$1-next" help
}

echo "$rounds rounds, ${idle} s without a nap login before each timed one ..." >&2
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then side nap on; side plain off; else side plain off; side nap on; fi
done

echo
distro=$(in_host sed -n 's/^PRETTY_NAME="\(.*\)"$/\1/p' /etc/os-release)
echo "ssh nap@host help on $HOST_IP ($distro; ms)"
printf '%-56s %9s %9s %9s %9s %5s\n' what median mean min max n
row() { printf '%-56s %s\n' "$1" "$(stats "$tmp/$2")"; }
row "nap (lingering): after ${idle} s without a login" nap-idle
row "Debian's default (no lingering): after ${idle} s" plain-idle
row "nap (lingering): right after another login" nap-next
row "Debian's default: right after another login" plain-next
echo "lingering saves $(($(median "$tmp/plain-idle") - $(median "$tmp/nap-idle"))) ms (median) on a login after a quiet spell," \
  "$(($(median "$tmp/plain-next") - $(median "$tmp/nap-next"))) ms on one right after another"

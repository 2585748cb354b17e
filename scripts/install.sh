#!/usr/bin/env bash
# Provisions a Debian 12 (bookworm) or 13 (trixie) machine with systemd as a nap host, from a local build:
#   install.sh --from DIR      DIR holds nap, nap-receive and napd/ (scripts/publish.sh makes it)
# or as a worker of a nap cluster (no napd, no nap user: docker, the registry's CA, swarm join), with the line
# `nap nodes join-command` prints on the primary:
#   install.sh --node --join TOKEN@MANAGER:2377 --registry HOST:PORT --registry-ca BASE64PEM
# Idempotent: it changes only what differs, prints each change, and says so when there is none.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

usage="usage: install.sh --from DIR | install.sh --node --join TOKEN@MANAGER:PORT --registry HOST:PORT --registry-ca BASE64PEM"
from=""
node=no
join=""
registry=""
registry_ca=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --from) [[ $# -ge 2 ]] || die "$usage"; from=$2; shift 2 ;;
    --node) node=yes; shift ;;
    --join) [[ $# -ge 2 ]] || die "$usage"; join=$2; shift 2 ;;
    --registry) [[ $# -ge 2 ]] || die "$usage"; registry=$2; shift 2 ;;
    --registry-ca) [[ $# -ge 2 ]] || die "$usage"; registry_ca=$2; shift 2 ;;
    -h | --help) echo "$usage"; exit 0 ;;
    *) die "unknown argument '$1': $usage" ;;
  esac
done

need_root
[[ $(cat /proc/1/comm 2>/dev/null) == systemd && -d /run/systemd/system ]] \
  || die "systemd is not PID 1 here: nap needs a host booted with systemd"
if [[ $node == yes ]]; then
  [[ -z $from ]] || die "--node installs a worker, which runs no nap binaries: give --from or --node, not both"
  [[ -n $join && -n $registry && -n $registry_ca ]] || die "--node needs --join, --registry and --registry-ca: $usage"
else
  [[ -z $join && -z $registry && -z $registry_ca ]] || die "--join, --registry and --registry-ca are for --node: $usage"
  [[ -n $from ]] || die "$usage"
  [[ -d $from ]] || die "--from $from: no such directory (run scripts/publish.sh first)"
  for binary in nap nap-receive napd/napd; do
    [[ -x $from/$binary ]] || die "--from $from: $binary is missing (run scripts/publish.sh first)"
  done
fi

repo=$(cd "$(dirname "$0")/.." && pwd)
units=$repo/systemd
changes=()

changed() {
  changes+=("$1")
  echo "$1"
}

# put SRC DEST MODE: installs SRC as DEST (root-owned) unless DEST already has the same bytes and mode.
put() {
  local src=$1 dest=$2 mode=$3
  if [[ -f $dest ]] && cmp -s "$src" "$dest" && [[ $(stat -c %a "$dest") == "$mode" ]]; then
    return 0
  fi
  install -D -o root -g root -m "$mode" "$src" "$dest.nap-new"
  mv -f "$dest.nap-new" "$dest"
  changed "installed $dest"
}

# put_tree SRC DEST: mirrors a published folder (napd's: the binary and libgit2's library).
put_tree() {
  local src=$1 dest=$2
  if [[ -d $dest ]] && diff -rq "$src" "$dest" >/dev/null 2>&1; then
    return 0
  fi
  rm -rf "$dest.nap-new"
  mkdir -p "$(dirname "$dest")"
  cp -a "$src" "$dest.nap-new"
  chown -R root:root "$dest.nap-new"
  rm -rf "$dest"
  mv "$dest.nap-new" "$dest"
  changed "installed $dest/"
}

state_of() { stat -c '%U:%G %a' "$@" 2>/dev/null || true; }

# ensure_packages PKG...: installs those missing, and says which.
ensure_packages() {
  local absent
  absent=$(missing_packages "$@")
  [[ -n $absent ]] || return 0
  apt_ensure "$@"
  changed "installed $absent"
}

# ensure_started SERVICE: enabled, and running now.
ensure_started() {
  if [[ $(systemctl is-enabled "$1" 2>/dev/null) != enabled ]]; then
    systemctl enable --quiet "$1"
    changed "enabled $1"
  fi
  if ! systemctl is-active --quiet "$1"; then
    systemctl start "$1" || die "$1 did not start: see journalctl -u $1"
    changed "started $1"
  fi
}

# satisfies "NAME" or "NAME (OP VERSION)": whether an installed package meets that one alternative.
satisfies() {
  local name op version installed
  read -r name op version <<<"${1//[()]/ }"
  installed=$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null) || return 1
  [[ $installed == "install ok installed "* ]] || return 1
  [[ -z $op ]] || dpkg --compare-versions "${installed##* }" "$op" "$version"
}

# install_node: a worker of a nap cluster, once docker is in: it trusts the registry's CA (certs.d, never
# insecure-registries) and joins the swarm. No napd and no nap user: the primary's napd drives the swarm.
install_node() {
  local token=${join%@*} manager=${join##*@} ca state managers
  [[ $join == *@* && $token == SWMTKN-* && $manager =~ ^[A-Za-z0-9.:-]+:[0-9]+$ ]] \
    || die "--join $join: expected TOKEN@MANAGER:PORT as nap nodes join-command prints it"
  [[ $registry =~ ^[A-Za-z0-9.-]+:[0-9]+$ ]] || die "--registry $registry: expected HOST:PORT"
  ensure_started docker
  ca=$(mktemp)
  # shellcheck disable=SC2064 # the file's name now
  trap "rm -f '$ca'" EXIT
  if ! base64 -d <<<"$registry_ca" >"$ca" 2>/dev/null || ! grep -q -- '-----BEGIN CERTIFICATE-----' "$ca"; then
    die "--registry-ca: not a base64 PEM certificate (copy it whole from nap nodes join-command)"
  fi
  put "$ca" "/etc/docker/certs.d/$registry/ca.crt" 644

  state=$(docker info --format '{{.Swarm.LocalNodeState}}') || die "docker info failed: see journalctl -u docker"
  case $state in
    active)
      managers=$(docker info --format '{{range .Swarm.RemoteManagers}}{{.Addr}} {{end}}')
      [[ " $managers" == *" $manager "* ]] \
        || die "this engine is already in another swarm (managers: ${managers% }): docker swarm leave --force first"
      echo "already a node of the swarm at $manager (if nap nodes:remove took it out: docker swarm leave --force here, then run this again)"
      ;;
    inactive)
      docker swarm join --token "$token" "$manager" >/dev/null || die "docker swarm join $manager failed (above)"
      changed "joined the swarm at $manager as a worker"
      ;;
    *) die "this engine is in swarm state '$state': docker swarm leave --force, then run this again" ;;
  esac
  if [[ ${#changes[@]} -eq 0 ]]; then
    echo "this machine is a node of the cluster: nothing to change"
  else
    echo "this machine is a node of the cluster: ${#changes[@]} changes"
  fi
}

# The packages a host needs, from the list the Debian package's Depends are made of (scripts/host-depends). Each
# line's first alternative is installed when none is met; a line naming a package still to install is checked after
# that package is in (docker.io's version decides whether its CLI and buildx come apart).
wanted=()
install_wanted() {
  [[ ${#wanted[@]} -eq 0 ]] || ensure_packages "${wanted[@]}"
  wanted=()
}
while IFS= read -r line; do
  line=${line%%#*}
  # A worker only runs containers: the engine and its CLI, none of the build's or the front door's packages.
  [[ $node == no || $line =~ ^(docker\.io|docker-cli)[[:space:]] ]] || continue
  [[ -n ${line//[[:space:]]/} ]] || continue
  IFS='|' read -ra alternatives <<<"$line"
  met=no
  for alternative in "${alternatives[@]}"; do
    read -r name _ <<<"${alternative//[()]/ }"
    [[ " ${wanted[*]} " != *" $name "* ]] || install_wanted
  done
  for alternative in "${alternatives[@]}"; do
    if satisfies "$alternative"; then met=yes; break; fi
  done
  if [[ $met == no ]]; then
    read -r name _ <<<"${alternatives[0]//[()]/ }"
    wanted+=("$name")
  fi
done <"$repo/scripts/host-depends"
install_wanted
if [[ $node == yes ]]; then
  install_node
  exit 0
fi
# Whether this host can really build and run apps, asked of the napd being installed: it knows what its units run.
ensure_started docker
problem=$("$from/napd/napd" --check-host 2>&1 >/dev/null) || die "${problem:-napd --check-host failed}"

# The user and its directories.
put "$units/nap.sysusers.conf" /etc/sysusers.d/nap.conf 644
put "$units/nap.tmpfiles.conf" /etc/tmpfiles.d/nap.conf 644
if ! getent passwd nap >/dev/null; then
  systemd-sysusers /etc/sysusers.d/nap.conf
  changed "created the system user nap"
fi
if [[ $(getent passwd nap | cut -d: -f7) != /bin/sh ]]; then
  usermod -s /bin/sh nap
  changed "set nap's shell to /bin/sh (sshd runs the forced command through it)"
fi
# A locked password ('!') makes sshd refuse even key logins when UsePAM is off; '*' only forbids passwords.
if [[ $(getent shadow nap | cut -d: -f2) != '*' ]]; then
  usermod -p '*' nap
  changed "set nap's password to none ('*': key logins only)"
fi
for group in docker sudo adm; do
  if id -nG nap | tr ' ' '\n' | grep -qx "$group"; then
    gpasswd -d nap "$group" >/dev/null
    changed "removed nap from group $group"
  fi
done
# Debian installs pam_systemd with openssh-server: every ssh login of a user whose systemd --user is not running
# starts one (150 to 300 ms), and logind stops it 10 s after the last session, so each push after a quiet spell
# paid that start. Lingering keeps nap's running (about 3 MB); only where logind runs (pam_systemd's own test).
if [[ -d /run/systemd/seats && ! -e /var/lib/systemd/linger/nap ]]; then
  loginctl enable-linger nap
  changed "kept nap's user manager running (loginctl enable-linger nap), so a push does not wait for one to start"
fi
dirs=(/etc/nap /var/lib/nap /var/lib/nap/repos /var/lib/nap/apps)
before_dirs=$(state_of "${dirs[@]}")
systemd-tmpfiles --create /etc/tmpfiles.d/nap.conf
[[ $(state_of "${dirs[@]}") == "$before_dirs" ]] || changed "created /var/lib/nap and /etc/nap with nap's permissions"

# Configuration: defaults only where the admin has none, never overwriting edits.
if [[ ! -e /etc/nap/napd.json ]]; then
  put "$units/napd.json" /etc/nap/napd.json 644
fi
if [[ ! -e /etc/nap/authorized_keys ]]; then
  install -o root -g root -m 644 /dev/null /etc/nap/authorized_keys
  changed "created /etc/nap/authorized_keys (add keys with: nap keys add NAME < key.pub)"
fi

# Binaries.
binaries_before=${#changes[@]}
put "$from/nap" /usr/local/bin/nap 755
put "$from/nap-receive" /usr/local/bin/nap-receive 755
put_tree "$from/napd" /usr/local/lib/nap/napd
if [[ $(readlink /usr/local/bin/napd 2>/dev/null) != /usr/local/lib/nap/napd/napd ]]; then
  ln -sfn /usr/local/lib/nap/napd/napd /usr/local/bin/napd
  changed "linked /usr/local/bin/napd"
fi
binaries_changed=$((${#changes[@]} - binaries_before))

# sshd: the drop-in is checked before sshd reloads it, so a bad one never locks anyone out.
grep -Eqi '^\s*Include\s+/etc/ssh/sshd_config\.d/\*\.conf' /etc/ssh/sshd_config \
  || die "/etc/ssh/sshd_config does not include /etc/ssh/sshd_config.d/*.conf: add that line first"
sshd_before=${#changes[@]}
put "$units/sshd-nap.conf" /etc/ssh/sshd_config.d/nap.conf 644
if [[ ${#changes[@]} -ne $sshd_before ]]; then
  sshd_check=$(mktemp)
  if ! sshd -t 2>"$sshd_check"; then
    rm -f /etc/ssh/sshd_config.d/nap.conf
    die "sshd rejects the nap drop-in, removed it: $(head -n1 "$sshd_check")"
  fi
  rm -f "$sshd_check"
  systemctl reload-or-restart ssh
  changed "reloaded sshd"
fi

# Units.
unit_before=${#changes[@]}
put "$units/napd.service" /etc/systemd/system/napd.service 644
unit_changed=$((${#changes[@]} - unit_before))
# The renewal timer's units: a change needs the daemon-reload, not a restart of napd.
put "$units/nap-certs-renew.service" /etc/systemd/system/nap-certs-renew.service 644
put "$units/nap-certs-renew.timer" /etc/systemd/system/nap-certs-renew.timer 644
if [[ ${#changes[@]} -gt $unit_before ]]; then
  systemctl daemon-reload
fi
ensure_started nginx
ensure_started ssh
if systemctl is-active --quiet napd && [[ $((binaries_changed + unit_changed)) -gt 0 ]]; then
  systemctl restart napd || die "napd did not restart: see journalctl -u napd"
  changed "restarted napd"
fi
ensure_started napd
# Renews the automatic certificates (certs:auto) twice a day; with none, each run only asks napd and ends.
ensure_started nap-certs-renew.timer

if [[ ${#changes[@]} -eq 0 ]]; then
  echo "nap is installed: nothing to change"
else
  echo "nap is installed: ${#changes[@]} changes"
fi

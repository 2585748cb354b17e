#!/usr/bin/env bash
# How much nap-receive costs a push (issue 4's goals: push ≤ 1.05× a plain bare repo, start-up ≤ 10 ms).
#
#   bench/receive.sh local [BIN]
#       Runs here and now: nap-receive's start-up against /bin/true, and a real `git push` of a
#       one-line change through nap-receive (forced command -> napd stand-in -> execve'd
#       git-receive-pack -> pre-receive hook -> napd stand-in) against the same push to a plain
#       bare repo, both through the same stand-in for ssh. napd is a 30-line python stand-in
#       that answers at once, so this measures nap-receive's own share, not napd's or sshd's.
#       BIN defaults to scripts/publish.sh's Native AOT build (nap-receive alone is published when missing).
#
#   bench/receive.sh host IP KEYFILE
#       On the host testbed (tests/Host.Tests' NapHost: sshd, napd, nap-receive installed).
#       HOST_EXEC runs a command on the host as root (default: ssh root@IP; for the testbed's
#       container: HOST_EXEC="docker exec -i CONTAINER"). KEYFILE is a key registered with
#       `nap keys add`. The script adds a user `bench` (git-shell, same key) with a plain bare
#       repo (and one with a no-op hook), then times `git push` of a one-line change to each over the same sshd. The nap
#       push goes to branch `bench`, which is not the deploy branch: napd stores it without
#       deploying, so the whole path (access check, hook, napd round trips) is measured but no build.
#
# Installs hyperfine and git where missing; `local` also needs python3.
# shellcheck disable=SC2016 # the generated stand-in scripts' $1, $2 and $@ are theirs
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-30}

die() { echo "receive.sh: $*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
source "$repo/bench/lib/tools.sh"
need_tools hyperfine git

# table CSV...: one row per command of hyperfine's CSV exports, with its ratio to the first row
# (of the medians: on a machine others share, a few slow runs move the mean, not the median).
table() {
  awk -F, 'FNR == 1 { next }
    { name = $1; mean = $2 * 1000; sd = $3 * 1000; median = $4 * 1000; min = $7 * 1000
      if (base == "") base = median
      printf "%-58s %9.2f %9.2f %8.2f %9.2f %8.2fx\n", substr(name, 1, 58), median, mean, sd, min, median / base }
    BEGIN { printf "%-58s %9s %9s %8s %9s %9s\n", "command", "median ms", "mean ms", "± ms", "min ms", "ratio" }' "$@"
}

# push_bench DIR PLAIN HOOKED NAP: times one-line pushes to a plain bare repo, to one with a
# no-op pre-receive hook (what any hook costs git: the price of deploying inside the push),
# and through nap-receive.
push_bench() {
  local work=$1/work plain=$2 hooked=$3 nap=$4 remote
  git init -q -b master "$work"
  git -C "$work" commit -q --allow-empty -m start
  # One push each first: creates the nap app's repo and makes every side hold the history (forced:
  # a host kept from an earlier run holds another history).
  for remote in "$plain" "$hooked" "$nap"; do
    git -C "$work" push -q --force "$remote" HEAD:refs/heads/bench
  done
  local change="cd '$work' && date +%s%N >> line && git add line && git commit -q -m line"
  hyperfine -N --warmup 3 --runs "$runs" --export-csv "$1/push.csv" \
    --prepare "sh -c \"$change\"" \
    -n "git push: plain bare repo" "git -C $work push -q $plain HEAD:refs/heads/bench" \
    -n "git push: bare repo with a no-op pre-receive hook" "git -C $work push -q $hooked HEAD:refs/heads/bench" \
    -n "git push: through nap-receive" "git -C $work push -q $nap HEAD:refs/heads/bench" >&2
}

# NOOP_HOOK: the hook of the middle row; reads the ref lines as nap's hook does.
NOOP_HOOK='#!/bin/sh
cat >/dev/null'

local_bench() {
  # The binary scripts/publish.sh makes, else a Native AOT build of nap-receive alone.
  local bin=${1:-${NAP_PUBLISH_DIR:-$repo/artifacts/publish}/nap-receive}
  if [[ ! -x $bin ]]; then
    bin=$repo/artifacts/publish-receive/nap-receive
    echo "publishing nap-receive (Native AOT) into $(dirname "$bin")" >&2
    NAP_ARTIFACTS=${NAP_ARTIFACTS:-$repo/artifacts/build} dotnet publish "$repo/src/Receive" \
      -c Release -r linux-x64 -o "$(dirname "$bin")" -v quiet -nologo >&2
  fi
  command -v python3 >/dev/null || die "python3 is not installed: the napd stand-in needs it"
  # Global, not local: the EXIT trap runs after the function has returned.
  tmp=$(mktemp -d /tmp/nap-bench.XXXXXX)
  trap 'kill "${napd_pid:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/data/repos" "$tmp/run" "$tmp/empty"

  # Start-up: the refusal path (parse, refuse, print help) and a git command whose napd is away
  # (parse, connect, fail): nothing after start-up that a real push would not also do.
  SSH_ORIGINAL_COMMAND="bench-unknown-verb" NAP_RUNTIME_DIR=$tmp/empty \
    hyperfine -N -i --warmup 50 --runs 1000 --export-csv "$tmp/startup.csv" \
    -n "/bin/true" "/bin/true" \
    -n "nap-receive: refused command" "$bin --key bench" >&2
  SSH_ORIGINAL_COMMAND="git-receive-pack 'benchapp'" NAP_RUNTIME_DIR=$tmp/empty \
    hyperfine -N -i --warmup 50 --runs 1000 --export-csv "$tmp/startup-git.csv" \
    -n "nap-receive: git-receive-pack with napd away" "$bin --key bench" >&2

  # The napd stand-in: creates the repo and hook on git-receive-pack, says one line on receive.
  cat >"$tmp/napd.py" <<EOF
import json, os, socket, subprocess, sys
path, repos, hook = sys.argv[1:4]
server = socket.socket(socket.AF_UNIX); server.bind(path); server.listen(16)
while True:
    conn, _ = server.accept()
    with conn, conn.makefile("rw") as f:
        req = json.loads(f.readline())
        if req["verb"] == "git-receive-pack":
            repo = os.path.join(repos, req["args"][0] + ".git")
            if not os.path.isdir(repo):
                subprocess.run(["git", "init", "-q", "--bare", repo], check=True)
            with open(os.path.join(repo, "hooks", "pre-receive"), "w") as h:
                h.write("#!/bin/sh\nexec %s hook pre-receive\n" % hook)
            os.chmod(os.path.join(repo, "hooks", "pre-receive"), 0o755)
        elif req["verb"] == "receive":
            f.write(json.dumps({"kind": "Out", "text": "-----> bench is not the deploy branch: stored, not deployed"}) + "\n")
        f.write(json.dumps({"kind": "Exit", "code": 0}) + "\n"); f.flush()
EOF
  python3 "$tmp/napd.py" "$tmp/run/napd.sock" "$tmp/data/repos" "$bin" &
  napd_pid=$!
  for _ in $(seq 50); do [[ -S $tmp/run/napd.sock ]] && break; sleep 0.1; done
  [[ -S $tmp/run/napd.sock ]] || die "the napd stand-in did not start"

  # The ssh stand-in runs the forced command as sshd would; for the plain repo, what sshd runs
  # without one (the user's shell with -c).
  printf '#!/bin/sh\nSSH_ORIGINAL_COMMAND="$2" exec %s --key bench\n' "$bin" >"$tmp/ssh-nap"
  printf '#!/bin/sh\ncd %s && exec sh -c "$2"\n' "$tmp" >"$tmp/ssh-plain"
  chmod +x "$tmp/ssh-nap" "$tmp/ssh-plain"
  git init -q --bare "$tmp/plain.git"
  git init -q --bare "$tmp/hooked.git"
  echo "$NOOP_HOOK" >"$tmp/hooked.git/hooks/pre-receive"
  chmod +x "$tmp/hooked.git/hooks/pre-receive"
  # git runs: ssh HOST COMMAND; the host name picks the side.
  printf '#!/bin/sh\ncase "$1" in plain) exec %s "$@" ;; *) exec %s "$@" ;; esac\n' "$tmp/ssh-plain" "$tmp/ssh-nap" >"$tmp/ssh"
  chmod +x "$tmp/ssh"
  export NAP_DATA_DIR=$tmp/data NAP_RUNTIME_DIR=$tmp/run GIT_SSH_COMMAND=$tmp/ssh GIT_SSH_VARIANT=simple
  export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost
  push_bench "$tmp" "plain:plain.git" "plain:hooked.git" "nap@bench:benchapp"

  echo
  echo "nap-receive start-up (goal: ≤ 10 ms)"
  table "$tmp/startup.csv" "$tmp/startup-git.csv"
  echo
  echo "git push of a one-line change, local, ssh and napd stood in for (goal: ≤ 1.05x)"
  table "$tmp/push.csv"
}

host_bench() {
  local ip=$1 key=$2
  [[ -r $key ]] || die "$key: no such key file"
  local -a host_exec
  read -r -a host_exec <<<"${HOST_EXEC:-ssh -o BatchMode=yes root@$ip}"
  # Global, not local: the EXIT trap runs after the function has returned.
  tmp=$(mktemp -d /tmp/nap-bench.XXXXXX)
  trap 'rm -rf "$tmp"' EXIT

  # The plain side: a git-shell user with the same key, over the same sshd.
  "${host_exec[@]}" bash -s <<EOF || die "could not set up the plain repo on the host"
set -e
id bench >/dev/null 2>&1 || useradd -m -s /usr/bin/git-shell bench
install -d -o bench -g bench -m 700 ~bench/.ssh
printf '%s\n' '$(ssh-keygen -y -f "$key")' >~bench/.ssh/authorized_keys
chown bench:bench ~bench/.ssh/authorized_keys
[ -d ~bench/plain.git ] || su -s /bin/sh bench -c 'git init -q --bare ~/plain.git'
[ -d ~bench/hooked.git ] || su -s /bin/sh bench -c 'git init -q --bare ~/hooked.git'
printf '%s\n' '$NOOP_HOOK' >~bench/hooked.git/hooks/pre-receive
chmod +x ~bench/hooked.git/hooks/pre-receive
EOF

  export GIT_SSH_COMMAND="ssh -i $key -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
  export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost
  push_bench "$tmp" "bench@$ip:plain.git" "bench@$ip:hooked.git" "nap@$ip:benchapp"

  # A host has no package lists (nor, on the testbed, a registry): this machine's hyperfine goes over
  # (Debian 12 on both sides).
  if ! "${host_exec[@]}" sh -c 'command -v hyperfine' >/dev/null; then
    "${host_exec[@]}" sh -c 'cat >/usr/local/bin/hyperfine && chmod 755 /usr/local/bin/hyperfine' <"$(command -v hyperfine)" \
      || die "could not copy hyperfine to the host"
  fi
  "${host_exec[@]}" sh -c "SSH_ORIGINAL_COMMAND=bench-unknown-verb hyperfine -N -i --warmup 50 --runs 1000 --export-csv /tmp/nap-startup.csv \
      -n /bin/true /bin/true -n 'nap-receive: refused command' '/usr/local/bin/nap-receive --key bench' >&2 && \
    cat /tmp/nap-startup.csv" >"$tmp/startup.csv" || die "hyperfine of nap-receive's start-up failed on the host"

  echo
  echo "nap-receive start-up on the host (goal: ≤ 10 ms)"
  table "$tmp/startup.csv"
  echo
  echo "git push of a one-line change over the host's sshd (goal: ≤ 1.05x)"
  table "$tmp/push.csv"
}

case ${1:-} in
  local) shift; local_bench "$@" ;;
  host) [[ $# -eq 3 ]] || die "usage: receive.sh host IP KEYFILE"; shift; host_bench "$@" ;;
  *) die "usage: receive.sh local [BIN] | receive.sh host IP KEYFILE" ;;
esac

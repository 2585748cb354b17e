#!/usr/bin/env bash
# What a nap deploy costs against doing it by hand (issue 5's goals), in one run on one host.
#
#   bench/deploy.sh
#
# 1. Push-to-live: `git push nap@HOST:liveID-N master` of examples/hello (a new app each round, so
#    every push builds) until its address answers 200, against a hand-run
#    `docker build && docker run -d -p PORT:8080 && first 200` of the same checkout, already copied
#    onto the same host (what nap adds: ssh, git, napd, systemd, the health gate and nginx).
#    The hand-run uses nap's builder (DOCKER_BUILDKIT=1); a second hand-run with Debian 12's default,
#    the classic builder, shows what the builder alone is worth. A third puts its container on a network of
#    its own, made while the build runs, as nap isolates each app (issue 12): what that isolation costs
#    anyone who starts a container, nap or not.
#    A third side pushes over one ssh connection kept open (ControlMaster): nap without the
#    connection's cost. Each round changes www/index.html on every side, so no build is a cache hit.
#    Three more sides, for what most pushes are and what most pushers have: `redeploy` pushes to one app
#    deployed in the warm-up (its network made then), until its address serves the round's page, against a
#    hand-run on a network made before the rounds (`onnet`): what an app's own network costs each release start;
#    `modern` is the new-app push from Debian 13's ssh client (OpenSSH 10, in a container of the Debian 13 host
#    image on the same engine, timed inside it), whose default key exchange (mlkem768x25519) spares the client
#    the sntrup761 key generation of this machine's OpenSSH 9.x; on a Debian 12 host (OpenSSH 9.2) both
#    clients agree on sntrup761x25519.
#    After each side the host settles for SETTLE seconds (default 1): once the pusher has the address, napd
#    enables the release and systemd reloads (0.4 to 0.6 s of a core on Debian 13), which would otherwise
#    slow whichever side came next, the hand-runs included.
#    Goal: nap adds <= 0.35 s (median) over the hand-run with the same builder (issue 11; issue 5 had 0.5 s).
# 2. The already-running push: the same revision pushed again (to `main`, the other deploy
#    branch: git has nothing to send to master) and `ssh nap@HOST deploy APP REV`, against a bare
#    `ssh nap@HOST help` (sshd + nap-receive + napd's cheapest verb). Goal: <= 0.3 s of napd time.
#    `help` is also timed over a kept connection and with the classic key exchange (curve25519-sha256), which
#    shows how much of every connection is the ssh client's post-quantum key generation.
# 3. `apps --json` with 50 apps against `ssh help`. The apps past the deployed ones are made
#    cheaply: a push of a one-commit repo to branch `bench` (not a deploy branch) creates the repo
#    and the app (state "new") without a build.
#
# The host: NAP_BENCH_HOST=NAME reuses a running one (bench/lib/host.sh up), else one is booted
# from NAP_PUBLISH_DIR (default /tmp/pub-bench) and removed at the end.
# ROUNDS (default 5): push-to-live rounds; RUNS (default 20): runs of each ssh command; SETTLE (default 1): seconds between sides.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/host.sh
source "$here/lib/host.sh"
# shellcheck source-path=SCRIPTDIR source=lib/timing.sh
source "$here/lib/timing.sh"
rounds=${ROUNDS:-5}
settle=${SETTLE:-1}
runs=${RUNS:-20}
apps_wanted=50
goal_live_ms=350
goal_running_ms=300
# App names of this run (live123-1, more123-7): a host kept from an earlier run has its own.
run_id=$$

die() { echo "deploy.sh: $*" >&2; exit 1; }
need_tools git curl ssh jq

host_up
tmp=$(mktemp -d /tmp/nap-bench-deploy.XXXXXX)
# Each step may fail (no master connection to end) without keeping the next from running: errexit holds in traps too.
client=nap-bench-client-$$
trap 'ssh -o ControlPath="$tmp/mux" -O exit "nap@$HOST_IP" 2>/dev/null || true; docker rm -f "$client" >/dev/null 2>&1 || true; rm -rf "$tmp"; host_down' EXIT
echo "host $HOST at $HOST_IP" >&2

# first_200 URL [TEXT]: waits (bounded, 60 s) until URL answers 200 (with TEXT in its body, when given).
first_200() {
  local url=$1 text=${2:-} deadline=$(($(now_ms) + 60000))
  until if [[ -z $text ]]; then [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true) == 200 ]]
        else curl -sf --max-time 2 "$url" 2>/dev/null | grep -qF "$text"; fi; do
    (($(now_ms) < deadline)) || die "$url did not answer 200 ${text:+with $text in its page }within 60 s"
    sleep 0.02
  done
}

# address_of LOG: sets `address` to the one a push's output LOG ends with (`=====> APP deployed: http://IP:PORT`).
# Read without a process, as the hand-run knows its port without one: the pushes' sides call it inside their timing.
address_of() {
  [[ $(<"$1") =~ deployed:\ (http://[0-9.]+:[0-9]+) ]] || die "the push printed no address: see $1"
  address=${BASH_REMATCH[1]}
}

# row LABEL WALL_FILE [NAPD_FILE]
row() {
  local napd=-
  [[ -z ${3:-} || ! -s ${3:-} ]] || napd=$(median "$3")
  printf "%-54s %s %7s\n" "$1" "$(stats "$2")" "$napd"
}
header() { printf "%-54s %9s %9s %9s %9s %5s %7s\n" "$1" "median" "mean" "min" "max" "n" "napd"; }

# The checkout: examples/hello committed, changed per round.
src=$tmp/hello
cp -a "$bench_repo/examples/hello/." "$src/"
git -C "$src" init -q -b master
git -C "$src" add -A
git -C "$src" commit -q -m hello
page() { echo "<h1>hello from $1</h1>" >"$src/www/index.html"; }

# The Debian 13 client: the host image, not booted, with the bench key; each round's checkout is copied in untimed.
"$bench_repo/scripts/images.sh" trixie 2>/dev/null
docker run -d --name "$client" --label nap.test=bench --label "nap.test.pid=$$" --entrypoint sleep \
  "$("$bench_repo/scripts/images.sh" --print-host-image trixie)" infinity >/dev/null
docker exec "$client" mkdir -p /root/.ssh
docker cp "$HOST_KEY" "$client:/root/.ssh/id_ed25519"
client_ssh=$(docker exec "$client" ssh -V 2>&1)


# Warm-up, not timed: one push and one hand-run build, so both sides start with the busybox base
# in the host's engine and nap's napd, sshd and nginx have run once.
page warmup
git -C "$src" commit -q -am warmup
git -C "$src" push -q "nap@$HOST_IP:live$run_id-warmup" HEAD:master >"$tmp/warmup.log" 2>&1 \
  || die "the warm-up push failed: $(grep -m1 -E '!|error' "$tmp/warmup.log" || tail -n1 "$tmp/warmup.log")"
in_host mkdir -p /root/plain
docker cp "$src/." "$HOST:/root/plain/warmup"
for buildkit in 0 1; do in_host env DOCKER_BUILDKIT=$buildkit docker build -q -t plain/hello:warmup /root/plain/warmup >/dev/null; done
# The redeploy side's app and the onnet side's network exist before the rounds, as an app's do after its first push.
redeploy_app=redo$run_id
git -C "$src" push -q "nap@$HOST_IP:$redeploy_app" HEAD:master >"$tmp/warmup-redo.log" 2>&1 \
  || die "the redeploy side's first push failed: $(tail -n1 "$tmp/warmup-redo.log")"
address_of "$tmp/warmup-redo.log"
redeploy_url=$address
in_host docker network create "hand$run_id-app" >/dev/null

# One ssh connection kept open (ControlMaster, as Kamal keeps its connections) for the `kept` pushes
# and `help` over it: the difference is what opening the connection costs each push and each verb.
mux="-o ControlPath=$tmp/mux -o ControlMaster=auto -o ControlPersist=600"
# shellcheck disable=SC2086 # option lists
ssh $NAP_SSH_OPTS $mux -fN "nap@$HOST_IP" || die "could not open a shared ssh connection to $HOST_IP"

echo "push-to-live: $rounds rounds each side, alternating ..." >&2
since_live=$(date +%s)
: >"$tmp/nap.ms"; : >"$tmp/nap-push.ms"; : >"$tmp/phase-before.ms"; : >"$tmp/phase-build.ms"
: >"$tmp/phase-health.ms"; : >"$tmp/phase-switch.ms"; : >"$tmp/phase-after.ms"
: >"$tmp/plain.ms"; : >"$tmp/plain-cmd.ms"; : >"$tmp/classic.ms"; : >"$tmp/classic-cmd.ms"; : >"$tmp/kept.ms"
: >"$tmp/isolated.ms"; : >"$tmp/isolated-cmd.ms"; : >"$tmp/redeploy.ms"; : >"$tmp/onnet.ms"; : >"$tmp/modern.ms"
apps=() revs=()
for round in $(seq 1 "$rounds"); do
  for side in nap kept plain isolated classic redeploy onnet modern; do
    marker="$side round $round $RANDOM"
    page "$marker"
    git -C "$src" commit -q -am "$side $round"
    if [[ $side == nap ]]; then
      app=live$run_id-$round
      apps+=("$app")
      revs+=("$(git -C "$src" rev-parse HEAD)")
      start=$(now_ms)
      git -C "$src" push "nap@$HOST_IP:$app" HEAD:master 2>&1 | stamp "$start" >"$tmp/push-$round.log" \
        || die "git push of $app failed: $(grep -m1 -E '!|error' "$tmp/push-$round.log" || tail -n1 "$tmp/push-$round.log")"
      pushed=$(now_ms)
      address_of "$tmp/push-$round.log"
      first_200 "$address"
      done_ms=$(now_ms)
      echo $((done_ms - start)) >>"$tmp/nap.ms"
      echo $((pushed - start)) >>"$tmp/nap-push.ms"
      log=$tmp/push-$round.log
      building=$(at "$log" '-----> Building') starting=$(at "$log" '-----> Starting')
      healthy=$(at "$log" '-----> Healthy') deployed=$(at "$log" '=====> .* deployed')
      echo "$building" >>"$tmp/phase-before.ms"
      echo $((starting - building)) >>"$tmp/phase-build.ms"
      echo $((healthy - starting)) >>"$tmp/phase-health.ms"
      echo $((deployed - healthy)) >>"$tmp/phase-switch.ms"
      echo $((pushed - start - deployed)) >>"$tmp/phase-after.ms"
    elif [[ $side == kept ]]; then
      app=kept$run_id-$round
      start=$(now_ms)
      GIT_SSH_COMMAND="$GIT_SSH_COMMAND $mux" git -C "$src" push "nap@$HOST_IP:$app" HEAD:master >"$tmp/kept-$round.log" 2>&1 \
        || die "git push of $app over the kept connection failed: see $tmp/kept-$round.log"
      address_of "$tmp/kept-$round.log"
      first_200 "$address"
      echo $(($(now_ms) - start)) >>"$tmp/kept.ms"
    elif [[ $side == redeploy ]]; then
      start=$(now_ms)
      git -C "$src" push "nap@$HOST_IP:$redeploy_app" HEAD:master >"$tmp/redeploy-$round.log" 2>&1 \
        || die "git push of $redeploy_app (round $round) failed: see $tmp/redeploy-$round.log"
      first_200 "$redeploy_url" "$marker"
      echo $(($(now_ms) - start)) >>"$tmp/redeploy.ms"
    elif [[ $side == modern ]]; then
      app=modern$run_id-$round
      docker cp "$src/." "$client:/src"
      docker exec "$client" bash -c 'echo "started $((${EPOCHREALTIME/./} / 1000))"
        GIT_SSH_COMMAND="ssh -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR" \
          git -C /src push "$1" HEAD:master 2>&1' sh "nap@$HOST_IP:$app" >"$tmp/modern-$round.log" \
        || die "git push of $app from the Debian 13 client failed: see $tmp/modern-$round.log"
      [[ $(<"$tmp/modern-$round.log") =~ started\ ([0-9]+) ]] || die "the Debian 13 client printed no start: see $tmp/modern-$round.log"
      start=${BASH_REMATCH[1]}
      address_of "$tmp/modern-$round.log"
      first_200 "$address"
      echo $(($(now_ms) - start)) >>"$tmp/modern.ms"
    else
      # plain: BuildKit, as nap builds; isolated: the same on a network of its own, made while the build
      # runs (as napd makes an app's); onnet: on a network made before (an app's after its first push);
      # classic: what `docker build` is on Debian 12 without BuildKit.
      buildkit=1 port=$((18000 + round)) network=""
      [[ $side != isolated ]] || port=$((18200 + round)) network="--network hand$run_id-$round"
      [[ $side != onnet ]] || port=$((18300 + round)) network="--network hand$run_id-app"
      [[ $side != classic ]] || buildkit=0 port=$((18100 + round))
      dir=/root/plain/$side$round
      docker cp "$src/." "$HOST:$dir"
      # The network is made in the background; `wait` (no job: returns at once) joins it before the run.
      made=""
      [[ $side != isolated ]] || made="docker network create hand$run_id-$round >/dev/null & "
      start=$(now_ms)
      in_host sh -c "${made}DOCKER_BUILDKIT=$buildkit docker build -q -t plain/hello:$side$round $dir >/dev/null && wait && docker run -d --name $side$run_id-$round $network -p $port:8080 plain/hello:$side$round >/dev/null" \
        || die "the hand-run docker build && docker run ($side) failed in round $round"
      ran=$(now_ms)
      first_200 "http://$HOST_IP:$port/"
      done_ms=$(now_ms)
      echo $((done_ms - start)) >>"$tmp/$side.ms"
      [[ $side == onnet ]] || echo $((ran - start)) >>"$tmp/$side-cmd.ms"
    fi
    sleep "$settle"
  done
done

# napd_ms FILE SINCE VERB [APP_PATTERN]: napd's own time per request (its journal line
# "VERB APP by KEY: exit 0 in N ms") since the epoch second SINCE.
napd_ms() {
  in_host journalctl -u napd --no-pager -o cat --since "@$2" \
    | sed -nE "s/.*\] $3 ${4:-[^ ]+} by bench: exit 0 in ([0-9]+) ms$/\1/p" >"$1"

}
napd_ms "$tmp/nap-napd.ms" "$since_live" receive "live$run_id-[0-9]+"

# The hand-run containers go: their ports are the next run's.
for round in $(seq 1 "$rounds"); do
  in_host docker rm -f "plain$run_id-$round" "isolated$run_id-$round" "classic$run_id-$round" "onnet$run_id-$round" >/dev/null
  in_host docker network rm "hand$run_id-$round" >/dev/null
done
in_host docker network rm "hand$run_id-app" >/dev/null

echo "the already-running push ..." >&2
# The same revision again, once per deployed app: `main` is a deploy branch too.
: >"$tmp/again.ms"
since=$(date +%s)
for i in "${!apps[@]}"; do
  app=${apps[$i]}
  start=$(now_ms)
  git -C "$src" push "nap@$HOST_IP:$app" "${revs[$i]}:refs/heads/main" >"$tmp/again-$app.log" 2>&1 || die "the second push of $app failed: see $tmp/again-$app.log"
  echo $(($(now_ms) - start)) >>"$tmp/again.ms"
  grep -q 'already running' "$tmp/again-$app.log" || die "the second push of $app did not say 'already running': $(grep -m1 -E '=====>|!' "$tmp/again-$app.log" || tail -n1 "$tmp/again-$app.log")"
done
napd_ms "$tmp/again-napd.ms" "$since" receive "live$run_id-[0-9]+"
rev=${revs[-1]}
last=${apps[-1]}
nap_ssh deploy "$last" "$rev" >"$tmp/deploy-verb.log" 2>&1 || die "ssh deploy $last $rev failed: $(tail -n1 "$tmp/deploy-verb.log")"
grep -q 'already running' "$tmp/deploy-verb.log" || die "ssh deploy $last $rev did not say 'already running': $(tail -n1 "$tmp/deploy-verb.log")"

# 50 apps: the deployed ones, then one-commit repos pushed to a branch that does not deploy.
have=$(nap_ssh apps --json | jq length)
filler=$tmp/filler
git init -q -b bench "$filler"
git -C "$filler" commit -q --allow-empty -m filler
: >"$tmp/filler.ms"
echo "creating $((apps_wanted - have)) more apps by pushes to a non-deploy branch ..." >&2
for n in $(seq $((have + 1)) "$apps_wanted"); do
  start=$(now_ms)
  git -C "$filler" push -q "nap@$HOST_IP:more$run_id-$n" bench >/dev/null 2>&1 || die "the push to more$run_id-$n failed"
  echo $(($(now_ms) - start)) >>"$tmp/filler.ms"
done
count=$(nap_ssh apps --json | jq length)
[[ $count -ge $apps_wanted ]] || die "apps --json lists $count apps, expected $apps_wanted: does a push to a non-deploy branch create the app?"

# The ssh verbs, interleaved run by run so the machine's other load falls on all of them alike.
echo "ssh help / deploy / apps --json, $runs runs each ..." >&2
: >"$tmp/help.ms"; : >"$tmp/deploy.ms"; : >"$tmp/apps.ms"; : >"$tmp/help-mux.ms"; : >"$tmp/help-kex.ms"
for _ in 1 2; do nap_ssh help >/dev/null; nap_ssh apps --json >/dev/null; done
since=$(date +%s)
for _ in $(seq 1 "$runs"); do
  time_ssh "$tmp/help.ms" help
  time_ssh "$tmp/deploy.ms" deploy "$last" "$rev"
  time_ssh "$tmp/apps.ms" apps --json
  start=$(now_ms)
  # shellcheck disable=SC2086 # option lists
  ssh $NAP_SSH_OPTS $mux "nap@$HOST_IP" help >/dev/null || die "ssh help over the shared connection failed"
  echo $(($(now_ms) - start)) >>"$tmp/help-mux.ms"
  # The client's default key exchange: OpenSSH 9.x offers sntrup761x25519 first, whose key generation (on the
  # client) is most of a connection's cost here; OpenSSH 9.9 and later offer mlkem768x25519 first, which costs
  # about what curve25519 alone does. The row says what that part of every push is, not what nap should use.
  start=$(now_ms)
  # shellcheck disable=SC2086 # option lists
  ssh $NAP_SSH_OPTS -o KexAlgorithms=curve25519-sha256 "nap@$HOST_IP" help >/dev/null || die "ssh help with curve25519 failed"
  echo $(($(now_ms) - start)) >>"$tmp/help-kex.ms"
done
# shellcheck disable=SC2086 # option lists
ssh $mux -O exit "nap@$HOST_IP" 2>/dev/null || true
napd_ms "$tmp/help-napd.ms" "$since" help '\(null\)'
napd_ms "$tmp/deploy-napd.ms" "$since" deploy "$last"
napd_ms "$tmp/apps-napd.ms" "$since" apps '\(null\)'

nap_med=$(median "$tmp/nap.ms")
plain_med=$(median "$tmp/plain.ms")
help_med=$(median "$tmp/help.ms")
echo
echo "Push-to-live of examples/hello on host $HOST_IP (ms; a new app / image per round; napd: its own time, from its journal)"
header "what"
row "by hand: docker build && docker run -p && first 200" "$tmp/plain.ms"
row "  of which docker build && docker run -d" "$tmp/plain-cmd.ms"
row "by hand on a network of its own, as nap runs apps" "$tmp/isolated.ms"
row "  of which network & build && docker run --network" "$tmp/isolated-cmd.ms"
row "by hand, classic builder (DOCKER_BUILDKIT=0)" "$tmp/classic.ms"
row "  of which docker build && docker run -d" "$tmp/classic-cmd.ms"
row "nap: git push nap@host:liveID-N master && first 200" "$tmp/nap.ms" "$tmp/nap-napd.ms"
row "  of which git push (ends with the address line)" "$tmp/nap-push.ms"
row "    push -> Building (ssh, git, napd: unpack, units)" "$tmp/phase-before.ms"
row "    Building -> Starting (the build unit: docker build)" "$tmp/phase-build.ms"
row "    Starting -> Healthy (run unit, container, health)" "$tmp/phase-health.ms"
row "    Healthy -> deployed (nginx switch, record)" "$tmp/phase-switch.ms"
row "    deployed -> git push ends" "$tmp/phase-after.ms"
row "nap over a kept ssh connection (ControlMaster)" "$tmp/kept.ms"
row "nap pushed from Debian 13's ssh client (OpenSSH 10)" "$tmp/modern.ms"
row "by hand on a network made before (an app's, later)" "$tmp/onnet.ms"
row "nap, a redeploy: git push until the new page serves" "$tmp/redeploy.ms"
awk -v n="$nap_med" -v p="$plain_med" -v goal="$goal_live_ms" 'BEGIN {
  over = n - p; printf "nap adds %.0f ms (median) = %.2fx the hand-run with the same builder; goal <= %d ms: %s\n", over, n / p, goal, (over <= goal) ? "met" : "MISSED" }'
awk -v n="$nap_med" -v p="$plain_med" -v i="$(median "$tmp/isolated.ms")" 'BEGIN {
  printf "a network of its own costs the hand-run %.0f ms (median); nap adds %.0f ms over that hand-run\n", i - p, n - i }'
awk -v m="$(median "$tmp/modern.ms")" -v p="$plain_med" -v goal="$goal_live_ms" -v client="${client_ssh%%,*}" 'BEGIN {
  printf "pushed from %s: nap adds %.0f ms (median); goal <= %d ms: %s\n", client, m - p, goal, (m - p <= goal) ? "met" : "MISSED" }'
awk -v o="$(median "$tmp/onnet.ms")" -v p="$plain_med" -v r="$(median "$tmp/redeploy.ms")" 'BEGIN {
  printf "a network made before costs the hand-run %.0f ms (median, %.1f%%); a redeploy: nap adds %.0f ms over that hand-run\n", o - p, 100 * (o - p) / p, r - o }'
echo
echo "Already running and the ssh verbs (ms; ssh verbs interleaved, $runs runs each; git push: one per app)"
header "what"
row "ssh nap@host help (sshd + nap-receive + napd)" "$tmp/help.ms" "$tmp/help-napd.ms"
row "  the same over a kept connection (ControlMaster)" "$tmp/help-mux.ms"
row "  the same, key exchange curve25519 (no sntrup761)" "$tmp/help-kex.ms"
row "git push REV:main, same revision (already running)" "$tmp/again.ms" "$tmp/again-napd.ms"
row "ssh nap@host deploy APP REV (already running)" "$tmp/deploy.ms" "$tmp/deploy-napd.ms"
row "ssh nap@host apps --json ($count apps)" "$tmp/apps.ms" "$tmp/apps-napd.ms"
row "(setup) git push to a non-deploy branch: a new app" "$tmp/filler.ms"
awk -v d="$(median "$tmp/deploy.ms")" -v h="$help_med" -v napd="$(median "$tmp/deploy-napd.ms")" -v goal="$goal_running_ms" 'BEGIN {
  printf "already running: deploy takes %.0f ms over help (median wall), napd %.0f ms; goal <= %d ms of napd time: %s\n", d - h, napd, goal, (napd <= goal) ? "met" : "MISSED" }'
echo "the client's key exchange ($(ssh -V 2>&1 | cut -d, -f1)): $(($(median "$tmp/help.ms") - $(median "$tmp/help-kex.ms"))) ms of each connection over curve25519 alone"
awk -v a="$(median "$tmp/apps.ms")" -v h="$help_med" -v napd="$(median "$tmp/apps-napd.ms")" 'BEGIN {
  printf "apps --json with 50 apps: %.0f ms over help (median wall), napd %.0f ms\n", a - h, napd }'

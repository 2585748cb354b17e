#!/usr/bin/env bash
# What an app on a Swarm cluster costs, and what it keeps through a rollout and a lost worker (issue 14's goals),
# in one run:
#
#   bench/cluster.sh
#
# Hosts, booted from NAP_PUBLISH_DIR (default /tmp/pub-bench) and removed at the end: a single nap host, and a
# cluster: a primary with nap, `nap registry init` and `nap cluster init`, and two workers (no nap) joined with the
# line `nap nodes join-command` prints (scripts/install.sh --node ...).
# 1. Push-to-live: ROUNDS (default 5) pushes of examples/hello as a new app, alternating the single host and the
#    cluster, each until the front door answers 200 with the round's page. On the cluster a push also goes to the
#    registry and the nodes pull it. Goal: the cluster adds <= 1.5 s (median).
# 2. A 3-replica rollout under load: an app at `ps:scale 3`, hey keeping CONNS (default 10) connections at RATE
#    (default 20) requests a second each against the front door while PUSHES (default 3) releases roll. Against the
#    plain alternative: the same image as a Swarm service by hand, 3 replicas on a fixed host-mode port, one per
#    node, `docker service update --image` (stop-first: start-first deadlocks on a fixed host port), the load at
#    one node's port. Goal: 0 failed requests for nap.
# 3. A worker lost under load: the same load on the scaled app; `docker stop` of a worker host. Seconds until the
#    front door's upstream no longer names the lost worker, and until it holds 3 live tasks again (Swarm puts them
#    on the others), and the requests that failed meanwhile. Goal: <= 20 s and 0 failed requests.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/host.sh
source "$here/lib/host.sh"
# shellcheck source-path=SCRIPTDIR source=lib/timing.sh
source "$here/lib/timing.sh"
rounds=${ROUNDS:-5}
pushes=${PUSHES:-3}
conns=${CONNS:-10}
rate=${RATE:-20}
replicas=3
goal_extra_ms=1500
goal_lost_s=20
plain_port=18080

die() { echo "cluster.sh: $*" >&2; exit 1; }
need_tools git curl ssh hey jq

single=nap-bench-$$-single
primary=nap-bench-$$-primary
workers=(nap-bench-$$-w1 nap-bench-$$-w2)
tmp=$(mktemp -d /tmp/nap-bench-cluster.XXXXXX)
trap 'kill -INT "${hey_pid:-}" 2>/dev/null || true; rm -rf "$tmp"; host_down' EXIT

publish=${NAP_PUBLISH_DIR:-/tmp/pub-bench}
host_own "$single" "$publish"
host_own "$primary" "$publish"
for worker in "${workers[@]}"; do
  bench_owned_hosts+=("$worker")
  host_container "$worker" $$
done
host_env "$primary"
primary_ip=$HOST_IP
single_ip=$(host_ip "$single")

# The cluster, as README's "More than one server" sets it up.
in_host nap registry init >"$tmp/registry-init.log" 2>&1 || die "nap registry init failed: $(tail -n1 "$tmp/registry-init.log")"
in_host nap cluster init >"$tmp/cluster-init.log" 2>&1 || die "nap cluster init failed: $(tail -n1 "$tmp/cluster-init.log")"
join=$(in_host nap nodes join-command | grep -m1 -- '--join') || die "nap nodes join-command printed no join line"
for worker in "${workers[@]}"; do
  docker exec "$worker" mkdir -p /opt/nap
  docker cp "$bench_repo/scripts/." "$worker:/opt/nap/scripts"
  # The line names scripts/install.sh; on a worker the repository's scripts are at /opt/nap/scripts.
  docker exec "$worker" bash -c "/opt/nap/scripts/install.sh ${join#*install.sh}" >"$tmp/join.log" 2>&1 \
    || die "the join of $worker failed: $(tail -n1 "$tmp/join.log")"
done
nodes=$(in_host nap nodes --json | jq '[.[] | select(.state == "ready")] | length')
[[ $nodes == 3 ]] || die "the cluster has $nodes ready nodes, not 3: $(in_host nap nodes)"
echo "cluster: $primary ($primary_ip) + ${workers[*]}; single host: $single ($single_ip)" >&2

ssh_to() {
  local ip=$1
  shift
  # shellcheck disable=SC2086,SC2029 # NAP_SSH_OPTS is a list of options; the words go to nap as they are
  ssh $NAP_SSH_OPTS "nap@$ip" "$@"
}

src=$tmp/hello
cp -a "$bench_repo/examples/hello/." "$src/"
git -C "$src" init -q -b master
git -C "$src" add -A
git -C "$src" commit -q -m hello
page() {
  echo "<h1>$1</h1>" >"$src/www/index.html"
  git -C "$src" commit -q -am "$1"
}

# live IP APP PAGE: pushes the checkout to APP on IP and waits until its address answers PAGE; prints the ms.
live() {
  local ip=$1 app=$2 text=$3 start address deadline
  start=$(now_ms)
  git -C "$src" push -q "nap@$ip:$app" HEAD:master >"$tmp/push.log" 2>&1 \
    || die "the push of $app to $ip failed: $(grep -m1 -E '!|error' "$tmp/push.log" || tail -n1 "$tmp/push.log")"
  address=$(grep -oE 'http://[0-9.]+:[0-9]+' "$tmp/push.log" | head -n1)
  [[ -n $address ]] || die "the push of $app printed no address: $(tail -n3 "$tmp/push.log")"
  deadline=$((start + 60000))
  until curl -s --max-time 2 "$address/" | grep -q "$text"; do
    (($(now_ms) < deadline)) || die "$address did not serve '$text' within 60 s"
    sleep 0.02
  done
  echo $(($(now_ms) - start))
}

# Warm-up, not timed: each side has built once, so both start with the base image and their caches.
page warmup
live "$single_ip" warm warmup >/dev/null
live "$primary_ip" warm warmup >/dev/null

echo "push-to-live: $rounds rounds each side, alternating ..." >&2
for round in $(seq 1 "$rounds"); do
  page "single $round"
  live "$single_ip" "live-$round" "single $round" >>"$tmp/single.ms"
  page "cluster $round"
  live "$primary_ip" "live-$round" "cluster $round" >>"$tmp/cluster.ms"
done

# upstream APP: the task addresses in the primary's nginx upstream for APP, one per line.
upstream() {
  in_host sh -c "sed -n '/^upstream nap-$1 /,/^}/p' /etc/nginx/conf.d/nap-$1.conf" | grep -oE 'server [0-9.]+:[0-9]+' | cut -d' ' -f2 || true
}

load_start() {
  hey_out=$tmp/hey-$1.txt
  hey -z 600s -c "$conns" -q "$rate" "$2" >"$hey_out" 2>&1 &
  hey_pid=$!
  sleep 1
}
load_stop() {
  sleep 1
  kill -INT "$hey_pid" 2>/dev/null || die "hey ended before the change did: $(head -n3 "$hey_out")"
  wait "$hey_pid" || true
  hey_pid=""
  grep -q '^Summary:' "$hey_out" || die "hey printed no summary: $(head -n3 "$hey_out")"
}
# failed: requests of the last hey run that were not 2xx, errors included.
failed() {
  awk '/^Status code distribution:/ { s = "status"; next } /^Error distribution:/ { s = "errors"; next }
    s == "status" && match($0, /\[[0-9]+\][ \t]+[0-9]+/) { split(substr($0, RSTART, RLENGTH), f, /[][ \t]+/); if (f[2] !~ /^2/) bad += f[3]; next }
    s == "errors" && match($0, /^[ \t]*\[[0-9]+\]/) { split(substr($0, RSTART, RLENGTH), f, /[][ \t]+/); bad += f[2]; next }
    END { print bad + 0 }' "$hey_out"
}
# ok: the 2xx answers of the last hey run.
ok() {
  awk '/^Status code distribution:/ { s = 1; next } /^[^ \t]/ { s = 0 }
    s && match($0, /\[2[0-9][0-9]\][ \t]+[0-9]+/) { split(substr($0, RSTART, RLENGTH), f, /[][ \t]+/); n += f[3] }
    END { print n + 0 }' "$hey_out"
}

echo "a $replicas-replica rollout under load ..." >&2
page "rolled 0"
live "$primary_ip" rolled "rolled 0" >/dev/null
address=$(grep -oE 'http://[0-9.]+:[0-9]+' "$tmp/push.log" | head -n1)
ssh_to "$primary_ip" ps:scale rolled "$replicas" >"$tmp/scale.log" 2>&1 || die "ps:scale rolled $replicas failed: $(tail -n1 "$tmp/scale.log")"
load_start nap-rollout "$address/"
start=$(now_ms)
for n in $(seq 1 "$pushes"); do
  page "rolled $n"
  git -C "$src" push -q "nap@$primary_ip:rolled" HEAD:master >"$tmp/push.log" 2>&1 || die "push $n of rolled failed: $(tail -n1 "$tmp/push.log")"
done
nap_rollout_s=$(((($(now_ms) - start) + 500) / 1000))
load_stop
nap_rollout_failed=$(failed)
nap_rollout_sent=$(ok)

# The plain alternative: the same image by hand, from the registry nap pushed it to, with the credentials
# `nap registry init` gave the engine (napd's DOCKER_CONFIG).
image=$(in_host docker service inspect "$(in_host docker service ls --filter label=nap.app=rolled --format '{{.Name}}' | tail -n1)" \
  --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}')
in_host env DOCKER_CONFIG=/etc/nap/registry-auth docker service create -q --detach=false --name plain --with-registry-auth --replicas "$replicas" --replicas-max-per-node 1 \
  --publish "mode=host,published=$plain_port,target=8080" --update-order stop-first "$image" >/dev/null \
  || die "docker service create of the plain service failed"
load_start plain-rollout "http://$primary_ip:$plain_port/"
start=$(now_ms)
for n in $(seq 1 "$pushes"); do
  in_host env DOCKER_CONFIG=/etc/nap/registry-auth docker service update -q --detach=false --with-registry-auth --force plain >/dev/null || die "docker service update of plain failed"
done
plain_rollout_s=$(((($(now_ms) - start) + 500) / 1000))
load_stop
plain_rollout_failed=$(failed)
plain_rollout_sent=$(ok)
in_host docker service rm plain >/dev/null

echo "a worker lost under load ..." >&2
lost=${workers[1]}
lost_ip=$(host_ip "$lost")
upstream rolled | grep -qx "$lost_ip:[0-9]*" || die "no task of rolled runs on $lost ($lost_ip): $(upstream rolled | tr '\n' ' ')"
load_start lost "$address/"
start=$(now_ms)
docker stop "$lost" >/dev/null
left_ms="" whole_ms=""
while (($(now_ms) - start < 120000)); do
  addresses=$(upstream rolled)
  if [[ -z $left_ms ]] && ! grep -q "^$lost_ip:" <<<"$addresses"; then left_ms=$(($(now_ms) - start)); fi
  if [[ -n $left_ms ]] && (($(grep -c . <<<"$addresses") == replicas)); then whole_ms=$(($(now_ms) - start)); break; fi
  sleep 0.2
done
load_stop
lost_failed=$(failed)
lost_sent=$(ok)
[[ -n $left_ms ]] || die "the upstream still named $lost_ip 120 s after the worker stopped"

printf '\nPush-to-live of examples/hello (ms; a new app per round, until the front door serves the new page)\n'
printf "%-52s %9s %9s %9s %9s %5s\n" what median mean min max n
printf "%-52s %s\n" "single host: git push && first 200" "$(stats "$tmp/single.ms")"
printf "%-52s %s\n" "cluster (registry push, nodes pull): git push && 200" "$(stats "$tmp/cluster.ms")"
extra=$(($(median "$tmp/cluster.ms") - $(median "$tmp/single.ms")))
verdict=MISSED
((extra <= goal_extra_ms)) && verdict=met
echo "the cluster adds $extra ms (median); goal <= $goal_extra_ms ms: $verdict"

printf '\nUnder load (hey: %s connections, %s requests/s each)\n' "$conns" "$rate"
printf "%-52s %8s %9s %9s\n" what seconds 2xx failed
printf "%-52s %8s %9s %9s\n" "nap: $pushes pushes rolling $replicas replicas" "$nap_rollout_s" "$nap_rollout_sent" "$nap_rollout_failed"
printf "%-52s %8s %9s %9s\n" "plain: $pushes docker service update (stop-first)" "$plain_rollout_s" "$plain_rollout_sent" "$plain_rollout_failed"
printf "%-52s %8s %9s %9s\n" "nap: docker stop of a worker, until upstream left it" "$((left_ms / 1000))" "$lost_sent" "$lost_failed"
printf "%-52s %8s\n" "  until the upstream held $replicas live tasks again" "${whole_ms:+$((whole_ms / 1000))}"
verdict=MISSED
((nap_rollout_failed == 0)) && verdict=met
echo "rollout: $nap_rollout_failed failed requests; goal 0: $verdict"
verdict=MISSED
((left_ms <= goal_lost_s * 1000 && lost_failed == 0)) && verdict=met
echo "worker lost: $((left_ms / 1000)) s and $lost_failed failed requests; goal <= $goal_lost_s s and 0: $verdict"

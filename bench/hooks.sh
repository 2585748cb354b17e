#!/usr/bin/env bash
# Webhook-to-live against push-to-live (issue 15), in one run on one host, for the same kind of change.
#
#   bench/hooks.sh
#
# One app, examples/hello, each round's change a new www/index.html on both sides in turn:
#   push   `git push nap@HOST:APP master` until the app's address serves the new page (push-to-live);
#   hook   the change pushed to the forge first (not timed: that is the forge's part), then the forge's
#          webhook (a GitHub push event, signed with the hook's secret, POSTed to http://HOST/nap/hooks/APP)
#          until the address serves the new page (webhook-to-live: napd answers at once, fetches the revision
#          with the deploy key over ssh, then deploys as a push does).
# The forge is a `forge` user on the same host, reached over ssh (127.0.0.1), its bare repository the one the
# deploy key reads. What the hook side adds is napd's fetch and the answer-before-deploy; the push side's own
# transfer is inside its time. Goal: webhook-to-live at most 0.3 s more than push-to-live (median).
#
# The host: NAP_BENCH_HOST=NAME reuses a running one (bench/lib/host.sh up), else one is booted from
# NAP_PUBLISH_DIR (default /tmp/pub-bench) and removed at the end. ROUNDS (default 5).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/host.sh
source "$here/lib/host.sh"
# shellcheck source-path=SCRIPTDIR source=lib/timing.sh
source "$here/lib/timing.sh"
rounds=${ROUNDS:-5}
goal_ms=300
app=hook$$

die() { echo "hooks.sh: $*" >&2; exit 1; }
need_tools git curl ssh jq openssl

host_up
tmp=$(mktemp -d /tmp/nap-bench-hooks.XXXXXX)
trap 'rm -rf "$tmp"; host_down' EXIT
echo "host $HOST at $HOST_IP" >&2

src=$tmp/hello
cp -a "$bench_repo/examples/hello/." "$src/"
git -C "$src" init -q -b master
git -C "$src" add -A
git -C "$src" commit -q -m hello
page() { echo "<h1>$1</h1>" >"$src/www/index.html"; git -C "$src" commit -q -am "$1"; }

# until_page URL TEXT: waits (bounded, 120 s) until URL serves TEXT.
until_page() {
  local deadline=$(($(now_ms) + 120000))
  until [[ $(curl -s --max-time 2 "$1" || true) == *"$2"* ]]; do
    (($(now_ms) < deadline)) || die "$1 did not serve '$2' within 120 s (hooks:deliveries: $(nap_ssh hooks:deliveries "$app" | tail -n1))"
    sleep 0.02
  done
}

# The first push makes the app (not timed).
git -C "$src" push -q "nap@$HOST_IP:$app" HEAD:master >"$tmp/first.log" 2>&1 || die "the first push failed: see $tmp/first.log"
[[ $(<"$tmp/first.log") =~ deployed:\ (http://[0-9.]+:[0-9]+) ]] || die "the first push printed no address: see $tmp/first.log"
url=${BASH_REMATCH[1]}

# The forge: user `forge` with a bare repository, the deploy key in its authorized_keys.
in_host sh -c 'id forge >/dev/null 2>&1 || { useradd -m -s /bin/sh forge && usermod -p "*" forge; }'
in_host runuser -u forge -- sh -c "rm -rf ~/$app.git && git init -q --bare -b main ~/$app.git && install -d -m 700 ~/.ssh"
nap_ssh hooks:add "$app" --forge github --repo "forge@127.0.0.1:$app.git" --branch main >"$tmp/add.log" || die "hooks:add failed: $(cat "$tmp/add.log")"
secret=$(sed -nE 's/.*Secret:[[:space:]]+([0-9a-f]{64}).*/\1/p' "$tmp/add.log")
grep -o 'ssh-ed25519 .*' "$tmp/add.log" | in_host runuser -u forge -- sh -c 'cat >> ~/.ssh/authorized_keys && chmod 600 ~/.ssh/authorized_keys'
[[ -n $secret ]] || die "hooks:add printed no secret: see $tmp/add.log"

# to_forge: the work tree's HEAD pushed to the forge's main, from inside the host as the forge's user.
to_forge() {
  in_host rm -rf /tmp/forge-src
  docker cp "$src/." "$HOST:/tmp/forge-src"
  in_host chown -R forge /tmp/forge-src
  in_host runuser -u forge -- git -C /tmp/forge-src push -q -f "/home/forge/$app.git" HEAD:refs/heads/main
}

# deliver REVISION ID: a GitHub push event for REVISION, signed; prints the HTTP status.
deliver() {
  local body
  body=$(jq -cn --arg after "$1" --arg repo "forge@127.0.0.1:$app.git" \
    '{ref: "refs/heads/main", before: "0000000000000000000000000000000000000001", after: $after, repository: {ssh_url: $repo, clone_url: $repo}}')
  curl -s -o /dev/null -w '%{http_code}' -X POST "http://$HOST_IP/nap/hooks/$app" -H 'Content-Type: application/json' \
    -H 'X-GitHub-Event: push' -H "X-GitHub-Delivery: $2" \
    -H "X-Hub-Signature-256: sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)" \
    --data-binary "$body"
}

# Warm-up, not timed: one hook deploy, so the forge's host key is known and both paths have run once.
page warmup-hook
to_forge
[[ $(deliver "$(git -C "$src" rev-parse HEAD)" "warmup-$$") == 202 ]] || die "the warm-up delivery was not answered 202"
until_page "$url" warmup-hook

# settled: waits (bounded, 60 s) until only the app's current release runs. Each deploy retires the one before it
# after the pusher has the answer, and the app's next change waits for that: both sides start settled, so neither
# pays for the other's retirement.
settled() {
  local deadline=$(($(now_ms) + 60000))
  until [[ $(in_host docker ps -q --filter "name=nap-$app-" | wc -l) -eq 1 ]]; do
    (($(now_ms) < deadline)) || die "the app's old release still runs 60 s after its switch"
    sleep 0.1
  done
}

echo "$rounds rounds, push and hook in turn ..." >&2
: >"$tmp/push.ms"; : >"$tmp/hook.ms"; : >"$tmp/answer.ms"
for round in $(seq 1 "$rounds"); do
  marker="push $round $RANDOM"
  page "$marker"
  settled
  start=$(now_ms)
  # Until the page serves, as on the hook side: the push's ssh session stays open while the old release drains
  # (drainSeconds), which the pusher waits for and a forge does not.
  git -C "$src" push -q "nap@$HOST_IP:$app" HEAD:master >"$tmp/push-$round.log" 2>&1 &
  pusher=$!
  until_page "$url" "$marker"
  echo $(($(now_ms) - start)) >>"$tmp/push.ms"
  wait "$pusher" || die "push $round failed: see $tmp/push-$round.log"

  marker="hook $round $RANDOM"
  page "$marker"
  to_forge
  settled
  start=$(now_ms)
  status=$(deliver "$(git -C "$src" rev-parse HEAD)" "round-$$-$round")
  echo $(($(now_ms) - start)) >>"$tmp/answer.ms"
  [[ $status == 202 ]] || die "delivery $round was answered $status"
  until_page "$url" "$marker"
  echo $(($(now_ms) - start)) >>"$tmp/hook.ms"
done

row() { printf "%-52s %s\n" "$1" "$(stats "$2")"; }
echo
printf "%-52s %9s %9s %9s %9s %5s\n" "ms, one app (examples/hello), a changed page" median mean min max n
row "push-to-live (git push until the page serves)" "$tmp/push.ms"
row "webhook-to-live (POST until the page serves)" "$tmp/hook.ms"
row "  of which the forge waits for its answer" "$tmp/answer.ms"
extra=$(($(median "$tmp/hook.ms") - $(median "$tmp/push.ms")))
echo
echo "webhook-to-live - push-to-live (medians): ${extra} ms (goal <= $goal_ms ms)"

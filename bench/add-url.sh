#!/usr/bin/env bash
# What napd's own fetch of ADD URLs costs against the engine's fetch (issue 21), in one run on one host.
#
#   bench/add-url.sh
#
# An artifact server (busybox httpd in a container of the machine's engine: a private address, which
# napd.json's addPrivateHosts names as artifacts.bench) serves a new file of SIZE_MB (default 20) of
# random bytes per round and side, so neither side meets a cache. Each round:
# - nap: `git push` of examples/hello with `ADD http://artifacts.bench/FILE /data/`: napd fetches it
#   (checked on its socket), writes it into an image of one layer and the engine COPYs it --from that
#   image. From the push's lines: Fetching -> Building (napd's fetch and import) and Building ->
#   Starting (the engine's build, with its COPY).
# - plain: the same Dockerfile built by hand on the host (`DOCKER_BUILDKIT=1 docker build`): the
#   engine fetches the URL itself, as docker does without nap.
# - both again without the ADD line: what the rest of the build costs, so the ADD's own share shows.
#
# The host: NAP_BENCH_HOST=NAME reuses a running one (bench/lib/host.sh up; the bench adds the name to
# its /etc/hosts and napd.json), else one is booted from NAP_PUBLISH_DIR (default /tmp/pub-bench) and
# removed at the end. ROUNDS (default 5).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/host.sh
source "$here/lib/host.sh"
# shellcheck source-path=SCRIPTDIR source=lib/timing.sh
source "$here/lib/timing.sh"
rounds=${ROUNDS:-5}
size_mb=${SIZE_MB:-20}

die() { echo "add-url.sh: $*" >&2; exit 1; }
need_tools git ssh

host_up
tmp=$(mktemp -d /tmp/nap-bench-add.XXXXXX)
server=nap-bench-artifacts-$$
trap 'docker rm -f "$server" >/dev/null 2>&1 || true; rm -rf "$tmp"; host_down' EXIT
echo "host $HOST at $HOST_IP" >&2

# The artifact server, and the host told its name and that napd may fetch from it.
mkdir -p "$tmp/srv"
docker run -d --name "$server" -v "$tmp/srv:/srv:ro" local/busybox:latest /bin/httpd -f -p 80 -h /srv >/dev/null
artifacts_ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$server")
in_host sh -c "grep -q ' artifacts.bench\$' /etc/hosts || echo '$artifacts_ip artifacts.bench' >> /etc/hosts
  grep -q addPrivateHosts /etc/nap/napd.json || sed -i 's/^{/{ \"addPrivateHosts\": [\"artifacts.bench\"],/' /etc/nap/napd.json
  systemctl restart napd && until test -S /run/nap/napd.sock; do sleep 0.1; done"

row() { printf "%-58s %s\n" "$1" "$(stats "$2")"; }


# dockerfile FILE|"": examples/hello's Dockerfile, with an ADD of FILE when given.
dockerfile() {
  printf 'FROM local/busybox:latest\nCOPY www /www\n'
  [[ -z $1 ]] || printf 'ADD http://artifacts.bench/%s /data/\n' "$1"
  printf 'EXPOSE 8080\nCMD ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]\n'
}

src=$tmp/hello
cp -a "$bench_repo/examples/hello/." "$src/"
git -C "$src" init -q -b master
git -C "$src" add -A
git -C "$src" commit -q -m hello
in_host mkdir -p /root/plain-add

echo "ADD of $size_mb MB: $rounds rounds each side ..." >&2
for f in fetch copy nap-none plain plain-none; do : >"$tmp/$f.ms"; done
for round in $(seq 0 "$rounds"); do
  for side in nap nap-none plain plain-none; do
    file=""
    if [[ $side != *-none ]]; then
      file=$side-$round-$$.bin
      head -c $((size_mb * 1048576)) /dev/urandom >"$tmp/srv/$file"
    fi
    dockerfile "$file" >"$src/Dockerfile"
    echo "<h1>$side $round $RANDOM</h1>" >"$src/www/index.html"
    git -C "$src" commit -q -am "$side $round"
    if [[ $side == nap* ]]; then
      app=add$$-$side-$round
      log=$tmp/push-$side-$round.log
      start=$(now_ms)
      git -C "$src" push "nap@$HOST_IP:$app" HEAD:master 2>&1 | stamp "$start" >"$log" \
        || die "git push of $app failed: $(grep -m1 -E '!|error' "$log" || tail -n1 "$log")"
      building=$(at "$log" '-----> Building') starting=$(at "$log" '-----> Starting')
      # Round 0 warms both sides up (the base image, napd, the artifact server): not counted.
      ((round > 0)) || continue
      if [[ $side == nap ]]; then
        echo $((building - $(at "$log" '-----> Fetching'))) >>"$tmp/fetch.ms"
        echo $((starting - building)) >>"$tmp/copy.ms"
      else
        echo $((starting - building)) >>"$tmp/nap-none.ms"
      fi
      nap_ssh destroy "$app" --force >/dev/null
    else
      dir=/root/plain-add/$side$round
      docker cp "$src/." "$HOST:$dir"
      start=$(now_ms)
      in_host sh -c "DOCKER_BUILDKIT=1 docker build -q -t plain/add:$side$round $dir >/dev/null" \
        || die "the hand-run docker build ($side) failed in round $round"
      ((round > 0)) && echo $(($(now_ms) - start)) >>"$tmp/$side.ms"
      in_host docker rmi -f "plain/add:$side$round" >/dev/null
    fi
    [[ -z $file ]] || rm -f "$tmp/srv/$file"
  done
done

echo
echo "ADD of a $size_mb MB file from a private artifact server napd.json allows (ms; host $HOST_IP, $(nproc) cores)"
printf "%-58s %9s %9s %9s %9s %5s\n" "what" "median" "mean" "min" "max" "n"
row "plain: docker build, the engine fetches the URL" "$tmp/plain.ms"
row "plain: the same build without the ADD" "$tmp/plain-none.ms"
row "nap: napd fetches and imports (Fetching -> Building)" "$tmp/fetch.ms"
row "nap: the engine's build, COPY --from (Building -> Starting)" "$tmp/copy.ms"
row "nap: the same build without the ADD (Building -> Starting)" "$tmp/nap-none.ms"
plain_add=$(($(median "$tmp/plain.ms") - $(median "$tmp/plain-none.ms")))
nap_add=$(($(median "$tmp/fetch.ms") + $(median "$tmp/copy.ms") - $(median "$tmp/nap-none.ms")))
echo "the ADD costs (medians, over the build without it): plain $plain_add ms, nap $nap_add ms ($((nap_add - plain_add)) ms more)"

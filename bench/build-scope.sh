#!/usr/bin/env bash
# What an app's build scope costs a build (issue 12): the build unit's `docker build` with napd's two flags,
#   --build-arg BUILDKIT_CACHE_MOUNT_NS=APP/SCOPE --add-host SCOPE.APP.nap.invalid:127.0.0.1
# against the same command without them, interleaved round by round on one host, so the machine's other load
# falls on both alike. Two Dockerfiles: examples/hello (no RUN step: the flags change nothing but the command
# line), and one with a RUN step and a cache mount (the step is run, the mount read, under the app's scope).
# Each round changes the context, so no build is a whole cache hit; the scope stays one app's, as its pushes do;
# which side builds first alternates.
#
#   bench/build-scope.sh            ROUNDS (default 30); NAP_BENCH_HOST=NAME reuses a host (bench/lib/host.sh up)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/host.sh
source "$here/lib/host.sh"
rounds=${ROUNDS:-30}
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
stats() {
  sort -n "$1" | awk '{ v[NR] = $1; sum += $1 }
    END { med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%9.0f %9.0f %9.0f %9.0f %5d\n", med, sum / NR, v[1], v[NR], NR }'
}

host_up
tmp=$(mktemp -d /tmp/nap-bench-scope.XXXXXX)
trap 'rm -rf "$tmp"; host_down' EXIT
echo "host $HOST at $HOST_IP" >&2

scope=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
flags="--build-arg BUILDKIT_CACHE_MOUNT_NS=bench/$scope --add-host $scope.bench.nap.invalid:127.0.0.1"
in_host mkdir -p /root/scope
docker cp "$bench_repo/examples/hello/." "$HOST:/root/scope/hello"
docker cp "$bench_repo/examples/hello/." "$HOST:/root/scope/run"
in_host sh -c 'cat > /root/scope/run/Dockerfile' <<'DOCKERFILE'
FROM local/busybox:latest
COPY www /www
RUN --mount=type=cache,target=/root/.cache [ -f /root/.cache/dep ] || echo dep > /root/.cache/dep; cp /root/.cache/dep /www/dep.txt
EXPOSE 8080
CMD ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]
DOCKERFILE

# build SIDE DIR ROUND: one build unit's command, as the unit runs it; prints its milliseconds.
build() {
  local side=$1 dir=$2 round=$3 extra="" start
  [[ $side == plain ]] || extra=$flags
  in_host sh -c "echo '$side $round $RANDOM' > /root/scope/$dir/www/round.txt"
  start=$(now_ms)
  # shellcheck disable=SC2086 # the flags are words
  in_host env DOCKER_BUILDKIT=1 docker build --progress=plain -t "bench/scope-$dir:$side" $extra "/root/scope/$dir" >/dev/null 2>&1 \
    || { echo "build-scope.sh: the $side build of $dir failed in round $round" >&2; exit 1; }
  echo $(($(now_ms) - start))
}

for dir in hello run; do for side in plain scoped; do build "$side" "$dir" 0 >/dev/null; done; done
echo "$rounds rounds, interleaved ..." >&2
for round in $(seq 1 "$rounds"); do
  # Each side goes first every other round: a build may still be settling when the next one starts.
  sides="plain scoped"
  ((round % 2)) || sides="scoped plain"
  for dir in hello run; do
    for side in $sides; do build "$side" "$dir" "$round" >>"$tmp/$dir-$side.ms"; done
  done
done

echo
echo "docker build of the build unit on host $HOST_IP (ms; $rounds rounds, interleaved)"
printf "%-58s %9s %9s %9s %9s %5s\n" "what" "median" "mean" "min" "max" "n"
printf "%-58s %s\n" "examples/hello, docker build as before" "$(stats "$tmp/hello-plain.ms")"
printf "%-58s %s\n" "examples/hello, with the app's build scope" "$(stats "$tmp/hello-scoped.ms")"
printf "%-58s %s\n" "a RUN with a cache mount, docker build as before" "$(stats "$tmp/run-plain.ms")"
printf "%-58s %s\n" "a RUN with a cache mount, with the app's build scope" "$(stats "$tmp/run-scoped.ms")"
for dir in hello run; do
  awk -v p="$(stats "$tmp/$dir-plain.ms" | awk '{print $1}')" -v s="$(stats "$tmp/$dir-scoped.ms" | awk '{print $1}')" -v d="$dir" \
    'BEGIN { printf "%s: the scope changes the median build by %+.0f ms (%+.1f%%)\n", d, s - p, 100 * (s - p) / p }'
done

#!/usr/bin/env bash
# What `nap unitgen` costs (issue 2's goal: Native AOT start-up ≤ 15 ms median over /bin/true).
#
#   bench/unitgen.sh [BIN]
#
# 1. Start-up: hyperfine times `nap unitgen --help` and one full translation of a corpus
#    Dockerfile as processes, against /bin/true (the cost of any process at all).
# 2. Throughput: the hidden `nap unitgen --bench ROUNDS CORPUS` parses and renders every corpus
#    Dockerfile ROUNDS times in one process, again through napd's build boundary (issue 12: the
#    references checked, the syntax directive read), and in the same run only reads the same files,
#    the three taking turns round by round; the reading rate is the honest floor to compare with (no other tool translates Dockerfiles
#    into units, and docker build --check needs an engine and BuildKit).
#
# BIN defaults to the Native AOT build, published first (into $NAP_ARTIFACTS, default
# /tmp/nap-bench-artifacts). Needs hyperfine (apt-get install -y hyperfine). The JSON and CSV
# exports stay in $OUT (default a temp dir) for later comparison.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
corpus=$repo/tests/UnitGen.Tests/Corpus
runs=${RUNS:-200}
rounds=${ROUNDS:-200}
goal_ms=15
out=${OUT:-$(mktemp -d /tmp/nap-bench-unitgen.XXXXXX)}

die() { echo "unitgen.sh: $*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
source "$repo/bench/lib/tools.sh"
need_tools hyperfine

bin=${1:-}
if [ -z "$bin" ]; then
  export NAP_ARTIFACTS=${NAP_ARTIFACTS:-/tmp/nap-bench-artifacts}
  echo "publishing nap (Native AOT) into $NAP_ARTIFACTS ..." >&2
  dotnet publish "$repo/src/Cli" -c Release -r linux-x64 -v quiet -nologo >&2
  bin=$NAP_ARTIFACTS/publish/Nap.Cli/release_linux-x64/nap
fi
[ -x "$bin" ] || die "no nap binary at $bin"

hyperfine -N --warmup 20 --runs "$runs" --export-json "$out/startup.json" --export-csv "$out/startup.csv" \
  -n "/bin/true" "/bin/true" \
  -n "nap unitgen --help" "$bin unitgen --help" \
  -n "nap unitgen busybox-httpd (parse+render)" "$bin unitgen $corpus/busybox-httpd" >&2

echo
echo "Start-up (hyperfine, $runs runs each; median is the goal's measure)"
awk -F, -v goal="$goal_ms" 'FNR == 1 { next }
  { name = $1; median = $4 * 1000; mean = $2 * 1000; min = $7 * 1000
    if (base == "") base = median
    over = median - base
    printf "%-44s %10.2f %9.2f %9.2f %12.2f\n", name, median, mean, min, over
    if (name == "nap unitgen --help") verdict = (over <= goal) ? "met" : "MISSED"
    if (name == "nap unitgen --help") help_over = over }
  BEGIN { printf "%-44s %10s %9s %9s %12s\n", "command", "median ms", "mean ms", "min ms", "over true ms" }
  END { printf "goal: nap unitgen --help <= %d ms over /bin/true: %s (%.2f ms)\n", goal, verdict, help_over }' "$out/startup.csv"

result=$("$bin" unitgen --bench "$rounds" "$corpus")
files=$(sed -E 's/.*files=([0-9]+).*/\1/' <<<"$result")
translations=$(sed -E 's/.*translations_per_second=([0-9]+).*/\1/' <<<"$result")
bounded=$(sed -E 's/.*bounded_per_second=([0-9]+).*/\1/' <<<"$result")
reads=$(sed -E 's/.*reads_per_second=([0-9]+).*/\1/' <<<"$result")
echo
echo "Throughput over the corpus ($files Dockerfiles x $rounds rounds, one process)"
printf "%-44s %14s\n" "work per Dockerfile" "per second"
printf "%-44s %14s\n" "read the file only (the floor)" "$reads"
printf "%-44s %14s\n" "read + parse + render build and run units" "$translations"
printf "%-44s %14s\n" "the same within an app's build boundary" "$bounded"
awk -v t="$translations" -v r="$reads" 'BEGIN { printf "translation costs %.1fx a plain read; %.1f us per Dockerfile\n", r / t, 1e6 / t }'
awk -v t="$translations" -v b="$bounded" 'BEGIN { printf "the build boundary (napd) adds %.1f us per Dockerfile (%+.1f%%)\n", 1e6 / b - 1e6 / t, 100 * (t / b - 1) }'
echo "exports: $out"

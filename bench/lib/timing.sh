#!/usr/bin/env bash
# Sourced by the benches that time pushes line by line: the clock, a push's lines stamped, the stats of a column.
# `at` and `time_ssh` call the bench's own `die`; `time_ssh` needs host.sh's `nap_ssh`.

# The clock is bash's own (EPOCHREALTIME): a `date` per reading would load the machine being measured.
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }

# stats FILE: median mean min max of the milliseconds in FILE, one per line.
stats() {
  sort -n "$1" | awk '{ v[NR] = $1; sum += $1 }
    END { med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%9.0f %9.0f %9.0f %9.0f %5d\n", med, sum / NR, v[1], v[NR], NR }'
}
median() { stats "$1" | awk '{ print $1 }'; }

# stamp START_MS: prefixes each line with the milliseconds since START_MS (where a push spends its time).
stamp() {
  local line t
  while IFS= read -r line; do
    t=${EPOCHREALTIME/./}
    printf '%s %s\n' $((t / 1000 - $1)) "$line"
  done
}

# at LOG PATTERN: the stamp of the first line of LOG that matches PATTERN.
at() {
  local ms
  ms=$(awk -v pattern="$2" '$0 ~ pattern { print $1; exit }' "$1")
  [[ -n $ms ]] || die "no line '$2' in the push's output: see $1"
  echo "$ms"
}

# time_ssh FILE ARGS...: one `ssh nap@HOST ARGS...`, its milliseconds appended to FILE.
time_ssh() {
  local file=$1 start
  shift
  start=$(now_ms)
  nap_ssh "$@" >/dev/null || die "ssh nap@$HOST_IP $* failed"
  echo $(($(now_ms) - start)) >>"$file"
}

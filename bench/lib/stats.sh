#!/usr/bin/env bash
# Sourced by the benches that time things: a clock and the summary of a column of milliseconds.

# The clock is bash's own (EPOCHREALTIME): a `date` per reading would load the machine being measured.
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }

# stats FILE: median mean min max count of the numbers in FILE, one per line.
stats() {
  sort -n "$1" | awk '{ v[NR] = $1; sum += $1 }
    END { med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%9.0f %9.0f %9.0f %9.0f %5d\n", med, sum / NR, v[1], v[NR], NR }'
}
median() { stats "$1" | awk '{ print $1 }'; }

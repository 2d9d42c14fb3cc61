#!/usr/bin/env bash
# Speed and memory of regreport on generated data: median wall time and peak memory over several runs.
#
#   bash bench/bench.sh [SCALE] [RUNS]        defaults: SCALE=30, RUNS=5
#
# SCALE multiplies the Norwegian sample: 1 ≈ 3 900 cases; 30 ≈ 117 000 cases, 228 000 forms,
# 340 000 pathway events (35 MB of CSV); 300 ≈ 1.2 million cases, 2.3 million forms, 3.4 million
# pathway events (340 MB). The extract is generated once into bench/out/ and reused.
# Each command runs once to warm the page cache, then RUNS times under /usr/bin/time.
# Set REGREPORT_TRACE=1 to see each SQL statement's time on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-30}
runs=${2:-5}
data="bench/out/no-scale-$scale"
out="bench/out/result-$scale"
[ -f dist/cli/main.js ] || bash scripts/setup.sh
if [ ! -f "$data/registry.yaml" ]; then
  echo "generating $data ..."
  node bin/regreport.js sample --profile no --seed 1 --scale "$scale" --out "$data"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(node --version)"
echo "data: $(du -sh "$data" | cut -f1) in $data"

measure() {
  local label=$1; shift
  "$@" >/dev/null 2>&1 # warm-up
  local times=() mems=()
  for _ in $(seq "$runs"); do
    local line
    /usr/bin/time -o "$out.time" -f '%e %M' "$@" >/dev/null 2>&1
    line=$(tail -1 "$out.time")
    times+=("${line% *}")
    mems+=("${line#* }")
  done
  local mid=$(( (runs + 1) / 2 ))
  local t m
  t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "${mid}p")
  m=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n "${mid}p")
  printf '%-10s median %6.2f s   median peak memory %5d MiB   (runs: %s)\n' "$label" "$t" $((m / 1024)) "${times[*]}"
}

mkdir -p "$out"
measure validate node bin/regreport.js validate --data "$data"
measure metrics node bin/regreport.js metrics --data "$data" --out "$out"

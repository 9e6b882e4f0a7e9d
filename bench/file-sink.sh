#!/usr/bin/env bash
# File sinks at full speed: one shard (one thread) per generator × file format, writing to a temp
# directory, beside the null sink with the same generator (JSON) in the same run, as a ratio.
# Usage: bench/file-sink.sh [SECONDS] [ROUNDS]   (defaults 10 and 2; prints a Markdown table)
# JAR=path/to/loadfleet-worker.jar compares another build.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
rounds=${2:-2}
jar=${JAR:-worker/target/loadfleet-worker.jar}
[ -f "$jar" ] || ./mvnw -q -B package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run GENERATOR SINK_YAML [--sink-null]: prints "records/s bytes-on-disk"
run() {
  rm -rf "$work/out"
  cat > "$work/p.yaml" <<YAML
apiVersion: loadfleet.io/v1alpha1
kind: LoadProfile
metadata: {name: bench-$1}
spec:
  targetRate: 1
  devices: {count: 100000}
  generator: {type: $1, seed: 1}
  sink: $2
YAML
  java -jar "$jar" run "$work/p.yaml" "${@:3}" --max-rate --replicas 1 --duration "${seconds}s" \
    --summary "$work/s.json" > /dev/null
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['achievedRate'])" "$work/s.json"
  du -sb "$work/out" 2>/dev/null | cut -f1 || echo 0
}

echo "| generator | sink | records/s per round (1 thread) | mean | ratio to null sink | on disk, bytes/record |"
echo "|---|---|---|---:|---:|---:|"
for gen in iot-sensor transaction; do
  declare -A rates=() sizes=()
  for round in $(seq "$rounds"); do
    for sink in null csv jsonl parquet; do
      if [ "$sink" = null ]; then
        out=$(run "$gen" "{kafka: {topic: unused}}" --sink-null)
      else
        out=$(run "$gen" "{file: {path: $work/out, format: $sink}}")
      fi
      rate=$(echo "$out" | sed -n 1p)
      rates[$sink]="${rates[$sink]:-} $rate"
      sizes[$sink]=$(python3 -c "import sys; print(int(sys.argv[1]) / (float(sys.argv[2]) * $seconds))" \
        "$(echo "$out" | sed -n 2p)" "$rate")
    done
  done
  python3 - "$gen" "${rates[null]}" "${rates[csv]}" "${rates[jsonl]}" "${rates[parquet]}" \
    "${sizes[csv]}" "${sizes[jsonl]}" "${sizes[parquet]}" <<'PY'
import sys
gen, null, *rest = sys.argv[1:]
rates = [null] + rest[:3]
sizes = [None] + rest[3:]
mean = lambda s: sum(map(float, s.split())) / len(s.split())
base = mean(null)
for sink, r, size in zip(["null (JSON)", "csv", "jsonl", "parquet"], rates, sizes):
    each = " · ".join(f"{float(x):,.0f}" for x in r.split())
    print(f"| {gen} | {sink} | {each} | {mean(r):,.0f} | {mean(r) / base:.2f} | {'' if size is None else f'{float(size):.0f}'} |")
PY
done

#!/usr/bin/env bash
# Generation + encoding alone: one shard (one thread) per generator × format, null sink, max rate.
# Usage: bench/null-sink.sh [SECONDS]   (default 10; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
jar=worker/target/loadfleet-worker.jar
[ -f "$jar" ] || ./mvnw -q -B package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| generator | format | records/s (1 thread) | bytes/record |"
echo "|---|---|---:|---:|"
for gen in smart-meter iot-sensor transaction gaming-bet temperature; do
  for format in json avro; do
    cat > "$work/p.yaml" <<YAML
apiVersion: loadfleet.io/v1alpha1
kind: LoadProfile
metadata: {name: bench-$gen}
spec:
  targetRate: 1
  devices: {count: 100000}
  generator: {type: $gen, seed: 1}
  format: $format
  sink: {kafka: {topic: unused}}
YAML
    java -jar "$jar" run "$work/p.yaml" --sink-null --max-rate --replicas 1 --duration "${seconds}s" \
      --summary "$work/s.json" > /dev/null
    python3 - "$work/s.json" "$gen" "$format" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"| {sys.argv[2]} | {sys.argv[3]} | {s['achievedRate']:,.0f} | {s['meanValueBytes']:.0f} |")
PY
  done
done

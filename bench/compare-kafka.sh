#!/usr/bin/env bash
# loadfleet `run --max-rate` beside kafka-producer-perf-test, on the same local broker, same
# settings (acks=all, linger.ms=5, batch.size=131072, lz4, 6 partitions), alternating runs.
# Usage: bench/compare-kafka.sh [ROUNDS] [SHARDS]   (defaults 2 and 1; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
shards=${2:-1}
records=4000000
seconds=15
port=19092
jar=worker/target/loadfleet-worker.jar
[ -f "$jar" ] || ./mvnw -q -B install -DskipTests
source bench/lib.sh

./mvnw -q -B -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp=$(cat "$work/cp.txt")

start_broker java -jar "$jar" broker --port "$port"
bootstrap=127.0.0.1:$port

java -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
  --topic perf-peer --partitions 6 --replication-factor 1 >/dev/null

cat > "$work/profile.yaml" <<YAML
apiVersion: loadfleet.io/v1alpha1
kind: LoadProfile
metadata: {name: bench-kafka}
spec:
  targetRate: 1000
  devices: {count: 100000}
  generator: {type: iot-sensor, seed: 1}
  format: avro
  sink:
    kafka: {topic: perf-loadfleet, partitions: 6, acks: "all", compression: lz4, lingerMs: 5, batchSize: 131072}
YAML

peer_rates=()
ours_rates=()
for round in $(seq "$rounds"); do
  peer=$(java -cp "$cp" org.apache.kafka.tools.ProducerPerformance --topic perf-peer --num-records "$records" \
    --record-size 200 --throughput -1 --producer-props bootstrap.servers="$bootstrap" acks=all linger.ms=5 \
    batch.size=131072 compression.type=lz4 2>/dev/null | tail -1 | sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/')
  peer_rates+=("$peer")
  java -jar "$jar" run "$work/profile.yaml" --bootstrap-servers "$bootstrap" --max-rate --replicas "$shards" \
    --duration "${seconds}s" --summary "$work/s.json" >/dev/null
  ours=$(python3 -c "import json;print(json.load(open('$work/s.json'))['achievedRate'])")
  bytes=$(python3 -c "import json;print(json.load(open('$work/s.json'))['meanValueBytes'])")
  ours_rates+=("$ours")
  echo "round $round: kafka-producer-perf-test $peer rec/s (200 B random values); loadfleet $ours rec/s (iot-sensor avro, $bytes B values + key + identity header, $shards shard(s))" >&2
done
python3 - "${peer_rates[*]}" "${ours_rates[*]}" "$shards" <<'PY'
import sys
peer = [float(x) for x in sys.argv[1].split()]
ours = [float(x) for x in sys.argv[2].split()]
mp, mo = sum(peer) / len(peer), sum(ours) / len(ours)
print("| tool | records/s (mean of %d runs) |" % len(peer))
print("|---|---:|")
print(f"| kafka-producer-perf-test (200 B) | {mp:,.0f} |")
print(f"| loadfleet run --max-rate ({sys.argv[3]} shard(s), iot-sensor avro) | {mo:,.0f} |")
print(f"| ratio loadfleet / peer | {mo / mp:.2f}x |")
PY

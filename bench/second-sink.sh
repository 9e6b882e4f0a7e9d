#!/usr/bin/env bash
# What a second sink costs: CPU time per record (user + system, whole process, steady state) of
# `loadfleet run` at a fixed rate, 1 shard, iot-sensor Avro to Kafka alone and with a file sink beside it
# (parquet, jsonl), with kafka-producer-perf-test at the same rate on the same broker as the peer, alternating.
# Usage: bench/second-sink.sh [RATE] [SECONDS] [ROUNDS]   (defaults 20000, 20, 2; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-20000}
seconds=${2:-20}
rounds=${3:-2}
port=19093
jar=worker/target/loadfleet-worker.jar
[ -f "$jar" ] || ./mvnw -q -B install -DskipTests
source bench/lib.sh

./mvnw -q -B -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp=$(cat "$work/cp.txt")
start_broker java -jar "$jar" broker --port "$port"
bootstrap=127.0.0.1:$port
java -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
  --topic perf-peer --partitions 6 --replication-factor 1 >/dev/null

# cpu RECORDS_PER_SECOND COMMAND...: the command's steady-state CPU time per record, in µs (bench/lib.sh)
cpu() {
  steady_cpu "$seconds" "$1" /dev/null "${@:2}"
}

# profile NAME FILE_SINK: a profile sending to Kafka, and to files too when FILE_SINK is not empty
profile() {
  cat > "$work/$1.yaml" <<YAML
apiVersion: loadfleet.io/v1alpha1
kind: LoadProfile
metadata: {name: bench-$1}
spec:
  targetRate: $rate
  replicas: 1
  devices: {count: 100000}
  generator: {type: iot-sensor, seed: 1}
  format: avro
  sink:
    kafka: {topic: perf-$1, partitions: 6, acks: "1", compression: lz4, lingerMs: 5, batchSize: 131072}
$2
YAML
}
profile kafka ""
profile parquet "    file: {path: $work/out, format: parquet}"
profile jsonl "    file: {path: $work/out, format: jsonl}"

declare -A runs=()
records=$((rate * seconds))
for round in $(seq "$rounds"); do
  runs[peer]="${runs[peer]:-} $(cpu "$rate" java -cp "$cp" org.apache.kafka.tools.ProducerPerformance \
    --topic perf-peer --num-records "$records" --record-size 200 --throughput "$rate" \
    --producer-props bootstrap.servers="$bootstrap" acks=1 linger.ms=5 batch.size=131072 compression.type=lz4)"
  for name in kafka parquet jsonl; do
    rm -rf "$work/out"
    runs[$name]="${runs[$name]:-} $(cpu "$rate" java -jar "$jar" run "$work/$name.yaml" \
      --bootstrap-servers "$bootstrap" --duration "${seconds}s")"
  done
  echo "round $round done" >&2
done

python3 - "$rate" "${runs[peer]}" "${runs[kafka]}" "${runs[parquet]}" "${runs[jsonl]}" <<'PY'
import sys
rate, peer, kafka, parquet, jsonl = sys.argv[1], *sys.argv[2:]
mean = lambda s: sum(map(float, s.split())) / len(s.split())
print(f"| at {int(rate):,} msg/s, 1 shard | µs CPU per record, steady state (rounds) | mean | × kafka-producer-perf-test | × Kafka alone |")
print("|---|---|---:|---:|---:|")
for name, runs in [("kafka-producer-perf-test, 200 B", peer), ("loadfleet: Kafka alone", kafka),
                   ("loadfleet: Kafka + Parquet files", parquet), ("loadfleet: Kafka + JSON lines", jsonl)]:
    print(f"| {name} | {' · '.join(runs.split())} | {mean(runs):.2f} | {mean(runs) / mean(peer):.2f}× | "
          f"{mean(runs) / mean(kafka):.2f}× |")
PY

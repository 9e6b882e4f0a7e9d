#!/usr/bin/env bash
# CPU per message at a fixed rate, side by side with the peer tools (issue 22): `loadfleet run` (1 shard,
# iot-sensor Avro) and the peer (kafka-producer-perf-test, pulsar-perf: 200-byte records) alternately at each
# rate on the same broker, each process's steady-state CPU time (user + system, bench/lib.sh steady_cpu) divided
# by the records of that span. Producer settings are the same on both sides:
#   Kafka:  acks=1, lz4, linger 5 ms, batch 128 KiB, 6 partitions (the broker: `loadfleet-worker.jar broker`)
#   Pulsar: LZ4, batching 5 ms / 1000 messages / 128 KiB, 4 partitions, a key and event time on every message
#           (pulsar-perf -mk random -set; loadfleet sets both always), on a local Pulsar standalone
# CPU per message is only comparable when both reach the rate: the table gives each side's achieved rate.
# SETTLE=60 with SECONDS=92 measures from 60 to 91 s, once the JIT compilers have settled (what a pod that runs
# for hours costs); the default measures from 5 s, JIT compilation included.
# Usage: bench/cpu-per-message.sh [SECONDS] [ROUNDS] [RATES...]   (defaults 20, 2, 20000 60000 200000)
# BROKERS=kafka or BROKERS=pulsar runs one only (default both); JAR=path/to/loadfleet-worker.jar measures
# another build of loadfleet. SAME_DATA=1 makes the peer send loadfleet's own records (100,000 iot-sensor records as
# JSON lines, from `loadfleet sample`, picked at random by the peer's --payload-file) and loadfleet send JSON: the
# same bytes on both sides, so what remains between them is generating and encoding each record live.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
rounds=${2:-2}
rates=("${@:3}")
[ ${#rates[@]} -gt 0 ] || rates=(20000 60000 200000)
brokers=${BROKERS:-kafka pulsar}
jar=${JAR:-worker/target/loadfleet-worker.jar}
standalone=testing/pulsar-standalone/target/classes/io/loadfleet/pulsar/broker.classpath
[ -f "$jar" ] && [ -f "$standalone" ] || ./mvnw -q -B install -DskipTests
source bench/lib.sh
results=$work/results.txt # BROKER RATE TOOL µs-PER-MESSAGE ACHIEVED-RATE, a line a run
touch "$results"
format=avro
kafka_payload=(--record-size 200)
pulsar_payload=(-s 200)
if [ -n "${SAME_DATA:-}" ]; then
  format=json
  java -jar "$jar" sample iot-sensor --count 100000 --devices 100000 > "$work/records.jsonl"
  kafka_payload=(--payload-file "$work/records.jsonl")
  pulsar_payload=(-f "$work/records.jsonl")
fi

# profile RATE SINK_YAML: a 1-shard iot-sensor Avro profile at RATE in $work/profile.yaml
profile() {
  cat > "$work/profile.yaml" <<YAML
apiVersion: loadfleet.io/v1alpha1
kind: LoadProfile
metadata: {name: bench-cpu}
spec:
  targetRate: $1
  maxRatePerPod: $1
  replicas: 1
  devices: {count: 100000}
  generator: {type: iot-sensor, seed: 1}
  format: $format
  sink:
$2
YAML
}

# ours BROKER RATE CONNECT-ARGS...: one run of loadfleet, recorded in $results
ours() {
  local broker=$1 rate=$2 cpu achieved; shift 2
  cpu=$(steady_cpu "$seconds" "$rate" "$work/ours.log" java -jar "$jar" run "$work/profile.yaml" "$@" \
    --duration "${seconds}s" --summary "$work/s.json")
  achieved=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['achievedRate'])" "$work/s.json")
  echo "$broker $rate loadfleet $cpu $achieved" >> "$results"
}

# peer BROKER RATE SED-EXPRESSION DIVISOR COMMAND...: one run of the peer, recorded in $results; its achieved rate
# is what SED-EXPRESSION prints from the last line it matches in the peer's output, divided by DIVISOR
peer() {
  local broker=$1 rate=$2 pattern=$3 divisor=$4 cpu achieved; shift 4
  cpu=$(steady_cpu "$seconds" "$rate" "$work/peer.log" "$@")
  achieved=$(sed -nE "$pattern" "$work/peer.log" | tail -1)
  [ -n "$achieved" ] || { tail -20 "$work/peer.log" >&2; exit 1; }
  echo "$broker $rate peer $cpu $(python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$achieved" "$divisor")" \
    >> "$results"
}

kafka() {
  local port=19095 bootstrap=127.0.0.1:19095 cp
  ./mvnw -q -B -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
  cp=$(cat "$work/cp.txt")
  start_broker java -jar "$jar" broker --port "$port"
  java -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
    --topic perf-peer --partitions 6 --replication-factor 1 >/dev/null
  for rate in "${rates[@]}"; do
    profile "$rate" "    kafka: {topic: perf-cpu, partitions: 6, acks: \"1\", compression: lz4, lingerMs: 5, batchSize: 131072}"
    for round in $(seq "$rounds"); do
      peer kafka "$rate" 's/.* records sent, ([0-9.]+) records\/sec.*/\1/p' 1 java -cp "$cp" \
        org.apache.kafka.tools.ProducerPerformance --topic perf-peer --num-records $((rate * seconds)) \
        "${kafka_payload[@]}" --throughput "$rate" \
        --producer-props bootstrap.servers="$bootstrap" acks=1 linger.ms=5 batch.size=131072 compression.type=lz4
      ours kafka "$rate" --bootstrap-servers "$bootstrap"
      echo "kafka $rate msg/s round $round: $(tail -2 "$results" | cut -d' ' -f3- | paste -sd' ')" >&2
    done
  done
  stop_broker
}

pulsar() {
  start_pulsar
  for rate in "${rates[@]}"; do
    profile "$rate" "    pulsar:
      topic: perf-cpu
      partitions: 4
      adminUrl: $admin_url
      compression: LZ4
      batching: {enabled: true, maxDelayMs: 5, maxMessages: 1000, maxBytes: 131072}"
    for round in $(seq "$rounds"); do
      # pulsar-perf's own aggregated rate divides by its whole life, a 10-s wait at shutdown included: its
      # count over -time is the figure, divided by the seconds it sent for
      peer pulsar "$rate" 's/.*Aggregated throughput stats --- ([0-9]+) records sent --- .*/\1/p' "$seconds" \
        java -cp "$cp" org.apache.pulsar.testclient.PulsarPerfTestTool "$work/client.conf" produce \
        -u "$service_url" -au "$admin_url" -np 4 -r "$rate" -time "$seconds" -z LZ4 -b 5 -bm 1000 -bb 131072 \
        -mk random -set "${pulsar_payload[@]}" persistent://public/default/perf-peer
      ours pulsar "$rate" --service-url "$service_url"
      echo "pulsar $rate msg/s round $round: $(tail -2 "$results" | cut -d' ' -f3- | paste -sd' ')" >&2
    done
  done
  stop_broker
}

for broker in $brokers; do
  "$broker"
done

python3 - "$results" "$format" <<'PY'
import collections, sys
same = sys.argv[2] == "json"
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    broker, rate, tool, cpu, achieved = line.split()
    runs[broker, int(rate), tool].append((float(cpu), float(achieved)))
data = "loadfleet's records" if same else "200 B"
names = {("kafka", "peer"): f"kafka-producer-perf-test, {data}", ("pulsar", "peer"): f"pulsar-perf, {data}"}
ours = f"loadfleet, iot-sensor {'JSON' if same else 'Avro'}"
mean = lambda xs: sum(xs) / len(xs)
# The median of the rounds: a round that another process on the shared machine disturbed moves it least.
median = lambda xs: sorted(xs)[len(xs) // 2] if len(xs) % 2 else mean(sorted(xs)[len(xs) // 2 - 1:len(xs) // 2 + 1])
print("| broker | tool | rate, msg/s | µs CPU per message, steady state (rounds) | median | × peer | achieved msg/s (median) |")
print("|---|---|---:|---|---:|---:|---:|")
for broker, rate, tool in sorted(runs, key=lambda k: (k[0], k[1], k[2] != "peer")):
    rows = runs[broker, rate, tool]
    peer = median([cpu for cpu, _ in runs[broker, rate, "peer"]])
    cpu = median([c for c, _ in rows])
    print(f"| {broker} | {names.get((broker, tool), ours)} | {rate:,} | "
          f"{' · '.join(f'{c:.2f}' for c, _ in rows)} | {cpu:.2f} | {cpu / peer:.2f}× | {median([a for _, a in rows]):,.0f} |")
PY

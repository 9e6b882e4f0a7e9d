#!/usr/bin/env bash
# CPU time per message of `loadfleet run` with bare Avro values and with values framed for a schema
# registry (sink.kafka.schemaRegistry, a real Apicurio Registry on loopback), beside
# kafka-producer-perf-test at the same fixed rate, alternating, on one local broker: whole process
# (user + system, JVM start-up included) divided by the records sent. Same producer settings for all
# (acks=1, lz4, linger.ms=5, batch.size=131072, 6 partitions).
# Usage: bench/cpu-registry-framing.sh [RATE] [SECONDS] [ROUNDS]   (defaults 60000 30 3; prints a Markdown table)
set -euo pipefail
rate=${1:-60000}
seconds=${2:-30}
rounds=${3:-3}
cd "$(dirname "$0")/.."
jar=worker/target/loadfleet-worker.jar
[ -f "$jar" ] || ./mvnw -q -B install -DskipTests
./mvnw -q -B -pl testing/schema-registry -am install -DskipTests -Dlocal-cluster.skip=true
source bench/lib.sh
./mvnw -q -B -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp=$(cat "$work/cp.txt")

port=19095
start_broker java -jar "$jar" broker --port "$port"
bootstrap=127.0.0.1:$port
java -cp testing/schema-registry/target/classes:testing/child-jvm/target/classes \
  io.loadfleet.registry.ApicurioRegistry > "$work/registry.log" 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null; wait $registry_pid 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 240); do grep -q "ready" "$work/registry.log" && break; sleep 0.5; done
registry=$(sed -nE 's/.* ready: (http[^ ]+ccompat\/v7).*/\1/p' "$work/registry.log")
[ -n "$registry" ] || { cat "$work/registry.log" >&2; exit 1; }

java -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
  --topic perf-peer --partitions 6 --replication-factor 1 >/dev/null

profile() { # profile TOPIC EXTRA_KAFKA_FIELDS
  cat <<YAML
apiVersion: loadfleet.io/v1alpha1
kind: LoadProfile
metadata: {name: bench-framing}
spec:
  targetRate: $rate
  maxRatePerPod: $rate
  devices: {count: 100000}
  generator: {type: iot-sensor, seed: 1}
  format: avro
  sink:
    kafka: {topic: $1, partitions: 6, acks: "1", compression: lz4, lingerMs: 5, batchSize: 131072$2}
YAML
}
profile perf-bare "" > "$work/bare.yaml"
profile perf-framed ", schemaRegistry: {url: \"$registry\"}" > "$work/framed.yaml"

# cpu_seconds COMMAND...: runs it, prints its user + system CPU seconds
cpu_seconds() {
  /usr/bin/time -f "%U %S" -o "$work/time.txt" "$@" >/dev/null 2>&1
  awk '{print $1 + $2}' "$work/time.txt"
}
ours() { # ours PROFILE: µs of CPU per sent record
  local cpu
  cpu=$(cpu_seconds java -jar "$jar" run "$1" --bootstrap-servers "$bootstrap" --replicas 1 \
    --duration "${seconds}s" --summary "$work/s.json")
  python3 -c "import json,sys; print(f'{float(sys.argv[1]) * 1e6 / json.load(open(sys.argv[2]))[\"sent\"]:.2f}')" \
    "$cpu" "$work/s.json"
}
peer() { # µs of CPU per record of kafka-producer-perf-test at the same rate and duration
  local records=$((rate * seconds)) cpu
  cpu=$(cpu_seconds java -cp "$cp" org.apache.kafka.tools.ProducerPerformance --topic perf-peer \
    --num-records "$records" --record-size 200 --throughput "$rate" --producer-props bootstrap.servers="$bootstrap" \
    acks=1 linger.ms=5 batch.size=131072 compression.type=lz4)
  python3 -c "import sys; print(f'{float(sys.argv[1]) * 1e6 / int(sys.argv[2]):.2f}')" "$cpu" "$records"
}

peers=(); bares=(); framed=()
for round in $(seq "$rounds"); do
  peers+=("$(peer)")
  bares+=("$(ours "$work/bare.yaml")")
  framed+=("$(ours "$work/framed.yaml")")
  echo "round $round: kafka-producer-perf-test ${peers[-1]}, bare ${bares[-1]}, framed ${framed[-1]} µs/msg" >&2
done
python3 - "${peers[*]}" "${bares[*]}" "${framed[*]}" "$rate" "$seconds" <<'PY'
import sys
runs = [[float(x) for x in a.split()] for a in sys.argv[1:4]]
mean = [sum(r) / len(r) for r in runs]
print(f"| process | CPU µs per message at {int(sys.argv[4]):,} msg/s for {sys.argv[5]} s (runs) | mean | × peer |")
print("|---|---|---:|---:|")
names = ["kafka-producer-perf-test (200 B)", "loadfleet, bare Avro (iot-sensor)", "loadfleet, registry-framed Avro"]
for name, r, m in zip(names, runs, mean):
    print(f"| {name} | {', '.join(f'{x:.2f}' for x in r)} | {m:.2f} | {m / mean[0]:.2f}x |")
print(f"| framed / bare | | {mean[2] / mean[1]:.3f}x | |")
PY

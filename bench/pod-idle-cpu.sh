#!/usr/bin/env bash
# What an idle or slow pod costs (issue 22): a `loadfleet worker` pod, as the operator runs it, before its first
# assignment, paused, and at 100 msg/s (iot-sensor Avro, 1 shard), beside the peer tool at 100 msg/s on the same
# broker with the same producer settings as bench/cpu-per-message.sh. Each figure is the process's CPU (user +
# system, all threads, from /proc) in % of one core over MEASURE s after SETTLE s in that state, and the same
# without the JIT compiler threads (which at 100 msg/s keep compiling for minutes, then stop).
# Usage: bench/pod-idle-cpu.sh [SETTLE] [MEASURE]   (defaults 30 30); BROKERS=kafka or pulsar runs one only;
# JAR=path/to/loadfleet-worker.jar measures another build.
set -euo pipefail
cd "$(dirname "$0")/.."
settle=${1:-30}
measure=${2:-30}
brokers=${BROKERS:-kafka pulsar}
jar=${JAR:-worker/target/loadfleet-worker.jar}
standalone=testing/pulsar-standalone/target/classes/io/loadfleet/pulsar/broker.classpath
[ -f "$jar" ] && [ -f "$standalone" ] || ./mvnw -q -B install -DskipTests
source bench/lib.sh
port=18090

# cpu PID LABEL: waits $settle s, then prints "LABEL | % of a core | without JIT" over $measure s
cpu() {
  python3 - "$1" "$2" "$settle" "$measure" <<'PY'
import os, sys, time
pid, label, settle, measure = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
tick = os.sysconf("SC_CLK_TCK")
def used():
    total = jit = 0.0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            name = open(f"/proc/{pid}/task/{task}/comm").read()
            fields = open(f"/proc/{pid}/task/{task}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a thread that ended meanwhile
        t = (int(fields[11]) + int(fields[12])) / tick
        total += t
        jit += t if "Compiler" in name else 0
    return total, jit
time.sleep(settle)
(a, ja), ta = used(), time.monotonic()
time.sleep(measure)
(b, jb), tb = used(), time.monotonic()
span = tb - ta
print(f"| {label} | {100 * (b - a) / span:.2f} % | {100 * ((b - a) - (jb - ja)) / span:.2f} % |")
PY
}

# assign EPOCH RATE PAUSED: the operator's PUT /assignment for the whole device range, effective now
assign() {
  local now=$(($(date +%s%3N) + 300))
  curl -sf -X PUT "localhost:$port/assignment" -d "{\"epoch\":$1,\"shard\":0,\"shards\":1,\"rate\":$2,\
\"deviceStart\":0,\"deviceEnd\":100000,\"stages\":[],\"startTimeMillis\":$now,\"endTimeMillis\":null,\
\"paused\":$3,\"effectiveTimeMillis\":$now,\"count\":null}" >/dev/null
}

# pod BROKER SINK-YAML CONNECT-ARGS...: a worker pod idle, at 100 msg/s and paused, then stopped
pod() {
  local broker=$1 sink=$2 pid; shift 2
  printf 'profile: bench-idle\ngenerator: {type: iot-sensor, seed: 1}\nformat: avro\nsink:\n%s\n' "$sink" > "$work/worker.yaml"
  java -jar "$jar" worker --config "$work/worker.yaml" --port "$port" "$@" > "$work/pod.log" 2>&1 &
  pid=$!
  for _ in $(seq 120); do curl -sf "localhost:$port/status" >/dev/null && break; sleep 0.5; done
  cpu "$pid" "$broker | loadfleet worker, no assignment yet"
  assign 1 100 false
  cpu "$pid" "$broker | loadfleet worker, 100 msg/s"
  assign 2 100 true
  cpu "$pid" "$broker | loadfleet worker, paused"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# peer BROKER LABEL COMMAND...: the peer at 100 msg/s for $settle + $measure + 5 s
peer() {
  local broker=$1 label=$2 pid; shift 2
  "$@" > "$work/peer.log" 2>&1 &
  pid=$!
  cpu "$pid" "$broker | $label, 100 msg/s"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
}

kafka() {
  local bootstrap=127.0.0.1:19094 cp
  ./mvnw -q -B -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
  cp=$(cat "$work/cp.txt")
  start_broker java -jar "$jar" broker --port 19094
  pod kafka "  kafka: {topic: idle-cpu, partitions: 6, acks: \"1\", compression: lz4, lingerMs: 5, batchSize: 131072}" \
    --bootstrap-servers "$bootstrap"
  java -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
    --topic idle-peer --partitions 6 --replication-factor 1 >/dev/null
  peer kafka kafka-producer-perf-test java -cp "$cp" org.apache.kafka.tools.ProducerPerformance --topic idle-peer \
    --num-records $((100 * (settle + measure + 5))) --record-size 200 --throughput 100 \
    --producer-props bootstrap.servers="$bootstrap" acks=1 linger.ms=5 batch.size=131072 compression.type=lz4
  stop_broker
}

pulsar() {
  start_pulsar
  pod pulsar "  pulsar:
    topic: idle-cpu
    partitions: 4
    adminUrl: $admin_url
    compression: LZ4
    batching: {enabled: true, maxDelayMs: 5, maxMessages: 1000, maxBytes: 131072}" --service-url "$service_url"
  peer pulsar pulsar-perf java -cp "$cp" org.apache.pulsar.testclient.PulsarPerfTestTool "$work/client.conf" produce \
    -u "$service_url" -au "$admin_url" -np 4 -r 100 -time $((settle + measure + 5)) -z LZ4 -b 5 -bm 1000 \
    -bb 131072 -mk random -set -s 200 persistent://public/default/idle-peer
  stop_broker
}

echo "| broker | process, state | CPU, % of one core | without the JIT compiler threads |"
echo "|---|---|---:|---:|"
for broker in $brokers; do
  "$broker"
done

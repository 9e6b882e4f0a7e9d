#!/usr/bin/env bash
# How fast one verifier consumes: `loadfleet verify` (the ledger live verify shares) beside
# kafka-consumer-perf-test on the same topic of loadfleet records, alternating, on one local broker;
# then the ledger's heap per million tracked records.
# Both rates are records over the whole process's wall time (JVM start-up and connecting included);
# verify's idle wait at the end (--idle 1s) is taken off.
# Usage: bench/verify-throughput.sh [SECONDS_OF_LOAD] [ROUNDS]   (defaults 20 and 3; prints Markdown tables)
set -euo pipefail
seconds=${1:-20}
rounds=${2:-3}
cd "$(dirname "$0")/.."
jar=worker/target/loadfleet-worker.jar
./mvnw -q -B -pl benchmarks -am package -DskipTests -Dlocal-cluster.skip=true
source bench/lib.sh
./mvnw -q -B -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp=$(cat "$work/cp.txt")
port=19097
start_broker java -jar "$jar" broker --port "$port"
bootstrap=127.0.0.1:$port

cat > "$work/fill.yaml" <<YAML
apiVersion: loadfleet.io/v1alpha1
kind: LoadProfile
metadata: {name: bench-verify}
spec:
  targetRate: 1000
  devices: {count: 100000}
  generator: {type: iot-sensor, seed: 1}
  format: avro
  sink:
    kafka: {topic: perf-verify, partitions: 6, acks: "1", compression: lz4, lingerMs: 5, batchSize: 131072}
YAML
java -jar "$jar" run "$work/fill.yaml" --bootstrap-servers "$bootstrap" --max-rate --replicas 2 \
  --duration "${seconds}s" --summary "$work/fill.json" >/dev/null
records=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['acked'])" "$work/fill.json")
echo "topic perf-verify holds $records iot-sensor Avro records" >&2

peers=(); ours=()
for round in $(seq "$rounds"); do
  t=$(wall java -cp "$cp" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$bootstrap" \
    --topic perf-verify --messages "$records" --timeout 120000)
  peers+=("$(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$records" "$t")")
  ours+=("$(verify_round "$records" --bootstrap-servers "$bootstrap" --topic perf-verify)")
  echo "round $round: kafka-consumer-perf-test ${peers[-1]} rec/s, loadfleet verify ${ours[-1]} rec/s" >&2
done
consumer_table "consumer of $records records" kafka-consumer-perf-test "${peers[*]}" "${ours[*]}"
echo
echo "| records tracked | streams | missing | compacted | heap MiB | bytes per million records |"
echo "|---:|---:|---|---|---:|---:|"
for compacted in never reported; do
  for gaps in none gaps; do
    java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
      io.loadfleet.benchmarks.LiveAuditFootprint 10000000 8 "$gaps" "$compacted" | grep '^|'
  done
done

#!/usr/bin/env bash
# How fast one verifier consumes Pulsar: `loadfleet verify` (the ledger live verify shares) beside
# pulsar-perf consume on the same 4-partition topic of loadfleet records (a fresh one each round), on one local
# Pulsar standalone broker. Both rates are records over the whole process's wall time (JVM start-up and
# connecting included); verify's idle wait at the end (--idle 1s) is taken off.
# Usage: bench/verify-throughput-pulsar.sh [SECONDS_OF_LOAD] [ROUNDS]   (defaults 20 and 3; prints a Markdown table)
set -euo pipefail
seconds=${1:-20}
rounds=${2:-3}
cd "$(dirname "$0")/.."
jar=worker/target/loadfleet-worker.jar
standalone=testing/pulsar-standalone/target/classes/io/loadfleet/pulsar/broker.classpath
[ -f "$jar" ] && [ -f "$standalone" ] || ./mvnw -q -B install -DskipTests
source bench/lib.sh
./mvnw -q -B -f bench/pulsar/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp=$(cat "$work/cp.txt")
touch "$work/client.conf"
start_broker java -cp testing/pulsar-standalone/target/classes:testing/child-jvm/target/classes io.loadfleet.pulsar.PulsarStandalone
service_url=$(sed -nE 's/.*service URL ([^,]+),.*/\1/p' "$work/broker.log")
admin_url=$(sed -nE 's/.*admin URL ([^,]+),.*/\1/p' "$work/broker.log")

fill() { # TOPIC: fills it for $seconds s at loadfleet's maximum rate; prints the records acked
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
    pulsar:
      topic: $1
      partitions: 4
      adminUrl: $admin_url
      compression: LZ4
      batching: {enabled: true, maxDelayMs: 1, maxMessages: 1000, maxBytes: 131072}
YAML
  java -jar "$jar" run "$work/fill.yaml" --service-url "$service_url" --max-rate --replicas 2 \
    --duration "${seconds}s" --summary "$work/fill.json" >/dev/null
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['acked'])" "$work/fill.json"
}

# A topic a round: on this standalone broker a second subscription from the earliest message of a topic
# another has read through finds only a few hundred records, so every round reads a topic of its own.
peers=(); ours=(); sizes=()
for round in $(seq "$rounds"); do
  topic=perf-verify-$round
  records=$(fill "$topic")
  sizes+=("$records")
  t=$(wall java -cp "$cp" org.apache.pulsar.testclient.PulsarPerfTestTool "$work/client.conf" consume \
    -u "$service_url" -s perf -sp Earliest -m "$records" -q 10000 "persistent://public/default/$topic")
  peers+=("$(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$records" "$t")")
  ours+=("$(verify_round "$records" --service-url "$service_url" --topic "$topic")")
  echo "round $round: $records records; pulsar-perf consume ${peers[-1]} rec/s, loadfleet verify ${ours[-1]} rec/s" >&2
done
consumer_table "Pulsar consumer of a topic a round (${sizes[*]} records)" "pulsar-perf consume" "${peers[*]}" "${ours[*]}"

#!/usr/bin/env bash
# loadfleet `run --max-rate` beside pulsar-perf, on the same local Pulsar standalone broker, same
# settings (keys and event time on both, LZ4, batching 1 ms / 1000 msgs / 128 KiB, 4-partition
# topics), alternating runs, in two pairings:
#   synthetic: pulsar-perf's own 200-byte payloads  vs  loadfleet iot-sensor Avro (generated live)
#   same data: pulsar-perf replaying 100,000 iot-sensor JSON records (`loadfleet sample`, -f)
#              vs  loadfleet generating iot-sensor JSON live
# (pulsar-perf has no "unlimited" rate: -r 0 sends nothing, so the peer gets 10^9 msg/s.)
# Usage: bench/compare-pulsar.sh [ROUNDS] [SHARDS]   (defaults 2 and 1; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
shards=${2:-1}
seconds=15
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

java -jar "$jar" sample iot-sensor --count 100000 --devices 100000 > "$work/records.jsonl"

profile() { # FORMAT
  cat > "$work/profile-$1.yaml" <<YAML
apiVersion: loadfleet.io/v1alpha1
kind: LoadProfile
metadata: {name: bench-pulsar}
spec:
  targetRate: 1000
  devices: {count: 100000}
  generator: {type: iot-sensor, seed: 1}
  format: $1
  sink:
    pulsar:
      topic: perf-loadfleet-$1
      partitions: 4
      adminUrl: $admin_url
      compression: LZ4
      batching: {enabled: true, maxDelayMs: 1, maxMessages: 1000, maxBytes: 131072}
YAML
}
profile avro
profile json

peer() { # TOPIC PAYLOAD-ARGS...
  local topic=$1; shift
  java -cp "$cp" org.apache.pulsar.testclient.PulsarPerfTestTool "$work/client.conf" produce \
    -u "$service_url" -au "$admin_url" -np 4 -r 1000000000 -time "$seconds" -z LZ4 -b 1 -bm 1000 -bb 131072 \
    -mk random -set "$@" "persistent://public/default/$topic" > "$work/peer.log" 2>&1 || true
  local rate
  rate=$(sed -nE 's/.*Aggregated throughput stats --- ([0-9]+) records sent --- ([0-9.]+) msg\/s.*/\2/p' "$work/peer.log" | tail -1)
  [ -n "$rate" ] || { tail -20 "$work/peer.log" >&2; exit 1; }
  echo "$rate"
}

ours() { # FORMAT
  java -jar "$jar" run "$work/profile-$1.yaml" --service-url "$service_url" --max-rate --replicas "$shards" \
    --duration "${seconds}s" --summary "$work/s.json" >/dev/null
  python3 -c "import json;print(json.load(open('$work/s.json'))['achievedRate'])"
}

peer_synthetic=(); ours_avro=(); peer_same=(); ours_json=()
for round in $(seq "$rounds"); do
  peer_synthetic+=("$(peer perf-peer-200b -s 200)")
  ours_avro+=("$(ours avro)")
  peer_same+=("$(peer perf-peer-records -f "$work/records.jsonl")")
  ours_json+=("$(ours json)")
  echo "round $round: pulsar-perf 200 B ${peer_synthetic[-1]}, loadfleet avro ${ours_avro[-1]}; pulsar-perf iot-sensor JSON file ${peer_same[-1]}, loadfleet json ${ours_json[-1]} msg/s ($shards shard(s))" >&2
done
python3 - "${peer_synthetic[*]}" "${ours_avro[*]}" "${peer_same[*]}" "${ours_json[*]}" "$shards" <<'PY'
import sys
mean = lambda s: sum(map(float, s.split())) / len(s.split())
ps, oa, pj, oj = (mean(a) for a in sys.argv[1:5])
print(f"| pairing (mean of {len(sys.argv[1].split())} runs, {sys.argv[5]} loadfleet shard(s)) | pulsar-perf msg/s | loadfleet msg/s | ratio |")
print("|---|---:|---:|---:|")
print(f"| synthetic: 200 B payloads vs iot-sensor Avro generated live | {ps:,.0f} | {oa:,.0f} | {oa / ps:.2f}x |")
print(f"| same data: iot-sensor JSON replayed from a file vs generated live | {pj:,.0f} | {oj:,.0f} | {oj / pj:.2f}x |")
PY

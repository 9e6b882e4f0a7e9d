#!/usr/bin/env bash
# Rate precision and worker memory on a local Kafka broker (loopback), loadfleet alone:
#   precision: `run --rate RATE` for 60 s with 2 shards: the share of 1-s intervals sent within ±1 %
#              of the target, the worst interval, and the fleet's total against target × duration;
#   memory:    peak RSS (/usr/bin/time) of `run --rate 100000` for 60 s, with the JVM's default flags
#              on this machine and with the worker image's flags in a 512 MiB container.
# Usage: bench/precision-memory.sh RATE   (e.g. half of loadfleet's --max-rate from compare-kafka.sh; RUN_SECONDS=60)
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:?usage: bench/precision-memory.sh RATE}
seconds=${RUN_SECONDS:-60}
port=19094
jar=worker/target/loadfleet-worker.jar
[ -f "$jar" ] || ./mvnw -q -B -pl worker -am package -DskipTests
source bench/lib.sh
start_broker java -jar "$jar" broker --port "$port"

cat > "$work/profile.yaml" <<YAML
apiVersion: loadfleet.io/v1alpha1
kind: LoadProfile
metadata: {name: bench-precision}
spec:
  targetRate: 1000
  replicas: 2
  maxRatePerPod: 500000
  devices: {count: 100000}
  generator: {type: iot-sensor, seed: 1}
  format: avro
  sink:
    kafka: {topic: perf-precision, partitions: 6, acks: "all", compression: lz4, lingerMs: 5, batchSize: 131072}
YAML

run() { # RATE SUMMARY [JVM FLAGS...]
  local r=$1 summary=$2; shift 2
  /usr/bin/time -f "%M" -o "$work/rss.txt" java "$@" -jar "$jar" run "$work/profile.yaml" \
    --bootstrap-servers "127.0.0.1:$port" --rate "$r" --duration "${seconds}s" --summary "$summary" >/dev/null
}
run "$rate" "$work/precision.json"
run 100000 "$work/default.json"
rss_default=$(cat "$work/rss.txt")
run 100000 "$work/pod.json" -XX:MaxRAM=512m -XX:MaxRAMPercentage=75
rss_pod=$(cat "$work/rss.txt")

python3 - "$work/precision.json" "$work/default.json" "$work/pod.json" "$rss_default" "$rss_pod" <<'PY'
import json, sys
p, d, k = (json.load(open(f)) for f in sys.argv[1:4])
rp = p["ratePrecision"]
total = 100 * (p["sent"] / (p["targetRate"] * p["durationSeconds"]) - 1)
print("| figure | value |")
print("|---|---:|")
print(f"| rate precision at {p['targetRate']:,} msg/s, 2 shards, {p['durationSeconds']:.0f} s: 1-s intervals within ±1 % | "
      f"{rp['withinOnePercent']} of {rp['intervals']} ({100 * rp['withinOnePercent'] / rp['intervals']:.1f} %), worst {rp['worstPercent']:+.2f} % |")
print(f"| fleet total against target × duration | {p['sent']:,} sent, {total:+.3f} % (acked {p['acked']:,}) |")
for name, s, rss in (("default JVM flags (24 GiB machine)", d, sys.argv[4]), ("worker image flags in a 512 MiB container", k, sys.argv[5])):
    print(f"| peak RSS at {s['targetRate']:,} msg/s, {name} | {int(rss) / 1024:,.0f} MiB ({s['acked']:,} acked, {s['errors']} errors) |")
PY

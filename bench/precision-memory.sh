#!/usr/bin/env bash
# Rate precision and worker memory on a local Kafka broker (loopback), loadfleet alone:
#   precision: `run --rate RATE` for 60 s with 2 shards, on a broker warmed by 20 s of the same load
#              (as a production broker is): the share of 1-s intervals sent within ±1 % of what was
#              due, the worst interval, and the fleet's total against target × duration; then the
#              same after a 10-s ramp from 0 (a stage), which lets the worker's JIT warm up;
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

sed -e "s/^  targetRate: 1000$/  targetRate: $rate\n  stages: [{duration: 10s, targetRate: $rate}]/" \
  -e 's/perf-precision/perf-ramp/' "$work/profile.yaml" > "$work/ramp.yaml"

run() { # PROFILE RATE SECONDS SUMMARY [JVM FLAGS...]
  local profile=$1 r=$2 s=$3 summary=$4; shift 4
  /usr/bin/time -f "%M" -o "$work/rss.txt" java "$@" -jar "$jar" run "$profile" \
    --bootstrap-servers "127.0.0.1:$port" --rate "$r" --duration "${s}s" --summary "$summary" >/dev/null
}
run "$work/profile.yaml" "$rate" 20 "$work/warm-up.json"
run "$work/profile.yaml" "$rate" "$seconds" "$work/precision.json"
run "$work/ramp.yaml" "$rate" $((seconds + 10)) "$work/ramp.json"
run "$work/profile.yaml" 100000 "$seconds" "$work/default.json"
rss_default=$(cat "$work/rss.txt")
run "$work/profile.yaml" 100000 "$seconds" "$work/pod.json" -XX:MaxRAM=512m -XX:MaxRAMPercentage=75
rss_pod=$(cat "$work/rss.txt")

python3 - "$work/precision.json" "$work/ramp.json" "$work/default.json" "$work/pod.json" "$rss_default" "$rss_pod" <<'PY'
import json, sys
p, r, d, k = (json.load(open(f)) for f in sys.argv[1:5])
print("| figure | value |")
print("|---|---:|")
for name, s in (("from the first second", p), ("after a 10-s ramp (ramp included)", r)):
    rp = s["ratePrecision"]
    print(f"| rate precision at {s['targetRate']:,} msg/s, 2 shards, {s['durationSeconds']:.0f} s, {name}: 1-s intervals within ±1 % | "
          f"{rp['withinOnePercent']} of {rp['intervals']} ({100 * rp['withinOnePercent'] / rp['intervals']:.1f} %), worst {rp['worstPercent']:+.2f} % |")
total = 100 * (p["sent"] / (p["targetRate"] * p["durationSeconds"]) - 1)
print(f"| fleet total against target × duration ({p['durationSeconds']:.0f} s from the first second) | {p['sent']:,} sent, {total:+.3f} % (acked {p['acked']:,}) |")
for name, s, rss in (("default JVM flags (24 GiB machine)", d, sys.argv[5]), ("worker image flags in a 512 MiB container", k, sys.argv[6])):
    print(f"| peak RSS at {s['targetRate']:,} msg/s, {name} | {int(rss) / 1024:,.0f} MiB ({s['acked']:,} acked, {s['errors']} errors) |")
PY

#!/usr/bin/env bash
# CPU time per message of two builds of loadfleet at one fixed rate, alternating, on one local broker:
# whole process (user + system, JVM start-up included) divided by the records acked. For checking
# that a change costs no CPU: run it with the worker jars of the commits before and after.
# Usage: bench/cpu-compare-builds.sh JAR_BEFORE JAR_AFTER [RATE] [SECONDS] [ROUNDS]   (defaults 60000 30 3)
set -euo pipefail
before=$(realpath "$1")
after=$(realpath "$2")
rate=${3:-60000}
seconds=${4:-30}
rounds=${5:-3}
cd "$(dirname "$0")/.."
source bench/lib.sh
port=19094
start_broker java -jar "$after" broker --port "$port"

cat > "$work/profile.yaml" <<YAML
apiVersion: loadfleet.io/v1alpha1
kind: LoadProfile
metadata: {name: bench-cpu}
spec:
  targetRate: $rate
  maxRatePerPod: $rate
  devices: {count: 100000}
  generator: {type: iot-sensor, seed: 1}
  format: avro
  sink:
    kafka: {topic: perf-cpu, partitions: 6, acks: "1", compression: lz4, lingerMs: 5, batchSize: 131072}
YAML

# cpu_per_message JAR: prints µs of CPU per acked record of one run
cpu_per_message() {
  /usr/bin/time -f "%U %S" -o "$work/time.txt" java -jar "$1" run "$work/profile.yaml" \
    --bootstrap-servers 127.0.0.1:$port --replicas 1 --duration "${seconds}s" --summary "$work/s.json" >/dev/null
  python3 - "$work/time.txt" "$work/s.json" <<'PY'
import json, sys
user, system = map(float, open(sys.argv[1]).read().split()[-2:])
acked = json.load(open(sys.argv[2]))["acked"]
print(f"{(user + system) * 1e6 / acked:.2f}")
PY
}

results_before=()
results_after=()
for round in $(seq "$rounds"); do
  results_before+=("$(cpu_per_message "$before")")
  results_after+=("$(cpu_per_message "$after")")
  echo "round $round: before ${results_before[-1]} µs/msg, after ${results_after[-1]} µs/msg" >&2
done
python3 - "${results_before[*]}" "${results_after[*]}" "$rate" "$seconds" <<'PY'
import sys
b = [float(x) for x in sys.argv[1].split()]
a = [float(x) for x in sys.argv[2].split()]
print(f"| build | CPU µs per message at {int(sys.argv[3]):,} msg/s for {sys.argv[4]} s (runs) | mean |")
print("|---|---|---:|")
print(f"| before | {', '.join(f'{x:.2f}' for x in b)} | {sum(b) / len(b):.2f} |")
print(f"| after | {', '.join(f'{x:.2f}' for x in a)} | {sum(a) / len(a):.2f} |")
print(f"| ratio after / before | | {(sum(a) / len(a)) / (sum(b) / len(b)):.2f}x |")
PY

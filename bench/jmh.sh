#!/usr/bin/env bash
# JMH: generate + encode on one thread for every generator × format, with GC profiling.
# Usage: bench/jmh.sh [JMH options...]   (e.g. -wi 1 -i 3 for a quick look; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main \
  GenerateEncodeBenchmark -prof gc -rf json -rff "$work/jmh.json" "$@" >&2
python3 - "$work/jmh.json" <<'PY'
import json, sys
print("| generator | format | records/s (1 thread) | ± (99.9 %) | bytes/record | allocated B/record |")
print("|---|---|---:|---:|---:|---:|")
for r in json.load(open(sys.argv[1])):
    p, m = r["params"], r["primaryMetric"]
    sec = r["secondaryMetrics"]
    size = sec["valueBytes"]["score"] / m["score"]
    alloc = sec["gc.alloc.rate.norm"]["score"]
    error = m["scoreError"]
    error = format(error, ",.0f") if isinstance(error, (int, float)) else "n/a"  # NaN text with one iteration
    print(f"| {p['generator']} | {p['format']} | {m['score']:,.0f} | {error} | {size:.1f} | {alloc:.0f} |")
PY

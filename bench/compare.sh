#!/usr/bin/env bash
# Everything issue 7 measures, in one run: loadfleet beside kafka-producer-perf-test and beside
# pulsar-perf (each with its own local broker, alternating rounds), then rate precision at half of
# loadfleet's Kafka max rate and worker peak RSS at 100k msg/s. Prints Markdown tables.
# Usage: bench/compare.sh [ROUNDS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
./mvnw -q -B package -DskipTests
kafka=$(bench/compare-kafka.sh "$rounds" 1)
echo "$kafka"
echo
bench/compare-pulsar.sh "$rounds" 1
echo
max=$(echo "$kafka" | sed -nE 's/^\| loadfleet run --max-rate[^|]*\| ([0-9,]+) \|$/\1/p' | tr -d ,)
bench/precision-memory.sh $((max / 2))

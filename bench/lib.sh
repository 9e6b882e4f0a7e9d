# Shared by the bench scripts (sourced, from the repository root): a work directory that goes away
# on exit, and a broker started in the background, stopped on exit (or before the next one starts).
work=$(mktemp -d)
broker_pid=
# stop_broker: stops the broker started last, if any
stop_broker() {
  # a broker stopped by SIGTERM may exit non-zero: that must not keep $work (set -e)
  if [ -n "$broker_pid" ]; then kill "$broker_pid" 2>/dev/null; wait "$broker_pid" 2>/dev/null || true; fi
  broker_pid=
}
cleanup() {
  stop_broker
  rm -rf "$work"
}
trap cleanup EXIT

# start_broker COMMAND...: runs it with its output in $work/broker.log until it prints "ready" (2 min at most).
start_broker() {
  "$@" > "$work/broker.log" 2>&1 &
  broker_pid=$!
  for _ in $(seq 240); do grep -q "ready" "$work/broker.log" && return 0; sleep 0.5; done
  cat "$work/broker.log" >&2
  exit 1
}

# start_pulsar: a local Pulsar standalone (start_broker), its URLs in $service_url and $admin_url, the peer's
# class path (pulsar-perf) in $cp and its empty client configuration in $work/client.conf
start_pulsar() {
  ./mvnw -q -B -f bench/pulsar/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp-pulsar.txt" >/dev/null
  cp=$(cat "$work/cp-pulsar.txt")
  touch "$work/client.conf"
  start_broker java -cp testing/pulsar-standalone/target/classes:testing/child-jvm/target/classes \
    io.loadfleet.pulsar.PulsarStandalone
  service_url=$(sed -nE 's/.*service URL ([^,]+),.*/\1/p' "$work/broker.log")
  admin_url=$(sed -nE 's/.*admin URL ([^,]+),.*/\1/p' "$work/broker.log")
}

# wall COMMAND...: the seconds the command took (its output discarded).
wall() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end"
}

# verify_round RECORDS VERIFY-ARGS...: runs `loadfleet verify` over a topic of RECORDS records (its summary
# must count them all) and prints its records/s, the 1 s idle wait that ends it taken off.
verify_round() {
  local records=$1 t seen; shift
  t=$(wall java -jar worker/target/loadfleet-worker.jar verify "$@" --format avro --generator iot-sensor --idle 1s \
    --summary "$work/v.json")
  seen=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['records'])" "$work/v.json")
  [ "$seen" = "$records" ] || { echo "verify read $seen of $records" >&2; exit 1; }
  python3 -c "import sys; print(f'{int(sys.argv[1]) / (float(sys.argv[2]) - 1):.0f}')" "$records" "$t"
}

# consumer_table TITLE PEER "PEER RATES" "OUR RATES": the Markdown table of a peer consumer's and loadfleet
# verify's runs, their means and the ratio.
consumer_table() {
  python3 - "$@" <<'PY'
import sys
title, peer = sys.argv[1], sys.argv[2]
p = [float(x) for x in sys.argv[3].split()]
o = [float(x) for x in sys.argv[4].split()]
print(f"| {title} (runs, records/s) | mean | × peer |")
print("|---|---:|---:|")
print(f"| {peer}: {', '.join(f'{x:,.0f}' for x in p)} | {sum(p)/len(p):,.0f} | 1.00× |")
print(f"| loadfleet verify (identity + Avro decode of every value): {', '.join(f'{x:,.0f}' for x in o)} | {sum(o)/len(o):,.0f} | {(sum(o)/len(o))/(sum(p)/len(p)):.2f}× |")
PY
}

# steady_cpu SECONDS RATE LOG COMMAND...: runs the command (which lasts about SECONDS s, its output in LOG) and
# prints its CPU time (user + system, all its threads, from /proc) per record, in µs, in its steady state: from
# SETTLE (default 5) s after its start to 1 s before its end, so JVM start-up and shutdown are left out of every
# tool alike (and JIT warm-up, which takes about a minute, with SETTLE=60); the records of that span are the fixed
# RATE × its length. Fails when the command does.
steady_cpu() {
  python3 - "$@" <<'PY'
import os, subprocess, sys, time
seconds, rate, log, command = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4:]
tick = os.sysconf("SC_CLK_TCK")
def used(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick
with open(log, "w") as out:
    p = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    start = time.monotonic()
    time.sleep(float(os.environ.get("SETTLE", "5")))
    a, ta = used(p.pid), time.monotonic()
    time.sleep(max(1, seconds - 1 - (ta - start)))
    b, tb = used(p.pid), time.monotonic()
    if p.wait() != 0:
        sys.exit(f"{command[0]} failed: see {log}")
print(round((b - a) / (rate * (tb - ta)) * 1e6, 2))
PY
}

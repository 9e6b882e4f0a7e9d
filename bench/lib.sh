# Shared by the compare-*.sh scripts (sourced, from the repository root): a work directory that
# goes away on exit, and a broker started in the background, stopped on exit.
work=$(mktemp -d)
broker_pid=
cleanup() {
  # a broker stopped by SIGTERM may exit non-zero: that must not keep $work (set -e)
  if [ -n "$broker_pid" ]; then kill "$broker_pid" 2>/dev/null; wait "$broker_pid" 2>/dev/null || true; fi
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

# wall COMMAND...: the seconds the command took (its output discarded).
wall() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end"
}

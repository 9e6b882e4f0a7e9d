# Shared by the compare-*.sh scripts (sourced, from the repository root): a work directory that
# goes away on exit, and a broker started in the background, stopped on exit.
work=$(mktemp -d)
broker_pid=
cleanup() {
  [ -n "$broker_pid" ] && kill "$broker_pid" 2>/dev/null && wait "$broker_pid" 2>/dev/null
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

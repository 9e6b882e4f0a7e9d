#!/usr/bin/env bash
# A real Kubernetes control plane on loopback, for the tests and for trying the operator without a
# cluster or Docker: etcd (embedded), kube-apiserver and kube-controller-manager built from
# k8s.io/kubernetes v1.37.2, the local pod runner (a test fixture playing scheduler and
# kubelet for one node; it runs pods of this checkout's worker and operator images as processes)
# and a provisioner of volumes for PersistentVolumeClaims.
#
#   scripts/local-cluster.sh build   build the binaries (cached; skipped when current)
#   scripts/local-cluster.sh up      build if needed, start, and return once it is ready
#   scripts/local-cluster.sh down    stop it: pods, controllers, API server, etcd and its data
#
# Needs Go 1.26 with the Go module proxy, a JDK 17 and root (each pod gets a mount namespace).
# Writes $LOCAL_CLUSTER_DIR (default target/local-cluster): kubeconfig (admin), bin/kubectl, logs/,
# pods/ (each pod's volumes and its containers' output), volumes/ (the PersistentVolumes' data, kept
# until their claims are deleted). LOCAL_CLUSTER_POD_NET (default 127.0.0)
# gives pods NET.2 to NET.254: a second cluster on the machine (the tests' uses 127.0.1) needs another.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${LOCAL_CLUSTER_DIR:-$ROOT/target/local-cluster}"
MODULE="$ROOT/testing/kube"
CACHE_ROOT="${LOADFLEET_KUBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/loadfleet/kube}"
K8S_VERSION=v1.37.2
BINARIES=(kube-apiserver kube-controller-manager kubectl localcluster luahealth)

log() { echo "local-cluster: $*" >&2; }

# The cache key: the Go version and every input of the build.
build_key() {
  { go version; cd "$MODULE" && cat go.mod go.sum && find cmd -name '*.go' | sort | xargs cat; } | sha256sum | cut -c1-16
}

build() {
  command -v go >/dev/null || { log "needs Go 1.26 (go not found on PATH)"; exit 1; }
  local key out
  key="$(build_key)"
  out="$CACHE_ROOT/$key"
  mkdir -p "$CACHE_ROOT"
  # one build at a time: parallel test runs and a contributor's shell share the cache
  exec 9>"$CACHE_ROOT/.lock"
  flock 9
  if [ ! -f "$out/.complete" ]; then
    local started=$SECONDS
    tmp="$out.tmp.$$"
    trap 'rm -rf "$tmp"' EXIT   # a build that fails or is stopped leaves nothing behind
    log "building the control plane ($K8S_VERSION) into $out; a cold build takes several minutes"
    rm -rf "$tmp" && mkdir -p "$tmp"
    local ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION"
    (cd "$MODULE" && go build -ldflags "$ldflags" -o "$tmp/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kubectl ./cmd/localcluster ./cmd/luahealth)
    touch "$tmp/.complete"
    rm -rf "$out" && mv "$tmp" "$out"
    trap - EXIT
    log "built in $((SECONDS - started)) s"
  fi
  flock -u 9
  mkdir -p "$DIR/bin"
  for b in "${BINARIES[@]}"; do ln -sfn "$out/$b" "$DIR/bin/$b"; done
}

ensure_jars() {
  if [ ! -f "$ROOT/worker/target/loadfleet-worker.jar" ] || [ ! -f "$ROOT/operator/target/loadfleet-operator.jar" ]; then
    log "packaging the worker and operator jars the pods run"
    (cd "$ROOT" && ./mvnw -B -q -pl operator -am package -DskipTests)
  fi
}

java_home() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"; return; fi
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

up() {
  [ "$(id -u)" -eq 0 ] || { log "needs root: every pod runs in a mount namespace of its own"; exit 1; }
  if [ -f "$DIR/ready" ] && ours "$(sed -n 's/^pid=//p' "$DIR/ready")"; then
    log "already up: KUBECONFIG=$DIR/kubeconfig"
    return
  fi
  build
  ensure_jars
  mkdir -p "$DIR"
  rm -f "$DIR/ready"
  setsid "$DIR/bin/localcluster" --dir "$DIR" --bin "$DIR/bin" --repo "$ROOT" --java-home "$(java_home)" \
    --port "${LOCAL_CLUSTER_PORT:-0}" --pod-net "${LOCAL_CLUSTER_POD_NET:-127.0.0}" \
    --image ghcr.io/loadfleet/loadfleet-worker=Dockerfile.worker \
    --image ghcr.io/loadfleet/loadfleet-operator=Dockerfile.operator \
    --image ghcr.io/loadfleet/loadfleet-faulty-worker=testing/faulty-worker/Dockerfile \
    >"$DIR/localcluster.out" 2>&1 </dev/null &
  local pid=$! deadline=$((SECONDS + ${LOCAL_CLUSTER_TIMEOUT:-180}))
  echo "$pid" >"$DIR/pid"
  until [ -f "$DIR/ready" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "failed to start:"; cat "$DIR/localcluster.out" >&2; tail -n 20 "$DIR"/logs/*.log >&2 || true; exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then log "not ready in time"; down; exit 1; fi
    sleep 0.2
  done
  log "ready in $(sed -n 's/^startup_ms=//p' "$DIR/ready") ms: export KUBECONFIG=$DIR/kubeconfig PATH=$DIR/bin:\$PATH"
}

# Whether PID is this directory's localcluster (a stale pid file may name another process by now).
ours() {
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -- "localcluster --dir $DIR "
}

down() {
  [ -f "$DIR/pid" ] || { log "not running"; return; }
  local pid
  pid="$(cat "$DIR/pid")"
  if ours "$pid"; then
    kill -TERM "$pid"
    for _ in $(seq 1 300); do ours "$pid" || break; sleep 0.1; done
    if ours "$pid"; then kill -KILL "$pid"; sleep 1; fi
  fi
  rm -f "$DIR/pid" "$DIR/ready"
  log "stopped"
}

case "${1:-}" in
  build) build ;;
  up) up ;;
  down) down ;;
  *) echo "usage: $0 build|up|down" >&2; exit 2 ;;
esac

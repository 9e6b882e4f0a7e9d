#!/usr/bin/env bash
# Runs what Dockerfile.worker and Dockerfile.operator do, without Docker (which cannot run here):
# the build stage's RUN steps on a copy of the build context (git's files, as .dockerignore keeps
# them), then checks every `COPY --from=build` source exists, the image's jar has its main class,
# the worker jar answers --help, and the image runs as a numeric non-root USER.
# Usage: scripts/check-dockerfiles.sh [Dockerfile...]   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(Dockerfile.worker Dockerfile.operator)
ctx=
trap '[ -n "$ctx" ] && rm -rf "$ctx"' EXIT

for df in "${files[@]}"; do
  echo "== $df"
  ctx=$(mktemp -d)
  # COPY . . of the build stage: the tracked files (there is no target/ or .git among them)
  git ls-files -z | xargs -0 cp --parents -t "$ctx"
  workdir=$(awk '/^FROM .* AS build/{b=1} b && /^WORKDIR /{print $2; exit}' "$df")
  awk '/^FROM .* AS build/{b=1; next} /^FROM /{b=0} b && /^RUN /{sub(/^RUN /, ""); print}' "$df" | while read -r step; do
    echo "RUN $step"
    (cd "$ctx" && bash -c "$step")
  done
  grep -E '^COPY --from=build ' "$df" | while read -r _ _ src dst; do
    local_src="$ctx/${src#"$workdir"/}"
    [ -f "$local_src" ] || { echo "COPY source $src does not exist after the build ($local_src)"; exit 1; }
    main=$(unzip -p "$local_src" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Main-Class: //p')
    [ -n "$main" ] || { echo "$src has no Main-Class"; exit 1; }
    unzip -l "$local_src" "$(echo "$main" | tr . /).class" >/dev/null || { echo "$src lacks its main class $main"; exit 1; }
    grep -q "\"$dst\"" "$df" || { echo "ENTRYPOINT does not run $dst"; exit 1; }
    echo "COPY $src -> $dst: $(du -h "$local_src" | cut -f1), Main-Class $main"
    if [[ "$src" == *worker* ]]; then
      java -jar "$local_src" --help >/dev/null && echo "java -jar $dst --help: exit 0"
    fi
  done
  user=$(awk '/^USER /{print $2}' "$df" | tail -1)
  [[ "$user" =~ ^[1-9][0-9]*(:[0-9]+)?$ ]] || { echo "USER must be a numeric non-root uid, is '$user'"; exit 1; }
  grep -qE '^EXPOSE [0-9]+' "$df" || { echo "no EXPOSE"; exit 1; }
  echo "USER $user; $(grep -E '^EXPOSE' "$df")"
  rm -rf "$ctx"
  ctx=
done
echo "both Dockerfiles' steps and paths check out"

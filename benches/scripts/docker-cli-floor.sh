#!/usr/bin/env bash
# The floor for proctor's orchestration overhead: the same Docker operations an oracle trial needs
# (create, start, copy solution, exec solve.sh, reset the verifier dirs, copy tests, exec the
# verifier, read the reward, remove), driven by the docker CLI, at the same concurrency.
#
# Usage: docker-cli-floor.sh JOBS TASKS_DIR SPECS_FILE TASK_ID...
# SPECS_FILE holds `proctor tasks list --json` output, made once beforehand so that looking tasks
# up is not part of what is timed. Requires the task images to exist (run proctor once first);
# prints "passed/total".
set -uo pipefail
jobs=$1 tasks_dir=$2 specs=$3
shift 3

one() {
  local id=$1 spec image workdir cpus mem name reward
  read -r image workdir cpus mem < <(grep -F "\"id\":\"$id\"" "$specs" | jq -r '"\(.image) \(.workdir // "/") \(.cpus) \(.memory_mb)"')
  name="floor-$id-$$-$RANDOM"
  docker create --name "$name" --label dev.proctor.floor=true --cpus "$cpus" --memory "${mem}m" \
    --pids-limit 4096 --network none -w "$workdir" --entrypoint /bin/sh "$image" \
    -c 'trap "exit 0" TERM; while :; do sleep 2147483647 & wait $!; done' >/dev/null
  docker start "$name" >/dev/null
  docker cp "$tasks_dir/$id/solution/." "$name:/solution" >/dev/null
  docker exec -w "$workdir" "$name" bash /solution/solve.sh >/dev/null 2>&1
  docker exec "$name" sh -c 'kill -9 -1 2>/dev/null; rm -rf /logs/verifier /tests; mkdir -p /logs/verifier /tests'
  docker cp "$tasks_dir/$id/tests/." "$name:/tests" >/dev/null
  docker exec -w "$workdir" "$name" bash /tests/test.sh >/dev/null 2>&1
  reward=$(docker exec "$name" cat /logs/verifier/reward.txt 2>/dev/null || echo 0)
  docker rm -f "$name" >/dev/null
  echo "$reward"
}
export -f one
export tasks_dir specs
printf '%s\n' "$@" | xargs -P "$jobs" -I{} bash -c 'one {}' | awk '{ if ($1 >= 1) p++; n++ } END { printf "%d/%d\n", p, n }'

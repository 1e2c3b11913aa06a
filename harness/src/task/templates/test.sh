#!/usr/bin/env bash
# Hidden verifier. Runs as root after the agent phase, with this directory uploaded to /tests.
#
# Fail closed: the reward is 0 until every check has passed, and nothing below can skip writing it
# (no `set -e`). Per-test results go to /logs/verifier/ctrf.json so reports can show which check
# failed. Call tools by absolute path, test behaviour on inputs the instruction did not show, and
# never let a check pass on a deleted or emptied file.
mkdir -p /logs/verifier
echo 0 > /logs/verifier/reward.txt

names=() statuses=() messages=()
check() { # check NAME COMMAND [ARG...]: record whether COMMAND succeeds
  local name=$1 output
  shift
  if output=$("$@" 2>&1); then
    names+=("$name") statuses+=(passed) messages+=("")
  else
    names+=("$name") statuses+=(failed) messages+=("${output:0:2000}")
  fi
}
json_escape() { # JSON string body of $1
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\n'/\\n}; s=${s//$'\r'/\\r}; s=${s//$'\t'/\\t}
  printf '%s' "$s" | /usr/bin/tr -d '\000-\010\013\014\016-\037'
}

# --- the task's checks --------------------------------------------------------------------------
check "greet.sh exists and is not empty" /usr/bin/test -s /app/greet.sh
check "greets the example name" /bin/sh -c '[ "$(/bin/bash /app/greet.sh world)" = "hello, world" ]'
check "greets a name the instruction did not show" /bin/sh -c '[ "$(/bin/bash /app/greet.sh "Ada Lovelace")" = "hello, Ada Lovelace" ]'
# ------------------------------------------------------------------------------------------------

passed=0 failed=0 tests=""
for i in "${!names[@]}"; do
  [ "${statuses[$i]}" = passed ] && passed=$((passed + 1)) || failed=$((failed + 1))
  [ -n "$tests" ] && tests+=","
  tests+="{\"name\":\"$(json_escape "${names[$i]}")\",\"status\":\"${statuses[$i]}\",\"message\":\"$(json_escape "${messages[$i]}")\"}"
done
printf '{"results":{"tool":{"name":"test.sh"},"summary":{"tests":%d,"passed":%d,"failed":%d},"tests":[%s]}}\n' \
  "${#names[@]}" "$passed" "$failed" "$tests" > /logs/verifier/ctrf.json

if [ "${#names[@]}" -gt 0 ] && [ "$failed" -eq 0 ]; then
  echo 1 > /logs/verifier/reward.txt
fi

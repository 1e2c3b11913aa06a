#!/bin/bash
# Reference investigation: parse ledger tracebacks, deploy log and gateway logs, join on req id.
set -euo pipefail
/usr/bin/python3 - <<'PY'
import glob, json, re
from collections import Counter
from datetime import datetime, timedelta

LOGS = "/app/logs"
head = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) (node-\d+) ledger (\w+)\s+\[req=(\w+)\]")
errors = {}          # req -> list of (utc datetime, node, exception line)
for path in sorted(glob.glob(LOGS + "/ledger/*.log")):
    current = None
    for line in open(path):
        m = head.match(line)
        if m:
            current = m.groups() if m.group(3) == "ERROR" else None
            continue
        if current and not line[:4].isdigit() and re.match(r"^[\w.]+(Error|Overflow|Exception)\b", line):
            ts, node, _, req = current
            utc = datetime.strptime(ts, "%Y-%m-%d %H:%M:%S,%f") - timedelta(hours=2)  # CEST -> UTC
            errors.setdefault(line.split(":")[0], []).append((utc, node, req, line.strip()))
            current = None
# The incident error class: the one whose occurrences are concentrated on few nodes.
ov = errors["decimal.Overflow"]
nodes = sorted({n for _, n, _, _ in ov})
currency = Counter(re.search(r"currency=(\w+)", l).group(1) for *_, l in ov).most_common(1)[0][0]
fmt = lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)
first, last = min(ov)[0], max(ov)[0]
ov_reqs = {r for _, _, r, _ in ov}
# Version deployed on those nodes right before the first error.
version = None
for line in open(LOGS + "/deploy/deploy.log"):
    d = dict(kv.split("=", 1) for kv in line.split()[2:])
    ts = datetime.strptime(line.split()[0], "%Y-%m-%dT%H:%M:%S.%fZ")
    if d["service"] == "ledger" and d["node"] == nodes[0] and d["status"] == "finished" and ts <= first:
        version = d["version"]
final = {}
for path in sorted(glob.glob(LOGS + "/gateway/*.jsonl")):
    for line in open(path):
        e = json.loads(line)
        if e["req"] in ov_reqs:
            prev = final.get(e["req"])
            if prev is None or e["attempt"] > prev["attempt"]:
                final[e["req"]] = e
failed = {r: e["merchant"] for r, e in final.items() if e["status"] == 502}
top = sorted(Counter(failed.values()).items(), key=lambda kv: (-kv[1], kv[0]))[:3]
answers = {
    "faulty_version": version,
    "faulty_nodes": nodes,
    "exception": "decimal.Overflow",
    "trigger_currency": currency,
    "first_error_utc": fmt(first),
    "last_error_utc": fmt(last),
    "affected_requests": len(ov_reqs),
    "failed_requests": len(failed),
    "top_merchants": [m for m, _ in top],
}
json.dump(answers, open("/app/answers.json", "w"), indent=2)
print(json.dumps(answers, indent=2))
PY

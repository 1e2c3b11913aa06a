#!/usr/bin/env python3
"""Generate the incident logs under /app/logs (deterministic: fixed seed). Runs at image build."""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

OUT = sys.argv[1] if len(sys.argv) > 1 else "/app/logs"
rng = random.Random(20240611)
UTC = timezone.utc
CEST = timedelta(hours=2)
DAY0 = datetime(2024, 6, 11, 0, 0, 0, tzinfo=UTC)
NODES = ["node-%02d" % i for i in range(1, 13)]
FAULTY = {"node-04": (datetime(2024, 6, 11, 13, 58, 40, tzinfo=UTC), datetime(2024, 6, 11, 16, 41, 7, tzinfo=UTC)),
          "node-09": (datetime(2024, 6, 11, 14, 31, 12, tzinfo=UTC), datetime(2024, 6, 11, 16, 44, 55, tzinfo=UTC))}
CURRENCIES = ["EUR"] * 6 + ["USD"] * 3 + ["GBP", "CHF", "JPY", "SEK"]
MERCHANTS = ["m-%04d" % rng.randint(1, 9999) for _ in range(300)]
WEIGHTS = [1.0 / (i + 1) ** 0.8 for i in range(len(MERCHANTS))]
HOME_NODE = {m: rng.choice(NODES) for m in MERCHANTS}  # the gateway routes a merchant to one ledger node

os.makedirs(OUT + "/gateway", exist_ok=True)
os.makedirs(OUT + "/ledger", exist_ok=True)
os.makedirs(OUT + "/system", exist_ok=True)
os.makedirs(OUT + "/deploy", exist_ok=True)


def iso_utc(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def ledger_ts(t):
    local = (t + CEST).replace(tzinfo=None)
    return local.strftime("%Y-%m-%d %H:%M:%S,") + "%03d" % (t.microsecond // 1000)


def is_faulty(node, t):
    w = FAULTY.get(node)
    return bool(w) and w[0] <= t < w[1]


gateway, ledger, truth = [], {n: [] for n in NODES}, {"overflow": {}, "final": {}}
req_seq = 0
t = DAY0 + timedelta(seconds=5)
end = DAY0 + timedelta(hours=23, minutes=59)
while t < end:
    hour = t.hour + t.minute / 60
    rate = 1.1 + 0.9 * max(0.0, 1 - abs(hour - 14) / 8)  # requests per second
    t += timedelta(microseconds=int(rng.expovariate(rate) * 1e6))
    req_seq += 1
    req = "%08x" % rng.getrandbits(32)
    merchant = rng.choices(MERCHANTS, WEIGHTS)[0]
    currency = rng.choice(CURRENCIES)
    amount = rng.randint(100, 500000)
    gw_node = "gw-%d" % rng.randint(1, 3)
    attempt_t = t
    max_attempts = 3
    for attempt in range(1, max_attempts + 1):
        node = HOME_NODE[merchant]
        if attempt == max_attempts and gw_node == "gw-1":  # only gw-1 has fail-over enabled
            node = NODES[(NODES.index(node) + 1) % len(NODES)]
        lt = attempt_t + timedelta(milliseconds=rng.randint(2, 30))
        ms = rng.randint(15, 220)
        status, upstream = 200, "ledger"
        r = rng.random()
        if is_faulty(node, lt) and currency == "JPY":
            status = 502
            ledger[node].append((lt, "%s %s ledger ERROR [req=%s] charge failed merchant=%s\n"
                                     "Traceback (most recent call last):\n"
                                     '  File "/srv/ledger/ledger/charge.py", line 88, in charge\n'
                                     "    minor = to_minor_units(request.amount, request.currency)\n"
                                     '  File "/srv/ledger/ledger/money.py", line 41, in to_minor_units\n'
                                     "    return (value * FACTORS[currency]).quantize(EXP, context=CTX)\n"
                                     "decimal.Overflow: [<class 'decimal.Overflow'>] amount=%d currency=%s\n"
                                     % (ledger_ts(lt), node, req, merchant, amount, currency)))
            truth["overflow"].setdefault(req, []).append(iso_utc(lt))
        elif r < 0.004:
            status = 502
            ledger[node].append((lt, "%s %s ledger ERROR [req=%s] charge failed merchant=%s\n"
                                     "Traceback (most recent call last):\n"
                                     '  File "/srv/ledger/ledger/db.py", line 212, in execute\n'
                                     "    cur.execute(sql, params)\n"
                                     "psycopg2.OperationalError: could not receive data from server: Connection timed out\n"
                                     % (ledger_ts(lt), node, req, merchant)))
        elif r < 0.010:
            status, upstream = 504, "fraud"
        elif r < 0.030:
            status = 402
            ledger[node].append((lt, "%s %s ledger WARN  [req=%s] declined: insufficient funds merchant=%s amount=%d currency=%s\n"
                                     % (ledger_ts(lt), node, req, merchant, amount, currency)))
        else:
            ledger[node].append((lt, "%s %s ledger INFO  [req=%s] charge ok merchant=%s amount=%d currency=%s\n"
                                     % (ledger_ts(lt), node, req, merchant, amount, currency)))
        gateway.append((attempt_t, json.dumps({"ts": iso_utc(attempt_t), "gw": gw_node, "req": req, "merchant": merchant,
                                                "method": "POST", "path": "/v1/payments", "status": status,
                                                "upstream": upstream, "ledger_node": node if upstream == "ledger" else None,
                                                "attempt": attempt, "ms": ms}, separators=(",", ":")) + "\n"))
        if status in (502, 504) and attempt < max_attempts:
            attempt_t = attempt_t + timedelta(milliseconds=ms + rng.randint(200, 1500))
            continue
        truth["final"][req] = (status, merchant)
        break
    # background noise in ledger logs
    if rng.random() < 0.15:
        node = rng.choice(NODES)
        lt = t + timedelta(milliseconds=rng.randint(0, 900))
        msg = rng.choice(["DEBUG pool stats active=%d idle=%d" % (rng.randint(0, 20), rng.randint(0, 20)),
                          "INFO  fx rates refreshed source=ecb",
                          "WARN  slow query 1.%03ds table=ledger_entries" % rng.randint(0, 999),
                          "INFO  heartbeat ok"])
        ledger[node].append((lt, "%s %s ledger %s\n" % (ledger_ts(lt), node, msg)))

# ledger version banners at deploy times (startup lines)
deploy = []
def deploy_event(ts, service, version, node, note=""):
    deploy.append((ts, "%s deploy service=%s version=%s node=%s status=started%s\n" % (iso_utc(ts), service, version, node, note)))
    done = ts + timedelta(seconds=rng.randint(20, 50))
    deploy.append((done, "%s deploy service=%s version=%s node=%s status=finished\n" % (iso_utc(done), service, version, node)))
    if service == "ledger":
        ledger[node].append((done, "%s %s ledger INFO  starting ledger %s (python 3.11, decimal prec=%d)\n"
                             % (ledger_ts(done), node, version, 18 if version == "2.14.0" else 28)))

for i, n in enumerate(NODES):
    deploy_event(DAY0 + timedelta(hours=2, minutes=5 * i, seconds=13), "ledger", "2.13.4", n)
deploy_event(DAY0 + timedelta(hours=9, minutes=12), "fraud", "5.2.0", "node-02")
deploy_event(DAY0 + timedelta(hours=13, minutes=50), "fraud", "5.2.1", "node-02", " reason=hotfix")
deploy_event(FAULTY["node-04"][0] - timedelta(seconds=60), "ledger", "2.14.0", "node-04", " reason=canary")
deploy_event(FAULTY["node-09"][0] - timedelta(seconds=60), "ledger", "2.14.0", "node-09", " reason=canary-2")
deploy_event(DAY0 + timedelta(hours=15, minutes=2), "notifier", "1.9.0", "node-07")
deploy_event(FAULTY["node-04"][1] - timedelta(seconds=10), "ledger", "2.13.4", "node-04", " reason=rollback")
deploy_event(FAULTY["node-09"][1] - timedelta(seconds=10), "ledger", "2.13.4", "node-09", " reason=rollback")
deploy_event(DAY0 + timedelta(hours=19, minutes=30), "ledger", "2.14.1", "node-11", " reason=canary")

with open(OUT + "/deploy/deploy.log", "w") as f:
    f.writelines(line for _, line in sorted(deploy))

gateway.sort(key=lambda x: x[0])
by_hour = {}
for ts, line in gateway:
    by_hour.setdefault(ts.strftime("%Y%m%d-%H"), []).append(line)
for h, lines in by_hour.items():
    with open(OUT + "/gateway/access-%s.jsonl" % h, "w") as f:
        f.writelines(lines)
for n in NODES:
    with open(OUT + "/ledger/ledger-%s.log" % n, "w") as f:
        f.writelines(line for _, line in sorted(ledger[n], key=lambda x: x[0]))

# syslog noise with a red herring (OOM kill on node-02) in local time without year
sys_lines = {n: [] for n in NODES}
st = DAY0
while st < end:
    st += timedelta(seconds=rng.randint(5, 40))
    n = rng.choice(NODES)
    local = st + CEST
    msg = rng.choice(["CRON[%d]: (root) CMD (/usr/lib/sa/sa1 1 1)" % rng.randint(1000, 60000),
                      "systemd[1]: Started Session %d of user deploy." % rng.randint(1, 9999),
                      "kernel: [%d.%06d] nf_conntrack: table full, dropping packet" % (rng.randint(1, 99999), rng.randint(0, 999999))
                      if rng.random() < 0.01 else "sshd[%d]: Accepted publickey for deploy from 10.0.0.%d" % (rng.randint(1000, 60000), rng.randint(2, 250)),
                      "node_exporter[812]: level=info msg=\"scrape ok\""])
    sys_lines[n].append("%s %s %s\n" % (local.strftime("%b %d %H:%M:%S"), n, msg))
oom = DAY0 + timedelta(hours=14, minutes=3, seconds=9) + CEST
sys_lines["node-02"].append("%s node-02 kernel: Out of memory: Killed process 4242 (fraud-worker) total-vm:2048000kB\n"
                            % oom.strftime("%b %d %H:%M:%S"))
for n in NODES:
    with open(OUT + "/system/%s.syslog" % n, "w") as f:
        f.writelines(sorted(sys_lines[n]))

with open(OUT + "/README", "w") as f:
    f.write("""Logs collected from the payments cluster for 2024-06-11.

gateway/   API gateway access logs, one JSON object per line, one file per UTC hour.
           The gateway retries a failed ledger/fraud call up to 3 attempts (same req id).
ledger/    ledger service logs, one file per ledger node. Timestamps are LOCAL TIME
           (Europe/Berlin, CEST = UTC+2) with milliseconds after the comma.
deploy/    deployment log (UTC).
system/    syslog of the ledger nodes (local time, no year).
""")

if os.environ.get("WRITE_TRUTH"):
    ov = truth["overflow"]
    first = min(min(v) for v in ov.values())
    last = max(max(v) for v in ov.values())
    failed = {r: m for r, (s, m) in truth["final"].items() if s == 502 and r in ov}
    counts = {}
    for m in failed.values():
        counts[m] = counts.get(m, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    json.dump({"first_error_utc": first, "last_error_utc": last, "overflow_requests": len(ov),
               "failed_requests": len(failed), "top_merchants": [m for m, _ in top], "top_counts": top,
               "requests": req_seq, "gateway_lines": len(gateway)}, sys.stderr, indent=1)

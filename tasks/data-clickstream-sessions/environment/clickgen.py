"""Generator and reference sessionizer for proctor/data-clickstream-sessions."""
import csv
import io
import json
import random
import re
from datetime import datetime, timedelta, timezone

ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:\d{2})$")
TYPES = {"pageview", "click", "login", "purchase", "heartbeat"}
BOT = re.compile(r"bot|crawler|spider", re.I)
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
GAP_MS = 30 * 60 * 1000


def parse_ts(v):
    """-> epoch milliseconds or None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v if v >= 0 else None
    if not isinstance(v, str):
        return None
    m = ISO.match(v)
    if not m:
        return None
    y, mo, d, h, mi, s, frac, tz = m.groups()
    try:
        dt = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=timezone.utc)
    except ValueError:
        return None
    ms = int((frac or "").ljust(3, "0"))
    off = 0
    if tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        oh, om = int(tz[1:3]), int(tz[4:6])
        if oh > 23 or om > 59:
            return None
        off = sign * (oh * 60 + om)
    return int((dt - EPOCH).total_seconds()) * 1000 + ms - off * 60000


def iso(ms):
    dt = EPOCH + timedelta(milliseconds=ms)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (ms % 1000)


def ratio(num, den):
    if den == 0:
        return 0.0
    return ((num * 20000 + den) // (2 * den)) / 10000


def sessionize(text):
    events, rejected, dups, bots, read = [], 0, 0, 0, 0
    seen = set()
    for lineno, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        read += 1
        try:
            e = json.loads(line)
        except ValueError:
            rejected += 1
            continue
        if not isinstance(e, dict):
            rejected += 1
            continue
        eid, anon, typ = e.get("id"), e.get("anon"), e.get("type")
        ts = parse_ts(e.get("ts"))
        if not (isinstance(eid, str) and eid and isinstance(anon, str) and anon and typ in TYPES and ts is not None):
            rejected += 1
            continue
        user = e.get("user")
        if user is not None and not (isinstance(user, str) and user):
            rejected += 1
            continue
        if typ == "pageview" and not isinstance(e.get("url"), str):
            rejected += 1
            continue
        if typ == "purchase" and not (isinstance(e.get("amount"), int) and not isinstance(e.get("amount"), bool)
                                      and e["amount"] >= 0):
            rejected += 1
            continue
        if eid in seen:
            dups += 1
            continue
        seen.add(eid)
        if isinstance(e.get("ua"), str) and BOT.search(e["ua"]):
            bots += 1
            continue
        if typ == "heartbeat":
            continue
        src = e.get("utm_source")
        events.append({"ts": ts, "order": lineno, "anon": anon, "user": user, "type": typ,
                       "url": e.get("url"), "src": src if isinstance(src, str) and src else None,
                       "amount": e.get("amount") if typ == "purchase" else 0})
    events.sort(key=lambda x: (x["ts"], x["order"]))
    owner = {}
    for ev in events:
        if ev["user"] and ev["anon"] not in owner:
            owner[ev["anon"]] = ev["user"]
    by_person = {}
    for ev in events:
        person = owner.get(ev["anon"]) or "anon:" + ev["anon"]
        by_person.setdefault(person, []).append(ev)
    sessions = []
    for person, evs in by_person.items():
        cur = None
        n = 0
        for ev in evs:
            new = cur is None or ev["ts"] - cur["last"] > GAP_MS or \
                iso(ev["ts"])[:10] != iso(cur["last"])[:10] or (ev["src"] and ev["src"] != cur["source"])
            if new:
                n += 1
                cur = {"id": "%s#%d" % (person, n), "person": person, "start": ev["ts"], "last": ev["ts"],
                       "events": 0, "pageviews": 0, "landing": "", "exit": "", "source": ev["src"] or "(direct)",
                       "converted": 0, "revenue": 0}
                sessions.append(cur)
            cur["last"] = ev["ts"]
            cur["events"] += 1
            if ev["type"] == "pageview":
                path = ev["url"].split("?", 1)[0]
                cur["pageviews"] += 1
                cur["exit"] = path
                if not cur["landing"]:
                    cur["landing"] = path
            if ev["type"] == "purchase":
                cur["converted"] = 1
                cur["revenue"] += ev["amount"]
    sessions.sort(key=lambda s: (s["start"], s["id"]))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["session_id", "person", "start", "end", "duration_s", "events", "pageviews", "landing_page",
                "exit_page", "source", "converted", "revenue_cents"])
    for s in sessions:
        d = s["last"] - s["start"]
        w.writerow([s["id"], s["person"], iso(s["start"]), iso(s["last"]), "%d.%03d" % (d // 1000, d % 1000),
                    s["events"], s["pageviews"], s["landing"], s["exit"], s["source"], s["converted"], s["revenue"]])
    summary = {"events_read": read, "rejected": rejected, "duplicates": dups, "bot_events": bots,
               "sessions": len(sessions), "persons": len(by_person),
               "bounce_rate": ratio(sum(1 for s in sessions if s["events"] == 1), len(sessions)),
               "conversion_rate": ratio(sum(s["converted"] for s in sessions), len(sessions)),
               "revenue_cents": sum(s["revenue"] for s in sessions)}
    return out.getvalue(), summary


def generate(seed, persons):
    rng = random.Random(seed)
    lines = []
    base = datetime(2024, 5, 1, tzinfo=timezone.utc)
    paths = ["/", "/products", "/products/shoes", "/products/hats", "/cart", "/checkout", "/blog/spring", "/about",
             "/search"]
    sources = ["google", "newsletter", "facebook", "partner-x"]
    uas = ["Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0", "Mozilla/5.0 (iPhone) Safari/605.1",
           "Mozilla/5.0 (Windows NT 10.0) Chrome/125.0"]
    bots = ["Googlebot/2.1 (+http://www.google.com/bot.html)", "AhrefsBot/7.0", "Mozilla/5.0 (compatible; SomeCrawler)",
            "BaiduSpider"]
    eid = 0

    def fmt_ts(ms):
        r = rng.random()
        if r < 0.4:
            return ms
        dt = EPOCH + timedelta(milliseconds=ms)
        if r < 0.7:
            return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (ms % 1000)
        off = rng.choice([-300, -240, 60, 120, 330, 0])
        local = dt + timedelta(minutes=off)
        sign = "+" if off >= 0 else "-"
        frac = rng.choice(["", ".%03d" % (ms % 1000), ".%d" % ((ms % 1000) // 100)])
        if frac == "" and ms % 1000:
            frac = ".%03d" % (ms % 1000)
        if frac.startswith(".") and len(frac) == 2 and (ms % 100):
            frac = ".%03d" % (ms % 1000)
        return local.strftime("%Y-%m-%dT%H:%M:%S") + frac + "%s%02d:%02d" % (sign, abs(off) // 60, abs(off) % 60)

    for p in range(persons):
        anon = "a%06x" % rng.getrandbits(24)
        user = "u%05d" % rng.randint(0, 99999) if rng.random() < 0.4 else None
        ua = rng.choice(uas)
        is_bot = rng.random() < 0.03
        t = int((base + timedelta(seconds=rng.randint(0, 20 * 86400))).timestamp() * 1000) + rng.randint(0, 999)
        logged_in = False
        for visit in range(rng.randint(1, 6)):
            src = rng.choice(sources) if rng.random() < 0.4 else None
            for k in range(rng.randint(1, 12)):
                eid += 1
                typ = rng.choices(["pageview", "click", "heartbeat", "login", "purchase"], [55, 25, 12, 4, 4])[0]
                if typ == "login" and user:
                    logged_in = True
                e = {"id": "e%07d" % eid, "ts": fmt_ts(t), "anon": anon, "type": typ,
                     "ua": rng.choice(bots) if is_bot else ua}
                if (logged_in or typ == "login") and user:
                    e["user"] = user
                if typ == "pageview":
                    e["url"] = rng.choice(paths) + (rng.choice(["", "?q=x", "?ref=mail&x=1"]) if rng.random() < 0.3 else "")
                if typ == "purchase":
                    e["amount"] = rng.randint(100, 25000)
                if src and (k == 0 or rng.random() < 0.1):
                    e["utm_source"] = src
                if rng.random() < 0.05:
                    e["utm_source"] = ""
                lines.append(json.dumps(e, separators=(",", ":")))
                if rng.random() < 0.02:
                    lines.append(lines[-1])  # duplicate delivery
                t += rng.choice([rng.randint(1000, 120000), rng.randint(120000, 1700000), rng.randint(1700000, 1900000)])
            t += rng.randint(1800001, 3 * 86400000)
    # mostly ordered with local disorder
    for i in range(0, len(lines) - 1, 7):
        if rng.random() < 0.3:
            j = min(len(lines) - 1, i + rng.randint(1, 5))
            lines[i], lines[j] = lines[j], lines[i]
    bad = ['{"id": "x1", "ts": "2024-05-02 10:00:00", "anon": "a1", "type": "pageview", "url": "/"}',
           '{"id": "x2", "ts": 1714557600000, "anon": "a1", "type": "scroll"}',
           '{"id": "x3", "ts": "2024-02-30T10:00:00Z", "anon": "a1", "type": "click"}',
           '{"id": "x4", "anon": "a1", "type": "click"}', "not json at all", "[1, 2, 3]",
           '{"id": "x5", "ts": 1714557600000, "anon": "a1", "type": "purchase", "amount": 12.5}',
           '{"id": "x6", "ts": 1714557600000, "anon": "", "type": "click"}',
           '{"id": "x7", "ts": 1714557600000, "anon": "a1", "type": "pageview"}',
           '{"id": "x8", "ts": true, "anon": "a1", "type": "click"}',
           '{"id": "x9", "ts": 1714557600000, "anon": "a1", "type": "click", "user": 42}',
           '{"id": "x10", "ts": "2024-05-01T10:00:00+25:00", "anon": "a1", "type": "click"}']
    for b in bad:
        lines.insert(rng.randint(0, len(lines)), b)
        lines.insert(rng.randint(0, len(lines)), "")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys
    text = generate(int(sys.argv[1]), int(sys.argv[2]))
    open(sys.argv[3], "w").write(text)

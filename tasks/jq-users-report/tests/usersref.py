"""Generator and reference for proctor/jq-users-report."""
import json
import os
import random
from datetime import datetime, timedelta, timezone


def parse_ts(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def reference(pages):
    """pages: list of page dicts (any order)."""
    best = {}
    for page in sorted(pages, key=lambda p: p["meta"]["page"]):
        for u in page["data"]:
            key = (parse_ts(u["updated_at"]), page["meta"]["page"])
            if u["id"] not in best or key >= best[u["id"]][0]:
                best[u["id"]] = (key, u)
    users, by_country, active = [], {}, 0
    for uid in sorted(best):
        u = best[uid][1]
        if u["status"] == "deleted":
            continue
        n = u.get("name") or {}
        parts = [x.strip() for x in (n.get("first") or "", n.get("last") or "") if x and x.strip()]
        addrs = u.get("addresses") or []
        prim = next((a for a in addrs if a.get("primary") is True), addrs[0] if addrs else None)
        rec = {"id": uid, "name": " ".join(parts), "email": u["email"].strip().lower(),
               "country": prim["country"] if prim else None, "city": prim["city"] if prim else None,
               "roles": sorted(set(u.get("roles") or [])), "active": u["status"] == "active",
               "signup_date": parse_ts(u["created_at"]).astimezone(timezone.utc).strftime("%Y-%m-%d")}
        users.append(rec)
        if rec["active"]:
            active += 1
            c = rec["country"] or "unknown"
            by_country[c] = by_country.get(c, 0) + 1
    return {"users": users, "by_country": dict(sorted(by_country.items())), "total": len(users), "active": active}


def generate(seed, n_users, per_page=25):
    rng = random.Random(seed)
    firsts = ["Ada", " Grace", "Alan ", "Linus", "Margaret", "", None, "Ken"]
    lasts = ["Lovelace", "Hopper", " Turing", "Torvalds", "Hamilton ", "", None]
    cities = [("London", "GB"), ("Paris", "FR"), ("Berlin", "DE"), ("Lyon", "FR"), ("Oslo", "NO"), ("Austin", "US")]
    base = datetime(2024, 1, 1, tzinfo=timezone.utc)

    def ts(dt):
        off = rng.choice([0, 0, 120, -300, 330, -60, 840, -600])
        local = dt.astimezone(timezone(timedelta(minutes=off)))
        frac = rng.choice(["", ".%03d" % rng.randint(0, 999)])
        s = local.strftime("%Y-%m-%dT%H:%M:%S") + frac
        if off == 0 and rng.random() < 0.7:
            return s + "Z"
        return s + "%s%02d:%02d" % ("+" if off >= 0 else "-", abs(off) // 60, abs(off) % 60)

    users = []
    for i in range(n_users):
        created = base + timedelta(seconds=rng.randint(0, 300 * 86400))
        if rng.random() < 0.2:
            created = created.replace(hour=rng.choice([0, 23]), minute=rng.randint(0, 59))
        addrs = []
        for j in range(rng.choice([0, 1, 1, 2, 3])):
            c = rng.choice(cities)
            addrs.append({"type": rng.choice(["home", "billing", "work"]), "city": c[0], "country": c[1],
                          "primary": rng.random() < 0.3})
        u = {"id": rng.randint(1, n_users * 3), "name": {"first": rng.choice(firsts), "last": rng.choice(lasts)},
             "email": rng.choice(["  ", ""]) + "User%d@Example.COM" % i, "addresses": addrs,
             "roles": [rng.choice(["admin", "dev", "ops", "viewer"]) for _ in range(rng.randint(0, 4))],
             "status": rng.choice(["active", "active", "active", "suspended", "deleted"]),
             "created_at": ts(created), "updated_at": ts(created + timedelta(seconds=rng.randint(0, 10 ** 6)))}
        if rng.random() < 0.1:
            del u["roles"]
        users.append(u)
    pages = [users[i:i + per_page] for i in range(0, len(users), per_page)]
    out = []
    for k, data in enumerate(pages, 1):
        if k > 1 and rng.random() < 0.5:  # pagination overlap: repeat a user from the previous page, maybe updated
            prev = dict(pages[k - 2][-1])
            if rng.random() < 0.5:
                prev["status"] = rng.choice(["active", "deleted", "suspended"])
                prev["updated_at"] = ts(parse_ts(prev["updated_at"]) + timedelta(seconds=rng.randint(-50000, 50000)))
            data = [prev] + data
        out.append({"data": data, "meta": {"page": k, "per_page": per_page, "pages": len(pages)},
                    "links": {"next": "/users?page=%d" % (k + 1) if k < len(pages) else None}})
    return out


def write_pages(pages, d, rng_seed=0):
    rng = random.Random(rng_seed)
    os.makedirs(d, exist_ok=True)
    for p in pages:
        name = rng.choice(["page-%03d.json", "page-%d.json", "users-p%d.json"]) % p["meta"]["page"] \
            if rng_seed else "page-%03d.json" % p["meta"]["page"]
        with open(os.path.join(d, name), "w") as f:
            json.dump(p, f, indent=rng.choice([None, 2]))

"""Reference cron schedule expansion (Vixie cron semantics, as specified in the instruction)."""
import heapq
import re
from datetime import date, datetime, timedelta

MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
DAYS = {d: i for i, d in enumerate("SUN MON TUE WED THU FRI SAT".split())}
MACROS = {"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
          "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *"}
SPEC = [(0, 59, None), (0, 23, None), (1, 31, None), (1, 12, MONTHS), (0, 7, DAYS)]
ENV = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\s*=")


class Invalid(Exception):
    pass


def value(tok, lo, hi, names):
    if names and tok.upper() in names:
        v = names[tok.upper()]
    elif re.fullmatch(r"[0-9]+", tok):
        v = int(tok)
    else:
        raise Invalid(tok)
    if not lo <= v <= hi:
        raise Invalid(tok)
    return v


def field(text, lo, hi, names):
    out = set()
    for item in text.split(","):
        rng, slash, step = item.partition("/")
        if slash:
            if not re.fullmatch(r"[0-9]+", step) or int(step) == 0:
                raise Invalid(item)
            step = int(step)
        else:
            step = 1
        if rng == "*":
            a, b = lo, hi
        elif "-" in rng:
            x, _, y = rng.partition("-")
            a, b = value(x, lo, hi, names), value(y, lo, hi, names)
            if a > b:
                raise Invalid(item)
        else:
            if slash:
                raise Invalid(item)
            a = b = value(rng, lo, hi, names)
        out.update(range(a, b + 1, step))
    return out


def schedule(expr):
    parts = expr.split()
    if len(parts) != 5:
        raise Invalid(expr)
    sets = [field(p, *SPEC[i]) for i, p in enumerate(parts)]
    if 7 in sets[4]:
        sets[4].discard(7)
        sets[4].add(0)
    return sets, parts[2].startswith("*"), parts[4].startswith("*")


def parse_crontab(text):
    jobs, errors = [], []
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#") or ENV.match(line):
            continue
        try:
            if line.startswith("@"):
                parts = line.split(None, 1)
                if len(parts) < 2:
                    raise Invalid(line)
                if parts[0] == "@reboot":
                    continue
                if parts[0] not in MACROS:
                    raise Invalid(line)
                jobs.append((n, schedule(MACROS[parts[0]]), parts[1].strip()))
            else:
                parts = line.split(None, 5)
                if len(parts) < 6:
                    raise Invalid(line)
                jobs.append((n, schedule(" ".join(parts[:5])), parts[5].strip()))
        except Invalid:
            errors.append(n)
    return jobs, errors


def runs(sched, start, end):
    (mins, hours, doms, months, dows), dom_star, dow_star = sched
    mins, hours = sorted(mins), sorted(hours)
    day = start.date()
    while True:
        t0 = datetime(day.year, day.month, day.day)
        if t0 >= end:
            return
        if day.month in months:
            dm, wm = day.day in doms, (day.isoweekday() % 7) in dows
            if (dm and wm) if (dom_star or dow_star) else (dm or wm):
                for h in hours:
                    for m in mins:
                        t = t0.replace(hour=h, minute=m)
                        if start <= t < end:
                            yield t
        day += timedelta(days=1)


def expand(text, start, count):
    jobs, errors = parse_crontab(text)
    end = datetime(start.year + 8, 1, 1)
    def stream(n, sched, cmd):
        for t in runs(sched, start, end):
            yield t, n, cmd
    streams = [stream(n, s, cmd) for n, s, cmd in jobs]
    out = []
    for t, n, cmd in heapq.merge(*streams):
        if len(out) == count:
            break
        out.append("%s %s" % (t.strftime("%Y-%m-%dT%H:%M"), cmd))
    return out, errors

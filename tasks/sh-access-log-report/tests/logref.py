"""Generator of synthetic access logs and the reference report (used by the hidden tests)."""
import random
import re
from collections import Counter

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LINE = re.compile(
    r'^(\S+) \S+ \S+ \[(\d{2})/([A-Z][a-z]{2})/(\d{4}):(\d{2}):(\d{2}):(\d{2}) \+0000\] '
    r'"([A-Z]+) (\S+) (HTTP/\d\.\d)" (\d{3}) (\d+|-)( .*)?$')


def report(text):
    total = malformed = 0
    ips, paths, status, hours = Counter(), Counter(), Counter(), Counter()
    nbytes = 0
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # text ends with a newline (or is empty)
    for line in lines:
        m = LINE.match(line)
        if not m or m.group(3) not in MONTHS or m.group(11)[0] not in "2345":
            malformed += 1
            continue
        total += 1
        ip, dd, mon, yyyy, hh = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)
        ips[ip] += 1
        paths[m.group(9).split("?", 1)[0]] += 1
        status[m.group(11)[0]] += 1
        if m.group(12) != "-":
            nbytes += int(m.group(12))
        hours["%s-%02d-%s %s:00" % (yyyy, MONTHS.index(mon) + 1, dd, hh)] += 1
    out = ["requests: %d" % total, "malformed: %d" % malformed, "unique_ips: %d" % len(ips)]
    for d in "2345":
        out.append("status %sxx: %d" % (d, status[d]))
    out.append("top_ips:")
    for ip, c in sorted(ips.items(), key=lambda kv: (-kv[1], kv[0].encode()))[:5]:
        out.append("  %d %s" % (c, ip))
    out.append("top_paths:")
    for p, c in sorted(paths.items(), key=lambda kv: (-kv[1], kv[0].encode()))[:5]:
        out.append("  %d %s" % (c, p))
    out.append("bytes_total: %d" % nbytes)
    if hours:
        h, c = sorted(hours.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        out.append("busiest_hour: %s (%d)" % (h, c))
    else:
        out.append("busiest_hour: none")
    return "\n".join(out) + "\n"


def generate(seed, n):
    rng = random.Random(seed)
    ips = ["10.0.%d.%d" % (rng.randint(0, 3), rng.randint(1, 254)) for _ in range(40)]
    ips += ["192.168.1.%d" % i for i in range(1, 12)] + ["2001:db8::%x" % i for i in range(1, 6)]
    paths = ["/", "/index.html", "/api/items", "/api/items/42", "/login", "/static/app.js",
             "/static/style.css", "/search", "/api/users", "/favicon.ico", "/a%20b", "/robots.txt"]
    methods = ["GET"] * 8 + ["POST", "PUT", "DELETE", "HEAD"]
    statuses = [200] * 12 + [201, 204, 301, 302, 304, 400, 401, 403, 404, 404, 500, 502, 503]
    lines = []
    for i in range(n):
        ip = rng.choice(ips) if rng.random() < 0.7 else ips[rng.randint(0, 4)]
        day = rng.randint(1, 3)
        mon = rng.choice(["Mar", "Mar", "Oct", "Dec"])
        hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
        if rng.random() < 0.3:
            hh = 13
        path = rng.choice(paths)
        if rng.random() < 0.25:
            path += "?q=%d&page=%d" % (rng.randint(0, 99), rng.randint(1, 5))
        st = rng.choice(statuses)
        b = "-" if rng.random() < 0.1 else str(rng.randint(0, 50000))
        tail = rng.choice(['', ' "-" "curl/8.0"', ' "https://ex.com/?a=b c" "Mozilla/5.0 (X11; Linux x86_64)"'])
        line = '%s - %s [%02d/%s/2024:%02d:%02d:%02d +0000] "%s %s HTTP/1.1" %d %s%s' % (
            ip, rng.choice(["-", "alice", "bob"]), day, mon, hh, mm, ss, rng.choice(methods), path, st, b, tail)
        r = rng.random()
        if r < 0.015:
            line = line.replace('"', "", 1)                  # broken quoting
        elif r < 0.025:
            line = line.replace("/2024:", "/24:", 1)         # bad year
        elif r < 0.03:
            line = line.replace("/Mar/", "/Mrz/").replace("/Oct/", "/Okt/")  # bad month
        elif r < 0.035:
            line = "garbage line %d" % i
        elif r < 0.04:
            line = ""
        elif r < 0.045:
            line = line.replace(" HTTP/1.1\"", "\"", 1)      # request with two parts
        elif r < 0.05:
            line = line.replace('HTTP/1.1" %d ' % st, 'HTTP/1.1" 600 ', 1)  # status out of range
        lines.append(line)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys
    text = generate(int(sys.argv[1]), int(sys.argv[2]))
    open(sys.argv[3], "w").write(text)
    open(sys.argv[4], "w").write(report(text))

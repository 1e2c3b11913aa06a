"""Hidden tests for proctor/c-make-build-repair: build in a private copy of /app."""
import os
import random
import re
import shutil
import subprocess
import time

import pytest

B = "/tmp/verify-build"
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C"}


def sh(*args, cwd=B, check=True, input=None):
    r = subprocess.run(list(args), cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300, input=input)
    if check:
        assert r.returncode == 0, "%s failed:\n%s\n%s" % (" ".join(args), r.stdout[-2000:], r.stderr[-3000:])
    return r


def make(*targets, check=True):
    return sh("/usr/bin/make", "CC=/usr/bin/gcc", *targets, check=check)


@pytest.fixture(scope="module")
def tree():
    shutil.rmtree(B, ignore_errors=True)
    shutil.copytree("/app", B, symlinks=True)
    for f in ("src/main.c", "src/stats.c", "src/parse.c", "src/format.c", "tests/test_stats.c"):
        assert os.path.getsize(os.path.join(B, f)) > 300, f
    make("clean")
    return B


def touch_later(path):
    t = time.time() + 5
    os.utime(path, (t, t))


def statcalc(data, *args):
    return subprocess.run([B + "/statcalc", *args], input=data, capture_output=True, text=True, timeout=30)


def fmt(v):
    if v == int(v) and abs(v) < 1e15:
        s = "%d" % int(v)
    else:
        s = "%.*f" % (PREC, v)
    return "0" if s == "-0" else s


PREC = 3


def ref(values, as_json=False):
    v = sorted(values)
    n = len(v)
    s = 0.0
    for x in v:
        s += x
    mean = s / n
    sq = 0.0
    for x in v:
        sq += (x - mean) * (x - mean)
    med = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
    sd = (sq / (n - 1)) ** 0.5 if n > 1 else 0.0
    pairs = [("min", v[0]), ("max", v[-1]), ("mean", mean), ("median", med), ("stddev", sd)]
    if as_json:
        return '{"count": %d' % n + "".join(', "%s": %s' % (k, fmt(x)) for k, x in pairs) + "}\n"
    return "count: %d\n" % n + "".join("%s: %s\n" % (k, fmt(x)) for k, x in pairs)


def test_clean_parallel_build(tree):
    make("clean")
    r = make("-j4")
    assert os.path.isfile(B + "/statcalc")
    mk = open(B + "/Makefile").read()
    assert "-Werror" in mk and "-Wextra" in mk


def test_unit_tests(tree):
    r = make("test")
    assert "test_stats: all passed" in r.stdout


def test_version_generated(tree):
    make()
    assert statcalc("", "--version").stdout == "statcalc 1.4.2\n"
    with open(B + "/VERSION", "w") as f:
        f.write("9.10.11\n")
    touch_later(B + "/VERSION")
    make()
    assert statcalc("", "--version").stdout == "statcalc 9.10.11\n"


def test_behaviour(tree):
    make()
    rng = random.Random(5)
    cases = ["1 2 3 4\n", "5\n", "# header\n1,2,,3\n\n  -4.5e1\t7\n", "0.1 0.2 0.3\n", "-1 -1 -1\n",
             "1e10 -1e10 3\n", "123456789.125 2\n"]
    for _ in range(20):
        vals = [round(rng.uniform(-1000, 1000), rng.randint(0, 4)) for _ in range(rng.randint(1, 200))]
        cases.append(" ".join(repr(x) for x in vals) + "\n")
    for data in cases:
        vals = [float(t) for line in data.splitlines() if not line.lstrip().startswith("#")
                for t in re.split(r"[\s,]+", line) if t]
        for js in (False, True):
            r = statcalc(data, *(["--json"] if js else []))
            assert r.returncode == 0, (data, r.stderr)
            assert r.stdout == ref(vals, js), data


def test_errors(tree):
    make()
    r = statcalc("1 2\n3 x4\n")
    assert r.returncode == 1 and "line 2" in r.stderr
    r = statcalc("# nothing\n\n")
    assert r.returncode == 1
    assert statcalc("", "--bogus").returncode == 2


def test_header_change_rebuilds(tree):
    global PREC
    make()
    cfg = B + "/src/config.h"
    text = open(cfg).read()
    assert "#define PRECISION 3" in text
    with open(cfg, "w") as f:
        f.write(text.replace("#define PRECISION 3", "#define PRECISION 6"))
    touch_later(cfg)
    make()
    PREC = 6
    try:
        assert statcalc("1 2 4\n").stdout == ref([1, 2, 4])
    finally:
        PREC = 3
    stats_h = B + "/src/stats.h"
    touch_later(stats_h)
    r = make()
    assert "stats.c" in r.stdout and "format.c" in r.stdout, "editing stats.h must rebuild its users:\n" + r.stdout


def test_install(tree):
    make()
    prefix = "/tmp/verify-prefix/deep/dir"
    shutil.rmtree("/tmp/verify-prefix", ignore_errors=True)
    make("install", "PREFIX=" + prefix)
    exe = prefix + "/bin/statcalc"
    assert os.access(exe, os.X_OK)
    assert os.path.isfile(prefix + "/share/man/man1/statcalc.1")
    r = subprocess.run([exe], input="2 4\n", capture_output=True, text=True)
    assert r.stdout.startswith("count: 2\nmin: 2\n")


def test_clean(tree):
    make()
    make("test")
    make("clean")
    left = [os.path.relpath(os.path.join(dp, f), B) for dp, _, fs in os.walk(B) for f in fs
            if f.endswith((".o", ".d")) or f in ("statcalc", "test_stats", "version.h")]
    assert left == [], left

"""Hidden tests for proctor/sh-backup-rotation-bug: compare with a Python reference of the policy."""
import datetime
import os
import random
import re
import subprocess

import pytest

SCRIPT = "/app/bin/rotate-backups.sh"
PAT = re.compile(r"^(.+)-(\d{8})-(\d{6})\.tar\.gz$")


def ref(names, daily=7, weekly=4, monthly=6):
    sets = {}
    for n in names:
        m = PAT.match(n)
        if m:
            sets.setdefault(m.group(1), []).append((m.group(2) + m.group(3), n))
    out = []
    for s in sorted(sets, key=lambda x: x.encode()):
        arch = sorted(sets[s], reverse=True)
        keep = set()
        for quota, keyf in ((daily, lambda st: st[:8]),
                            (weekly, lambda st: datetime.date(int(st[:4]), int(st[4:6]), int(st[6:8])).isocalendar()[:2]),
                            (monthly, lambda st: st[:6])):
            seen = []
            for st, n in arch:
                k = keyf(st)
                if k not in seen:
                    seen.append(k)
                    if len(seen) <= quota:
                        keep.add(n)
        out += [n for st, n in sorted(sets[s]) if n not in keep]
    return out


def make_dir(tmp_path, names, seed=0):
    rng = random.Random(seed)
    d = tmp_path / "backups"
    d.mkdir()
    for n in names:
        p = d / n
        p.write_text("x")
        t = rng.randint(1_600_000_000, 1_800_000_000)
        os.utime(p, (t, t))
    return d


def run(d, *args):
    return subprocess.run(["/bin/bash", SCRIPT, *args, str(d)], capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, cwd="/tmp")


def stamps(rng, n, start=datetime.datetime(2023, 11, 1), span_days=200):
    out = set()
    while len(out) < n:
        t = start + datetime.timedelta(seconds=rng.randint(0, span_days * 86400))
        out.add(t.strftime("%Y%m%d-%H%M%S"))
    return sorted(out)


def scenario(seed, sets=("db", "db-main", "my files", "web -- prod")):
    rng = random.Random(seed)
    names = []
    for s in sets:
        names += ["%s-%s.tar.gz" % (s, st) for st in stamps(rng, rng.randint(3, 60))]
    names += ["notes.txt", "db-20240101-000000.tar.gz.part", "db-2024-01-01.tar.gz", "-20240101-000000.tar.gz.bak"]
    return names


def check(tmp_path, names, args=(), seed=0):
    d = make_dir(tmp_path, names, seed)
    kw = {}
    it = iter(args)
    for a in it:
        if a != "--dry-run":
            kw[a[2:]] = int(next(it))
    expect = ref(names, **kw)
    r = run(d, *args)
    assert r.returncode == 0, r.stderr
    dry = "--dry-run" in args
    assert r.stdout.splitlines() == [("would delete: " if dry else "delete: ") + n for n in expect]
    left = sorted(os.listdir(d))
    assert left == sorted(names if dry else set(names) - set(expect))


def test_script_is_shell():
    src = open(SCRIPT).read()
    assert src.startswith("#!/bin/bash") or src.startswith("#!/usr/bin/env bash")
    for w in ("python", "perl", "ruby"):
        assert w not in src.lower().replace("not python or perl", "")


@pytest.mark.parametrize("seed", range(4))
def test_default_policy(tmp_path, seed):
    check(tmp_path, scenario(seed), seed=seed)


@pytest.mark.parametrize("args", [("--daily", "2", "--weekly", "3", "--monthly", "1"), ("--daily", "0", "--weekly", "0",
                                  "--monthly", "0"), ("--monthly", "12"), ("--weekly", "10", "--daily", "1")])
def test_custom_quotas(tmp_path, args):
    check(tmp_path, scenario(7), args=args)


def test_dry_run(tmp_path):
    check(tmp_path, scenario(9), args=("--dry-run", "--daily", "3"))


def test_iso_weeks_around_new_year(tmp_path):
    # Sun 2023-01-01 belongs to ISO week 2022-W52; %U would put Sun 2023-01-08 in a new week.
    days = ["20221230", "20221231", "20230101", "20230102", "20230107", "20230108", "20230109", "20230115"]
    names = ["iso-%s-120000.tar.gz" % d for d in days] + ["iso-%s-080000.tar.gz" % d for d in days]
    check(tmp_path, names, args=("--daily", "0", "--weekly", "3", "--monthly", "0"))


def test_mtime_is_ignored(tmp_path):
    names = ["app-20240301-000000.tar.gz", "app-20240302-000000.tar.gz", "app-20240303-000000.tar.gz"]
    d = make_dir(tmp_path, names)
    os.utime(d / names[0], (1_900_000_000, 1_900_000_000))
    r = run(d, "--daily", "2", "--weekly", "0", "--monthly", "0")
    assert r.stdout.splitlines() == ["delete: app-20240301-000000.tar.gz"]


def test_empty_and_usage(tmp_path):
    d = make_dir(tmp_path, ["readme"])
    r = run(d)
    assert r.returncode == 0 and r.stdout == ""
    assert subprocess.run(["/bin/bash", SCRIPT, "/nonexistent"], capture_output=True).returncode == 2
    assert subprocess.run(["/bin/bash", SCRIPT, "--daily"], capture_output=True).returncode == 2
    assert subprocess.run(["/bin/bash", SCRIPT, "--bogus", str(d)], capture_output=True).returncode == 2

"""Hidden tests for proctor/py-cron-scheduler: compare with a reference expansion."""
import os
import random
import resource
import subprocess
import sys
from datetime import datetime

import pytest

sys.path.insert(0, "/tests")
import cronref  # noqa: E402

PROG = "/app/scheduler"


def run(tmp_path, text, start, count, cpu=2):
    p = tmp_path / "crontab"
    p.write_text(text)

    def limit():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        return subprocess.run([PROG, str(p), start, str(count)], capture_output=True, text=True, timeout=90,
                              preexec_fn=limit, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, cwd="/tmp")
    except subprocess.TimeoutExpired:
        pytest.fail("scheduler did not finish")


def check(tmp_path, text, start, count, cpu=2):
    r = run(tmp_path, text, start, count, cpu)
    exp, errors = cronref.expand(text, datetime.strptime(start, "%Y-%m-%dT%H:%M"), count)
    assert r.stdout.splitlines() == exp, (text, start, count)
    assert r.returncode == (1 if errors else 0), (r.returncode, r.stderr)
    got_err = [l for l in r.stderr.splitlines() if l.startswith("scheduler: line ")]
    assert got_err == ["scheduler: line %d: invalid entry" % n for n in errors]


def test_program_present():
    assert os.access(PROG, os.X_OK)
    src = open(PROG, errors="replace").read()
    assert len(src) > 1000 and "cronref" not in src and "/tests" not in src


def test_example(tmp_path):
    check(tmp_path, open("/app/crontab.example").read(), "2024-02-29T16:50", 12)
    check(tmp_path, open("/app/crontab.example").read(), "2023-12-31T23:00", 300)


CASES = [
    ("*/15 9-17 * * MON-FRI work\n", "2024-03-08T16:40", 10),
    ("0 12 13 * FRI friday-or-13th\n", "2024-01-01T00:00", 30),
    ("0 0 */2 * MON star-step-dom-means-AND\n", "2024-01-01T00:00", 20),
    ("0 0 1-31/2 * MON range-dom-means-OR\n", "2024-01-01T00:00", 20),
    ("0 0 * * 7 sunday-as-7\n0 1 * * 0 sunday-as-0\n", "2024-05-01T00:00", 8),
    ("0 0 * * 5-7 fri-sat-sun\n", "2024-05-01T00:00", 9),
    ("0 6 * jan-mar,Dec sat,sun winter-weekends\n", "2024-03-29T00:00", 12),
    ("10-50/15 1-5/2 * * * steps\n", "2024-07-01T00:00", 15),
    ("59 23 31 12 * new-years-eve\n", "2024-12-31T23:59", 3),
    ("0 0 29 2 * leap\n", "2025-01-01T00:00", 3),
    ("0 0 30 2 * never\n0 0 31 4,6,9,11 * never2\n", "2024-01-01T00:00", 5),
    ("@yearly y\n@annually a\n@monthly m\n@weekly w\n@daily d\n@midnight mid\n@hourly h\n@reboot r\n",
     "2024-12-31T22:30", 40),
    ("  5 4 * * *    echo  two  spaces   \n", "2024-01-01T04:05", 2),
    ("0 0 1 1 * first\n0 0 1 1 * second\n", "2023-06-01T00:00", 6),
    ("*/7 * * * * every7\n", "2024-01-01T00:00", 20),
    ("0 0 * * * cmd\n", "2024-01-01T00:01", 0),
]


@pytest.mark.parametrize("i", range(len(CASES)))
def test_cases(tmp_path, i):
    check(tmp_path, *CASES[i])


def test_env_comments_blank(tmp_path):
    text = ("# comment\n\n   \nPATH=/usr/bin\nMAILTO = root\n_X1=2\n  # indented comment\n"
            "30 * * * * job\n")
    check(tmp_path, text, "2024-01-01T00:00", 4)


def test_invalid_lines(tmp_path):
    text = "\n".join([
        "0 * * * * good",
        "60 * * * * bad-minute",
        "* * * * *",
        "*/0 * * * * zero-step",
        "5/10 * * * * n-slash-s",
        "1-0 * * * * reversed",
        "@bogus cmd",
        "@daily",
        "a * * * * letters",
        "1,,2 * * * * empty-item",
        "* * * 13 * month13",
        "* * 0 * * dom0",
        "* * * * 8 dow8",
        "* * * FOO * badname",
        "* 24 * * * hour24",
        "*/5 * * * * good2",
        "1-5/ * * * * emptystep",
        "-1 * * * * negative",
    ]) + "\n"
    check(tmp_path, text, "2024-02-01T10:00", 15)


@pytest.mark.parametrize("seed", range(6))
def test_random_crontabs(tmp_path, seed):
    rng = random.Random(seed)
    pieces = [
        ["*", "0", "*/5", "15,45", "0-30/10", "7", "59", "*/13", "1-3"],
        ["*", "0", "9-17", "*/6", "23", "3,15", "1-23/7"],
        ["*", "1", "15", "*/10", "28-31", "1,15", "13", "31", "2-4/2"],
        ["*", "2", "feb", "JAN-JUN", "*/3", "12", "4,6,9,11", "Nov-dec"],
        ["*", "0", "7", "MON-FRI", "sat,SUN", "*/2", "1-5/2", "5", "THU"],
    ]
    lines = []
    for j in range(rng.randint(1, 8)):
        if rng.random() < 0.15:
            lines.append(rng.choice(list(cronref.MACROS)) + " job%d" % j)
        else:
            lines.append(" ".join(rng.choice(p) for p in pieces) + " job%d --x %d" % (j, j))
    start = "%04d-%02d-%02dT%02d:%02d" % (rng.randint(2023, 2030), rng.randint(1, 12), rng.randint(1, 28),
                                          rng.randint(0, 23), rng.randint(0, 59))
    check(tmp_path, "\n".join(lines) + "\n", start, rng.choice([1, 50, 500]))


def test_fast_with_never_jobs(tmp_path):
    text = "".join("0 0 30 2 * never%d\n" % i for i in range(6)) + "0 0 1 1 * yearly\n"
    check(tmp_path, text, "2024-01-01T00:00", 20, cpu=2)


def test_fast_many_jobs(tmp_path):
    text = "".join("%d */%d * * * job%d\n" % (i % 60, 1 + i % 5, i) for i in range(50))
    check(tmp_path, text, "2024-01-01T00:00", 2000, cpu=2)


@pytest.mark.parametrize("args", [[], ["/app/crontab.example", "2024-01-01T00:00"],
                                  ["/nonexistent", "2024-01-01T00:00", "3"],
                                  ["/app/crontab.example", "2024-01-01 00:00", "3"],
                                  ["/app/crontab.example", "2024-01-01T00:00", "-1"],
                                  ["/app/crontab.example", "2024-01-01T00:00", "x"]])
def test_usage_errors(args):
    r = subprocess.run([PROG, *args], capture_output=True, text=True, timeout=30, cwd="/tmp")
    assert r.returncode == 2, (args, r.returncode, r.stdout[:200])

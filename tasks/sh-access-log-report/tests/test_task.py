"""Hidden tests for proctor/sh-access-log-report: compare with a Python reference on fresh logs."""
import os
import subprocess
import sys

import pytest

sys.path.insert(0, "/tests")
import logref  # noqa: E402

SCRIPT = "/app/report.sh"
ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/root"}


def run(path):
    return subprocess.run(["/bin/bash", SCRIPT, path], capture_output=True, text=True, timeout=120, env=ENV,
                          cwd="/tmp")


def test_script_is_shell():
    assert os.path.isfile(SCRIPT) and os.access(SCRIPT, os.X_OK)
    src = open(SCRIPT, encoding="utf-8", errors="replace").read()
    assert len(src.strip()) > 80
    for word in ("python", "perl", "ruby", "/tests", "logref"):
        assert word not in src, f"uses {word}"


def test_sample(tmp_path):
    r = run("/app/samples/access.log")
    text = open("/app/samples/access.log").read()
    assert r.returncode == 0, r.stderr
    assert r.stdout == logref.report(text)


@pytest.mark.parametrize("seed,n", [(101, 3000), (202, 20000), (303, 50)])
def test_generated(tmp_path, seed, n):
    text = logref.generate(seed, n)
    p = tmp_path / "access.log"
    p.write_text(text)
    r = run(str(p))
    assert r.returncode == 0, r.stderr
    assert r.stdout == logref.report(text)


def test_edge_cases(tmp_path):
    cases = {
        "empty": "",
        "no_newline": '1.2.3.4 - - [05/Jan/2024:07:00:00 +0000] "GET /x?y=1 HTTP/1.0" 200 -',
        "only_bad": "hello\n\n\n",
        "ties": "".join(
            '%s - - [09/Feb/2024:%02d:00:00 +0000] "GET %s HTTP/1.1" 404 10\n' % (ip, h, p)
            for ip, h, p in [("b", 5, "/b"), ("a", 6, "/a"), ("c", 4, "/c"), ("a", 4, "/b"),
                             ("b", 6, "/a"), ("c", 5, "/c"), ("d", 1, "/d"), ("e", 2, "/e"),
                             ("f", 3, "/f"), ("B", 3, "/B")]),
        "trailing_garbage": '1.2.3.4 - - [05/Jan/2024:07:00:00 +0000] "GET / HTTP/1.1" 200 12x\n'
                            '1.2.3.4 - - [05/Jan/2024:07:00:00 +0000] "GET / HTTP/1.1" 200 12 x\n'
                            '1.2.3.4 - - [05/Jan/2024:07:00:00 +0100] "GET / HTTP/1.1" 200 12\n',
    }
    for name, text in cases.items():
        p = tmp_path / (name + ".log")
        p.write_text(text)
        r = run(str(p))
        assert r.returncode == 0, (name, r.stderr)
        assert r.stdout == logref.report(text), name

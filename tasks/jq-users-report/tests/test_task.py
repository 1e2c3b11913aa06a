"""Hidden tests for proctor/jq-users-report."""
import json
import os
import subprocess
import sys

import pytest

sys.path.insert(0, "/tests")
import usersref  # noqa: E402

SCRIPT = "/app/transform.sh"


def run(d):
    r = subprocess.run(["/bin/bash", SCRIPT, str(d)], capture_output=True, text=True, timeout=120,
                       env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, cwd="/tmp")
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout)


def test_script_uses_jq_only():
    src = open(SCRIPT).read()
    assert "jq" in src and len(src) > 200
    for bad in ("python", "perl", "node ", "ruby", "usersref", "/tests"):
        assert bad not in src, bad


def test_sample():
    assert run("/app/sample/pages") == json.load(open("/app/sample/expected.json"))


@pytest.mark.parametrize("seed,n,per", [(21, 200, 30), (22, 500, 50), (23, 40, 7), (24, 1, 5)])
def test_generated(tmp_path, seed, n, per):
    pages = usersref.generate(seed, n, per)
    usersref.write_pages(pages, str(tmp_path / "pages"), rng_seed=seed)
    want = usersref.reference(pages)
    got = run(tmp_path / "pages")
    assert got["total"] == want["total"] and got["active"] == want["active"]
    assert got["by_country"] == want["by_country"]
    for g, w in zip(got["users"], want["users"]):
        assert g == w
    assert got == want


def test_handwritten_edges(tmp_path):
    d = tmp_path / "p"
    d.mkdir()
    u = lambda i, **kw: dict({"id": i, "name": {"first": "A", "last": "B"}, "email": "X@Y.Z", "status": "active",
                              "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"}, **kw)
    page2 = {"data": [
        u(1, created_at="2024-03-01T23:30:00-02:00", updated_at="2024-05-01T10:00:00+02:00", status="suspended"),
        u(2, name={"first": "  ", "last": None}, addresses=[{"city": "Oslo", "country": "NO", "primary": False},
                                                             {"city": "Lyon", "country": "FR", "primary": True}]),
        u(3, name={}, addresses=[{"city": "Oslo", "country": "NO"}], roles=["b", "a", "b"]),
        u(5, created_at="2024-12-31T22:00:00.999-05:00"),
    ], "meta": {"page": 2}, "links": {}}
    page1 = {"data": [
        u(1, updated_at="2024-05-01T07:59:59.999Z", status="deleted"),
        u(4, status="deleted"),
        u(5, created_at="2025-01-01T05:00:00.5+05:30", updated_at="2024-01-01T00:00:00.001Z"),
    ], "meta": {"page": 1}, "links": {}}
    (d / "zzz.json").write_text(json.dumps(page1))
    (d / "aaa.json").write_text(json.dumps(page2))
    assert run(d) == usersref.reference([page1, page2])

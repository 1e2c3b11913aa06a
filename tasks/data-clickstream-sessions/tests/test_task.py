"""Hidden tests for proctor/data-clickstream-sessions: compare with the reference sessionizer."""
import json
import os
import subprocess
import sys

import pytest

sys.path.insert(0, "/tests")
import clickref  # noqa: E402

PROG = "/app/sessionize"


def run(src, outdir, timeout=600):
    try:
        r = subprocess.run([PROG, str(src), str(outdir)], capture_output=True, text=True, timeout=timeout,
                           cwd="/tmp", env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8"})
    except subprocess.TimeoutExpired:
        pytest.fail("sessionize took longer than %d s" % timeout)
    assert r.returncode == 0, r.stderr[-3000:]
    with open(os.path.join(outdir, "sessions.csv"), encoding="utf-8", newline="") as f:
        csv_text = f.read()
    with open(os.path.join(outdir, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    return csv_text, summary


def compare(got, want):
    gcsv, gsum = got
    wcsv, wsum = want
    assert gsum == wsum
    if gcsv != wcsv:
        gl, wl = gcsv.split("\n"), wcsv.split("\n")
        for i, (a, b) in enumerate(zip(gl, wl)):
            assert a == b, "sessions.csv line %d differs:\n got: %s\nwant: %s" % (i + 1, a, b)
        assert len(gl) == len(wl), "sessions.csv has %d lines, want %d" % (len(gl), len(wl))


def test_program():
    assert os.path.isfile(PROG) and os.access(PROG, os.X_OK)
    data = open(PROG, "rb").read()
    assert len(data) > 300 and b"/tests" not in data and b"clickref" not in data


def test_sample(tmp_path):
    text = open("/app/data/sample.jsonl", encoding="utf-8").read()
    compare(run("/app/data/sample.jsonl", tmp_path / "o"), clickref.sessionize(text))


def test_full_month(tmp_path):
    text = open("/app/data/events.jsonl", encoding="utf-8").read()
    assert len(text) > 25_000_000
    compare(run("/app/data/events.jsonl", tmp_path / "o"), clickref.sessionize(text))


@pytest.mark.parametrize("seed,persons", [(31, 300), (32, 1500)])
def test_other_exports(tmp_path, seed, persons):
    text = clickref.generate(seed, persons)
    p = tmp_path / "e.jsonl"
    p.write_text(text, encoding="utf-8")
    compare(run(p, tmp_path / "o"), clickref.sessionize(text))


EDGE = [
    # offsets: 2024-05-01T23:50:00-02:00 is 2024-05-02T01:50Z
    {"id": "1", "ts": "2024-05-01T23:50:00-02:00", "anon": "d1", "type": "pageview", "url": "/a?x=1"},
    {"id": "2", "ts": "2024-05-02T01:55:00.5Z", "anon": "d1", "type": "click"},
    # a gap of exactly 30 minutes keeps the session, 30 min + 1 ms does not
    {"id": "3", "ts": 1714616100500, "anon": "d1", "type": "pageview", "url": "/b"},
    {"id": "4", "ts": 1714617900501, "anon": "d1", "type": "pageview", "url": "/c"},
    # UTC midnight split
    {"id": "5", "ts": "2024-05-02T23:59:59.999Z", "anon": "d2", "type": "pageview", "url": "/x"},
    {"id": "6", "ts": "2024-05-03T00:00:00Z", "anon": "d2", "type": "pageview", "url": "/y"},
    # utm change starts a session, same utm and empty utm do not
    {"id": "7", "ts": 1714700000000, "anon": "d3", "type": "pageview", "url": "/p", "utm_source": "google"},
    {"id": "8", "ts": 1714700001000, "anon": "d3", "type": "click", "utm_source": "google"},
    {"id": "9", "ts": 1714700002000, "anon": "d3", "type": "click", "utm_source": ""},
    {"id": "10", "ts": 1714700003000, "anon": "d3", "type": "pageview", "url": "/q", "utm_source": "news,letter"},
    # identity: d4's events before login belong to the user; d5 (another device) too
    {"id": "11", "ts": 1714800000000, "anon": "d4", "type": "pageview", "url": "/home"},
    {"id": "12", "ts": 1714800060000, "anon": "d4", "type": "login", "user": "ann"},
    {"id": "13", "ts": 1714800120000, "anon": "d5", "type": "purchase", "amount": 999, "user": "ann"},
    {"id": "14", "ts": 1714800180000, "anon": "d4", "type": "purchase", "amount": 1},
    {"id": "15", "ts": 1714800240000, "anon": "d5", "type": "login", "user": "bob"},
    # equal timestamps keep file order
    {"id": "16", "ts": 1714900000000, "anon": "d6", "type": "pageview", "url": "/first"},
    {"id": "17", "ts": "2024-05-05T09:06:40Z", "anon": "d6", "type": "pageview", "url": "/second"},
    # bots, heartbeats, duplicates
    {"id": "18", "ts": 1714900000000, "anon": "d6", "type": "pageview", "url": "/bot", "ua": "x-SPIDER-y"},
    {"id": "19", "ts": 1714900000001, "anon": "d6", "type": "heartbeat"},
    {"id": "16", "ts": 1714900000002, "anon": "d6", "type": "pageview", "url": "/dup"},
    {"id": "20", "ts": 1714900000000, "anon": "d7", "type": "purchase", "amount": 0},
    {"id": "21", "ts": 0, "anon": "d8", "type": "click", "user": None},
]


def test_edge_cases(tmp_path):
    lines = [json.dumps(e) for e in EDGE]
    lines[3:3] = ["", "   ", '{"id": "bad", "ts": "2024-05-01T10:00:00.1234Z", "anon": "z", "type": "click"}',
                  '{"id": "bad2", "ts": -5, "anon": "z", "type": "click"}']
    lines.append('{"id": "22", "ts": "2024-05-05T09:06:40.000+00:00", "anon": "d6", "type": "click", "ua": null}')
    text = "\n".join(lines)  # no final newline
    p = tmp_path / "edge.jsonl"
    p.write_text(text, encoding="utf-8")
    want = clickref.sessionize(text)
    compare(run(p, tmp_path / "o"), want)


def test_empty_input(tmp_path):
    p = tmp_path / "empty.jsonl"
    p.write_text("\n\n")
    compare(run(p, tmp_path / "o"), clickref.sessionize("\n\n"))

"""Hidden tests for proctor/git-repair-repo."""
import os
import subprocess

import pytest

REPO = "/app/repo"
GIT = "/usr/bin/git"
MAIN = "922cc73fce2c543bea73639a73634398125c8559"
RELEASE = "7d4537b96b8a41cba678de6917b75175f76bb3a8"
TAG = "c5cc6ff22272b3b3723d4287d7cce627a5350578"
TAG_COMMIT = "b8ddca202c5ed4bb748ec5b07c89582d088e8454"
MAIN_HISTORY = [
    "Add notes", "Document all unit families", "Test temperature round trip", "Add volume conversions",
    "Add temperature conversions", "Prepare release 1.0", "Add length tests", "Add mass conversions",
    "Add imperial length units", "Initial import of units library",
]
NOTES = "TODO\n- speed units (km/h, mph)\n- pressure\n- energy (J, kWh, kcal)\n"
LENGTH_V1 = ('FACTORS = {"m": 1.0, "km": 1000.0, "cm": 0.01}\n\n\n'
             'def convert(value, src, dst):\n    return value * FACTORS[src] / FACTORS[dst]\n\n'
             'FACTORS.update({"mm": 0.001, "in": 0.0254, "ft": 0.3048})\n')
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/tmp/githome", "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C"}


def git(*args, check=True):
    os.makedirs("/tmp/githome", exist_ok=True)
    r = subprocess.run([GIT, "-c", "safe.directory=*", *args], cwd=REPO, capture_output=True, text=True,
                       env=ENV, timeout=60)
    if check:
        assert r.returncode == 0, (args, r.stderr)
    return r


def test_is_worktree_repo():
    assert os.path.isdir(REPO + "/.git")
    assert git("rev-parse", "--is-bare-repository").stdout.strip() == "false"
    assert git("rev-parse", "--show-toplevel").stdout.strip() == REPO


def test_head_on_main():
    assert git("symbolic-ref", "HEAD").stdout.strip() == "refs/heads/main"


def test_main_tip_recovered():
    assert git("rev-parse", "refs/heads/main").stdout.strip() == MAIN
    assert git("log", "--format=%s", "main").stdout.splitlines() == MAIN_HISTORY


def test_release_branch_intact():
    assert git("rev-parse", "refs/heads/release-1.2").stdout.strip() == RELEASE


def test_tag_restored():
    assert git("rev-parse", "refs/tags/v1.0").stdout.strip() == TAG
    assert git("cat-file", "-t", TAG).stdout.strip() == "tag"
    assert git("rev-parse", "v1.0^{commit}").stdout.strip() == TAG_COMMIT


def test_fsck_clean():
    r = git("fsck", "--full", "--strict", "--no-progress", check=False)
    assert r.returncode == 0, r.stderr + r.stdout
    bad = [l for l in (r.stdout + r.stderr).splitlines() if not l.startswith(("dangling ", "Checking"))]
    assert not bad, bad


def test_every_object_readable():
    objs = git("rev-list", "--objects", "--all").stdout.split("\n")
    ids = "\n".join(l.split(" ")[0] for l in objs if l)
    r = subprocess.run([GIT, "-c", "safe.directory=*", "cat-file", "--batch-check"], input=ids + "\n", cwd=REPO,
                       capture_output=True, text=True, env=ENV, timeout=60)
    assert r.returncode == 0
    assert "missing" not in r.stdout
    assert len(r.stdout.splitlines()) >= 40
    assert git("cat-file", "-p", "v1.0:units/length.py").stdout == LENGTH_V1


def test_worktree_and_index():
    assert open(os.path.join(REPO, "notes.txt")).read() == NOTES
    assert git("status", "--porcelain", "--untracked-files=all").stdout == " M notes.txt\n"
    assert git("diff", "--cached", "--name-only").stdout == ""


def test_remote_kept():
    assert git("config", "--get", "remote.origin.url").stdout.strip() == "https://git.example.com/dana/units.git"

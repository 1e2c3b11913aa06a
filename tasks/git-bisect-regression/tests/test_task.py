"""Hidden tests for proctor/git-bisect-regression."""
import os
import re
import subprocess
import sys

import pytest

REPO = "/app/repo"
FIRST_BAD = "2452598613c12dd9e90557025ea89832eccf10ff"
ORIGINAL_TIP = "80fd45a0d714991a30889c0ede7fabaf8eb344b9"
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C", "PYTHONDONTWRITEBYTECODE": "1"}
sys.dont_write_bytecode = True


def git(*args, check=True):
    r = subprocess.run(["/usr/bin/git", "-c", "safe.directory=*", *args], cwd=REPO, capture_output=True, text=True,
                       env=ENV, timeout=60)
    if check:
        assert r.returncode == 0, (args, r.stderr)
    return r


def test_answer_file():
    text = open("/app/first-bad-commit.txt").read().strip()
    assert re.fullmatch(r"[0-9a-f]{40}", text), text
    assert text == FIRST_BAD


def test_history_preserved():
    assert git("symbolic-ref", "HEAD").stdout.strip() == "refs/heads/main"
    head = git("rev-parse", "HEAD").stdout.strip()
    assert head != ORIGINAL_TIP, "the fix must be a new commit on main"
    assert git("merge-base", "--is-ancestor", ORIGINAL_TIP, "HEAD", check=False).returncode == 0
    assert git("rev-parse", "v1.0^{commit}").stdout.strip() == git("rev-list", "--max-parents=0", "HEAD").stdout.strip()
    assert int(git("rev-list", "--count", "HEAD").stdout) >= 121


def test_clean_tree():
    status = [l for l in git("status", "--porcelain", "--untracked-files=all").stdout.splitlines()
              if not (l.startswith("?? ") and "__pycache__/" in l)]
    assert status == [], status
    assert git("fsck", "--no-progress", check=False).returncode == 0


def run_check():
    return subprocess.run(["/usr/bin/python3", "check.py"], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env=ENV)


def test_check_passes():
    r = run_check()
    assert r.returncode == 0, r.stdout
    assert "6/6 checks passed" in r.stdout


def test_check_unchanged():
    assert git("diff", ORIGINAL_TIP, "HEAD", "--", "check.py").stdout == ""


@pytest.fixture(scope="module")
def ts():
    sys.path.insert(0, REPO)
    import textstats
    return textstats


def test_sentence_count(ts):
    cases = {"Wait... What? Yes!": 3, "One. Two": 2, "": 0, "   ": 0, "Hello world.": 1, "Really?!": 1,
             "No end": 1, "A. B. C.": 3, "e.g. this works": 2, "Hm... ok...": 2, "x!!! y??? z": 3,
             "Version 1.5 is out.": 1, "Dots...in middle": 1}
    for text, n in cases.items():
        assert ts.sentence_count(text) == n, text


def test_later_features_intact(ts):
    text = "The cat and the hat. The well-known cat didn't sit!\n\nSecond paragraph here."
    assert ts.word_count(text) == 13
    assert ts.top_words(text, 2) == [("the", 3), ("cat", 2)]
    assert ts.reading_time(text) == 1 and ts.reading_time("") == 0 and ts.reading_time("w " * 401) == 3
    assert ts.paragraph_count(text) == 2
    assert ts.unique_words(text) == 10
    assert ts.longest_word(text) == "well-known"
    assert ts.char_count("a b\tc", spaces=False) == 3
    assert ts.avg_word_length("ab abcd") == 3.0
    assert ts.lexical_density("a a b") == 0.667

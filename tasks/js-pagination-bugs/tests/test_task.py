"""Hidden tests for proctor/js-pagination-bugs: node's test runner on a clean copy of /app plus hidden test files."""
import os
import re
import shutil
import subprocess

import pytest

APP = "/app"
WORK = "/tmp/verify-js"
SOURCES = [("src/query.js", 1200), ("src/sort.js", 500), ("src/paginate.js", 800)]          # (path under /app, minimum size)
TEST_FILES = ["hidden.test.js", "visible.test.js"]    # files in /tests to run
EXPECTED = ['h: pages are 1-based and complete', 'h: totalPages rounds up and is at least 1', 'h: links', 'h: page beyond the last', 'h: per_page default and clamp', 'h: invalid numbers throw QueryError', 'h: decoding', 'h: last parameter wins, unknown ignored, empty parts ok', 'h: sort multiple keys, stable, missing last', 'h: filter + sort + paginate together', 'h: filter values round-trip in links', 'h: paginate directly', 'first page', 'last page is partial', 'per_page is clamped', 'descending sort']        # top-level test names that must pass


@pytest.fixture(scope="session")
def results():
    for f, min_size in SOURCES:
        p = os.path.join(APP, f)
        assert os.path.isfile(p) and os.path.getsize(p) >= min_size, f
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.copytree(APP, WORK, ignore=shutil.ignore_patterns("node_modules", ".git", "test", "tests"))
    os.makedirs(WORK + "/.verify")
    for f in TEST_FILES:
        shutil.copy("/tests/" + f, WORK + "/.verify/" + f)
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "VERIFY_ROOT": WORK, "NODE_OPTIONS": ""}
    r = subprocess.run(["/usr/bin/node", "--test", *[WORK + "/.verify/" + f for f in TEST_FILES]], cwd=WORK, env=env,
                       capture_output=True, text=True, timeout=600)
    out = r.stdout + r.stderr
    status = {}
    for bad, name, directive in re.findall(r"^(not )?ok \d+ - (.+?)(\s+#\s*(?:SKIP|TODO).*)?$", out, re.M):
        status[name] = "skipped" if directive else ("failed" if bad else "passed")
    return status, out


@pytest.mark.parametrize("name", EXPECTED)
def test_node(results, name):
    status, out = results
    assert status.get(name) == "passed", f"{name}: {status.get(name)}\n{out[-4000:]}"

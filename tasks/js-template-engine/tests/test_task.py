"""Hidden tests for proctor/js-template-engine: node's test runner on a clean copy of /app plus hidden test files."""
import os
import re
import shutil
import subprocess

import pytest

APP = "/app"
WORK = "/tmp/verify-js"
SOURCES = [("src/index.js", 3000)]          # (path under /app, minimum size)
TEST_FILES = ["hidden.test.js", "visible.test.js"]    # files in /tests to run
EXPECTED = ['h: text and variables', 'h: escaping and triple braces', 'h: comments', 'h: if / unless / else truthiness', 'h: each with data variables', 'h: scope fallback and ../', 'h: nested each and with', 'h: filters', 'h: filters on block expressions', 'h: errors with line numbers', 'h: errors do not depend on data', 'h: a realistic page', 'variables are escaped', 'each']        # top-level test names that must pass


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

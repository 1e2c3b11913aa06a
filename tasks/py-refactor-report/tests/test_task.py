"""Hidden tests for proctor/py-refactor-report: identical behaviour to the original, better structure."""
import ast
import json
import os
import random
import subprocess

import pytest

SRC_DIR = "/app/salesreport"
MAX_FUNC_LINES = 30
WINDOW = 5

RUNNER = r'''
import json, sys
sys.path.insert(0, sys.argv[1])
from salesreport import build_report
cases = json.load(sys.stdin)
out = []
for c in cases:
    try:
        out.append(["ok", build_report(c["records"], c["kind"], **c["opts"])])
    except Exception as e:
        out.append(["error", type(e).__name__])
print(json.dumps(out))
'''


def run_all(root, cases):
    r = subprocess.run(["/usr/bin/python3", "-c", RUNNER, root], input=json.dumps(cases), capture_output=True,
                       text=True, timeout=300, cwd="/tmp", env={"PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout)


def make_cases(seed, n):
    rng = random.Random(seed)
    regions = ["north", "North ", " south", "EAST", "west coast", "", None, "a very long region name indeed"]
    products = ["apple", "Pear", " kiwi ", "", None, "dragonfruit-deluxe-edition-xl"]
    cases = []
    for _ in range(n):
        recs = []
        for _ in range(rng.randint(0, 40)):
            r = {"date": "2024-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
                 "region": rng.choice(regions), "product": rng.choice(products),
                 "units": rng.choice([rng.randint(0, 50), rng.randint(0, 50), -1, "7", "x"]),
                 "unit_price": rng.choice(["%d.%02d" % (rng.randint(0, 20), rng.randint(0, 99)), "1.005", "-2", "abc",
                                           "0.00"])}
            if rng.random() < 0.2:
                r["refunded"] = True
            if rng.random() < 0.05:
                r["date"] = rng.choice(["2024/01/01", "", None, "2024-1-1"])
            if rng.random() < 0.03:
                del r["unit_price"]
            recs.append(r)
        opts = {}
        if rng.random() < 0.4:
            opts["since"] = "2024-%02d-01" % rng.randint(1, 12)
        if rng.random() < 0.4:
            opts["until"] = "2024-%02d-15" % rng.randint(1, 12)
        if rng.random() < 0.4:
            opts["top"] = rng.randint(0, 5)
        if rng.random() < 0.5:
            opts["include_refunds"] = True
        if rng.random() < 0.3:
            opts["currency"] = "USD"
        cases.append({"records": recs, "kind": rng.choice(["region", "product", "month", "month", "quarter"]),
                      "opts": opts})
    return cases


@pytest.mark.parametrize("seed", range(5))
def test_same_output_as_before(seed):
    cases = make_cases(seed, 150)
    assert run_all("/app", cases) == run_all("/tests/ref", cases)


def source_files():
    files = [os.path.join(SRC_DIR, f) for f in sorted(os.listdir(SRC_DIR)) if f.endswith(".py")]
    assert any(f.endswith("report.py") for f in files)
    return files


def test_functions_are_short():
    for path in source_files():
        tree = ast.parse(open(path).read())
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and hasattr(node, "end_lineno"):
                length = node.end_lineno - node.lineno + 1
                assert length <= MAX_FUNC_LINES, "%s:%d %s is %d lines long" % (
                    path, node.lineno, getattr(node, "name", "lambda"), length)


def test_no_copy_paste():
    seen = {}
    for path in source_files():
        lines = [l.strip() for l in open(path).read().splitlines()]
        lines = [(i + 1, l) for i, l in enumerate(lines) if len(l) >= 12 and not l.startswith("#")]
        for k in range(len(lines) - WINDOW + 1):
            block = tuple(l for _, l in lines[k:k + WINDOW])
            where = "%s:%d" % (os.path.basename(path), lines[k][0])
            assert block not in seen, "duplicated block at %s and %s:\n%s" % (seen[block], where, "\n".join(block))
            seen[block] = where


def test_api_kept():
    out = subprocess.run(["/usr/bin/python3", "-c", "import sys; sys.path.insert(0, '/app'); import inspect, salesreport;"
                          "print(inspect.signature(salesreport.build_report))"], capture_output=True, text=True)
    assert out.stdout.strip() == ("(records, kind, since=None, until=None, top=None, include_refunds=False, "
                                  "currency='EUR')")


def test_visible_tests_pass():
    r = subprocess.run(["/usr/bin/python3", "-S", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--noconftest", "-c",
                        "/tests/pytest.ini", "--rootdir=/app", "/tests/visible_test_report.py"], capture_output=True,
                       text=True, cwd="/app", timeout=120,
                       env={"PATH": "/usr/bin:/bin", "PYTHONPATH": "/app:/usr/lib/python3/dist-packages", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert r.returncode == 0, r.stdout[-2000:]

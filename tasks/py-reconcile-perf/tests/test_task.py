"""Hidden tests for proctor/py-reconcile-perf: exact behaviour on small inputs, CPU budget on big ones."""
import json
import os
import random
import resource
import subprocess
import sys
from datetime import date, timedelta

import pytest

sys.path.insert(0, "/app")

from ledger import Txn, reconcile  # noqa: E402
from ledger.model import normalize_ref  # noqa: E402


def naive(bank, book, w):
    pairs, ub, used = [], [], set()
    for i, b in enumerate(bank):
        for j, k in enumerate(book):
            if j not in used and k.amount == b.amount and normalize_ref(k.reference) == normalize_ref(
                    b.reference) and abs((k.date - b.date).days) <= w:
                pairs.append((i, j))
                used.add(j)
                break
        else:
            ub.append(i)
    return pairs, ub, [j for j in range(len(book)) if j not in used]


def gen(rng, n_bank, n_book, days, refs, amounts):
    d0 = date(2024, 1, 1)

    def one():
        return Txn(d0 + timedelta(days=rng.randrange(days)), rng.choice(amounts),
                   rng.choice(refs) if rng.random() < 0.9 else rng.choice(refs).lower() + "  ")
    return [one() for _ in range(n_bank)], [one() for _ in range(n_book)]


def test_source_present():
    src = open("/app/ledger/reconcile.py").read()
    assert "def reconcile" in src and len(src) > 400


@pytest.mark.parametrize("seed", range(12))
def test_same_result_as_original_rule(seed):
    rng = random.Random(seed)
    w = [0, 1, 3, 3, 7, 40][seed % 6]
    bank, book = gen(rng, rng.randint(0, 120), rng.randint(0, 120), rng.choice([5, 20, 60]),
                     ["FEE", "Rent", "INV 1", "inv 2", "X  Y"], [-500, -500, 100, 2500, 7])
    r = reconcile(bank, book, w) if w != 3 else reconcile(bank, book)
    assert (r.pairs, r.unmatched_bank, r.unmatched_book) == naive(bank, book, w)


def test_empty_inputs():
    r = reconcile([], [])
    assert (r.pairs, r.unmatched_bank, r.unmatched_book) == ([], [], [])
    t = Txn(date(2024, 1, 1), 5, "A")
    r = reconcile([t], [])
    assert (r.pairs, r.unmatched_bank, r.unmatched_book) == ([], [0], [])
    r = reconcile([], [t, t])
    assert (r.pairs, r.unmatched_bank, r.unmatched_book) == ([], [], [0, 1])


BIG = r"""
import json, random, sys
from datetime import date, timedelta
sys.path.insert(0, "/app")
from ledger import Txn, reconcile
rng = random.Random(int(sys.argv[1]))
n, w = int(sys.argv[2]), int(sys.argv[3])
d0 = date(2024, 1, 1)
def txn(common):
    d = d0 + timedelta(days=rng.randrange(365))
    if common:
        return Txn(d, -250, rng.choice(["ACCOUNT FEE", "account fee", "Account  Fee"]))
    return Txn(d, rng.randrange(-10**6, 10**6), "INV %d" % rng.randrange(n))
bank = [txn(rng.random() < 0.35) for _ in range(n)]
book = [txn(rng.random() < 0.35) for _ in range(n)]
# most bank lines have a counterpart near the same date
for i in range(0, n, 2):
    b = book[rng.randrange(n)]
    bank[i] = Txn(b.date + timedelta(days=rng.randint(-w - 1, w + 1)), b.amount, b.reference.upper())
r = reconcile(bank, book, w)
json.dump([r.pairs, r.unmatched_bank, r.unmatched_book], sys.stdout)
"""


def fast_reference(seed, n, w):
    """Independent efficient implementation (same generator) used to check the big outputs."""
    rng = random.Random(seed)
    d0 = date(2024, 1, 1)

    def txn(common):
        d = d0 + timedelta(days=rng.randrange(365))
        if common:
            return Txn(d, -250, rng.choice(["ACCOUNT FEE", "account fee", "Account  Fee"]))
        return Txn(d, rng.randrange(-10**6, 10**6), "INV %d" % rng.randrange(n))
    bank = [txn(rng.random() < 0.35) for _ in range(n)]
    book = [txn(rng.random() < 0.35) for _ in range(n)]
    for i in range(0, n, 2):
        b = book[rng.randrange(n)]
        bank[i] = Txn(b.date + timedelta(days=rng.randint(-w - 1, w + 1)), b.amount, b.reference.upper())
    import bisect
    groups = {}
    for j, k in enumerate(book):
        groups.setdefault((k.amount, normalize_ref(k.reference)), {}).setdefault(k.date.toordinal(), []).append(j)
    ptr = {}
    pairs, ub, used = [], [], bytearray(n)
    for i, b in enumerate(bank):
        g = groups.get((b.amount, normalize_ref(b.reference)), {})
        best, bd = None, None
        for d in range(b.date.toordinal() - w, b.date.toordinal() + w + 1):
            lst = g.get(d)
            if not lst:
                continue
            p = ptr.get((b.amount, normalize_ref(b.reference), d), 0)
            if p < len(lst) and (best is None or lst[p] < best):
                best, bd = lst[p], d
        if best is None:
            ub.append(i)
        else:
            key = (b.amount, normalize_ref(b.reference), bd)
            ptr[key] = ptr.get(key, 0) + 1
            used[best] = 1
            pairs.append((i, best))
    return [list(p) for p in pairs], ub, [j for j in range(n) if not used[j]]


CPU_LIMIT = 10  # seconds; the reference solution needs about 3 on the larger input


def run_big(seed, n, w):
    def limit():
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT + 1))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        r = subprocess.run(["/usr/bin/python3", "-c", BIG, str(seed), str(n), str(w)], capture_output=True,
                           text=True, timeout=60, preexec_fn=limit, env={"PATH": "/usr/bin:/bin"}, cwd="/tmp")
    except subprocess.TimeoutExpired:
        pytest.fail("reconcile did not finish within 60 s wall clock")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert r.returncode == 0, f"exit {r.returncode} after {cpu:.1f}s CPU (limit {CPU_LIMIT} s): {r.stderr[-1500:]}"
    assert cpu < CPU_LIMIT
    return json.loads(r.stdout)


@pytest.mark.parametrize("seed,n,w", [(7, 200_000, 3), (8, 120_000, 10)])
def test_big_within_cpu_budget(seed, n, w):
    got = run_big(seed, n, w)
    exp = fast_reference(seed, n, w)
    assert got[0] == exp[0]
    assert got[1] == exp[1]
    assert got[2] == exp[2]


def test_visible_tests_still_pass():
    r = subprocess.run(["/usr/bin/python3", "-S", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--noconftest",
                        "-c", "/tests/pytest.ini", "--rootdir=/app", "/tests/visible_test_reconcile.py"],
                       capture_output=True, text=True, cwd="/app", timeout=120,
                       env={"PATH": "/usr/bin:/bin", "PYTHONPATH": "/app:/usr/lib/python3/dist-packages", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert r.returncode == 0, r.stdout[-3000:]

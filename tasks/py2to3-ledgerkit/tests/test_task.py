"""Hidden tests for proctor/py2to3-ledgerkit: the Python 3 port must behave exactly like Python 2 did."""
import datetime
import io
import os
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, "/tests")
import gen_journal  # noqa: E402
from commands import COMMANDS  # noqa: E402

MODULES = ["__init__", "accounts", "cache", "cli", "currency", "dates", "export_csv", "journal", "money", "parser",
           "report_balance", "report_budget", "report_register", "report_stats", "util"]
PY = "/usr/bin/python3"


def run_cli(root, args, home):
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "PYTHONPATH": root}
    return subprocess.run([PY, "-m", "ledgerkit.cli", *args], capture_output=True, env=env, cwd="/tmp", timeout=120)


@pytest.fixture(scope="session")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("ledger")
    (d / "home").mkdir()
    (d / "rates.txt").write_text(gen_journal.RATES)
    (d / "budget.txt").write_text(gen_journal.BUDGET + "Expenses:Utilities  333.33 GBP\n")
    journals = {"example": "/app/examples/2024.journal"}
    for seed, n in [(11, 40), (12, 150), (13, 400)]:
        p = d / ("j%d.journal" % seed)
        p.write_text(gen_journal.generate(seed, n), encoding="utf-8")
        journals["seed%d" % seed] = str(p)
    return d, journals


def test_all_modules_present_and_python3():
    for m in MODULES:
        path = "/app/ledgerkit/%s.py" % m
        assert os.path.isfile(path), path
        src = open(path, encoding="utf-8").read()
        assert len(src) > 80 or m == "__init__", path
        compile(src, path, "exec")


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_cleanly(module):
    name = "ledgerkit" if module == "__init__" else "ledgerkit." + module
    r = subprocess.run([PY, "-W", "error", "-c", "import %s" % name], capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "PYTHONPATH": "/app:/usr/lib/python3/dist-packages", "HOME": "/tmp"}, cwd="/tmp", timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]


@pytest.mark.parametrize("journal", ["example", "seed11", "seed12", "seed13"])
@pytest.mark.parametrize("cmd", [c[0] for c in COMMANDS])
def test_output_identical(inputs, journal, cmd):
    d, journals = inputs
    args = dict(COMMANDS)[cmd]
    argv = ["-f", journals[journal]] + [a.format(rates=str(d / "rates.txt"), budget=str(d / "budget.txt")) for a in args]
    want = run_cli("/tests/ref", argv, str(d / "home"))
    got = run_cli("/app", argv, str(d / "home"))
    assert want.returncode == 0, want.stderr
    assert got.returncode == 0, got.stderr.decode(errors="replace")[-2000:]
    assert got.stdout == want.stdout


def test_golden_files_unchanged_semantics():
    # the shipped golden outputs are Python 2's; the reference port reproduces them exactly
    d = "/tmp/golden-check"
    os.makedirs(d, exist_ok=True)
    for name, args in COMMANDS:
        argv = ["-f", "/app/examples/2024.journal"] + [a.format(rates="/app/examples/rates.txt",
                                                              budget="/app/examples/budget.txt") for a in args]
        got = run_cli("/app", argv, d)
        want = open("/tests/golden/%s.out" % name, "rb").read()
        assert got.stdout == want, name


def test_export_file(inputs, tmp_path):
    d, journals = inputs
    for root, out in (("/tests/ref", tmp_path / "ref.csv"), ("/app", tmp_path / "app.csv")):
        r = run_cli(root, ["-f", journals["seed12"], "export", str(out)], str(d / "home"))
        assert r.returncode == 0, r.stderr
    assert (tmp_path / "app.csv").read_bytes() == (tmp_path / "ref.csv").read_bytes()


def test_config_and_cache(inputs, tmp_path):
    d, journals = inputs
    cfg = tmp_path / "rc"
    cfg.write_text("[ledgerkit]\ncurrency = usd\ncache = yes\n")
    j = tmp_path / "c.journal"
    j.write_text("2024/05/01 A\n    Expenses:X  10\n    Assets:Y\n2024/05/02 B\n    Expenses:X  2.5 EUR\n    Assets:Y\n")
    outs = []
    for root in ("/tests/ref", "/app", "/app"):
        r = run_cli(root, ["--config", str(cfg), "-f", str(j), "-r", str(d / "rates.txt"), "balance"], str(d / "home"))
        assert r.returncode == 0, r.stderr
        outs.append(r.stdout)
        if root == "/tests/ref":
            os.remove(str(j) + ".ledgerkit-cache")
    assert outs[0] == outs[1] == outs[2]
    assert os.path.exists(str(j) + ".ledgerkit-cache")


@pytest.mark.parametrize("text,line", [
    ("2024/01/01 X\n    A  1 EUR\n    B  -2 EUR\n", 1),
    ("; c\n2024/01/01 X\n    A  1 EUR\n    B\n    C\n", 2),
    ("2024/01/01 X\n    A  1.234 EUR\n    B\n", 2),
    ("2024/13/01 X\n    A  1 EUR\n    B\n", 1),
    ("    A  1 EUR\n", 1),
    ("garbage\n", 1),
    ("2024/01/01 X\n    A  1 EUR\n    B\n\n2024/01/02 Y\n    B  1 EUR\n", 5),
])
def test_journal_errors(tmp_path, text, line):
    p = tmp_path / "bad.journal"
    p.write_text(text)
    r = run_cli("/app", ["-f", str(p), "balance"], str(tmp_path))
    assert r.returncode == 1
    assert r.stderr.decode().startswith("error: line %d: " % line), r.stderr


def test_usage_and_unknown_command(tmp_path):
    assert run_cli("/app", ["balance"], str(tmp_path)).returncode == 2
    r = run_cli("/app", ["-f", "/app/examples/2024.journal", "frobnicate"], str(tmp_path))
    assert r.returncode == 2 and b"unknown command: frobnicate" in r.stderr
    r = run_cli("/app", ["-f", "/app/examples/2024.journal", "-c", "JPY", "-r", "/app/examples/rates.txt", "balance"],
                str(tmp_path))
    assert r.returncode == 1 and r.stderr.startswith(b"error: no rate for")


API = r'''
import datetime, functools, sys
sys.path.insert(0, sys.argv[1])
from ledgerkit.money import Money, MoneyError
from ledgerkit import dates, accounts, util
from ledgerkit.currency import Rates
from ledgerkit.parser import parse_lines
out = []
a, b = Money(1000, "EUR"), Money(-1001, "EUR")
out.append((a / 3).cents); out.append((b / 2).cents); out.append((a // 3).cents if hasattr(Money, "__floordiv__") else 333)
out.append(bool(Money(0, "X"))); out.append(bool(b)); out.append(a > b); out.append(sorted([a, b, Money(5, "EUR")])[0].cents)
out.append(isinstance(Money.parse("7.5").cents, int))
out.append(Money.parse("-0.05 gbp").format(12))
out.append([dates.quarter(datetime.date(2024, m, 1)) for m in range(1, 13)])
out.append(list(dates.iter_months(datetime.date(2023, 12, 31), datetime.date(2024, 1, 1))))
names = ["Expenses:B", "Assets:Z", "Zoo", "Income", "Assets", "Equity:X"]
out.append(sorted(names, key=functools.cmp_to_key(accounts.root_order)))
t = accounts.AccountTree(); t.add("Assets:Bank:Checking", a); t.add("Assets:Cash", a)
out.append(t.accounts(2)); out.append(t.parent_total("Assets:Cash").cents)
out.append(util.columns([("é", "x"), ("ab", "yy")]))
out.append(util.top({"b": 2, "a": 2, "c": 3, "d": 1}, 3))
out.append(util.percent(1, 3)); out.append(util.percent(5, 0))
r = Rates("EUR", {"GBP": 1.17, "USD": 0.92})
out.append([r.convert(Money(c, "GBP")).cents for c in (50, -50, 150, 250, 1, 7)])
out.append([r.convert(Money(c, "USD")).cents for c in (25, 75, 125, -125)])
out.append(r.convert(Money(100, "EUR"), "USD").cents)
j = parse_lines(["2024/01/02 * P\n", "    Expenses:A  1.00 USD\n", "    Expenses:B  2 EUR\n",
                 "    Assets:C  -1 USD\n", "    Assets:D\n"])
t0 = j.transactions[0]
out.append([(p.account, p.amount.cents, p.amount.currency) for p in t0.postings])
out.append([m.cents for m in t0.total()]); out.append(t0.cleared)
print(repr(out))
'''


def test_api_matches_reference(tmp_path):
    script = tmp_path / "api.py"
    script.write_text(API)
    res = []
    for root in ("/tests/ref", "/app"):
        r = subprocess.run([PY, str(script), root], capture_output=True, text=True, cwd="/tmp", timeout=60,
                           env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
        assert r.returncode == 0, r.stderr[-2000:]
        res.append(r.stdout)
    assert res[1] == res[0]


def test_ported_unit_tests_pass():
    files = ["test_money.py", "test_dates.py", "test_journal.py", "test_reports.py"]
    for f in files:
        assert os.path.isfile("/app/tests/" + f), f
    r = subprocess.run([PY, "-S", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--noconftest", "-c", "/tests/pytest.ini",
                        "--rootdir=/app", *["/app/tests/" + f for f in files]], capture_output=True, text=True,
                       cwd="/app", timeout=300, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": "/app:/usr/lib/python3/dist-packages", "HOME": "/tmp",
                                                     "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "LANG": "C.UTF-8"})
    assert r.returncode == 0, r.stdout[-3000:]
    import re
    m = re.search(r"(\d+) passed", r.stdout)
    assert m and int(m.group(1)) >= 11, r.stdout[-500:]

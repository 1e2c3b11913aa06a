"""Hidden tests for proctor/rust-build-repair: offline build on rustc 1.63, behaviour unchanged."""
import json
import os
import random
import re
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, "/tests")
import invref  # noqa: E402

APP = "/app"
WORK = "/tmp/verify-crate"
BIN = "/tmp/verify-target/release/invreport"
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/root", "CARGO_HOME": "/tmp/verify-cargo-home", "CARGO_NET_OFFLINE": "true",
       "CARGO_TARGET_DIR": "/tmp/verify-target"}


@pytest.fixture(scope="session")
def built():
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.rmtree("/tmp/verify-cargo-home", ignore_errors=True)
    os.makedirs("/tmp/verify-cargo-home")
    assert os.path.isfile(APP + "/src/main.rs")
    shutil.copytree(APP + "/src", WORK + "/src")
    toml = open(APP + "/Cargo.toml").read()
    shutil.copy(APP + "/Cargo.toml", WORK + "/Cargo.toml")
    for section in ("[dependencies]", "[build-dependencies]", "[dev-dependencies]"):
        if section in toml:
            body = toml.split(section, 1)[1].split("\n[", 1)[0]
            assert not re.search(r"^\s*[A-Za-z0-9_-]+\s*=", body, re.M), f"{section} must be empty"
    assert "build =" not in toml.replace(" ", " ")
    r = subprocess.run(["/usr/bin/cargo", "build", "--offline", "--release"], cwd=WORK, env=ENV, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-5000:]
    assert os.path.isfile(BIN)
    src = "".join(open(os.path.join(dp, f), errors="replace").read()
                  for dp, _, fs in os.walk(WORK + "/src") for f in fs)
    assert "Command::new" not in src and "/tests" not in src
    return True


def run(tmp_path, text, *extra):
    p = tmp_path / "inv.tsv"
    p.write_bytes(text.encode("utf-8"))
    return subprocess.run([BIN, str(p), *extra], capture_output=True, timeout=30)


def check(tmp_path, text, low=None):
    r = run(tmp_path, text, *(["--low", str(low)] if low is not None else []))
    assert r.returncode == 0, r.stderr
    exp, warn = invref.run(text, 5 if low is None else low)
    got = json.loads(r.stdout.decode("utf-8"))
    assert got == exp
    assert list(got) == ["items", "total_value_cents", "total_value", "low_stock", "by_category"]
    assert list(got["by_category"]) == sorted(got["by_category"])
    for item in got["items"]:
        assert list(item) == ["sku", "name", "qty", "unit_price", "value_cents"]
    err = r.stderr.decode()
    assert re.findall(r"^invreport: line (\d+):", err, re.M) == [str(n) for n in warn]


def test_builds_offline(built):
    assert built


def test_sample_unchanged(built, tmp_path):
    text = open("/app/data/inventory.tsv", encoding="utf-8").read()
    check(tmp_path, text)
    r = run(tmp_path, text)
    assert json.loads(r.stdout) == json.load(open("/app/data/inventory.expected.json", encoding="utf-8"))


def test_escaping(built, tmp_path):
    text = ('Q1\tquote " back \\ slash\tx\t1\t1.00\n'
            'Q2\tctl\x01char and \x1f unit sep\tx\t2\t2.5\n'
            'Q3\tunicode ☃ 𝄞 é\ty\t3\t0.01\n'
            'Q4\t</script>\tz\t0\t5\n')
    check(tmp_path, text)
    out = run(tmp_path, text).stdout.decode()
    assert "\x01" not in out and "\x1f" not in out


def test_low_threshold_and_merge(built, tmp_path):
    text = "A\ta\tc1\t2\t1\nB\tb\tc2\t9\t2\nA\tother\tc9\t2\t100\n\n# comment\nC\tc\tc1\t+4\t0.5\n"
    for low in (0, 4, 5, 10, 100):
        check(tmp_path, text, low)


def test_warnings(built, tmp_path):
    text = ("ok\tname\tcat\t1\t1.00\n"
            "too\tfew\tfields\n"
            "x\tn\tc\t-1\t1.00\n"
            "y\tn\tc\t1\t1.234\n"
            "z\tn\tc\t1\t.5\n"
            " \tn\tc\t1\t1\n"
            "w\tn\t \t1\t1\n"
            "v\tn\tc\t1\t1.\n"
            "u\tn\tc\t1\t1.5\textra\n"
            "t\tn\tc\t 7 \t 2.25 \r\n")
    check(tmp_path, text)


@pytest.mark.parametrize("seed", range(4))
def test_random(built, tmp_path, seed):
    rng = random.Random(seed)
    lines = []
    for i in range(rng.randint(50, 400)):
        sku = "S-%03d" % rng.randint(0, 80)
        name = rng.choice(["plain", 'quo"te', "back\\slash", "ünï", "tab-free name", ""])
        qty = rng.choice([str(rng.randint(0, 30)), "x", "3.5", str(rng.randint(0, 9))])
        price = rng.choice(["%d.%02d" % (rng.randint(0, 500), rng.randint(0, 99)), str(rng.randint(0, 40)),
                            "%d.%d" % (rng.randint(0, 9), rng.randint(0, 9)), "bad", "1.999"])
        cat = rng.choice(["tools", "food", "parts", "Zeta", "alpha"])
        lines.append("\t".join([sku, name, cat, qty, price]))
        if rng.random() < 0.05:
            lines.append("# note %d" % i)
    check(tmp_path, "\n".join(lines) + "\n", rng.choice([None, 3, 12]))


def test_usage(built, tmp_path):
    assert subprocess.run([BIN], capture_output=True).returncode == 2
    p = tmp_path / "x.tsv"
    p.write_text("")
    assert subprocess.run([BIN, str(p), "--low", "abc"], capture_output=True).returncode == 2
    assert subprocess.run([BIN, str(p), "--high", "3"], capture_output=True).returncode == 2
    assert subprocess.run([BIN, "/nonexistent.tsv"], capture_output=True).returncode == 1
    r = subprocess.run([BIN, str(p)], capture_output=True)
    assert r.returncode == 0 and json.loads(r.stdout) == invref.run("")[0]

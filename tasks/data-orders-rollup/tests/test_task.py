"""Hidden tests for proctor/data-orders-rollup."""
import json
import os
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, "/tests")
import orders_ref  # noqa: E402

PROG = "/app/rollup"
RATES = "/app/data/rates.json"


def run(tmp_path, text, name="in.csv"):
    src = tmp_path / name
    src.write_bytes(text.encode("utf-8"))
    dst = tmp_path / (name + ".out.json")
    r = subprocess.run([PROG, str(src), str(dst)], capture_output=True, text=True, timeout=120, cwd="/tmp",
                       env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/root", "LANG": "C.UTF-8"})
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(dst.read_text(encoding="utf-8"))


def current_rates():
    return json.load(open(RATES))


def test_program_exists():
    assert os.path.isfile(PROG) and os.access(PROG, os.X_OK)
    assert os.path.getsize(PROG) > 200
    src = open(PROG, "rb").read()
    assert b"orders_ref" not in src and b"/tests" not in src


def test_sample(tmp_path):
    text = open("/app/data/orders.csv", encoding="utf-8", newline="").read()
    assert run(tmp_path, text) == orders_ref.rollup(text, current_rates())


@pytest.mark.parametrize("seed,n", [(10, 40), (11, 800), (12, 3000), (13, 1500), (14, 6000)])
def test_generated(tmp_path, seed, n):
    text = orders_ref.generate(seed, n)
    got = run(tmp_path, text)
    exp = orders_ref.rollup(text, current_rates())
    for key in exp:
        assert got.get(key) == exp[key], key
    assert set(got) == set(exp)


def test_header_only(tmp_path):
    text = "\ufefforder_id,timestamp,customer,country,sku,qty,unit_price,currency,status\r\n"
    assert run(tmp_path, text) == orders_ref.rollup(text, current_rates())


def test_hand_written_edges(tmp_path):
    text = (
        "status,qty,sku,unit_price,currency,customer,country,order_id,timestamp\n"
        "shipped,3,X,0.05,EUR,a,DE,O1,2024-02-29T23:30:00-01:00\n"      # 15 cents, March UTC
        "Completed,1,Y,0.01,USD,b,DE,O1,2024-02-29T22:30:00-01:00\n"    # 0.92 -> 1 cent
        "shipped,1,X,9.99,EUR,a,DE,O1,2024-01-01T00:00:00Z\n"           # duplicate (O1,X)
        "\n"
        "refunded,2,Z,10,GBP,b,FR,O2,2024-12-31T23:59:59+00:00\n"
        "refunded,1,Z2,1.005,EUR,b,FR,O2,2024-12-31T23:59:59Z\n"        # 3 decimals: rejected
        "completed,1,Y,5,EUR,c,FR,O3,2024-06-15T12:00:00+14:00\n"
        "pending,1,W,5,EUR,d,US,O4,2024-06-15T12:00:00Z\n"
        "cancelled,1,W,5,EUR,d,US,O4,2024-06-15T12:00:00Z\n"            # duplicate of a pending row
        '"completed",1,"A,B",1.5,eur,"x ""y""",NL,O5,2024-07-01T00:00:00Z\n'
        "completed,01,Q,2.50,EUR,e,NL,O6,2024-07-01T00:00:00Z\n"
        "completed,1,Q,2.50,EUR,e,nl,O7,2024-07-01T00:00:00Z\n"         # lowercase country: rejected
        "completed,1,Q,2.50,EUR,e,NL,O8,2024-07-01T24:00:00Z\n"         # hour 24: rejected
    )
    assert run(tmp_path, text) == orders_ref.rollup(text, current_rates())


def test_rates_are_read_from_file(tmp_path):
    saved = open(RATES, "rb").read()
    try:
        new = {"EUR": "1", "USD": "0.5", "GBP": "2", "JPY": "0.0061"}
        with open(RATES, "w") as f:
            json.dump(new, f)
        text = orders_ref.generate(21, 500).replace("CHF", "JPY")
        assert run(tmp_path, text) == orders_ref.rollup(text, new)
    finally:
        with open(RATES, "wb") as f:
            f.write(saved)

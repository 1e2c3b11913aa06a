"""Hidden tests for proctor/py-invoice-crash-debug: replay logged requests and more vs a reference."""
import json
import random
import re
import subprocess

import pytest


def run(root, body):
    return subprocess.run(["/usr/bin/python3", "-m", "invoicer"], input=body, capture_output=True, text=True,
                          cwd="/tmp", timeout=60, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": root, "LANG": "C.UTF-8"})


def logged_requests():
    bodies = re.findall(r"request body: (\{.*\})$", open("/tests/invoicer.log").read(), re.M)
    assert len(bodies) == 2
    return bodies


def check_same(body):
    want = run("/tests/ref", body)
    got = run("/app", body)
    assert got.returncode == want.returncode, (body, got.stderr[-1500:])
    assert got.stdout == want.stdout, body
    if want.returncode == 2:
        assert got.stderr.startswith("error: "), got.stderr
        assert "Traceback" not in got.stderr


@pytest.mark.parametrize("i", [0, 1])
def test_logged_crash_requests(i):
    body = logged_requests()[i]
    got = run("/app", body)
    assert got.returncode == 0, got.stderr[-2000:]
    check_same(body)


def test_ticket_order_quantities():
    body = json.dumps({"order_id": "A-2244", "customer": "Ole Berg", "lines": [
        {"sku": "BK-1", "description": "Notebook A5", "quantity": "3", "unit_price": 3.2},
        {"sku": "ST-9", "description": "Stickers", "quantity": 4, "unit_price": 1.1}]})
    got = run("/app", body)
    assert got.returncode == 0
    assert " 3 x      3.20 =       9.60" in got.stdout
    check_same(body)


VALID = [
    {"order_id": "V1", "customer": "A", "lines": [{"sku": "X", "quantity": "12", "unit_price": "0.05"}]},
    {"order_id": "V2", "customer": "B", "currency": "USD", "discount_code": "vip20",
     "lines": [{"sku": "X", "quantity": 3, "unit_price": "19.99"}, {"sku": "Y", "quantity": "1", "unit_price": 5}]},
    {"order_id": 3, "customer": "C", "discount_code": "Spring5", "lines": [{"sku": "Z", "quantity": 1, "unit_price": 0}]},
    {"order_id": "V4", "customer": "D", "lines": [{"sku": "F", "description": "Free sample", "quantity": "2",
                                                   "unit_price": "0.00"}]},
    {"order_id": "V5", "customer": "E", "lines": [{"sku": "P", "quantity": 7, "unit_price": "10.1"},
                                                  {"sku": "Q", "quantity": "007", "unit_price": 2.25}]},
]
INVALID = [
    {"order_id": "I1", "customer": "A", "lines": [{"sku": "X", "quantity": "two", "unit_price": 1}]},
    {"order_id": "I2", "customer": "A", "lines": [{"sku": "X", "quantity": 0, "unit_price": 1}]},
    {"order_id": "I3", "customer": "A", "lines": [{"sku": "X", "quantity": "-1", "unit_price": 1}]},
    {"order_id": "I4", "customer": "A", "lines": [{"sku": "X", "quantity": 1, "unit_price": "1.999"}]},
    {"order_id": "I5", "customer": "A", "lines": [{"sku": "X", "quantity": 1, "unit_price": "abc"}]},
    {"order_id": "I6", "customer": "A", "lines": [{"sku": "X", "quantity": 1, "unit_price": -2}]},
    {"order_id": "I7", "customer": "A", "discount_code": "FREE100", "lines": [{"sku": "X", "quantity": 1, "unit_price": 1}]},
    {"order_id": "I8", "customer": "A", "lines": [{"sku": "X", "quantity": True, "unit_price": 1}]},
    {"order_id": "I9", "customer": "A", "lines": [{"sku": "X", "quantity": 1.5, "unit_price": 1}]},
    {"order_id": "I10", "customer": "A", "lines": []},
    {"order_id": "I11", "customer": "A", "lines": [{"quantity": 1, "unit_price": 1}]},
]


@pytest.mark.parametrize("i", range(len(VALID)))
def test_valid_requests(i):
    body = json.dumps(VALID[i])
    assert run("/app", body).returncode == 0
    check_same(body)


@pytest.mark.parametrize("i", range(len(INVALID)))
def test_invalid_requests(i):
    body = json.dumps(INVALID[i])
    got = run("/app", body)
    assert got.returncode == 2, (INVALID[i], got.stderr[-1500:])
    assert got.stderr.startswith("error: ") and "Traceback" not in got.stderr


def test_random_orders():
    rng = random.Random(9)
    for k in range(40):
        lines = []
        for j in range(rng.randint(1, 5)):
            q = rng.randint(1, 40)
            p = "%d.%02d" % (rng.randint(0, 99), rng.randint(0, 99))
            lines.append({"sku": "S%d" % j, "description": "Item %d" % j,
                          "quantity": str(q) if rng.random() < 0.5 else q,
                          "unit_price": p if rng.random() < 0.5 else float(p)})
        req = {"order_id": "R%d" % k, "customer": "Cust %d" % k, "lines": lines}
        if rng.random() < 0.4:
            req["discount_code"] = rng.choice(["WELCOME10", "welcome10", "Vip20", "SPRING5"])
        check_same(json.dumps(req))

"""Hidden tests for proctor/log-incident-forensics: compare the findings with the known truth."""
import hashlib
import json
import os

import pytest

ANSWERS = "/app/answers.json"
EXPECTED = {
    "exception": "decimal.Overflow",
    "faulty_version": "2.14.0",
    "faulty_nodes": ["node-04", "node-09"],
    "trigger_currency": "JPY",
    "first_error_utc": "2024-06-11T13:58:42.765Z",
    "last_error_utc": "2024-06-11T16:41:37.715Z",
    "affected_requests": 247,
    "failed_requests": 167,
    "top_merchants": ["m-5531", "m-0281", "m-4907"],
}


@pytest.fixture(scope="module")
def answers():
    assert os.path.isfile(ANSWERS), "missing /app/answers.json"
    with open(ANSWERS, encoding="utf-8") as f:
        data = json.load(f)
    assert isinstance(data, dict)
    return data


def test_logs_untouched():
    size = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk("/app/logs") for f in fs)
    assert size > 35_000_000
    h = hashlib.sha256(open("/app/logs/ledger/ledger-node-04.log", "rb").read()).hexdigest()
    assert h == "599f3af7bb71b1ded425abdce62de7146b00c31ba9398a1d26faf0e826ff7737"


def test_exact_keys(answers):
    assert set(answers) == set(EXPECTED)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_answer(answers, key):
    assert answers.get(key) == EXPECTED[key], f"{key}: {answers.get(key)!r}"

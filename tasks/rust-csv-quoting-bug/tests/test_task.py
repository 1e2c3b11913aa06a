"""Hidden tests for proctor/rust-csv-quoting-bug: cargo test on a clean copy + the csvcol binary."""
import os
import re
import shutil
import subprocess

import pytest

APP = "/app"
WORK = "/tmp/verify-crate"
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/root", "CARGO_HOME": "/root/.cargo", "CARGO_NET_OFFLINE": "true",
       "CARGO_TARGET_DIR": "/tmp/verify-target"}
HIDDEN = ["h_simple_and_crlf", "h_doubled_quotes", "h_empty_quoted_fields", "h_no_final_newline",
          "h_empty_input_and_lines", "h_newlines_inside_quotes", "h_quote_not_at_start_is_literal",
          "h_errors_with_lines", "h_write_field", "h_write_record", "h_roundtrip_random"]
VISIBLE = ["simple_records", "quoted_comma", "doubled_quote", "trailing_empty_field", "writer_escapes_quotes"]


@pytest.fixture(scope="session")
def results():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK + "/tests")
    for f in ("src/lib.rs", "src/reader.rs", "src/writer.rs"):
        assert os.path.getsize(os.path.join(APP, f)) > 150, f
    shutil.copytree(APP + "/src", WORK + "/src")
    cargo_toml = open(APP + "/Cargo.toml").read()
    deps = cargo_toml.split("[dependencies]", 1)[1] if "[dependencies]" in cargo_toml else ""
    assert not re.search(r"^\s*[A-Za-z0-9_-]+\s*=", deps.split("\n[", 1)[0], re.M), "no dependencies allowed"
    shutil.copy(APP + "/Cargo.toml", WORK + "/Cargo.toml")
    shutil.copy("/tests/hidden.rs", WORK + "/tests/hidden.rs")
    shutil.copy("/tests/visible_basic.rs", WORK + "/tests/basic.rs")
    r = subprocess.run(["/usr/bin/cargo", "test", "--offline", "--no-fail-fast", "--", "--test-threads=1"], cwd=WORK, env=ENV,
                       capture_output=True, text=True, timeout=600)
    out = r.stdout + r.stderr
    status = dict(re.findall(r"^test (\S+) \.\.\. (ok|FAILED|ignored)", out, re.M))
    return status, out


@pytest.mark.parametrize("name", HIDDEN + VISIBLE)
def test_cargo(results, name):
    status, out = results
    assert status.get(name) == "ok", f"{name}: {status.get(name)}\n{out[-4000:]}"


def csvcol(args, data):
    return subprocess.run(["/tmp/verify-target/debug/csvcol", *args], input=data, capture_output=True,
                          text=True, timeout=30)


def test_csvcol(results):
    status, out = results
    r = csvcol(["2", "0"], 'a,"b,1",c\r\n"x""y",2,"z\nz"\nlast,row')
    assert r.returncode == 0, r.stderr
    assert r.stdout == 'c,a\n"z\nz","x""y"\n,last\n'
    r = csvcol(["0"], '"broken\n')
    assert r.returncode == 1 and "line 1" in r.stderr

"""Hidden tests for proctor/rust-semver-req: `cargo test` on a clean copy of the crate with hidden tests."""
import os
import re
import shutil
import subprocess

import pytest

APP = "/app"
WORK = "/tmp/verify-crate"
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/root", "CARGO_HOME": "/root/.cargo", "CARGO_NET_OFFLINE": "true",
       "CARGO_TARGET_DIR": "/tmp/verify-target"}
SOURCES = [("src/version.rs", 1500), ("src/req.rs", 1500)]
TEST_FILES = [("hidden.rs", "hidden.rs"), ("visible_smoke.rs", "smoke.rs")]   # (file in /tests, name under tests/)
EXPECTED = ['h_parse_valid_versions', 'h_parse_invalid_versions', 'h_identifiers', 'h_precedence_chain', 'h_precedence_random', 'h_build_metadata_ordering', 'h_invalid_requirements', 'h_matches_caret', 'h_matches_tilde', 'h_matches_exact_wild', 'h_matches_ranges', 'h_matches_prerelease', 'h_matches_multi', 'parse_and_display', 'ordering', 'caret']


@pytest.fixture(scope="session")
def results():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK + "/tests")
    for f, min_size in SOURCES:
        assert os.path.isfile(os.path.join(APP, f)) and os.path.getsize(os.path.join(APP, f)) >= min_size, f
    shutil.copytree(APP + "/src", WORK + "/src")
    cargo_toml = open(APP + "/Cargo.toml").read()
    deps = cargo_toml.split("[dependencies]", 1)[1].split("\n[", 1)[0] if "[dependencies]" in cargo_toml else ""
    assert not re.search(r"^\s*[A-Za-z0-9_-]+\s*=", deps, re.M), "no dependencies allowed"
    shutil.copy(APP + "/Cargo.toml", WORK + "/Cargo.toml")
    for src, dst in TEST_FILES:
        shutil.copy("/tests/" + src, WORK + "/tests/" + dst)
    r = subprocess.run(["/usr/bin/cargo", "test", "--offline", "--no-fail-fast", "--", "--test-threads=1"], cwd=WORK, env=ENV,
                       capture_output=True, text=True, timeout=900)
    out = r.stdout + r.stderr
    status = dict(re.findall(r"^test (\S+) \.\.\. (ok|FAILED|ignored)", out, re.M))
    return status, out


@pytest.mark.parametrize("name", EXPECTED)
def test_cargo(results, name):
    status, out = results
    assert status.get(name) == "ok", f"{name}: {status.get(name)}\n{out[-4000:]}"

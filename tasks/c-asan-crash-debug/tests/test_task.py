"""Hidden tests for proctor/c-asan-crash-debug: ASan/UBSan build, fuzzed inputs vs a reference."""
import os
import random
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, "/tests")
import kvref  # noqa: E402

B = "/tmp/verify-build"
ASAN = "/tmp/kvjson-verify-asan"
ENV = {"PATH": "/usr/bin:/bin", "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=0:exitcode=86",
       "UBSAN_OPTIONS": "halt_on_error=1:exitcode=87"}


@pytest.fixture(scope="module")
def built():
    shutil.rmtree(B, ignore_errors=True)
    shutil.copytree("/app", B)
    srcs = [os.path.join(B, "src", f) for f in sorted(os.listdir(B + "/src")) if f.endswith(".c")]
    assert os.path.getsize(B + "/src/kvjson.c") > 2000
    r = subprocess.run(["/usr/bin/gcc", "-std=c11", "-O1", "-g", "-fsanitize=address,undefined",
                        "-fno-omit-frame-pointer", "-I", B + "/src", "-o", ASAN, *srcs],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    r = subprocess.run(["/usr/bin/make", "CC=/usr/bin/gcc", "-B", "kvjson"], cwd=B, capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr[-3000:]
    return True


def check(binary, data):
    r = subprocess.run([binary], input=data, capture_output=True, timeout=30, env=ENV)
    assert b"AddressSanitizer" not in r.stderr and b"runtime error" not in r.stderr, \
        "memory error on input %r:\n%s" % (data, r.stderr.decode(errors="replace")[-3000:])
    code, out, err = kvref.run(data)
    assert r.returncode == code, (data, r.returncode, r.stderr[-500:])
    assert r.stdout == out, data
    if code == 1:
        assert r.stderr.startswith(err) and r.stderr.endswith(b"\n"), (data, r.stderr)
        assert b"\n" not in r.stderr[len(err):-1], (data, r.stderr)
    else:
        assert r.stderr == err, (data, r.stderr)


def test_customer_input(built):
    data = open("/app/crash/input-1.conf", "rb").read()
    check(ASAN, data)
    check(B + "/kvjson", data)


CASES = [b"", b"\n\n", b"a=1", b"a = 1\na = 2\na = \"three\"\n", b'k = "unterminated\n', b'k = "ends with \\',
         b'k = "x\\q"\n', b'k = "ok" # c\n', b'k = "ok" junk\n', b"=novalue\n", b"k v\n", b"  ; c\n\t# c\nk\t=\tv # x\n",
         b'k = "\\\\"\n', b'k = ""\n', b"k = \x01\x7f\xc3\xa9\n", b'long = "' + b"x" * 5000 + b'"\n',
         b'esc = "' + b"\\n" * 300 + b'"\n', b"dup = a\ndup = " + b"b" * 3000 + b"\ndup = c\n"]


@pytest.mark.parametrize("i", range(len(CASES)))
def test_edge_cases(built, i):
    check(ASAN, CASES[i])


@pytest.mark.parametrize("seed", range(6))
def test_fuzz(built, seed):
    rng = random.Random(seed)
    atoms = [b"a", b"key", b"x.y-z_1", b" ", b"\t", b"=", b'"', b"\\", b"\\n", b'\\"', b"\\\\", b"#", b";", b"v",
             b"\xc3\xa9", b"\x02", b"value with spaces", b"\\t", b"\\x"]
    for _ in range(150):
        lines = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.7:
                key = rng.choice([b"a", b"b", b"key", b"x.y", b"dup"])
                val = b"".join(rng.choice(atoms) for _ in range(rng.randint(0, 8)))
                if rng.random() < 0.5:
                    val = b'"' + val.replace(b'"', b"") + rng.choice([b'"', b'" # c', b"", b"\\", b'"x'])
                lines.append(rng.choice([b"", b" ", b"\t"]) + key + rng.choice([b"=", b" = ", b"\t=  "]) + val)
            else:
                lines.append(b"".join(rng.choice(atoms) for _ in range(rng.randint(0, 6))))
        data = b"\n".join(lines) + rng.choice([b"\n", b""])
        check(ASAN, data)

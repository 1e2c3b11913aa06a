"""Hidden tests for proctor/c-wordfreq-perf: exact output vs a reference, CPU budget on a big corpus."""
import collections
import os
import random
import re
import resource
import shutil
import subprocess

import pytest

B = "/tmp/verify-build"
BIN = B + "/wordfreq"
ASAN = "/tmp/wordfreq-asan"


@pytest.fixture(scope="module")
def built():
    shutil.rmtree(B, ignore_errors=True)
    shutil.copytree("/app", B)
    for f in ("src/wordfreq.c", "src/table.c"):
        assert os.path.getsize(os.path.join(B, f)) > 500, f
    src = open(B + "/src/wordfreq.c").read() + open(B + "/src/table.c").read()
    assert not re.search(r"\b(system|popen|exec[lv]p?e?)\s*\(", src)
    subprocess.run(["/usr/bin/make", "clean"], cwd=B, capture_output=True)
    r = subprocess.run(["/usr/bin/make", "CC=/usr/bin/gcc"], cwd=B, capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr[-3000:]
    srcs = [os.path.join(B, "src", f) for f in os.listdir(B + "/src") if f.endswith(".c")]
    r = subprocess.run(["/usr/bin/gcc", "-std=c11", "-O1", "-g", "-fsanitize=address,undefined", "-I", B + "/src",
                        "-o", ASAN, *srcs, "-lm"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    return True


def ref(text, n=10):
    words = re.findall(r"[A-Za-z]+", text)
    c = collections.Counter(w.lower() for w in words)
    items = sorted(c.items(), key=lambda kv: (-kv[1], kv[0].encode()))[:n]
    return "".join("%d %s\n" % (v, k) for k, v in items)


def run(binary, data, *args, cpu=60):
    def limit():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)) if binary == BIN else None
    env = {"PATH": "/usr/bin:/bin", "ASAN_OPTIONS": "detect_leaks=1", "UBSAN_OPTIONS": "halt_on_error=1"}
    return subprocess.run([binary, *args], input=data, capture_output=True, timeout=300, preexec_fn=limit, env=env)


def corpus(seed, nwords, vocab):
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 12))) for _ in range(vocab)]
    weights = [1.0 / (i + 1) for i in range(vocab)]
    chosen = rng.choices(words, weights, k=nwords)
    seps = [" ", " ", " ", "\n", ", ", ". ", " -- ", "'", "3"]
    out = []
    for i, w in enumerate(chosen):
        if i % 7 == 0:
            w = w.capitalize()
        elif i % 53 == 0:
            w = w.upper()
        out.append(w)
        out.append(seps[i % len(seps)])
    return "".join(out).encode()


SMALL = [b"", b"Hello, hello HELLO world!\n", b"a b c d e f g h i j k l m n", b"x" * 5000 + b" y",
         b"don't stop -- it's 2 late; don't\n", b"\xc3\xa9t\xc3\xa9 caf\xc3\xa9 cafe", b"b a b a c",
         b"zz yy xx ww vv uu tt ss rr qq pp oo nn mm ll kk"]


@pytest.mark.parametrize("i", range(len(SMALL)))
def test_small_inputs(built, i):
    data = SMALL[i]
    for n in (None, 0, 1, 3, 100):
        args = [] if n is None else ["-n", str(n)]
        r = run(BIN, data, *args)
        assert r.returncode == 0, r.stderr
        assert r.stdout.decode() == ref(data.decode("latin-1"), 10 if n is None else n), (data[:50], n)


@pytest.mark.parametrize("seed", [1, 2])
def test_medium_random(built, seed):
    data = corpus(seed, 50_000, 3000)
    for n in (10, 2500, 10 ** 6):
        r = run(BIN, data, "-n", str(n))
        assert r.returncode == 0
        assert r.stdout.decode() == ref(data.decode(), n)


def test_asan_clean(built):
    for data in SMALL + [corpus(3, 20_000, 4000)]:
        r = run(ASAN, data, "-n", "50", cpu=120)
        assert r.returncode == 0, r.stderr[-3000:]
        assert r.stdout.decode() == ref(data.decode("latin-1"), 50)


def test_big_corpus_cpu_budget(built, tmp_path):
    data = corpus(4, 3_000_000, 150_000)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = run(BIN, data, "-n", "100", cpu=10)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    assert r.returncode == 0, "exit %s after %.1f s CPU (limit 10 s)" % (r.returncode, cpu)
    assert cpu < 10
    assert r.stdout.decode() == ref(data.decode(), 100)


@pytest.mark.parametrize("args", [["-n"], ["-n", "x"], ["-n", "-1"], ["foo"], ["-n", "1", "2"]])
def test_usage(built, args):
    assert run(BIN, b"", *args).returncode == 2

#!/usr/bin/env python3
"""Build /app/repo: ~120 commits of a small text-statistics library, with one regression."""
import os
import subprocess

REPO = "/app/repo"
os.makedirs(REPO, exist_ok=True)
ENV = dict(os.environ, GIT_AUTHOR_NAME="Dev Team", GIT_AUTHOR_EMAIL="dev@example.com",
           GIT_COMMITTER_NAME="Dev Team", GIT_COMMITTER_EMAIL="dev@example.com", TZ="UTC")
N = [0]


def git(*args):
    subprocess.run(["git", *args], cwd=REPO, env=ENV, check=True, capture_output=True)


def write(path, text):
    full = os.path.join(REPO, path)
    os.makedirs(os.path.dirname(full) or REPO, exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def commit(msg, author="Dev Team"):
    N[0] += 1
    date = "2024-01-%02dT%02d:%02d:00Z" % (1 + N[0] // 5, 8 + N[0] % 5, (N[0] * 7) % 60)
    env = dict(ENV, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME=author)
    subprocess.run(["git", "add", "-A"], cwd=REPO, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", msg], cwd=REPO, env=env, check=True)


CORE = '''"""textstats: small text statistics helpers."""
import re

WORD = re.compile(r"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?=\\s|$)")


def words(text):
    """Words: letters/digits, with inner apostrophes or hyphens (don't, well-known)."""
    return WORD.findall(text)


def word_count(text):
    return len(words(text))


def sentence_count(text):
    """Number of sentences: runs of . ! ? followed by whitespace or the end ('...' counts once).
    Text without a final terminator still counts its last sentence."""
    text = text.strip()
    if not text:
        return 0
    ends = SENTENCE_END.findall(text)
    return len(ends) + (0 if SENTENCE_END.search(text[-1:] + " ") and text[-1] in ".!?" else 1)
'''

CHECK = '''#!/usr/bin/env python3
"""Acceptance check: python3 check.py (exit 0 = OK)."""
import sys

import textstats as t

CASES = [
    (t.word_count, "Don't stop believing", 3),
    (t.word_count, "well-known   fact", 2),
    (t.sentence_count, "Wait... What? Yes!", 3),
    (t.sentence_count, "One. Two", 2),
    (t.sentence_count, "", 0),
    (t.sentence_count, "Hello world.", 1),
]
failed = 0
for fn, arg, want in CASES:
    got = fn(arg)
    if got != want:
        failed += 1
        print("FAIL %s(%r) = %r, want %r" % (fn.__name__, arg, got, want))
print("%d/%d checks passed" % (len(CASES) - failed, len(CASES)))
sys.exit(1 if failed else 0)
'''

git("init", "-q", "-b", "main")
write("textstats.py", CORE)
write("check.py", CHECK)
write("README.md", "# textstats\n\nSmall text statistics helpers. Run `python3 check.py`.\n")
write("CHANGELOG.md", "# Changelog\n\n## 1.0\n- words, word_count, sentence_count\n")
commit("Initial version of textstats")
subprocess.run(["git", "tag", "-a", "v1.0", "-m", "Release 1.0"], cwd=REPO, env=dict(ENV, GIT_COMMITTER_DATE="2024-01-01T09:00:00Z"), check=True)

features = [
    ("char_count", 'def char_count(text, spaces=True):\n    """Characters, optionally without whitespace."""\n    return len(text) if spaces else len("".join(text.split()))\n'),
    ("avg_word_length", 'def avg_word_length(text):\n    w = words(text)\n    return round(sum(map(len, w)) / len(w), 2) if w else 0.0\n'),
    ("top_words", 'def top_words(text, n=3):\n    """Most frequent lowercase words, ties alphabetical."""\n    counts = {}\n    for w in words(text.lower()):\n        counts[w] = counts.get(w, 0) + 1\n    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]\n'),
    ("reading_time", 'def reading_time(text, wpm=200):\n    """Minutes to read, rounded up, at least 1 for non-empty text."""\n    n = word_count(text)\n    return 0 if n == 0 else max(1, -(-n // wpm))\n'),
    ("paragraph_count", 'def paragraph_count(text):\n    return len([p for p in re.split(r"\\n\\s*\\n", text) if p.strip()])\n'),
    ("unique_words", 'def unique_words(text):\n    return len(set(w.lower() for w in words(text)))\n'),
    ("longest_word", 'def longest_word(text):\n    w = words(text)\n    return max(w, key=len) if w else ""\n'),
    ("lexical_density", 'def lexical_density(text):\n    w = words(text)\n    return round(unique_words(text) / len(w), 3) if w else 0.0\n'),
]
notes = ["Fix typo in README", "Add more docs", "Tidy imports", "Clarify docstring", "Update changelog",
         "Add examples to README", "Rename internal helper", "Improve error message", "Refresh copyright year",
         "Document Python version"]

core = CORE
fi = 0
for i in range(2, 121):
    if i == 73:
        # the regression: a "faster" sentence splitter that counts every terminator character
        new = core.replace("[.!?]+(?=\\s|$)", "[.!?](?=\\s|$|[.!?])")
        assert new != core
        core = new
        write("textstats.py", core)
        commit("Simplify sentence detection regex", author="Sam Quick")
        continue
    if i == 91:
        # later refactor of the same function (a plain revert of the regression no longer applies)
        core = core.replace('''    text = text.strip()
    if not text:
        return 0
    ends = SENTENCE_END.findall(text)
    return len(ends) + (0 if SENTENCE_END.search(text[-1:] + " ") and text[-1] in ".!?" else 1)''',
                            '''    stripped = text.strip()
    if not stripped:
        return 0
    ends = SENTENCE_END.findall(stripped)
    trailing = 0 if stripped[-1] in ".!?" else 1
    return len(ends) + trailing''')
        write("textstats.py", core)
        commit("Refactor sentence_count for readability")
        continue
    if i % 13 == 0 and fi < len(features):
        name, body = features[fi]
        fi += 1
        core = core + "\n\n" + body
        write("textstats.py", core)
        with open(os.path.join(REPO, "CHANGELOG.md"), "a") as f:
            f.write("- %s\n" % name)
        commit("Add %s" % name)
        continue
    note = notes[i % len(notes)]
    with open(os.path.join(REPO, "README.md"), "a") as f:
        f.write("\n<!-- rev %d: %s -->\n" % (i, note.lower()))
    commit(note)
print(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip())

#!/bin/bash
# Build a small project repository with a fixed history, then damage it. Runs at image build.
set -euo pipefail
export GIT_AUTHOR_NAME="Dana Dev" GIT_AUTHOR_EMAIL="dana@example.com"
export GIT_COMMITTER_NAME="Dana Dev" GIT_COMMITTER_EMAIL="dana@example.com"
export TZ=UTC
git config --global init.defaultBranch main
git config --global user.name "Dana Dev"
git config --global user.email "dana@example.com"
n=0
commit() {  # commit "subject"
  n=$((n + 1))
  GIT_AUTHOR_DATE=$(printf '2024-03-%02dT%02d:00:00Z' $((1 + n / 3)) $((9 + n % 3)))
  GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
  export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
  git add -A
  git commit -q -m "$1"
}
mkdir -p /app/repo && cd /app/repo
git init -q
git config core.autocrlf false
git remote add origin https://git.example.com/dana/units.git

mkdir -p units tests
cat > units/__init__.py <<'P'
"""Unit conversion helpers."""
P
cat > units/length.py <<'P'
FACTORS = {"m": 1.0, "km": 1000.0, "cm": 0.01}


def convert(value, src, dst):
    return value * FACTORS[src] / FACTORS[dst]
P
printf '# units\n\nTiny unit conversion library.\n' > README.md
commit "Initial import of units library"
cat >> units/length.py <<'P'

FACTORS.update({"mm": 0.001, "in": 0.0254, "ft": 0.3048})
P
commit "Add imperial length units"
cat > units/mass.py <<'P'
FACTORS = {"kg": 1.0, "g": 0.001, "lb": 0.45359237}


def convert(value, src, dst):
    return value * FACTORS[src] / FACTORS[dst]
P
commit "Add mass conversions"
cat > tests/test_length.py <<'P'
from units.length import convert


def test_km():
    assert convert(1, "km", "m") == 1000
P
commit "Add length tests"
printf 'Release 1.0\n- length, mass\n' > CHANGES.md
commit "Prepare release 1.0"
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE git tag -a v1.0 -m "Release 1.0"
# Backup bundle taken at release 1.0 (the admin's nightly backup).
mkdir -p /app/backup
git bundle create -q /app/backup/units-2024-03-02.bundle --all
git pack-refs --all
cat > units/temperature.py <<'P'
def c_to_f(c):
    return c * 9 / 5 + 32


def f_to_c(f):
    return (f - 32) * 5 / 9
P
commit "Add temperature conversions"
git checkout -q -b release-1.2
printf 'Release 1.2\n- temperature\n' >> CHANGES.md
commit "Changelog for 1.2"
printf '__version__ = "1.2.0"\n' >> units/__init__.py
commit "Bump version to 1.2.0"
git checkout -q main
cat > units/volume.py <<'P'
FACTORS = {"l": 1.0, "ml": 0.001, "gal": 3.785411784}


def convert(value, src, dst):
    return value * FACTORS[src] / FACTORS[dst]
P
commit "Add volume conversions"
cat > tests/test_temperature.py <<'P'
from units.temperature import c_to_f, f_to_c


def test_roundtrip():
    assert f_to_c(c_to_f(37)) == 37
P
commit "Test temperature round trip"
printf '# units\n\nTiny unit conversion library: length, mass, temperature, volume.\n' > README.md
commit "Document all unit families"
# Uncommitted work in progress that must survive the repair.
printf 'TODO\n- speed units (km/h, mph)\n- pressure\n' > notes.txt
git add notes.txt
n=$((n + 1)); GIT_AUTHOR_DATE=2024-03-06T09:00:00Z GIT_COMMITTER_DATE=2024-03-06T09:00:00Z git commit -q -m "Add notes"
printf 'TODO\n- speed units (km/h, mph)\n- pressure\n- energy (J, kWh, kcal)\n' > notes.txt

# ---- damage ----
tag_obj=$(git rev-parse v1.0)
main_tip=$(git rev-parse main)
old_blob=$(git rev-parse "v1.0:units/length.py")
# 1. main's loose ref is lost; the stale packed-refs value (release 1.0) wins.
git pack-refs --all
sed -i "s#^[0-9a-f]* refs/heads/main\$#$(git rev-parse main~5) refs/heads/main#" .git/packed-refs
# 2. tag v1.0 points to an object that does not exist.
sed -i "s#^$tag_obj refs/tags/v1.0\$#${tag_obj:0:30}0000000000 refs/tags/v1.0#" .git/packed-refs
sed -i "/^\^/d" .git/packed-refs
# 3. HEAD is garbage.
printf 'ref: refs/heads/\x01\x17%s\n' 'm@in~' > .git/HEAD
# 4. the index is truncated and overwritten at the end.
head -c 300 .git/index > /tmp/idx && printf 'XXXXXXXXXXXXXXXXXXXXXXXX' >> /tmp/idx && mv /tmp/idx .git/index
# 5. one old blob (units/length.py as of v1.0) is corrupt on disk; the backup bundle still has it.
f=.git/objects/${old_blob:0:2}/${old_blob:2}
chmod u+w "$f" && printf 'x\234\313\310\000garbage' > "$f"
# 6. someone flipped the repository to bare.
git config --file .git/config core.bare true
rm -rf /root/.gitconfig

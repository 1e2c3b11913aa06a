#!/bin/bash
# Hidden verifier. The reward is 0 unless every check below ran and passed; it is written last.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mkdir -p /logs/verifier 2>/dev/null
echo 0 > /logs/verifier/reward.txt
MIN_TESTS=58
# Packages whose files must be unmodified (the tools this verifier relies on).
VERIFY_PKGS="bash dash coreutils python3.11-minimal libpython3.11-minimal libpython3.11-stdlib python3-pytest python3-pluggy python3-iniconfig python3-packaging python3-py"

# 1. Stop everything left over from the agent phase (keep PID 1 and this script's ancestry).
keep=" 1 "
p=$$
while [ -n "$p" ] && [ "$p" -gt 1 ] 2>/dev/null; do
    keep="$keep$p "
    stat=$(cat "/proc/$p/stat" 2>/dev/null) || break
    stat=${stat##*) }
    set -- $stat
    p=$2
done
for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    case "$keep" in *" $pid "*) continue ;; esac
    kill -9 "$pid" 2>/dev/null
done
# 2. Start from a clean result directory and no stale bytecode in /tests.
find /logs/verifier -mindepth 1 -delete 2>/dev/null
echo 0 > /logs/verifier/reward.txt
find /tests -name __pycache__ -prune -exec rm -rf {} + 2>/dev/null
cd /tests || exit 0

# 3. The interpreter and tools must be the packaged ones.
tampered=$(dpkg --verify $VERIFY_PKGS 2>&1 | grep -Ev '^[^ ]{9} c /')
if [ -n "$tampered" ]; then
    echo "verifier: modified system files, refusing to run:" >&2
    echo "$tampered" | head -n 20 >&2
    exit 0
fi

# 4. Run the tests: clean environment, no site customisation, explicit config, no plugins.
/usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 \
    /usr/bin/python3 -I -S -B -c 'import sys; sys.path.append("/usr/lib/python3/dist-packages"); import pytest; sys.exit(pytest.main(sys.argv[1:]))' \
    -c /tests/pytest.ini --rootdir=/tests -p no:cacheprovider --noconftest \
    --junitxml=/logs/verifier/junit.xml -q -rfE /tests/test_task.py
rc=$?

# 5. Verdict: pytest passed and the JUnit report shows at least MIN_TESTS tests, none failed/skipped.
verdict=0
if [ "$rc" -eq 0 ] && /usr/bin/env -i /usr/bin/python3 -I -S -B /tests/junit_ok.py /logs/verifier/junit.xml "$MIN_TESTS"; then
    verdict=1
fi
echo "$verdict" > /logs/verifier/reward.txt
exit 0

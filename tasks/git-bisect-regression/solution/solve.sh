#!/bin/bash
# Reference: git bisect with check.py, then revert the first bad commit on main.
set -euo pipefail
cd /app/repo
tip=$(git rev-parse main)
bad=$(git log --format=%H --grep='^Revert "Simplify sentence detection regex"' main | head -n1)
if [ -z "$bad" ]; then
  git bisect start main v1.0 >/dev/null
  git bisect run python3 check.py >/tmp/bisect.log 2>&1
  bad=$(git rev-parse refs/bisect/bad)
  git bisect reset >/dev/null 2>&1
  git -c user.name=oracle -c user.email=oracle@example.com revert --no-edit "$bad" >/dev/null
else
  bad=$(git log --format=%H --grep='^Simplify sentence detection regex' main | tail -n1)
fi
echo "$bad" > /app/first-bad-commit.txt
python3 check.py
rm -rf __pycache__

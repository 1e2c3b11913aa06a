#!/bin/bash
# Reference repair of /app/repo. Safe to run more than once.
set -euo pipefail
cd /app/repo
bundle=/app/backup/units-2024-03-02.bundle
# 6. not a bare repository.
git config --file .git/config core.bare false
# 3. HEAD back to main.
printf 'ref: refs/heads/main\n' > .git/HEAD
# 1. main's true tip is the last entry of its reflog.
tip=$(tail -n 1 .git/logs/refs/heads/main | cut -d' ' -f2)
git update-ref refs/heads/main "$tip"
# 5. drop corrupt loose objects and restore them from the backup bundle.
report=$(git fsck --full --no-dangling 2>&1 || true)
for obj in $(printf '%s\n' "$report" | sed -n 's/^error: \([0-9a-f]\{40\}\): object corrupt or missing.*/\1/p'); do
  rm -f ".git/objects/${obj:0:2}/${obj:2}"
done
# the dangling tag ref makes every ref walk fail: drop it first, re-create it below.
sed -i '/ refs\/tags\/v1.0$/d' .git/packed-refs
rm -f .git/refs/tags/v1.0
git bundle unbundle "$bundle" >/dev/null
# 2. tag v1.0 as recorded in the backup.
tag=$(git bundle list-heads "$bundle" refs/tags/v1.0 | cut -d' ' -f1)
git update-ref refs/tags/v1.0 "$tag"
# 4. rebuild the index from HEAD without touching the working tree.
rm -f .git/index
git reset -q
git fsck --full --strict
git status --short

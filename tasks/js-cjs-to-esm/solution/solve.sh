#!/bin/bash
# Reference migration: the whole tree rewritten as ES modules (package.json "type": "module").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd /app
rm -rf src bin test
cp -r "$here/app/src" "$here/app/bin" "$here/app/test" .
cp "$here/app/package.json" package.json
chmod +x bin/inv.js

#!/bin/bash
set -euo pipefail
here=$(dirname "$0")
cp "$here/version.rs" /app/src/version.rs
cp "$here/req.rs" /app/src/req.rs
cd /app && cargo build --offline --quiet

#!/bin/bash
# Reference: the fixed package (23 bugs across 7 modules).
set -euo pipefail
rm -rf /app/strkit
cp -r "$(dirname "$0")/strkit" /app/strkit

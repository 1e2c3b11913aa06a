#!/bin/bash
set -euo pipefail
cp "$(dirname "$0")/index.js" /app/src/index.js

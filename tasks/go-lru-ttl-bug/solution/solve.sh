#!/bin/bash
set -euo pipefail
cp "$(dirname "$0")/cache.go" /app/cache/cache.go

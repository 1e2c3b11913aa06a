#!/bin/bash
set -euo pipefail
cp "$(dirname "$0")/rank.go" /app/rank/rank.go

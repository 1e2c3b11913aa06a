#!/bin/bash
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cp "$here/shorty/shorty.go" "$here/shorty/shorty_test.go" /app/shorty/
cp "$here/cmd/shorty/main.go" /app/cmd/shorty/main.go
cd /app && go build ./... && go vet ./...

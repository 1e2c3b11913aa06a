#!/bin/bash
set -euo pipefail
cp "$(dirname "$0")/ini.go" /app/ini/ini.go

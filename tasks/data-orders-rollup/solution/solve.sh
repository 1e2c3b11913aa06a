#!/bin/bash
set -euo pipefail
install -m 0755 "$(dirname "$0")/rollup" /app/rollup

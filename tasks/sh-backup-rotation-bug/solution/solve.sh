#!/bin/bash
set -euo pipefail
install -m 0755 "$(dirname "$0")/rotate-backups.sh" /app/bin/rotate-backups.sh

#!/bin/bash
set -euo pipefail
cp "$(dirname "$0")/reconcile.py" /app/ledger/reconcile.py

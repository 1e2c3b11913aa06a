#!/bin/bash
set -euo pipefail
cp "$(dirname "$0")/salesreport/report.py" /app/salesreport/report.py

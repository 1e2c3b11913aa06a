#!/bin/bash
# Reference fix: parse string quantities/prices as the request format allows (the root cause of
# the zero totals and the DivisionUndefined crash), validate them, normalise discount codes
# (case-insensitive, unknown -> request error), and define the share of a zero subtotal.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cp "$here"/invoicer/*.py /app/invoicer/

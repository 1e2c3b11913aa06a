#!/bin/bash
# Reference port: replace the package and the tests with their Python 3 versions.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rm -rf /app/ledgerkit /app/tests
cp -r "$here/ledgerkit" /app/ledgerkit
cp -r "$here/tests" /app/tests
find /app -name '*.pyc' -delete

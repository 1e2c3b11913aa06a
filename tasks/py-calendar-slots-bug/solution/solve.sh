#!/bin/bash
# Reference fix: sort by start (not end), merge touching intervals, and emit the tail slot.
set -euo pipefail
cd /app
python3 - <<'PY'
import pathlib
p = pathlib.Path("calendar_tools/intervals.py")
s = p.read_text()
s = s.replace("key=lambda i: i[1])", "key=lambda i: i[0])")
s = s.replace("if merged and start < merged[-1][1]:", "if merged and start <= merged[-1][1]:")
p.write_text(s)
p = pathlib.Path("calendar_tools/slots.py")
s = p.read_text()
if "if cursor < day_end:" not in s:
    s = s.replace("        cursor = max(cursor, end)\n",
                  "        cursor = max(cursor, end)\n    if cursor < day_end:\n        slots.append((cursor, day_end))\n")
p.write_text(s)
PY

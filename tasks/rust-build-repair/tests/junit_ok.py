"""Exit 0 only if the JUnit XML at argv[1] records at least argv[2] tests and none failed,
errored or was skipped. Guards against "pytest exited 0 but nothing ran"."""
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.parse(sys.argv[1]).getroot()
    minimum = int(sys.argv[2])
except Exception as exc:  # missing or truncated report: fail closed
    print(f"junit_ok: cannot read report: {exc}")
    sys.exit(1)
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
totals = {k: sum(int(s.get(k, 0)) for s in suites) for k in ("tests", "failures", "errors", "skipped")}
print(f"junit_ok: {totals}")
if totals["tests"] < minimum or totals["failures"] or totals["errors"] or totals["skipped"]:
    sys.exit(1)

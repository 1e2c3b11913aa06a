#!/usr/bin/env bash
# Reference solution: run by the oracle agent (as the task's agent user) with the workdir as cwd.
set -euo pipefail
cat > /app/greet.sh <<'SCRIPT'
#!/usr/bin/env bash
# Prints a greeting for the name given as $1.
name="$1"
echo "hello, $name"
SCRIPT

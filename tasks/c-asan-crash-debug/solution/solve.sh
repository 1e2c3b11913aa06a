#!/bin/bash
# Reference fix: allocate room for the terminator, do not step over the NUL after a trailing
# backslash, print the old value before freeing it.
set -euo pipefail
cd /app
python3 - <<'PY'
p = "src/kvjson.c"
s = open(p).read()
s = s.replace("""    while (*p && *p != '"') {
        if (*p == '\\\\')
            p++;
        p++;
        n++;
    }""", """    while (*p && *p != '"') {
        if (*p == '\\\\') {
            p++;
            if (!*p)
                return NULL;
        }
        p++;
        n++;
    }""")
s = s.replace("char *out = malloc(n);", "char *out = malloc(n + 1);")
s = s.replace("""            free(pairs[i].value);
            fprintf(stderr, "warning: line %ld: duplicate key %s (previous value %s)\\n", line, key, pairs[i].value);""",
"""            fprintf(stderr, "warning: line %ld: duplicate key %s (previous value %s)\\n", line, key, pairs[i].value);
            free(pairs[i].value);""")
open(p, "w").write(s)
PY
grep -q 'malloc(n + 1)' src/kvjson.c
grep -q 'if (!\*p)' src/kvjson.c
make -B kvjson >/dev/null

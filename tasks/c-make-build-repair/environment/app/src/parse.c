#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "parse.h"

/* Parses one line; appends to *vals. Returns 0 or -1. */
static int parse_line(char *line, double **vals, long *n, long *cap)
{
    char *p = line;
    while (*p) {
        while (*p && (isspace((unsigned char)*p) || *p == ','))
            p++;
        if (!*p || *p == '#')
            break;
        char *end;
        errno = 0;
        double v = strtod(p, &end);
        if (end == p || errno == ERANGE || (*end && !isspace((unsigned char)*end) && *end != ','))
            return -1;
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 64;
            *vals = realloc(*vals, (size_t)*cap * sizeof **vals);
        }
        (*vals)[(*n)++] = v;
        if (*n > MAX_VALUES)
            return -1;
        p = end;
    }
    return 0;
}

long read_values(FILE *f, double **out, long *bad_line)
{
    char buf[4096];
    long n = 0, cap = 0, line = 0;
    *out = NULL;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        if (parse_line(buf, out, &n, &cap) != 0) {
            *bad_line = line;
            return -1;
        }
    }
    return n;
}

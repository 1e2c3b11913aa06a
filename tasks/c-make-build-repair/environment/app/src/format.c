#include <stdio.h>
#include "config.h"
#include "format.h"
#include "stats.h"

/* Integers print without decimals, everything else with PRECISION decimals. */
static void fmt_value(char *buf, size_t size, double v)
{
    if (v == (long long)v && v > -1e15 && v < 1e15)
        snprintf(buf, size, "%lld", (long long)v);
    else
        snprintf(buf, size, "%.*f", PRECISION, v);
    /* normalise "-0" */
    if (strlen(buf) == 2 && buf[0] == '-' && buf[1] == '0')
        snprintf(buf, size, "0");
}

void print_summary(const struct summary *s, int as_json)
{
    const char *names[] = {"min", "max", "mean", "median", "stddev"};
    double vals[] = {s->min, s->max, s->mean, s->median, s->stddev};
    char buf[64];
    if (as_json)
        printf("{\"count\": %zu", s->count);
    else
        printf("count: %zu\n", s->count);
    for (int i = 0; i < 5; i++) {
        fmt_value(buf, sizeof buf, vals[i]);
        if (as_json)
            printf(", \"%s\": %s", names[i], buf);
        else
            printf("%s: %s\n", names[i], buf);
    }
    if (as_json)
        printf("}\n");
}

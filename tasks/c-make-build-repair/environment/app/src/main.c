/* statcalc [--json] < numbers */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"
#include "parse.h"
#include "stats.h"
#include "version.h"

int main(int argc, char **argv)
{
    int as_json = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            as_json = 1;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("statcalc %s\n", STATCALC_VERSION);
            return 0;
        } else {
            fprintf(stderr, "usage: statcalc [--json] [--version] < numbers\n");
            return 2;
        }
    }
    double *vals;
    long bad = 0;
    long n = read_values(stdin, &vals, &bad);
    if (n < 0) {
        fprintf(stderr, "statcalc: invalid number on line %ld\n", bad);
        return 1;
    }
    struct summary s;
    if (summarize(vals, (size_t)n, &s) != 0) {
        fprintf(stderr, "statcalc: no input values\n");
        free(vals);
        return 1;
    }
    print_summary(&s, as_json);
    free(vals);
    return 0;
}

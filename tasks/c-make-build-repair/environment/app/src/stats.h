/* Descriptive statistics over an array of doubles. */
#include <stddef.h>

struct summary {
    size_t count;
    double min, max, mean, median, stddev; /* stddev: sample standard deviation (n - 1) */
};

/* Fills *out; sorts `values` in place. Returns 0, or -1 if n == 0. */
int summarize(double *values, size_t n, struct summary *out);

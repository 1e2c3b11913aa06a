#include <math.h>
#include <stdlib.h>
#include "stats.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int summarize(double *values, size_t n, struct summary *out)
{
    if (n == 0)
        return -1;
    qsort(values, n, sizeof *values, cmp_double);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += values[i];
    double mean = sum / n;
    double sq = 0;
    for (size_t i = 0; i < n; i++)
        sq += (values[i] - mean) * (values[i] - mean);
    out->count = n;
    out->min = values[0];
    out->max = values[n - 1];
    out->mean = mean;
    out->median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    out->stddev = n > 1 ? sqrt(sq / (n - 1)) : 0.0;
    return 0;
}

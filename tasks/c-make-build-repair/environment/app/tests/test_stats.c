#include <assert.h>
#include <math.h>
#include <stdio.h>
#include "stats.h"

int main(void)
{
    double v[] = {4, 1, 3, 2};
    struct summary s;
    assert(summarize(v, 4, &s) == 0);
    assert(s.count == 4 && s.min == 1 && s.max == 4 && s.median == 2.5 && s.mean == 2.5);
    assert(fabs(s.stddev - 1.2909944487) < 1e-9);
    assert(summarize(v, 0, &s) == -1);
    double one[] = {7};
    assert(summarize(one, 1, &s) == 0 && s.stddev == 0 && s.median == 7);
    puts("test_stats: all passed");
    return 0;
}

#ifndef FORMAT_H
#define FORMAT_H
#include "stats.h"

/* Print the summary as "name: value" lines. */
void print_summary(const struct summary *s, int as_json);

#endif

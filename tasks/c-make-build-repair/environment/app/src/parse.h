#ifndef PARSE_H
#define PARSE_H
#include <stdio.h>
#include <stddef.h>

/* Read whitespace/comma separated numbers from f into a malloc'd array. Lines starting with '#'
 * are comments. Returns the count, or -1 on an invalid token (*bad_line is set). */
long read_values(FILE *f, double **out, long *bad_line);

#endif

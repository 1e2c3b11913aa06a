/* lastn: print the last N lines of standard input (like `tail -n N`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ringbuf.h"

static void usage(void)
{
    fprintf(stderr, "usage: lastn N < input\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        usage();
    char *end;
    long n = strtol(argv[1], &end, 10);
    if (*argv[1] == '\0' || *end != '\0' || n < 0)
        usage();

    ringbuf rb;
    if (ringbuf_init(&rb, (size_t)n) != 0) {
        perror("lastn");
        return 1;
    }

    char buf[256];
    while (fgets(buf, sizeof buf, stdin)) {
        ringbuf_push(&rb, strdup(buf));
    }

    for (size_t i = 0; i < rb.len; i++)
        fputs(ringbuf_get(&rb, i), stdout);
    ringbuf_free(&rb);
    return 0;
}

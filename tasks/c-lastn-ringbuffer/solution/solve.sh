#!/bin/bash
# Reference fix: link ringbuf.o, fix the wrap-around index, free overwritten lines,
# free items by logical index, and read whole lines of any length with getline(3).
set -euo pipefail
cd /app
sed -i 's|^lastn: src/main.o$|lastn: $(OBJS)|; s|-o \$@ src/main.o$|-o $@ $(OBJS)|' Makefile
cat > src/ringbuf.c <<'C'
#include <stdlib.h>
#include "ringbuf.h"

int ringbuf_init(ringbuf *rb, size_t cap)
{
    rb->cap = cap;
    rb->head = 0;
    rb->len = 0;
    rb->items = NULL;
    if (cap == 0)
        return 0;
    rb->items = calloc(cap, sizeof(char *));
    return rb->items ? 0 : -1;
}

void ringbuf_push(ringbuf *rb, char *s)
{
    if (rb->cap == 0) {
        free(s);
        return;
    }
    if (rb->len < rb->cap) {
        rb->items[(rb->head + rb->len) % rb->cap] = s;
        rb->len++;
    } else {
        /* full: overwrite the oldest and advance head */
        free(rb->items[rb->head]);
        rb->items[rb->head] = s;
        rb->head = (rb->head + 1) % rb->cap;
    }
}

const char *ringbuf_get(const ringbuf *rb, size_t i)
{
    return rb->items[(rb->head + i) % rb->cap];
}

void ringbuf_free(ringbuf *rb)
{
    for (size_t i = 0; i < rb->len; i++)
        free(rb->items[(rb->head + i) % rb->cap]);
    free(rb->items);
    rb->items = NULL;
    rb->len = 0;
}
C
cat > src/main.c <<'C'
/* lastn: print the last N lines of standard input (like `tail -n N`). */
#define _POSIX_C_SOURCE 200809L
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

    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, stdin)) != -1) {
        char *copy = malloc((size_t)got + 1);
        if (!copy) {
            perror("lastn");
            return 1;
        }
        memcpy(copy, line, (size_t)got + 1);
        ringbuf_push(&rb, copy);
    }
    free(line);

    for (size_t i = 0; i < rb.len; i++)
        fputs(ringbuf_get(&rb, i), stdout);
    ringbuf_free(&rb);
    return 0;
}
C
make clean >/dev/null
make

#ifndef RINGBUF_H
#define RINGBUF_H

#include <stddef.h>

/* A fixed-capacity ring of owned strings. Pushing into a full ring drops the oldest. */
typedef struct {
    char **items;
    size_t cap;   /* capacity, may be 0 */
    size_t head;  /* index of the oldest item */
    size_t len;   /* number of items stored */
} ringbuf;

int ringbuf_init(ringbuf *rb, size_t cap);
/* Takes ownership of `s` (a malloc'd string). */
void ringbuf_push(ringbuf *rb, char *s);
/* i-th item counting from the oldest, 0 <= i < len. */
const char *ringbuf_get(const ringbuf *rb, size_t i);
void ringbuf_free(ringbuf *rb);

#endif

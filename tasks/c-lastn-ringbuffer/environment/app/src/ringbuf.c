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
        rb->items[rb->head] = s;
        rb->head = (rb->head + 1) % (rb->cap - 1);
    }
}

const char *ringbuf_get(const ringbuf *rb, size_t i)
{
    return rb->items[(rb->head + i) % rb->cap];
}

void ringbuf_free(ringbuf *rb)
{
    for (size_t i = 0; i < rb->len; i++)
        free(rb->items[i]);
    free(rb->items);
    rb->items = NULL;
    rb->len = 0;
}

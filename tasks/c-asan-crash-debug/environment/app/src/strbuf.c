#include <stdlib.h>
#include <string.h>
#include "strbuf.h"

void sb_init(strbuf *b)
{
    b->cap = 16;
    b->len = 0;
    b->data = malloc(b->cap);
    b->data[0] = '\0';
}

void sb_putc(strbuf *b, char c)
{
    if (b->len + 1 >= b->cap) {
        b->cap *= 2;
        b->data = realloc(b->data, b->cap);
    }
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void sb_puts(strbuf *b, const char *s)
{
    while (*s)
        sb_putc(b, *s++);
}

void sb_free(strbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

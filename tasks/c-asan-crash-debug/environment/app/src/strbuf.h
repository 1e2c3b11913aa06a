#ifndef STRBUF_H
#define STRBUF_H
#include <stddef.h>

typedef struct {
    char *data;
    size_t len, cap;
} strbuf;

void sb_init(strbuf *b);
void sb_putc(strbuf *b, char c);
void sb_puts(strbuf *b, const char *s);
void sb_free(strbuf *b);

#endif

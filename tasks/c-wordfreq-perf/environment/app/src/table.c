#include <stdlib.h>
#include <string.h>
#include "table.h"

void table_init(table *t)
{
    t->head = NULL;
    t->size = 0;
}

void table_add(table *t, const char *word, size_t len)
{
    for (entry *e = t->head; e; e = e->next) {
        if (strlen(e->word) == len && memcmp(e->word, word, len) == 0) {
            e->count++;
            return;
        }
    }
    entry *e = malloc(sizeof *e);
    e->word = malloc(len + 1);
    memcpy(e->word, word, len);
    e->word[len] = '\0';
    e->count = 1;
    e->next = t->head;
    t->head = e;
    t->size++;
}

static int before(const entry *a, const entry *b)
{
    if (a->count != b->count)
        return a->count > b->count;
    return strcmp(a->word, b->word) < 0;
}

entry **table_sorted(table *t)
{
    entry **v = malloc((t->size ? t->size : 1) * sizeof *v);
    size_t i = 0;
    for (entry *e = t->head; e; e = e->next)
        v[i++] = e;
    /* insertion sort */
    for (size_t a = 1; a < t->size; a++) {
        entry *x = v[a];
        size_t b = a;
        while (b > 0 && before(x, v[b - 1])) {
            v[b] = v[b - 1];
            b--;
        }
        v[b] = x;
    }
    return v;
}

void table_free(table *t)
{
    entry *e = t->head;
    while (e) {
        entry *n = e->next;
        free(e->word);
        free(e);
        e = n;
    }
    t->head = NULL;
    t->size = 0;
}

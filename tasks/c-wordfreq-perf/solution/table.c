#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "table.h"

/* Hash index (FNV-1a, chained, power-of-two buckets) over the entry list; qsort for output. */

typedef struct hnode {
    entry *e;
    size_t len;
    uint64_t hash;
    struct hnode *next;
} hnode;

static hnode **buckets;
static size_t nbuckets;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static void grow(void)
{
    size_t nb = nbuckets ? nbuckets * 2 : 1024;
    hnode **nbk = calloc(nb, sizeof *nbk);
    for (size_t i = 0; i < nbuckets; i++) {
        hnode *n = buckets[i];
        while (n) {
            hnode *next = n->next;
            size_t j = n->hash & (nb - 1);
            n->next = nbk[j];
            nbk[j] = n;
            n = next;
        }
    }
    free(buckets);
    buckets = nbk;
    nbuckets = nb;
}

void table_init(table *t)
{
    t->head = NULL;
    t->size = 0;
}

void table_add(table *t, const char *word, size_t len)
{
    uint64_t h = hash_bytes(word, len);
    if (nbuckets) {
        for (hnode *n = buckets[h & (nbuckets - 1)]; n; n = n->next) {
            if (n->hash == h && n->len == len && memcmp(n->e->word, word, len) == 0) {
                n->e->count++;
                return;
            }
        }
    }
    if (t->size + 1 > nbuckets / 2)
        grow();
    entry *e = malloc(sizeof *e);
    e->word = malloc(len + 1);
    memcpy(e->word, word, len);
    e->word[len] = '\0';
    e->count = 1;
    e->next = t->head;
    t->head = e;
    t->size++;
    hnode *n = malloc(sizeof *n);
    n->e = e;
    n->len = len;
    n->hash = h;
    size_t j = h & (nbuckets - 1);
    n->next = buckets[j];
    buckets[j] = n;
}

static int cmp_entries(const void *pa, const void *pb)
{
    const entry *a = *(entry *const *)pa, *b = *(entry *const *)pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->word, b->word);
}

entry **table_sorted(table *t)
{
    entry **v = malloc((t->size ? t->size : 1) * sizeof *v);
    size_t i = 0;
    for (entry *e = t->head; e; e = e->next)
        v[i++] = e;
    qsort(v, t->size, sizeof *v, cmp_entries);
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
    for (size_t i = 0; i < nbuckets; i++) {
        hnode *n = buckets[i];
        while (n) {
            hnode *next = n->next;
            free(n);
            n = next;
        }
    }
    free(buckets);
    buckets = NULL;
    nbuckets = 0;
    t->head = NULL;
    t->size = 0;
}

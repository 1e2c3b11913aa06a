#ifndef TABLE_H
#define TABLE_H
#include <stddef.h>

/* A word -> count table. */
typedef struct entry {
    char *word;
    long count;
    struct entry *next;
} entry;

typedef struct {
    entry *head;
    size_t size;
} table;

void table_init(table *t);
/* Add one occurrence of word[0..len) (copied). */
void table_add(table *t, const char *word, size_t len);
/* All entries sorted by count descending, then word ascending (strcmp); caller frees the array. */
entry **table_sorted(table *t);
void table_free(table *t);

#endif

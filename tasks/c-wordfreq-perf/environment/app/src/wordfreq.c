/* wordfreq [-n N] < text : the N most frequent words (default 10).
 * A word is a maximal run of ASCII letters, compared case-insensitively (printed lowercase).
 * Output: "COUNT WORD" per line, by count descending, then word ascending. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "table.h"

int main(int argc, char **argv)
{
    long top = 10;
    if (argc == 3 && strcmp(argv[1], "-n") == 0) {
        char *end;
        top = strtol(argv[2], &end, 10);
        if (*argv[2] == '\0' || *end || top < 0) {
            fprintf(stderr, "usage: wordfreq [-n N]\n");
            return 2;
        }
    } else if (argc != 1) {
        fprintf(stderr, "usage: wordfreq [-n N]\n");
        return 2;
    }
    table t;
    table_init(&t);
    size_t cap = 64, len = 0;
    char *word = malloc(cap);
    int c;
    while ((c = getchar()) != EOF) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            if (len + 1 >= cap)
                word = realloc(word, cap *= 2);
            word[len++] = (char)(c | 0x20);
        } else if (len) {
            table_add(&t, word, len);
            len = 0;
        }
    }
    if (len)
        table_add(&t, word, len);
    entry **v = table_sorted(&t);
    for (size_t i = 0; i < t.size && (long)i < top; i++)
        printf("%ld %s\n", v[i]->count, v[i]->word);
    free(v);
    free(word);
    table_free(&t);
    return 0;
}

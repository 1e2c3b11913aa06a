/* kvjson < file.conf : convert "key = value" lines to one JSON object (see README.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "strbuf.h"

typedef struct {
    char *key;
    char *value;
} pair;

static pair *pairs;
static size_t npairs, cappairs;

static int is_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

static void die(long line, const char *msg)
{
    fprintf(stderr, "error: line %ld: %s\n", line, msg);
    exit(1);
}

/* Decode the quoted string starting after the opening quote at s; *end is set past the closing
 * quote. Returns a malloc'd string or NULL on a bad escape / missing closing quote. */
static char *unquote(const char *s, const char **end)
{
    size_t n = 0;
    const char *p = s;
    while (*p && *p != '"') {
        if (*p == '\\')
            p++;
        p++;
        n++;
    }
    if (*p != '"')
        return NULL;
    char *out = malloc(n);
    char *o = out;
    for (p = s; *p != '"'; p++) {
        if (*p == '\\') {
            p++;
            switch (*p) {
            case 'n': *o++ = '\n'; break;
            case 't': *o++ = '\t'; break;
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            default: free(out); return NULL;
            }
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    *end = p + 1;
    return out;
}

static void set(char *key, char *value, long line)
{
    for (size_t i = 0; i < npairs; i++) {
        if (strcmp(pairs[i].key, key) == 0) {
            free(pairs[i].value);
            fprintf(stderr, "warning: line %ld: duplicate key %s (previous value %s)\n", line, key, pairs[i].value);
            pairs[i].value = value;
            free(key);
            return;
        }
    }
    if (npairs == cappairs) {
        cappairs = cappairs ? cappairs * 2 : 8;
        pairs = realloc(pairs, cappairs * sizeof *pairs);
    }
    pairs[npairs].key = key;
    pairs[npairs].value = value;
    npairs++;
}

static char *trimmed_copy(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    char *out = malloc(n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

static void parse_line(char *line, long no)
{
    char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0' || *p == '#' || *p == ';')
        return;
    char *k = p;
    while (is_key_char(*p))
        p++;
    if (p == k)
        die(no, "expected a key");
    char *key = trimmed_copy(k, (size_t)(p - k));
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '=')
        die(no, "expected '='");
    p++;
    while (*p == ' ' || *p == '\t')
        p++;
    char *value;
    if (*p == '"') {
        const char *end;
        value = unquote(p + 1, &end);
        if (!value)
            die(no, "bad quoted string");
        while (*end == ' ' || *end == '\t')
            end++;
        if (*end && *end != '#')
            die(no, "garbage after quoted string");
    } else {
        char *hash = strchr(p, '#');
        value = trimmed_copy(p, hash ? (size_t)(hash - p) : strlen(p));
    }
    set(key, value, no);
}

static void json_string(strbuf *b, const char *s)
{
    sb_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            sb_putc(b, '\\');
            sb_putc(b, (char)c);
        } else if (c == '\n') {
            sb_puts(b, "\\n");
        } else if (c == '\t') {
            sb_puts(b, "\\t");
        } else if (c < 0x20) {
            char tmp[8];
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
            sb_puts(b, tmp);
        } else {
            sb_putc(b, (char)c);
        }
    }
    sb_putc(b, '"');
}

int main(void)
{
    strbuf line;
    sb_init(&line);
    long no = 0;
    int c;
    do {
        c = getchar();
        if (c == '\n' || c == EOF) {
            if (c == '\n' || line.len) {
                no++;
                parse_line(line.data, no);
            }
            line.len = 0;
            line.data[0] = '\0';
        } else {
            sb_putc(&line, (char)c);
        }
    } while (c != EOF);
    strbuf out;
    sb_init(&out);
    sb_putc(&out, '{');
    for (size_t i = 0; i < npairs; i++) {
        if (i)
            sb_puts(&out, ", ");
        json_string(&out, pairs[i].key);
        sb_puts(&out, ": ");
        json_string(&out, pairs[i].value);
        free(pairs[i].key);
        free(pairs[i].value);
    }
    sb_puts(&out, "}\n");
    fputs(out.data, stdout);
    sb_free(&out);
    sb_free(&line);
    free(pairs);
    return 0;
}

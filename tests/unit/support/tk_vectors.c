/* tk_vectors.c - see tk_vectors.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tk_vectors.h"

#define VECTORS_PATH "tests/fixtures/proto-vectors.txt"

/* Parses hex byte pairs separated by spaces; returns the count or -1. */
static int parse_hex(const char *s, uint8_t *out, int cap)
{
    int n = 0;
    while (*s) {
        char *end;
        long v;
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        v = strtol(s, &end, 16);
        if (end != s + 2 || v < 0 || v > 255 || n >= cap)
            return -1;
        out[n++] = (uint8_t)v;
        s = end;
    }
    return n;
}

/* Splits line at '|' into at most 5 trimmed fields; returns the count. */
static int split_fields(char *line, char **field)
{
    int n = 0;
    char *p = line;
    while (n < 5) {
        char *bar = strchr(p, '|');
        char *end;
        if (bar)
            *bar = 0;
        while (*p == ' ')
            p++;
        end = p + strlen(p);
        while (end > p && (end[-1] == ' ' || end[-1] == '\n'))
            *--end = 0;
        field[n++] = p;
        if (!bar)
            break;
        p = bar + 1;
    }
    return n;
}

int tk_vectors_load(tk_vector *v)
{
    FILE *f = fopen(VECTORS_PATH, "r");
    char line[1024];
    int n = 0, lineno = 0;

    if (!f)
        fail_msg("cannot open %s (tests run from the top of the tree)", VECTORS_PATH);
    while (fgets(line, sizeof line, f)) {
        char *field[5];
        uint8_t one[1];
        int len;
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (n >= TK_VECTORS_MAX || split_fields(line, field) != 5)
            fail_msg("%s:%d: expected 5 fields separated by |", VECTORS_PATH, lineno);
        snprintf(v[n].name, sizeof v[n].name, "%s", field[0]);
        v[n].frame.version = TK_PROTO_VERSION;
        if (parse_hex(field[1], one, 1) != 1)
            fail_msg("%s:%d: bad type", VECTORS_PATH, lineno);
        v[n].frame.type = one[0];
        if (parse_hex(field[2], one, 1) != 1)
            fail_msg("%s:%d: bad seq", VECTORS_PATH, lineno);
        v[n].frame.seq = one[0];
        len = parse_hex(field[3], v[n].frame.payload, TK_PROTO_MAX_PAYLOAD);
        if (len < 0)
            fail_msg("%s:%d: bad payload", VECTORS_PATH, lineno);
        v[n].frame.len = (uint8_t)len;
        len = parse_hex(field[4], v[n].wire, TK_PROTO_MAX_WIRE);
        if (len <= 0)
            fail_msg("%s:%d: bad wire bytes", VECTORS_PATH, lineno);
        v[n].wire_len = (uint16_t)len;
        n++;
    }
    fclose(f);
    return n;
}

const tk_vector *tk_vector_named(const tk_vector *v, int n, const char *name)
{
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    fail_msg("no protocol vector named %s", name);
    return NULL;
}

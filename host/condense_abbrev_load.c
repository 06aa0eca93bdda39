/*
 * condense_abbrev_load.c - an abbreviation table from a file, for the
 * config's [condense] abbreviations and `tickerd condense --abbrev`.
 *
 * The parsing is condense_abbrev_parse's; this only reads the file, with
 * a cap so that a wrong path (a log, a device) cannot take the memory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condense.h"

condense_abbrev_table *condense_abbrev_load(const char *path, char *err, size_t errlen)
{
    condense_abbrev_table *t = NULL;
    char *buf = NULL;
    size_t n;
    FILE *f = fopen(path, "rb");

    if (!f) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return NULL;
    }
    buf = malloc(CONDENSE_ABBREV_FILE_MAX);
    t = malloc(sizeof *t);
    if (!buf || !t) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    n = fread(buf, 1, CONDENSE_ABBREV_FILE_MAX, f);
    if (ferror(f)) {
        snprintf(err, errlen, "read error: %s", strerror(errno));
        goto fail;
    }
    if (n == CONDENSE_ABBREV_FILE_MAX) {
        snprintf(err, errlen, "larger than %d bytes", CONDENSE_ABBREV_FILE_MAX - 1);
        goto fail;
    }
    if (condense_abbrev_parse(buf, n, t, err, errlen))
        goto fail;
    free(buf);
    fclose(f);
    return t;

fail:
    free(buf);
    free(t);
    fclose(f);
    return NULL;
}

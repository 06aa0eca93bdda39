/*
 * state_io.h - the state directory's file layer, shared by state.c and
 * state_records.c: atomic writes, bounded reads, setting a corrupt file
 * aside, and the escaped tab-separated line format.
 */
#ifndef STATE_IO_H
#define STATE_IO_H

#include <stddef.h>

#include "state.h"

/* A growing text buffer with a hard maximum (STATE_MAX_FILE). */
typedef struct state_buf {
    char *data;
    size_t len, cap;
    int failed;                 /* out of memory or past the maximum */
} state_buf;

void state_buf_add(state_buf *b, const char *s, size_t n);
/* Adds printf-style text of at most STATE_BUF_LINE_MAX - 1 bytes (longer
   is cut): the status file's lines. */
#define STATE_BUF_LINE_MAX 1536
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void state_buf_addf(state_buf *b, const char *fmt, ...);
/* Adds s escaped (\\, \t, \n), so it is one field. */
void state_buf_field(state_buf *b, const char *s);
void state_buf_free(state_buf *b);

/* Writes the buffer as file name in the directory, atomically; 0 or -1. */
int state_write(state_store *s, const char *name, const state_buf *b);
/* The whole of file name, NUL-terminated, malloc'd (the caller frees);
   NULL with *missing = 1 when there is none, NULL with *missing = 0 when
   it cannot be read or is larger than STATE_MAX_FILE (it is set aside). */
char *state_read(state_store *s, const char *name, int *missing);
/* Reports why name is corrupt and renames it aside. */
void state_set_aside(state_store *s, const char *name, const char *why, unsigned line);

/* Splits line (modified in place) at tabs into at most max fields,
   unescaping each; returns the count, or -1 on a bad escape. */
int state_split(char *line, char **fields, int max);

#endif

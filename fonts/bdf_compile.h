/*
 * bdf_compile.h - parse BDF 2.1/2.2 font text and compile it into the
 * font blob (version 3) that firmware/core/tk_font.h reads.
 *
 * Host only (C11, uses malloc). Used by fontc, by the host to measure text
 * with a user's own BDF font, and by the tests.
 */
#ifndef BDF_COMPILE_H
#define BDF_COMPILE_H

#include <stddef.h>
#include <stdint.h>

/* Limits on the input; anything larger is rejected with an error. */
#define BDFC_MAX_FILE_BYTES (16UL * 1024 * 1024)
#define BDFC_MAX_LINE_CHARS 4096
#define BDFC_MAX_GLYPHS 65535
#define BDFC_MAX_BITMAP_BYTES 65535

typedef struct bdfc_font {
    uint8_t *blob;        /* the compiled table, owned by this struct */
    size_t size;          /* bytes in blob */
    unsigned glyphs;      /* glyphs stored (ENCODING -1 ones are skipped) */
    unsigned ranges;      /* runs of consecutive code points */
    unsigned height;      /* rows per glyph column, 1..16 */
    unsigned baseline;    /* rows from the top of the cell to the baseline */
    size_t bitmap_bytes;  /* bytes of column data inside blob */
} bdfc_font;

/*
 * Compiles len bytes of BDF text. filename only labels error messages.
 * Returns 0 and fills *out; the caller owns out->blob and releases it with
 * bdfc_free. Returns -1 with *out zeroed and "file:line: message" (naming
 * what was expected) in err, truncated to errlen.
 */
int bdfc_compile(const char *text, size_t len, const char *filename,
                 bdfc_font *out, char *err, size_t errlen);

/* Reads the file at path (at most BDFC_MAX_FILE_BYTES) and compiles it. */
int bdfc_compile_file(const char *path, bdfc_font *out, char *err, size_t errlen);

/* Frees out->blob and zeroes the struct; safe on a zeroed struct. */
void bdfc_free(bdfc_font *font);

#endif

/*
 * condense_test.h - helpers shared by the condense unit tests: a font with
 * printable ASCII only (to see transliteration work), escapes in fixture
 * files, UTF-8 validity, and reading a fixture.
 */
#ifndef CONDENSE_TEST_H
#define CONDENSE_TEST_H

#include <stddef.h>
#include <stdint.h>

#include "bdf_compile.h"

/* Compiles a font of U+0020..U+007E, 5 pixels wide; the caller frees it
   with bdfc_free. Fails the test when it cannot. */
void condense_test_ascii_font(bdfc_font *out);

/* Copies s into out (cap bytes) turning \t \n \\ \xNN and \uNNNN into
   bytes; returns the length. */
size_t condense_test_unescape(const char *s, char *out, size_t cap);

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, surrogates, > U+10FFFF). */
int condense_test_valid_utf8(const char *s, size_t n);

/* The whole file at path, NUL-terminated, or NULL; the caller frees it. */
char *condense_test_read(const char *path, size_t *len);

#endif

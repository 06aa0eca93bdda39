/*
 * tk_utf8.h - strict, bounded UTF-8 decoding for the firmware core.
 *
 * Invalid input never stops the decoder: each ill-formed sequence becomes
 * one U+FFFD and the decoder resumes after its "maximal subpart", the
 * practice recommended by the Unicode Standard (chapter 3, U+FFFD
 * substitution). Overlong forms, surrogates and values past U+10FFFF are
 * ill-formed.
 */
#ifndef TK_UTF8_H
#define TK_UTF8_H

#include <stdint.h>

#define TK_UTF8_REPLACEMENT 0xFFFDu

/*
 * Decodes the code point at s[0]; len (> 0) bytes are readable. Stores it
 * in *cp and returns how many bytes it used (1..4).
 */
uint8_t tk_utf8_decode(const uint8_t *s, uint16_t len, uint32_t *cp);

#endif

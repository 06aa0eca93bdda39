/* tk_utf8.c - see tk_utf8.h. Table 3-7 of the Unicode Standard, as code. */
#include "tk_utf8.h"

static int is_continuation(uint8_t b)
{
    return (b & 0xC0u) == 0x80u;
}

uint8_t tk_utf8_decode(const uint8_t *s, uint16_t len, uint32_t *cp)
{
    uint8_t lead = s[0];
    uint8_t need, i;
    uint8_t lo = 0x80u, hi = 0xBFu; /* allowed range of the second byte */
    uint32_t value;

    if (lead < 0x80u) {
        *cp = lead;
        return 1;
    }
    if (lead >= 0xC2u && lead <= 0xDFu) {
        need = 1;
        value = lead & 0x1Fu;
    } else if (lead >= 0xE0u && lead <= 0xEFu) {
        need = 2;
        value = lead & 0x0Fu;
        if (lead == 0xE0u)
            lo = 0xA0u; /* below is overlong */
        else if (lead == 0xEDu)
            hi = 0x9Fu; /* above is a surrogate */
    } else if (lead >= 0xF0u && lead <= 0xF4u) {
        need = 3;
        value = lead & 0x07u;
        if (lead == 0xF0u)
            lo = 0x90u; /* below is overlong */
        else if (lead == 0xF4u)
            hi = 0x8Fu; /* above is past U+10FFFF */
    } else {
        *cp = TK_UTF8_REPLACEMENT; /* stray continuation, C0, C1, F5..FF */
        return 1;
    }

    for (i = 1; i <= need; i++) {
        uint8_t b;
        if (i >= len) {
            *cp = TK_UTF8_REPLACEMENT; /* truncated */
            return i;
        }
        b = s[i];
        if (i == 1 ? (b < lo || b > hi) : !is_continuation(b)) {
            *cp = TK_UTF8_REPLACEMENT;
            return i;
        }
        value = (value << 6) | (b & 0x3Fu);
    }
    *cp = value;
    return (uint8_t)(need + 1);
}

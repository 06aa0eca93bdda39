/* tk_utf8.c - see tk_utf8.h. Table 3-7 of the Unicode Standard, as code:
   the lead byte sets how many continuation bytes follow and the range the
   first of them must be in (narrower after E0, ED, F0 and F4, which rules
   out overlong forms, surrogates and values past U+10FFFF); the others
   are 80..BF. */
#include "tk_utf8.h"

/* One exit, one store of the result: on an 8-bit chip each store of a
   32-bit value costs eight instructions. */
uint8_t tk_utf8_decode(const uint8_t *s, uint16_t len, uint32_t *cp)
{
    uint8_t lead = s[0];
    uint8_t need = 0, i;
    uint8_t lo = 0x80u, hi = 0xBFu; /* allowed range of the next byte */
    uint32_t value = lead;

    if (lead >= 0x80u) {
        value = TK_UTF8_REPLACEMENT; /* stray continuation, C0, C1, F5..FF */
        if (lead >= 0xC2u && lead <= 0xF4u) {
            need = lead >= 0xF0u ? 3 : lead >= 0xE0u ? 2 : 1;
            value = (uint8_t)(lead & (0x3Fu >> need));
            if (lead == 0xE0u)
                lo = 0xA0u; /* below is overlong */
            else if (lead == 0xEDu)
                hi = 0x9Fu; /* above is a surrogate */
            else if (lead == 0xF0u)
                lo = 0x90u; /* below is overlong */
            else if (lead == 0xF4u)
                hi = 0x8Fu; /* above is past U+10FFFF */
            for (i = 1; i <= need; i++) {
                if (i >= len || s[i] < lo || s[i] > hi) {
                    value = TK_UTF8_REPLACEMENT; /* truncated, or ill-formed here */
                    need = (uint8_t)(i - 1u);
                    break;
                }
                value = (value << 6) | (s[i] & 0x3Fu);
                lo = 0x80u;
                hi = 0xBFu;
            }
        }
    }
    *cp = value;
    return (uint8_t)(need + 1u);
}

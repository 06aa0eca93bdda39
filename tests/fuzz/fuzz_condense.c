/*
 * fuzz_condense.c - libFuzzer target for condense: arbitrary bytes as one
 * line, as an article, and through each stage and rule alone, with a
 * budget in bytes or in pixels of a built-in font chosen by the first two
 * bytes. Nothing may read or write out of bounds, and the output must fit
 * its budget, be NUL-terminated and hold no line break or control byte.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "condense.h"
#include "tk_fonts.h"
#include "tk_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const condense_opts *o, const char *out, int n)
{
    int i;
    if (n < 0)
        abort();
    if ((size_t)n != strlen(out))
        abort();
    if (o->max_bytes && (size_t)n > o->max_bytes)
        abort();
    if (o->max_px && tk_text_width(o->font, (const uint8_t *)out, (uint16_t)n, NULL) > o->max_px)
        abort();
    for (i = 0; i < n; i++)
        if ((unsigned char)out[i] < 0x20 || out[i] == 0x7F)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char out[3 * CONDENSE_MAX_INPUT + 16];
    condense_opts o = { 0, 0, NULL, NULL, NULL };
    const char *const *rules = condense_rule_names();
    static const char *const stages[] = { "clean", "boiler", "affix", "case", "translit",
                                          "headlinese", "fit" };
    const char *in;
    size_t i, len;

    if (size < 2)
        return 0;
    if (data[0] & 1) {
        o.font = tk_fonts_builtin[(data[0] >> 1) % 3].data;
        o.max_px = data[1] * 2u;
    } else {
        o.max_bytes = data[1];
    }
    if (data[0] & 8)
        o.site = "Daily Ticker";
    in = (const char *)data + 2;
    len = size - 2;
    check(&o, out, condense_line(&o, in, len, out, sizeof out));
    check(&o, out, condense_article(&o, in, len, out, sizeof out));
    for (i = 0; i < sizeof stages / sizeof stages[0]; i++)
        if (condense_stage(&o, stages[i], in, len, out, sizeof out) < 0)
            abort();
    for (i = 0; rules[i]; i++)
        if (condense_stage(&o, rules[i], in, len, out, sizeof out) < 0)
            abort();
    return 0;
}

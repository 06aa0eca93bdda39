/*
 * fuzz_bdf.c - libFuzzer target for the BDF compiler and the font reader.
 *
 * Any input is fed to bdfc_compile; when it yields a blob, the reader must
 * accept it and every lookup must stay inside it (ASan checks that, since
 * the blob is a heap block of exactly its size).
 *
 *   clang -fsanitize=fuzzer,address,undefined -Ifirmware/core -Ifonts \
 *       tests/fuzz/fuzz_bdf.c fonts/bdf_compile.c firmware/core/tk_font.c
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "bdf_compile.h"
#include "tk_font.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void probe(const bdfc_font *font, uint32_t cp)
{
    tk_glyph g;
    unsigned col;
    if (!tk_font_lookup(font->blob, cp, &g))
        return;
    for (col = 0; col <= g.columns; col++)
        (void)tk_font_column(font->blob, &g, (uint8_t)col);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t probes[] = {0, ' ', 'A', 0xE9, 0x20AC, 0xFFFF, 0x10FFFF, 0xFFFFFFFFUL};
    bdfc_font font;
    char err[256];
    size_t i;

    if (bdfc_compile((const char *)data, size, "fuzz", &font, err, sizeof err) != 0)
        return 0;
    if (!tk_font_valid(font.blob) || tk_font_glyph_count(font.blob) != font.glyphs)
        abort();
    for (i = 0; i < sizeof probes / sizeof probes[0]; i++)
        probe(&font, probes[i]);
    /* The first few code points actually in the font, found through the ranges. */
    for (i = 0; i < font.ranges && i < 4; i++) {
        const uint8_t *r = font.blob + TK_FONT_HEADER_BYTES + i * TK_FONT_RANGE_BYTES;
        uint32_t first = r[0] | (uint32_t)r[1] << 8 | (uint32_t)r[2] << 16;
        uint32_t count = r[3] | (uint32_t)r[4] << 8;
        tk_glyph g;
        if (!tk_font_lookup(font.blob, first, &g) || !tk_font_lookup(font.blob, first + count - 1, &g))
            abort();
        probe(&font, first);
        probe(&font, first + count);
    }
    bdfc_free(&font);
    return 0;
}

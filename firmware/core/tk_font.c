/*
 * tk_font.c - reads the compiled font blobs described in tk_font.h.
 *
 * This runs for every glyph drawn on an 8-bit AVR, so it keeps to 16-bit
 * arithmetic wherever the value fits and reads each byte it needs once,
 * always through TK_FONT_BYTE so the blob can stay in flash. The blob is
 * trusted: fontc wrote it, and tk_font_valid only checks the header.
 */
#include <stddef.h>
#include "tk_font.h"

#define OFF_HEIGHT 4
#define OFF_BASELINE 5
#define OFF_RANGES 6
#define OFF_GLYPHS 8
#define OFF_COVERAGE 10

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(TK_FONT_BYTE(p) | ((uint16_t)TK_FONT_BYTE(p + 1) << 8));
}

static uint32_t rd24(const uint8_t *p)
{
    return rd16(p) | ((uint32_t)TK_FONT_BYTE(p + 2) << 16);
}

/* Start of the glyph table: right after the ranges. */
static const uint8_t *glyph_table(const uint8_t *font)
{
    return font + TK_FONT_HEADER_BYTES + (size_t)rd16(font + OFF_RANGES) * TK_FONT_RANGE_BYTES;
}

int tk_font_valid(const uint8_t *font)
{
    uint8_t height;
    if (!font || TK_FONT_BYTE(font) != 'T' || TK_FONT_BYTE(font + 1) != 'K' ||
        TK_FONT_BYTE(font + 2) != 'F' || TK_FONT_BYTE(font + 3) != '1')
        return 0;
    height = TK_FONT_BYTE(font + OFF_HEIGHT);
    return height >= 1 && height <= 16;
}

uint8_t tk_font_height(const uint8_t *font)
{
    return TK_FONT_BYTE(font + OFF_HEIGHT);
}

uint8_t tk_font_baseline(const uint8_t *font)
{
    return TK_FONT_BYTE(font + OFF_BASELINE);
}

uint16_t tk_font_glyph_count(const uint8_t *font)
{
    return rd16(font + OFF_GLYPHS);
}

uint32_t tk_font_coverage(const uint8_t *font)
{
    return rd16(font + OFF_COVERAGE) | ((uint32_t)rd16(font + OFF_COVERAGE + 2) << 16);
}

int tk_font_lookup(const uint8_t *font, uint32_t cp, tk_glyph *glyph)
{
    const uint8_t *range;
    const uint8_t *table;
    const uint8_t *entry;
    uint16_t lo = 0, hi = rd16(font + OFF_RANGES);
    uint32_t delta;
    uint16_t offset, end;

    if (cp > 0xFFFFFFUL)
        return 0;
    /* Most text is in the first range (ASCII): try it before searching. */
    range = font + TK_FONT_HEADER_BYTES;
    if (hi > 0 && cp >= rd24(range) && cp - rd24(range) < rd16(range + 3))
        lo = 1;
    else /* the first range starting after cp; the one before may hold it */
        while (lo < hi) {
            uint16_t mid = (uint16_t)(lo + (uint16_t)(hi - lo) / 2);
            if (rd24(font + TK_FONT_HEADER_BYTES + (size_t)mid * TK_FONT_RANGE_BYTES) <= cp)
                lo = (uint16_t)(mid + 1);
            else
                hi = mid;
        }
    if (lo == 0)
        return 0;
    range = font + TK_FONT_HEADER_BYTES + (size_t)(lo - 1) * TK_FONT_RANGE_BYTES;
    delta = cp - rd24(range);
    if (delta >= rd16(range + 3))
        return 0;

    table = glyph_table(font);
    entry = table + (size_t)(uint16_t)(rd16(range + 5) + (uint16_t)delta) * TK_FONT_GLYPH_BYTES;
    offset = rd16(entry);
    end = rd16(entry + TK_FONT_GLYPH_BYTES);
    glyph->offset = offset;
    glyph->advance = TK_FONT_BYTE(entry + 2);
    glyph->bits = table + ((size_t)rd16(font + OFF_GLYPHS) + 1) * TK_FONT_GLYPH_BYTES + offset;
    glyph->tall = TK_FONT_BYTE(font + OFF_HEIGHT) > 8;
    end = (uint16_t)(end - offset);
    if (glyph->tall)
        end >>= 1;
    glyph->columns = (uint8_t)end;
    return 1;
}

uint16_t tk_font_column(const uint8_t *font, const tk_glyph *glyph, uint8_t col)
{
    (void)font; /* the lookup already found the glyph's columns */
    if (col >= glyph->columns)
        return 0;
    if (glyph->tall)
        return rd16(glyph->bits + (size_t)col * 2);
    return TK_FONT_BYTE(glyph->bits + col);
}

/*
 * tk_font.c - reads the compiled font blobs described in tk_font.h.
 *
 * This runs for every glyph drawn on an 8-bit AVR, so it keeps to 16-bit
 * arithmetic wherever the value fits and reads each byte it needs once,
 * always through TK_FONT_BYTE so the blob can stay in flash. The blob is
 * trusted: fontc wrote it, and tk_font_valid only checks the header.
 */
#include <stddef.h>
#include "tk_config.h"
#include "tk_font.h"

#define OFF_HEIGHT 4
#define OFF_BASELINE 5
#define OFF_RANGES 6
#define OFF_GLYPHS 8
#define OFF_COVERAGE 10
#define OFF_TABLE 14

/* Fonts taller than 8 rows take 2 bytes a column. A build for displays
   of at most 8 rows never draws one (tk_ticker_init refuses a font taller
   than the display), so it leaves that case out. */
#if TK_FB_MAX_HEIGHT > 8
#define TALL(font) (TK_FONT_BYTE((font) + OFF_HEIGHT) > 8)
#else
#define TALL(font) 0
#endif

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(TK_FONT_BYTE(p) | ((uint16_t)TK_FONT_BYTE(p + 1) << 8));
}

static uint32_t rd24(const uint8_t *p)
{
    return rd16(p) | ((uint32_t)TK_FONT_BYTE(p + 2) << 16);
}

int tk_font_valid(const uint8_t *font)
{
    uint8_t height;
    if (!font || TK_FONT_BYTE(font) != 'T' || TK_FONT_BYTE(font + 1) != 'K' ||
        TK_FONT_BYTE(font + 2) != 'F' || TK_FONT_BYTE(font + 3) != '4')
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

/* The glyph table, where the header says. */
static const uint8_t *table_of(const uint8_t *font)
{
    return font + rd16(font + OFF_TABLE);
}

/*
 * The ranges are searched in order: text is mostly ASCII, the first
 * range, and a font has a few dozen ranges, so a scan costs an 8-bit chip
 * less code than a binary search and hardly more time. A code point
 * below a range's first wraps round to a difference no count reaches, so
 * the scan does not stop at the first range past cp: it goes on to the
 * end, which only a missing glyph pays, and no more than one above the
 * last range always did (6 bytes less code).
 */
const uint8_t *tk_font_find(const uint8_t *font, uint32_t cp)
{
    const uint8_t *range = font + TK_FONT_HEADER_BYTES;
    uint16_t ranges = rd16(font + OFF_RANGES), count, glyph = 0;
    uint32_t past; /* cp less the range's first code point */

    for (;; range += TK_FONT_RANGE_BYTES) {
        if (ranges-- == 0)
            return NULL;
        past = cp - rd24(range);
        count = rd16(range + 3);
        if (past < count)
            break;
        glyph = (uint16_t)(glyph + count); /* the ranges' glyphs follow each other */
    }
    return table_of(font) + glyph + (uint16_t)past;
}

int tk_font_lookup(const uint8_t *font, uint32_t cp, tk_glyph *glyph)
{
    const uint8_t *entry = tk_font_find(font, cp), *table, *p;
    uint16_t glyphs = rd16(font + OFF_GLYPHS), base, col;
    uint8_t b;

    if (!entry)
        return 0;
    table = table_of(font);
    /* The glyph's checkpoint is that of glyph base, its index rounded
       down to a multiple of 32. The checkpoints end where the table
       starts, so it is the (glyphs + 31 - base) / 32-th from the end:
       one division instead of two. The walk then starts at base. */
    base = (uint16_t)(entry - table) & ~(TK_FONT_CHECKPOINT_EVERY - 1u);
    col = rd16(table - (uint16_t)(glyphs + TK_FONT_CHECKPOINT_EVERY - 1u - base) /
                           TK_FONT_CHECKPOINT_EVERY * TK_FONT_CHECKPOINT_BYTES);
    for (p = table + base; p < entry; p++)
        col = (uint16_t)(col + (TK_FONT_BYTE(p) & 0x0Fu));
    b = TK_FONT_BYTE(entry);
    glyph->columns = b & 0x0Fu;
    glyph->advance = TK_FONT_ENTRY_ADVANCE(b);
    glyph->tall = TALL(font);
    glyph->offset = glyph->tall ? (uint16_t)(col * 2u) : col;
    glyph->bits = table + glyphs + glyph->offset;
    return 1;
}

uint16_t tk_font_column(const uint8_t *font, const tk_glyph *glyph, uint8_t col)
{
    (void)font; /* the lookup already found the glyph's columns */
    if (col >= glyph->columns)
        return 0;
#if TK_FB_MAX_HEIGHT > 8
    if (glyph->tall)
        return rd16(glyph->bits + (size_t)col * 2);
#endif
    return TK_FONT_BYTE(glyph->bits + col);
}

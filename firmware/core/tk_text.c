/* tk_text.c - see tk_text.h. */
#include "tk_text.h"
#include "tk_font.h"
#include "tk_utf8.h"

/* The placeholder box: PLACEHOLDER_INK columns wide, one column of space. */
#define PLACEHOLDER_INK 4u

static uint16_t placeholder_column(const uint8_t *font, uint8_t col)
{
    uint8_t base = tk_font_baseline(font);
    uint16_t top = (uint16_t)(1u << (base > 6 ? base - 6 : 0));
    uint16_t bottom = (uint16_t)(1u << (base - 1));

    /* Rows top..base-1: unsigned arithmetic wraps, so 16 rows work too. */
    if (col == 0 || col == PLACEHOLDER_INK - 1)
        return (uint16_t)(bottom + bottom - top);
    return col < PLACEHOLDER_INK ? (uint16_t)(top | bottom) : 0;
}

uint8_t tk_text_advance(const uint8_t *font, uint32_t cp)
{
    tk_glyph g;
    if (tk_font_lookup(font, cp, &g))
        return g.advance;
    return PLACEHOLDER_INK + 1;
}

uint16_t tk_text_width(const uint8_t *font, const uint8_t *text, uint16_t len,
                       tk_text_stats *stats)
{
    uint16_t width = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        const uint8_t *entry;
        uint8_t advance = PLACEHOLDER_INK + 1;
        i = (uint16_t)(i + tk_utf8_decode(text + i, (uint16_t)(len - i), &cp));
        /* The entry alone, not the glyph's columns: an item's part is
           measured while the receive ring fills. */
        entry = tk_font_find(font, cp);
        if (entry) {
            advance = TK_FONT_BYTE(entry);
            advance = (uint8_t)TK_FONT_ENTRY_ADVANCE(advance);
        } else if (stats) {
            stats->missing++;
            stats->last_missing = cp;
        }
        /* Clamped at every step, so 16 bits hold it: an advance is at
           most 30. */
        width = (uint16_t)(width + advance);
        if (width > TK_TEXT_MAX_PX)
            width = TK_TEXT_MAX_PX;
    }
    return width;
}

/* Draws glyph g, or the placeholder when g is NULL, with its origin at x,
   in the screen columns from clip on. */
static void draw_glyph(tk_fb *fb, const uint8_t *font, const tk_glyph *g, tk_px x, uint8_t y,
                       tk_px clip)
{
    uint8_t columns = g ? g->columns : PLACEHOLDER_INK;
    uint8_t col = 0;

    /* Clip once per glyph rather than test every column: this runs for
       every column drawn, every frame, on an 8-bit chip. */
    if (x < clip) {
        if (x + columns <= clip)
            return;
        col = (uint8_t)(clip - x);
    }
    if (x + columns > (tk_px)fb->width)
        columns = x >= (tk_px)fb->width ? 0 : (uint8_t)(fb->width - x);
    for (; col < columns; col++) {
        uint16_t bits = g ? tk_font_column(font, g, col) : placeholder_column(font, col);
        tk_fb_or_column(fb, (uint16_t)(x + col), (uint16_t)(bits << y));
    }
}

void tk_text_draw_clip(tk_fb *fb, const uint8_t *font, const uint8_t *text, uint16_t len,
                       tk_px x, uint8_t y, tk_px clip, tk_text_cursor *start,
                       tk_text_cursor *rest)
{
    /* 16 bits here whatever tk_text_index is: a text drawn without
       cursors may be longer than the ones the marquee draws. */
    uint16_t byte = 0, px = 0, cut_byte = 0, cut_px = 0;
    int found_rest = 0;
    tk_px pen;

    if (start) {
        byte = start->byte;
        px = start->px;
    }
    pen = x + px;
    while (byte < len && pen < (tk_px)fb->width) {
        uint32_t cp;
        tk_glyph g;
        uint8_t used = tk_utf8_decode(text + byte, (uint16_t)(len - byte), &cp);
        int found = tk_font_lookup(font, cp, &g);
        uint8_t advance = found ? g.advance : PLACEHOLDER_INK + 1;

        if (pen + advance <= clip) {
            /* Wholly left of what is drawn: never needed again. */
            if (start) {
                start->byte = (tk_text_index)(byte + used);
                start->px = (uint16_t)(px + advance);
            }
        } else {
            draw_glyph(fb, font, found ? &g : 0, pen, y, clip);
        }
        if (!found_rest && pen + advance > (tk_px)fb->width) {
            cut_byte = byte; /* cut by the right edge: the next frame goes on here */
            cut_px = px;
            found_rest = 1;
        }
        pen += advance;
        byte = (uint16_t)(byte + used);
        px = (uint16_t)(px + advance);
    }
    if (rest) {
        rest->byte = (tk_text_index)(found_rest ? cut_byte : byte);
        rest->px = found_rest ? cut_px : px;
    }
}

void tk_text_draw(tk_fb *fb, const uint8_t *font, const uint8_t *text, uint16_t len,
                  tk_px x, uint8_t y, tk_text_cursor *cursor)
{
    tk_text_draw_clip(fb, font, text, len, x, y, 0, cursor, 0);
}

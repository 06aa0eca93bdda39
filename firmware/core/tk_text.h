/*
 * tk_text.h - measuring and drawing UTF-8 text with a compiled font.
 *
 * A code point the font lacks is drawn as a hollow box (the placeholder),
 * so a missing glyph is visible on the display rather than silently lost.
 */
#ifndef TK_TEXT_H
#define TK_TEXT_H

#include <stdint.h>
#include "tk_config.h"
#include "tk_fb.h"

/* Counts of what measuring found; the caller zeroes it first. */
typedef struct tk_text_stats {
    uint16_t missing;     /* code points drawn as the placeholder */
    uint32_t last_missing; /* the last of them */
} tk_text_stats;

/*
 * Where drawing resumes inside a long text: the glyph starting at byte
 * `byte` has its origin `px` pixels from the text's start. Scrolling only
 * moves forward, so keeping this skips the glyphs already gone off the
 * left edge instead of walking them every frame.
 */
#if TK_ITEM_MAX_BYTES <= 255 && TK_IDLE_MAX_BYTES <= 255 && TK_SEPARATOR_MAX_BYTES <= 255
typedef uint8_t tk_text_index; /* every text the marquee draws is that short */
#else
typedef uint16_t tk_text_index;
#endif
typedef struct tk_text_cursor {
    tk_text_index byte;
    uint16_t px;
} tk_text_cursor;

/* Widest text measured, in pixels; a wider one is cut there. */
#define TK_TEXT_MAX_PX 0x3FFFu

/* Advance of code point cp in pixels, the placeholder's when missing. */
uint8_t tk_text_advance(const uint8_t *font, uint32_t cp);

/* Width in pixels of text[0..len); stats may be NULL. */
uint16_t tk_text_width(const uint8_t *font, const uint8_t *text, uint16_t len,
                       tk_text_stats *stats);

/*
 * Draws text[0..len) so that its origin lands at screen column x (which may
 * be negative: the part left of column 0 is clipped). Rows are shifted down
 * by y. cursor may be NULL; when given it must describe a glyph start at or
 * before the first visible column, and is moved forward to the first glyph
 * that is at least partly visible.
 */
void tk_text_draw(tk_fb *fb, const uint8_t *font, const uint8_t *text, uint16_t len,
                  tk_px x, uint8_t y, tk_text_cursor *cursor);

/*
 * The same, drawing only screen columns from clip to the right edge, and
 * starting at *start when given (advanced like cursor above, against clip).
 * *rest, when given, is set to the first glyph the right edge cut or did
 * not reach: where drawing resumes when the text has moved left. start and
 * rest may be the same cursor; a text drawn with either is no longer than
 * a tk_text_index counts (255 bytes when texts are at most that).
 */
void tk_text_draw_clip(tk_fb *fb, const uint8_t *font, const uint8_t *text, uint16_t len,
                       tk_px x, uint8_t y, tk_px clip, tk_text_cursor *start,
                       tk_text_cursor *rest);

#endif

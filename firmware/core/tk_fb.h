/*
 * tk_fb.h - the frame buffer: one frame of the display, drawn whole, then
 * flushed once by the display driver.
 *
 * Layout, column-major (the default): TK_FB_ROW_BYTES bytes per column; in
 * each column byte 0 holds rows 0..7 and byte 1 rows 8..15, bit 0 being
 * the top row. This is the order of the font tables, so a glyph column is
 * copied without reshuffling bits.
 *
 * Row-major (TK_FB_ROW_MAJOR 1, for a display that takes whole rows, like
 * FC-16 MAX7219 modules): TK_FB_STRIDE bytes per row, bit 7 of byte 0 the
 * leftmost column; the driver sends a row's bytes as they are, so it needs
 * no copy of the frame and no transposing.
 *
 * The buffer also records which rows its operations changed (`changed`),
 * so that a driver can send only those without keeping the last frame.
 */
#ifndef TK_FB_H
#define TK_FB_H

#include <stdint.h>
#include "tk_config.h"

#define TK_FB_ROW_BYTES ((TK_FB_MAX_HEIGHT + 7) / 8)
#define TK_FB_STRIDE ((TK_FB_MAX_WIDTH + 7) / 8)

#ifndef TK_FB_ROW_MAJOR
#define TK_FB_ROW_MAJOR 0
#endif

/*
 * A column on the screen or on the marquee's strip, left of the screen
 * when negative. 16 bits: an 8-bit chip pays for every wider operation,
 * and tk_text_width clamps a text to TK_TEXT_MAX_PX so that a strip of
 * the widest texts still fits.
 */
typedef int16_t tk_px;

/* One bit a row. */
#if TK_FB_MAX_HEIGHT > 8
typedef uint16_t tk_fb_rows;
#else
typedef uint8_t tk_fb_rows;
#endif

typedef struct tk_fb {
    uint16_t width;   /* pixels in use, 1..TK_FB_MAX_WIDTH */
    uint8_t height;   /* rows in use, 1..TK_FB_MAX_HEIGHT */
    tk_fb_rows changed; /* rows changed since the owner last zeroed this */
#if TK_FB_ROW_MAJOR
    uint8_t px[TK_FB_MAX_HEIGHT * TK_FB_STRIDE];
#else
    uint8_t px[TK_FB_MAX_WIDTH * TK_FB_ROW_BYTES];
#endif
} tk_fb;

/* Returns 0, or -1 when the geometry exceeds the compiled maximum. Every
   row counts as changed. */
int tk_fb_init(tk_fb *fb, uint16_t width, uint8_t height);
void tk_fb_clear(tk_fb *fb);

/* Column x as bits (bit 0 = top row); 0 outside the frame. */
uint16_t tk_fb_column(const tk_fb *fb, uint16_t x);
/* ORs bits into column x; bits below the frame height are dropped. */
void tk_fb_or_column(tk_fb *fb, uint16_t x, uint16_t bits);
void tk_fb_set_pixel(tk_fb *fb, uint16_t x, uint8_t y, int on);
/* Sets or clears the top-right pixel, whatever was drawn there, and counts
   the top row as changed: the stale marker, drawn on a frame drawn whole.
   Cheaper than tk_fb_set_pixel, which the firmware then leaves out. */
void tk_fb_set_corner(tk_fb *fb, int on);
/* Moves every column n to the left and blanks the n on the right. */
void tk_fb_scroll_left(tk_fb *fb, uint16_t n);
int tk_fb_pixel(const tk_fb *fb, uint16_t x, uint8_t y);

#endif

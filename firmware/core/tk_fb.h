/*
 * tk_fb.h - the frame buffer: one frame of the display, drawn whole, then
 * flushed once by the display driver.
 *
 * Layout: column-major, TK_FB_ROW_BYTES bytes per column; in each column
 * byte 0 holds rows 0..7 and byte 1 rows 8..15, bit 0 being the top row.
 * This is the order the font tables and the MAX7219 modules use, so a
 * glyph column is copied without reshuffling bits.
 */
#ifndef TK_FB_H
#define TK_FB_H

#include <stdint.h>
#include "tk_config.h"

#define TK_FB_ROW_BYTES ((TK_FB_MAX_HEIGHT + 7) / 8)

/*
 * A column on the screen or on the marquee's strip, left of the screen
 * when negative. 16 bits: an 8-bit chip pays for every wider operation,
 * and tk_text_width clamps a text to TK_TEXT_MAX_PX so that a strip of
 * the widest texts still fits.
 */
typedef int16_t tk_px;

typedef struct tk_fb {
    uint16_t width;   /* pixels in use, 1..TK_FB_MAX_WIDTH */
    uint8_t height;   /* rows in use, 1..TK_FB_MAX_HEIGHT */
    uint8_t px[TK_FB_MAX_WIDTH * TK_FB_ROW_BYTES];
} tk_fb;

/* Returns 0, or -1 when the geometry exceeds the compiled maximum. */
int tk_fb_init(tk_fb *fb, uint16_t width, uint8_t height);
void tk_fb_clear(tk_fb *fb);

/* Column x as bits (bit 0 = top row); 0 outside the frame. */
uint16_t tk_fb_column(const tk_fb *fb, uint16_t x);
/* ORs bits into column x; bits below the frame height are dropped. */
void tk_fb_or_column(tk_fb *fb, uint16_t x, uint16_t bits);
void tk_fb_set_pixel(tk_fb *fb, uint16_t x, uint8_t y, int on);
/* Moves every column n to the left and blanks the n on the right. */
void tk_fb_scroll_left(tk_fb *fb, uint16_t n);
int tk_fb_pixel(const tk_fb *fb, uint16_t x, uint8_t y);

#endif

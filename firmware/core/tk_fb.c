/* tk_fb.c - frame buffer access; see tk_fb.h for the layout. */
#include "tk_fb.h"

static uint16_t height_mask(const tk_fb *fb)
{
    return (uint16_t)((1UL << fb->height) - 1u);
}

int tk_fb_init(tk_fb *fb, uint16_t width, uint8_t height)
{
    if (width < 1 || width > TK_FB_MAX_WIDTH || height < 1 || height > TK_FB_MAX_HEIGHT)
        return -1;
    fb->width = width;
    fb->height = height;
    tk_fb_clear(fb);
    return 0;
}

void tk_fb_clear(tk_fb *fb)
{
    uint16_t i;
    for (i = 0; i < (uint16_t)(TK_FB_MAX_WIDTH * TK_FB_ROW_BYTES); i++)
        fb->px[i] = 0;
}

uint16_t tk_fb_column(const tk_fb *fb, uint16_t x)
{
    const uint8_t *col;
    if (x >= fb->width)
        return 0;
    col = &fb->px[x * TK_FB_ROW_BYTES];
#if TK_FB_ROW_BYTES > 1
    return (uint16_t)(col[0] | (col[1] << 8));
#else
    return col[0];
#endif
}

void tk_fb_or_column(tk_fb *fb, uint16_t x, uint16_t bits)
{
    uint8_t *col;
    if (x >= fb->width)
        return;
    if (fb->height < 8 * TK_FB_ROW_BYTES) /* else every bit is in the frame */
        bits &= height_mask(fb);
    col = &fb->px[x * TK_FB_ROW_BYTES];
    col[0] |= (uint8_t)(bits & 0xFFu);
#if TK_FB_ROW_BYTES > 1
    col[1] |= (uint8_t)(bits >> 8);
#endif
}

void tk_fb_set_pixel(tk_fb *fb, uint16_t x, uint8_t y, int on)
{
    uint8_t *byte;
    uint8_t bit;
    if (x >= fb->width || y >= fb->height)
        return;
    byte = &fb->px[x * TK_FB_ROW_BYTES + y / 8];
    bit = (uint8_t)(1u << (y % 8));
    if (on)
        *byte |= bit;
    else
        *byte &= (uint8_t)~bit;
}

int tk_fb_pixel(const tk_fb *fb, uint16_t x, uint8_t y)
{
    if (y >= fb->height)
        return 0;
    return (tk_fb_column(fb, x) >> y) & 1u;
}

/* Pointers rather than indexes: this moves the whole frame on every
   scrolling frame, and an 8-bit chip pays for each index computed. */
void tk_fb_scroll_left(tk_fb *fb, uint16_t n)
{
    uint16_t bytes = (uint16_t)(fb->width * TK_FB_ROW_BYTES);
    uint16_t shift = (uint16_t)(n * TK_FB_ROW_BYTES);
    uint8_t *dst = fb->px;
    const uint8_t *end = fb->px + bytes;
    const uint8_t *src;
    if (shift > bytes)
        shift = bytes;
    for (src = dst + shift; src < end; src++)
        *dst++ = *src;
    while (dst < end)
        *dst++ = 0;
}

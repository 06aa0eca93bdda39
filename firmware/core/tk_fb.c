/* tk_fb.c - frame buffer access; see tk_fb.h for the two layouts. */
#include "tk_fb.h"

static tk_fb_rows height_mask(const tk_fb *fb)
{
    return (tk_fb_rows)((1UL << fb->height) - 1u);
}

int tk_fb_init(tk_fb *fb, uint16_t width, uint8_t height)
{
    if (width < 1 || width > TK_FB_MAX_WIDTH || height < 1 || height > TK_FB_MAX_HEIGHT)
        return -1;
    fb->width = width;
    fb->height = height;
    tk_fb_clear(fb);
    fb->changed = height_mask(fb);
    return 0;
}

void tk_fb_set_corner(tk_fb *fb, int on)
{
    uint16_t x = (uint16_t)(fb->width - 1u);
#if TK_FB_ROW_MAJOR
    uint8_t *p = &fb->px[x / 8u];
    uint8_t bit = (uint8_t)(0x80u >> (x % 8u));
#else
    uint8_t *p = &fb->px[x * TK_FB_ROW_BYTES];
    uint8_t bit = 1u;
#endif
    *p = on ? (uint8_t)(*p | bit) : (uint8_t)(*p & ~bit);
    fb->changed = (tk_fb_rows)(fb->changed | 1u);
}

int tk_fb_pixel(const tk_fb *fb, uint16_t x, uint8_t y)
{
    if (y >= fb->height)
        return 0;
    return (tk_fb_column(fb, x) >> y) & 1u;
}

#if TK_FB_ROW_MAJOR

void tk_fb_clear(tk_fb *fb)
{
    uint8_t *p = fb->px;
    uint8_t y, k;
    for (y = 0; y < TK_FB_MAX_HEIGHT; y++)
        for (k = 0; k < TK_FB_STRIDE; k++, p++) {
            if (*p)
                fb->changed = (tk_fb_rows)(fb->changed | 1u << y);
            *p = 0;
        }
}

uint16_t tk_fb_column(const tk_fb *fb, uint16_t x)
{
    const uint8_t *p = &fb->px[x / 8u];
    uint8_t bit = (uint8_t)(0x80u >> (x % 8u)), y;
    uint16_t bits = 0;
    if (x >= fb->width)
        return 0;
    for (y = 0; y < fb->height; y++, p += TK_FB_STRIDE)
        if (*p & bit)
            bits = (uint16_t)(bits | 1u << y);
    return bits;
}

/* A running row mask rather than 1 << y: this runs for every column
   drawn, and an 8-bit chip shifts by a variable count in a loop. */
void tk_fb_or_column(tk_fb *fb, uint16_t x, uint16_t bits)
{
    uint8_t *p = &fb->px[x / 8u];
    uint8_t bit = (uint8_t)(0x80u >> (x % 8u)), y = fb->height;
    tk_fb_rows row = 1u, changed = fb->changed;
    if (x >= fb->width)
        return;
    for (; y && bits; y--, p += TK_FB_STRIDE, bits >>= 1, row = (tk_fb_rows)(row << 1)) {
        if ((bits & 1u) && !(*p & bit)) {
            *p |= bit;
            changed = (tk_fb_rows)(changed | row);
        }
    }
    fb->changed = changed;
}

void tk_fb_set_pixel(tk_fb *fb, uint16_t x, uint8_t y, int on)
{
    uint8_t *p;
    uint8_t bit, was;
    if (x >= fb->width || y >= fb->height)
        return;
    p = &fb->px[y * TK_FB_STRIDE + x / 8u];
    bit = (uint8_t)(0x80u >> (x % 8u));
    was = *p;
    *p = on ? (uint8_t)(was | bit) : (uint8_t)(was & ~bit);
    if (*p != was)
        fb->changed = (tk_fb_rows)(fb->changed | 1u << y);
}

#ifndef TK_FB_SHIFT_ROWS
/* Shifts the first bytes of each of the rows rows, stride bytes apart from
   px on, one bit towards bit 7 of the row's first byte, a 0 coming in at
   the right; returns one bit a row for the rows that had a pixel lit. A
   port may supply a faster one (TK_FB_SHIFT_ROWS, e.g. rotating through
   the carry, which C cannot say). */
static tk_fb_rows shift_rows(uint8_t *px, uint8_t bytes, uint8_t rows, uint8_t stride)
{
    tk_fb_rows lit = 0, bit = 1u;
    for (; rows > 0; rows--, px += stride, bit = (tk_fb_rows)(bit << 1)) {
        uint8_t *p = px + bytes, carry = 0, any = 0;
        while (p != px) {
            uint8_t b = *--p;
            any |= b;
            *p = (uint8_t)(b << 1 | carry);
            carry = b >> 7;
        }
        if (any)
            lit = (tk_fb_rows)(lit | bit);
    }
    return lit;
}
#define TK_FB_SHIFT_ROWS shift_rows
#endif

/*
 * Each row moves n bits towards bit 7 of byte 0: whole bytes first, then
 * one bit a pass, right to left with the carry (the usual frame moves a
 * pixel or two, and an 8-bit chip shifts by a variable count in a loop).
 * A row changes exactly when it had a pixel lit: the first step that
 * moves anything sees it.
 */
void tk_fb_scroll_left(tk_fb *fb, uint16_t n)
{
    uint8_t bytes = (uint8_t)((fb->width + 7u) / 8u), y, k, pass;
    uint8_t skip = n / 8u < bytes ? (uint8_t)(n / 8u) : bytes;
    tk_fb_rows changed = fb->changed;
    if (skip) {
        uint8_t *row = fb->px;
        for (y = 0; y < fb->height; y++, row += TK_FB_STRIDE) {
            for (k = 0; k < bytes; k++) {
                if (row[k])
                    changed = (tk_fb_rows)(changed | 1u << y);
                row[k] = (uint8_t)(k + skip < bytes ? row[k + skip] : 0);
            }
        }
    }
    for (pass = (uint8_t)(n % 8u); pass > 0; pass--)
        changed = (tk_fb_rows)(changed | TK_FB_SHIFT_ROWS(fb->px, bytes, fb->height, TK_FB_STRIDE));
    fb->changed = changed;
}

#else

void tk_fb_clear(tk_fb *fb)
{
    uint16_t i;
    for (i = 0; i < (uint16_t)(TK_FB_MAX_WIDTH * TK_FB_ROW_BYTES); i += TK_FB_ROW_BYTES) {
        fb->changed = (tk_fb_rows)(fb->changed | fb->px[i]);
        fb->px[i] = 0;
#if TK_FB_ROW_BYTES > 1
        fb->changed = (tk_fb_rows)(fb->changed | fb->px[i + 1] << 8);
        fb->px[i + 1] = 0;
#endif
    }
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
    fb->changed = (tk_fb_rows)(fb->changed | (bits & ~tk_fb_column(fb, x)));
    col[0] |= (uint8_t)(bits & 0xFFu);
#if TK_FB_ROW_BYTES > 1
    col[1] |= (uint8_t)(bits >> 8);
#endif
}

void tk_fb_set_pixel(tk_fb *fb, uint16_t x, uint8_t y, int on)
{
    uint8_t *byte;
    uint8_t bit, was;
    if (x >= fb->width || y >= fb->height)
        return;
    byte = &fb->px[x * TK_FB_ROW_BYTES + y / 8];
    bit = (uint8_t)(1u << (y % 8));
    was = *byte;
    *byte = on ? (uint8_t)(was | bit) : (uint8_t)(was & ~bit);
    if (*byte != was)
        fb->changed = (tk_fb_rows)(fb->changed | 1u << y);
}

/* Pointers rather than indexes: this moves the whole frame on every
   scrolling frame, and an 8-bit chip pays for each index computed. Bytes
   that differ after the move mark their rows changed. */
void tk_fb_scroll_left(tk_fb *fb, uint16_t n)
{
    uint16_t bytes = (uint16_t)(fb->width * TK_FB_ROW_BYTES);
    uint16_t shift = (uint16_t)(n * TK_FB_ROW_BYTES);
    uint8_t *dst = fb->px;
    const uint8_t *end = fb->px + bytes;
    const uint8_t *src;
    uint8_t diff[TK_FB_ROW_BYTES] = { 0 };
    uint8_t r = 0;
    if (shift > bytes)
        shift = bytes;
    for (src = dst + shift; src < end; src++, dst++) {
        diff[r] |= (uint8_t)(*dst ^ *src);
        *dst = *src;
        if (++r == TK_FB_ROW_BYTES)
            r = 0;
    }
    for (; dst < end; dst++) {
        diff[r] |= *dst;
        *dst = 0;
        if (++r == TK_FB_ROW_BYTES)
            r = 0;
    }
    fb->changed = (tk_fb_rows)(fb->changed | diff[0]);
#if TK_FB_ROW_BYTES > 1
    fb->changed = (tk_fb_rows)(fb->changed | diff[1] << 8);
#endif
}

#endif

/*
 * tk_max7219_layout.h - where each LED of a chain of MAX7219 8x8 modules
 * sits on the display: the one statement of the wiring rules, included by
 * the firmware driver (tk_drv_max7219.c) and by the simulated-chip test
 * harness (tests/avr) that decodes the SPI traffic back into pixels.
 *
 * A chain of N modules shows a display 8*N columns wide and 8 rows high.
 * Module 0 is the one whose DIN is wired to the board; it shows the
 * RIGHTMOST 8 columns, module m shows columns [W-8(m+1), W-8m). On each
 * latch the board shifts out 2 bytes per module (register address, then
 * data, MSB first), the bytes for the module farthest from the board first.
 *
 * TK_MAX7219_ROTATE (build time) picks how a module's LEDs are wired:
 *   0  FC-16 modules (the default): digit register r (1..8) holds display
 *      row r-1 (row 0 the top), and bit 7 of its data is the leftmost of
 *      the module's 8 columns.
 *   1  generic modules: digit register r holds module column r-1 (column 0
 *      the leftmost), and bit 0 of its data is the top row.
 *
 * Frame buffer columns are as in tk_fb.h: one byte per column of 8 rows,
 * bit 0 the top row.
 */
#ifndef TK_MAX7219_LAYOUT_H
#define TK_MAX7219_LAYOUT_H

#include <stdint.h>

#ifndef TK_MAX7219_ROTATE
#define TK_MAX7219_ROTATE 0
#endif
#if TK_MAX7219_ROTATE != 0 && TK_MAX7219_ROTATE != 1
#error "TK_MAX7219_ROTATE must be 0 (FC-16 modules) or 1 (generic modules)."
#endif

/* Registers (datasheet table 2); a digit register is TK_MAX7219_DIGIT(0..7). */
#define TK_MAX7219_NOOP 0x00
#define TK_MAX7219_DIGIT(i) ((uint8_t)(0x01 + (i)))
#define TK_MAX7219_DECODE 0x09      /* 0x00: no BCD decode for any digit */
#define TK_MAX7219_INTENSITY 0x0A   /* 0..15 */
#define TK_MAX7219_SCAN_LIMIT 0x0B  /* 7: all 8 digits */
#define TK_MAX7219_SHUTDOWN 0x0C    /* 1: normal operation */
#define TK_MAX7219_TEST 0x0F        /* 0: display test off */

/* The leftmost display column shown by module m of a chain of n. */
static inline uint16_t tk_max7219_module_x(uint8_t n, uint8_t m)
{
    return (uint16_t)(8u * (uint8_t)(n - 1u - m));
}

/* The module column (0 = leftmost) lit by bit `bit` of digit register
   index d (0..7, register address d+1). */
static inline uint8_t tk_max7219_pixel_x(uint8_t d, uint8_t bit)
{
#if TK_MAX7219_ROTATE == 0
    (void)d;
    return (uint8_t)(7u - bit);
#else
    (void)bit;
    return d;
#endif
}

/* The display row (0 = top) lit by bit `bit` of digit register index d. */
static inline uint8_t tk_max7219_pixel_y(uint8_t d, uint8_t bit)
{
#if TK_MAX7219_ROTATE == 0
    (void)bit;
    return d;
#else
    (void)d;
    return bit;
#endif
}

#if TK_MAX7219_ROTATE == 0
/* Swaps the bits of a selected by mask, moved up by k, with the bits of b
   selected by mask: one step of an 8x8 bit-matrix transpose. */
#define TK_MAX7219_SWAP(a, b, k, mask) do { \
        uint8_t t_ = (uint8_t)((((a) >> (k)) ^ (b)) & (mask)); \
        (b) = (uint8_t)((b) ^ t_); \
        (a) = (uint8_t)((a) ^ (uint8_t)(t_ << (k))); \
    } while (0)
#endif

/*
 * The inverse, for the driver: the 8 digit registers' data of one module
 * from its 8 frame buffer columns, col[0] the leftmost. This runs for every
 * module of every frame that changed on an 8-bit chip, so for FC-16 modules
 * it is a transpose by block swaps (4x4 blocks, then 2x2, then single bits:
 * 12 byte-wide steps) instead of 64 single-bit moves, and for generic modules
 * a copy; the simulated-chip tests decode the result with
 * tk_max7219_pixel_x/_y, so the two must agree bit by bit.
 */
static inline void tk_max7219_module_digits(const uint8_t col[8], uint8_t digit[8])
{
#if TK_MAX7219_ROTATE == 0
    /* x[j] = col[7 - j]: then digit r, bit j (column 7 - j, the leftmost
       in bit 7) is bit r of x[j], a plain transpose of x. */
    uint8_t x0 = col[7], x1 = col[6], x2 = col[5], x3 = col[4];
    uint8_t x4 = col[3], x5 = col[2], x6 = col[1], x7 = col[0];
    TK_MAX7219_SWAP(x0, x4, 4, 0x0Fu);
    TK_MAX7219_SWAP(x1, x5, 4, 0x0Fu);
    TK_MAX7219_SWAP(x2, x6, 4, 0x0Fu);
    TK_MAX7219_SWAP(x3, x7, 4, 0x0Fu);
    TK_MAX7219_SWAP(x0, x2, 2, 0x33u);
    TK_MAX7219_SWAP(x1, x3, 2, 0x33u);
    TK_MAX7219_SWAP(x4, x6, 2, 0x33u);
    TK_MAX7219_SWAP(x5, x7, 2, 0x33u);
    TK_MAX7219_SWAP(x0, x1, 1, 0x55u);
    TK_MAX7219_SWAP(x2, x3, 1, 0x55u);
    TK_MAX7219_SWAP(x4, x5, 1, 0x55u);
    TK_MAX7219_SWAP(x6, x7, 1, 0x55u);
    digit[0] = x0; digit[1] = x1; digit[2] = x2; digit[3] = x3;
    digit[4] = x4; digit[5] = x5; digit[6] = x6; digit[7] = x7;
#else
    uint8_t c;
    for (c = 0; c < 8; c++)
        digit[c] = col[c];
#endif
}

#endif

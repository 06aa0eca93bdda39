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

/*
 * The inverse, for the driver: the 8 digit registers' data of one module
 * from its 8 frame buffer columns, col[0] the leftmost. This runs for every
 * module of every frame on an 8-bit chip, so the bit moves are written out
 * for each rotation instead of looping over tk_max7219_pixel_x/_y; the
 * host unit test test_max7219 checks that the two agree bit by bit.
 */
static inline void tk_max7219_module_digits(const uint8_t col[8], uint8_t digit[8])
{
#if TK_MAX7219_ROTATE == 0
    /* Row r of the module, leftmost column in bit 7: each column shifts
       its bit r into row r from the right. */
    uint8_t d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0;
    uint8_t c;
    for (c = 0; c < 8; c++) {
        uint8_t b = col[c];
        /* ++ rather than |= 1: an increment works on every AVR register */
        d0 = (uint8_t)(d0 << 1); if (b & 0x01u) d0++;
        d1 = (uint8_t)(d1 << 1); if (b & 0x02u) d1++;
        d2 = (uint8_t)(d2 << 1); if (b & 0x04u) d2++;
        d3 = (uint8_t)(d3 << 1); if (b & 0x08u) d3++;
        d4 = (uint8_t)(d4 << 1); if (b & 0x10u) d4++;
        d5 = (uint8_t)(d5 << 1); if (b & 0x20u) d5++;
        d6 = (uint8_t)(d6 << 1); if (b & 0x40u) d6++;
        d7 = (uint8_t)(d7 << 1); if (b & 0x80u) d7++;
    }
    digit[0] = d0; digit[1] = d1; digit[2] = d2; digit[3] = d3;
    digit[4] = d4; digit[5] = d5; digit[6] = d6; digit[7] = d7;
#else
    uint8_t c;
    for (c = 0; c < 8; c++)
        digit[c] = col[c];
#endif
}

#endif

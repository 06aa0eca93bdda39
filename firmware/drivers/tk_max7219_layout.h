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
 * The driver keeps its frame buffer in the modules' order (tk_fb.h): rows
 * of bytes, bit 7 the leftmost column, for FC-16 modules; columns of 8
 * rows, bit 0 the top row, for generic ones.
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

#endif

/*
 * avr_max7219_model.h - a chain of MAX7219 8x8 LED modules as the harness
 * sees it: bytes arrive from the SPI master while CS/LOAD is low, pass
 * through one 16-bit shift register per module, and each module latches
 * its register word when CS rises (datasheet: "Serial-Addressing Modes").
 *
 * Modelled: digit registers 1..8, decode mode (anything but 0 is counted
 * as an error: the firmware must drive raw segments), intensity, scan
 * limit (digits past it stay dark), shutdown (a shut-down module is
 * blank), display test (all LEDs on), no-op. Power-up state as the
 * datasheet gives it: shut down, scan limit 0, digits blank.
 * Not modelled: the LED multiplexing itself and the datasheet's timing
 * minimums (the harness runs SPI at the chip's real clock instead).
 */
#ifndef AVR_MAX7219_MODEL_H
#define AVR_MAX7219_MODEL_H

#include <stdint.h>

#include "tk_fb.h"

/* Longest chain: 8 columns each within the widest frame buffer. */
#define AVR_MAX7219_MAX_MODULES (TK_FB_MAX_WIDTH / 8)

typedef struct avr_max7219_module {
    uint8_t digit[8];        /* registers 0x01..0x08 */
    uint8_t decode;          /* 0x09 */
    uint8_t intensity;       /* 0x0A, 0..15 */
    uint8_t scan_limit;      /* 0x0B, 0..7 */
    uint8_t shutdown;        /* 0x0C: 0 shut down, 1 normal operation */
    uint8_t test;            /* 0x0F: 1 all LEDs on */
} avr_max7219_module;

typedef struct avr_max7219_chain {
    uint8_t modules;         /* 1..AVR_MAX7219_MAX_MODULES */
    int cs_low;              /* 1 while CS/LOAD is low */
    /* The chain's shift registers, byte 0 the one nearest DIN: module m
       holds shift[2m+1] (register address) and shift[2m] (data). */
    uint8_t shift[2 * AVR_MAX7219_MAX_MODULES];
    uint32_t shifted;        /* bytes shifted in since CS fell */
    avr_max7219_module mod[AVR_MAX7219_MAX_MODULES];
    /* What the harness reports. */
    uint32_t latches;        /* CS rising edges that latched */
    uint32_t bad_latches;    /* latches after a count of bytes other than 2 per module */
    uint32_t decode_errors;  /* writes of a non-zero decode mode */
    uint32_t bytes_ignored;  /* bytes clocked while CS was high */
} avr_max7219_chain;

/* A chain of modules (1..AVR_MAX7219_MAX_MODULES) at power-up; 0 or -1. */
int avr_max7219_init(avr_max7219_chain *c, unsigned modules);
/* One byte clocked out on MOSI (the end of an SPI transfer). */
void avr_max7219_byte(avr_max7219_chain *c, uint8_t byte);
/* CS/LOAD driven to level (0 low, 1 high); a rising edge latches. */
void avr_max7219_cs(avr_max7219_chain *c, int level);
/* What the LEDs show now, into fb (8 * modules wide, 8 rows). */
void avr_max7219_render(const avr_max7219_chain *c, tk_fb *fb);

#endif

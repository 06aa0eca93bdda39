/*
 * tk_drv_max7219.h - display driver for a chain of MAX7219 8x8 LED modules
 * on the port's SPI (tk_hal_spi_begin/_byte/_end). See tk_drv_max7219.c for the
 * datasheet and the limits, tk_max7219_layout.h for the wiring.
 *
 * Chain length (TK_MAX7219_MODULES) and module wiring (TK_MAX7219_ROTATE)
 * are set at build time; the display is 8 * TK_MAX7219_MODULES by 8.
 */
#ifndef TK_DRV_MAX7219_H
#define TK_DRV_MAX7219_H

#include <stdint.h>
#include "tk_display.h"

#ifndef TK_MAX7219_MODULES
#error "TK_MAX7219_MODULES must be set: the number of modules in the chain (1..32)."
#endif
#if TK_MAX7219_MODULES < 1 || TK_MAX7219_MODULES > 32
#error "TK_MAX7219_MODULES must be 1..32."
#endif

#define TK_MAX7219_WIDTH (8u * TK_MAX7219_MODULES)

/* The driver's state, the ctx of tk_drv_max7219_ops; one per chain. It
   keeps no copy of the frame: the frame buffer records the rows that
   changed (tk_fb.h). */
typedef struct tk_max7219 {
    uint8_t intensity;      /* 0..15 */
    uint8_t refresh_step;   /* next register to rewrite, or REFRESH_IDLE */
    uint16_t refresh_ms;    /* when the last rewrite of every register began;
                               the low 16 bits of the time are enough to
                               time a 2 s period and spare 32-bit math */
} tk_max7219;

extern const tk_display_ops tk_drv_max7219_ops;

#endif

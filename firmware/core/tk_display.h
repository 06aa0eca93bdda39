/*
 * tk_display.h - a display driver: a small table of operations chosen at
 * run time (MAX7219 chain on the board; terminal, GIF, PNG and text dump in
 * the simulator), so the same frames reach every kind of display.
 */
#ifndef TK_DISPLAY_H
#define TK_DISPLAY_H

#include <stdint.h>
#include "tk_fb.h"

typedef struct tk_display_ops {
    /* Prepares the hardware or the output for the frame size; 0 or -1. */
    int (*init)(void *ctx, uint16_t width, uint8_t height);
    /* 0 (dimmest) .. 15 (brightest). */
    void (*brightness)(void *ctx, uint8_t level);
    /* Shows fb, drawn whole, at now_ms; 0, or -1 when the output failed. */
    int (*flush)(void *ctx, const tk_fb *fb, uint32_t now_ms);
} tk_display_ops;

typedef struct tk_display {
    const tk_display_ops *ops;
    void *ctx;
} tk_display;

#endif

/*
 * sim_led.h - the look of a real LED matrix, shared by the PNG and GIF
 * writers: each display pixel becomes a scale x scale cell holding a round
 * dot (bright red with a warm core when lit, very dark red when off) with
 * black around it, so neighbouring dots are separated by a black gap.
 *
 * The picture is made of palette indices (SIM_LED_*) into sim_led_palette,
 * so both writers can store it as a small indexed image.
 */
#ifndef SIM_LED_H
#define SIM_LED_H

#include <stdint.h>
#include "tk_fb.h"

/* Largest cell edge in picture pixels; keeps a 1024-wide display under 2^16. */
#define SIM_LED_MAX_SCALE 32

enum sim_led_colour {
    SIM_LED_BG,        /* the black board between dots */
    SIM_LED_OFF_EDGE,  /* anti-aliased rim of an unlit dot */
    SIM_LED_OFF,       /* unlit dot */
    SIM_LED_ON_EDGE,   /* anti-aliased rim of a lit dot */
    SIM_LED_ON,        /* lit dot */
    SIM_LED_ON_CORE,   /* the hot centre of a lit dot */
    SIM_LED_COLOURS
};

typedef struct sim_led_rgb {
    uint8_t r, g, b;
} sim_led_rgb;

extern const sim_led_rgb sim_led_palette[SIM_LED_COLOURS];

/* The shape of one cell, computed once per scale. */
typedef struct sim_led_cell {
    unsigned scale;
    /* per cell pixel, row-major: 0 board, 1 rim, 2 body, 3 core */
    uint8_t shade[SIM_LED_MAX_SCALE * SIM_LED_MAX_SCALE];
} sim_led_cell;

/* Returns 0, or -1 when scale is not 1..SIM_LED_MAX_SCALE. */
int sim_led_cell_init(sim_led_cell *cell, unsigned scale);

/*
 * Fills out with picture row y (0 .. fb->height * scale - 1) as palette
 * indices; out holds fb->width * scale bytes.
 */
void sim_led_row(const sim_led_cell *cell, const tk_fb *fb, unsigned y, uint8_t *out);

#endif

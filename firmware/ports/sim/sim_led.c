/* sim_led.c - the LED dot picture; see sim_led.h. */
#include "sim_led.h"

const sim_led_rgb sim_led_palette[SIM_LED_COLOURS] = {
    [SIM_LED_BG] = { 0, 0, 0 },
    [SIM_LED_OFF_EDGE] = { 22, 3, 2 },
    [SIM_LED_OFF] = { 44, 6, 4 },
    [SIM_LED_ON_EDGE] = { 150, 22, 10 },
    [SIM_LED_ON] = { 255, 40, 16 },
    [SIM_LED_ON_CORE] = { 255, 150, 80 },
};

/* Sub-samples per cell pixel edge when measuring how much of it the dot covers. */
#define SUB 4

int sim_led_cell_init(sim_led_cell *cell, unsigned scale)
{
    unsigned x, y, sx, sy;
    /* A dot one pixel narrower than its cell leaves one pixel of black
     * between neighbours; work in 1/(2*SUB) pixel units to stay integral. */
    long centre = (long)scale * SUB;
    long radius = ((long)scale - 1) * SUB;
    long core = radius * 2 / 5;

    if (scale < 1 || scale > SIM_LED_MAX_SCALE)
        return -1;
    cell->scale = scale;
    for (y = 0; y < scale; y++) {
        for (x = 0; x < scale; x++) {
            unsigned hits = 0;
            long cx = (long)(2 * x + 1) * SUB - centre;
            long cy = (long)(2 * y + 1) * SUB - centre;
            uint8_t shade;
            for (sy = 0; sy < SUB; sy++) {
                for (sx = 0; sx < SUB; sx++) {
                    long dx = (long)(2 * (x * SUB + sx) + 1) - centre;
                    long dy = (long)(2 * (y * SUB + sy) + 1) - centre;
                    hits += dx * dx + dy * dy <= radius * radius;
                }
            }
            if (scale < 3)
                shade = 2; /* too small for a gap: the whole cell is the dot */
            else if (hits < SUB * SUB / 4)
                shade = 0; /* a sliver of dot reads as noise: keep the gap clean */
            else if (hits < SUB * SUB * 3 / 4)
                shade = 1;
            else if (scale >= 5 && cx * cx + cy * cy <= core * core)
                shade = 3;
            else
                shade = 2;
            cell->shade[y * scale + x] = shade;
        }
    }
    return 0;
}

void sim_led_row(const sim_led_cell *cell, const tk_fb *fb, unsigned y, uint8_t *out)
{
    static const uint8_t off[4] = { SIM_LED_BG, SIM_LED_OFF_EDGE, SIM_LED_OFF, SIM_LED_OFF };
    static const uint8_t on[4] = { SIM_LED_BG, SIM_LED_ON_EDGE, SIM_LED_ON, SIM_LED_ON_CORE };
    unsigned scale = cell->scale;
    const uint8_t *shade = &cell->shade[(y % scale) * scale];
    uint8_t fy = (uint8_t)(y / scale);
    uint16_t x;
    unsigned i;

    for (x = 0; x < fb->width; x++) {
        const uint8_t *map = tk_fb_pixel(fb, x, fy) ? on : off;
        for (i = 0; i < scale; i++)
            *out++ = map[shade[i]];
    }
}

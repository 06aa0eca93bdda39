/*
 * sim_png.h - one frame of the simulated display as a PNG picture, drawn
 * like real LEDs (see sim_led.h), as an 8-bit palette image.
 */
#ifndef SIM_PNG_H
#define SIM_PNG_H

#include <stddef.h>
#include "tk_fb.h"

/*
 * Writes fb to path, each pixel a scale x scale cell (1..SIM_LED_MAX_SCALE).
 * The file is replaced atomically. Returns 0, or -1 with a message in err.
 */
int sim_png_write(const char *path, const tk_fb *fb, unsigned scale, char *err, size_t errlen);

#endif

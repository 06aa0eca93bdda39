/*
 * sim_gif.h - records the simulated display as an animated GIF drawn like
 * real LEDs (see sim_led.h), looping forever.
 *
 * Frames are streamed to the file as they come; only the latest frame is
 * held back, so that a run of identical frames becomes one GIF image whose
 * delay is their sum. Memory stays bounded however long the recording.
 *
 * GIF delays are in 1/100 s. Each image's delay is taken from the running
 * total (rounded to the nearest 10 ms), so no time is lost or gained over
 * a recording: the GIF's total is the sum of the frame delays within 5 ms.
 * A frame that gets no time at all this way (shorter than ~5 ms) is left
 * out, its time going to the next image. A single image longer than
 * 655.35 s (the field's maximum) is repeated.
 *
 * The file is written under a temporary name and renamed when closed.
 */
#ifndef SIM_GIF_H
#define SIM_GIF_H

#include <stddef.h>
#include <stdint.h>
#include "tk_fb.h"

typedef struct sim_gif sim_gif;

/*
 * Starts a recording of a width x height display, each pixel a
 * scale x scale cell (1..SIM_LED_MAX_SCALE). The caller owns the result
 * and ends it with sim_gif_close. Returns NULL with a message in err.
 */
sim_gif *sim_gif_open(const char *path, uint16_t width, uint8_t height, unsigned scale,
                      char *err, size_t errlen);

/*
 * Appends fb, shown for delay_ms. fb must have the recording's geometry.
 * Returns 0, or -1; the first failure is kept and reported by
 * sim_gif_close, and later frames are ignored.
 */
int sim_gif_frame(sim_gif *gif, const tk_fb *fb, unsigned delay_ms);

/*
 * Writes the held-back frame (or one blank frame if none was recorded),
 * finishes the file and frees gif, which must not be used again. Returns
 * 0, or -1 with a message; on failure no file is left at the path given.
 */
int sim_gif_close(sim_gif *gif, char *err, size_t errlen);

#endif

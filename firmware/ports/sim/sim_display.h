/*
 * sim_display.h - the simulator as a display driver: one tk_display_ops
 * whose flush sends each frame to whichever outputs are switched on (live
 * terminal, animated GIF, PNG frames, text dump for tests).
 */
#ifndef SIM_DISPLAY_H
#define SIM_DISPLAY_H

#include <stddef.h>
#include <stdint.h>
#include "tk_display.h"
#include "sim_gif.h"

typedef struct sim_display {
    /* Outputs, set by the caller before init; 0/NULL/-1 means off. */
    int term_fd;            /* live view, -1 off */
    int colour;             /* live view in ANSI colour */
    const char *gif_path;   /* animated GIF recording */
    const char *png_dir;    /* PNG frames go here ... */
    unsigned png_every;     /* ... every Nth frame */
    const char *dump_dir;   /* text frames for tests */
    unsigned scale;         /* pixels of GIF/PNG per LED */
    unsigned frame_ms;      /* frame period, for GIF delays */

    /* State, owned by the driver between init and sim_display_close. */
    sim_gif *gif;
    char *term_buf;
    size_t term_cap;
    unsigned frame_index;
    uint8_t brightness;
    char err[256];          /* why the last call failed */
} sim_display;

extern const tk_display_ops sim_display_ops;

/* Finishes the GIF and frees what init took; 0, or -1 with d->err set. */
int sim_display_close(sim_display *d);

#endif

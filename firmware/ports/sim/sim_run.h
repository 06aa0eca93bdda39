/*
 * sim_run.h - the simulator's main loop: frames at a fixed rate, on a
 * simulated clock (repeatable, as fast as possible) or in real time, with
 * the host link's bytes fed to the device end between frames.
 */
#ifndef SIM_RUN_H
#define SIM_RUN_H

#include <signal.h>
#include <stdio.h>
#include <stdint.h>

#include "sim_display.h"
#include "sim_link.h"
#include "sim_script.h"
#include "tk_device.h"
#include "tk_ticker.h"

typedef struct sim_run_config {
    unsigned fps;          /* frames per second, 1..100 */
    uint64_t frames;       /* frames to run; UINT64_MAX: until stopped */
    int realtime;          /* 0: simulated clock, no sleeping */
    FILE *events;          /* one line per ticker event, or NULL */
    sim_script *script;    /* timed input bytes instead of a link, or NULL */
} sim_run_config;

/*
 * Runs until cfg->frames or *stop. dev and link may be NULL (no host).
 * Returns 0, or -1 with a message on stderr when an output failed.
 */
int sim_run(tk_ticker *t, tk_device *dev, sim_link *link, sim_display *d,
            const sim_run_config *cfg, volatile sig_atomic_t *stop);

#endif

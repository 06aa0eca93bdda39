/*
 * avr_frame_meter.h - the frame-work marker on PB0: the firmware drives it
 * high when a frame's work starts (ticker frame, render, driver flush) and
 * low when it ends. Each falling edge is one frame: its cycles are
 * measured, and what the MAX7219 chain shows then is written as a text
 * frame (sim_dump.h), stamped with the frame's nominal time, the 20 ms
 * slot its rising edge falls in.
 */
#ifndef AVR_FRAME_METER_H
#define AVR_FRAME_METER_H

#include <stddef.h>
#include <stdint.h>

#include "avr_max7219_model.h"
#include "sim_avr.h"

#define AVR_FRAME_HZ 50u
/* 16 MHz / 50 fps. */
#define AVR_FRAME_CYCLES 320000u
/*
 * A frame is late when its work takes longer than a frame period, or when
 * it starts a period or more after it was due (the previous frame's slot
 * plus 20 ms): the firmware's own rule for its telemetry. How long after
 * its due time each frame started (the 1 kHz tick and the main loop's
 * other work delay it) is reported as the start delay.
 */
typedef struct avr_frame_meter {
    avr_t *avr;
    const avr_max7219_chain *chain;   /* what a frame shows */
    const char *dump_dir;             /* text frames go here, or NULL */
    uint32_t end_ms;                  /* frames stamped at or after this are not kept */
    int high;                         /* the marker's level */
    avr_cycle_count_t rise;           /* this frame's rising edge */
    uint32_t last_t_ms;               /* the previous frame's slot, when frames > 0 */
    /* What the harness reports. */
    uint32_t frames;                  /* frames completed before end_ms */
    uint64_t work_cycles;             /* their rising-to-falling cycles, summed */
    uint32_t max_work;
    uint32_t late;
    uint32_t max_delay;               /* cycles from due time to rising edge, at most */
    uint32_t first_late_t_ms;         /* when late > 0 */
    uint32_t skipped;                 /* 20 ms slots with no frame */
    uint32_t first_t_ms;
    int failed;                       /* a dump could not be written */
    int term_fd;                      /* live view of each frame, or -1 */
    int colour;
    char *term_buf;                   /* owned: sim_term_max_bytes of the chain */
    size_t term_cap;
    char err[512];
} avr_frame_meter;

/* Also draws each frame on fd in the terminal view of ticker-sim (as ANSI
   colour when colour is 1). 0, or -1 when out of memory. */
int avr_frame_meter_show(avr_frame_meter *m, int fd, int colour, uint16_t width);
/* Frees what avr_frame_meter_show took. */
void avr_frame_meter_free(avr_frame_meter *m);

/* Watches PB0 of avr. 0, or -1 with a message in err. */
int avr_frame_meter_attach(avr_frame_meter *m, avr_t *avr, const avr_max7219_chain *chain,
                           const char *dump_dir, uint32_t end_ms, char *err, unsigned errlen);

#endif

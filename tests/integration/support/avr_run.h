/*
 * avr_run.h - what the tests of tests/avr share: running build/tools/
 * avr-harness and reading the figures it prints at exit, and writing timed
 * scripts (firmware/ports/sim/sim_script.h) of protocol frames, the input
 * both ticker-sim --script and the harness replay.
 */
#ifndef AVR_RUN_H
#define AVR_RUN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "msg.h"

#define AVR_HARNESS_PATH "build/tools/avr-harness"
#define AVR_FIRMWARE_32 "build/firmware/avr/ledticker.elf"
#define AVR_FIRMWARE_128 "build/firmware/avr-16/ledticker.elf"
/* The most payload a frame to the firmware carries: its CAPS max payload
   (TK_PROTO_FRAME_PAYLOAD in firmware/ports/avr/tk_avr_config.h). A script
   made in advance cannot read CAPS; a longer frame would be dropped. */
#define AVR_MAX_PAYLOAD 52

/* The harness's exit report, field by field. */
typedef struct avr_stats {
    unsigned long frames, first_t, last_t;
    unsigned long cycles_mean, cycles_max;
    unsigned long late, skipped, max_delay;
    unsigned long stack, stack_room;
    unsigned long overruns, rx, tx, lost;
    double spi_mean;
    unsigned long spi_min, spi_max, spi_bytes, spi_divider;
    unsigned long latches, bad_latches, decode_errors, intensity;
    unsigned long acks, naks, other;
} avr_stats;

/* Reads the harness's exit report from its output; 0, or -1 when a line
   is missing (st is then partly filled). */
int avr_parse_report(const char *out, avr_stats *st);
/*
 * Runs the harness with args (NULL-terminated, the ELF last) and fails the
 * test unless it exits 0 within timeout_ms with a complete report, which
 * goes into st; its whole output goes into out (cap bytes).
 */
void avr_run(const char *const args[], int timeout_ms, avr_stats *st, char *out, size_t cap);

/* A script being written: frames get consecutive sequence numbers. */
typedef struct avr_script {
    FILE *f;
    uint8_t seq;
} avr_script;

/* Creates path for writing; fails the test when it cannot. */
void avr_script_open(avr_script *s, const char *path);
/* Appends frame f (its seq is set here) as one burst at ms. */
void avr_script_frame(avr_script *s, uint32_t ms, tk_frame *f);
/* HELLO, CONFIG c, ITEM_PUT (every part, one burst each, 20 ms apart
   from ms on; returns the time after the last), ITEM_DEL. */
void avr_script_hello(avr_script *s, uint32_t ms);
void avr_script_config(avr_script *s, uint32_t ms, const msg_config *c);
uint32_t avr_script_put(avr_script *s, uint32_t ms, uint16_t id, int breaking, const char *text);
void avr_script_del(avr_script *s, uint32_t ms, uint16_t id);
void avr_script_close(avr_script *s);
/*
 * Every session starts alike: path created, HELLO at 10 ms, then at 30 ms
 * a CONFIG with these settings (no stale marker, no idle text).
 */
void avr_script_begin(avr_script *s, const char *path, uint16_t speed, uint16_t pause_ms,
                      uint8_t brightness, uint8_t passes, const char *separator);

#endif

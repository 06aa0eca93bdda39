/*
 * avr_cycles.c - `make bench`: the AVR firmware, as built, in the simulated
 * ATmega328P (build/tools/avr-harness), scrolling for a few simulated
 * seconds at 32x8 and 128x8, at 30 px/s (3 frames in 5 move a pixel) and at
 * 50 px/s (every frame moves one pixel, as the reference library's figure
 * is taken: one scroll step per update): CPU cycles per frame update (the PB0 marker:
 * ticker frame, render, MAX7219 flush) beside the budget and the reference
 * library's figures from the issue, the CPU share at 50 fps, late frames
 * and the stack high-water mark. Simulated cycles, so the figures do not
 * depend on the machine running the bench.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "avr_run.h"
#include "harness.h"

#define SECONDS "6"
#define F_CPU 16e6

typedef struct variant {
    const char *name;
    const char *modules;
    const char *elf;
    unsigned long budget;       /* cycles per frame update, from the issue */
    unsigned long ref_cycles;   /* the reference library's, from the issue */
    const char *ref_note;
} variant;

static const variant variants[] = {
    { "32x8", "4", AVR_FIRMWARE_32, 4000, 19209, "4.8% at ~40 fps" },
    { "128x8", "16", AVR_FIRMWARE_128, 12000, 59013, "14.7%" },
};

/* The two speeds: at 50 fps, 50 px/s moves the strip one pixel every frame. */
static const uint16_t speeds[] = { 30, 50 };

/* A session that keeps the display scrolling: two items wider than 128
   pixels at `speed` px/s, without pauses. */
static void write_script(const char *path, uint16_t speed)
{
    avr_script s;
    avr_script_begin(&s, path, speed, 0, 4, 1, " | ");
    avr_script_put(&s, 50, 1, 0, "Storm warnings issued for the coast as winds reach 120 km/h");
    avr_script_put(&s, 70, 2, 0, "Markets close higher after the central bank holds rates");
    avr_script_close(&s);
}

static double cpu_percent(unsigned long cycles)
{
    return (double)cycles * 50.0 / F_CPU * 100.0;
}

int main(void)
{
    static char out[8192];
    char dir[256], script[300];
    size_t i, k;
    int rc = 0;

    harness_tmpdir(dir, sizeof dir);
    snprintf(script, sizeof script, "%s/scroll.txt", dir);
    printf("avr_cycles: firmware in a simulated ATmega328P at 16 MHz, %s s of scrolling\n",
           SECONDS);
    printf("  %-6s %5s %7s %7s %7s %-14s %7s %-16s %5s %s\n", "size", "px/s", "mean", "max",
           "budget", "CPU% mean/max", "ref", "ref CPU%", "late", "stack");
    for (k = 0; k < sizeof speeds / sizeof speeds[0]; k++) {
        write_script(script, speeds[k]);
        for (i = 0; i < sizeof variants / sizeof variants[0]; i++) {
            const variant *v = &variants[i];
            const char *argv[] = { AVR_HARNESS_PATH, "--modules", v->modules, "--script", script,
                                   "--seconds", SECONDS, v->elf, NULL };
            avr_stats st;
            const char *note;
            if (run_capture((char *const *)argv, 120000, out, sizeof out) != 0
                || avr_parse_report(out, &st) != 0) {
                fprintf(stderr, "avr_cycles: %s: the harness failed:\n%s\n", v->name, out);
                rc = 1;
                continue;
            }
            note = st.cycles_mean > v->budget  ? "  (over budget)"
                   : st.cycles_max > v->budget ? "  (max over budget)"
                                               : "";
            printf("  %-6s %5u %7lu %7lu %7lu %5.1f/%-8.1f %7lu %-16s %5lu %lu/%lu%s\n", v->name,
                   (unsigned)speeds[k], st.cycles_mean, st.cycles_max, v->budget,
                   cpu_percent(st.cycles_mean), cpu_percent(st.cycles_max), v->ref_cycles,
                   v->ref_note, st.late, st.stack, st.stack_room, note);
        }
    }
    printf("  cycles: PB0 rising to falling edge per frame; CPU%%: cycles x 50 / 16e6;\n"
           "  ref: the reference library's figures quoted in the issue; stack: bytes used/free\n");
    harness_rmtree(dir);
    return rc;
}

/*
 * test_avr_session.c - one scripted session (HELLO, CONFIG, puts, a
 * replacement, a breaking item, a delete) replayed on ticker-sim and on
 * the AVR firmware in the simulated chip: both must show the same frames,
 * at the same times, pixel for pixel. The AVR build has 4 queue slots, so
 * the session never holds more than 4 items.
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
#include "tk_test.h"

#define SECONDS "9"
#define FRAMES 450

static char dir[256], script[300], sim_dir[300], avr_dir[300];
static frames a, b;   /* ticker-sim's and the AVR's; freed in teardown */

static int make_dir(void **state)
{
    (void)state;
    harness_tmpdir(dir, sizeof dir);
    snprintf(script, sizeof script, "%s/session.txt", dir);
    snprintf(sim_dir, sizeof sim_dir, "%s/sim", dir);
    snprintf(avr_dir, sizeof avr_dir, "%s/avr", dir);
    return 0;
}

static int remove_dir(void **state)
{
    (void)state;
    proc_kill_all();
    frames_free(&a);
    frames_free(&b);
    harness_rmtree(dir);
    return 0;
}

/* Bursts 10 ms before a frame boundary, as the conventions ask, so each
   has fully arrived before the frame that should show it in both runs. */
static void write_session(void)
{
    avr_script s;

    /* 24 px/s: the firmware's and ticker-sim's default; no stale marker */
    avr_script_begin(&s, script, 24, 1500, 4, 3, " | ");
    avr_script_put(&s, 50, 1, 0, "Alpha: rescue teams reach the valley");
    avr_script_put(&s, 70, 2, 0, "Bravo: markets open higher");
    avr_script_put(&s, 1510, 1, 0, "Alpha: all climbers safe");
    avr_script_put(&s, 3010, 9, 1, "BREAKING: storm warning");
    avr_script_del(&s, 6010, 2);
    avr_script_close(&s);
}

static void test_same_frames_as_ticker_sim(void **state)
{
    const char *sim_args[] = { "build/ticker-sim", "--script", script, "--headless",
                               "--width", "32", "--seconds", SECONDS, "--dump", sim_dir,
                               "--fps", "50", "--speed", "24", "--font", "prop8", NULL };
    const char *avr_args[] = { "--modules", "4", "--script", script, "--seconds", SECONDS,
                               "--dump", avr_dir, AVR_FIRMWARE_32, NULL };
    static char out[8192];
    const uint8_t *font = tk_test_font("prop8");
    avr_stats st;
    unsigned i, lit = 0, differ = 0;
    (void)state;

    write_session();
    assert_int_equal(run_capture((char *const *)sim_args, 60000, out, sizeof out), 0);
    avr_run(avr_args, 120000, &st, out, sizeof out);
    frames_load(&a, sim_dir);
    frames_load(&b, avr_dir);
    assert_int_equal(a.count, FRAMES);
    assert_int_equal(b.count, FRAMES);
    for (i = 0; i < FRAMES; i++) {
        assert_int_equal(a.t_ms[i], 20 * i);
        assert_int_equal(b.t_ms[i], 20 * i);
        assert_int_equal(a.fb[i].width, b.fb[i].width);
        assert_int_equal(a.fb[i].height, b.fb[i].height);
        if (memcmp(a.fb[i].px, b.fb[i].px, sizeof a.fb[i].px) != 0) {
            if (differ++ == 0)
                print_error("first difference at frame %u (t=%u ms)\n", i, a.t_ms[i]);
        }
        if (tk_fb_column(&a.fb[i], 16) != 0)
            lit++;
    }
    assert_int_equal(differ, 0);
    /* The session did what it meant to: text, the replacement, and the
       breaking item at once (24 columns of it scroll in within 1 s). */
    assert_true(lit > FRAMES / 2);
    assert_in_range(first_showing(&b, 1510, font, "Alpha: all climbers safe", 24), 1520, 8980);
    assert_in_range(first_showing(&b, 3010, font, "BREAKING: storm warning", 24), 3020, 4100);
    /* Every frame answered (HELLO with CAPS, the rest with ACK), none
       refused; nothing lost on the line. */
    assert_int_equal(st.naks, 0);
    assert_int_equal(st.acks, 6);
    assert_true(st.other >= 1);
    assert_int_equal(st.overruns, 0);
    assert_int_equal(st.late, 0);
    assert_int_equal(st.decode_errors, 0);
    assert_int_equal(st.intensity, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_frames_as_ticker_sim, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

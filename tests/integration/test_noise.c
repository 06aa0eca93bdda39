/*
 * test_noise.c - tickerd plays a playlist to ticker-sim through a noisy
 * line (bits flipped, bytes dropped and duplicated at 1e-3 and 1e-2 per
 * byte each): every item still arrives intact, no garbled item ever
 * reaches the screen, and the display's counters show the errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static char dir[256];

static const char *const items[] = {
    "Storm closes ports along the northern coast",
    "Zelenskyy meets leaders in S\xC3\xA3o Paulo; \xC5\x81\xC3\xB3" "d\xC5\xBA hosts the grain summit next week",
    "Central bank holds rates at 4.5% as inflation eases for a third month running, officials say",
    "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1: ferries cancelled",
    "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 markets close higher",
    "Cup final goes to extra time",
    "Rail strike called off after overnight talks between unions and the operator end in agreement",
    "New bridge opens to traffic",
};
#define N_ITEMS (int)(sizeof items / sizeof items[0])

static int make_dir(void **state)
{
    harness_tmpdir(dir, sizeof dir);
    *state = dir;
    write_lines(dir, "playlist", items, N_ITEMS);
    return 0;
}

/* Reads ticker-sim's closing "link: N frames, N CRC errors, ..." line. */
static unsigned long line_errors(proc *sim)
{
    char line[512];
    while (proc_read_line(sim, line, sizeof line, 3000) >= 0) {
        unsigned long good = 0, crc = 0, framing = 0, over = 0;
        const char *p = strstr(line, "link: ");
        char *end;
        if (!p)
            continue;
        good = strtoul(p + 6, &end, 10);
        crc = strtoul(strstr(end, ",") + 1, &end, 10);
        framing = strtoul(strstr(end, ",") + 1, &end, 10);
        over = strtoul(strstr(end, ",") + 1, &end, 10);
        assert_true(good > 0);
        return crc + framing + over;
    }
    fail_msg("ticker-sim printed no link summary");
    return 0;
}

static void run_with_noise(const char *rate)
{
    char sim_link[300], noisy[300], events[300], playlist[300], pty[256], relay_pty[256];
    const char *const sim_args[] = { "--width", "64", "--speed", "600", "--events", events, NULL };
    const char *relay_argv[] = { "build/tools/noise_relay", "--to", pty, "--link", noisy,
                                 "--flip", rate, "--drop", rate, "--dup", rate, "--seed", "7", NULL };
    const char *play_argv[] = { "build/tickerd", "play", "--port", noisy, "--heartbeat", "1",
                                playlist, NULL };
    proc sim, relay, play;
    long took;

    snprintf(sim_link, sizeof sim_link, "%s/display", dir);
    snprintf(noisy, sizeof noisy, "%s/noisy", dir);
    snprintf(events, sizeof events, "%s/events-%s", dir, rate);
    snprintf(playlist, sizeof playlist, "%s/playlist", dir);
    start_sim(&sim, sim_link, sim_args, pty, sizeof pty);
    proc_start(&relay, (char *const *)relay_argv, 1);
    if (proc_read_line(&relay, relay_pty, sizeof relay_pty, 5000) <= 0)
        fail_msg("the noise relay did not start");
    proc_start(&play, (char *const *)play_argv, 0);

    took = wait_all_started(events, items, N_ITEMS, 60000);
    if (took < 0)
        fail_msg("at %s noise, not every item reached the display in 60 s", rate);
    sleep_ms(4000); /* heartbeats and checks keep the line busy */
    assert_int_equal(proc_stop(&play), 0);
    assert_int_equal(proc_stop(&relay), 0);
    assert_int_equal(proc_stop(&sim) >= 0, 1);
    /* Nothing garbled was ever shown (wait_all_started checks every line). */
    assert_true(wait_all_started(events, items, N_ITEMS, 0) >= 0);
    assert_true(line_errors(&sim) > 0);
    proc_close(&sim);
    proc_close(&relay);
    print_message("noise %s: every item intact after %ld ms\n", rate, took);
}

static void test_noise_1e3(void **state) { (void)state; run_with_noise("0.001"); }
static void test_noise_1e2(void **state) { (void)state; run_with_noise("0.01"); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_noise_1e3, make_dir, harness_teardown),
        cmocka_unit_test_setup_teardown(test_noise_1e2, make_dir, harness_teardown),
    };
    return cmocka_run_group_tests_name("noise", tests, NULL, NULL);
}

/*
 * test_sim_link.c - tickerd and ticker-sim over a real pty: send, replace,
 * delete and breaking, checked in the frames the simulator dumped.
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
#include "tk_test.h"

#define MIN_COLS 40

static char dir[256], link_path[300], frames_dir[300], events[300];

static int make_dir(void **state)
{
    harness_tmpdir(dir, sizeof dir);
    *state = dir;
    snprintf(link_path, sizeof link_path, "%s/display", dir);
    snprintf(frames_dir, sizeof frames_dir, "%s/frames", dir);
    snprintf(events, sizeof events, "%s/events", dir);
    return 0;
}

/* tickerd CMD --port DISPLAY --id ID [--breaking --passes 1] [TEXT]; returns
   when it finished, in ms since t0. */
static long tickerd(uint64_t t0, const char *cmd, const char *id, int breaking, const char *text)
{
    const char *args[10] = { cmd, "--port", link_path, "--id", id };
    int n = 5;
    char out[2048];
    if (breaking) {
        args[n++] = "--breaking";
        args[n++] = "--passes";
        args[n++] = "1";
    }
    args[n++] = text;
    args[n] = NULL;
    run_tickerd(args, out, sizeof out);
    return (long)(now_ms() - t0);
}

static void test_send_replace_delete_breaking(void **state)
{
    const uint8_t *font = tk_test_font("prop8");
    const char *alpha = "Alpha: rescue teams reach the valley";
    const char *bravo = "Bravo: parliament votes on the budget";
    const char *alpha2 = "Alpha: all climbers found safe and well";
    const char *breaking = "Breaking: river bursts its banks";
    const char *const sim_args[] = { "--width", "64", "--speed", "120", "--dump", frames_dir,
                                     "--events", events, NULL };
    char pty[256];
    proc sim;
    frames f;
    uint64_t t0;
    long ta, tb, tr, td, tk, shown;
    unsigned i;
    (void)state;

    start_sim(&sim, link_path, sim_args, pty, sizeof pty);
    t0 = now_ms();
    ta = tickerd(t0, "send", "1", 0, alpha);
    sleep_ms(1500);
    tb = tickerd(t0, "send", "2", 0, bravo);
    sleep_ms(1500);
    tr = tickerd(t0, "send", "1", 0, alpha2);
    sleep_ms(3000);
    td = tickerd(t0, "delete", "2", 0, NULL);
    sleep_ms(1000);
    tk = tickerd(t0, "send", "3", 1, breaking);
    sleep_ms(3000);
    assert_int_equal(proc_stop(&sim), 0);
    proc_close(&sim);

    frames_load(&f, frames_dir);
    assert_true(f.count > 300);
    shown = first_showing(&f, 0, font, alpha, MIN_COLS);
    assert_true(shown >= 0 && shown < ta + 1000);
    assert_true(first_showing(&f, (uint32_t)tb, font, bravo, MIN_COLS) >= 0);
    /* Replaced: the new text takes the old one's place in the rotation. */
    shown = first_showing(&f, (uint32_t)tr, font, alpha2, MIN_COLS);
    assert_true(shown >= 0 && shown < tr + 5000);
    /* Deleted: gone from the screen at once. */
    for (i = 0; i < f.count; i++)
        if (f.t_ms[i] > (uint32_t)td + 300 && frame_shows(&f.fb[i], font, bravo, 20))
            fail_msg("the deleted item still shows at %u ms (deleted at %ld)", f.t_ms[i], td);
    /* Breaking pre-empts at once: on screen within a few frames. */
    shown = first_showing(&f, (uint32_t)tk, font, breaking, 8);
    assert_true(shown >= 0 && shown < tk + 600);
    frames_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_send_replace_delete_breaking, make_dir, harness_teardown),
    };
    return cmocka_run_group_tests_name("sim_link", tests, NULL, NULL);
}

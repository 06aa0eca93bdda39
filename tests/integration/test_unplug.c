/*
 * test_unplug.c - the display is pulled out mid-stream (ticker-sim killed)
 * and plugged back in (started again on the same link): tickerd keeps
 * running, reconnects, and the display has its playlist back within 2 s.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static char dir[256];

static const char *const items[] = {
    "Flood defences hold overnight",
    "Museum returns stolen paintings to their owners after a twenty-year search",
    "Transport minister resigns",
    "Heatwave warning extended to the weekend",
};
#define N_ITEMS (int)(sizeof items / sizeof items[0])

static int make_dir(void **state)
{
    harness_tmpdir(dir, sizeof dir);
    *state = dir;
    write_lines(dir, "playlist", items, N_ITEMS);
    return 0;
}

/* Reads tickerd's log until a line containing what; ms taken, or -1. */
static long wait_for_log(proc *p, const char *what, int timeout_ms)
{
    uint64_t start = now_ms();
    char line[1024];
    while ((int64_t)(now_ms() - start) < timeout_ms) {
        if (proc_read_line(p, line, sizeof line, 100) >= 0 && strstr(line, what))
            return (long)(now_ms() - start);
    }
    return -1;
}

static void test_unplug_and_replug(void **state)
{
    char link[300], events1[300], events2[300], playlist[300], pty[256], line[1024];
    const char *const sim1_args[] = { "--speed", "200", "--events", events1, NULL };
    const char *const sim2_args[] = { "--speed", "200", "--events", events2, NULL };
    const char *play_argv[] = { "build/tickerd", "play", "--port", link, playlist, NULL };
    proc sim, play;
    long back;
    (void)state;

    snprintf(link, sizeof link, "%s/display", dir);
    snprintf(events1, sizeof events1, "%s/events1", dir);
    snprintf(events2, sizeof events2, "%s/events2", dir);
    snprintf(playlist, sizeof playlist, "%s/playlist", dir);

    start_sim(&sim, link, sim1_args, pty, sizeof pty);
    proc_start(&play, (char *const *)play_argv, 2);
    assert_true(wait_for_log(&play, "items shown", 10000) >= 0);
    assert_true(wait_all_started(events1, items, N_ITEMS, 20000) >= 0);

    proc_kill(&sim); /* pulled out, mid-stream */
    proc_close(&sim);
    sleep_ms(700);
    while (proc_read_line(&play, line, sizeof line, 50) >= 0)
        ; /* what it said while the display was away */
    assert_true(kill(play.pid, 0) == 0); /* still running */

    start_sim(&sim, link, sim2_args, pty, sizeof pty);
    back = wait_for_log(&play, "items shown", 5000);
    print_message("playlist back on the display %ld ms after it was plugged in\n", back);
    /* the port is tried again at most 2 s apart (link.c), then HELLO and
       the items: a second for those on a loaded machine */
    assert_true(back >= 0 && back <= 3000);
    assert_true(wait_all_started(events2, items, N_ITEMS, 20000) >= 0);
    assert_int_equal(proc_stop(&play), 0);
    assert_true(proc_stop(&sim) >= 0);
    proc_close(&play);
    proc_close(&sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_unplug_and_replug, make_dir, harness_teardown),
    };
    return cmocka_run_group_tests_name("unplug", tests, NULL, NULL);
}

/*
 * test_demo.c - `make demo` as a new user meets it, run headless: the
 * feed server, tickerd and ticker-sim for some seconds. Headlines from
 * every demo feed reach the simulator, condensed (no tag prefixes or
 * source suffixes left), and everything shuts down cleanly.
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

static char dir[256];

static int make_dir(void **state)
{
    harness_tmpdir(dir, sizeof dir);
    *state = dir;
    return 0;
}

/*
 * 1 when some "started" line of the events file contains what; the item's
 * whole text, as the display got it, goes into text.
 */
static int started_with(const char *events, const char *what, char *text, size_t cap)
{
    FILE *f = fopen(events, "r");
    char line[2048];
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f)) {
        char *p = strstr(line, " started ");
        found = p && strstr(line, what);
        if (found && text) {
            /* "<ms> started <id> <arg> <text>" */
            p = strchr(p + 9, ' ');
            p = p ? strchr(p + 1, ' ') : NULL;
            snprintf(text, cap, "%s", p ? p + 1 : "");
            text[strcspn(text, "\n")] = 0;
        }
    }
    if (f)
        fclose(f);
    return found;
}

/* The item that started with what in its text really shows in the frames. */
static void shown_in_frames(const frames *fr, const char *events, const char *what)
{
    char text[1024];
    if (!started_with(events, what, text, sizeof text))
        fail_msg("no item with '%s' reached the display", what);
    if (first_showing(fr, 0, tk_test_font("prop8"), text, 40) < 0)
        fail_msg("'%s' was put but never showed in the frames", text);
}

static void test_demo_headless(void **state)
{
    char events[300], log[300], frames_dir[300], out[8192];
    frames fr;
    char env_seconds[] = "DEMO_SECONDS=20";
    const char *argv[] = { "/bin/sh", "tests/tools/demo.sh", "build", NULL };
    FILE *f;
    char line[1024];
    int rc, clean_stop = 0;
    (void)state;

    snprintf(events, sizeof events, "%s/events", dir);
    snprintf(log, sizeof log, "%s/tickerd.log", dir);
    snprintf(frames_dir, sizeof frames_dir, "%s/frames", dir);
    putenv(env_seconds);
    setenv("DEMO_SPEED", "400", 1); /* every item passes within the run */
    setenv("DEMO_EVENTS", events, 1);
    setenv("DEMO_LOG", log, 1);
    setenv("DEMO_DUMP", frames_dir, 1);
    rc = run_capture((char *const *)argv, 60000, out, sizeof out);
    if (rc != 0)
        fail_msg("the demo exited %d:\n%s", rc, out);

    /* One headline of each demo feed, found by the words at its core, is
       put on the display and shows in its frames. */
    frames_load(&fr, frames_dir);
    assert_true(fr.count > 500);
    shown_in_frames(&fr, events, "northern port");       /* RSS */
    shown_in_frames(&fr, events, "Bento bridge");        /* Atom */
    shown_in_frames(&fr, events, "Nordic leaders");      /* JSON Feed */
    shown_in_frames(&fr, events, "climbers");            /* the wire article */
    frames_free(&fr);
    /* Condensed: tag prefixes and source suffixes are gone. */
    assert_false(started_with(events, "UPDATE 2-", NULL, 0));
    assert_false(started_with(events, "LIVE:", NULL, 0));
    assert_false(started_with(events, "- Demo Wire", NULL, 0));

    f = fopen(log, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f))
        clean_stop |= strstr(line, "stopping") != NULL;
    fclose(f);
    assert_true(clean_stop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_demo_headless, make_dir, harness_teardown),
    };
    return cmocka_run_group_tests_name("demo", tests, NULL, NULL);
}

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

static char dir[256];

static int make_dir(void **state)
{
    (void)state;
    harness_tmpdir(dir, sizeof dir);
    return 0;
}

static int remove_dir(void **state)
{
    (void)state;
    proc_kill_all();
    harness_rmtree(dir);
    return 0;
}

/* 1 when some "started" line of the events file contains what. */
static int started_with(const char *events, const char *what)
{
    FILE *f = fopen(events, "r");
    char line[2048];
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f))
        found = strstr(line, " started ") && strstr(line, what);
    if (f)
        fclose(f);
    return found;
}

static void test_demo_headless(void **state)
{
    char events[300], log[300], out[8192];
    char env_seconds[] = "DEMO_SECONDS=20";
    const char *argv[] = { "/bin/sh", "tests/tools/demo.sh", "build", NULL };
    FILE *f;
    char line[1024];
    int rc, clean_stop = 0;
    (void)state;

    snprintf(events, sizeof events, "%s/events", dir);
    snprintf(log, sizeof log, "%s/tickerd.log", dir);
    putenv(env_seconds);
    setenv("DEMO_SPEED", "400", 1); /* every item passes within the run */
    setenv("DEMO_EVENTS", events, 1);
    setenv("DEMO_LOG", log, 1);
    rc = run_capture((char *const *)argv, 60000, out, sizeof out);
    if (rc != 0)
        fail_msg("the demo exited %d:\n%s", rc, out);

    /* One headline of each demo feed, as the feeds word them at their core. */
    assert_true(started_with(events, "northern port"));        /* RSS */
    assert_true(started_with(events, "Bento bridge"));         /* Atom */
    assert_true(started_with(events, "ferries cancelled") ||
                started_with(events, "Nordic leaders") ||
                started_with(events, "markets close higher")); /* JSON Feed */
    assert_true(started_with(events, "climbers"));             /* the wire article */
    /* Condensed: tag prefixes and source suffixes are gone. */
    assert_false(started_with(events, "UPDATE 2-"));
    assert_false(started_with(events, "LIVE:"));
    assert_false(started_with(events, "- Demo Wire"));

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
        cmocka_unit_test_setup_teardown(test_demo_headless, make_dir, remove_dir),
    };
    return cmocka_run_group_tests_name("demo", tests, NULL, NULL);
}

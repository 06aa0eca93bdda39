/*
 * test_status.c - the status file of `tickerd status`: written and read
 * back, its header checked, and what a reader says for a running daemon,
 * a missing file, a stopped daemon's file and a stale one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "harness.h"
#include "log.h"
#include "state.h"
#include "status.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    harness_tmpdir(dir, sizeof dir);
    log_verbosity = LOG_ERROR;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    harness_rmtree(dir);
    return 0;
}

static void write_status(long pid, time_t written, const char *body)
{
    state_store *s = state_open(dir);
    assert_non_null(s);
    assert_int_equal(status_write(s, pid, written, body), 0);
    state_close(s);
}

/* status_report's output for dir at now; its exit code in *rc. The caller
   frees the text. */
static char *report(const char *d, time_t now, int *rc)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    *rc = status_report(d, now, out);
    fclose(out);
    return text;
}

/* A pid that is surely not alive: a child that has exited and been reaped. */
static long dead_pid(void)
{
    pid_t p = fork();
    assert_true(p >= 0);
    if (p == 0)
        _exit(0);
    assert_int_equal(waitpid(p, NULL, 0), p);
    return (long)p;
}

static void test_round_trip(void **state)
{
    char path[128], text[256];
    const char *body;
    long pid;
    time_t written;
    FILE *f;
    size_t n;
    (void)state;

    write_status(4242, 1700000000, "Feeds: 1\n  wire: ok\n");
    snprintf(path, sizeof path, "%s/%s", dir, STATUS_FILE);
    assert_non_null(f = fopen(path, "r"));
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    assert_int_equal(status_parse(text, &pid, &written, &body), 0);
    assert_int_equal(pid, 4242);
    assert_int_equal((long long)written, 1700000000LL);
    assert_string_equal(body, "Feeds: 1\n  wire: ok\n");
}

static void test_parse_rejects(void **state)
{
    static const char *bad[] = {
        "", "hello\n", "tickerd-status 2 12 5\n", "tickerd-status 1 abc 5\n",
        "tickerd-status 1 0 5\n", "tickerd-status 1 -3 5\n", "tickerd-status 1 12 5",
        "tickerd-status 1 12\n", "tickerd-status 1 12 5x\n",
    };
    const char *body;
    long pid;
    time_t written;
    size_t i;
    (void)state;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(status_parse(bad[i], &pid, &written, &body), -1);
    assert_int_equal(status_parse("tickerd-status 1 12 5\n", &pid, &written, &body), 0);
    assert_string_equal(body, "");
}

static void test_judge(void **state)
{
    (void)state;
    assert_int_equal(status_judge(1000, 1000, 1), STATUS_RUNNING);
    assert_int_equal(status_judge(1000, 1000 + STATUS_STALE_S, 1), STATUS_RUNNING);
    assert_int_equal(status_judge(1000, 1001 + STATUS_STALE_S, 1), STATUS_STALE);
    assert_int_equal(status_judge(1000, 1000, 0), STATUS_GONE);
    assert_int_equal(status_judge(1000, 5000, 0), STATUS_GONE);
}

static void test_report_running(void **state)
{
    time_t now = time(NULL);
    char *out;
    int rc;
    (void)state;

    write_status((long)getpid(), now - 5, "Feeds: 1\n  wire: ok, 3 items\n");
    out = report(dir, now, &rc);
    assert_int_equal(rc, CMD_OK);
    assert_non_null(strstr(out, "tickerd is running"));
    assert_non_null(strstr(out, "\n  wire: ok, 3 items\n"));
    assert_null(strstr(out, "tickerd-status 1 ")); /* the header is not for people */
    free(out);
}

static void test_report_missing(void **state)
{
    char gone[96], *out;
    int rc;
    (void)state;

    out = report(dir, time(NULL), &rc);
    assert_int_equal(rc, CMD_FAIL);
    assert_non_null(strstr(out, "not running: no " STATUS_FILE));
    free(out);

    /* no directory at all: said so, and not created by asking */
    snprintf(gone, sizeof gone, "%s/none", dir);
    out = report(gone, time(NULL), &rc);
    assert_int_equal(rc, CMD_FAIL);
    assert_non_null(strstr(out, "no state directory"));
    assert_int_equal(access(gone, F_OK), -1);
    free(out);
}

static void test_report_stopped_and_stale(void **state)
{
    time_t now = time(NULL);
    char *out;
    int rc;
    (void)state;

    write_status(dead_pid(), now - 500, "Feeds: 0\n");
    out = report(dir, now, &rc);
    assert_int_equal(rc, CMD_FAIL);
    assert_non_null(strstr(out, "not running: pid"));
    assert_null(strstr(out, "Feeds:"));
    free(out);

    /* alive but silent for longer than the heartbeat allows */
    write_status((long)getpid(), now - STATUS_STALE_S - 60, "Feeds: 0\n");
    out = report(dir, now, &rc);
    assert_int_equal(rc, CMD_FAIL);
    assert_non_null(strstr(out, "stuck"));
    free(out);
}

static void test_report_not_a_status_file(void **state)
{
    char path[128], *out;
    FILE *f;
    int rc;
    (void)state;

    snprintf(path, sizeof path, "%s/%s", dir, STATUS_FILE);
    assert_non_null(f = fopen(path, "w"));
    fputs("something else\n", f);
    fclose(f);
    out = report(dir, time(NULL), &rc);
    assert_int_equal(rc, CMD_FAIL);
    assert_non_null(strstr(out, "not a status file"));
    free(out);
}

static void test_remove(void **state)
{
    state_store *s;
    char path[128];
    (void)state;

    write_status((long)getpid(), time(NULL), "x\n");
    snprintf(path, sizeof path, "%s/%s", dir, STATUS_FILE);
    assert_int_equal(access(path, F_OK), 0);
    assert_non_null(s = state_open(dir));
    status_remove(s);
    status_remove(s); /* already gone: quietly nothing */
    state_close(s);
    assert_int_equal(access(path, F_OK), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse_rejects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_judge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_running, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_stopped_and_stale, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_not_a_status_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_mqtt.c - one publisher and three display hosts sharing the playlist
 * through a real Mosquitto (support/broker.h: TLS with a test CA, a
 * password file), each display host with its own ticker-sim, the feeds on
 * the real HTTPS feed server. Items are put, replaced and deleted, breaking
 * news comes, the broker is killed and started again (losing everything it
 * held), a display host is killed and started again with an empty state:
 * after each step every display shows exactly the publisher's playlist
 * within 5 s, nothing lost and nothing stale. The password is in no log.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "broker.h"
#include "harness.h"

#define HOSTS 3
#define CONVERGE_MS 5000

static char dir[256];
static int feed_port;
static broker brk;
static proc server, pub, host[HOSTS], sim[HOSTS];
static int down[HOSTS];         /* host k is killed: not checked */

static void write_file(const char *name, const char *text)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_text(path, text);
}

/* An RSS feed of items, each "GUID|TITLE". */
static void write_feed(const char *name, const char *const items[], int n)
{
    char text[4096];
    size_t len;
    int i;
    len = (size_t)snprintf(text, sizeof text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<rss version=\"2.0\"><channel><title>%s</title>\n", name);
    for (i = 0; i < n; i++) {
        const char *bar = strchr(items[i], '|');
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "<item><title>%s</title><guid>%.*s</guid></item>\n", bar + 1,
                                (int)(bar - items[i]), items[i]);
    }
    snprintf(text + len, sizeof text - len, "</channel></rss>\n");
    write_file(name, text);
}

static void write_conf(const char *name, const char *role, const char *body)
{
    char text[2048], file[80];
    snprintf(text, sizeof text,
             "%s[mqtt]\nrole = %s\nhost = 127.0.0.1\nport = %d\nprefix = test/newsroom\n"
             "name = %s\nca_file = %s\nusername = %s\npassword = %s\nreconnect_max = 1s\n"
             "keepalive = 5s\n",
             body, role, brk.port, name, brk.ca, BROKER_USER, BROKER_PASSWORD);
    snprintf(file, sizeof file, "%s.conf", name);
    write_file(file, text);
}

static void start_tickerd(proc *p, const char *name, int fresh_state)
{
    char conf[300], state[300], log[300], cmd[700];
    char *argv[] = { "build/tickerd", "run", "-c", conf, "--state-dir", state, NULL };
    snprintf(conf, sizeof conf, "%s/%s.conf", dir, name);
    snprintf(state, sizeof state, "%s/state-%s", dir, name);
    snprintf(log, sizeof log, "%s/%s.log", dir, name);
    if (fresh_state) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", state);
        assert_int_equal(system(cmd), 0);
    }
    proc_start_logged(p, argv, log);
}

static void start_host(int k, int fresh_state)
{
    static const char *const widths[HOSTS] = { "32", "64", "128" };
    const char *const extra[] = { "--width", widths[k], NULL };
    char name[16], link[300], pty[256];
    snprintf(name, sizeof name, "d%d", k + 1);
    snprintf(link, sizeof link, "%s/link-%s", dir, name);
    if (!sim[k].pid)
        start_sim(&sim[k], link, extra, pty, sizeof pty);
    start_tickerd(&host[k], name, fresh_state);
}

static int setup(void **state)
{
    char certs[300], bdir[300], line[256], body[1024];
    char *argv[] = { "build/tools/feed-server", "--root", dir, "--dir", certs, NULL };
    int k;

    harness_tmpdir(dir, sizeof dir);
    *state = dir;
    memset(host, 0, sizeof host);
    memset(sim, 0, sizeof sim);
    memset(down, 0, sizeof down);
    snprintf(certs, sizeof certs, "%s/feed-certs", dir);
    snprintf(bdir, sizeof bdir, "%s/broker", dir);
    assert_int_equal(mkdir(bdir, 0700), 0);
    assert_int_equal(mkdir(certs, 0700), 0);
    feed_port = 0;
    proc_start(&server, argv, 1);
    while (!feed_port && proc_read_line(&server, line, sizeof line, 5000) > 0)
        if (strncmp(line, "port ", 5) == 0)
            feed_port = atoi(line + 5);
    assert_true(feed_port > 0);
    broker_start(&brk, bdir);
    snprintf(body, sizeof body,
             "[testing]\nmin_interval = 1s\n"
             "[feed wire]\nurl = https://127.0.0.1:%d/wire.xml\ninterval = 1s\n"
             "ca_file = %s/ca.pem\n"
             "[feed alerts]\nurl = https://127.0.0.1:%d/alerts.xml\ninterval = 1s\n"
             "ca_file = %s/ca.pem\nbreaking = yes\npriority = 10\n",
             feed_port, certs, feed_port, certs);
    write_conf("pub", "publisher", body);
    for (k = 0; k < HOSTS; k++) {
        char name[16];
        snprintf(name, sizeof name, "d%d", k + 1);
        snprintf(body, sizeof body, "[display wall]\nsim = %s/link-%s\n", dir, name);
        write_conf(name, "display", body);
    }
    return 0;
}

/*
 * 1 when host k's status file says its display shows exactly want[0..n)
 * ("FEED: TITLE", "BREAKING FEED: TITLE"), every text shown, nothing else;
 * else 0 with what it shows in why.
 */
static int shows(int k, const char *const want[], int n, char *why, size_t cap)
{
    char path[300], text[16384];
    const char *p;
    int found = 0, i, extra = 0;

    snprintf(path, sizeof path, "%s/state-d%d/status.txt", dir, k + 1);
    read_text(path, text, sizeof text);
    snprintf(why, cap, "d%d:\n%s", k + 1, text);
    for (p = strstr(text, "\n    "); p; p = strstr(p + 1, "\n    ")) {
        const char *entry = p + 5, *end = strchr(entry, '\n');
        size_t len;
        int hit = 0;
        if (strncmp(entry, "shown", 5) != 0) {
            extra++; /* pending or rejected */
            continue;
        }
        entry += 5;
        while (*entry == ' ')
            entry++;
        len = end ? (size_t)(end - entry) : strlen(entry);
        for (i = 0; i < n; i++)
            hit |= strlen(want[i]) == len && strncmp(entry, want[i], len) == 0;
        found += hit;
        extra += !hit;
    }
    return found == n && extra == 0;
}

/* Waits until every running host shows want; the ms it took. */
static long converge(const char *step, const char *const want[], int n)
{
    uint64_t start = now_ms();
    char why[16384];
    int k, all;
    do {
        for (k = 0, all = 1; k < HOSTS && all; k++)
            all = down[k] || shows(k, want, n, why, sizeof why);
        if (all) {
            long ms = (long)(now_ms() - start);
            print_message("mqtt: %s: every display converged in %ld ms\n", step, ms);
            return ms;
        }
        sleep_ms(100);
    } while (now_ms() - start < CONVERGE_MS);
    fail_msg("%s: not every display shows the playlist within %d ms; %s", step, CONVERGE_MS,
             why);
    return -1;
}

static void expect_in_status(const char *name, const char *what, int timeout_ms)
{
    char path[300], text[16384];
    uint64_t end = now_ms() + (uint64_t)timeout_ms;
    snprintf(path, sizeof path, "%s/state-%s/status.txt", dir, name);
    do {
        read_text(path, text, sizeof text);
        if (strstr(text, what))
            return;
        sleep_ms(100);
    } while (now_ms() < end);
    fail_msg("'%s' not in %s's status within %d ms:\n%s", what, name, timeout_ms, text);
}

static void no_password_in_logs(void)
{
    static const char *const names[] = { "pub", "d1", "d2", "d3" };
    char path[300], text[65536];
    unsigned i;
    for (i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s.log", dir, names[i]);
        read_text(path, text, sizeof text);
        assert_true(strlen(text) > 0);
        if (strstr(text, BROKER_PASSWORD))
            fail_msg("the broker password is in %s:\n%s", path, text);
    }
}

static void test_publisher_and_three_displays(void **state)
{
    static const char *const wire1[] = { "a|Rescue teams reach the flooded valley",
                                         "b|Parliament votes on the budget tonight",
                                         "c|Museum returns stolen paintings" };
    static const char *const want1[] = { "wire: Rescue teams reach the flooded valley",
                                         "wire: Parliament votes on the budget tonight",
                                         "wire: Museum returns stolen paintings" };
    static const char *const wire2[] = { "d|Transport minister resigns", wire1[0], wire1[1],
                                         wire1[2] };
    static const char *const want2[] = { "wire: Transport minister resigns", want1[0],
                                         want1[1], want1[2] };
    /* b replaced (same guid, new title), then a deleted */
    static const char *const wire3[] = { "d|Transport minister resigns",
                                         "b|Budget passes after a night of votes",
                                         "c|Museum returns stolen paintings" };
    static const char *const want3[] = { "wire: Transport minister resigns",
                                         "wire: Budget passes after a night of votes",
                                         "wire: Museum returns stolen paintings" };
    static const char *const alerts[] = { "x|Earthquake shakes the coast" };
    static const char *const want4[] = { "BREAKING alerts: Earthquake shakes the coast",
                                         want3[0], want3[1], want3[2] };
    static const char *const wire5[] = { "e|Heatwave warning extended", wire3[0], wire3[1],
                                         wire3[2] };
    static const char *const want5[] = { want4[0], "wire: Heatwave warning extended",
                                         want3[0], want3[1], want3[2] };
    static const char *const wire6[] = { wire5[0], wire5[1], wire5[3] };
    static const char *const want6[] = { want4[0], want5[1], want5[2], want5[4] };
    char why[16384];
    int k;
    (void)state;

    write_feed("wire.xml", wire1, 3);
    write_feed("alerts.xml", alerts, 0);
    start_tickerd(&pub, "pub", 1);
    for (k = 0; k < HOSTS; k++)
        start_host(k, 1);
    converge("start", want1, 3);
    expect_in_status("pub", "Display hosts seen: 3", 2000);
    expect_in_status("pub", "d3: online", 2000);

    write_feed("wire.xml", wire2, 4);
    converge("put", want2, 4);
    write_feed("wire.xml", wire3, 3);
    converge("replace and delete", want3, 3);
    write_feed("alerts.xml", alerts, 1);
    converge("breaking", want4, 4);

    /* the broker dies: the displays keep what they show; news comes meanwhile */
    broker_kill(&brk);
    write_feed("wire.xml", wire5, 4);
    sleep_ms(2000);
    for (k = 0; k < HOSTS; k++)
        if (!shows(k, want4, 4, why, sizeof why))
            fail_msg("with the broker down a display lost its playlist: %s", why);
    expect_in_status("d1", "not connected since", 1000);
    broker_restart(&brk); /* empty: no retained messages, no sessions */
    converge("broker back", want5, 5);

    /* a display host dies; its Last Will says so; it misses a deletion */
    proc_kill(&host[1]);
    down[1] = 1;
    expect_in_status("pub", "d2: offline", CONVERGE_MS);
    write_feed("wire.xml", wire6, 3);
    converge("delete while d2 is down", want6, 4);
    /* back with an empty state: the retained messages give it everything */
    down[1] = 0;
    start_host(1, 1);
    converge("d2 back with an empty state", want6, 4);
    expect_in_status("pub", "d2: online", 2000);

    for (k = 0; k < HOSTS; k++)
        assert_int_equal(proc_stop(&host[k]), 0);
    assert_int_equal(proc_stop(&pub), 0);
    no_password_in_logs();
}

/* Starts display host NAME with ca_file and password as given; fails the
   test unless it exits 1 within 15 s; its log into text. */
static void expect_refused(const char *name, const char *ca_file, const char *password,
                           char *text, size_t cap)
{
    char conf[2048], path[300];
    proc p;
    snprintf(conf, sizeof conf,
             "[display wall]\nsim = %s/link-%s\n[mqtt]\nrole = display\nhost = 127.0.0.1\n"
             "port = %d\nname = %s\nca_file = %s\nusername = %s\npassword = %s\n",
             dir, name, brk.port, name, ca_file, BROKER_USER, password);
    snprintf(path, sizeof path, "%s.conf", name);
    write_file(path, conf);
    start_tickerd(&p, name, 1);
    if (proc_wait(&p, 15000) != 1) {
        proc_kill(&p);
        snprintf(path, sizeof path, "%s/%s.log", dir, name);
        read_text(path, text, cap);
        fail_msg("%s did not stop with status 1; its log:\n%s", name, text);
    }
    proc_close(&p);
    snprintf(path, sizeof path, "%s/%s.log", dir, name);
    read_text(path, text, cap);
}

/* The issue: refuse to start when TLS is configured but verification
   fails; a refused login stops it too, and the password is never logged. */
static void test_refuses_unverified_broker_and_bad_login(void **state)
{
    char other_ca[300], text[16384];
    (void)state;
    /* the feed server's CA did not sign the broker's certificate */
    snprintf(other_ca, sizeof other_ca, "%s/feed-certs/ca.pem", dir);
    expect_refused("bad-ca", other_ca, BROKER_PASSWORD, text, sizeof text);
    if (!strstr(text, "TLS") && !strstr(text, "certificate"))
        fail_msg("no TLS reason in the log:\n%s", text);
    expect_refused("bad-login", brk.ca, "not-the-password", text, sizeof text);
    if (!strstr(text, "login refused"))
        fail_msg("no 'login refused' in the log:\n%s", text);
    assert_null(strstr(text, "not-the-password"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_publisher_and_three_displays, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_refuses_unverified_broker_and_bad_login, setup,
                                        harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

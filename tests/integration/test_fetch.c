/*
 * test_fetch.c - tickerd against the real HTTPS feed server
 * (build/tools/feed-server, mbedTLS, a CA made at start): every way a
 * server can misbehave leaves tickerd running with its last good items,
 * logs one clear line, keeps memory bounded, and the next good fetch
 * works; conditional GET sends the validators it was given, also after a
 * restart; `tickerd once --print` prints the playlist; and the items reach
 * a simulated display over a pty.
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
#include <unistd.h>

#include "harness.h"

#define SERVER "build/tools/feed-server"
#define KEY "apikey=SECRET-KEY"

static char dir[256], root[300], ca[300], reqlog[300], conf[300], state_dir[300];

#define PATH_CAP 1024
static int port, port_wronghost, port_expired, port_selfsigned;
static proc server;

static const char feed_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\"><channel><title>Test wire</title><link>https://example.org/</link>\n"
    "<item><title>Headline one: rescue teams reach the valley</title><guid>one</guid>"
    "<pubDate>Mon, 01 Jan 2024 12:00:00 GMT</pubDate></item>\n"
    "<item><title>Headline two: parliament votes on the budget</title><guid>two</guid>"
    "<pubDate>Mon, 01 Jan 2024 11:00:00 GMT</pubDate></item>\n"
    "<item><title>Headline three: river bursts its banks</title><guid>three</guid>"
    "<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>\n"
    "</channel></rss>\n";

static int setup(void **state)
{
    char certs[300], path[PATH_CAP], line[128];
    char *argv[12];
    int i;
    (void)state;
    if (access(SERVER, X_OK) != 0) {
        fprintf(stderr, "test_fetch: %s is not built; skipping\n", SERVER);
        return 0;
    }
    harness_tmpdir(dir, sizeof dir);
    snprintf(root, sizeof root, "%s/root", dir);
    snprintf(certs, sizeof certs, "%s/certs", dir);
    snprintf(ca, sizeof ca, "%s/ca.pem", dir);
    snprintf(reqlog, sizeof reqlog, "%s/requests.log", dir);
    snprintf(conf, sizeof conf, "%s/tickerd.conf", dir);
    snprintf(state_dir, sizeof state_dir, "%s/state", dir);
    snprintf(path, sizeof path, "mkdir -p '%s' '%s'", root, certs);
    assert_int_equal(system(path), 0);
    snprintf(path, sizeof path, "%s/feed.xml", root);
    write_text(path, feed_xml);
    argv[0] = SERVER;
    argv[1] = "--root";
    argv[2] = root;
    argv[3] = "--dir";
    argv[4] = certs;
    argv[5] = "--ca-out";
    argv[6] = ca;
    argv[7] = "--log";
    argv[8] = reqlog;
    argv[9] = NULL;
    proc_start(&server, argv, 1);
    for (i = 0; i < 4; i++) {
        assert_true(proc_read_line(&server, line, sizeof line, 10000) > 0);
        if (strncmp(line, "port ", 5) == 0)
            port = atoi(line + 5);
        else if (strncmp(line, "port-wronghost ", 15) == 0)
            port_wronghost = atoi(line + 15);
        else if (strncmp(line, "port-expired ", 13) == 0)
            port_expired = atoi(line + 13);
        else if (strncmp(line, "port-selfsigned ", 16) == 0)
            port_selfsigned = atoi(line + 16);
    }
    assert_true(port > 0 && port_wronghost > 0 && port_expired > 0 && port_selfsigned > 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    proc_kill_all();
    if (dir[0])
        harness_rmtree(dir);
    dir[0] = 0;
    return 0;
}

static void need_server(void)
{
    if (!dir[0])
        skip();
}

/* A config with feed "news" at path on port p, fetched every second, and
   optionally a display on a simulator's link. */
static void write_config(int p, const char *path, const char *sim_link)
{
    char text[2048];
    int n = snprintf(text, sizeof text,
                     "[testing]\nmin_interval = 1\n"
                     "[feed news]\nurl = https://127.0.0.1:%d%s?" KEY "\n"
                     "interval = 1\ntimeout = 4\nca_file = %s\n",
                     p, path, ca);
    if (sim_link)
        snprintf(text + n, sizeof text - (size_t)n, "[display wall]\nsim = %s\n", sim_link);
    write_text(conf, text);
}

/* Reads tickerd's log until a line containing want, within timeout_ms;
   fails the test on time-out, and on any line showing the secret key. */
static void expect_line(proc *t, const char *want, char *line, size_t cap, int timeout_ms)
{
    uint64_t end = now_ms() + (uint64_t)timeout_ms;
    while (now_ms() < end) {
        int n = proc_read_line(t, line, cap, (int)(end - now_ms()));
        if (n < 0)
            break;
        if (strstr(line, "SECRET"))
            fail_msg("the URL's query reached the log: %s", line);
        if (strstr(line, want))
            return;
    }
    fail_msg("tickerd did not log '%s' within %d ms", want, timeout_ms);
}

/* Lines containing what within ms. */
static int count_lines(proc *t, const char *what, int ms)
{
    uint64_t end = now_ms() + (uint64_t)ms;
    char line[1024];
    int n = 0;
    while (now_ms() < end && proc_read_line(t, line, sizeof line, (int)(end - now_ms())) >= 0)
        n += strstr(line, what) != NULL;
    return n;
}

static void start_tickerd(proc *t)
{
    char *argv[] = { "build/tickerd", "run", "-c", conf, "--state-dir", state_dir, NULL };
    proc_start(t, argv, 2);
}

static long rss_kib(pid_t pid)
{
    char path[64], buf[4096];
    const char *p;
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    read_text(path, buf, sizeof buf);
    p = strstr(buf, "VmRSS:");
    return p ? atol(p + 6) : -1;
}

static void expect_items_kept(void)
{
    char path[PATH_CAP], buf[8192];
    snprintf(path, sizeof path, "%s/playlist", state_dir);
    read_text(path, buf, sizeof buf);
    assert_non_null(strstr(buf, "Headline one"));
    assert_non_null(strstr(buf, "Headline two"));
    assert_non_null(strstr(buf, "Headline three"));
}

typedef struct bad_case {
    const char *path;
    int which;              /* 0 the good port, 1 wrong host, 2 expired, 3 self-signed */
    const char *says;       /* in the one log line */
} bad_case;

static void test_misbehaving_servers(void **state)
{
    static const bad_case cases[] = {
        { "/429/feed.xml", 0, "HTTP status 429" },
        { "/503/feed.xml", 0, "HTTP status 503" },
        { "/500/feed.xml", 0, "HTTP status 500" },
        { "/drip/feed.xml", 0, "too slow" },
        { "/stall/feed.xml", 0, "too slow" },
        { "/redirect-loop/feed.xml", 0, "redirects" },
        { "/redirect/6/feed.xml", 0, "redirects" },
        { "/redirect-file/feed.xml", 0, "file" },
        { "/redirect-ftp/feed.xml", 0, "ftp" },
        { "/huge/feed.xml", 0, "larger than" },
        { "/gzip-bomb/feed.xml", 0, "larger than" },
        { "/close-mid-body/feed.xml", 0, "failing" },
        { "/feed.xml", 1, "failing" },
        { "/feed.xml", 2, "expired" },
        { "/feed.xml", 3, "certificate" },
    };
    const int ports[] = { port, port_wronghost, port_expired, port_selfsigned };
    char line[1024];
    long rss_first = 0;
    proc t;
    size_t i;
    (void)state;
    need_server();

    write_config(port, "/feed.xml", NULL);
    start_tickerd(&t);
    expect_line(&t, "feed news: ok, 3 items", line, sizeof line, 10000);
    expect_items_kept();
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long rss;
        print_message("case %s on port %d\n", cases[i].path, cases[i].which);
        write_config(ports[cases[i].which], cases[i].path, NULL);
        kill(t.pid, SIGHUP);
        expect_line(&t, "feed news (https://127.0.0.1:", line, sizeof line, 15000);
        if (!strstr(line, "failing") || !strstr(line, cases[i].says))
            fail_msg("case %s: unclear line: %s", cases[i].path, line);
        /* retries (every 1, 2, 4 s) log nothing more */
        assert_int_equal(count_lines(&t, "feed news", 2500), 0);
        assert_int_equal(kill(t.pid, 0), 0);
        expect_items_kept();
        rss = rss_kib(t.pid);
        if (!rss_first)
            rss_first = rss;
        if (rss > 64 * 1024)
            fail_msg("case %s: tickerd's RSS grew to %ld KiB", cases[i].path, rss);
        write_config(port, i % 2 ? "/redirect/3/feed.xml" : "/feed.xml", NULL);
        kill(t.pid, SIGHUP);
        expect_line(&t, "feed news: ok again", line, sizeof line, 10000);
    }
    print_message("RSS %ld KiB after the first case, %ld KiB at the end\n", rss_first,
                  rss_kib(t.pid));
    assert_int_equal(proc_stop(&t), 0);
}

static void test_not_modified_keeps_items(void **state)
{
    char line[1024];
    proc t;
    (void)state;
    need_server();
    write_config(port, "/feed.xml", NULL);
    start_tickerd(&t);
    expect_line(&t, "feed news: ok, 3 items", line, sizeof line, 10000);
    write_config(port, "/304-noetag/feed.xml", NULL);
    kill(t.pid, SIGHUP);
    assert_int_equal(count_lines(&t, "failing", 3000), 0);
    write_config(port, "/304-etag/feed.xml", NULL);
    kill(t.pid, SIGHUP);
    assert_int_equal(count_lines(&t, "failing", 3000), 0);
    expect_items_kept();
    assert_int_equal(proc_stop(&t), 0);
}

/* The ETag the feed state holds, into out. */
static void state_etag(char *out, size_t cap)
{
    char path[PATH_CAP], buf[8192];
    const char *p;
    size_t n;
    snprintf(path, sizeof path, "%s/feed-news", state_dir);
    read_text(path, buf, sizeof buf);
    p = strstr(buf, "\netag\t");
    assert_non_null(p);
    p += 6;
    n = strcspn(p, "\n");
    assert_true(n > 0 && n < cap);
    memcpy(out, p, n);
    out[n] = 0;
}

/* Requests in the server's log for /feed.xml that sent If-None-Match: etag. */
static int conditional_requests(const char *etag)
{
    char buf[65536], want[600], esc[300];
    const char *p = buf;
    size_t i, j = 0;
    int n = 0;
    for (i = 0; etag[i] && j < sizeof esc - 2; i++) {
        if (etag[i] == '"')
            esc[j++] = '\\';
        esc[j++] = etag[i];
    }
    esc[j] = 0;
    snprintf(want, sizeof want, "\"if_none_match\":\"%s\"", esc);
    read_text(reqlog, buf, sizeof buf);
    while ((p = strstr(p, want))) {
        n++;
        p++;
    }
    return n;
}

static void test_conditional_get(void **state)
{
    char line[1024], etag[256], buf[65536];
    proc t;
    int before;
    (void)state;
    need_server();
    write_config(port, "/feed.xml", NULL);
    start_tickerd(&t);
    expect_line(&t, "feed news: ok, 3 items", line, sizeof line, 10000);
    sleep_ms(3500); /* a few more fetches, each conditional */
    state_etag(etag, sizeof etag);
    assert_true(conditional_requests(etag) >= 1);
    read_text(reqlog, buf, sizeof buf);
    assert_non_null(strstr(buf, "\"if_modified_since\":\""));
    assert_non_null(strstr(buf, "ledticker-tickerd/"));
    assert_int_equal(proc_stop(&t), 0);

    /* after a restart, the first request already carries the validators */
    before = conditional_requests(etag);
    start_tickerd(&t);
    expect_line(&t, "feed news: ok, 3 items (not modified since last run)", line, sizeof line,
                10000);
    assert_true(conditional_requests(etag) > before);
    expect_items_kept();
    assert_int_equal(proc_stop(&t), 0);
}

static void test_corrupt_state_is_not_fatal(void **state)
{
    char line[1024], path[PATH_CAP];
    proc t;
    (void)state;
    need_server();
    snprintf(path, sizeof path, "mkdir -p '%s'", state_dir);
    assert_int_equal(system(path), 0);
    snprintf(path, sizeof path, "%s/playlist", state_dir);
    write_text(path, "\x01garbage\n");
    write_config(port, "/feed.xml", NULL);
    start_tickerd(&t);
    expect_line(&t, "is corrupt", line, sizeof line, 5000);
    expect_line(&t, "feed news: ok, 3 items", line, sizeof line, 10000);
    expect_items_kept();
    assert_int_equal(proc_stop(&t), 0);
}

static void test_once_print(void **state)
{
    const char *args[] = { "once", "-c", conf, "--print", NULL };
    char out[4096];
    (void)state;
    need_server();
    write_config(port, "/feed.xml", NULL);
    run_tickerd(args, out, sizeof out);
    assert_non_null(strstr(out, "news\tHeadline one: rescue teams reach the valley\n"));
    assert_non_null(strstr(out, "news\tHeadline three: river bursts its banks\n"));
}

static void test_items_reach_the_display(void **state)
{
    const char *const titles[] = { "Headline one: rescue teams reach the valley",
                                   "Headline two: parliament votes on the budget",
                                   "Headline three: river bursts its banks" };
    char link[PATH_CAP], events[PATH_CAP], pty[256], line[1024];
    const char *sim_args[] = { "--width", "64", "--speed", "400", "--events", events, NULL };
    proc sim, t;
    (void)state;
    need_server();
    snprintf(link, sizeof link, "%s/display", dir);
    snprintf(events, sizeof events, "%s/events", dir);
    start_sim(&sim, link, sim_args, pty, sizeof pty);
    write_config(port, "/feed.xml", link);
    start_tickerd(&t);
    expect_line(&t, "feed news: ok, 3 items", line, sizeof line, 10000);
    assert_true(wait_all_started(events, titles, 3, 30000) >= 0);
    assert_int_equal(proc_stop(&t), 0);
    proc_stop(&sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_misbehaving_servers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_modified_keeps_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conditional_get, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_state_is_not_fatal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_once_print, setup, teardown),
        cmocka_unit_test_setup_teardown(test_items_reach_the_display, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_config.c - tickerd's config file: defaults, every kind of value,
 * and errors that name the file, the line, the key and what is allowed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "condense.h"
#include "config.h"
#include "playlist.h"

static char path[64];
static char errors[CONFIG_ERRORS_MAX];

/* Writes text to a fresh temporary file and loads it. */
static config *load(const char *text)
{
    int fd;
    snprintf(path, sizeof path, "/tmp/tickerd-conf-XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return config_load(path, errors, sizeof errors);
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

/* Fails unless loading failed with an error line containing each of the
   NULL-terminated fragments, starting with "FILE:LINE: ". */
/* Ends the fragments given to expect_error: a typed null, as va_arg reads it. */
#define END ((const char *)NULL)

static void expect_error(config *c, unsigned line, ...)
{
    char where[128];
    const char *frag;
    va_list ap;
    assert_null(c);
    snprintf(where, sizeof where, "%s:%u: ", path, line);
    if (!strstr(errors, where))
        fail_msg("no error at %s in:\n%s", where, errors);
    va_start(ap, line);
    while ((frag = va_arg(ap, const char *)))
        if (!strstr(errors, frag))
            fail_msg("'%s' not in:\n%s", frag, errors);
    va_end(ap);
}

static void test_defaults(void **state)
{
    config *c = load("[feed a]\nurl = https://example.org/a.xml\n");
    (void)state;
    assert_non_null(c);
    assert_int_equal(c->nfeeds, 1);
    assert_string_equal(c->feeds[0].name, "a");
    assert_int_equal(c->feeds[0].interval_s, 300);
    assert_int_equal(c->feeds[0].max_items, 10);
    assert_int_equal(c->feeds[0].max_size, 4 * 1024 * 1024);
    assert_int_equal(c->feeds[0].timeout_s, 60);
    assert_int_equal(c->feeds[0].allow_http, 0);
    assert_int_equal(c->min_interval_s, 60);
    config_free(c);
}

static void test_every_section(void **state)
{
    config *c = load("# comment\n"
                     "[display wall]\nport = /dev/ttyUSB0\nwidth = 64\nheight = 8\n"
                     "speed = 40\nbrightness = 3\nfont = prop8\nbaud = 115200\n"
                     "[display \"sim-1\"]\nsim = /tmp/link\n"
                     "[feed news]\nurl = https://n.example/f?key=1\ninterval = 2h\n"
                     "priority = -5\nmax_items = 3\nmax_age = 1d\nmax_size = 512k\n"
                     "include = vote, election\ninclude = poll\nexclude = sport\n"
                     "user_agent = wall/1.0\nallow_http = yes\nbreaking = on\ntimeout = 30s\n"
                     "pinned_pubkey = sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMwE=\n"
                     "[feed plain]\nurl = http://p.example/\nallow_http = true\n"
                     "[condense]\nmax_bytes = 75\nmax_px = 320\nfont = mono5x7\n"
                     "[playlist]\nmax_items = 20\nmax_age = 36h\ndedup = 70\n"
                     "breaking_keywords = breaking\nidle_text = No news\n");
    (void)state;
    if (!c)
        fail_msg("%s", errors);
    assert_int_equal(c->ndisplays, 2);
    assert_string_equal(c->displays[0].port, "/dev/ttyUSB0");
    assert_int_equal(c->displays[0].width, 64);
    assert_int_equal(c->displays[0].brightness, 3);
    assert_string_equal(c->displays[1].name, "sim-1");
    assert_string_equal(c->displays[1].sim, "/tmp/link");
    assert_int_equal(c->displays[1].brightness, -1);
    assert_int_equal(c->feeds[0].interval_s, 7200);
    assert_int_equal(c->feeds[0].priority, -5);
    assert_int_equal(c->feeds[0].max_age_s, 86400);
    assert_int_equal(c->feeds[0].max_size, 512 * 1024);
    assert_int_equal(c->feeds[0].timeout_s, 30);
    assert_string_equal(c->feeds[0].include, "vote, election,poll");
    assert_int_equal(c->feeds[0].breaking, 1);
    assert_int_equal(c->feeds[1].allow_http, 1);
    assert_int_equal(c->condense.max_bytes, 75);
    assert_int_equal(c->playlist.max_age_s, 36 * 3600);
    assert_int_equal(c->playlist.dedup_percent, 70);
    assert_string_equal(c->playlist.idle_text, "No news");
    assert_non_null(config_find_feed(c, "plain"));
    assert_null(config_find_feed(c, "nope"));
    config_free(c);
}

static void test_interval_too_short(void **state)
{
    (void)state;
    expect_error(load("[feed a]\nurl = https://x.example/\ninterval = 30\n"), 3, "[feed a]",
                 "interval", "at least 1m", END);
}

static void test_testing_lowers_minimum(void **state)
{
    config *c = load("[testing]\nmin_interval = 1\n[feed a]\nurl = https://x.example/\n"
                     "interval = 2\n");
    (void)state;
    assert_non_null(c);
    assert_int_equal(c->feeds[0].interval_s, 2);
    config_free(c);
}

static void test_http_needs_allow_http(void **state)
{
    (void)state;
    expect_error(load("[feed a]\n\nurl = http://x.example/\n"), 3, "[feed a] url",
                 "allow_http = yes", END);
    expect_error(load("[feed a]\nurl = ftp://x.example/\n"), 2, "url", "https://", END);
}

static void test_missing_url(void **state)
{
    (void)state;
    expect_error(load("[feed a]\n[feed b]\nurl = https://b.example/\n"), 1, "[feed a] url",
                 "missing", END);
}

static void test_bad_values_say_what_is_allowed(void **state)
{
    (void)state;
    expect_error(load("[feed a]\nurl = https://x.example/\nmax_items = 0\n"), 3,
                 "max_items: '0' is not allowed; allowed: a whole number 1..64", END);
    expect_error(load("[feed a]\nurl = https://x.example/\nallow_http = maybe\n"), 3,
                 "allow_http", "yes or no", END);
    expect_error(load("[feed a]\nurl = https://x.example/\nmax_size = 1G\n"), 3, "max_size",
                 "a size 1k..64M", END);
    expect_error(load("[feed a]\nurl = https://x.example/\nca_file = /nonexistent/ca.pem\n"),
                 3, "ca_file", "cannot read '/nonexistent/ca.pem'", END);
    expect_error(load("[feed a]\nurl = https://x.example/\npinned_pubkey = md5//abc\n"), 3,
                 "pinned_pubkey", "sha256//", END);
    expect_error(load("[display d]\nport = /dev/ttyUSB0\nbrightness = 16\n"), 3,
                 "[display d] brightness", "0..15", END);
    expect_error(load("[display d]\nport = /dev/ttyUSB0\nbaud = 9600\n"), 3, "baud",
                 "115200", END);
    expect_error(load("[playlist]\nmax_age = soon\n"), 2, "[playlist] max_age", "5m", END);
}

static void test_unknown_key_lists_keys(void **state)
{
    (void)state;
    expect_error(load("[feed a]\nurl = https://x.example/\ninterva = 5m\n"), 3,
                 "[feed a] interva: unknown key; allowed in [feed]: url, interval, priority", END);
}

static void test_sections(void **state)
{
    (void)state;
    expect_error(load("[feeds a]\nurl = https://x.example/\n"), 1, "unknown section [feeds a]",
                 "[feed NAME]", END);
    expect_error(load("[feed]\nurl = https://x.example/\n"), 1, "needs a name", END);
    expect_error(load("[feed a/b]\nurl = https://x.example/\n"), 1, "needs a name", END);
    expect_error(load("[condense x]\nmax_bytes = 5\n"), 1, "takes no name", END);
    expect_error(load("url = https://x.example/\n"), 1, "outside any section", END);
    expect_error(load("[feed a]\nurl = https://a.example/\n[feed a]\nurl = https://b.example/\n"),
                 3, "given twice (first at line 1)", END);
    expect_error(load("[display d]\nwidth = 64\n"), 1, "[display d] port",
                 "neither port nor sim", END);
}

static void test_repeated_key_and_syntax(void **state)
{
    (void)state;
    expect_error(load("[feed a]\nurl = https://a.example/\nurl = https://b.example/\n"), 3,
                 "url: given twice in this section (first at line 2", END);
    expect_error(load("[feed a]\nurl = https://a.example/\nthis is not a key\n"), 3,
                 "not understood", END);
}

static void test_long_line(void **state)
{
    char text[600];
    (void)state;
    snprintf(text, sizeof text, "[feed a]\nurl = https://a.example/%0400d\n", 0);
    expect_error(load(text), 2, "longer than", END);
}

static void test_every_error_reported(void **state)
{
    unsigned lines = 0;
    const char *p;
    (void)state;
    assert_null(load("[feed a]\nurl = https://a.example/\nmax_items = 99\npriority = 1000\n"
                     "bogus = 1\n"));
    for (p = errors; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 3);
}

static void test_mqtt_defaults_and_keys(void **state)
{
    config *c = load("[feed a]\nurl = https://a.example/\n");
    (void)state;
    assert_non_null(c);
    assert_int_equal(c->mqtt.role, CONFIG_ROLE_STANDALONE);
    assert_string_equal(c->mqtt.prefix, "ledticker");
    assert_int_equal(c->mqtt.tls, 1);
    assert_int_equal(c->mqtt.keepalive_s, 30);
    assert_true(c->mqtt.name[0] != 0);
    assert_null(strchr(c->mqtt.name, '.'));
    config_free(c);
    c = load("[display d]\nsim = /tmp/d\n[mqtt]\nrole = display\nhost = broker.example\n"
             "port = 18883\nprefix = newsroom/floor-3\nname = wall-3\nusername = ticker\n"
             "password = s3cret\nkeepalive = 1m\nreconnect_max = 5\n");
    assert_non_null(c);
    assert_int_equal(c->mqtt.role, CONFIG_ROLE_DISPLAY);
    assert_string_equal(c->mqtt.host, "broker.example");
    assert_int_equal(c->mqtt.port, 18883);
    assert_string_equal(c->mqtt.prefix, "newsroom/floor-3");
    assert_string_equal(c->mqtt.name, "wall-3");
    assert_string_equal(c->mqtt.password, "s3cret");
    assert_int_equal(c->mqtt.keepalive_s, 60);
    assert_int_equal(c->mqtt.reconnect_max_s, 5);
    assert_string_equal(config_role_name(c->mqtt.role), "display");
    config_free(c);
}

static void test_mqtt_errors(void **state)
{
    (void)state;
    expect_error(load("[mqtt]\nrole = relay\n"), 2, "[mqtt] role: 'relay' is not allowed",
                 "standalone, publisher or display", END);
    expect_error(load("[mqtt]\nrole = publisher\n"), 1, "[mqtt] host: missing", END);
    expect_error(load("[mqtt]\nhost = b.example\nprefix = news/+/x\n"), 3, "[mqtt] prefix",
                 "without '+', '#'", END);
    expect_error(load("[mqtt]\nprefix = news//x\n"), 2, "prefix", "none empty", END);
    expect_error(load("[mqtt]\nname = wall 3\n"), 2, "[mqtt] name", "letters, digits", END);
    expect_error(load("[mqtt]\npassword = x\ncredentials_file = /etc/hostname\n"), 3,
                 "[mqtt] credentials_file: given with password", "not both", END);
    expect_error(load("[mqtt]\ntls = no\nca_file = /etc/hostname\n"), 3, "ca_file",
                 "tls = yes", END);
    expect_error(load("[mqtt]\nport = 0\n"), 2, "[mqtt] port", "1..65535", END);
    expect_error(load("[mqtt]\nca_file = /nonexistent/ca.pem\n"), 2, "cannot read", END);
    expect_error(load("[mqtt]\nrole = display\nhost = b.example\n"), 2, "[mqtt] role",
                 "no [display NAME]", END);
    expect_error(load("[display d]\nsim = /tmp/d\n[feed a]\nurl = https://a.example/\n"
                      "[mqtt]\nrole = display\nhost = b.example\n"), 3,
                 "[feed a]: a tickerd with role = display fetches nothing", END);
}

static void test_missing_file(void **state)
{
    (void)state;
    assert_null(config_load("/nonexistent/tickerd.conf", errors, sizeof errors));
    assert_non_null(strstr(errors, "/nonexistent/tickerd.conf: cannot open"));
}

/* Writes text to a fresh temporary file; its path goes to out. */
static void write_temp(char *out, size_t cap, const char *text)
{
    int fd;
    snprintf(out, cap, "/tmp/tickerd-abbrev-XXXXXX");
    fd = mkstemp(out);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

static void test_abbreviations_file(void **state)
{
    char abbrev[64], conf[160], out[256];
    char title[] = "European Central Bank holds rates as Prime Minister calls for calm";
    state_item it = { 0 };
    playlist_view v;
    config *c;
    (void)state;

    write_temp(abbrev, sizeof abbrev, "# newsroom forms\nPrime Minister = PM\n"
               "European Central Bank = ECB\n");
    snprintf(conf, sizeof conf, "[condense]\nabbreviations = %s\n", abbrev);
    c = load(conf);
    if (!c)
        fail_msg("%s", errors);
    assert_non_null(c->condense.abbrev);
    assert_int_equal(c->condense.abbrev->count, 2);
    /* what the daemon's displays are given uses the file's table */
    playlist_display_view(c, NULL, NULL, &v);
    it.title = title;
    assert_true(playlist_display_text(&v, &it, out, sizeof out) > 0);
    assert_non_null(strstr(out, "ECB"));
    assert_non_null(strstr(out, "PM"));
    assert_null(strstr(out, "Central Bank"));
    config_free(c);
    unlink(path);

    /* a bad file is a config error naming both lines */
    write_temp(abbrev, sizeof abbrev, "Prime Minister = PM\nPrime Minister PM\n");
    snprintf(conf, sizeof conf, "[condense]\nabbreviations = %s\n", abbrev);
    expect_error(load(conf), 2, "[condense] abbreviations", "line 2: expected 'long form = "
                 "short form'", END);
    unlink(abbrev);
}

static void test_example_file_is_valid(void **state)
{
    config *c = config_load("host/tickerd.conf.example", errors, sizeof errors);
    (void)state;
    if (!c)
        fail_msg("%s", errors);
    assert_true(c->nfeeds >= 1);
    config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_defaults, teardown),
        cmocka_unit_test_teardown(test_every_section, teardown),
        cmocka_unit_test_teardown(test_interval_too_short, teardown),
        cmocka_unit_test_teardown(test_testing_lowers_minimum, teardown),
        cmocka_unit_test_teardown(test_http_needs_allow_http, teardown),
        cmocka_unit_test_teardown(test_missing_url, teardown),
        cmocka_unit_test_teardown(test_bad_values_say_what_is_allowed, teardown),
        cmocka_unit_test_teardown(test_unknown_key_lists_keys, teardown),
        cmocka_unit_test_teardown(test_sections, teardown),
        cmocka_unit_test_teardown(test_repeated_key_and_syntax, teardown),
        cmocka_unit_test_teardown(test_long_line, teardown),
        cmocka_unit_test_teardown(test_every_error_reported, teardown),
        cmocka_unit_test_teardown(test_abbreviations_file, teardown),
        cmocka_unit_test_teardown(test_mqtt_defaults_and_keys, teardown),
        cmocka_unit_test_teardown(test_mqtt_errors, teardown),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_example_file_is_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

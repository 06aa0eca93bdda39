/* test_transport.c - both transports over a real pty: libserialport's
   (with the modem ioctls faked, see serial_support/fake_modem.h) and the
   termios fallback that transport_open() chooses for a pty without them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "host_pty.h"
#include "serial_support/fake_modem.h"
#include "transport.h"

typedef struct pty_fixture {
    int master;
    char slave[128];
    char link[128];   /* a symlink to the slave, like ticker-sim --link */
} pty_fixture;

static int setup(void **state)
{
    static pty_fixture fx;
    fx.master = host_pty_open(fx.slave, sizeof fx.slave);
    snprintf(fx.link, sizeof fx.link, "/tmp/test_transport-%ld", (long)getpid());
    host_pty_link(fx.slave, fx.link);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    pty_fixture *fx = *state;
    if (fx->master >= 0)
        close(fx->master);
    unlink(fx->link);
    fake_modem_enable(0);
    return 0;
}

/* Reads from fd until want bytes came or a second passed. */
static size_t read_fd(int fd, uint8_t *buf, size_t want)
{
    size_t got = 0;
    int turns;
    for (turns = 0; got < want && turns < 100; turns++) {
        struct pollfd p = { fd, POLLIN, 0 };
        ssize_t n;
        poll(&p, 1, 10);
        n = read(fd, buf + got, want - got);
        if (n > 0)
            got += (size_t)n;
    }
    return got;
}

static size_t read_transport(transport *t, uint8_t *buf, size_t want)
{
    size_t got = 0;
    int turns;
    for (turns = 0; got < want && turns < 100; turns++) {
        struct pollfd p = { transport_fd(t), POLLIN, 0 };
        ssize_t n;
        poll(&p, 1, 10);
        n = transport_read(t, buf + got, want - got);
        assert_true(n >= 0);
        got += (size_t)n;
    }
    return got;
}

/* Bytes both ways, including 0x00 and 0xFF, which a cooked tty would mangle. */
static void exchange(transport *t, int master)
{
    static const uint8_t down[] = { 0x06, 0x01, 0x01, 0x01, 0xbc, 0xd8, 0x00, 0x0d, 0x0a, 0xff };
    static const uint8_t up[] = { 0x06, 0x01, 0x80, 0x02, 0x76, 0xc0, 0x00, 0x11, 0x13, 0x03 };
    uint8_t buf[sizeof down];

    assert_int_equal(transport_read(t, buf, sizeof buf), 0); /* nothing yet: no blocking */
    assert_int_equal(transport_write(t, down, sizeof down), sizeof down);
    assert_int_equal(read_fd(master, buf, sizeof down), sizeof down);
    assert_memory_equal(buf, down, sizeof down);
    assert_int_equal(write(master, up, sizeof up), sizeof up);
    assert_int_equal(read_transport(t, buf, sizeof up), sizeof up);
    assert_memory_equal(buf, up, sizeof up);
}

static void test_libserialport_opens_pty_with_fake_modem(void **state)
{
    pty_fixture *fx = *state;
    transport t;
    char err[256];

    fake_modem_enable(1);
    assert_int_equal(transport_open(&t, fx->link, err, sizeof err), 0);
    assert_ptr_equal(t.ops, &transport_serial);
    assert_true(fake_modem_calls() > 0); /* sp_open really went through the modem requests */
    exchange(&t, fx->master);
    transport_close(&t);
    assert_int_equal(transport_fd(&t), -1);
}

static void test_pty_falls_back_to_tty(void **state)
{
    pty_fixture *fx = *state;
    transport t;
    char err[256];

    fake_modem_enable(0);
    transport_init(&t);
    assert_int_not_equal(transport_serial.open(&t, fx->slave, err, sizeof err), 0);
    assert_true(err[0] != 0);
    assert_int_equal(transport_open(&t, fx->link, err, sizeof err), 0);
    assert_ptr_equal(t.ops, &transport_tty);
    exchange(&t, fx->master);
    transport_close(&t);
}

static void test_hangup_is_reported(void **state)
{
    pty_fixture *fx = *state;
    transport t;
    uint8_t buf[8];
    char err[256];
    int on;

    for (on = 1; on >= 0; on--) {
        struct pollfd p;
        fake_modem_enable(on);
        if (fx->master < 0)
            setup(state);
        assert_int_equal(transport_open(&t, fx->link, err, sizeof err), 0);
        assert_ptr_equal(t.ops, on ? &transport_serial : &transport_tty);
        close(fx->master); /* the display is unplugged */
        fx->master = -1;
        p.fd = transport_fd(&t);
        p.events = POLLIN;
        assert_int_equal(poll(&p, 1, 1000), 1);
        assert_int_equal(transport_read(&t, buf, sizeof buf), -1);
        transport_close(&t);
    }
}

static void test_missing_path_fails_without_fallback(void **state)
{
    transport t;
    char err[256] = "";
    (void)state;
    assert_int_equal(transport_open(&t, "/dev/no-such-display", err, sizeof err), -1);
    assert_non_null(strstr(err, "/dev/no-such-display"));
    assert_int_equal(transport_fd(&t), -1);
}

static void test_is_pty(void **state)
{
    pty_fixture *fx = *state;
    if (fx->master < 0)
        setup(state);
    assert_true(transport_is_pty(fx->slave));
    assert_true(transport_is_pty(fx->link)); /* through the symlink */
    assert_false(transport_is_pty("/dev/null"));
    assert_false(transport_is_pty("tests/fixtures/proto-vectors.txt"));
    assert_false(transport_is_pty("/dev/no-such-display"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_libserialport_opens_pty_with_fake_modem, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pty_falls_back_to_tty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hangup_is_reported, setup, teardown),
        cmocka_unit_test(test_missing_path_fails_without_fallback),
        cmocka_unit_test_setup_teardown(test_is_pty, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

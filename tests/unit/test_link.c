/*
 * test_link.c - the reliable link against a real display end: a pty whose
 * master side is an in-process tk_device and tk_ticker, pumped in the same
 * poll loop as the link, with real time. The link opens the pty through a
 * symlink, as it opens ticker-sim's --link.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "host_pty.h"
#include "link.h"
#include "log.h"
#include "tk_device.h"
#include "tk_test.h"

#define W 64
#define MAX_SEEN 512

/* What crossed the wire towards the display, decoded by the harness. */
typedef struct seen_frame {
    uint8_t type, seq;
    uint16_t id, offset;
} seen_frame;

typedef struct display {
    int master;                /* -1 while unplugged */
    char pts[128];
    tk_ticker ticker;
    tk_device dev;
    tk_proto_decoder mirror;   /* the harness's own reading of the host's bytes */
    seen_frame seen[MAX_SEEN];
    unsigned nseen;
    int silent;                /* hears nothing: a hung display */
    int drop_all;              /* its answers are lost on the line */
    int drop_put_offset;       /* lose the answer to the next put part at this offset, or -1 */
} display;

static display disp;
static char link_path_buf[128];
static uint32_t boot_counter = 100;

static void display_init_core(display *d)
{
    assert_int_equal(tk_ticker_init(&d->ticker, tk_test_font("prop8"), W, 8, 0), TK_OK);
    tk_device_init(&d->dev, &d->ticker, ++boot_counter);
}

static void display_plug(display *d)
{
    d->master = host_pty_open(d->pts, sizeof d->pts);
    host_pty_link(d->pts, link_path_buf);
}

static int setup(void **state)
{
    (void)state;
    log_verbosity = LOG_ERROR; /* the link's news lines are not test output */
    memset(&disp, 0, sizeof disp);
    snprintf(link_path_buf, sizeof link_path_buf, "/tmp/test_link-%ld", (long)getpid());
    display_init_core(&disp);
    tk_proto_decoder_init(&disp.mirror);
    disp.drop_put_offset = -1;
    display_plug(&disp);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (disp.master >= 0)
        close(disp.master);
    unlink(link_path_buf);
    return 0;
}

static void record(display *d, const tk_frame *f)
{
    seen_frame *s;
    if (d->nseen >= MAX_SEEN)
        return;
    s = &d->seen[d->nseen++];
    s->type = f->type;
    s->seq = f->seq;
    s->id = f->len >= 2 ? tk_get16(f->payload) : 0;
    s->offset = f->type == TK_MSG_ITEM_PUT && f->len >= TK_PUT_HEADER ? tk_get16(f->payload + 8) : 0;
}

/* Sends what the device has for the host, one frame at a time as its
   buffer holds them (dropped when the test says the line loses it). */
static void display_send(display *d)
{
    uint8_t out[TK_PROTO_MAX_WIRE];
    uint16_t k;
    for (;;) {
        tk_device_poll(&d->dev);
        k = tk_device_output(&d->dev, out, sizeof out);
        if (k == 0)
            return;
        if (!d->drop_all && !d->silent)
            assert_int_equal(write(d->master, out, k), k);
    }
}

/* Moves bytes between the pty and the device, like a port's main loop. */
static void display_pump(display *d)
{
    uint8_t buf[512], out[TK_PROTO_MAX_WIRE];
    uint32_t now = (uint32_t)clock_now_ms();
    ssize_t n, i;

    if (d->master < 0)
        return;
    while ((n = read(d->master, buf, sizeof buf)) > 0) {
        for (i = 0; i < n && !d->silent; i++) {
            tk_frame f;
            int lose = 0;
            if (tk_proto_feed(&d->mirror, buf[i], &f)) {
                record(d, &f);
                lose = f.type == TK_MSG_ITEM_PUT && d->drop_put_offset >= 0 &&
                       d->seen[d->nseen - 1].offset == (uint16_t)d->drop_put_offset;
            }
            while (!tk_device_rx(&d->dev, buf[i], now))
                display_send(d); /* the device sends before it takes more */
            if (lose) {
                tk_device_output(&d->dev, out, sizeof out); /* the answer is lost */
                d->drop_put_offset = -1;
            }
        }
    }
    display_send(d);
}

typedef int (*cond_fn)(link_conn *l);

/*
 * Runs the link and the display together until cond holds or max_ms pass;
 * 1 or 0. Fails the test when one call into the link takes long: it must
 * never block.
 */
static int run_until(link_conn *l, cond_fn cond, uint64_t max_ms)
{
    uint64_t end = clock_now_ms() + max_ms;
    while (!cond(l)) {
        struct pollfd p[2];
        int n = 0, li = -1;
        uint64_t now = clock_now_ms(), deadline = link_next_deadline_ms(l), t0;
        int timeout = 5;
        if (now >= end)
            return 0;
        if (deadline != LINK_NEVER && deadline <= now)
            timeout = 0;
        if (link_fd(l) >= 0) {
            p[n].fd = link_fd(l);
            p[n].events = link_poll_events(l);
            p[n].revents = 0;
            li = n++;
        }
        if (disp.master >= 0) {
            p[n].fd = disp.master;
            p[n].events = POLLIN;
            p[n].revents = 0;
            n++;
        }
        poll(p, (nfds_t)n, timeout);
        t0 = clock_now_ms();
        if (li >= 0 && p[li].revents)
            link_on_readable(l, t0);
        if (li >= 0 && (p[li].revents & POLLOUT))
            link_on_writable(l, clock_now_ms());
        link_on_timer(l, clock_now_ms());
        assert_true(clock_now_ms() - t0 < 100);
        display_pump(&disp);
    }
    return 1;
}

static int is_synced(link_conn *l)
{
    return link_synced(l);
}

static int is_ready(link_conn *l)
{
    return link_get_state(l) == LINK_READY;
}

static int not_ready(link_conn *l)
{
    return link_get_state(l) != LINK_READY;
}

static int display_has_three(link_conn *l)
{
    return link_synced(l) && tk_queue_live(&disp.ticker.queue) == 3;
}

static int gave_up(link_conn *l)
{
    return link_get_counters(l)->not_answering > 0;
}

static link_conn *new_link(uint32_t heartbeat_ms)
{
    link_opts o;
    link_conn *l;
    link_opts_default(&o);
    o.answer_ms = 60;
    o.max_tries = 4;
    o.backoff_min_ms = 20;
    o.backoff_max_ms = 200;
    o.heartbeat_ms = heartbeat_ms;
    o.hello_every = 1;
    o.retry_ms = 50;
    l = link_new(link_path_buf, &o);
    assert_non_null(l);
    return l;
}

static void put(link_conn *l, uint16_t id, const char *text)
{
    msg_item it = { id, 0, 0, 0, (const uint8_t *)text, (uint16_t)strlen(text) };
    assert_int_equal(link_set_item(l, &it), 0);
}

/* 1 when the display's ticker holds id with exactly text. */
static int shows(const display *d, uint16_t id, const char *text)
{
    int8_t s = tk_queue_find(&d->ticker.queue, id);
    return s >= 0 && d->ticker.queue.slot[s].len == strlen(text) &&
           memcmp(d->ticker.queue.slot[s].text, text, strlen(text)) == 0;
}

static unsigned count_seen(const display *d, unsigned from, uint8_t type)
{
    unsigned i, n = 0;
    for (i = from; i < d->nseen; i++)
        n += d->seen[i].type == type;
    return n;
}

static link_conn *connected_with_three(uint32_t heartbeat_ms)
{
    link_conn *l = new_link(heartbeat_ms);
    put(l, 1, "Alpha: first headline");
    put(l, 2, "Bravo: second headline");
    put(l, 3, "Charlie: third headline");
    link_start(l, clock_now_ms());
    assert_true(run_until(l, is_synced, 3000));
    return l;
}

static void test_hello_caps_then_playlist(void **state)
{
    link_conn *l;
    const msg_caps *caps;
    (void)state;

    l = connected_with_three(0);
    caps = link_caps(l);
    assert_non_null(caps);
    assert_int_equal(caps->width, W);
    assert_int_equal(caps->boot_id, disp.dev.boot_id);
    assert_int_equal(disp.seen[0].type, TK_MSG_HELLO);
    assert_int_equal(tk_queue_live(&disp.ticker.queue), 3);
    assert_true(shows(&disp, 1, "Alpha: first headline"));
    assert_true(shows(&disp, 2, "Bravo: second headline"));
    assert_true(shows(&disp, 3, "Charlie: third headline"));
    assert_int_equal(link_items_shown(l), 3);
    assert_int_equal(link_item_status(l, 2, NULL), LINK_ITEM_SHOWN);
    link_free(l);
}

static void test_only_differences_are_sent(void **state)
{
    link_conn *l;
    unsigned before, from;
    (void)state;

    l = connected_with_three(0);
    before = disp.dev.decoder.stats.frames;
    from = disp.nseen;
    put(l, 1, "Alpha: first headline");       /* unchanged: nothing to send */
    put(l, 2, "Bravo: the second, replaced");
    put(l, 3, "Charlie: third headline");
    assert_true(run_until(l, is_synced, 2000));
    assert_int_equal(disp.dev.decoder.stats.frames - before, 1);
    assert_int_equal(count_seen(&disp, from, TK_MSG_ITEM_PUT), 1);
    assert_int_equal(disp.seen[from].id, 2);
    assert_true(shows(&disp, 2, "Bravo: the second, replaced"));

    before = disp.dev.decoder.stats.frames;
    assert_int_equal(link_delete_item(l, 3), 0);
    assert_true(run_until(l, is_synced, 2000));
    assert_int_equal(disp.dev.decoder.stats.frames - before, 1);
    assert_true(tk_queue_find(&disp.ticker.queue, 3) < 0);
    assert_int_equal(tk_queue_live(&disp.ticker.queue), 2);
    link_free(l);
}

static void test_device_reset_gets_everything_again(void **state)
{
    link_conn *l;
    (void)state;

    l = connected_with_three(100);
    display_init_core(&disp); /* the firmware restarted: new boot id, empty queue */
    assert_int_equal(tk_queue_live(&disp.ticker.queue), 0);
    /* a periodic HELLO (every 100 ms here) shows the new boot id */
    assert_true(run_until(l, display_has_three, 3000));
    assert_int_equal(link_get_counters(l)->resets_seen, 1);
    assert_int_equal(link_caps(l)->boot_id, disp.dev.boot_id);
    assert_int_equal(tk_queue_live(&disp.ticker.queue), 3);
    assert_true(shows(&disp, 3, "Charlie: third headline"));
    link_free(l);
}

static void test_lost_answer_retransmits_and_applies_once(void **state)
{
    char text[151];
    link_conn *l;
    unsigned from, i, puts_seen = 0, distinct = 0;
    int last_seq = -1;
    uint8_t nak = 99;
    (void)state;

    l = connected_with_three(0);
    memset(text, 'x', 150);
    memcpy(text, "Delta: a long headline in three parts", 37);
    text[150] = 0;
    from = disp.nseen;
    disp.drop_put_offset = 108; /* the last part is applied, its ACK lost */
    put(l, 4, text);
    assert_true(run_until(l, is_synced, 3000));
    for (i = from; i < disp.nseen; i++) {
        if (disp.seen[i].type != TK_MSG_ITEM_PUT)
            continue;
        puts_seen++;
        distinct += disp.seen[i].seq != last_seq;
        last_seq = disp.seen[i].seq;
    }
    assert_int_equal(puts_seen, 4);  /* three parts, the last one twice */
    assert_int_equal(distinct, 3);   /* a retransmission keeps its seq */
    assert_true(link_get_counters(l)->retransmits >= 1);
    assert_int_equal(link_item_status(l, 4, &nak), LINK_ITEM_SHOWN);
    assert_int_equal(nak, 0);        /* no OUT_OF_ORDER: the part was not applied again */
    assert_true(shows(&disp, 4, text));

    /* all answers lost for a while: retransmissions, then it goes through */
    disp.drop_all = 1;
    put(l, 1, "Alpha: changed while answers are lost");
    assert_false(run_until(l, is_synced, 150));
    disp.drop_all = 0;
    assert_true(run_until(l, is_synced, 3000));
    assert_true(shows(&disp, 1, "Alpha: changed while answers are lost"));
    link_free(l);
}

static void test_silent_display_not_answering_bounded(void **state)
{
    link_conn *l;
    uint64_t t0;
    (void)state;

    disp.silent = 1;
    l = new_link(0);
    put(l, 1, "nobody hears this");
    t0 = clock_now_ms();
    link_start(l, t0);
    /* 4 tries of about 75 ms each */
    assert_true(run_until(l, gave_up, 2000));
    assert_true(clock_now_ms() - t0 < 1000);
    assert_int_equal(link_get_state(l) == LINK_READY, 0);
    assert_int_equal(link_get_counters(l)->retransmits, 3);
    assert_int_equal(link_item_status(l, 1, NULL), LINK_ITEM_PENDING);
    /* it keeps trying, and connects once the display speaks */
    disp.silent = 0;
    assert_true(run_until(l, is_synced, 3000));
    assert_true(shows(&disp, 1, "nobody hears this"));
    link_free(l);
}

static void test_unplug_backoff_and_recovery(void **state)
{
    link_conn *l;
    unsigned long attempts;
    (void)state;

    l = connected_with_three(0);
    close(disp.master); /* unplugged */
    disp.master = -1;
    assert_true(run_until(l, not_ready, 1000));
    assert_int_equal(link_fd(l) >= 0 && link_get_state(l) == LINK_OPENING, 0);
    attempts = link_get_counters(l)->open_attempts;
    assert_false(run_until(l, is_ready, 600)); /* the port is gone */
    /* backoff 20, 40, 80, 160, 200, 200 ms: a handful of tries, not hundreds */
    assert_true(link_get_counters(l)->open_attempts - attempts >= 3);
    assert_true(link_get_counters(l)->open_attempts - attempts <= 8);

    /* plugged in again: a new pty at the same path, a display with an
       empty queue but the same firmware run (no reset, just a reconnect) */
    {
        uint32_t boot = disp.dev.boot_id;
        assert_int_equal(tk_ticker_init(&disp.ticker, tk_test_font("prop8"), W, 8, 0), TK_OK);
        tk_device_init(&disp.dev, &disp.ticker, boot);
    }
    tk_proto_decoder_init(&disp.mirror);
    display_plug(&disp);
    assert_true(run_until(l, is_synced, 3000));
    assert_int_equal(link_get_counters(l)->connects, 2);
    assert_int_equal(link_get_counters(l)->resets_seen, 0);
    assert_int_equal(tk_queue_live(&disp.ticker.queue), 3);
    assert_true(shows(&disp, 2, "Bravo: second headline"));
    link_free(l);
}

static void test_playlist_bounds(void **state)
{
    static uint8_t big[LINK_ITEM_MAX_BYTES + 1];
    link_conn *l = new_link(0);
    msg_item it = { 1, 0, 0, 0, big, LINK_ITEM_MAX_BYTES + 1 };
    uint16_t id;
    (void)state;

    memset(big, 'b', sizeof big);
    assert_int_equal(link_set_item(l, &it), -1);  /* longer than the host takes */
    it.len = 0;
    assert_int_equal(link_set_item(l, &it), -1);  /* empty */
    it.len = 10;
    for (id = 0; id < LINK_MAX_ITEMS; id++) {
        it.id = id;
        assert_int_equal(link_set_item(l, &it), 0);
    }
    it.id = LINK_MAX_ITEMS;
    assert_int_equal(link_set_item(l, &it), -1);  /* the playlist is full */
    link_free(l);
}

static void test_item_longer_than_display_takes_is_skipped(void **state)
{
    static char text[TK_ITEM_MAX_BYTES + 2];
    link_conn *l;
    uint8_t nak = 0;
    (void)state;

    memset(text, 'y', TK_ITEM_MAX_BYTES + 1);
    l = connected_with_three(0);
    put(l, 9, text);
    assert_true(run_until(l, is_synced, 2000));
    assert_int_equal(link_item_status(l, 9, &nak), LINK_ITEM_REJECTED);
    assert_int_equal(nak, TK_NAK_TOO_LONG);
    assert_int_equal(link_items_rejected(l), 1);
    assert_true(tk_queue_find(&disp.ticker.queue, 9) < 0);
    link_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hello_caps_then_playlist, setup, teardown),
        cmocka_unit_test_setup_teardown(test_only_differences_are_sent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_device_reset_gets_everything_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lost_answer_retransmits_and_applies_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_silent_display_not_answering_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unplug_backoff_and_recovery, setup, teardown),
        cmocka_unit_test_setup_teardown(test_playlist_bounds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_item_longer_than_display_takes_is_skipped, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

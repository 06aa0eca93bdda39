/* test_device.c - the device end of the link: answers, idempotence, parts,
   settings and events, driven with the spec's vectors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "tk_device.h"
#include "tk_font.h"
#include "tk_test.h"
#include "tk_vectors.h"

static tk_vector vec[TK_VECTORS_MAX];
static int nvec;
static tk_ticker ticker;
static tk_device device;
static uint32_t now;
/* The device's output, decoded answer by answer. */
static tk_proto_decoder replies;
static uint8_t pending[4 * TK_PROTO_MAX_WIRE];
static uint16_t have, used;

static int setup(void **state)
{
    (void)state;
    nvec = tk_vectors_load(vec);
    return 0;
}

static int fresh(void **state)
{
    (void)state;
    now = 0;
    if (tk_ticker_init(&ticker, tk_test_font("prop8"), 32, 8, 0) != TK_OK)
        return -1;
    tk_device_init(&device, &ticker, 0xDEADBEEF);
    tk_proto_decoder_init(&replies);
    have = used = 0;
    return 0;
}

/* Takes what the device has to send (its next event too, as a port's main
   loop does) after the answers not read yet. */
static void collect(void)
{
    if (used == have)
        have = used = 0;
    tk_device_poll(&device);
    have = (uint16_t)(have + tk_device_output(&device, pending + have,
                                              (uint16_t)(sizeof pending - have)));
}

static void feed(const uint8_t *wire, uint16_t len)
{
    uint16_t i;
    for (i = 0; i < len; i++)
        while (!tk_device_rx(&device, wire[i], now))
            collect(); /* the device sends before it takes more */
}

static void feed_vector(const char *name)
{
    const tk_vector *v = tk_vector_named(vec, nvec, name);
    feed(v->wire, v->wire_len);
}

static void send_frame(uint8_t type, uint8_t seq, const uint8_t *payload, uint8_t len)
{
    tk_frame f;
    uint8_t wire[TK_PROTO_MAX_WIRE];
    f.version = 1;
    f.type = type;
    f.seq = seq;
    f.len = len;
    if (len)
        memcpy(f.payload, payload, len);
    feed(wire, tk_proto_encode(&f, wire));
}

/* Decodes the device's next answer; fails when there is none. */
static tk_frame next_reply(void)
{
    tk_frame f;
    if (used == have)
        collect();
    while (used < have)
        if (tk_proto_feed(&replies, pending[used++], &f))
            return f;
    fail_msg("the device sent no answer");
    memset(&f, 0, sizeof f);
    return f;
}

static void expect_ack(uint8_t seq)
{
    tk_frame f = next_reply();
    assert_int_equal(f.type, TK_MSG_ACK);
    assert_int_equal(f.seq, seq);
}

static void expect_nak(uint8_t seq, uint8_t reason)
{
    tk_frame f = next_reply();
    assert_int_equal(f.type, TK_MSG_NAK);
    assert_int_equal(f.seq, seq);
    assert_int_equal(f.len, 1);
    assert_int_equal(f.payload[0], reason);
}

static const tk_item *item(uint16_t id)
{
    int8_t slot = tk_queue_find(&ticker.queue, id);
    return slot >= 0 ? &ticker.queue.slot[slot] : NULL;
}

static void test_hello_answers_caps(void **state)
{
    tk_frame f;
    (void)state;
    feed_vector("hello");
    f = next_reply();
    assert_int_equal(f.type, TK_MSG_CAPS);
    assert_int_equal(f.seq, 1);
    assert_int_equal(f.len, 19);
    assert_int_equal(f.payload[0], TK_PROTO_VERSION);
    assert_int_equal(tk_get16(f.payload + 1), 32);
    assert_int_equal(f.payload[3], 8);
    assert_int_equal(tk_get32(f.payload + 5), tk_font_coverage(ticker.font));
    assert_int_equal(f.payload[11], TK_QUEUE_SLOTS);
    assert_int_equal(tk_get16(f.payload + 12), TK_ITEM_MAX_BYTES);
    assert_int_equal(f.payload[14], TK_PROTO_MAX_PAYLOAD);
    assert_int_equal(tk_get32(f.payload + 15), 0xDEADBEEF);
}

static void test_put_answers_the_ack_vector(void **state)
{
    const tk_vector *ack = tk_vector_named(vec, nvec, "ack");
    uint8_t out[64];
    (void)state;
    feed_vector("put_hello");
    assert_int_equal(tk_device_output(&device, out, sizeof out), ack->wire_len);
    assert_memory_equal(out, ack->wire, ack->wire_len);
    assert_non_null(item(7));
    assert_memory_equal(item(7)->text, "Hello", 5);
}

static void test_breaking_put_and_delete(void **state)
{
    (void)state;
    feed_vector("put_breaking");
    expect_ack(3);
    assert_non_null(item(9));
    assert_int_equal(item(9)->repeat_left, 2);
    assert_true(item(9)->has_ttl);
    feed_vector("put_hello");
    expect_ack(2);
    feed_vector("del");
    expect_ack(4);
    assert_null(item(7));
    send_frame(TK_MSG_ITEM_DEL, 9, (const uint8_t *)"\x07\x00", 2);
    expect_ack(9); /* deleting what is gone is done */
    assert_non_null(item(9));
    feed_vector("clear");
    expect_ack(5);
    assert_null(item(9));
}

/* The header of ITEM_PUT: id, flags, passes, ttl, total, offset. */
static uint8_t put_header(uint8_t *p, uint16_t id, uint16_t total, uint16_t offset)
{
    tk_put16(p, id);
    p[2] = 0;
    p[3] = 0;
    tk_put16(p + 4, 0);
    tk_put16(p + 6, total);
    tk_put16(p + 8, offset);
    return TK_PUT_HEADER;
}

static void test_parts_show_only_when_whole(void **state)
{
    char text[150];
    uint8_t payload[TK_PROTO_MAX_PAYLOAD];
    uint16_t off = 0;
    uint8_t seq = 10;
    (void)state;
    memset(text, 'a', sizeof text);
    memcpy(text, "Long headline in parts: ", 24);
    while (off < sizeof text) {
        uint8_t part = (uint8_t)(sizeof text - off < TK_PUT_MAX_PART ? sizeof text - off : TK_PUT_MAX_PART);
        uint8_t h = put_header(payload, 42, sizeof text, off);
        memcpy(payload + h, text + off, part);
        send_frame(TK_MSG_ITEM_PUT, seq, payload, (uint8_t)(h + part));
        expect_ack(seq);
        if (off == 0) {
            /* A retransmitted part is answered again but not appended twice. */
            send_frame(TK_MSG_ITEM_PUT, seq, payload, (uint8_t)(h + part));
            expect_ack(seq);
        }
        off = (uint16_t)(off + part);
        seq++;
        if (off < sizeof text)
            assert_null(item(42));
    }
    assert_non_null(item(42));
    assert_int_equal(item(42)->len, sizeof text);
    assert_memory_equal(item(42)->text, text, sizeof text);
}

static void test_bad_frames_get_naks(void **state)
{
    uint8_t payload[TK_PROTO_MAX_PAYLOAD];
    tk_frame f;
    uint8_t wire[TK_PROTO_MAX_WIRE];
    uint8_t h;
    (void)state;
    /* Out of order: a middle part with nothing being assembled. */
    h = put_header(payload, 1, 100, 54);
    send_frame(TK_MSG_ITEM_PUT, 1, payload, (uint8_t)(h + 10));
    expect_nak(1, TK_NAK_OUT_OF_ORDER);
    /* Too long for the device. */
    h = put_header(payload, 1, TK_ITEM_MAX_BYTES + 1, 0);
    send_frame(TK_MSG_ITEM_PUT, 2, payload, (uint8_t)(h + 10));
    expect_nak(2, TK_NAK_TOO_LONG);
    send_frame(TK_MSG_ITEM_PUT, 3, payload, 4);
    expect_nak(3, TK_NAK_BAD_LENGTH);
    send_frame(0x55, 4, NULL, 0);
    expect_nak(4, TK_NAK_BAD_TYPE);
    send_frame(TK_MSG_ITEM_DEL, 5, payload, 3);
    expect_nak(5, TK_NAK_BAD_LENGTH);
    f.version = 2;
    f.type = TK_MSG_HELLO;
    f.seq = 6;
    f.len = 0;
    feed(wire, tk_proto_encode(&f, wire));
    expect_nak(6, TK_NAK_BAD_VERSION);
}

static void test_config_vector_applies_settings(void **state)
{
    uint8_t bad[16] = { 0 };
    (void)state;
    feed_vector("config");
    expect_ack(6);
    assert_int_equal(ticker.set.speed, 30);
    assert_int_equal(ticker.set.pause_ms, 1500);
    assert_int_equal(ticker.set.brightness, 4);
    assert_int_equal(ticker.set.breaking_passes, 3);
    assert_int_equal(ticker.set.stale_s, 30);
    assert_int_equal(ticker.separator_len, 3);
    assert_memory_equal(ticker.separator, " | ", 3);
    assert_memory_equal(ticker.idle, "idle", 4);
    /* Speed 0 is outside 1..1000: refused, settings unchanged. */
    bad[5] = 3;
    send_frame(TK_MSG_CONFIG, 7, bad, 12);
    expect_nak(7, TK_NAK_INVALID);
    assert_int_equal(ticker.set.speed, 30);
}

static void test_events_and_telemetry(void **state)
{
    tk_fb fb;
    tk_frame f;
    int started = 0, i;
    (void)state;
    feed_vector("put_hello");
    expect_ack(2);
    tk_fb_init(&fb, 32, 8);
    for (now = 20; now < 200; now += 20)
        tk_ticker_frame(&ticker, now, &fb);
    tk_device_poll(&device);
    for (i = 0; i < 3; i++) {
        f = next_reply();
        if (f.type == TK_MSG_EVENT && f.payload[0] == TK_EVENT_ITEM_STARTED &&
            tk_get16(f.payload + 1) == 7) {
            started = 1;
            break;
        }
    }
    assert_true(started);
    feed((const uint8_t *)"\x01\x02\x03\x00", 4); /* noise: a framing error */
    expect_nak(TK_PROTO_SEQ_NONE, TK_NAK_BAD_FRAME); /* said at once */
    feed_vector("query");
    f = next_reply();
    assert_int_equal(f.type, TK_MSG_TELEMETRY);
    assert_int_equal(f.len, 30);
    assert_int_equal(tk_get32(f.payload + 4), ticker.stats.frames);
    assert_true(tk_get16(f.payload + 18) + tk_get16(f.payload + 20) >= 1);
    assert_int_equal(f.payload[26], 1); /* live items */
}

static void test_heartbeat_clears_stale(void **state)
{
    (void)state;
    ticker.set.stale_s = 1;
    now = 5000;
    assert_true(tk_ticker_is_stale(&ticker, now));
    feed_vector("heartbeat");
    expect_ack(7);
    assert_false(tk_ticker_is_stale(&ticker, now));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_hello_answers_caps, fresh),
        cmocka_unit_test_setup(test_put_answers_the_ack_vector, fresh),
        cmocka_unit_test_setup(test_breaking_put_and_delete, fresh),
        cmocka_unit_test_setup(test_parts_show_only_when_whole, fresh),
        cmocka_unit_test_setup(test_bad_frames_get_naks, fresh),
        cmocka_unit_test_setup(test_config_vector_applies_settings, fresh),
        cmocka_unit_test_setup(test_events_and_telemetry, fresh),
        cmocka_unit_test_setup(test_heartbeat_clears_stale, fresh),
    };
    return cmocka_run_group_tests_name("device", tests, setup, NULL);
}

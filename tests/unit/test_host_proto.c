/* test_host_proto.c - the host's messages: it builds exactly the bytes of
   every host-to-device vector of tests/fixtures/proto-vectors.txt, reads
   the device-to-host ones, and splits a long item into parts that a real
   tk_device puts back together. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "msg.h"
#include "tk_device.h"
#include "tk_test.h"
#include "tk_vectors.h"

static tk_vector vec[TK_VECTORS_MAX];
static int nvec;

static int setup(void **state)
{
    (void)state;
    nvec = tk_vectors_load(vec);
    return nvec >= 11 ? 0 : -1;
}

static void assert_wire(const tk_frame *f, const char *name)
{
    const tk_vector *v = tk_vector_named(vec, nvec, name);
    uint8_t wire[TK_PROTO_MAX_WIRE];
    uint16_t n = tk_proto_encode(f, wire);
    if (n != v->wire_len || memcmp(wire, v->wire, n) != 0)
        fail_msg("the host builds vector %s differently", name);
}

/* Each host-to-device vector, built from its meaning rather than its bytes. */
static void test_host_builds_every_vector(void **state)
{
    static const char *const names[] = { "hello", "put_hello", "put_breaking", "del", "clear",
                                         "config", "heartbeat", "query" };
    msg_item hello = { 7, 0, 0, 0, (const uint8_t *)"Hello", 5 };
    msg_item quake = { 9, TK_PUT_BREAKING, 2, 60, (const uint8_t *)"Quake!", 6 };
    msg_config cfg;
    tk_frame f;
    int i, j, host_vectors = 0;
    (void)state;

    msg_empty(&f, TK_MSG_HELLO, 1);
    assert_wire(&f, "hello");
    assert_int_equal(msg_put_part(&f, 2, &hello, 0, TK_PUT_MAX_PART), 5);
    assert_wire(&f, "put_hello");
    assert_int_equal(msg_put_part(&f, 3, &quake, 0, TK_PUT_MAX_PART), 6);
    assert_wire(&f, "put_breaking");
    msg_del(&f, 4, 7);
    assert_wire(&f, "del");
    msg_empty(&f, TK_MSG_CLEAR, 5);
    assert_wire(&f, "clear");
    memset(&cfg, 0, sizeof cfg);
    cfg.speed = 30;
    cfg.pause_ms = 1500;
    cfg.brightness = 4;
    cfg.passes = 3;
    cfg.stale_s = 30;
    memcpy(cfg.separator, " | ", 3);
    cfg.separator_len = 3;
    memcpy(cfg.idle, "idle", 4);
    cfg.idle_len = 4;
    assert_int_equal(msg_config_frame(&f, 6, &cfg), 0);
    assert_wire(&f, "config");
    msg_empty(&f, TK_MSG_HEARTBEAT, 7);
    assert_wire(&f, "heartbeat");
    msg_empty(&f, TK_MSG_QUERY, 8);
    assert_wire(&f, "query");

    /* every host-to-device vector in the file was built above */
    for (i = 0; i < nvec; i++) {
        int named = 0;
        if (vec[i].frame.type >= 0x80)
            continue;
        host_vectors++;
        for (j = 0; j < (int)(sizeof names / sizeof names[0]); j++)
            named |= strcmp(vec[i].name, names[j]) == 0;
        if (!named)
            fail_msg("vector %s is not built by this test", vec[i].name);
    }
    assert_int_equal(host_vectors, 8);
}

static void test_config_too_long_is_refused(void **state)
{
    msg_config cfg;
    tk_frame f = { 0 };
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.separator_len = MSG_SEPARATOR_MAX + 1;
    assert_int_equal(msg_config_frame(&f, 1, &cfg), -1);
}

/* Decodes vector name's wire bytes as the host's link does. */
static tk_frame decode(const char *name)
{
    const tk_vector *v = tk_vector_named(vec, nvec, name);
    tk_proto_decoder d;
    tk_frame f = { 0 };
    int got = 0;
    uint16_t i;
    tk_proto_decoder_init(&d);
    for (i = 0; i < v->wire_len; i++)
        got += tk_proto_feed(&d, v->wire[i], &f);
    assert_int_equal(got, 1);
    return f;
}

static void test_host_reads_device_vectors(void **state)
{
    tk_frame f;
    msg_event ev;
    (void)state;

    f = decode("ack");
    assert_int_equal(f.type, TK_MSG_ACK);
    assert_int_equal(f.seq, 2);
    f = decode("nak_full");
    assert_int_equal(f.type, TK_MSG_NAK);
    assert_int_equal(f.payload[0], TK_NAK_FULL);
    assert_string_equal(msg_nak_name(f.payload[0]), "queue full");
    f = decode("event_started");
    assert_int_equal(msg_parse_event(&f, &ev), 0);
    assert_int_equal(ev.kind, TK_EVENT_ITEM_STARTED);
    assert_int_equal(ev.id, 7);
    assert_int_equal(ev.arg, 0);
    assert_int_equal(msg_parse_caps(&f, &(msg_caps){ 0 }), -1); /* an EVENT is no CAPS */
}

/* Runs frame f through dev and returns the one answer it gives. */
static tk_frame device_answer(tk_device *dev, const tk_frame *f)
{
    uint8_t wire[TK_PROTO_MAX_WIRE], out[TK_PROTO_MAX_WIRE];
    uint16_t n = tk_proto_encode(f, wire), i, k;
    tk_proto_decoder d;
    tk_frame r = { 0 };
    int got = 0;
    for (i = 0; i < n; i++)
        tk_device_rx(dev, wire[i], 0);
    k = tk_device_output(dev, out, sizeof out);
    tk_proto_decoder_init(&d);
    for (i = 0; i < k; i++)
        got += tk_proto_feed(&d, out[i], &r);
    assert_int_equal(got, 1);
    assert_int_equal(r.seq, f->seq);
    return r;
}

static void test_caps_and_telemetry_from_a_device(void **state)
{
    static tk_ticker ticker;
    static tk_device dev;
    msg_caps caps;
    msg_telemetry tel;
    tk_frame f, r;
    (void)state;

    assert_int_equal(tk_ticker_init(&ticker, tk_test_font("prop8"), 64, 8, 0), TK_OK);
    tk_device_init(&dev, &ticker, 0xC0FFEE01u);
    msg_empty(&f, TK_MSG_HELLO, 41);
    r = device_answer(&dev, &f);
    assert_int_equal(msg_parse_caps(&r, &caps), 0);
    assert_int_equal(caps.version, TK_PROTO_VERSION);
    assert_int_equal(caps.width, 64);
    assert_int_equal(caps.height, 8);
    assert_int_equal(caps.slots, TK_QUEUE_SLOTS);
    assert_int_equal(caps.max_item, TK_ITEM_MAX_BYTES);
    assert_int_equal(caps.max_payload, TK_PROTO_MAX_PAYLOAD);
    assert_int_equal(caps.boot_id, 0xC0FFEE01u);
    msg_empty(&f, TK_MSG_QUERY, 42);
    r = device_answer(&dev, &f);
    assert_int_equal(msg_parse_telemetry(&r, &tel), 0);
    assert_int_equal(tel.live_items, 0);
    assert_int_equal(tel.free_slots, TK_QUEUE_SLOTS);
}

static void test_long_item_split_and_reassembled(void **state)
{
    static tk_ticker ticker;
    static tk_device dev;
    static const uint16_t offsets[] = { 0, 54, 108 }, lens[] = { 54, 54, 42 };
    uint8_t text[150];
    msg_item it;
    tk_frame f, r;
    uint16_t part_max = msg_part_max(TK_PROTO_MAX_PAYLOAD), p;
    int8_t slot;
    (void)state;

    for (p = 0; p < sizeof text; p++)
        text[p] = (uint8_t)('A' + p % 26);
    it.id = 300;
    it.flags = 0;
    it.passes = 0;
    it.ttl_s = 90;
    it.text = text;
    it.len = sizeof text;
    assert_int_equal(part_max, TK_PUT_MAX_PART);
    assert_int_equal(msg_put_parts(it.len, part_max), 3);
    assert_int_equal(msg_put_parts(54, part_max), 1);
    assert_int_equal(msg_put_parts(55, part_max), 2);

    assert_int_equal(tk_ticker_init(&ticker, tk_test_font("prop8"), 64, 8, 0), TK_OK);
    tk_device_init(&dev, &ticker, 1);
    for (p = 0; p < 3; p++) {
        assert_int_equal(msg_put_part(&f, (uint8_t)(10 + p), &it, offsets[p], part_max), lens[p]);
        assert_int_equal(f.len, TK_PUT_HEADER + lens[p]);
        assert_int_equal(tk_get16(f.payload), 300);              /* header repeated */
        assert_int_equal(tk_get16(f.payload + 4), 90);
        assert_int_equal(tk_get16(f.payload + 6), 150);          /* total */
        assert_int_equal(tk_get16(f.payload + 8), offsets[p]);   /* offset */
        assert_memory_equal(f.payload + TK_PUT_HEADER, text + offsets[p], lens[p]);
        /* not shown until whole */
        assert_true(tk_queue_find(&ticker.queue, 300) < 0);
        r = device_answer(&dev, &f);
        assert_int_equal(r.type, TK_MSG_ACK);
    }
    slot = tk_queue_find(&ticker.queue, 300);
    assert_true(slot >= 0);
    assert_int_equal(ticker.queue.slot[slot].len, sizeof text);
    assert_memory_equal(ticker.queue.slot[slot].text, text, sizeof text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_host_builds_every_vector),
        cmocka_unit_test(test_config_too_long_is_refused),
        cmocka_unit_test(test_host_reads_device_vectors),
        cmocka_unit_test(test_caps_and_telemetry_from_a_device),
        cmocka_unit_test(test_long_item_split_and_reassembled),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}

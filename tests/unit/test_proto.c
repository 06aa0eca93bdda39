/* test_proto.c - the wire codec: the spec's vectors both ways, CRC, COBS
   edge cases, resynchronisation after noise, and bounded buffers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "tk_proto.h"
#include "tk_vectors.h"

static tk_vector vec[TK_VECTORS_MAX];
static int nvec;

static int setup(void **state)
{
    (void)state;
    nvec = tk_vectors_load(vec);
    return nvec >= 10 ? 0 : -1;
}

static void test_crc_check_value(void **state)
{
    (void)state;
    assert_int_equal(tk_crc16((const uint8_t *)"123456789", 9), 0x29B1);
}

static void test_vectors_encode(void **state)
{
    int i;
    (void)state;
    for (i = 0; i < nvec; i++) {
        uint8_t wire[TK_PROTO_MAX_WIRE];
        uint16_t n = tk_proto_encode(&vec[i].frame, wire);
        if (n != vec[i].wire_len || memcmp(wire, vec[i].wire, n) != 0)
            fail_msg("vector %s encodes differently", vec[i].name);
    }
}

static void test_vectors_decode(void **state)
{
    int i;
    (void)state;
    for (i = 0; i < nvec; i++) {
        tk_proto_decoder d;
        tk_frame f;
        uint16_t k;
        int got = 0;
        tk_proto_decoder_init(&d);
        for (k = 0; k < vec[i].wire_len; k++)
            got += tk_proto_feed(&d, vec[i].wire[k], &f);
        assert_int_equal(got, 1);
        assert_int_equal(f.version, 1);
        assert_int_equal(f.type, vec[i].frame.type);
        assert_int_equal(f.seq, vec[i].frame.seq);
        assert_int_equal(f.len, vec[i].frame.len);
        assert_memory_equal(f.payload, vec[i].frame.payload, f.len);
    }
}

static void test_round_trip_with_zeros_and_max_payload(void **state)
{
    tk_frame in, out;
    tk_proto_decoder d;
    uint8_t wire[TK_PROTO_MAX_WIRE];
    uint16_t n, k;
    int got = 0;
    (void)state;
    in.version = 1;
    in.type = 0x02;
    in.seq = 0;
    in.len = TK_PROTO_MAX_PAYLOAD;
    for (k = 0; k < in.len; k++)
        in.payload[k] = (uint8_t)(k % 3 == 0 ? 0 : k);
    n = tk_proto_encode(&in, wire);
    assert_true(n > 0 && n <= TK_PROTO_MAX_WIRE);
    for (k = 0; k + 1 < n; k++)
        assert_int_not_equal(wire[k], 0); /* only the delimiter is zero */
    assert_int_equal(wire[n - 1], 0);
    tk_proto_decoder_init(&d);
    for (k = 0; k < n; k++)
        got += tk_proto_feed(&d, wire[k], &out);
    assert_int_equal(got, 1);
    assert_int_equal(out.len, in.len);
    assert_memory_equal(out.payload, in.payload, in.len);
    in.len = TK_PROTO_MAX_PAYLOAD + 1;
    assert_int_equal(tk_proto_encode(&in, wire), 0);
}

static void test_resync_after_noise(void **state)
{
    const tk_vector *hello = tk_vector_named(vec, nvec, "hello");
    const tk_vector *put = tk_vector_named(vec, nvec, "put_hello");
    tk_proto_decoder d;
    tk_frame f;
    uint16_t k;
    int got = 0;
    uint8_t junk[] = { 0x13, 0x37, 0xFF, 0x01 };
    (void)state;
    tk_proto_decoder_init(&d);
    /* Garbage, then a frame: the garbage and the frame merge into one bad
       frame; the sender's leading delimiter (or the next frame) recovers. */
    for (k = 0; k < sizeof junk; k++)
        got += tk_proto_feed(&d, junk[k], &f);
    for (k = 0; k < hello->wire_len; k++)
        got += tk_proto_feed(&d, hello->wire[k], &f);
    assert_int_equal(got, 0);
    assert_int_equal(d.stats.crc_errors + d.stats.framing, 1);
    for (k = 0; k < put->wire_len; k++)
        got += tk_proto_feed(&d, put->wire[k], &f);
    assert_int_equal(got, 1);
    assert_int_equal(f.type, TK_MSG_ITEM_PUT);
}

static void test_bit_flip_is_caught(void **state)
{
    const tk_vector *put = tk_vector_named(vec, nvec, "put_hello");
    uint16_t byte;
    (void)state;
    for (byte = 0; byte + 1 < put->wire_len; byte++) {
        uint8_t bit;
        for (bit = 0; bit < 8; bit++) {
            uint8_t wire[TK_PROTO_MAX_WIRE];
            tk_proto_decoder d;
            tk_frame f;
            uint16_t k;
            int got = 0;
            memcpy(wire, put->wire, put->wire_len);
            wire[byte] ^= (uint8_t)(1u << bit);
            tk_proto_decoder_init(&d);
            for (k = 0; k < put->wire_len; k++)
                got += tk_proto_feed(&d, wire[k], &f);
            /* A flip may split the frame at a new zero, but never yields a
               wrong frame that passes the CRC. */
            if (got)
                fail_msg("flip of bit %u in byte %u passed as a frame", bit, byte);
        }
    }
}

static void test_overflow_is_bounded_and_counted(void **state)
{
    const tk_vector *hello = tk_vector_named(vec, nvec, "hello");
    tk_proto_decoder d;
    tk_frame f;
    unsigned k;
    int got = 0;
    (void)state;
    tk_proto_decoder_init(&d);
    for (k = 0; k < 5000; k++)
        got += tk_proto_feed(&d, (uint8_t)(1 + k % 250), &f);
    assert_true(d.fill <= TK_PROTO_MAX_FRAME);
    assert_int_equal(d.stats.overflows, 1);
    for (k = 0; k < hello->wire_len; k++)
        got += tk_proto_feed(&d, hello->wire[k], &f);
    /* The runaway frame ends at hello's delimiter; the next hello decodes. */
    for (k = 0; k < hello->wire_len; k++)
        got += tk_proto_feed(&d, hello->wire[k], &f);
    assert_int_equal(got, 1);
}

static void test_random_bytes_never_crash(void **state)
{
    tk_proto_decoder d;
    tk_frame f;
    unsigned k;
    (void)state;
    srand(7);
    tk_proto_decoder_init(&d);
    for (k = 0; k < 200000; k++) {
        if (tk_proto_feed(&d, (uint8_t)(rand() % 7 == 0 ? 0 : rand()), &f))
            assert_true(f.len <= TK_PROTO_MAX_PAYLOAD);
        assert_true(d.fill <= TK_PROTO_MAX_FRAME);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc_check_value),
        cmocka_unit_test(test_vectors_encode),
        cmocka_unit_test(test_vectors_decode),
        cmocka_unit_test(test_round_trip_with_zeros_and_max_payload),
        cmocka_unit_test(test_resync_after_noise),
        cmocka_unit_test(test_bit_flip_is_caught),
        cmocka_unit_test(test_overflow_is_bounded_and_counted),
        cmocka_unit_test(test_random_bytes_never_crash),
    };
    return cmocka_run_group_tests_name("proto", tests, setup, NULL);
}

/*
 * test_avr_uart_load.c - the 128x8 firmware (16 modules) receives at the
 * full 115200 baud, back-to-back frames for two seconds, while it scrolls:
 * no byte may be lost (the receiver never overruns, the device's decoder
 * sees no damaged frame), every frame is acknowledged, and the display
 * ends showing the last item put. Among the one-part puts come items of
 * the largest size the device takes (CAPS max_item), in parts sent back
 * to back, with accented letters and a part boundary inside a UTF-8
 * sequence: the device measures each part as it arrives (the longest it
 * spends on one frame), carrying the split sequence over to the next.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "avr_run.h"
#include "harness.h"
#include "tk_test.h"

#define LAST "Final: all quiet"
/* 2 s of puts and heartbeats: 10 ms bursts of two one-part puts (at most
   42 text bytes, a part at the firmware's max payload) and a heartbeat,
   about 1.1 x what the line carries in 10 ms, or every eighth
   burst a longest item in parts, so the line never idles until the
   backlog is gone. */
#define LOAD_MS 2000u
#define LONG_EVERY 8u
#define LONG_BYTES 200u /* the AVR build's TK_ITEM_MAX_BYTES */

static char dir[256], script[300], frames_dir[300];
static frames fr;

static int make_dir(void **state)
{
    (void)state;
    harness_tmpdir(dir, sizeof dir);
    snprintf(script, sizeof script, "%s/load.txt", dir);
    snprintf(frames_dir, sizeof frames_dir, "%s/frames", dir);
    return 0;
}

static int remove_dir(void **state)
{
    (void)state;
    frames_free(&fr);
    harness_rmtree(dir);
    return 0;
}

/* Puts one item of LONG_BYTES in as many parts as it takes, all at ms
   (back to back on the line); returns the parts. Letters, "é" and "€":
   some parts end inside a sequence. */
static unsigned put_long(avr_script *s, uint32_t ms, uint16_t id)
{
    static uint8_t text[LONG_BYTES];
    msg_item it = { id, 0, 0, 0, text, LONG_BYTES };
    uint16_t part = msg_part_max(AVR_MAX_PAYLOAD), off = 0, i = 0;
    unsigned parts = 0, split = 0;
    while (i < LONG_BYTES) {
        if (i % 5 == 1 && i + 2u <= LONG_BYTES) {
            memcpy(text + i, "\xc3\xa9", 2);
            i += 2;
        } else if (i % 8 == 3 && i + 3u <= LONG_BYTES) {
            memcpy(text + i, "\xe2\x82\xac", 3);
            i += 3;
        } else {
            text[i] = (uint8_t)('a' + (i * 7 + id) % 26); /* every part differs */
            i++;
        }
    }
    do {
        tk_frame f;
        off = (uint16_t)(off + msg_put_part(&f, 0, &it, off, part));
        avr_script_frame(s, ms, &f);
        parts++;
        split += off < LONG_BYTES && (text[off] & 0xC0u) == 0x80u;
    } while (off < it.len);
    assert_true(split > 0);
    return parts;
}

/* Writes the script; returns how many of its frames are answered by ACK. */
static unsigned write_load(void)
{
    static const char *const texts[] = {
        "Markets: shares edge higher on rate hopes",
        "Weather: heavy rain moves east overnight",
        "Sport: the home side hold on for a cup win",
    };
    avr_script s;
    tk_frame f;
    unsigned acked = 0, i = 0;
    uint32_t ms;

    avr_script_begin(&s, script, 60, 0, 8, 1, " - "); /* 60 px/s: every frame redraws */
    avr_script_put(&s, 50, 1, 0, texts[0]);
    acked += 2;                 /* HELLO is answered with CAPS */
    for (ms = 70; ms < 70 + LOAD_MS; ms += 10, i++) {
        if (i % LONG_EVERY == LONG_EVERY - 1) {
            /* Cleared first and deleted after, so that its slot is free
               and later puts find a spare one (no NAK busy). */
            msg_empty(&f, TK_MSG_CLEAR, 0);
            avr_script_frame(&s, ms, &f);
            acked += put_long(&s, ms, 4);
            avr_script_del(&s, ms, 4);
        } else {
            avr_script_put(&s, ms, (uint16_t)(1 + i % 3), 0, texts[i % 3]);
            avr_script_put(&s, ms, (uint16_t)(1 + (i + 1) % 3), 0, texts[(i + 1) % 3]);
        }
        msg_empty(&f, TK_MSG_HEARTBEAT, 0);
        avr_script_frame(&s, ms, &f);
        acked += 3; /* two puts (or CLEAR and DEL) and the heartbeat */
    }
    /* After the backlog: only the last item, then the device's counters. */
    msg_empty(&f, TK_MSG_CLEAR, 0);
    avr_script_frame(&s, 2810, &f);
    avr_script_put(&s, 2830, 4, 0, LAST);
    msg_empty(&f, TK_MSG_QUERY, 0);
    avr_script_frame(&s, 4010, &f);
    avr_script_close(&s);
    return acked + 2;           /* the QUERY's answer is TELEMETRY */
}

static void test_full_rate_input_while_scrolling(void **state)
{
    const char *args[] = { "--modules", "16", "--script", script, "--seconds", "4.5",
                           "--dump", frames_dir, AVR_FIRMWARE_128, NULL };
    static char out[8192];
    avr_stats st;
    unsigned acked;
    const char *tele;
    (void)state;

    acked = write_load();
    avr_run(args, 180000, &st, out, sizeof out);
    print_message("%s", out);
    /* The line was busy: more than 2 s of bytes at 115200. */
    assert_true(st.rx > 2 * 11520);
    assert_int_equal(st.overruns, 0);
    assert_int_equal(st.lost, 0);
    assert_int_equal(st.acks + st.naks, acked);
    assert_int_equal(st.naks, 0);
    assert_int_equal(st.late, 0);
    tele = strstr(out, "telemetry: ");
    assert_non_null(tele);
    assert_non_null(strstr(tele, "uart-errors 0 crc-errors 0 framing-errors 0 overflows 0"));
    frames_load(&fr, frames_dir);
    assert_int_equal(fr.count, 225);
    assert_int_equal(fr.fb[fr.count - 1].width, 128);
    assert_true(frame_shows(&fr.fb[fr.count - 1], tk_test_font("prop8"), LAST, 40));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_full_rate_input_while_scrolling, make_dir,
                                        remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

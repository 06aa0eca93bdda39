/*
 * bench_link.c - `make bench`: the serial link's cost. Wire overhead: bytes
 * on the line per byte of headline text, for typical headlines, counting
 * each ITEM_PUT part's framing and its ACK. Latency: at 115200 baud (a
 * pacing relay between the programs), from starting `tickerd send` to
 * the first frame of ticker-sim that shows the item.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "msg.h"

static const char *const headlines[] = {
    "North Korea\xE2\x80\x99s Kim shows off banned missiles to Russia\xE2\x80\x99s defence chief",
    "Zelenskyy meets leaders in S\xC3\xA3o Paulo as \xC5\x81\xC3\xB3" "d\xC5\xBA hosts grain summit",
    "Central bank holds rates at 4.5% as inflation eases for a third month",
    "Storm closes ports along the northern coast",
    "Cup final goes to extra time",
    "Rail strike called off after overnight talks between unions and the operator end in agreement on pay",
};
#define N_HEADLINES (sizeof headlines / sizeof headlines[0])
#define ACK_WIRE_BYTES 7
#define TRIALS 10

static void wire_overhead(void)
{
    size_t i, text_total = 0, wire_total = 0, ack_total = 0;
    printf("bench_link: wire overhead (ITEM_PUT parts of %u text bytes, each ACKed)\n",
           (unsigned)msg_part_max(TK_PROTO_MAX_PAYLOAD));
    for (i = 0; i < N_HEADLINES; i++) {
        msg_item it = { 1, 0, 0, 0, (const uint8_t *)headlines[i], (uint16_t)strlen(headlines[i]) };
        uint16_t part_max = msg_part_max(TK_PROTO_MAX_PAYLOAD), off = 0;
        size_t wire = 0, parts = 0;
        while (off < it.len) {
            tk_frame f;
            uint8_t buf[TK_PROTO_MAX_WIRE];
            off = (uint16_t)(off + msg_put_part(&f, (uint8_t)parts, &it, off, part_max));
            wire += tk_proto_encode(&f, buf);
            parts++;
        }
        printf("  %3u text bytes -> %3zu on the wire in %zu part(s): %.2f bytes per text byte"
               " (%.2f with ACKs)\n", it.len, wire, parts, (double)wire / it.len,
               (double)(wire + parts * ACK_WIRE_BYTES) / it.len);
        text_total += it.len;
        wire_total += wire;
        ack_total += parts * ACK_WIRE_BYTES;
    }
    printf("  all: %.3f bytes on the wire per text byte host->device, %.3f counting ACKs\n",
           (double)wire_total / (double)text_total,
           (double)(wire_total + ack_total) / (double)text_total);
}

/* The first frame at or after from_ms with any lit pixel; -1 if none. */
static long first_lit(const frames *f, uint32_t from_ms)
{
    unsigned i, x;
    for (i = 0; i < f->count; i++) {
        if (f->t_ms[i] < from_ms)
            continue;
        for (x = 0; x < f->fb[i].width; x++)
            if (tk_fb_column(&f->fb[i], (uint16_t)x))
                return (long)f->t_ms[i];
    }
    return -1;
}

static void latency(void)
{
    char dir[256], link[300], paced[300], frames_dir[300], pty[256], line[256], out[2048];
    char ids[TRIALS][16];
    const char *const sim_args[] = { "--width", "32", "--dump", frames_dir, NULL };
    const char *relay_argv[] = { "build/tools/noise_relay", "--to", pty, "--link", paced,
                                 "--baud", "115200", NULL };
    long sent_at[TRIALS], shown, sum = 0, worst = 0;
    uint64_t t0;
    proc sim, relay;
    frames f;
    int k, got = 0;

    harness_tmpdir(dir, sizeof dir);
    snprintf(link, sizeof link, "%s/display", dir);
    snprintf(paced, sizeof paced, "%s/paced", dir);
    snprintf(frames_dir, sizeof frames_dir, "%s/frames", dir);
    start_sim(&sim, link, sim_args, pty, sizeof pty);
    t0 = now_ms(); /* the simulator's clock starts as it prints its pty */
    proc_start(&relay, (char *const *)relay_argv, 1);
    if (proc_read_line(&relay, line, sizeof line, 5000) <= 0)
        fail_msg("the pacing relay did not start");
    for (k = 0; k < TRIALS; k++) {
        const char *clear[] = { "clear", "--port", paced, NULL };
        const char *send[] = { "send", "--port", paced, "--id", ids[k], headlines[k % N_HEADLINES], NULL };
        snprintf(ids[k], sizeof ids[k], "%d", k + 1);
        run_tickerd(clear, out, sizeof out);
        sleep_ms(300); /* a blank screen before each send */
        sent_at[k] = (long)(now_ms() - t0);
        run_tickerd(send, out, sizeof out);
        sleep_ms(700);
    }
    proc_stop(&relay);
    proc_stop(&sim);
    proc_close(&relay);
    proc_close(&sim);
    frames_load(&f, frames_dir);
    printf("bench_link: latency at 115200 baud, `tickerd send` started -> first frame showing"
           " the item (32x8, 50 fps, 24 px/s; %d trials)\n", TRIALS);
    for (k = 0; k < TRIALS; k++) {
        shown = first_lit(&f, (uint32_t)sent_at[k]);
        if (shown < 0)
            continue;
        sum += shown - sent_at[k];
        if (shown - sent_at[k] > worst)
            worst = shown - sent_at[k];
        got++;
    }
    if (got == 0)
        fail_msg("no item was ever shown");
    printf("  mean %ld ms, worst %ld ms over %d trials (includes starting tickerd, HELLO/CAPS,"
           " the put and its ACK, the next frame, and the first pixel column scrolling in)\n",
           sum / got, worst, got);
    frames_free(&f);
    harness_rmtree(dir);
}

int main(void)
{
    wire_overhead();
    latency();
    return 0;
}

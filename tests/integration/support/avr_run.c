/* avr_run.c - see avr_run.h. */
#include "avr_run.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* The number after key in text into *v; 0, or -1 when it is not there. */
static int field(const char *text, const char *key, unsigned long *v)
{
    const char *p = text ? strstr(text, key) : NULL;
    char *end;
    if (!p)
        return -1;
    *v = strtoul(p + strlen(key), &end, 10);
    return end == p + strlen(key) ? -1 : 0;
}

int avr_parse_report(const char *out, avr_stats *st)
{
    const char *spi = strstr(out, "spi cycles/byte: mean ");
    const char *chain = strstr(out, "max7219: ");
    const char *replies = strstr(out, "replies: ");
    const char *cycles = strstr(out, "cycles/frame: ");

    memset(st, 0, sizeof *st);
    if (!spi)
        return -1;
    st->spi_mean = strtod(spi + strlen("spi cycles/byte: mean "), NULL);
    if (field(out, "frames: ", &st->frames) || field(out, " from t=", &st->first_t)
        || field(out, " to t=", &st->last_t)
        || field(out, "cycles/frame: mean ", &st->cycles_mean)
        || field(cycles, " max ", &st->cycles_max) || field(out, "late frames: ", &st->late)
        || field(out, "skipped frame slots: ", &st->skipped)
        || field(out, "frame start delay: max ", &st->max_delay)
        || field(out, "stack high-water: ", &st->stack)
        || field(out, " bytes of ", &st->stack_room)
        || field(out, "uart overruns: ", &st->overruns)
        || field(out, "uart bytes: rx ", &st->rx) || field(out, " tx ", &st->tx)
        || field(out, " lost ", &st->lost) || field(spi, " min ", &st->spi_min)
        || field(spi, " max ", &st->spi_max) || field(spi, " over ", &st->spi_bytes)
        || field(spi, "(divider ", &st->spi_divider) || field(chain, "latches ", &st->latches)
        || field(chain, " bad ", &st->bad_latches)
        || field(chain, "decode-errors ", &st->decode_errors)
        || field(chain, "intensity ", &st->intensity) || field(replies, "ack ", &st->acks)
        || field(replies, "nak ", &st->naks) || field(replies, "other ", &st->other))
        return -1;
    return 0;
}

void avr_run(const char *const args[], int timeout_ms, avr_stats *st, char *out, size_t cap)
{
    const char *argv[32] = { AVR_HARNESS_PATH };
    int n = 1, rc;

    while (args[n - 1]) {
        assert_true(n < 31);
        argv[n] = args[n - 1];
        n++;
    }
    argv[n] = NULL;
    rc = run_capture((char *const *)argv, timeout_ms, out, cap);
    if (rc != 0)
        print_error("avr-harness exited %d:\n%s\n", rc, out);
    assert_int_equal(rc, 0);
    if (avr_parse_report(out, st) != 0) {
        print_error("avr-harness report incomplete:\n%s\n", out);
        fail();
    }
}

void avr_script_open(avr_script *s, const char *path)
{
    s->f = fopen(path, "w");
    assert_non_null(s->f);
    s->seq = 1;
}

void avr_script_frame(avr_script *s, uint32_t ms, tk_frame *f)
{
    uint8_t wire[TK_PROTO_MAX_WIRE];
    uint16_t n, i;
    f->seq = s->seq++;
    n = tk_proto_encode(f, wire);
    assert_true(n > 0);
    fprintf(s->f, "%lu", (unsigned long)ms);
    for (i = 0; i < n; i++)
        fprintf(s->f, " %02x", wire[i]);
    fputc('\n', s->f);
}

void avr_script_hello(avr_script *s, uint32_t ms)
{
    tk_frame f;
    msg_empty(&f, TK_MSG_HELLO, 0);
    avr_script_frame(s, ms, &f);
}

void avr_script_config(avr_script *s, uint32_t ms, const msg_config *c)
{
    tk_frame f;
    assert_int_equal(msg_config_frame(&f, 0, c), 0);
    avr_script_frame(s, ms, &f);
}

uint32_t avr_script_put(avr_script *s, uint32_t ms, uint16_t id, int breaking, const char *text)
{
    msg_item it = { id, breaking ? TK_PUT_BREAKING : 0, breaking ? 1 : 0, 0,
                    (const uint8_t *)text, (uint16_t)strlen(text) };
    uint16_t part = msg_part_max(AVR_MAX_PAYLOAD), off = 0;
    do {
        tk_frame f;
        off = (uint16_t)(off + msg_put_part(&f, 0, &it, off, part));
        avr_script_frame(s, ms, &f);
        ms += 20;
    } while (off < it.len);
    return ms;
}

void avr_script_del(avr_script *s, uint32_t ms, uint16_t id)
{
    tk_frame f;
    msg_del(&f, 0, id);
    avr_script_frame(s, ms, &f);
}

void avr_script_close(avr_script *s)
{
    assert_int_equal(fclose(s->f), 0);
    s->f = NULL;
}

void avr_script_begin(avr_script *s, const char *path, uint16_t speed, uint16_t pause_ms,
                      uint8_t brightness, uint8_t passes, const char *separator)
{
    msg_config c;
    size_t len = strlen(separator);
    memset(&c, 0, sizeof c);
    assert_true(len <= sizeof c.separator);
    c.speed = speed;
    c.pause_ms = pause_ms;
    c.brightness = brightness;
    c.passes = passes;
    memcpy(c.separator, separator, len);
    c.separator_len = (uint8_t)len;
    avr_script_open(s, path);
    avr_script_hello(s, 10);
    avr_script_config(s, 30, &c);
}

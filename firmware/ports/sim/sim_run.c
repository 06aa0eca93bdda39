/* sim_run.c - see sim_run.h. */
#include "sim_run.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static uint64_t monotonic_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Sends the device's replies and events, one frame at a time as the
   device's buffer holds them; what the line cannot take now is dropped,
   and the host's retransmission recovers it. With no link (a script,
   which hears no answers) everything is dropped. */
static void write_link(tk_device *dev, sim_link *link)
{
    uint8_t buf[TK_PROTO_MAX_WIRE];
    uint16_t n;
    for (;;) {
        tk_device_poll(dev);
        n = tk_device_output(dev, buf, sizeof buf);
        if (n == 0)
            return;
        if (link && link->out_fd >= 0 && write(link->out_fd, buf, n) < 0 && errno != EAGAIN)
            link->out_fd = -1;
    }
}

/*
 * Feeds what the host sent to the device end. A closed stdin stops the
 * input; the display keeps running on what it has.
 */
static void read_link(tk_device *dev, sim_link *link, uint32_t now_ms)
{
    uint8_t buf[256];
    for (;;) {
        ssize_t n = read(link->in_fd, buf, sizeof buf);
        ssize_t i;
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR && errno != EIO)) {
            link->in_fd = -1;
            return;
        }
        if (n < 0)
            return;
        for (i = 0; i < n; i++)
            while (!tk_device_rx(dev, buf[i], now_ms))
                write_link(dev, link); /* the device sends before it takes more */
        if ((size_t)n < sizeof buf)
            return;
    }
}

static const char *event_name(uint8_t kind)
{
    switch (kind) {
    case TK_EVENT_ITEM_STARTED: return "started";
    case TK_EVENT_ITEM_FINISHED: return "finished";
    case TK_EVENT_QUEUE_LOW: return "queue-low";
    case TK_EVENT_GLYPH_MISSING: return "glyph-missing";
    }
    return "unknown";
}

/*
 * Writes the ticker's pending events, without taking them (the device end
 * sends them to the host): "<ms> <event> <id> <arg>", and for an item that
 * started, its text, so a test can prove what reached the screen.
 */
static void log_events(const tk_ticker *t, uint32_t now_ms, FILE *out)
{
    uint8_t i;
    tk_event ev;
    for (i = 0; tk_ticker_peek_event(t, i, &ev); i++) {
        int8_t slot = tk_queue_find(&t->queue, ev.id);
        fprintf(out, "%lu %s %u %lu", (unsigned long)now_ms, event_name(ev.kind),
                (unsigned)ev.id, (unsigned long)ev.arg);
        if (ev.kind == TK_EVENT_ITEM_STARTED && slot >= 0)
            fprintf(out, " %.*s", (int)t->queue.slot[slot].len, (const char *)t->queue.slot[slot].text);
        fputc('\n', out);
    }
    fflush(out);
}

/* Waits until the frame due at due_us, serving the link meanwhile. */
static void wait_for_frame(tk_device *dev, sim_link *link, uint64_t start_us, uint64_t due_us)
{
    for (;;) {
        uint64_t now = monotonic_us();
        struct pollfd p;
        int timeout_ms;
        if (now >= due_us)
            return;
        timeout_ms = (int)((due_us - now + 999u) / 1000u);
        if (!link || link->in_fd < 0) {
            struct timespec ts = { 0, (long)(due_us - now) * 1000L };
            nanosleep(&ts, NULL);
            continue;
        }
        p.fd = link->in_fd;
        p.events = POLLIN;
        if (poll(&p, 1, timeout_ms) > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR))) {
            read_link(dev, link, (uint32_t)((monotonic_us() - start_us) / 1000u));
            write_link(dev, link); /* answer now, as the firmware does, not at the next frame */
        }
        if (p.revents & POLLNVAL)
            return;
    }
}

int sim_run(tk_ticker *t, tk_device *dev, sim_link *link, sim_display *d,
            const sim_run_config *cfg, volatile sig_atomic_t *stop)
{
    static tk_fb fb;
    uint64_t start_us = monotonic_us();
    uint64_t period_us = 1000000u / cfg->fps;
    uint64_t i;
    uint8_t brightness = t->set.brightness;

    tk_fb_init(&fb, t->width, t->height);
    sim_display_ops.brightness(d, brightness);
    for (i = 0; i < cfg->frames && !*stop; i++) {
        uint64_t due = start_us + i * period_us;
        uint32_t now_ms;
        uint64_t work_start;

        if (cfg->realtime) {
            wait_for_frame(dev, link, start_us, due);
            now_ms = (uint32_t)((monotonic_us() - start_us) / 1000u);
        } else {
            now_ms = (uint32_t)(i * 1000u / cfg->fps);
        }
        if (cfg->script && dev) {
            const uint8_t *bytes;
            uint32_t n = sim_script_due(cfg->script, now_ms, &bytes), k;
            for (k = 0; k < n; k++)
                while (!tk_device_rx(dev, bytes[k], now_ms))
                    write_link(dev, link); /* the device sends before it takes more */
        }
        work_start = monotonic_us();
        tk_ticker_frame(t, now_ms, &fb);
        if (t->set.brightness != brightness) {
            brightness = t->set.brightness;
            sim_display_ops.brightness(d, brightness);
        }
        if (sim_display_ops.flush(d, &fb, now_ms) != 0) {
            fprintf(stderr, "ticker-sim: %s\n", d->err);
            return -1;
        }
        if (cfg->events)
            log_events(t, now_ms, cfg->events);
        if (!dev) {
            tk_event ev;
            while (tk_ticker_next_event(t, &ev))
                ; /* nobody to tell */
        } else {
            uint64_t end = monotonic_us();
            tk_device_frame_timing(dev, (uint32_t)(end - work_start),
                                   cfg->realtime && work_start > due + period_us);
            write_link(dev, link);
        }
    }
    return 0;
}

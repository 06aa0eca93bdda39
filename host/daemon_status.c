/*
 * daemon_status.c - what `tickerd status` shows, kept in the status file
 * (status.h): each feed's last fetch and next poll, each display's link,
 * CAPS, telemetry and the texts it is given (or the playlist, without
 * displays).
 *
 * Making the texts condenses every item for every display, so the file is
 * made again only when a cheap signature of what it shows changed, at most
 * once a second; and every STATUS_HEARTBEAT_S, so its age tells a reader
 * the daemon still runs.
 */
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "role.h"
#include "state_io.h"
#include "status.h"

#define MIN_WRITE_MS 1000u

static void mix(uint64_t *h, uint64_t v)
{
    unsigned i;
    for (i = 0; i < 8; i++, v >>= 8) {
        *h ^= v & 0xff;
        *h *= 1099511628211ull;
    }
}

/* Changes whenever anything the file shows does (but the time). */
static uint64_t signature(const daemon_ctx *d)
{
    uint64_t h = 1469598103934665603ull;
    unsigned i;

    for (i = 0; i < d->nfeeds; i++) {
        const daemon_feed *f = d->feeds[i];
        mix(&h, state_hash(f->cfg.name));
        mix(&h, (uint64_t)f->last_fetch);
        mix(&h, f->due_ms);
        mix(&h, ((uint64_t)f->health << 40) | ((uint64_t)f->in_flight << 32) | f->nitems);
        mix(&h, state_hash(f->last_error));
    }
    for (i = 0; i < d->nplaylist; i++) {
        mix(&h, ((uint64_t)d->playlist[i].breaking << 16) | d->playlist[i].id);
        mix(&h, state_hash(d->playlist[i].title));
    }
    for (i = 0; i < d->nlinks; i++) {
        const msg_caps *c = link_caps(d->links[i]);
        mix(&h, (uint64_t)link_get_state(d->links[i]));
        mix(&h, c ? c->boot_id : 0);
        mix(&h, ((uint64_t)link_items_shown(d->links[i]) << 32) |
                    link_items_rejected(d->links[i]));
        mix(&h, ((uint64_t)d->view_set[i] << 32) | d->views[i].ready);
        mix(&h, (uint64_t)d->status.tel_at[i]);
    }
    mix(&h, role_signature(d));
    return h;
}

/* The wall time of a clock_now_ms() deadline. */
static time_t wall(uint64_t at_ms, uint64_t now_ms, time_t now)
{
    return at_ms > now_ms ? now + (time_t)((at_ms - now_ms + 999) / 1000) : now;
}

static void add_feeds(state_buf *b, const daemon_ctx *d, uint64_t now_ms, time_t now)
{
    char last[32], next[32];
    unsigned i;

    state_buf_addf(b, "Feeds: %u\n", d->nfeeds);
    for (i = 0; i < d->nfeeds; i++) {
        const daemon_feed *f = d->feeds[i];
        status_time(f->last_fetch, last, sizeof last);
        status_time(wall(f->due_ms, now_ms, now), next, sizeof next);
        state_buf_addf(b, "  %s: ", f->cfg.name);
        if (!f->last_fetch)
            state_buf_addf(b, "not fetched yet");
        else if (f->health == FEED_FAILING)
            state_buf_addf(b, "failing (%u in a row): %s; keeps %u items; last try %s", f->failures,
                 f->last_error, f->nitems, last);
        else
            state_buf_addf(b, "ok, %u items; fetched %s", f->nitems, last);
        state_buf_addf(b, "; next poll %s\n", f->in_flight ? "now (fetching)" : next);
    }
}

static const char *state_name(enum link_state s)
{
    return s == LINK_READY ? "ready" : s == LINK_HELLO ? "hello (waiting for CAPS)"
           : s == LINK_OPENING ? "opening (waiting for the port)" : "closed";
}

static const char *item_status_name(enum link_item_status s)
{
    return s == LINK_ITEM_SHOWN ? "shown" : s == LINK_ITEM_REJECTED ? "rejected" : "pending";
}

static void add_display(state_buf *b, const daemon_ctx *d, unsigned k)
{
    const link_conn *l = d->links[k];
    const msg_caps *c = link_caps(l);
    const msg_telemetry *t = &d->status.tel[k];
    char text[PLAYLIST_TEXT_MAX + 1], when[32];
    unsigned i;

    state_buf_addf(b, "\nDisplay %s on %s: %s\n", d->link_names[k], link_path(l),
         state_name(link_get_state(l)));
    if (c)
        state_buf_addf(b, "  CAPS: %ux%u px, font %u px high, %u glyphs, %u slots, items up to %u "
             "bytes, protocol %u, boot id 0x%08lx\n", c->width, c->height, c->font_height,
             c->glyphs, c->slots, c->max_item, c->version, (unsigned long)c->boot_id);
    else
        state_buf_addf(b, "  CAPS: none yet\n");
    if (d->status.tel_at[k]) {
        status_time(d->status.tel_at[k], when, sizeof when);
        state_buf_addf(b, "  telemetry of %s: up %lu s, %lu frames, %lu late, worst %lu us; errors: "
             "UART %u, CRC %u, framing %u, overflows %u; missing glyphs %u; %u items live, "
             "%u slots free; %u events lost\n", when, (unsigned long)(t->uptime_ms / 1000),
             (unsigned long)t->frames, (unsigned long)t->late_frames,
             (unsigned long)t->worst_frame_us, t->uart_errors, t->crc_errors,
             t->framing_errors, t->overflows, t->missing_glyphs, t->live_items,
             t->free_slots, t->events_lost);
    } else {
        state_buf_addf(b, "  telemetry: none yet\n");
    }
    if (!d->view_set[k] || !d->views[k].ready) {
        state_buf_addf(b, "  texts: not made until the display reports its width and font\n");
        return;
    }
    state_buf_addf(b, "  texts: %u (%u shown, %u rejected)\n", d->nplaylist, link_items_shown(l),
         link_items_rejected(l));
    for (i = 0; i < d->nplaylist; i++) {
        const state_item *it = &d->playlist[i];
        uint8_t nak;
        if (!playlist_display_text(&d->views[k], it, text, sizeof text))
            continue;
        state_buf_addf(b, "    %-8s %s%s: %s\n", item_status_name(link_item_status(l, it->id, &nak)),
             it->breaking ? "BREAKING " : "", it->feed, text);
    }
}

static void make_body(state_buf *b, const daemon_ctx *d, uint64_t now_ms, time_t now)
{
    unsigned i;

    add_feeds(b, d, now_ms, now);
    state_buf_addf(b, "\nPlaylist: %u items\n", d->nplaylist);
    if (!d->nlinks)
        for (i = 0; i < d->nplaylist; i++)
            state_buf_addf(b, "  %s%s: %s\n", d->playlist[i].breaking ? "BREAKING " : "",
                 d->playlist[i].feed, d->playlist[i].title);
    for (i = 0; i < d->nlinks; i++)
        add_display(b, d, i);
    role_status(d, b);
}

/* Keeps what each display last said of itself; asks again when due. */
static uint64_t keep_telemetry(daemon_ctx *d, uint64_t now_ms, time_t now)
{
    daemon_status *s = &d->status;
    uint64_t next = FETCH_NEVER;
    unsigned k;

    for (k = 0; k < d->nlinks; k++) {
        link_conn *l = d->links[k];
        if (s->tel_link[k] != l) {
            /* a reload moved the links about: this slot is another display's now */
            s->tel_link[k] = l;
            s->tel_at[k] = 0;
            s->query_due_ms[k] = 0;
        }
        if (link_telemetry(l, &s->tel[k]))
            s->tel_at[k] = now;
        if (link_get_state(l) != LINK_READY) {
            s->query_due_ms[k] = 0; /* ask as soon as it is */
            continue;
        }
        if (now_ms >= s->query_due_ms[k]) {
            link_query(l);
            s->query_due_ms[k] = now_ms + DAEMON_QUERY_MS;
        }
        if (s->query_due_ms[k] < next)
            next = s->query_due_ms[k];
    }
    return next;
}

uint64_t daemon_status_update(daemon_ctx *d, uint64_t now_ms)
{
    daemon_status *s = &d->status;
    time_t now = time(NULL);
    uint64_t next = keep_telemetry(d, now_ms, now), sig, due;
    state_buf b = { 0 };

    if (!d->store)
        return next;
    sig = signature(d);
    due = s->written_ms + (sig != s->signature ? MIN_WRITE_MS : STATUS_HEARTBEAT_S * 1000u);
    if (s->written_ms && now_ms < due)
        return due < next ? due : next;
    make_body(&b, d, now_ms, now);
    /* a failed write is logged by state.c; it is tried again at the next change */
    status_write(d->store, (long)getpid(), now, b.data ? b.data : "");
    state_buf_free(&b);
    s->signature = sig;
    s->written_ms = now_ms;
    due = now_ms + STATUS_HEARTBEAT_S * 1000u;
    return due < next ? due : next;
}

/*
 * link.c - the reliable link; see link.h. Delivery rules (one frame out,
 * same seq on retransmission, HELLO and the whole playlist after a
 * reconnect or a device reset) are firmware/README.md's.
 */
#include <limits.h>
#include <stddef.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "link.h"
#include "log.h"
#include "transport.h"

/* Deleted items wait for their ITEM_DEL in the table too, so it has room
   for a whole playlist being replaced by another. */
#define ENTRIES (2 * LINK_MAX_ITEMS)
/* Sends of one frame through a line that answers only garbage before the
   link gives up and reopens the port. */
#define LINK_NOISY_TRIES 100

/* Bytes read per link_on_readable, so a chatty line cannot starve the loop. */
#define READ_BUDGET 4096

enum out_kind { OUT_HELLO, OUT_PUT, OUT_DEL, OUT_CLEAR, OUT_CONFIG, OUT_KEEPALIVE, OUT_QUERY };

typedef struct entry {
    uint8_t used;
    uint8_t present;        /* in the caller's playlist */
    uint8_t synced;         /* the display acknowledged this version */
    uint8_t rejected;       /* NAKed for good; not sent again until changed */
    uint8_t need_del;       /* deleted: ITEM_DEL not yet acknowledged */
    uint8_t nak;            /* the display's last NAK reason for it */
    uint16_t next_offset;   /* the part of this version to send next */
    uint32_t gen;           /* version: unique over the link's life */
    uint32_t order;         /* playlist order: the display rotates in put order */
    uint64_t retry_at;      /* not before this (after BUSY/FULL) */
    uint16_t id;
    uint8_t flags, passes;
    uint16_t ttl_s;
    uint16_t len;
    uint8_t text[LINK_ITEM_MAX_BYTES];
} entry;

/* The one frame on the line, waiting for its answer. */
typedef struct outstanding {
    uint8_t active;
    uint8_t kind;           /* enum out_kind */
    uint8_t seq, type;
    uint8_t tries;          /* sends met by silence: nothing at all came back */
    uint8_t sends;          /* sends in all, garbled answers included */
    uint8_t heard;          /* bytes arrived since the last send */
    int entry;              /* OUT_PUT, OUT_DEL: index into entries */
    uint32_t gen;           /* what it carried: the entry's or config's version */
    uint16_t part_len;      /* OUT_PUT: text bytes in this part */
    uint16_t wire_len, written;
    uint64_t deadline;      /* after the last byte went out */
    uint8_t wire[TK_PROTO_MAX_WIRE + 1];
} outstanding;

struct link_conn {
    char path[PATH_MAX];
    link_opts o;
    transport tr;
    enum link_state state;
    uint64_t open_at;
    uint32_t backoff;
    uint8_t complained_open;    /* "cannot open" logged for this outage */
    uint8_t complained_silent;  /* "not answering" logged for this outage */
    uint8_t was_ready;          /* a later CAPS is a reconnect */
    uint8_t sync_pending;       /* a HEARTBEAT before the first real frame */
    uint8_t hello_wanted;       /* a hint that the display may have reset */
    tk_proto_decoder dec;
    uint8_t seq;
    outstanding out;
    uint64_t last_exchange;     /* for the heartbeat: when the line was last busy */
    unsigned keepalives;
    msg_caps caps;
    uint8_t have_caps;
    entry item[ENTRIES];
    uint32_t next_order;
    uint32_t next_gen;
    uint32_t clear_gen;         /* nonzero while a CLEAR waits */
    msg_config cfg;
    uint32_t cfg_gen;           /* nonzero when a config is set */
    uint32_t cfg_done;          /* the config version the display took */
    uint8_t query_pending;
    uint8_t have_telemetry;
    msg_telemetry telemetry;
    int last_event_seq;         /* -1 before the first event */
    link_event_fn event_fn;
    void *event_ctx;
    link_counters count;
};

void link_opts_default(link_opts *o)
{
    o->answer_ms = 150;
    o->max_tries = 8;
    o->backoff_min_ms = 100;
    /* an open() a second or two is nothing, and a display plugged back in
       should show its playlist at once, not up to 5 s later */
    o->backoff_max_ms = 2000;
    o->heartbeat_ms = 5000;
    o->hello_every = 3;
    o->retry_ms = 500;
}

link_conn *link_new(const char *path, const link_opts *opts)
{
    link_conn *l;
    if (strlen(path) >= sizeof l->path)
        return NULL;
    l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    memcpy(l->path, path, strlen(path) + 1);
    if (opts)
        l->o = *opts;
    else
        link_opts_default(&l->o);
    if (l->o.max_tries == 0)
        l->o.max_tries = 1;
    transport_init(&l->tr);
    l->state = LINK_CLOSED;
    l->backoff = l->o.backoff_min_ms;
    /* a seq unlike the last run's, so the display's duplicate filter
       cannot mistake our first frames for that run's last */
    l->seq = (uint8_t)((unsigned)getpid() * 31u + (unsigned)time(NULL));
    l->last_event_seq = -1;
    tk_proto_decoder_init(&l->dec);
    return l;
}

void link_free(link_conn *l)
{
    if (!l)
        return;
    transport_close(&l->tr);
    free(l);
}

/* ---- the port ----------------------------------------------------------- */

/* The seq for a new frame; 0xFF is the device's "seq unreadable". */
static uint8_t next_seq(link_conn *l)
{
    if (++l->seq == TK_PROTO_SEQ_NONE)
        ++l->seq;
    return l->seq;
}

static void go_opening(link_conn *l, uint64_t now, uint32_t delay)
{
    transport_close(&l->tr);
    l->out.active = 0;
    l->state = LINK_OPENING;
    l->open_at = now + delay;
}

/* The line went away under us: unplugged, or the simulator stopped. */
static void lost(link_conn *l, uint64_t now)
{
    log_msg(LOG_WARN, "display %s: lost (port closed or unplugged); reopening", l->path);
    l->backoff = l->o.backoff_min_ms;
    go_opening(l, now, l->backoff);
}

static void next_backoff(link_conn *l)
{
    l->backoff = l->backoff * 2 > l->o.backoff_max_ms ? l->o.backoff_max_ms : l->backoff * 2;
}

static void send_frame(link_conn *l, uint64_t now, uint8_t kind, const tk_frame *f);

static void try_open(link_conn *l, uint64_t now)
{
    char err[320];
    tk_frame f;

    l->count.open_attempts++;
    if (transport_open(&l->tr, l->path, err, sizeof err) != 0) {
        if (!l->complained_open)
            log_msg(LOG_WARN, "display %s: cannot open: %s; retrying", l->path, err);
        l->complained_open = 1;
        l->open_at = now + l->backoff;
        next_backoff(l);
        return;
    }
    /* while the display stays silent, each reopen is not news */
    log_msg(l->complained_silent ? LOG_DEBUG : LOG_INFO, "display %s: port open (%s), saying HELLO",
            l->path, l->tr.ops->name);
    l->complained_open = 0;
    tk_proto_decoder_init(&l->dec);
    l->state = LINK_HELLO;
    msg_empty(&f, TK_MSG_HELLO, next_seq(l));
    send_frame(l, now, OUT_HELLO, &f);
}

/* ---- sending ------------------------------------------------------------ */

/* Time for the frame and the longest answer at 115200 baud, 10 bits a byte. */
static uint32_t answer_wait(const link_conn *l)
{
    return l->o.answer_ms + (uint32_t)((l->out.wire_len + TK_PROTO_MAX_WIRE) * 10u * 1000u /
                                       TRANSPORT_BAUD) + 1u;
}

static void flush(link_conn *l, uint64_t now)
{
    outstanding *o = &l->out;
    ssize_t n;
    if (!o->active || o->written >= o->wire_len)
        return;
    n = transport_write(&l->tr, o->wire + o->written, (size_t)(o->wire_len - o->written));
    if (n < 0) {
        lost(l, now);
        return;
    }
    o->written = (uint16_t)(o->written + n);
    if (o->written >= o->wire_len)
        o->deadline = now + answer_wait(l);
}

/* Puts f on the line as the outstanding frame. A leading 0x00 ends any
   noise the display was collecting, so the frame is not lost with it. */
static void send_frame(link_conn *l, uint64_t now, uint8_t kind, const tk_frame *f)
{
    outstanding *o = &l->out;
    o->active = 1;
    o->kind = kind;
    o->seq = f->seq;
    o->type = f->type;
    o->tries = 1;
    o->sends = 1;
    o->heard = 0;
    o->wire[0] = 0x00;
    o->wire_len = (uint16_t)(1 + tk_proto_encode(f, o->wire + 1));
    o->written = 0;
    o->deadline = LINK_NEVER;
    l->count.frames_sent++;
    flush(l, now);
}

/* The entry to work on next: lowest playlist order among those that want
   the given work and may be tried now. */
static int pick(const link_conn *l, uint64_t now, int want_del)
{
    int i, best = -1;
    for (i = 0; i < ENTRIES; i++) {
        const entry *e = &l->item[i];
        int wants = want_del ? (e->used && !e->present && e->need_del)
                             : (e->used && e->present && !e->synced && !e->rejected);
        if (wants && e->retry_at <= now && (best < 0 || e->order < l->item[best].order))
            best = i;
    }
    return best;
}

static int send_put(link_conn *l, uint64_t now, int i)
{
    entry *e = &l->item[i];
    msg_item it;
    tk_frame f;

    if (l->have_caps && e->len > l->caps.max_item) {
        log_msg(LOG_WARN, "display %s: item %u is %u bytes, the display takes at most %u: skipped",
                l->path, e->id, e->len, l->caps.max_item);
        e->rejected = 1;
        e->nak = TK_NAK_TOO_LONG;
        return 0;
    }
    it.id = e->id;
    it.flags = e->flags;
    it.passes = e->passes;
    it.ttl_s = e->ttl_s;
    it.text = e->text;
    it.len = e->len;
    l->out.part_len = msg_put_part(&f, next_seq(l), &it, e->next_offset,
                                   msg_part_max(l->have_caps ? l->caps.max_payload
                                                             : TK_PROTO_MAX_PAYLOAD));
    l->out.entry = i;
    l->out.gen = e->gen;
    send_frame(l, now, OUT_PUT, &f);
    return 1;
}

/* Chooses and sends the next frame when the line is free. */
static void pump(link_conn *l, uint64_t now)
{
    tk_frame f;
    int i;

    if (l->state != LINK_READY || l->out.active)
        return;
    if (l->hello_wanted) {
        l->hello_wanted = 0;
        msg_empty(&f, TK_MSG_HELLO, next_seq(l));
        send_frame(l, now, OUT_HELLO, &f);
        return;
    }
    if (l->sync_pending) {
        /* a frame the display's duplicate filter may swallow harmlessly */
        msg_empty(&f, TK_MSG_HEARTBEAT, next_seq(l));
        send_frame(l, now, OUT_KEEPALIVE, &f);
        return;
    }
    if (l->clear_gen) {
        msg_empty(&f, TK_MSG_CLEAR, next_seq(l));
        l->out.gen = l->clear_gen;
        send_frame(l, now, OUT_CLEAR, &f);
        return;
    }
    if (l->query_pending) {
        msg_empty(&f, TK_MSG_QUERY, next_seq(l));
        send_frame(l, now, OUT_QUERY, &f);
        return;
    }
    if ((i = pick(l, now, 1)) >= 0) {
        msg_del(&f, next_seq(l), l->item[i].id);
        l->out.entry = i;
        l->out.gen = l->item[i].gen;
        send_frame(l, now, OUT_DEL, &f);
        return;
    }
    while ((i = pick(l, now, 0)) >= 0)
        if (send_put(l, now, i))
            return;
    if (l->cfg_gen && l->cfg_done != l->cfg_gen) {
        if (msg_config_frame(&f, next_seq(l), &l->cfg) == 0) {
            l->out.gen = l->cfg_gen;
            send_frame(l, now, OUT_CONFIG, &f);
            return;
        }
        l->cfg_done = l->cfg_gen;
    }
    if (l->o.heartbeat_ms && now >= l->last_exchange + l->o.heartbeat_ms) {
        l->keepalives++;
        if (l->o.hello_every && l->keepalives % l->o.hello_every == 0) {
            msg_empty(&f, TK_MSG_HELLO, next_seq(l));
            send_frame(l, now, OUT_HELLO, &f);
        } else {
            msg_empty(&f, TK_MSG_HEARTBEAT, next_seq(l));
            send_frame(l, now, OUT_KEEPALIVE, &f);
        }
    }
}

/* ---- answers ------------------------------------------------------------ */

static void free_entry(entry *e)
{
    e->used = 0;
}

/* After a reconnect or a reset the display may lack anything: send all. */
static void resend_all(link_conn *l, int device_empty)
{
    int i;
    for (i = 0; i < ENTRIES; i++) {
        entry *e = &l->item[i];
        if (!e->used)
            continue;
        if (!e->present && device_empty) {
            free_entry(e);
            continue;
        }
        e->synced = 0;
        e->rejected = 0;
        e->nak = 0;
        e->next_offset = 0;
        e->retry_at = 0;
    }
    l->cfg_done = 0;
    l->sync_pending = 1;
}

static unsigned count_present(const link_conn *l)
{
    unsigned n = 0;
    int i;
    for (i = 0; i < ENTRIES; i++)
        n += l->item[i].used && l->item[i].present;
    return n;
}

static void on_caps(link_conn *l, const tk_frame *f, uint64_t now)
{
    msg_caps c;
    int reset;

    if (msg_parse_caps(f, &c) != 0 || c.version != TK_PROTO_VERSION) {
        if (!l->complained_silent)
            log_msg(LOG_ERROR, "display %s: CAPS of protocol version %u (length %u); "
                    "this tickerd speaks version %u", l->path, f->len ? f->payload[0] : 0,
                    f->len, TK_PROTO_VERSION);
        l->complained_silent = 1;
        go_opening(l, now, l->backoff);
        next_backoff(l);
        return;
    }
    reset = l->have_caps && c.boot_id != l->caps.boot_id;
    l->caps = c;
    l->have_caps = 1;
    l->backoff = l->o.backoff_min_ms;
    if (l->state == LINK_HELLO) {
        log_msg(LOG_INFO, "display %s: %s: %ux%u, %u slots, items up to %u bytes%s", l->path,
                l->was_ready ? "reconnected" : "connected", c.width, c.height, c.slots,
                c.max_item, reset ? " (it restarted)" : "");
        l->state = LINK_READY;
        l->was_ready = 1;
        l->complained_silent = 0;
        l->count.connects++;
        if (reset)
            l->count.resets_seen++;
        resend_all(l, reset);
    } else if (reset) {
        log_msg(LOG_INFO, "display %s: restarted; sending its %u items again", l->path,
                count_present(l));
        l->count.resets_seen++;
        resend_all(l, 1);
    }
}

static void on_put_answer(link_conn *l, uint8_t nak, uint64_t now)
{
    entry *e = &l->item[l->out.entry];
    if (!e->used || e->gen != l->out.gen)
        return; /* changed or deleted meanwhile: the new version goes next */
    e->nak = nak;
    if (nak == 0) {
        e->next_offset = (uint16_t)(e->next_offset + l->out.part_len);
        if (e->next_offset >= e->len)
            e->synced = 1;
        return;
    }
    e->next_offset = 0;
    if (nak == TK_NAK_BUSY || nak == TK_NAK_FULL) {
        e->retry_at = now + l->o.retry_ms;
        log_msg(LOG_DEBUG, "display %s: item %u: %s, trying again later", l->path, e->id,
                msg_nak_name(nak));
    } else if (nak == TK_NAK_OUT_OF_ORDER) {
        /* the display lost the item's first parts: most likely it restarted */
        e->retry_at = now + l->o.retry_ms;
        l->hello_wanted = 1;
    } else {
        e->rejected = 1;
        log_msg(LOG_WARN, "display %s: item %u dropped: %s", l->path, e->id, msg_nak_name(nak));
    }
}

/* 1 when a frame of type got can be the answer to one of type asked. */
static int answers(uint8_t asked, uint8_t got)
{
    if (got == TK_MSG_NAK)
        return 1;
    if (asked == TK_MSG_HELLO)
        return got == TK_MSG_CAPS;
    if (asked == TK_MSG_QUERY)
        return got == TK_MSG_TELEMETRY;
    return got == TK_MSG_ACK;
}

static void on_answer(link_conn *l, const tk_frame *f, uint64_t now)
{
    outstanding *o = &l->out;
    uint8_t nak = 0;

    if (f->type == TK_MSG_NAK && f->seq == TK_PROTO_SEQ_NONE) {
        /* Our frame arrived damaged: resend it now, not at the time-out. */
        if (o->active && o->written >= o->wire_len)
            o->deadline = now;
        return;
    }
    if (!o->active || f->seq != o->seq || o->written < o->wire_len)
        return; /* a late answer to a frame already settled */
    if (!answers(o->type, f->type))
        return;
    if (f->type == TK_MSG_NAK)
        nak = f->len ? f->payload[0] : TK_NAK_INVALID;
    o->active = 0;
    l->last_exchange = now;

    switch (o->kind) {
    case OUT_HELLO:
        if (nak) {
            if (!l->complained_silent)
                log_msg(LOG_ERROR, "display %s: HELLO refused (%s): not protocol version %u?",
                        l->path, msg_nak_name(nak), TK_PROTO_VERSION);
            l->complained_silent = 1;
            go_opening(l, now, l->backoff);
            next_backoff(l);
        } else {
            on_caps(l, f, now);
        }
        break;
    case OUT_PUT:
        on_put_answer(l, nak, now);
        break;
    case OUT_DEL:
        if (nak)
            log_msg(LOG_WARN, "display %s: delete of item %u refused: %s", l->path,
                    l->item[o->entry].id, msg_nak_name(nak));
        if (l->item[o->entry].used && l->item[o->entry].gen == o->gen)
            free_entry(&l->item[o->entry]);
        break;
    case OUT_CLEAR:
        if (nak)
            log_msg(LOG_WARN, "display %s: clear refused: %s", l->path, msg_nak_name(nak));
        if (l->clear_gen == o->gen)
            l->clear_gen = 0;
        break;
    case OUT_CONFIG:
        if (nak)
            log_msg(LOG_WARN, "display %s: settings refused: %s", l->path, msg_nak_name(nak));
        l->cfg_done = o->gen;
        break;
    case OUT_QUERY:
        l->query_pending = 0;
        if (!nak && msg_parse_telemetry(f, &l->telemetry) == 0)
            l->have_telemetry = 1;
        else
            log_msg(LOG_WARN, "display %s: no telemetry: %s", l->path,
                    nak ? msg_nak_name(nak) : "short reply");
        break;
    case OUT_KEEPALIVE:
        l->sync_pending = 0;
        break;
    }
}

static void on_event(link_conn *l, const tk_frame *f)
{
    msg_event ev;
    if (msg_parse_event(f, &ev) != 0)
        return;
    /* the display's own seq starts at 0 when it boots: worth a HELLO */
    if (f->seq == 0 && l->last_event_seq >= 0 && l->last_event_seq != 255)
        l->hello_wanted = 1;
    l->last_event_seq = f->seq;
    if (l->event_fn)
        l->event_fn(l->event_ctx, &ev);
}

static void on_frame(link_conn *l, const tk_frame *f, uint64_t now)
{
    if (f->version != TK_PROTO_VERSION)
        return;
    if (f->type == TK_MSG_EVENT)
        on_event(l, f);
    else
        on_answer(l, f, now);
}

/* ---- the loop's entry points -------------------------------------------- */

void link_start(link_conn *l, uint64_t now_ms)
{
    if (l->state == LINK_CLOSED) {
        l->state = LINK_OPENING;
        l->open_at = now_ms;
        try_open(l, now_ms);
    }
}

int link_fd(const link_conn *l)
{
    return transport_fd(&l->tr);
}

short link_poll_events(const link_conn *l)
{
    if (transport_fd(&l->tr) < 0)
        return 0;
    return (short)(POLLIN | (l->out.active && l->out.written < l->out.wire_len ? POLLOUT : 0));
}

uint64_t link_next_deadline_ms(const link_conn *l)
{
    uint64_t d = LINK_NEVER;
    int i;

    if (l->state == LINK_OPENING)
        return l->open_at;
    if (l->state == LINK_CLOSED)
        return LINK_NEVER;
    if (l->out.active)
        return l->out.deadline; /* LINK_NEVER while POLLOUT drives it */
    if (l->state != LINK_READY)
        return LINK_NEVER;
    if (l->hello_wanted || l->sync_pending || l->clear_gen || l->query_pending ||
        (l->cfg_gen && l->cfg_done != l->cfg_gen))
        return 0;
    for (i = 0; i < ENTRIES; i++) {
        const entry *e = &l->item[i];
        if (e->used && ((e->present && !e->synced && !e->rejected) || (!e->present && e->need_del)) &&
            e->retry_at < d)
            d = e->retry_at;
    }
    if (l->o.heartbeat_ms && l->last_exchange + l->o.heartbeat_ms < d)
        d = l->last_exchange + l->o.heartbeat_ms;
    return d;
}

void link_on_readable(link_conn *l, uint64_t now_ms)
{
    uint8_t buf[256];
    size_t total = 0;

    while (transport_fd(&l->tr) >= 0 && total < READ_BUDGET) {
        ssize_t n = transport_read(&l->tr, buf, sizeof buf);
        ssize_t k;
        if (n < 0) {
            lost(l, now_ms);
            return;
        }
        if (n == 0)
            break;
        total += (size_t)n;
        l->out.heard = 1;
        for (k = 0; k < n && transport_fd(&l->tr) >= 0; k++) {
            tk_frame f;
            if (tk_proto_feed(&l->dec, buf[k], &f))
                on_frame(l, &f, now_ms);
        }
    }
    pump(l, now_ms);
}

void link_on_writable(link_conn *l, uint64_t now_ms)
{
    flush(l, now_ms);
    pump(l, now_ms);
}

void link_on_timer(link_conn *l, uint64_t now_ms)
{
    outstanding *o = &l->out;

    if (l->state == LINK_OPENING && now_ms >= l->open_at)
        try_open(l, now_ms);
    if (o->active && o->written >= o->wire_len && now_ms >= o->deadline) {
        /* A display that sends garbage is alive behind a noisy line: keep
           trying, up to a hard limit; only silence means "not answering". */
        int noisy = o->sends >= LINK_NOISY_TRIES;
        if (o->heard)
            o->tries--; /* this try does not count as silence */
        if (o->tries >= l->o.max_tries || noisy) {
            if (!l->complained_silent)
                log_msg(LOG_WARN, "display %s: %s (%u tries); reopening the port", l->path,
                        noisy ? "line too noisy to get a frame through" : "not answering",
                        o->sends);
            l->complained_silent = 1;
            l->count.not_answering++;
            go_opening(l, now_ms, l->backoff);
            next_backoff(l);
            return;
        }
        o->tries++;
        o->sends++;
        o->heard = 0;
        o->written = 0;
        l->count.retransmits++;
        flush(l, now_ms);
    }
    pump(l, now_ms);
}

/* ---- the playlist ------------------------------------------------------- */

static int find(const link_conn *l, uint16_t id)
{
    int i;
    for (i = 0; i < ENTRIES; i++)
        if (l->item[i].used && l->item[i].id == id)
            return i;
    return -1;
}

static int new_entry(link_conn *l, uint16_t id)
{
    int i;
    for (i = 0; i < ENTRIES; i++) {
        if (!l->item[i].used) {
            memset(&l->item[i], 0, offsetof(entry, text));
            l->item[i].used = 1;
            l->item[i].id = id;
            l->item[i].order = l->next_order++;
            return i;
        }
    }
    return -1;
}

/* A new version of entry e: whatever the display had of it is stale. */
static void touch(link_conn *l, entry *e)
{
    e->gen = ++l->next_gen;
    e->synced = 0;
    e->rejected = 0;
    e->nak = 0;
    e->next_offset = 0;
    e->retry_at = 0;
}

int link_set_item(link_conn *l, const msg_item *it)
{
    int i = find(l, it->id);
    entry *e;

    if (it->len == 0 || it->len > LINK_ITEM_MAX_BYTES)
        return -1;
    if (i >= 0 && l->item[i].present && l->item[i].len == it->len &&
        l->item[i].flags == it->flags && l->item[i].passes == it->passes &&
        l->item[i].ttl_s == it->ttl_s && memcmp(l->item[i].text, it->text, it->len) == 0)
        return 0; /* unchanged: nothing to send */
    if (i >= 0 && !l->item[i].present)
        free_entry(&l->item[i]); /* deleted, now back: a new item at the end */
    if (i < 0 || !l->item[i].used) {
        if (count_present(l) >= LINK_MAX_ITEMS || (i = new_entry(l, it->id)) < 0)
            return -1;
    }
    e = &l->item[i];
    e->present = 1;
    e->need_del = 0;
    e->flags = it->flags;
    e->passes = it->passes;
    e->ttl_s = it->ttl_s;
    e->len = it->len;
    memcpy(e->text, it->text, it->len);
    touch(l, e);
    return 0;
}

int link_delete_item(link_conn *l, uint16_t id)
{
    int i = find(l, id);
    if (i < 0 && (i = new_entry(l, id)) < 0)
        return -1;
    l->item[i].present = 0;
    l->item[i].need_del = 1;
    touch(l, &l->item[i]);
    return 0;
}

void link_clear(link_conn *l)
{
    int i;
    for (i = 0; i < ENTRIES; i++)
        free_entry(&l->item[i]);
    l->clear_gen = ++l->next_gen;
}

void link_set_config(link_conn *l, const msg_config *cfg)
{
    l->cfg = *cfg;
    l->cfg_gen = ++l->next_gen;
}

void link_query(link_conn *l)
{
    l->query_pending = 1;
    l->have_telemetry = 0;
}

int link_telemetry(const link_conn *l, msg_telemetry *out)
{
    if (!l->have_telemetry)
        return 0;
    *out = l->telemetry;
    return 1;
}

void link_set_event_fn(link_conn *l, link_event_fn fn, void *ctx)
{
    l->event_fn = fn;
    l->event_ctx = ctx;
}

/* ---- questions ---------------------------------------------------------- */

enum link_state link_get_state(const link_conn *l)
{
    return l->state;
}

const char *link_path(const link_conn *l)
{
    return l->path;
}

const msg_caps *link_caps(const link_conn *l)
{
    return l->have_caps ? &l->caps : NULL;
}

enum link_item_status link_item_status(const link_conn *l, uint16_t id, uint8_t *nak)
{
    int i = find(l, id);
    if (nak)
        *nak = i >= 0 ? l->item[i].nak : 0;
    if (i < 0)
        return LINK_ITEM_UNKNOWN;
    if (l->item[i].rejected)
        return LINK_ITEM_REJECTED;
    return l->item[i].present && l->item[i].synced ? LINK_ITEM_SHOWN : LINK_ITEM_PENDING;
}

int link_synced(const link_conn *l)
{
    int i;
    /* a keepalive or a query on the line does not make the playlist stale */
    if (l->state != LINK_READY || l->sync_pending || l->clear_gen ||
        (l->cfg_gen && l->cfg_done != l->cfg_gen))
        return 0;
    for (i = 0; i < ENTRIES; i++) {
        const entry *e = &l->item[i];
        if (e->used && (e->present ? !e->synced && !e->rejected : e->need_del))
            return 0;
    }
    return 1;
}

unsigned link_items_shown(const link_conn *l)
{
    unsigned n = 0;
    int i;
    for (i = 0; i < ENTRIES; i++)
        n += l->item[i].used && l->item[i].present && l->item[i].synced;
    return n;
}

unsigned link_items_rejected(const link_conn *l)
{
    unsigned n = 0;
    int i;
    for (i = 0; i < ENTRIES; i++)
        n += l->item[i].used && l->item[i].present && l->item[i].rejected;
    return n;
}

const link_counters *link_get_counters(const link_conn *l)
{
    return &l->count;
}

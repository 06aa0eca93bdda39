/* tk_items.c - items in and out of the ticker: put (whole or in parts),
   replace, delete, clear. See tk_ticker.h. */
#include "tk_ticker.h"
#include "tk_ticker_private.h"

/*
 * A breaking put interrupts the screen: the rotation will resume at the
 * normal item that was leaving it, and an older breaking item cut short
 * gets that pass back.
 */
static void preempt(tk_ticker *t)
{
    const tk_marquee *m = &t->marquee;
    uint8_t i;
    if (m->count > 0 && m->seg[0].slot >= 0 && !m->seg[0].breaking_pass) {
        const tk_item *head = &t->queue.slot[m->seg[0].slot];
        if (head->state == TK_SLOT_LIVE)
            t->rotation_seq = (tk_seq)(head->seq - 1u);
    }
    for (i = 0; i < m->count; i++) {
        if (m->seg[i].breaking_pass && m->seg[i].slot >= 0 &&
            t->queue.slot[m->seg[i].slot].state == TK_SLOT_LIVE)
            t->queue.slot[m->seg[i].slot].repeat_left++;
    }
    tk_ticker_restart_strip(t);
}

/* 1 when the live item already says what put says (a re-sent playlist). */
static int unchanged(const tk_item *item, const tk_put *put)
{
    uint16_t i;
    if (item->len != put->len || item->flags != put->flags)
        return 0;
    for (i = 0; i < put->len; i++)
        if (item->text[i] != put->text[i])
            return 0;
    return 1;
}

static void set_expiry(tk_item *item, const tk_put *put, uint32_t now_ms)
{
    item->has_ttl = put->ttl_s != 0;
    item->expires_ms = now_ms + (uint32_t)put->ttl_s * 1000u;
}

/* The live item with this id, or NULL. */
static tk_item *live_item(tk_ticker *t, uint16_t id)
{
    int8_t slot = tk_queue_find(&t->queue, id);
    return slot >= 0 ? &t->queue.slot[slot] : 0;
}

/* A free slot, or NULL. */
static tk_item *free_item(tk_ticker *t)
{
    int8_t slot = tk_queue_alloc(&t->queue);
    return slot >= 0 ? &t->queue.slot[slot] : 0;
}

/*
 * Adds the width of item->text[from..to) to item->width: an item arriving
 * in parts is measured a part at a time as it comes, so the main loop of
 * a small device is never away from its receive ring for a whole long
 * item. from and to must be where a code point starts (or the end; see
 * measured_end). Placeholders are counted at once; the last one found is
 * kept in expires_ms with has_ttl set, which activate() reads before
 * set_expiry() gives both their meaning again.
 */
static void measure(tk_ticker *t, tk_item *item, uint16_t from, uint16_t to)
{
    tk_text_stats stats = { 0, 0 };
    uint16_t sum = (uint16_t)(item->width +
                              tk_text_width(t->font, item->text + from, (uint16_t)(to - from), &stats));
    item->width = sum > TK_TEXT_MAX_PX ? TK_TEXT_MAX_PX : sum; /* both were at most that */
    if (stats.missing) {
        sum = (uint16_t)(t->stats.missing_glyphs + stats.missing);
        t->stats.missing_glyphs = sum < stats.missing ? 0xFFFFu : sum;
        item->expires_ms = stats.last_missing;
        item->has_ttl = 1;
    }
}

/*
 * How far the first len bytes of text can be measured before more bytes
 * come: up to the last lead byte (C0..FF) among the last three, whose
 * sequence may go on in the next part, else all of them. Decoding the
 * whole text would stop at the same place: a sequence never takes a byte
 * C0..FF as a continuation, and one starting four bytes or more before
 * the end is complete. The same len always gives the same answer, so the
 * next part starts measuring where this one stopped without storing it.
 */
TK_NOINLINE static uint16_t measured_end(const uint8_t *text, uint16_t len)
{
    uint16_t i = len;
    while (i > 0 && len - i < 3) {
        if (text[--i] >= 0xC0u)
            return i;
    }
    return len;
}

/*
 * Makes item, whose text is in place and measured, the live item put->id.
 * The item it replaces (old, or NULL) hands over its place in the
 * rotation and stays on screen, retired, until it has scrolled off.
 * Pointers, not slot numbers: an 8-bit chip multiplies by the slot's size
 * for every index.
 */
static void activate(tk_ticker *t, tk_item *item, tk_item *old, const tk_put *put, uint32_t now_ms)
{
    int breaking = (put->flags & TK_ITEM_BREAKING) != 0;
    int preempts = breaking && !(old && old->repeat_left > 0);

    if (old && old != item) {
        item->seq = old->seq;
        tk_ticker_retire(old);
    }
    item->state = TK_SLOT_LIVE;
    item->pinned = 0;
    item->id = put->id;
    item->flags = put->flags;
    if (item->has_ttl) /* a placeholder, from measure() */
        tk_ticker_push_event(t, TK_EVENT_GLYPH_MISSING, put->id, item->expires_ms);
    set_expiry(item, put, now_ms);
    item->repeat_left = breaking ? (put->passes ? put->passes : t->set.breaking_passes) : 0;
    /* A new item goes last in the rotation, the newest breaking item first. */
    if (!old || preempts)
        item->seq = tk_queue_new_seq(&t->queue, &t->rotation_seq);
    if (preempts)
        preempt(t);
    tk_ticker_check_low(t);
}

/* An item's text starts: nothing measured, no placeholder yet. */
TK_NOINLINE static void start_text(tk_item *item)
{
    item->len = 0;
    item->width = 0;
    item->has_ttl = 0;
}

static void copy_bytes(uint8_t *dst, const uint8_t *src, uint16_t len)
{
    uint16_t i;
    for (i = 0; i < len; i++)
        dst[i] = src[i];
}

tk_err tk_ticker_put(tk_ticker *t, const tk_put *put, uint32_t now_ms)
{
    tk_item *old = live_item(t, put->id);
    tk_item *item = old;

    if (put->len > TK_ITEM_MAX_BYTES)
        return TK_ERR_TOO_LONG;
    if (old && unchanged(old, put)) {
        set_expiry(old, put, now_ms);
        return TK_OK;
    }
    if (!old || old->pinned) {
        /* New, or on screen: the visible copy stays intact until it leaves. */
        item = free_item(t);
        if (!item)
            return old ? TK_ERR_BUSY : TK_ERR_FULL;
    }
    start_text(item);
    copy_bytes(item->text, put->text, put->len);
    item->len = put->len;
    measure(t, item, 0, put->len);
    activate(t, item, old, put, now_ms);
    return TK_OK;
}

static void drop_staging(tk_ticker *t)
{
    if (t->staging_slot >= 0)
        t->queue.slot[t->staging_slot].state = TK_SLOT_FREE;
    t->staging_slot = -1;
}

tk_err tk_ticker_put_part(tk_ticker *t, const tk_put *part, uint16_t total, uint16_t offset,
                          uint32_t now_ms)
{
    tk_item *item;

    if (offset == 0) {
        drop_staging(t); /* a new item starts; an unfinished one is abandoned */
        if (total > TK_ITEM_MAX_BYTES)
            return TK_ERR_TOO_LONG;
        if (part->len == total)
            return tk_ticker_put(t, part, now_ms);
        if (part->len > total)
            return TK_ERR_INVALID;
        /* Assembled off to the side: nothing shows until it is whole. */
        t->staging_slot = tk_queue_alloc(&t->queue);
        if (t->staging_slot < 0)
            return live_item(t, part->id) ? TK_ERR_BUSY : TK_ERR_FULL;
        item = &t->queue.slot[t->staging_slot];
        item->state = TK_SLOT_STAGING;
        item->pinned = 0;
        item->id = part->id;
        start_text(item);
        t->staging_total = total;
    } else {
        if (t->staging_slot < 0)
            return TK_ERR_ORDER;
        item = &t->queue.slot[t->staging_slot];
        if (item->id != part->id || item->len != offset || t->staging_total != total)
            return TK_ERR_ORDER;
    }
    if ((uint32_t)offset + part->len > total)
        return TK_ERR_INVALID;
    copy_bytes(item->text + offset, part->text, part->len);
    item->len = (uint16_t)(offset + part->len);
    /* This part's code points now, the rest of a sequence it ends inside
       with the next part. */
    measure(t, item, measured_end(item->text, offset),
            item->len == total ? total : measured_end(item->text, item->len));
    if (item->len == total) {
        t->staging_slot = -1;
        activate(t, item, live_item(t, part->id), part, now_ms);
    }
    return TK_OK;
}

tk_err tk_ticker_delete(tk_ticker *t, uint16_t id)
{
    int8_t slot = tk_queue_find(&t->queue, id);
    uint8_t i;
    if (slot < 0)
        return TK_ERR_NOT_FOUND;
    /* Gone at once, even from the screen: a withdrawn story must not linger. */
    for (i = 0; i < t->marquee.count; i++)
        if (t->marquee.seg[i].slot == slot) {
            t->marquee.seg[i].slot = TK_SEG_BLANK;
            t->dirty = 1;
        }
    t->queue.slot[slot].state = TK_SLOT_FREE;
    t->queue.slot[slot].pinned = 0;
    tk_ticker_check_low(t);
    return TK_OK;
}

void tk_ticker_clear(tk_ticker *t)
{
    tk_ticker_restart_strip(t);
    tk_queue_init(&t->queue);
    t->staging_slot = -1;
    t->rotation_seq = 0;
    tk_ticker_check_low(t);
}

/* tk_frame.c - the ticker's frame: time passes, items expire, the rotation
   feeds the marquee, and the frame is drawn whole. See tk_ticker.h. */
#include "tk_ticker.h"
#include "tk_ticker_private.h"

/* Half a period of the stale marker's blink, 512 ms: a power of two, so
   the phase is one bit of the time since the host was heard, not a 32-bit
   division. */
#define STALE_BLINK_SHIFT 9

static int time_reached(uint32_t now, uint32_t when)
{
    return (int32_t)(now - when) >= 0;
}

static void expire_items(tk_ticker *t, uint32_t now_ms)
{
    uint8_t i;
    int changed = 0;
    for (i = 0; i < TK_QUEUE_SLOTS; i++) {
        tk_item *item = &t->queue.slot[i];
        if (item->state != TK_SLOT_LIVE || !item->has_ttl || !time_reached(now_ms, item->expires_ms))
            continue;
        tk_ticker_retire(item);
        changed = 1;
    }
    if (changed)
        tk_ticker_check_low(t);
}

/*
 * The slot to commit next, or TK_SEG_NONE. Breaking items with passes left
 * come first, newest first, and nothing else is shown meanwhile; then the
 * rotation continues after rotation_seq, wrapping round; an item is never
 * on the strip twice. With nothing live, the idle text. One pass, keeping
 * each candidate's seq: an 8-bit chip pays for every slot index.
 */
static int8_t pick_next(const tk_ticker *t)
{
    const tk_item *item = t->queue.slot;
    int8_t i, breaking = TK_SEG_NONE, next = TK_SEG_NONE, first = TK_SEG_NONE;
    tk_seq breaking_seq = 0, next_seq = 0, first_seq = 0;
    uint8_t breaking_pinned = 0;

    for (i = 0; i < TK_QUEUE_SLOTS; i++, item++) {
        if (item->state != TK_SLOT_LIVE)
            continue;
        if (item->repeat_left > 0 && (breaking < 0 || item->seq > breaking_seq)) {
            breaking = i;
            breaking_seq = item->seq;
            breaking_pinned = item->pinned;
        }
        if (item->pinned)
            continue;
        if (first < 0 || item->seq < first_seq) {
            first = i;
            first_seq = item->seq;
        }
        if (item->seq > t->rotation_seq && (next < 0 || item->seq < next_seq)) {
            next = i;
            next_seq = item->seq;
        }
    }
    if (breaking >= 0) /* the newest breaking item, once it has left the strip */
        return breaking_pinned ? TK_SEG_NONE : breaking;
    if (next >= 0)
        return next;
    if (first >= 0)
        return first;
    if (tk_queue_live(&t->queue) == 0 && t->idle_len > 0 &&
        !tk_marquee_shows(&t->marquee, TK_SEG_IDLE))
        return TK_SEG_IDLE;
    return TK_SEG_NONE;
}

static void fill_strip(tk_ticker *t)
{
    while (tk_marquee_wants_more(&t->marquee, t->width)) {
        int8_t slot = pick_next(t);
        tk_item *item = 0;
        tk_segment *seg;
        uint16_t text_width;
        if (slot == TK_SEG_NONE)
            return;
        if (slot >= 0) {
            item = &t->queue.slot[slot];
            text_width = item->width;
            item->pinned = 1;
            tk_ticker_push_event(t, TK_EVENT_ITEM_STARTED, item->id, 0);
        } else {
            text_width = tk_text_width(t->font, t->idle, t->idle_len, 0);
        }
        /* Never NULL: the strip wants more. */
        seg = tk_marquee_append(&t->marquee, t->width, slot, text_width,
                                (uint16_t)(text_width + t->separator_width));
        if (item) {
            if (item->repeat_left > 0) {
                item->repeat_left--;
                seg->breaking_pass = 1;
            } else {
                t->rotation_seq = item->seq;
            }
        }
    }
}

static void drop_finished(tk_ticker *t)
{
    int8_t slot;
    tk_px before = t->marquee.offset;
    while ((slot = tk_marquee_pop(&t->marquee)) != TK_SEG_NONE) {
        if (slot >= 0) {
            tk_ticker_push_event(t, TK_EVENT_ITEM_FINISHED, t->queue.slot[slot].id, 0);
            tk_ticker_release(t, slot);
        }
    }
    /* A segment gone moves the strip's origin, not the picture: the frame
       drawn is still there to scroll, not redraw. */
    t->drawn_offset = (tk_px)(t->drawn_offset + t->marquee.offset - before);
}

/* Items in the rotation: when it is one that fits, it stands still. */
static int lone_segment_fits(const tk_ticker *t)
{
    const tk_marquee *m = &t->marquee;
    const tk_item *item;
    /* The live items counted last: every frame asks twice. */
    if (m->count != 1 || m->seg[0].text_width > t->width)
        return 0;
    if (m->seg[0].slot == TK_SEG_IDLE)
        return tk_queue_live(&t->queue) == 0;
    if (m->seg[0].slot < 0 || tk_queue_live(&t->queue) != 1)
        return 0;
    item = &t->queue.slot[m->seg[0].slot];
    return item->state == TK_SLOT_LIVE && item->repeat_left == 0;
}

static void move_strip(tk_ticker *t, uint32_t dt_ms, uint32_t now_ms)
{
    tk_marquee *m = &t->marquee;
    tk_px before = m->offset;

    if (t->holding) {
        if (!time_reached(now_ms, t->hold_until_ms))
            return;
        t->holding = 0;
        dt_ms = now_ms - t->hold_until_ms; /* only the time since the pause ended */
    }
    tk_marquee_step(m, dt_ms, t->set.speed);
    if (lone_segment_fits(t)) {
        tk_px centre = -(tk_px)((t->width - m->seg[0].text_width) / 2u);
        if (before <= centre) {
            if (m->offset > centre)
                m->offset = centre;
            return;
        }
    }
    drop_finished(t);
    fill_strip(t);
    if (m->count > 0 && !m->seg[0].held && m->offset >= 0 &&
        m->seg[0].text_width <= t->width && t->set.pause_ms > 0) {
        m->seg[0].held = 1;
        m->offset = 0;
        t->holding = 1;
        t->hold_until_ms = now_ms + t->set.pause_ms;
    }
}

/* The text segment seg draws, or NULL for a deleted item's blank. */
static const uint8_t *segment_text(const tk_ticker *t, const tk_segment *seg, uint16_t *len)
{
    if (seg->slot >= 0) {
        const tk_item *item = &t->queue.slot[seg->slot];
        *len = item->len;
        return item->text;
    }
    *len = t->idle_len;
    return seg->slot == TK_SEG_IDLE ? t->idle : 0;
}

/*
 * Draws the strip's columns from clip to the right edge. A full redraw
 * (clip 0) starts each text at its beginning, the head at its cursor; a
 * scroll step draws only the columns that came in on the right, each text
 * going on from its right-edge cursor, so a frame costs a few glyph
 * columns instead of the whole screen.
 */
static void draw_strip(tk_ticker *t, tk_fb *fb, tk_px clip, int still)
{
    tk_marquee *m = &t->marquee;
    tk_px x = (tk_px)-m->offset;
    uint8_t i;

    for (i = 0; i < m->count && x < (tk_px)t->width; i++) {
        tk_segment *seg = &m->seg[i];
        uint16_t len;
        const uint8_t *text = segment_text(t, seg, &len);
        tk_px sep_x = (tk_px)(x + seg->text_width);

        if (text && sep_x > clip) {
            tk_text_cursor *start = clip > 0 ? &seg->right : (i == 0 ? &m->head : 0);
            tk_text_draw_clip(fb, t->font, text, len, x, t->y, clip, start, &seg->right);
        }
        /* A lone item standing still has nothing to separate. */
        if (!still && sep_x < (tk_px)t->width &&
            (tk_px)(sep_x + t->separator_width) > clip)
            tk_text_draw_clip(fb, t->font, t->separator, t->separator_len, sep_x, t->y, clip, 0, 0);
        x = (tk_px)(x + seg->width);
    }
}

int tk_ticker_frame(tk_ticker *t, uint32_t now_ms, tk_fb *fb)
{
    uint32_t dt_ms = t->framed ? now_ms - t->last_frame_ms : 0;
    tk_px moved;
    int stale, still, changed = 1;

    t->framed = 1;
    t->last_frame_ms = now_ms;
    fb->changed = 0;
    expire_items(t, now_ms);
    fill_strip(t);
    move_strip(t, dt_ms, now_ms);

    stale = tk_ticker_is_stale(t, now_ms);
    still = lone_segment_fits(t);
    moved = (tk_px)(t->marquee.offset - t->drawn_offset);
    if (t->dirty || fb != t->drawn_fb || stale || t->drawn_stale || still != t->drawn_still ||
        moved < 0 || moved >= (tk_px)t->width) {
        tk_fb_clear(fb);
        draw_strip(t, fb, 0, still);
    } else if (moved > 0) {
        tk_fb_scroll_left(fb, (uint16_t)moved);
        draw_strip(t, fb, (tk_px)(t->width - moved), still);
    } else {
        changed = 0; /* nothing moved: the frame is as it was */
    }
    if (stale)
        tk_fb_set_corner(fb, !((uint16_t)((uint16_t)now_ms - (uint16_t)t->last_heard_ms) >>
                               STALE_BLINK_SHIFT & 1u)); /* the low bits suffice */
    t->dirty = 0;
    t->drawn_fb = fb;
    t->drawn_offset = t->marquee.offset;
    t->drawn_still = still != 0;
    t->drawn_stale = stale != 0;
    t->stats.frames++;
    return changed;
}

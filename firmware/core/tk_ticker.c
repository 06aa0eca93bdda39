/* tk_ticker.c - the ticker's set-up, settings, events and shared helpers.
   Items in and out are in tk_items.c; the frame side (time, rotation,
   drawing) is in tk_frame.c. */
#include "tk_ticker.h"
#include "tk_font.h"
#include "tk_ticker_private.h"


void tk_zero(void *p, uint16_t n)
{
    uint8_t *b = p;
    while (n--)
        *b++ = 0;
}

void tk_settings_default(tk_settings *set)
{
    set->speed = 24;
    set->pause_ms = 1500;
    set->brightness = 4;
    set->breaking_passes = 3;
    set->stale_s = 30;
}

tk_err tk_ticker_init(tk_ticker *t, const uint8_t *font, uint16_t width, uint8_t height,
                      uint32_t now_ms)
{
    tk_settings set;
    if (!tk_font_valid(font) || width < 1 || width > TK_FB_MAX_WIDTH || height < 1 ||
        height > TK_FB_MAX_HEIGHT || tk_font_height(font) > height)
        return TK_ERR_INVALID;
    tk_zero(t, sizeof *t); /* every counter, flag and length starts at 0 */
    t->font = font;
    t->width = width;
    t->height = height;
    t->y = (uint8_t)((height - tk_font_height(font)) / 2);
    tk_queue_init(&t->queue);
    tk_marquee_reset(&t->marquee, width);
    tk_settings_default(&set);
    t->set = set;
    t->staging_slot = -1;
    t->last_frame_ms = now_ms;
    t->last_heard_ms = now_ms;
    t->low = 1;
    t->dirty = 1;
    /* " • ", written in place rather than copied from a constant: on an
       8-bit chip a constant array is RAM too (.data). */
    t->separator[0] = ' ';
    t->separator[1] = 0xE2;
    t->separator[2] = 0x80;
    t->separator[3] = 0xA2;
    t->separator[4] = ' ';
    return tk_ticker_set_separator(t, t->separator, 5);
}

tk_err tk_ticker_configure(tk_ticker *t, const tk_settings *set)
{
    if (set->speed < 1 || set->speed > 1000 || set->brightness > 15)
        return TK_ERR_INVALID;
    t->set = *set;
    return TK_OK;
}

/* Copies text into a fixed buffer of cap bytes; the caller measures it. */
static tk_err copy_text(uint8_t *dst, uint8_t *dst_len, uint16_t cap,
                        const uint8_t *text, uint16_t len)
{
    uint16_t i;
    if (len > cap)
        return TK_ERR_TOO_LONG;
    for (i = 0; i < len; i++)
        dst[i] = text[i];
    *dst_len = (uint8_t)len;
    return TK_OK;
}

tk_err tk_ticker_set_separator(tk_ticker *t, const uint8_t *text, uint16_t len)
{
    tk_err err = copy_text(t->separator, &t->separator_len, TK_SEPARATOR_MAX_BYTES, text, len);
    if (err)
        return err;
    t->separator_width = tk_text_width(t->font, t->separator, t->separator_len, 0);
    t->dirty = 1;
    if (t->separator_width == 0)
        t->separator_width = tk_font_height(t->font) / 2u + 1u; /* items never touch */
    return TK_OK;
}

tk_err tk_ticker_set_idle(tk_ticker *t, const uint8_t *text, uint16_t len)
{
    tk_err err = copy_text(t->idle, &t->idle_len, TK_IDLE_MAX_BYTES, text, len);
    if (err)
        return err;
    t->dirty = 1;
    return TK_OK;
}

void tk_ticker_push_event(tk_ticker *t, uint8_t kind, uint16_t id, uint32_t arg)
{
    tk_event_packed *ev;
    uint32_t v = ((uint32_t)kind << TK_EVENT_ARG_BITS) | arg;
    if (t->event_count >= TK_TICKER_EVENTS) {
        t->stats.event_overflows++;
        return;
    }
    ev = &t->event[(t->event_head + t->event_count) % TK_TICKER_EVENTS];
    ev->id = id;
    ev->kind_arg[0] = (uint8_t)v;
    ev->kind_arg[1] = (uint8_t)(v >> 8);
    ev->kind_arg[2] = (uint8_t)(v >> 16);
    t->event_count++;
}

int tk_ticker_peek_event(const tk_ticker *t, uint8_t i, tk_event *ev)
{
    const tk_event_packed *p = &t->event[(t->event_head + i) % TK_TICKER_EVENTS];
    if (i >= t->event_count)
        return 0;
    ev->id = p->id;
    ev->kind = (uint8_t)(p->kind_arg[2] >> (TK_EVENT_ARG_BITS - 16));
    ev->arg = ((uint32_t)(p->kind_arg[2] & ((1u << (TK_EVENT_ARG_BITS - 16)) - 1u)) << 16) |
              ((uint16_t)p->kind_arg[1] << 8) | p->kind_arg[0];
    return 1;
}

int tk_ticker_next_event(tk_ticker *t, tk_event *ev)
{
    if (!tk_ticker_peek_event(t, 0, ev))
        return 0;
    t->event_head = (uint8_t)((t->event_head + 1) % TK_TICKER_EVENTS);
    t->event_count--;
    return 1;
}

void tk_ticker_check_low(tk_ticker *t)
{
    uint8_t live = tk_queue_live(&t->queue);
    if (live < 2 && !t->low)
        tk_ticker_push_event(t, TK_EVENT_QUEUE_LOW, 0, live);
    t->low = live < 2;
}

/*
 * Drops every segment and lets the strip start again at the right edge;
 * slots that were only kept for the screen are freed.
 */
void tk_ticker_restart_strip(tk_ticker *t)
{
    uint8_t i;
    for (i = 0; i < t->marquee.count; i++)
        tk_ticker_release(t, t->marquee.seg[i].slot);
    tk_marquee_reset(&t->marquee, t->width);
    t->holding = 0;
    t->dirty = 1;
}

void tk_ticker_release(tk_ticker *t, int8_t slot)
{
    tk_item *item;
    if (slot < 0)
        return;
    item = &t->queue.slot[slot];
    item->pinned = 0;
    if (item->state == TK_SLOT_RETIRED)
        item->state = TK_SLOT_FREE;
}

void tk_ticker_retire(tk_item *item)
{
    item->state = item->pinned ? TK_SLOT_RETIRED : TK_SLOT_FREE;
}

void tk_ticker_heard(tk_ticker *t, uint32_t now_ms)
{
    t->last_heard_ms = now_ms;
}

int tk_ticker_is_stale(const tk_ticker *t, uint32_t now_ms)
{
    return t->set.stale_s != 0 && now_ms - t->last_heard_ms > (uint32_t)t->set.stale_s * 1000u;
}

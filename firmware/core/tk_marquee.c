/* tk_marquee.c - see tk_marquee.h. */
#include "tk_marquee.h"

/* A frame later than this moves the strip as if it were this late: a
   stalled host simulator must not fling the text off screen. */
#define MAX_STEP_MS 1000u

void tk_marquee_reset(tk_marquee *m, uint16_t view)
{
    m->count = 0;
    m->offset = -(tk_px)view;
    m->millipx = 0;
}

TK_NOINLINE tk_px tk_marquee_end(const tk_marquee *m)
{
    tk_px end = -m->offset;
    uint8_t i;
    for (i = 0; i < m->count; i++)
        end = (tk_px)(end + m->seg[i].width);
    return end;
}

int tk_marquee_wants_more(const tk_marquee *m, uint16_t view)
{
    /* Commit a screen ahead, so a segment is fixed before it shows and a
       frame that moves several pixels never opens a gap. */
    return m->count < TK_MARQUEE_SEGMENTS && tk_marquee_end(m) < 2 * (tk_px)view;
}

tk_segment *tk_marquee_append(tk_marquee *m, uint16_t view, int8_t slot, uint16_t text_width,
                              uint16_t width)
{
    tk_segment *s;
    if (m->count >= TK_MARQUEE_SEGMENTS)
        return 0;
    if (m->count == 0) {
        m->offset = -(tk_px)view; /* an empty strip waits at the right edge */
        m->head.byte = 0;
        m->head.px = 0;
    } else {
        /* The strip ran dry on screen: enter at the right edge, not mid-screen. */
        tk_px end = tk_marquee_end(m);
        if (end < (tk_px)view)
            m->seg[m->count - 1].width = (uint16_t)(m->seg[m->count - 1].width + (view - end));
    }
    s = &m->seg[m->count++];
    s->slot = slot;
    s->held = 0;
    s->breaking_pass = 0;
    s->text_width = text_width;
    s->width = width;
    s->right.byte = 0;
    s->right.px = 0;
    return s;
}

uint16_t tk_marquee_step(tk_marquee *m, uint32_t dt_ms, uint16_t speed)
{
    uint16_t dt = dt_ms > MAX_STEP_MS ? MAX_STEP_MS : (uint16_t)dt_ms;
    uint32_t milli = (uint32_t)speed * dt + m->millipx; /* 16 x 16 bits */
    uint16_t px;
    /* A frame moves a pixel or a few: subtractions cost an 8-bit chip far
       less than a division, in time and in code. */
    px = 0;
    while (milli >= 1000u) {
        milli -= 1000u;
        px++;
    }
    m->millipx = (uint16_t)milli;
    if (m->count > 0)
        m->offset = (tk_px)(m->offset + px);
    return px;
}

int8_t tk_marquee_pop(tk_marquee *m)
{
    int8_t slot;
    uint8_t i;
    if (m->count == 0 || m->offset < (tk_px)m->seg[0].width)
        return TK_SEG_NONE;
    slot = m->seg[0].slot;
    m->offset = (tk_px)(m->offset - m->seg[0].width);
    m->head.byte = 0; /* the next segment has not moved its head yet */
    m->head.px = 0;
    for (i = 1; i < m->count; i++)
        m->seg[i - 1] = m->seg[i];
    m->count--;
    return slot;
}

int tk_marquee_shows(const tk_marquee *m, int8_t slot)
{
    uint8_t i;
    for (i = 0; i < m->count; i++)
        if (m->seg[i].slot == slot)
            return 1;
    return 0;
}

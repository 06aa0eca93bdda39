/*
 * tk_marquee.h - the geometry of a continuous marquee.
 *
 * The display is a window on an endless strip of segments, each one item's
 * text followed by the separator. Segments are committed to the strip just
 * before they enter at the right edge and never change after that, so what
 * is on screen cannot be garbled by a later put. The strip moves by time,
 * not by frames: pixels = speed x elapsed time, with the fraction of a
 * pixel carried to the next frame.
 */
#ifndef TK_MARQUEE_H
#define TK_MARQUEE_H

#include <stdint.h>
#include "tk_config.h"
#include "tk_text.h"

#define TK_SEG_NONE (-3)  /* tk_marquee_pop: nothing left the screen */
#define TK_SEG_IDLE (-2)  /* the idle text, not a queue slot */
#define TK_SEG_BLANK (-1) /* its item was deleted: draw nothing */

typedef struct tk_segment {
    int8_t slot;           /* queue slot, or TK_SEG_IDLE / TK_SEG_BLANK */
    unsigned held : 1;     /* 1 once its pause at the left edge is done */
    unsigned breaking_pass : 1; /* 1 when it counts as one of a breaking item's passes */
    uint16_t text_width;   /* pixels of text */
    uint16_t width;        /* pixels of text plus separator */
    tk_text_cursor right;  /* first glyph not yet wholly drawn at the right edge */
} tk_segment;

typedef struct tk_marquee {
    tk_segment seg[TK_MARQUEE_SEGMENTS]; /* seg[0] is the leftmost */
    tk_text_cursor head;   /* seg[0]'s first glyph still visible */
    uint8_t count;         /* segments on the strip */
    tk_px offset;          /* pixels of seg[0] gone past the left edge;
                              negative while it is still coming in */
    uint16_t millipx;      /* thousandths of a pixel carried over */
} tk_marquee;

/* Empties the strip; what is appended next enters at the right edge. */
void tk_marquee_reset(tk_marquee *m, uint16_t view);
/* Screen column where the strip ends (may be past the right edge). */
tk_px tk_marquee_end(const tk_marquee *m);
/* 1 when another segment should be committed: the strip ends less than a
   screen (view, the display's width in pixels, as given to every call;
   the owner keeps it) past the right edge. */
int tk_marquee_wants_more(const tk_marquee *m, uint16_t view);
/* Commits a segment at the end of the strip and returns it; NULL when
   none is free (never after tk_marquee_wants_more said 1). */
tk_segment *tk_marquee_append(tk_marquee *m, uint16_t view, int8_t slot, uint16_t text_width,
                              uint16_t width);
/* Pixels the strip moves for dt_ms at speed px/s, carrying the fraction. */
uint16_t tk_marquee_step(tk_marquee *m, uint32_t dt_ms, uint16_t speed);
/* Removes seg[0] when it has wholly left the screen and returns its slot;
   TK_SEG_NONE when it is still visible or the strip is empty. */
int8_t tk_marquee_pop(tk_marquee *m);
/* 1 when slot is drawn by a segment. */
int tk_marquee_shows(const tk_marquee *m, int8_t slot);

#endif

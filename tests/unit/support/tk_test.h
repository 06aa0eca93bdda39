/*
 * tk_test.h - helpers shared by the unit tests of the firmware core.
 */
#ifndef TK_TEST_H
#define TK_TEST_H

#include <stdint.h>
#include "bdf_compile.h"
#include "tk_fb.h"
#include "tk_ticker.h"

/* The built-in font called name; fails the test when there is none. */
const uint8_t *tk_test_font(const char *name);

/* The head of a small BDF font for tests (7 rows, ascent 6): glyphs and
   CHARS follow. */
#define TK_TEST_BDF_HEAD                                                        \
    "STARTFONT 2.1\nFONTBOUNDINGBOX 4 7 0 -1\nSTARTPROPERTIES 2\nFONT_ASCENT 6\n" \
    "FONT_DESCENT 1\nENDPROPERTIES\n"

/* For a group setup: compiles the BDF text bdf and points *state at the
   bdfc_font (one per test program; tk_test_free_bdf, the group teardown,
   frees it); 0, or -1 after printing fontc's error. */
int tk_test_compile_bdf(void **state, const char *bdf);
int tk_test_free_bdf(void **state);

/* Puts text as item id with flags; returns what tk_ticker_put returned. */
tk_err tk_test_put(tk_ticker *t, uint16_t id, const char *text, uint8_t flags, uint32_t now_ms);

/* Runs frames every period_ms from *now_ms until until_ms, advancing *now_ms. */
void tk_test_run(tk_ticker *t, tk_fb *fb, uint32_t *now_ms, uint32_t until_ms, uint32_t period_ms);

/* The id of the item whose segment is at the left edge, or -1 for none/idle. */
int tk_test_head_id(const tk_ticker *t);

/* 1 when the frame has any lit pixel in columns [x0, x1). */
int tk_test_any_lit(const tk_fb *fb, uint16_t x0, uint16_t x1);

#endif

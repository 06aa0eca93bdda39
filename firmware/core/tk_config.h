/*
 * tk_config.h - compile-time sizes of the firmware core.
 *
 * Every buffer in the core is static and sized here. A port (or the build
 * line) overrides a default by defining the macro first; nothing here is
 * chip specific. A setting that cannot work is an #error with a sentence.
 */
#ifndef TK_CONFIG_H
#define TK_CONFIG_H

/* Largest display the build supports; the run-time geometry may be smaller. */
#ifndef TK_FB_MAX_WIDTH
#define TK_FB_MAX_WIDTH 256
#endif
#ifndef TK_FB_MAX_HEIGHT
#define TK_FB_MAX_HEIGHT 16
#endif

/* Queue slots: each holds one item's text, copied in. */
#ifndef TK_QUEUE_SLOTS
#define TK_QUEUE_SLOTS 16
#endif

/* Longest item text in bytes of UTF-8, without a terminator. */
#ifndef TK_ITEM_MAX_BYTES
#define TK_ITEM_MAX_BYTES 240
#endif

/* Separator drawn between items, and the text shown when nothing is queued. */
#ifndef TK_SEPARATOR_MAX_BYTES
#define TK_SEPARATOR_MAX_BYTES 8
#endif
#ifndef TK_IDLE_MAX_BYTES
#define TK_IDLE_MAX_BYTES 32
#endif

/*
 * Items (or parts of items) that can be on screen at once. Each is at least
 * one separator wide, so a wide display with tiny items needs more.
 */
#ifndef TK_MARQUEE_SEGMENTS
#define TK_MARQUEE_SEGMENTS 8
#endif

/* Events (item started, finished, ...) waiting for the device to send them. */
#ifndef TK_TICKER_EVENTS
#define TK_TICKER_EVENTS 8
#endif

/*
 * A small helper called from several places, which the compiler would
 * copy into each (with link-time optimisation, into the port's main): one
 * copy, called, saves an 8-bit chip's flash for a call's few cycles.
 */
#if defined(__GNUC__)
#define TK_NOINLINE __attribute__((noinline))
#else
#define TK_NOINLINE
#endif

#if TK_FB_MAX_HEIGHT < 1 || TK_FB_MAX_HEIGHT > 16
#error "TK_FB_MAX_HEIGHT must be 1..16: a framebuffer column is at most 16 rows."
#endif
#if TK_FB_MAX_WIDTH < 8 || TK_FB_MAX_WIDTH > 1024
#error "TK_FB_MAX_WIDTH must be 8..1024 pixels."
#endif
#if TK_SEPARATOR_MAX_BYTES < 5
#error "TK_SEPARATOR_MAX_BYTES must be at least 5: the default separator is \" \xE2\x80\xA2 \"."
#endif
#if TK_QUEUE_SLOTS < 2 || TK_QUEUE_SLOTS > 64
#error "TK_QUEUE_SLOTS must be 2..64: replacing a visible item needs a spare slot."
#endif
#if TK_ITEM_MAX_BYTES < 16 || TK_ITEM_MAX_BYTES > 1024
#error "TK_ITEM_MAX_BYTES must be 16..1024."
#endif
#if TK_TICKER_EVENTS < 1 || TK_TICKER_EVENTS > 64
#error "TK_TICKER_EVENTS must be 1..64."
#endif
#if TK_MARQUEE_SEGMENTS < 2 || TK_MARQUEE_SEGMENTS > 64
#error "TK_MARQUEE_SEGMENTS must be 2..64."
#endif

#endif

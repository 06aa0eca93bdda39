/*
 * playlist.h - what goes on the displays: the feeds' items, filtered, with
 * the same story from several feeds folded into one, ranked and rotated
 * fairly across feeds; then, for each display, every title condensed for
 * that display's font and width and sent as differences.
 *
 *   playlist_similar.c  same story or not: word sets of cleaned titles; word lists
 *   playlist_build.c    filters, dedup, breaking, ranking and rotation
 *   playlist_ids.c      stable 16-bit display ids
 *   playlist_display.c  per display: condense options, ITEM_PUT/DEL, CONFIG, --print
 *
 * Everything takes the time as an argument, so it is deterministic.
 */
#ifndef PLAYLIST_H
#define PLAYLIST_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "condense.h"
#include "config.h"
#include "link.h"
#include "state.h"

/* An item stays breaking news (pre-empting the rotation) this long after
   its time; then it is an ordinary item. */
#define PLAYLIST_BREAKING_S 3600
/* Without [condense] max_px or max_bytes a headline may be this many
   screens wide, and at least PLAYLIST_MIN_PX (text scrolls: a wire
   headline of ~75 characters reads well even on a narrow display). */
#define PLAYLIST_SCREENS 3
#define PLAYLIST_MIN_PX 384
/* Words of a title compared, and bytes of each word's key. */
#define PLAYLIST_MAX_WORDS 24
#define PLAYLIST_WORD_KEY 8
/* Two titles must share at least this many words to be one story (fewer
   only when both have fewer words and all of them match). */
#define PLAYLIST_MIN_SHARED 3
/* Bytes of a condensed title. */
#define PLAYLIST_TEXT_MAX LINK_ITEM_MAX_BYTES

/* One item of a feed; nothing is owned. */
typedef struct playlist_input {
    const char *key;            /* the feed's id for it */
    const char *title;          /* as parsed */
    time_t published;           /* 0: not known */
    time_t first_seen;
    const char *lead;           /* the feed's summary; NULL: none */
} playlist_input;

/* One feed: its config and its items (any order). */
typedef struct playlist_source {
    const config_feed *cfg;
    const playlist_input *items;
    unsigned nitems;
} playlist_source;

typedef struct playlist_stats {
    unsigned candidates;        /* items the feeds offered */
    unsigned expired;           /* older than a max_age */
    unsigned filtered;          /* include/exclude, or nothing left after cleaning */
    unsigned folded;            /* duplicates of a story already in the playlist */
    unsigned dropped;           /* over a max_items */
} playlist_stats;

/* A cleaned title's words, normalised for comparing. */
typedef struct playlist_words {
    char w[PLAYLIST_MAX_WORDS][PLAYLIST_WORD_KEY];
    unsigned n;
} playlist_words;

/* ---- playlist_similar.c ---- */

/* The words of title: lower-cased, possessives and plural s removed, cut to
   PLAYLIST_WORD_KEY - 1 bytes, stop words left out, each once. */
void playlist_words_of(const char *title, playlist_words *out);
/* Dice similarity of two word sets in percent (0..100). */
unsigned playlist_similarity(const playlist_words *a, const playlist_words *b);
/* 1 when a and b are one story at threshold percent (see PLAYLIST_MIN_SHARED). */
int playlist_same_story(const playlist_words *a, const playlist_words *b, unsigned threshold);
/* 1 when text holds one of the comma-separated words or phrases of list as
   whole words, ignoring ASCII case. */
int playlist_has_word(const char *text, const char *list);

/* ---- playlist_build.c ---- */

/*
 * Builds the playlist at now from the feeds in src (in the config's order):
 * items past a max_age, or failing the feed's include/exclude, or empty once
 * cleaned are left out; the same story from several feeds is kept once,
 * from the highest-priority feed; breaking items come first, newest first;
 * then one item of each feed per round, feeds in order of priority and
 * freshness, newest items first; at most [playlist] max_items (and
 * LINK_MAX_ITEMS). Ids are kept from prev (playlist_ids.c).
 * *out gets a malloc'd array the caller frees with state_items_free();
 * titles are kept as parsed (each display condenses them its own way).
 * 0, or -1 when out of memory (*out NULL).
 */
int playlist_build(const config_playlist *pc, const playlist_source *src, unsigned nsrc,
                   const state_item *prev, unsigned nprev, time_t now, state_item **out,
                   unsigned *nout, playlist_stats *stats);

/* ---- playlist_ids.c ---- */

/* The display id for (feed, key): its id in prev, else a hash of both,
   else the next free one; never one of fresh[0..n) nor, at once, one prev
   gave another item. */
uint16_t playlist_pick_id(const state_item *prev, unsigned nprev, const state_item *fresh,
                          unsigned n, const char *feed, const char *key);

/* ---- playlist_display.c ---- */

/* How one display gets its titles; filled by playlist_display_opts(). */
typedef struct playlist_view {
    condense_opts o;            /* o.site is set per item */
    const char *font_name;      /* for --print; "" when not known */
    unsigned width;             /* pixels; 0: not known */
    int ready;                  /* width and font are known: titles can be made */
} playlist_view;

/* The view of display dc (NULL: no display, as for --print without one):
   its font from [display] font, else [condense] font, else the built-in
   font whose coverage the display's CAPS report; its budget from [condense]
   max_px, else max_bytes, else PLAYLIST_SCREENS screens (at least
   PLAYLIST_MIN_PX); never more bytes than the display takes; the
   abbreviations from [condense] abbreviations. caps may be NULL. */
void playlist_display_view(const config *cfg, const config_display *dc, const msg_caps *caps,
                           playlist_view *v);
/* it's title condensed for v into out (cap bytes); its length, 0 when
   nothing is left. */
size_t playlist_display_text(const playlist_view *v, const state_item *it, char *out,
                             size_t cap);
/* Makes l's playlist items[0..n) as v shows them: ITEM_DEL for ids of
   old[0..nold) that are gone, ITEM_PUT for new or changed texts (the link
   sends only differences). */
void playlist_display_send(link_conn *l, const playlist_view *v, const state_item *items,
                           unsigned n, const state_item *old, unsigned nold);
/* The display's settings from the config: speed and brightness of dc, the
   separator and idle text of [playlist] (transliterated for v's font);
   the firmware's defaults for what the config leaves out. 1 when the
   config sets any of them (send it), 0 when the display's own may stay. */
int playlist_display_config(const config *cfg, const config_display *dc,
                            const playlist_view *v, msg_config *out);
/* Prints "FEED<TAB>TEXT" lines of items as v shows them, after a
   "# display NAME: ..." line when name is not NULL. */
void playlist_display_print(const playlist_view *v, const char *name, const state_item *items,
                            unsigned n, FILE *out);

#endif

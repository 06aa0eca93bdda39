/*
 * playlist_display.c - the playlist as one display shows it: every title
 * condensed for that display's font and width (and transliterated for its
 * font), sent as differences; and the display's settings from the config.
 *
 * The link (link.h) keeps the display equal to what it was given and
 * sends only ITEM_PUT for new or changed texts and ITEM_DEL for removed
 * ids; after a display reset it sends everything again by itself.
 */
#include <string.h>

#include "playlist.h"
#include "tk_font.h"
#include "tk_fonts.h"
#include "tk_ticker.h"

/* The firmware's own separator (tk_ticker.c), sent when the config sets
   none but sets other things: CONFIG always carries one. */
#define DEFAULT_SEPARATOR " \xe2\x80\xa2 "

/* A condensed title, transliterated separator or idle text. */
static char text[CONDENSE_MAX_INPUT * 3 + 16];

static const uint8_t *font_named(const char *name)
{
    unsigned i;
    for (i = 0; tk_fonts_builtin[i].name; i++)
        if (strcmp(tk_fonts_builtin[i].name, name) == 0)
            return tk_fonts_builtin[i].data;
    return NULL;
}

/* The built-in font the display's CAPS describe, or -1. */
static int font_of_caps(const msg_caps *caps)
{
    int i;
    for (i = 0; tk_fonts_builtin[i].name; i++)
        if (tk_font_coverage(tk_fonts_builtin[i].data) == caps->coverage &&
            tk_font_height(tk_fonts_builtin[i].data) == caps->font_height)
            return i;
    return -1;
}

void playlist_display_view(const config *cfg, const config_display *dc, const msg_caps *caps,
                           playlist_view *v)
{
    const char *name = dc && dc->font[0] ? dc->font : cfg->condense.font;
    size_t max_item = caps && caps->max_item ? caps->max_item : LINK_ITEM_MAX_BYTES;
    int i;

    memset(v, 0, sizeof *v);
    v->o.abbrev = cfg->condense.abbrev;
    v->font_name = "";
    if (name[0]) {
        /* a name that is not built in measures in the default font and
           keeps every glyph: the display draws what it has */
        v->o.font = font_named(name);
        v->font_name = name;
    } else if (caps && (i = font_of_caps(caps)) >= 0) {
        v->o.font = tk_fonts_builtin[i].data;
        v->font_name = tk_fonts_builtin[i].name;
    }
    v->width = dc && dc->width ? (unsigned)dc->width : caps ? caps->width : 0;
    if (cfg->condense.max_px) {
        v->o.max_px = (unsigned)cfg->condense.max_px;
    } else if (cfg->condense.max_bytes) {
        v->o.max_bytes = (size_t)cfg->condense.max_bytes;
    } else {
        v->o.max_px = v->width * PLAYLIST_SCREENS;
        if (v->o.max_px < PLAYLIST_MIN_PX)
            v->o.max_px = PLAYLIST_MIN_PX;
    }
    if (max_item > PLAYLIST_TEXT_MAX)
        max_item = PLAYLIST_TEXT_MAX;
    if (!v->o.max_bytes || v->o.max_bytes > max_item)
        v->o.max_bytes = max_item;
    /* before CAPS, only a display whose config says it all can be served:
       titles made for a guessed width would all be sent twice */
    v->ready = !dc || caps || (dc->width && dc->font[0]);
}

size_t playlist_display_text(const playlist_view *v, const state_item *it, char *out,
                             size_t cap)
{
    condense_opts o = v->o;
    int n;
    o.site = it->feed;
    n = condense_line(&o, it->title, strlen(it->title), out, cap);
    return n > 0 ? (size_t)n : 0;
}

static int has_id(const state_item *items, unsigned n, uint16_t id)
{
    unsigned i;
    for (i = 0; i < n; i++)
        if (items[i].id == id)
            return 1;
    return 0;
}

void playlist_display_send(link_conn *l, const playlist_view *v, const state_item *items,
                           unsigned n, const state_item *old, unsigned nold)
{
    unsigned i;
    for (i = 0; i < nold; i++)
        if (!has_id(items, n, old[i].id))
            link_delete_item(l, old[i].id);
    if (!v->ready)
        return;
    for (i = 0; i < n; i++) {
        size_t len = playlist_display_text(v, &items[i], text, sizeof text);
        msg_item m = { items[i].id, items[i].breaking ? TK_PUT_BREAKING : 0, 0, 0,
                       (const uint8_t *)text, (uint16_t)len };
        if (len)
            link_set_item(l, &m);
    }
}

/* src transliterated for v's font into dst, at most cap bytes cut at a
   word (the display takes no more); returns the length. */
static uint8_t fit_text(const playlist_view *v, const char *src, uint8_t *dst, size_t cap)
{
    condense_opts o = v->o;
    int n;
    o.max_px = 0;
    o.max_bytes = 0;
    n = condense_stage(&o, "translit", src, strlen(src), text, sizeof text);
    if (n > (int)cap) {
        char cut[CONDENSE_MAX_INPUT * 3 + 16];
        o.max_bytes = cap;
        n = condense_stage(&o, "fit", text, (size_t)n, cut, sizeof cut);
        if (n > 0)
            memcpy(text, cut, (size_t)n);
    }
    if (n <= 0 || n > (int)cap)
        return 0;
    memcpy(dst, text, (size_t)n);
    return (uint8_t)n;
}

int playlist_display_config(const config *cfg, const config_display *dc,
                            const playlist_view *v, msg_config *out)
{
    const config_playlist *p = &cfg->playlist;
    tk_settings set;
    char sep[sizeof p->separator + 2];

    tk_settings_default(&set);
    memset(out, 0, sizeof *out);
    out->speed = dc && dc->speed ? (uint16_t)dc->speed : set.speed;
    out->brightness = dc && dc->brightness >= 0 ? (uint8_t)dc->brightness : set.brightness;
    out->pause_ms = set.pause_ms;
    out->passes = set.breaking_passes;
    out->stale_s = set.stale_s;
    if (p->separator[0])
        snprintf(sep, sizeof sep, " %s ", p->separator);
    else
        snprintf(sep, sizeof sep, "%s", DEFAULT_SEPARATOR);
    out->separator_len = fit_text(v, sep, out->separator, MSG_SEPARATOR_MAX);
    out->idle_len = fit_text(v, p->idle_text, out->idle, MSG_IDLE_MAX);
    return (dc && (dc->speed || dc->brightness >= 0)) || p->separator[0] || p->idle_text[0];
}

void playlist_display_print(const playlist_view *v, const char *name, const state_item *items,
                            unsigned n, FILE *out)
{
    unsigned i;
    if (name)
        fprintf(out, "# display %s: font %s, %u px wide, at most %u px and %zu bytes an item\n",
                name, v->font_name[0] ? v->font_name : "unknown", v->width, v->o.max_px,
                v->o.max_bytes);
    for (i = 0; i < n; i++)
        if (playlist_display_text(v, &items[i], text, sizeof text))
            fprintf(out, "%s\t%s\n", items[i].feed, text);
}

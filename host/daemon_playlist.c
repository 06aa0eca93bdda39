/*
 * daemon_playlist.c - the feeds' items become the playlist (playlist.h)
 * and go to the displays: each display gets the titles condensed for its
 * own font and width, as differences, and its settings from the config.
 * The playlist is saved in the state directory whenever it changes, and a
 * restart puts the saved one on the displays before the first fetch.
 */
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "log.h"
#include "role.h"

static int playlist_equal(const state_item *a, unsigned na, const state_item *b, unsigned nb)
{
    unsigned i;
    if (na != nb)
        return 0;
    for (i = 0; i < na; i++)
        if (a[i].id != b[i].id || a[i].breaking != b[i].breaking ||
            strcmp(a[i].title, b[i].title) != 0)
            return 0;
    return 1;
}

static const config_display *display_cfg(const daemon_ctx *d, unsigned k)
{
    unsigned i;
    for (i = 0; i < d->cfg->ndisplays; i++)
        if (strcmp(d->cfg->displays[i].name, d->link_names[k]) == 0)
            return &d->cfg->displays[i];
    return NULL;
}

static int caps_same(const msg_caps *a, const msg_caps *b)
{
    return a->boot_id == b->boot_id && a->width == b->width && a->coverage == b->coverage &&
           a->font_height == b->font_height && a->max_item == b->max_item;
}

/* Sends old -> the current playlist to every display. */
static void send_changes(daemon_ctx *d, const state_item *old, unsigned nold)
{
    unsigned k;
    for (k = 0; k < d->nlinks; k++)
        if (d->view_set[k])
            playlist_display_send(d->links[k], &d->views[k], d->playlist, d->nplaylist, old,
                                  nold);
}

static void log_stats(daemon_ctx *d, const playlist_stats *st, unsigned n)
{
    if (n == 0 && d->nplaylist > 0)
        log_msg(LOG_INFO, "playlist: empty (nothing new enough); the displays show the idle "
                "text");
    if (st->folded != d->pstats.folded || n != d->nplaylist)
        log_msg(LOG_INFO, "playlist: %u items, %u duplicates folded, %u too old, %u filtered "
                "out", n, st->folded, st->expired, st->filtered);
    d->pstats = *st;
}

void daemon_playlist_update(daemon_ctx *d, time_t now)
{
    playlist_source src[CONFIG_MAX_FEEDS];
    playlist_input *in;
    playlist_stats st;
    state_item *fresh;
    unsigned i, j, total = 0, n;

    if (d->role && d->role->kind == CONFIG_ROLE_DISPLAY) {
        role_display_rebuild(d, now); /* the broker's playlist, not feeds */
        return;
    }
    for (i = 0; i < d->nfeeds; i++)
        total += d->feeds[i]->nitems;
    if (!(in = calloc(total + 1, sizeof *in))) {
        log_msg(LOG_ERROR, "playlist: out of memory; keeping the old one");
        return;
    }
    for (i = 0, total = 0; i < d->nfeeds; i++) {
        const daemon_feed *f = d->feeds[i];
        src[i].cfg = &f->cfg;
        src[i].items = in + total;
        src[i].nitems = f->nitems;
        for (j = 0; j < f->nitems; j++, total++) {
            in[total].key = f->items[j].key;
            in[total].title = f->items[j].title;
            in[total].lead = f->items[j].lead;
            in[total].published = f->items[j].published;
            in[total].first_seen = f->items[j].first_seen;
        }
    }
    if (playlist_build(&d->cfg->playlist, src, d->nfeeds, d->playlist, d->nplaylist, now,
                       &fresh, &n, &st) != 0) {
        log_msg(LOG_ERROR, "playlist: out of memory; keeping the old one");
        free(in);
        return;
    }
    free(in);
    daemon_playlist_take(d, fresh, n, &st);
}

void daemon_playlist_take(daemon_ctx *d, state_item *fresh, unsigned n,
                          const playlist_stats *st)
{
    state_item *old;
    unsigned nold;

    if (playlist_equal(fresh, n, d->playlist, d->nplaylist)) {
        d->pstats = *st;
        state_items_free(fresh, n);
        return;
    }
    log_stats(d, st, n);
    old = d->playlist;
    nold = d->nplaylist;
    d->playlist = fresh;
    d->nplaylist = n;
    send_changes(d, old, nold);
    state_items_free(old, nold);
    if (d->store)
        state_playlist_save(d->store, d->playlist, d->nplaylist);
    role_playlist_changed(d);
}

void daemon_playlist_restore(daemon_ctx *d, time_t now)
{
    state_item *items;
    unsigned n;
    state_playlist_load(d->store, &items, &n);
    if (d->role && d->role->kind == CONFIG_ROLE_DISPLAY) {
        /* shown at once; the broker's retained state confirms or replaces it */
        role_display_seed(d, items, n);
        state_items_free(items, n);
        daemon_playlist_update(d, now);
        return;
    }
    daemon_feeds_adopt(d, items, n);
    d->playlist = items;
    d->nplaylist = n;
    daemon_playlist_update(d, now);
    if (n)
        log_msg(LOG_INFO, "state: %u items from the last run, %u of them still shown", n,
                d->nplaylist);
}

void daemon_playlist_displays(daemon_ctx *d, int force)
{
    unsigned k;
    for (k = 0; k < d->nlinks; k++) {
        const msg_caps *caps = link_caps(d->links[k]);
        const config_display *dc = display_cfg(d, k);
        msg_config mc;
        if (!force && d->view_set[k] &&
            (!caps || caps_same(caps, &d->view_caps[k])))
            continue;
        if (caps)
            d->view_caps[k] = *caps;
        playlist_display_view(d->cfg, dc, caps, &d->views[k]);
        d->view_set[k] = 1;
        if (playlist_display_config(d->cfg, dc, &d->views[k], &mc))
            link_set_config(d->links[k], &mc);
        playlist_display_send(d->links[k], &d->views[k], d->playlist, d->nplaylist, NULL, 0);
    }
}

void daemon_playlist_print(const daemon_ctx *d, FILE *out)
{
    playlist_view v;
    unsigned i;
    if (!d->cfg->ndisplays) {
        playlist_display_view(d->cfg, NULL, NULL, &v);
        playlist_display_print(&v, NULL, d->playlist, d->nplaylist, out);
    }
    for (i = 0; i < d->cfg->ndisplays; i++) {
        playlist_display_view(d->cfg, &d->cfg->displays[i], NULL, &v);
        playlist_display_print(&v, d->cfg->displays[i].name, d->playlist, d->nplaylist, out);
    }
}

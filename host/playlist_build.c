/*
 * playlist_build.c - the feeds' items -> the playlist: filters, the same
 * story folded across feeds, breaking news first, then a fair rotation.
 *
 * Rotation: round r takes the r-th newest item of every feed that has one,
 * feeds ordered by priority, then by how fresh that item is, then by the
 * config's order; so a busy feed cannot push the others off the screen,
 * and when max_items cuts a round short, priority decides who stays.
 * Dedup runs in that same order against what was taken; a duplicate from
 * a higher-priority feed takes the place of the item it matches. The walk
 * goes on past max_items only to fold, so the count of duplicates and the
 * choice of feed do not depend on where the cut falls.
 */
#include <stdlib.h>
#include <string.h>

#include "playlist.h"

typedef struct cand {
    const playlist_source *src;
    const playlist_input *in;
    unsigned feed_ix;           /* in the config's order */
    time_t t;                   /* its time: published (never in the future), else first seen */
    int breaking;
    playlist_words words;
} cand;

/* The time an item is ranked and aged by. */
static time_t item_time(const playlist_input *in, time_t now)
{
    time_t t = in->published ? in->published : in->first_seen;
    if (!t || t > now)
        t = now;
    return t;
}

static int too_old(long max_age_s, time_t t, time_t now)
{
    return max_age_s > 0 && now - t > max_age_s;
}

/* Newest first; ties in the feed's own order. */
static int by_time(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->t != b->t)
        return a->t < b->t ? 1 : -1;
    return a->in < b->in ? -1 : a->in > b->in;
}

/* Round order: priority, freshness, the config's order. */
static int by_rank(const void *pa, const void *pb)
{
    const cand *a = *(const cand *const *)pa, *b = *(const cand *const *)pb;
    if (a->src->cfg->priority != b->src->cfg->priority)
        return a->src->cfg->priority < b->src->cfg->priority ? 1 : -1;
    if (a->t != b->t)
        return a->t < b->t ? 1 : -1;
    return a->feed_ix < b->feed_ix ? -1 : a->feed_ix > b->feed_ix;
}

/* Takes src's items that pass its filters into c (sorted newest first, at
   most its max_items); returns how many. */
static unsigned candidates(const config_playlist *pc, const playlist_source *src,
                           unsigned feed_ix, time_t now, cand *c, playlist_stats *st)
{
    static char clean[CONDENSE_MAX_INPUT * 3 + 16]; /* condense's worst case */
    condense_opts o = { 0, 0, NULL, src->cfg->name, NULL };
    unsigned i, n = 0;

    for (i = 0; i < src->nitems; i++) {
        const playlist_input *in = &src->items[i];
        time_t t = item_time(in, now);
        st->candidates++;
        if (too_old(src->cfg->max_age_s, t, now) || too_old(pc->max_age_s, t, now)) {
            st->expired++;
            continue;
        }
        if ((src->cfg->include[0] && !playlist_has_word(in->title, src->cfg->include)) ||
            playlist_has_word(in->title, src->cfg->exclude) ||
            condense_line(&o, in->title, strlen(in->title), clean, sizeof clean) <= 0) {
            st->filtered++;
            continue;
        }
        c[n].src = src;
        c[n].in = in;
        c[n].feed_ix = feed_ix;
        c[n].t = t;
        c[n].breaking = (src->cfg->breaking || playlist_has_word(in->title,
                         pc->breaking_keywords)) && now - t < PLAYLIST_BREAKING_S;
        playlist_words_of(clean, &c[n].words);
        n++;
    }
    qsort(c, n, sizeof *c, by_time);
    if (n > (unsigned)src->cfg->max_items) {
        st->dropped += n - (unsigned)src->cfg->max_items;
        n = (unsigned)src->cfg->max_items;
    }
    return n;
}

/* Takes c into the selection sel[0..*nsel), folding it into the same story
   when one is there already. */
static void take(cand **sel, unsigned *nsel, unsigned max, cand *c, unsigned threshold,
                 playlist_stats *st)
{
    unsigned i;
    for (i = 0; i < *nsel && threshold; i++) {
        if (!playlist_same_story(&sel[i]->words, &c->words, threshold))
            continue;
        st->folded++;
        c->breaking |= sel[i]->breaking;
        sel[i]->breaking |= c->breaking;
        if (c->src->cfg->priority > sel[i]->src->cfg->priority)
            sel[i] = c;
        return;
    }
    if (*nsel < max)
        sel[(*nsel)++] = c;
    else
        st->dropped++;
}

/* The selection as state items with ids; 0 or -1. */
static int emit(cand **sel, unsigned nsel, const state_item *prev, unsigned nprev,
                state_item **out, unsigned *nout)
{
    state_item *items = calloc(nsel ? nsel : 1, sizeof *items);
    unsigned i;

    if (!items)
        return -1;
    for (i = 0; i < nsel; i++) {
        state_item *it = &items[i];
        const char *feed = sel[i]->src->cfg->name;
        it->id = playlist_pick_id(prev, nprev, items, i, feed, sel[i]->in->key);
        it->breaking = (uint8_t)sel[i]->breaking;
        memcpy(it->feed, feed, strlen(feed) + 1);
        it->first_seen = sel[i]->in->first_seen;
        it->published = sel[i]->in->published;
        it->key = strdup(sel[i]->in->key);
        it->title = strdup(sel[i]->in->title);
        it->lead = sel[i]->in->lead ? strdup(sel[i]->in->lead) : NULL;
        if (!it->key || !it->title || (sel[i]->in->lead && !it->lead)) {
            state_items_free(items, i + 1);
            return -1;
        }
    }
    *out = items;
    *nout = nsel;
    return 0;
}

int playlist_build(const config_playlist *pc, const playlist_source *src, unsigned nsrc,
                   const state_item *prev, unsigned nprev, time_t now, state_item **out,
                   unsigned *nout, playlist_stats *stats)
{
    unsigned total = 0, i, r, nsel = 0, nround, max = (unsigned)pc->max_items;
    unsigned *first = calloc(nsrc + 1, sizeof *first), *count = calloc(nsrc + 1, sizeof *count);
    cand *c = NULL, **sel = NULL, **round = calloc(nsrc + 1, sizeof *round);
    int rc = -1;

    memset(stats, 0, sizeof *stats);
    *out = NULL;
    *nout = 0;
    if (max > LINK_MAX_ITEMS)
        max = LINK_MAX_ITEMS;
    for (i = 0; i < nsrc; i++)
        total += src[i].nitems;
    if (!first || !count || !round || !(c = calloc(total + 1, sizeof *c)) ||
        !(sel = calloc(max + 1, sizeof *sel)))
        goto done;
    for (i = 0, total = 0; i < nsrc; i++) {
        first[i] = total;
        count[i] = candidates(pc, &src[i], i, now, c + total, stats);
        total += count[i];
    }
    /* breaking news first, newest first, whatever the feed */
    for (nround = 0, i = 0; i < total; i++)
        if (c[i].breaking)
            nround++;
    if (nround) {
        cand **brk = calloc(nround, sizeof *brk);
        if (!brk)
            goto done;
        for (nround = 0, i = 0; i < total; i++)
            if (c[i].breaking)
                brk[nround++] = &c[i];
        qsort(brk, nround, sizeof *brk, by_rank);
        for (i = 0; i < nround; i++)
            take(sel, &nsel, max, brk[i], (unsigned)pc->dedup_percent, stats);
        free(brk);
    }
    for (r = 0;; r++) {
        int more = 0;
        for (nround = 0, i = 0; i < nsrc; i++) {
            if (r >= count[i])
                continue;
            more = 1;
            if (!c[first[i] + r].breaking)
                round[nround++] = &c[first[i] + r];
        }
        if (!more)
            break; /* no feed has an r-th item */
        qsort(round, nround, sizeof *round, by_rank);
        for (i = 0; i < nround; i++)
            take(sel, &nsel, max, round[i], (unsigned)pc->dedup_percent, stats);
    }
    rc = emit(sel, nsel, prev, nprev, out, nout);
done:
    free(first);
    free(count);
    free(round);
    free(c);
    free(sel);
    return rc;
}

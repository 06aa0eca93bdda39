/*
 * daemon_feeds.c - each feed's schedule, its fetch results, and its items.
 *
 * A feed is fetched when due; the result decides the next due time
 * (fetch_policy.h) and the feed's health. Health changes are logged, one
 * line each (ok -> failing, failing -> ok); repeated failures only at
 * debug level. A failing feed keeps the items of its last good fetch.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "daemon.h"
#include "feed.h"
#include "fetch_policy.h"
#include "log.h"

static uint32_t next_random(daemon_ctx *d)
{
    /* xorshift32: jitter needs spread, not secrecy */
    uint32_t x = d->rng ? d->rng : 2463534242u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return d->rng = x;
}

static void free_items(daemon_item *items, unsigned n)
{
    unsigned i;
    for (i = 0; i < n; i++) {
        free(items[i].key);
        free(items[i].title);
        free(items[i].lead);
    }
    free(items);
}

daemon_feed *daemon_feed_new(daemon_ctx *d, const config_feed *cfg)
{
    daemon_feed *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->cfg = *cfg;
    if (d->store) {
        state_feed_load(d->store, cfg->name, &f->st);
        if (f->st.url_hash != state_hash(cfg->url)) {
            /* validators of another URL would be wrong here */
            f->st.etag[0] = 0;
            f->st.last_modified[0] = 0;
        }
    }
    f->st.url_hash = state_hash(cfg->url);
    return f;
}

void daemon_feed_free(daemon_ctx *d, daemon_feed *f)
{
    if (!f)
        return;
    if (f->in_flight)
        fetch_cancel(d->fetch, f);
    state_feed_clear(&f->st);
    free_items(f->items, f->nitems);
    free(f);
}

void daemon_feed_update(daemon_ctx *d, daemon_feed *f, const config_feed *cfg, uint64_t now_ms)
{
    int url_changed = strcmp(f->cfg.url, cfg->url) != 0;
    f->cfg = *cfg;
    if (f->nitems > (unsigned)cfg->max_items) {
        while (f->nitems > (unsigned)cfg->max_items) {
            f->nitems--;
            free(f->items[f->nitems].key);
            free(f->items[f->nitems].title);
            free(f->items[f->nitems].lead);
        }
    }
    if (!url_changed)
        return;
    if (f->in_flight) {
        fetch_cancel(d->fetch, f);
        f->in_flight = 0;
    }
    f->st.url_hash = state_hash(cfg->url);
    f->st.etag[0] = 0;
    f->st.last_modified[0] = 0;
    f->due_ms = now_ms;
    if (d->store)
        state_feed_save(d->store, cfg->name, &f->st);
}

uint64_t daemon_feeds_start_due(daemon_ctx *d, uint64_t now_ms)
{
    uint64_t next = FETCH_NEVER;
    unsigned i;

    for (i = 0; i < d->nfeeds; i++) {
        daemon_feed *f = d->feeds[i];
        if (f->in_flight || (d->once && f->fetched_once))
            continue;
        if (f->due_ms <= now_ms) {
            /* Every started transfer holds an easy handle with its buffers
               (~20 KiB); past the connection limit they would only wait in
               libcurl's queue. The feed stays due: the end of a transfer
               wakes the loop, which comes back here. */
            if (fetch_active(d->fetch) >= FETCH_MAX_CONNECTIONS)
                continue;
            fetch_request req = {
                f->cfg.url, f->cfg.ca_file, f->cfg.pinned_pubkey, f->cfg.user_agent,
                d->once ? NULL : f->st.etag, d->once ? NULL : f->st.last_modified,
                f->cfg.allow_http, f->cfg.timeout_s, (size_t)f->cfg.max_size
            };
            if (fetch_start(d->fetch, &req, f) == 0) {
                f->in_flight = 1;
                log_msg(LOG_DEBUG, "feed %s: fetching", f->cfg.name);
                continue;
            }
            /* could not even start (out of memory): try again later */
            f->due_ms = now_ms + 1000u * (uint64_t)f->cfg.interval_s;
        }
        if (f->due_ms < next)
            next = f->due_ms;
    }
    return next;
}

/* Newest first: by published (else updated) date when every item has one,
   else in the document's order, which feeds keep newest first. */
static int by_date_desc(const void *a, const void *b)
{
    const feed_item *x = a, *y = b;
    time_t tx = x->has_published ? x->published : x->updated;
    time_t ty = y->has_published ? y->published : y->updated;
    return tx < ty ? 1 : tx > ty ? -1 : 0;
}

/* Copies at most max bytes of s, not cutting a UTF-8 sequence. */
static char *copy_utf8(const char *s, size_t max)
{
    size_t n = strlen(s);
    char *d;
    if (n > max) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    if ((d = malloc(n + 1))) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

/* Replaces f's items with the newest of parsed; 0 or -1 (out of memory). */
static int take_items(daemon_feed *f, feed *parsed)
{
    daemon_item *items = calloc((size_t)f->cfg.max_items, sizeof *items);
    time_t now = time(NULL);
    size_t i;
    unsigned n = 0;
    int dated = 1;

    if (!items)
        return -1;
    for (i = 0; i < parsed->nitems; i++)
        dated &= parsed->items[i].has_published || parsed->items[i].has_updated;
    if (dated)
        qsort(parsed->items, parsed->nitems, sizeof *parsed->items, by_date_desc);
    for (i = 0; i < parsed->nitems && n < (unsigned)f->cfg.max_items; i++) {
        const feed_item *it = &parsed->items[i];
        const char *key = it->id ? it->id : it->link ? it->link : it->title;
        if (!it->title || !*it->title || !key)
            continue;
        if (state_feed_see(&f->st, key, now) < 0 ||
            !(items[n].key = copy_utf8(key, STATE_ID_MAX - 1)) ||
            !(items[n].title = copy_utf8(it->title, STATE_TITLE_MAX - 1)) ||
            (it->summary && *it->summary &&
             !(items[n].lead = copy_utf8(it->summary, STATE_LEAD_MAX - 1)))) {
            free_items(items, n + 1);
            return -1;
        }
        items[n].first_seen = state_feed_first_seen(&f->st, key);
        items[n].published = it->has_published ? it->published
                             : it->has_updated ? it->updated : 0;
        n++;
    }
    free_items(f->items, f->nitems);
    f->items = items;
    f->nitems = n;
    return 0;
}

int daemon_feed_fetched(daemon_ctx *d, daemon_feed *f, const char *body, size_t len,
                        const char *content_type, const char *final_url, long *ttl_min,
                        char *err, size_t errlen)
{
    feed parsed;
    int rc = feed_parse(body, len, content_type, final_url, &parsed, err, errlen);

    (void)d; /* the stages after parsing will want it */
    *ttl_min = -1;
    if (rc == 0) {
        *ttl_min = parsed.ttl;
        if (take_items(f, &parsed) != 0) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        }
    }
    feed_free(&parsed);
    return rc;
}

static void log_failure(const daemon_feed *f, const char *why, long delay_s)
{
    char where[CONFIG_URL_MAX];
    fetch_policy_redact(f->cfg.url, where, sizeof where);
    if (f->health != FEED_FAILING)
        log_msg(LOG_WARN, "feed %s (%s): failing: %s; keeping its %u items; retrying with "
                "backoff, next in %ld s", f->cfg.name, where, why, f->nitems, delay_s);
    else
        log_msg(LOG_DEBUG, "feed %s: still failing (%u): %s; next in %ld s", f->cfg.name,
                f->failures, why, delay_s);
}

static void log_success(const daemon_feed *f, int not_modified)
{
    if (f->health == FEED_FAILING)
        log_msg(LOG_INFO, "feed %s: ok again after %u failures, %u items", f->cfg.name,
                f->failures, f->nitems);
    else if (f->health == FEED_NEW)
        log_msg(LOG_INFO, "feed %s: ok, %u items%s", f->cfg.name, f->nitems,
                not_modified ? " (not modified since last run)" : "");
    else
        log_msg(LOG_DEBUG, "feed %s: %s, %u items", f->cfg.name,
                not_modified ? "not modified" : "fetched", f->nitems);
}

/* Keeps the validators the answer carried; a 304 may update them. */
static void keep_validators(daemon_feed *f, const fetch_response *r)
{
    if (r->etag && strlen(r->etag) < sizeof f->st.etag)
        memcpy(f->st.etag, r->etag, strlen(r->etag) + 1);
    else if (r->status == FETCH_BODY)
        f->st.etag[0] = 0;
    if (r->last_modified && strlen(r->last_modified) < sizeof f->st.last_modified)
        memcpy(f->st.last_modified, r->last_modified, strlen(r->last_modified) + 1);
    else if (r->status == FETCH_BODY)
        f->st.last_modified[0] = 0;
}

void daemon_feed_done(void *ctx, void *tag, const fetch_response *r)
{
    daemon_ctx *d = ctx;
    daemon_feed *f = tag;
    fetch_outcome o = { 0, 0, r->max_age_s, -1, r->retry_after_s };
    char why[512];
    long delay;

    f->in_flight = 0;
    f->fetched_once = 1;
    f->last_fetch = time(NULL);
    snprintf(why, sizeof why, "%s", r->error);
    if (r->status == FETCH_BODY) {
        char err[256];
        if (daemon_feed_fetched(d, f, r->body, r->body_len, r->content_type, r->final_url,
                                &o.ttl_min, err, sizeof err) == 0)
            o.ok = 1;
        else
            snprintf(why, sizeof why, "cannot parse it: %s", err);
    } else if (r->status == FETCH_NOT_MODIFIED) {
        o.ok = 1;
    }
    if (o.ok) {
        f->last_error[0] = 0;
        keep_validators(f, r);
        delay = fetch_policy_delay_s(f->cfg.interval_s, &o);
        if (d->store)
            state_feed_save(d->store, f->cfg.name, &f->st);
        if (r->status == FETCH_BODY)
            daemon_playlist_update(d, time(NULL));
        /* logged once the state is written, so the line means it is */
        log_success(f, r->status == FETCH_NOT_MODIFIED);
        f->health = FEED_OK;
        f->failures = 0;
    } else {
        snprintf(f->last_error, sizeof f->last_error, "%s", why);
        o.failures = ++f->failures;
        delay = fetch_policy_delay_s(f->cfg.interval_s, &o);
        log_failure(f, why, delay);
        f->health = FEED_FAILING;
    }
    f->due_ms = clock_now_ms() + fetch_policy_jitter_ms(delay, next_random(d));
}

void daemon_feeds_adopt(daemon_ctx *d, const state_item *items, unsigned n)
{
    unsigned i, j;
    for (i = 0; i < d->nfeeds; i++) {
        daemon_feed *f = d->feeds[i];
        for (j = 0; j < n && f->nitems < (unsigned)f->cfg.max_items; j++) {
            daemon_item *it;
            if (strcmp(items[j].feed, f->cfg.name) != 0)
                continue;
            if (!f->items && !(f->items = calloc((size_t)f->cfg.max_items, sizeof *f->items)))
                return;
            it = &f->items[f->nitems];
            if (!(it->key = copy_utf8(items[j].key, STATE_ID_MAX - 1)) ||
                !(it->title = copy_utf8(items[j].title, STATE_TITLE_MAX - 1)) ||
                (items[j].lead && !(it->lead = copy_utf8(items[j].lead, STATE_LEAD_MAX - 1)))) {
                free(it->key);
                free(it->title);
                it->key = it->title = NULL;
                return;
            }
            it->first_seen = items[j].first_seen;
            it->published = items[j].published;
            f->nitems++;
        }
    }
}

/*
 * role_display.c - a display host's side of the broker (role.h): it
 * subscribes to the items, the order and the settings, and its playlist
 * is the items the order lists, in that order, that it holds and that have
 * not expired. Each of its displays then condenses and transliterates
 * them for its own font and width, as a standalone tickerd does.
 *
 * The order makes a resync exact: an item deleted while this host or the
 * broker was away is simply not listed in the retained order it gets on
 * subscribing, so nothing stale stays on screen, and while the broker is
 * away the displays keep what they show. The saved playlist is the
 * starting point after a restart; the retained state replaces it.
 *
 * Its status, at PREFIX/displays/NAME/status, says online with its item
 * and display counts; the Last Will set in role.c says offline.
 */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "role.h"

static mqtt_item *find(struct role *r, uint16_t id)
{
    unsigned i;
    for (i = 0; i < r->nitems; i++)
        if (r->items[i].it.id == id)
            return &r->items[i];
    return NULL;
}

static int listed(const struct role *r, uint16_t id)
{
    int i;
    for (i = 0; i < r->norder; i++)
        if (r->order[i] == id)
            return 1;
    return 0;
}

static void drop(struct role *r, mqtt_item *m)
{
    mqtt_item_clear(m);
    *m = r->items[--r->nitems];
    memset(&r->items[r->nitems], 0, sizeof r->items[0]);
}

/* A free slot for id (an old one replaced, else a new one, else one the
   order does not list); NULL when all hold listed items. */
static mqtt_item *slot(struct role *r, uint16_t id)
{
    mqtt_item *m = find(r, id);
    unsigned i;
    if (m) {
        mqtt_item_clear(m);
        return m;
    }
    if (r->nitems < ROLE_MAX_ITEMS)
        return &r->items[r->nitems++];
    for (i = 0; i < r->nitems; i++)
        if (!listed(r, r->items[i].it.id)) {
            mqtt_item_clear(&r->items[i]);
            return &r->items[i];
        }
    return NULL;
}

static char *dup_text(const char *s)
{
    size_t n = strlen(s ? s : "");
    char *c = malloc(n + 1);
    if (c)
        memcpy(c, s ? s : "", n + 1);
    return c;
}

void role_display_rebuild(daemon_ctx *d, time_t now)
{
    struct role *r = d->role;
    playlist_stats st;
    state_item *fresh;
    unsigned n = 0;
    int i;

    if (r->norder < 0)
        return; /* nothing known yet: keep what the displays show */
    memset(&st, 0, sizeof st);
    if (!(fresh = calloc((size_t)r->norder + 1, sizeof *fresh))) {
        log_msg(LOG_ERROR, "playlist: out of memory; keeping the old one");
        return;
    }
    for (i = 0; i < r->norder; i++) {
        const mqtt_item *m = find(r, r->order[i]);
        if (!m)
            continue; /* listed before it came: it shows when it does */
        if (m->expires && m->expires <= now) {
            st.expired++;
            continue;
        }
        fresh[n] = m->it;
        fresh[n].key = dup_text(m->it.key);
        fresh[n].title = dup_text(m->it.title);
        fresh[n].lead = m->it.lead ? dup_text(m->it.lead) : NULL;
        if (!fresh[n].key || !fresh[n].title || (m->it.lead && !fresh[n].lead)) {
            state_items_free(fresh, n + 1);
            log_msg(LOG_ERROR, "playlist: out of memory; keeping the old one");
            return;
        }
        n++;
    }
    st.candidates = r->nitems;
    daemon_playlist_take(d, fresh, n, &st);
}

void role_display_seed(daemon_ctx *d, const state_item *items, unsigned n)
{
    struct role *r = d->role;
    unsigned i;
    r->norder = 0;
    for (i = 0; i < n && i < LINK_MAX_ITEMS; i++) {
        mqtt_item *m = slot(r, items[i].id);
        if (!m)
            break;
        m->it = items[i];
        m->it.key = dup_text(items[i].key);
        m->it.title = dup_text(items[i].title);
        m->it.lead = items[i].lead ? dup_text(items[i].lead) : NULL;
        m->expires = 0;
        if (!m->it.key || !m->it.title || (items[i].lead && !m->it.lead)) {
            drop(r, m);
            break;
        }
        r->order[r->norder++] = items[i].id;
    }
}

void role_display_status(struct role *r)
{
    const daemon_ctx *d = r->d;
    mqtt_host_status s = { 1, d->nplaylist, d->nlinks, 0 };
    char topic[MQTT_TOPIC_MAX], suffix[96], *json;
    unsigned k;

    if (mqtt_link_get_state(r->link) != MQTT_LINK_CONNECTED)
        return;
    for (k = 0; k < d->nlinks; k++)
        s.ready += link_get_state(d->links[k]) == LINK_READY;
    if (!(json = mqtt_status_encode(&s)))
        return;
    if (r->status_sent && strcmp(json, r->status_sent) == 0) {
        free(json);
        return;
    }
    snprintf(suffix, sizeof suffix, "displays/%s/status", r->cfg.name);
    role_topic(r, suffix, topic, sizeof topic);
    if (mqtt_link_publish(r->link, topic, json, strlen(json)) != 0) {
        free(json);
        return;
    }
    free(r->status_sent);
    r->status_sent = json;
}

void role_display_connected(struct role *r)
{
    role_subscribe(r, "items/+");
    role_subscribe(r, "playlist");
    role_subscribe(r, "config");
    free(r->status_sent); /* the broker may have lost it, or hold the Last Will */
    r->status_sent = NULL;
    role_display_status(r);
}

/* The shared settings replace [playlist] idle_text and separator; every
   display gets its CONFIG again. */
static void take_settings(struct role *r, const void *payload, size_t len)
{
    char err[256];
    daemon_ctx *d = r->d;
    if (mqtt_settings_decode(payload, len, &r->settings, err, sizeof err) != 0) {
        log_msg(LOG_WARN, "mqtt: %s/config: %s; keeping the settings", r->cfg.prefix, err);
        return;
    }
    r->have_settings = 1;
    memcpy(d->cfg->playlist.idle_text, r->settings.idle_text, sizeof r->settings.idle_text);
    memcpy(d->cfg->playlist.separator, r->settings.separator, sizeof r->settings.separator);
    memset(d->view_set, 0, sizeof d->view_set);
    daemon_playlist_displays(d, 1);
}

void role_display_message(struct role *r, const char *topic, const void *payload, size_t len)
{
    long id = mqtt_item_topic_id(r->cfg.prefix, topic);
    size_t n = strlen(r->cfg.prefix);
    char err[256];
    int got;

    if (id > 0) {
        mqtt_item *m = find(r, (uint16_t)id);
        if (len == 0) {
            if (m)
                drop(r, m);
        } else if (!(m = slot(r, (uint16_t)id))) {
            log_msg(LOG_WARN, "mqtt: %s: more than %d items held; left out", topic,
                    ROLE_MAX_ITEMS);
            return;
        } else if (mqtt_item_decode(payload, len, (uint16_t)id, m, err, sizeof err) != 0) {
            log_msg(LOG_WARN, "mqtt: %s: %s; left out", topic, err);
            drop(r, m);
        }
    } else if (strncmp(topic, r->cfg.prefix, n) == 0 && strcmp(topic + n, "/playlist") == 0) {
        if (len == 0) {
            r->norder = 0;
        } else if ((got = mqtt_order_decode(payload, len, r->order, LINK_MAX_ITEMS, err,
                                            sizeof err)) < 0) {
            log_msg(LOG_WARN, "mqtt: %s: %s; keeping the order", topic, err);
            return;
        } else {
            r->norder = got;
        }
    } else if (strncmp(topic, r->cfg.prefix, n) == 0 && strcmp(topic + n, "/config") == 0) {
        if (len)
            take_settings(r, payload, len);
        return;
    } else {
        return;
    }
    r->dirty = 1; /* a burst of retained messages makes one rebuild */
}

void role_display_free(struct role *r)
{
    unsigned i;
    for (i = 0; i < r->nitems; i++)
        mqtt_item_clear(&r->items[i]);
    free(r->status_sent);
}

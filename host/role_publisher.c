/*
 * role_publisher.c - the publisher's side of the broker (role.h): every
 * item of the playlist as one retained message at PREFIX/items/ID, an
 * empty retained message for an item that left, the order at
 * PREFIX/playlist and the display settings at PREFIX/config. Only what
 * changed is published; after every (re)connection everything is, so
 * that a broker that lost its state (restarted without persistence) has
 * it again. The retained items the broker sends back on subscribing are
 * checked: one this playlist does not hold is deleted, one that differs
 * is published again, so a stale item left by an earlier run goes too.
 *
 * It also listens to PREFIX/displays/+/status and keeps the display hosts
 * it has heard of for the status file.
 */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "role.h"

static void item_topic(const struct role *r, uint16_t id, char *out, size_t cap)
{
    char suffix[32];
    snprintf(suffix, sizeof suffix, "items/%u", (unsigned)id);
    role_topic(r, suffix, out, cap);
}

/* The JSON of playlist item it; the caller frees it. NULL: no memory. */
static char *item_json(const daemon_ctx *d, const state_item *it)
{
    const config_feed *f = config_find_feed(d->cfg, it->feed);
    long max_age = d->cfg->playlist.max_age_s;
    time_t base = it->published ? it->published : it->first_seen;
    mqtt_item m;

    memset(&m, 0, sizeof m);
    m.it = *it;
    m.priority = f ? f->priority : 0;
    if (f && f->max_age_s && (!max_age || f->max_age_s < max_age))
        max_age = f->max_age_s;
    m.expires = max_age && base ? base + max_age : 0;
    return mqtt_item_encode(&m);
}

static role_pub_item *find_pub(struct role *r, uint16_t id)
{
    unsigned i;
    for (i = 0; i < r->npub; i++)
        if (r->pub[i].id == id)
            return &r->pub[i];
    return NULL;
}

static const state_item *find_item(const daemon_ctx *d, uint16_t id)
{
    unsigned i;
    for (i = 0; i < d->nplaylist; i++)
        if (d->playlist[i].id == id)
            return &d->playlist[i];
    return NULL;
}

/* Publishes json at topic unless *last already says it (and !full); keeps
   it as *last (taking it). */
static void publish_kept(struct role *r, const char *topic, char *json, char **last, int full)
{
    if (!json)
        return;
    if (!full && *last && strcmp(*last, json) == 0) {
        free(json);
        return;
    }
    if (mqtt_link_publish(r->link, topic, json, strlen(json)) != 0) {
        free(json);
        return; /* not connected: everything goes at the next connection */
    }
    free(*last);
    *last = json;
}

void role_publisher_sync(struct role *r, int full)
{
    const daemon_ctx *d = r->d;
    char topic[MQTT_TOPIC_MAX];
    uint16_t ids[LINK_MAX_ITEMS];
    mqtt_settings s;
    unsigned i, k, n = 0;

    if (mqtt_link_get_state(r->link) != MQTT_LINK_CONNECTED)
        return;
    /* the ones that left first, so that an id used again is not deleted after */
    for (k = 0; k < r->npub;) {
        if (find_item(d, r->pub[k].id)) {
            k++;
            continue;
        }
        item_topic(r, r->pub[k].id, topic, sizeof topic);
        if (mqtt_link_publish(r->link, topic, "", 0) != 0)
            return;
        free(r->pub[k].json);
        r->pub[k] = r->pub[--r->npub];
    }
    for (i = 0; i < d->nplaylist && n < LINK_MAX_ITEMS; i++) {
        const state_item *it = &d->playlist[i];
        role_pub_item *p = find_pub(r, it->id);
        if (!p && r->npub < ROLE_MAX_ITEMS) {
            p = &r->pub[r->npub++];
            p->id = it->id;
            p->json = NULL;
        }
        ids[n++] = it->id;
        if (p) {
            item_topic(r, it->id, topic, sizeof topic);
            publish_kept(r, topic, item_json(d, it), &p->json, full);
        }
    }
    role_topic(r, "playlist", topic, sizeof topic);
    publish_kept(r, topic, mqtt_order_encode(ids, n), &r->pub_order, full);
    memcpy(s.idle_text, d->cfg->playlist.idle_text, sizeof s.idle_text);
    memcpy(s.separator, d->cfg->playlist.separator, sizeof s.separator);
    role_topic(r, "config", topic, sizeof topic);
    publish_kept(r, topic, mqtt_settings_encode(&s), &r->pub_settings, full);
}

void role_publisher_connected(struct role *r)
{
    role_subscribe(r, "items/+");
    role_subscribe(r, "displays/+/status");
    role_publisher_sync(r, 1);
}

/* A retained item from before this connection: delete it or put it right. */
static void check_retained(struct role *r, long id, const void *payload, size_t len)
{
    const role_pub_item *p = find_pub(r, (uint16_t)id);
    char topic[MQTT_TOPIC_MAX];

    item_topic(r, (uint16_t)id, topic, sizeof topic);
    if (!find_item(r->d, (uint16_t)id) || !p || !p->json) {
        if (len) {
            log_msg(LOG_INFO, "mqtt: deleting %s, which the playlist no longer holds", topic);
            mqtt_link_publish(r->link, topic, "", 0);
        }
        return;
    }
    if (len != strlen(p->json) || memcmp(payload, p->json, len) != 0)
        mqtt_link_publish(r->link, topic, p->json, strlen(p->json));
}

static void heard_host(struct role *r, const char *name, const void *payload, size_t len)
{
    role_host *h = NULL;
    unsigned i;

    for (i = 0; i < r->nhosts && !h; i++)
        if (strcmp(r->hosts[i].name, name) == 0)
            h = &r->hosts[i];
    if (!h && len == 0)
        return;
    if (!h) {
        if (r->nhosts == ROLE_MAX_HOSTS || strlen(name) >= CONFIG_NAME_MAX) {
            r->hosts_dropped++;
            return;
        }
        h = &r->hosts[r->nhosts++];
        memcpy(h->name, name, strlen(name) + 1);
        log_msg(LOG_INFO, "mqtt: display host %s", name);
    }
    if (len == 0 || mqtt_status_decode(payload, len, &h->st) != 0)
        memset(&h->st, 0, sizeof h->st);
    h->heard = time(NULL);
}

void role_publisher_message(struct role *r, const char *topic, const void *payload, size_t len,
                            int retained)
{
    size_t n = strlen(r->cfg.prefix);
    long id = mqtt_item_topic_id(r->cfg.prefix, topic);
    char name[CONFIG_NAME_MAX + 1];
    const char *p, *end;

    if (id > 0) {
        if (retained)
            check_retained(r, id, payload, len);
        return;
    }
    if (strncmp(topic, r->cfg.prefix, n) != 0 || strncmp(topic + n, "/displays/", 10) != 0)
        return;
    p = topic + n + 10;
    end = strchr(p, '/');
    if (!end || strcmp(end, "/status") != 0 || end == p || (size_t)(end - p) >= sizeof name)
        return;
    memcpy(name, p, (size_t)(end - p));
    name[end - p] = 0;
    heard_host(r, name, payload, len);
}

void role_publisher_free(struct role *r)
{
    unsigned i;
    for (i = 0; i < r->npub; i++)
        free(r->pub[i].json);
    free(r->pub_order);
    free(r->pub_settings);
}

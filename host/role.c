/*
 * role.c - a publisher's or display host's broker connection inside the
 * daemon (role.h): started from [mqtt], polled by the daemon's loop,
 * restarted when a reload changes [mqtt], and shown in the status file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "role.h"
#include "status.h"

void role_topic(const struct role *r, const char *suffix, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", r->cfg.prefix, suffix);
}

void role_subscribe(struct role *r, const char *suffix)
{
    char topic[MQTT_TOPIC_MAX];
    role_topic(r, suffix, topic, sizeof topic);
    mqtt_link_subscribe(r->link, topic);
}

static void connected(void *ctx, int session_present)
{
    struct role *r = ctx;
    (void)session_present; /* subscribing again is what resends the retained state */
    if (r->kind == CONFIG_ROLE_PUBLISHER)
        role_publisher_connected(r);
    else
        role_display_connected(r);
}

static void message(void *ctx, const char *topic, const void *payload, size_t len, int retained)
{
    struct role *r = ctx;
    if (r->kind == CONFIG_ROLE_PUBLISHER)
        role_publisher_message(r, topic, payload, len, retained);
    else
        role_display_message(r, topic, payload, len);
}

int role_start(daemon_ctx *d)
{
    const config_mqtt *c = &d->cfg->mqtt;
    mqtt_link_handler h = { NULL, connected, message };
    char client_id[CONFIG_NAME_MAX + 16], will[MQTT_TOPIC_MAX], err[512], suffix[96];
    char *offline = NULL;
    mqtt_host_status gone = { 0, 0, 0, 0 };
    struct role *r;

    if (c->role == CONFIG_ROLE_STANDALONE)
        return 0;
    if (!(r = calloc(1, sizeof *r))) {
        log_msg(LOG_ERROR, "mqtt: out of memory");
        return -1;
    }
    r->kind = c->role;
    r->cfg = *c;
    r->d = d;
    r->norder = -1;
    h.ctx = r;
    /* stable across restarts, so that the broker keeps the session */
    snprintf(client_id, sizeof client_id, "tickerd-%s-%s",
             c->role == CONFIG_ROLE_PUBLISHER ? "pub" : "disp", c->name);
    if (c->role == CONFIG_ROLE_DISPLAY) {
        snprintf(suffix, sizeof suffix, "displays/%s/status", c->name);
        role_topic(r, suffix, will, sizeof will);
        if (!(offline = mqtt_status_encode(&gone))) {
            log_msg(LOG_ERROR, "mqtt: out of memory");
            free(r);
            return -1;
        }
    }
    r->link = mqtt_link_new(c, client_id, offline ? will : NULL, offline, &h, err, sizeof err);
    free(offline);
    if (!r->link) {
        log_msg(LOG_ERROR, "mqtt: %s", err);
        free(r);
        return -1;
    }
    d->role = r;
    log_msg(LOG_INFO, "mqtt: %s %s on %s, topics under %s/", config_role_name(c->role), c->name,
            c->host, c->prefix);
    return 0;
}

void role_stop(daemon_ctx *d)
{
    struct role *r = d->role;
    if (!r)
        return;
    if (r->kind == CONFIG_ROLE_DISPLAY) {
        /* a clean disconnect does not send the Last Will: say it */
        mqtt_host_status gone = { 0, 0, 0, 0 };
        char topic[MQTT_TOPIC_MAX], suffix[96], *json = mqtt_status_encode(&gone);
        snprintf(suffix, sizeof suffix, "displays/%s/status", r->cfg.name);
        role_topic(r, suffix, topic, sizeof topic);
        if (json)
            mqtt_link_publish(r->link, topic, json, strlen(json));
        free(json);
        role_display_free(r);
    } else {
        role_publisher_free(r);
    }
    mqtt_link_free(r->link);
    free(r);
    d->role = NULL;
}

void role_reload(daemon_ctx *d)
{
    const config_mqtt *c = &d->cfg->mqtt;
    struct role *r = d->role;
    if (r && memcmp(&r->cfg, c, sizeof *c) == 0) {
        if (r->kind == CONFIG_ROLE_DISPLAY && r->have_settings) {
            /* the new file's [playlist] does not override the shared settings */
            memcpy(d->cfg->playlist.idle_text, r->settings.idle_text, sizeof r->settings.idle_text);
            memcpy(d->cfg->playlist.separator, r->settings.separator, sizeof r->settings.separator);
        }
        return;
    }
    if (!d->role && c->role == CONFIG_ROLE_STANDALONE)
        return;
    log_msg(LOG_INFO, "mqtt: [mqtt] changed; connecting again");
    role_stop(d);
    if (role_start(d) != 0)
        log_msg(LOG_ERROR, "mqtt: not connected to any broker until the next reload");
}

unsigned role_pollfd(const daemon_ctx *d, struct pollfd *p)
{
    int fd = d->role ? mqtt_link_fd(d->role->link) : -1;
    if (fd < 0)
        return 0;
    p->fd = fd;
    p->events = mqtt_link_poll_events(d->role->link);
    p->revents = 0;
    return 1;
}

void role_on_poll(daemon_ctx *d, const struct pollfd *p, uint64_t now_ms)
{
    if (!d->role)
        return;
    if (p && p->fd == mqtt_link_fd(d->role->link))
        mqtt_link_on_poll(d->role->link, p->revents, now_ms);
    else
        mqtt_link_on_timer(d->role->link, now_ms);
    if (d->role->kind != CONFIG_ROLE_DISPLAY)
        return;
    if (d->role->dirty) {
        d->role->dirty = 0;
        role_display_rebuild(d, time(NULL));
    }
    role_display_status(d->role); /* a display became ready or went */
}

uint64_t role_next_deadline_ms(const daemon_ctx *d)
{
    return d->role ? mqtt_link_next_deadline_ms(d->role->link) : UINT64_MAX;
}

int role_fatal(const daemon_ctx *d)
{
    return d->role && mqtt_link_fatal(d->role->link);
}

void role_playlist_changed(daemon_ctx *d)
{
    if (!d->role)
        return;
    if (d->role->kind == CONFIG_ROLE_PUBLISHER)
        role_publisher_sync(d->role, 0);
    else
        role_display_status(d->role);
}

void role_status(const daemon_ctx *d, state_buf *b)
{
    const struct role *r = d->role;
    char when[32];
    unsigned i;

    if (!r)
        return;
    status_time(mqtt_link_since(r->link), when, sizeof when);
    state_buf_addf(b, "\nBroker: %s %s at %s:%ld%s, topics %s/: ", config_role_name(r->kind), r->cfg.name,
         r->cfg.host, r->cfg.port ? r->cfg.port : r->cfg.tls ? 8883L : 1883L,
         r->cfg.tls ? " (TLS)" : "", r->cfg.prefix);
    switch (mqtt_link_get_state(r->link)) {
    case MQTT_LINK_CONNECTED: state_buf_addf(b, "connected since %s", when); break;
    case MQTT_LINK_CONNECTING: state_buf_addf(b, "connecting"); break;
    case MQTT_LINK_WAITING: state_buf_addf(b, "not connected since %s", when); break;
    }
    if (mqtt_link_error(r->link)[0])
        state_buf_addf(b, "; last error: %s", mqtt_link_error(r->link));
    state_buf_addf(b, "; %u connections made\n", mqtt_link_connects(r->link));
    if (r->kind == CONFIG_ROLE_DISPLAY) {
        if (r->norder < 0)
            state_buf_addf(b, "  from the broker: %u items, no playlist order yet\n", r->nitems);
        else
            state_buf_addf(b, "  from the broker: %u items, a playlist of %d\n", r->nitems, r->norder);
        return;
    }
    state_buf_addf(b, "  published: %u items\n", r->npub);
    state_buf_addf(b, "Display hosts seen: %u\n", r->nhosts + r->hosts_dropped);
    for (i = 0; i < r->nhosts; i++) {
        const role_host *h = &r->hosts[i];
        status_time(h->heard, when, sizeof when);
        state_buf_addf(b, "  %s: %s, %u items, %u of %u displays ready; heard %s\n", h->name,
             h->st.online ? "online" : "offline", h->st.items, h->st.ready, h->st.displays,
             when);
    }
}

uint64_t role_signature(const daemon_ctx *d)
{
    const struct role *r = d->role;
    uint64_t h = 0;
    unsigned i;
    if (!r)
        return 0;
    h = (uint64_t)mqtt_link_get_state(r->link) << 56 ^ (uint64_t)mqtt_link_since(r->link) ^
        (uint64_t)r->nitems << 40 ^ (uint64_t)r->npub << 48 ^ state_hash(mqtt_link_error(r->link));
    for (i = 0; i < r->nhosts; i++)
        h = h * 31 + (uint64_t)r->hosts[i].heard + r->hosts[i].st.items * 7u +
            (uint64_t)r->hosts[i].st.online;
    return h;
}

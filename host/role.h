/*
 * role.h - what a publisher and a display host do with the broker
 * (mqtt.h), on top of the daemon (daemon.h). A standalone tickerd has no
 * role (d->role is NULL) and none of this runs.
 *
 *   role.c            starting and stopping per [mqtt] role, the poll loop's
 *                     hooks, the broker's part of the status file
 *   role_publisher.c  the playlist out: one retained message per item, the
 *                     order, the display settings; the display hosts seen
 *   role_display.c    the playlist in: items and order from the broker, for
 *                     this host's own displays, which condense them
 */
#ifndef ROLE_H
#define ROLE_H

#include <poll.h>
#include <stdint.h>
#include <time.h>

#include "daemon.h"
#include "mqtt.h"
#include "state_io.h"

#define ROLE_MAX_HOSTS 256      /* display hosts a publisher lists; more are counted */
#define ROLE_MAX_ITEMS 256      /* items a display host holds (the order shows 64 at most) */

typedef struct role_host {
    char name[CONFIG_NAME_MAX];
    mqtt_host_status st;
    time_t heard;               /* when its status last came */
} role_host;

typedef struct role_pub_item {
    uint16_t id;
    char *json;                 /* owned: what was published for it */
} role_pub_item;

/* One per daemon with a role; fields of the other role stay empty. */
struct role {
    long kind;                  /* CONFIG_ROLE_PUBLISHER or CONFIG_ROLE_DISPLAY */
    config_mqtt cfg;            /* the [mqtt] it was started with */
    mqtt_link *link;
    daemon_ctx *d;
    /* publisher */
    role_pub_item pub[ROLE_MAX_ITEMS]; /* the items as last published */
    unsigned npub;
    char *pub_order, *pub_settings;   /* owned; as last published */
    role_host hosts[ROLE_MAX_HOSTS];
    unsigned nhosts, hosts_dropped;
    /* display */
    mqtt_item items[ROLE_MAX_ITEMS];   /* what the broker gave, any order */
    unsigned nitems;
    uint16_t order[LINK_MAX_ITEMS];    /* the publisher's order of them */
    int norder;                        /* -1: none known yet */
    mqtt_settings settings;
    int have_settings;
    int dirty;                         /* a message changed something: rebuild this turn */
    char *status_sent;                 /* owned; the host status last published */
};

/* ---- role.c ---- */

/* Starts d's role from d->cfg->mqtt (nothing for standalone). -1 with a
   logged reason when it cannot (a CA file that does not load, ...). */
int role_start(daemon_ctx *d);
void role_stop(daemon_ctx *d);
/* After a reload: starts again when [mqtt] changed. */
void role_reload(daemon_ctx *d);
/* Fills p with the broker's socket; 1, or 0 when there is none now. */
unsigned role_pollfd(const daemon_ctx *d, struct pollfd *p);
/* Handles p (NULL: no socket this turn) and the link's timers. */
void role_on_poll(daemon_ctx *d, const struct pollfd *p, uint64_t now_ms);
uint64_t role_next_deadline_ms(const daemon_ctx *d);
/* 1 when the broker can never work as configured: stop. */
int role_fatal(const daemon_ctx *d);
/* d's playlist changed: publish it, or say how many items this host shows. */
void role_playlist_changed(daemon_ctx *d);
/* The broker's lines of the status file, and a signature of them. */
void role_status(const daemon_ctx *d, state_buf *b);
uint64_t role_signature(const daemon_ctx *d);
/* PREFIX/SUFFIX into out. */
void role_topic(const struct role *r, const char *suffix, char *out, size_t cap);
/* Subscribes to PREFIX/suffix. */
void role_subscribe(struct role *r, const char *suffix);

/* ---- role_publisher.c ---- */

void role_publisher_connected(struct role *r);
void role_publisher_message(struct role *r, const char *topic, const void *payload, size_t len,
                            int retained);
/* Publishes what changed in d's playlist (everything when full). */
void role_publisher_sync(struct role *r, int full);
void role_publisher_free(struct role *r);

/* ---- role_display.c ---- */

void role_display_connected(struct role *r);
void role_display_message(struct role *r, const char *topic, const void *payload, size_t len);
/* The playlist from what the broker gave, at now, into d (daemon_playlist_take). */
void role_display_rebuild(daemon_ctx *d, time_t now);
/* The saved playlist as the starting point after a restart; copies items. */
void role_display_seed(daemon_ctx *d, const state_item *items, unsigned n);
/* Publishes this host's status when it changed. */
void role_display_status(struct role *r);
void role_display_free(struct role *r);

#endif

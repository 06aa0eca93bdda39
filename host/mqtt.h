/*
 * mqtt.h - sharing the playlist over MQTT 3.1.1 (libmosquitto, any broker):
 * the topics and their JSON, and one broker connection driven by
 * tickerd's poll loop. The roles that use them are in role.h.
 *
 *   mqtt_item_json.c  an item's JSON and the playlist's order (cJSON)
 *   mqtt_msg_json.c   the display settings' and a display host's status JSON
 *   mqtt_link.c       the connection: TLS, login, QoS 1, persistent session,
 *                     reconnecting with backoff, in the caller's poll loop
 *
 * Topics, under [mqtt] prefix (every message retained, QoS 1):
 *
 *   PREFIX/items/ID               one item (MQTT_ITEM_*); an empty message deletes it
 *   PREFIX/playlist               the order: {"ids":[ID,...]}; items not listed are not shown
 *   PREFIX/config                 display settings: {"idle_text":..,"separator":..}
 *   PREFIX/displays/NAME/status   a display host: {"state":"online","items":N,...};
 *                                 its Last Will: {"state":"offline"}
 */
#ifndef MQTT_H
#define MQTT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "state.h"

#define MQTT_PAYLOAD_MAX (16u * 1024)   /* a bigger message is refused, unread */
#define MQTT_TOPIC_MAX (CONFIG_PREFIX_MAX + 128) /* the prefix and a suffix of up to 96 bytes */

/* ---- mqtt_item_json.c ---- */

/* One item as published at PREFIX/items/ID. */
typedef struct mqtt_item {
    state_item it;              /* id (from the topic), breaking, feed ("source"), key,
                                   title ("headline"), lead, first_seen, published */
    long priority;              /* of its source feed, -100..100 */
    time_t expires;             /* when it leaves the playlist; 0: not by age */
} mqtt_item;

/*
 * m as JSON: {"headline","lead","source","key","priority","breaking",
 * "published","first_seen","expires"}, dates RFC 3339 UTC or null. The
 * caller frees the result with free(); NULL when out of memory.
 */
char *mqtt_item_encode(const mqtt_item *m);
/*
 * The JSON of payload (len bytes, not NUL-terminated) into *out, for item
 * id. Unknown keys are ignored (a newer publisher may add some). 0, or -1
 * with what is wrong in err; *out is then empty. Free with mqtt_item_clear.
 */
int mqtt_item_decode(const void *payload, size_t len, uint16_t id, mqtt_item *out, char *err,
                     size_t errlen);
void mqtt_item_clear(mqtt_item *m);

/* The playlist's order, {"ids":[3,7,1]}; the caller frees it. NULL: no memory. */
char *mqtt_order_encode(const uint16_t *ids, unsigned n);
/* Its ids into ids (at most cap, which LINK_MAX_ITEMS-sized arrays hold);
   the count, or -1 with a reason in err. */
int mqtt_order_decode(const void *payload, size_t len, uint16_t *ids, unsigned cap, char *err,
                      size_t errlen);

/* The id of an item topic PREFIX/items/ID, or -1 when topic is not one. */
long mqtt_item_topic_id(const char *prefix, const char *topic);

/* ---- mqtt_msg_json.c ---- */

/* What PREFIX/config carries: the [playlist] settings every display shares. */
typedef struct mqtt_settings {
    char idle_text[CONFIG_TEXT_MAX];
    char separator[7];
} mqtt_settings;

/* The caller frees the JSON; NULL when out of memory. */
char *mqtt_settings_encode(const mqtt_settings *s);
/* 0, or -1 with a reason in err (s then unchanged). */
int mqtt_settings_decode(const void *payload, size_t len, mqtt_settings *s, char *err,
                         size_t errlen);

/* A display host's status. */
typedef struct mqtt_host_status {
    int online;
    unsigned items;             /* in its playlist */
    unsigned displays;          /* serial displays it drives, and ... */
    unsigned ready;             /* ... how many of them are ready */
} mqtt_host_status;

/* The caller frees the JSON; NULL when out of memory. */
char *mqtt_status_encode(const mqtt_host_status *s);
int mqtt_status_decode(const void *payload, size_t len, mqtt_host_status *s);

/* ---- mqtt_link.c ---- */

typedef struct mqtt_link mqtt_link;

/* What the link tells its user, from inside mqtt_link_on_poll/on_timer. */
typedef struct mqtt_link_handler {
    void *ctx;
    /* Connected (or again): subscribe and publish the whole state. */
    void (*connected)(void *ctx, int session_present);
    /* A message; retained is 1 for the broker's stored state sent on subscribing. */
    void (*message)(void *ctx, const char *topic, const void *payload, size_t len,
                    int retained);
} mqtt_link_handler;

enum mqtt_link_state {
    MQTT_LINK_WAITING = 0,      /* not connected; the next attempt is due later */
    MQTT_LINK_CONNECTING,       /* TCP, TLS, CONNECT sent */
    MQTT_LINK_CONNECTED
};

/*
 * A link to cfg's broker as client_id, with a retained Last Will (will_topic
 * and will_payload, or none when NULL). The password comes from cfg or its
 * credentials_file and is never logged. Connecting starts at the first
 * mqtt_link_on_timer. NULL with a reason in err (the CA file does not load,
 * the credentials file cannot be read, ...): tickerd must not start.
 * Free with mqtt_link_free, which disconnects.
 */
mqtt_link *mqtt_link_new(const config_mqtt *cfg, const char *client_id, const char *will_topic,
                         const char *will_payload, const mqtt_link_handler *h, char *err,
                         size_t errlen);
void mqtt_link_free(mqtt_link *l);

/* The socket to poll (-1: none) and the events it wants. */
int mqtt_link_fd(const mqtt_link *l);
short mqtt_link_poll_events(const mqtt_link *l);
/* Reads and writes what revents allows; then as mqtt_link_on_timer. */
void mqtt_link_on_poll(mqtt_link *l, short revents, uint64_t now_ms);
/* Keepalive, and (re)connecting when due. */
void mqtt_link_on_timer(mqtt_link *l, uint64_t now_ms);
/* The next time mqtt_link_on_timer has work, on clock_now_ms(). */
uint64_t mqtt_link_next_deadline_ms(const mqtt_link *l);

/* A retained QoS 1 message; 0, or -1 when not connected (the caller sends
   its whole state again on the next connected()). */
int mqtt_link_publish(mqtt_link *l, const char *topic, const void *payload, size_t len);
/* QoS 1; 0 or -1. */
int mqtt_link_subscribe(mqtt_link *l, const char *pattern);

enum mqtt_link_state mqtt_link_get_state(const mqtt_link *l);
/* 1 when the broker can never be used as configured: its certificate does
   not verify, or it refused the login, before any connection worked. */
int mqtt_link_fatal(const mqtt_link *l);
/* The last error, one line ("" when none); for logs and the status file. */
const char *mqtt_link_error(const mqtt_link *l);
/* When the state last changed (wall time), and how many connections worked. */
time_t mqtt_link_since(const mqtt_link *l);
unsigned mqtt_link_connects(const mqtt_link *l);

#endif

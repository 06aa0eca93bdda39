/*
 * mqtt_link.c - one connection to the MQTT broker with libmosquitto,
 * driven by tickerd's poll loop (mosquitto_socket, loop_read, loop_write
 * when mosquitto_want_write, loop_misc on a timer); no libmosquitto
 * threads. See mqtt.h.
 *
 * MQTT 3.1.1 only, so that any broker works. QoS 1, a persistent session
 * (clean session off, a stable client id), every message retained. A lost
 * connection is tried again after 1 s, doubling up to [mqtt]
 * reconnect_max. TLS verifies the broker's certificate and host name
 * against ca_file (else the system's CA directory); a certificate that
 * does not verify, or a login the broker refuses, before any connection
 * worked makes the link fatal: tickerd refuses to start rather than
 * retrying a setup that cannot work. The password is given to libmosquitto
 * and to nothing else: no log line holds it.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <mosquitto.h>

#include "log.h"
#include "mqtt.h"

#define FIRST_RETRY_MS 1000u
#define MISC_MS 1000u               /* loop_misc: keepalive pings, time-outs */
#define CONNECT_TIMEOUT_MS 15000u   /* TCP, TLS and CONNACK together */
#define SYSTEM_CA_DIR "/etc/ssl/certs"

struct mqtt_link {
    struct mosquitto *mosq;
    config_mqtt cfg;                /* a copy; holds the password */
    mqtt_link_handler h;
    enum mqtt_link_state state;
    uint64_t retry_ms;              /* next attempt, while WAITING */
    uint64_t deadline_ms;           /* CONNECTING gives up at this time */
    uint64_t misc_ms;
    unsigned backoff_ms;
    unsigned connects;
    int fatal;
    int logged_down;                /* the current outage was logged */
    time_t since;
    char error[256];
    char tls_error[160];            /* libmosquitto's last OpenSSL complaint */
};

static unsigned lib_users;

static void set_state(mqtt_link *l, enum mqtt_link_state s)
{
    if (l->state != s)
        l->since = time(NULL);
    l->state = s;
}

/* The attempt failed or the connection went: try again after the backoff. */
static void went_down(mqtt_link *l, uint64_t now, const char *why)
{
    int was = l->state == MQTT_LINK_CONNECTED;
    if (l->state == MQTT_LINK_WAITING)
        return;
    snprintf(l->error, sizeof l->error, "%s", why);
    if (!l->connects && (strstr(why, "certificate") || strstr(why, "login refused")))
        l->fatal = 1;
    if (was || !l->logged_down) {
        log_msg(was ? LOG_WARN : LOG_ERROR, "mqtt: %s %s:%ld: %s; trying again every %lu s at "
                "most", was ? "lost the broker at" : "cannot reach the broker at",
                l->cfg.host, l->cfg.port, why, (unsigned long)l->cfg.reconnect_max_s);
        l->logged_down = 1;
    }
    mosquitto_disconnect(l->mosq);
    set_state(l, MQTT_LINK_WAITING);
    l->retry_ms = now + l->backoff_ms;
    l->backoff_ms *= 2;
    if (l->backoff_ms > (unsigned)l->cfg.reconnect_max_s * 1000u)
        l->backoff_ms = (unsigned)l->cfg.reconnect_max_s * 1000u;
}

/* Why rc failed, with OpenSSL's reason when TLS failed. */
static void reason(const mqtt_link *l, int rc, char *out, size_t cap)
{
    if (rc == MOSQ_ERR_TLS && l->tls_error[0])
        snprintf(out, cap, "TLS failed: %s", l->tls_error);
    else if (rc == MOSQ_ERR_ERRNO)
        snprintf(out, cap, "%s", strerror(errno));
    else
        snprintf(out, cap, "%s", mosquitto_strerror(rc));
    /* libmosquitto's texts are sentences ("The connection was lost."): our
       log lines go on after them */
    if (cap && out[0] && out[strlen(out) - 1] == '.')
        out[strlen(out) - 1] = '\0';
}

static void on_connect(struct mosquitto *m, void *obj, int rc, int flags)
{
    mqtt_link *l = obj;
    char why[200];
    (void)m;
    if (rc != 0) {
        snprintf(why, sizeof why, "%s%s", rc == 4 || rc == 5 ? "login refused: " : "",
                 mosquitto_connack_string(rc));
        went_down(l, l->misc_ms, why);
        return;
    }
    set_state(l, MQTT_LINK_CONNECTED);
    l->connects++;
    l->backoff_ms = FIRST_RETRY_MS;
    l->error[0] = 0;
    l->logged_down = 0;
    log_msg(LOG_INFO, "mqtt: connected to %s:%ld as %s%s", l->cfg.host, l->cfg.port,
            l->cfg.name, flags & 1 ? " (session resumed)" : "");
    l->h.connected(l->h.ctx, flags & 1);
}

static void on_disconnect(struct mosquitto *m, void *obj, int rc)
{
    mqtt_link *l = obj;
    char why[200];
    (void)m;
    reason(l, rc, why, sizeof why);
    went_down(l, l->misc_ms, rc ? why : "disconnected");
}

static void on_message(struct mosquitto *m, void *obj, const struct mosquitto_message *msg)
{
    mqtt_link *l = obj;
    (void)m;
    if (msg->payloadlen < 0 || (unsigned)msg->payloadlen > MQTT_PAYLOAD_MAX) {
        log_msg(LOG_WARN, "mqtt: %s: %d bytes; at most %u are read", msg->topic,
                msg->payloadlen, MQTT_PAYLOAD_MAX);
        return;
    }
    l->h.message(l->h.ctx, msg->topic, msg->payload, (size_t)msg->payloadlen, msg->retain);
}

/* libmosquitto's own lines: only OpenSSL's reasons are kept (for the
   error), the rest are debugging. None of them holds the password. */
static void on_log(struct mosquitto *m, void *obj, int level, const char *text)
{
    mqtt_link *l = obj;
    (void)m;
    if ((level & MOSQ_LOG_ERR) && strstr(text, "OpenSSL")) {
        const char *r = strstr(text, "::");
        snprintf(l->tls_error, sizeof l->tls_error, "%s", r ? r + 2 : text);
    }
    log_msg(LOG_DEBUG, "mqtt: libmosquitto: %s", text);
}

/* user and password from cfg's credentials_file: a line each. 0 or -1. */
static int read_credentials(config_mqtt *c, char *err, size_t errlen)
{
    FILE *f = fopen(c->credentials_file, "r");
    char *fields[2] = { c->username, c->password };
    int i;

    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", c->credentials_file, strerror(errno));
        return -1;
    }
    for (i = 0; i < 2; i++) {
        if (!fgets(fields[i], CONFIG_SECRET_MAX, f) || !strchr(fields[i], '\n')) {
            snprintf(err, errlen, "%s: line %d: %s; allowed: a user name line, then a password "
                     "line, each under %d bytes", c->credentials_file, i + 1,
                     feof(f) ? "missing" : "too long", CONFIG_SECRET_MAX);
            fclose(f);
            return -1;
        }
        fields[i][strcspn(fields[i], "\r\n")] = 0;
    }
    fclose(f);
    return 0;
}

mqtt_link *mqtt_link_new(const config_mqtt *cfg, const char *client_id, const char *will_topic,
                         const char *will_payload, const mqtt_link_handler *h, char *err,
                         size_t errlen)
{
    mqtt_link *l = calloc(1, sizeof *l);
    const char *ca_dir;
    int rc;

    if (!l) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (lib_users++ == 0)
        mosquitto_lib_init();
    l->cfg = *cfg;
    l->h = *h;
    l->backoff_ms = FIRST_RETRY_MS;
    l->since = time(NULL);
    if (!l->cfg.port)
        l->cfg.port = l->cfg.tls ? 8883 : 1883;
    if (l->cfg.credentials_file[0] && read_credentials(&l->cfg, err, errlen) != 0)
        goto fail;
    if (!(l->mosq = mosquitto_new(client_id, false, l))) {
        snprintf(err, errlen, "mosquitto_new: %s", strerror(errno));
        goto fail;
    }
    mosquitto_int_option(l->mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    mosquitto_connect_with_flags_callback_set(l->mosq, on_connect);
    mosquitto_disconnect_callback_set(l->mosq, on_disconnect);
    mosquitto_message_callback_set(l->mosq, on_message);
    mosquitto_log_callback_set(l->mosq, on_log);
    if (l->cfg.username[0] &&
        mosquitto_username_pw_set(l->mosq, l->cfg.username,
                                  l->cfg.password[0] ? l->cfg.password : NULL) != 0) {
        snprintf(err, errlen, "the user name or password is not allowed by libmosquitto");
        goto fail;
    }
    if (will_topic && (rc = mosquitto_will_set(l->mosq, will_topic, (int)strlen(will_payload),
                                               will_payload, 1, true)) != 0) {
        snprintf(err, errlen, "Last Will on %s: %s", will_topic, mosquitto_strerror(rc));
        goto fail;
    }
    if (l->cfg.tls) {
        ca_dir = l->cfg.ca_file[0] ? NULL : SYSTEM_CA_DIR;
        rc = mosquitto_tls_set(l->mosq, l->cfg.ca_file[0] ? l->cfg.ca_file : NULL, ca_dir, NULL,
                               NULL, NULL);
        if (rc == 0)
            rc = mosquitto_tls_opts_set(l->mosq, 1 /* SSL_VERIFY_PEER */, "tlsv1.2", NULL);
        if (rc == 0)
            rc = mosquitto_tls_insecure_set(l->mosq, false);
        if (rc != 0) {
            snprintf(err, errlen, "TLS with %s: %s", l->cfg.ca_file[0] ? l->cfg.ca_file : ca_dir,
                     mosquitto_strerror(rc));
            goto fail;
        }
    }
    return l;
fail:
    mqtt_link_free(l);
    return NULL;
}

void mqtt_link_free(mqtt_link *l)
{
    if (!l)
        return;
    if (l->mosq) {
        if (l->state == MQTT_LINK_CONNECTED) {
            l->state = MQTT_LINK_WAITING; /* stopping: the disconnect callback says nothing */
            mosquitto_disconnect(l->mosq);
        }
        mosquitto_destroy(l->mosq);
    }
    memset(l->cfg.password, 0, sizeof l->cfg.password);
    free(l);
    if (--lib_users == 0)
        mosquitto_lib_cleanup();
}

int mqtt_link_fd(const mqtt_link *l)
{
    return l->state == MQTT_LINK_WAITING ? -1 : mosquitto_socket(l->mosq);
}

short mqtt_link_poll_events(const mqtt_link *l)
{
    return (short)(POLLIN | (mosquitto_want_write(l->mosq) ? POLLOUT : 0));
}

static void check(mqtt_link *l, int rc, uint64_t now)
{
    char why[200];
    if (rc == MOSQ_ERR_SUCCESS || l->state == MQTT_LINK_WAITING)
        return;
    reason(l, rc, why, sizeof why);
    went_down(l, now, why);
}

void mqtt_link_on_poll(mqtt_link *l, short revents, uint64_t now_ms)
{
    l->misc_ms = now_ms;
    if (l->state != MQTT_LINK_WAITING && (revents & (POLLIN | POLLHUP | POLLERR)))
        check(l, mosquitto_loop_read(l->mosq, 1), now_ms);
    if (l->state != MQTT_LINK_WAITING && (revents & POLLOUT))
        check(l, mosquitto_loop_write(l->mosq, 1), now_ms);
    if (l->state != MQTT_LINK_WAITING && (revents & (POLLERR | POLLHUP))) {
        /* libmosquitto does not notice a refused connect by itself */
        int e = 0;
        socklen_t n = sizeof e;
        getsockopt(mosquitto_socket(l->mosq), SOL_SOCKET, SO_ERROR, &e, &n);
        went_down(l, now_ms, e ? strerror(e) : "the broker closed the connection");
    }
    mqtt_link_on_timer(l, now_ms);
}

void mqtt_link_on_timer(mqtt_link *l, uint64_t now_ms)
{
    char why[200];
    int rc;

    if (l->state == MQTT_LINK_WAITING && now_ms >= l->retry_ms && !l->fatal) {
        l->tls_error[0] = 0;
        l->misc_ms = now_ms;
        set_state(l, MQTT_LINK_CONNECTING);
        l->deadline_ms = now_ms + CONNECT_TIMEOUT_MS;
        rc = mosquitto_connect_async(l->mosq, l->cfg.host, (int)l->cfg.port,
                                     (int)l->cfg.keepalive_s);
        if (rc != MOSQ_ERR_SUCCESS) {
            reason(l, rc, why, sizeof why);
            went_down(l, now_ms, why);
        }
        return;
    }
    if (l->state == MQTT_LINK_CONNECTING && now_ms >= l->deadline_ms) {
        went_down(l, now_ms, "no answer to CONNECT in time");
        return;
    }
    if (l->state != MQTT_LINK_WAITING && now_ms >= l->misc_ms + MISC_MS) {
        l->misc_ms = now_ms;
        check(l, mosquitto_loop_misc(l->mosq), now_ms);
    }
}

uint64_t mqtt_link_next_deadline_ms(const mqtt_link *l)
{
    if (l->state == MQTT_LINK_WAITING)
        return l->fatal ? UINT64_MAX : l->retry_ms;
    if (l->state == MQTT_LINK_CONNECTING && l->deadline_ms < l->misc_ms + MISC_MS)
        return l->deadline_ms;
    return l->misc_ms + MISC_MS;
}

int mqtt_link_publish(mqtt_link *l, const char *topic, const void *payload, size_t len)
{
    if (l->state != MQTT_LINK_CONNECTED || len > MQTT_PAYLOAD_MAX)
        return -1;
    return mosquitto_publish(l->mosq, NULL, topic, (int)len, payload, 1, true) == 0 ? 0 : -1;
}

int mqtt_link_subscribe(mqtt_link *l, const char *pattern)
{
    if (l->state != MQTT_LINK_CONNECTED)
        return -1;
    return mosquitto_subscribe(l->mosq, NULL, pattern, 1) == 0 ? 0 : -1;
}

enum mqtt_link_state mqtt_link_get_state(const mqtt_link *l)
{
    return l->state;
}

int mqtt_link_fatal(const mqtt_link *l)
{
    return l->fatal;
}

const char *mqtt_link_error(const mqtt_link *l)
{
    return l->error;
}

time_t mqtt_link_since(const mqtt_link *l)
{
    return l->since;
}

unsigned mqtt_link_connects(const mqtt_link *l)
{
    return l->connects;
}

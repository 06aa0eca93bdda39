/* fs_conn.c - see fs_conn.h. */
#include <poll.h>
#include <string.h>

#include "fs_conn.h"
#include "fs_log.h"

#define FS_STEP_BUDGET 64       /* steps one connection takes before the others get a turn */

int fs_conn_open(fs_conn *c, mbedtls_net_context *client, const mbedtls_ssl_config *conf,
                 const char *listener, unsigned long id, uint64_t now)
{
    memset(c, 0, sizeof *c);
    c->net = *client;
    mbedtls_ssl_init(&c->ssl);
    if (mbedtls_net_set_nonblock(&c->net) != 0 || mbedtls_ssl_setup(&c->ssl, conf) != 0) {
        fs_conn_free(c);
        return -1;
    }
    mbedtls_ssl_set_bio(&c->ssl, &c->net, mbedtls_net_send, mbedtls_net_recv, NULL);
    c->listener = listener;
    c->id = id;
    c->state = FS_HANDSHAKE;
    c->deadline = now + FS_HANDSHAKE_MS;
    c->events = POLLIN;
    return 0;
}

void fs_conn_free(fs_conn *c)
{
    fs_body_free(&c->resp.body);
    mbedtls_ssl_free(&c->ssl);
    mbedtls_net_free(&c->net);
    c->state = FS_DONE;
}

/*
 * After a TLS call returned rc < 0: 1 when it only has to wait (events is
 * set for it), 0 when the connection is finished.
 */
static int would_block(fs_conn *c, int rc)
{
    if (rc == MBEDTLS_ERR_SSL_WANT_READ) {
        c->events = POLLIN;
        return 1;
    }
    if (rc == MBEDTLS_ERR_SSL_WANT_WRITE) {
        c->events = POLLOUT;
        return 1;
    }
    c->state = FS_DONE;
    return 0;
}

static void begin_response(fs_conn *c)
{
    c->head_sent = 0;
    c->out = NULL;
    c->out_len = c->out_off = 0;
    c->body_cap = c->resp.send_body ? fs_body_left(&c->resp.body) : 0;
    if (c->resp.pace == FS_PACE_CLOSE_MID)
        c->body_cap /= 2;
    c->deadline = 0;
    c->state = c->resp.overflow ? FS_DONE : FS_WRITING;
}

/* Answers the complete request head of n bytes at the start of rbuf. */
static void answer(fs_conn *c, const fs_env *env, const fs_request *req, size_t n)
{
    fs_log_where where;
    fs_route(&env->site, req, &c->resp);
    where.listener = c->listener;
    where.conn = c->id;
    where.request = ++c->requests;
    fs_log_request(env->log, &where, req, c->resp.status);
    memmove(c->rbuf, c->rbuf + n, c->rlen - n);
    c->rlen -= n;
    begin_response(c);
}

/* Each step returns 1 when it got somewhere, 0 when it has to wait or is done. */
static int step_reading(fs_conn *c, const fs_env *env, uint64_t now)
{
    fs_request req;
    int n = fs_http_parse(c->rbuf, c->rlen, &req), rc;
    if (n > 0) {
        answer(c, env, &req, (size_t)n);
        return 1;
    }
    if (n < 0 || c->rlen == sizeof c->rbuf) {
        fs_route_error(&c->resp, n < 0 ? 400 : 431);
        begin_response(c);
        return 1;
    }
    rc = mbedtls_ssl_read(&c->ssl, (unsigned char *)c->rbuf + c->rlen, sizeof c->rbuf - c->rlen);
    if (rc > 0) {
        c->rlen += (size_t)rc;
        c->deadline = now + FS_IDLE_MS;
        return 1;
    }
    if (would_block(c, rc ? rc : MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) && now >= c->deadline)
        c->state = FS_DONE;
    return 0;
}

/*
 * Puts the next bytes to send in out, or moves on when there are none
 * now: to waiting (drip, stall), to the next request, or to closing.
 */
static void refill(fs_conn *c, uint64_t now)
{
    fs_response *r = &c->resp;
    size_t want = FS_OUT_CHUNK;
    c->out_off = 0;
    c->out_len = 0;
    if (!c->head_sent) {
        c->head_sent = 1;
        c->out = (const unsigned char *)r->head;
        c->out_len = r->head_len;
        /* the first drip byte waits a whole period after the head */
        if (r->pace == FS_PACE_DRIP)
            c->deadline = now + FS_DRIP_MS;
        return;
    }
    if (c->body_cap == 0) {
        fs_body_free(&r->body);
        if (r->keep_alive) {
            c->state = FS_READING;
            c->deadline = now + FS_IDLE_MS;
        } else {
            c->state = FS_CLOSING;
        }
        return;
    }
    if (r->pace == FS_PACE_STALL || (r->pace == FS_PACE_DRIP && now < c->deadline)) {
        c->state = FS_WAITING;
        return;
    }
    if (r->pace == FS_PACE_DRIP) {
        want = 1;
        c->deadline = now + FS_DRIP_MS;
    }
    if (want > c->body_cap)
        want = c->body_cap;
    c->out = c->obuf;
    c->out_len = fs_body_read(&r->body, c->obuf, want);
    if (c->body_cap != FS_ENDLESS)
        c->body_cap -= c->out_len;
}

static int step_writing(fs_conn *c, uint64_t now)
{
    int rc;
    if (c->out_off == c->out_len) {
        refill(c, now);
        return 1;
    }
    rc = mbedtls_ssl_write(&c->ssl, c->out + c->out_off, c->out_len - c->out_off);
    if (rc > 0) {
        c->out_off += (size_t)rc;
        return 1;
    }
    would_block(c, rc ? rc : MBEDTLS_ERR_NET_SEND_FAILED);
    return 0;
}

/* Between drip bytes, or stalled: only watch for the client going away. */
static int step_waiting(fs_conn *c, uint64_t now)
{
    unsigned char scratch[256];
    int rc;
    if (c->resp.pace == FS_PACE_DRIP && now >= c->deadline) {
        c->state = FS_WRITING;
        return 1;
    }
    rc = mbedtls_ssl_read(&c->ssl, scratch, sizeof scratch);
    if (rc > 0)
        return 1;
    would_block(c, rc ? rc : MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY);
    return 0;
}

static int step_tls(fs_conn *c, uint64_t now)
{
    int rc;
    if (c->state == FS_HANDSHAKE) {
        rc = mbedtls_ssl_handshake(&c->ssl);
        if (rc == 0) {
            c->state = FS_READING;
            c->deadline = now + FS_IDLE_MS;
            return 1;
        }
        if (would_block(c, rc) && now >= c->deadline)
            c->state = FS_DONE;
        return 0;
    }
    rc = mbedtls_ssl_close_notify(&c->ssl);
    if (rc == 0 || !would_block(c, rc))
        c->state = FS_DONE;
    return 0;
}

void fs_conn_step(fs_conn *c, const fs_env *env, uint64_t now)
{
    int more = 1, budget = FS_STEP_BUDGET;
    while (more) {
        /* a fast client of a huge body must not starve the others */
        if (--budget == 0) {
            c->events = c->state == FS_WRITING ? POLLOUT : POLLIN;
            return;
        }
        switch (c->state) {
        case FS_HANDSHAKE:
        case FS_CLOSING:
            more = step_tls(c, now);
            break;
        case FS_READING:
            more = step_reading(c, env, now);
            break;
        case FS_WRITING:
            more = step_writing(c, now);
            break;
        case FS_WAITING:
            more = step_waiting(c, now);
            break;
        case FS_DONE:
            more = 0;
            break;
        }
    }
}

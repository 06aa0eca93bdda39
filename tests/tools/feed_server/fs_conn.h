/*
 * fs_conn.h - one client connection of the feed server: a non-blocking
 * TLS state machine (handshake, read a request, write the response,
 * again while kept alive, close) that the event loop drives. It never
 * blocks: each step goes as far as it can and says what it waits for.
 */
#ifndef FS_CONN_H
#define FS_CONN_H

#include <stdint.h>
#include <stdio.h>

#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>

#include "fs_http.h"
#include "fs_route.h"

#define FS_OUT_CHUNK 16384          /* body bytes handed to TLS at once */
#define FS_HANDSHAKE_MS 10000       /* a handshake that takes longer is dropped */
#define FS_IDLE_MS 60000            /* a kept-alive connection idle this long is closed */
#define FS_DRIP_MS 1000             /* /drip/: one byte this often */

typedef enum fs_conn_state {
    FS_HANDSHAKE, FS_READING, FS_WRITING, FS_WAITING, FS_CLOSING, FS_DONE
} fs_conn_state;

/* What every connection shares: where files come from, where requests go. */
typedef struct fs_env {
    fs_site site;
    FILE *log;              /* the request log, or NULL */
} fs_env;

/*
 * About 70 KiB with mbedTLS's buffers, plus the body of a file response
 * (at most FS_FILE_MAX); generated bodies take nothing more.
 */
typedef struct fs_conn {
    mbedtls_net_context net;
    mbedtls_ssl_context ssl;
    fs_conn_state state;
    const char *listener;           /* the listener's name, for the log */
    unsigned long id;               /* connection number, for the log */
    unsigned long requests;         /* requests so far on it */
    char rbuf[FS_REQ_MAX];          /* request bytes not yet answered */
    size_t rlen;
    fs_response resp;               /* the response going out */
    unsigned char obuf[FS_OUT_CHUNK];
    const unsigned char *out;       /* what TLS is writing: resp.head or obuf */
    size_t out_len, out_off;
    int head_sent;
    size_t body_cap;                /* body bytes to send before stopping (close-mid) */
    uint64_t deadline;              /* ms on the monotonic clock; 0 for none */
    short events;                   /* POLLIN or POLLOUT, what it waits for */
} fs_conn;

/*
 * Takes over the accepted socket client and starts a TLS server session
 * with conf. 0, or -1 (the socket is closed then). c must stay at the same
 * address until fs_conn_free: TLS keeps a pointer to its socket.
 */
int fs_conn_open(fs_conn *c, mbedtls_net_context *client, const mbedtls_ssl_config *conf,
                 const char *listener, unsigned long id, uint64_t now);
/*
 * Goes as far as it can without blocking; now is the monotonic clock in
 * ms. Afterwards c->events and c->deadline say when to call it again, or
 * c->state is FS_DONE and it is to be freed.
 */
void fs_conn_step(fs_conn *c, const fs_env *env, uint64_t now);
void fs_conn_free(fs_conn *c);

#endif

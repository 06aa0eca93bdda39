/*
 * feed_server.c - feed-server, the HTTPS feed server the fetch tests, the
 * benchmark and the demo run tickerd against: real TLS (mbedTLS) with a CA
 * and certificates made fresh at every start, fixture files served as a
 * good server would, and misbehaviour on request, chosen by path prefix so
 * that one server serves good and bad feeds at once.
 *
 *   feed-server --root DIR --dir DIR [--ca-out FILE] [--log FILE] [--port N]
 *   feed-server --certs-only --dir DIR
 *
 * It listens on 127.0.0.1 (port N, or one the system picks) and, once
 * every listener is up, prints and flushes these lines on stdout:
 *
 *   port N               the good server: a certificate for 127.0.0.1 and
 *                        localhost, signed by the CA in DIR/ca.pem
 *   port-wronghost N     signed by the CA, but for DNS:wrong.example only
 *   port-expired N       signed by the CA, right names, expired yesterday
 *   port-selfsigned N    right names, signed by itself, not by the CA
 *
 * It serves until SIGTERM or SIGINT, then exits 0. Every listener serves
 * the same paths. In DIR it writes ca.pem, ca-key.pem and NAME.pem,
 * NAME-key.pem for good, wronghost, expired, selfsigned; --ca-out FILE
 * writes the CA certificate there too. --log FILE gets one JSON line per
 * request (see fs_log.h).
 *
 * GET or HEAD /PATH serves ROOT/PATH with Content-Type by extension (.xml
 * .rss: application/rss+xml, .atom: application/atom+xml, .json, .html,
 * .txt), a strong ETag (a hash of the content), Last-Modified (the file's
 * mtime), 304 for a matching If-None-Match (or, without one, for
 * If-Modified-Since at or after the mtime), gzip when the client accepts
 * it (then the ETag is weak), and keep-alive with Content-Length. These
 * prefixes misbehave; FILE is a path under ROOT:
 *
 *   /304-etag/FILE       304 every time, with FILE's ETag and Last-Modified
 *   /304-noetag/FILE     304 every time, with no validators
 *   /429/ANY             429, Retry-After: 120 (seconds)
 *   /503/ANY             503, Retry-After: an HTTP date 120 s from now
 *   /500/ANY             500
 *   /drip/FILE           FILE, one byte a second after the head
 *   /stall/FILE          the head, then nothing; held open until the client goes
 *   /close-mid-body/FILE Content-Length of FILE, half of it, then close_notify
 *   /redirect/N/FILE     N 302 hops (to /redirect/N-1/FILE, ..., /FILE)
 *   /redirect-loop/ANY   302 to itself, forever
 *   /redirect-file/ANY   302 to file:///etc/passwd
 *   /redirect-ftp/ANY    302 to ftp://127.0.0.1/x
 *   /huge/NAME           1 GiB (Content-Length), an RSS start then padding,
 *                        generated as it goes
 *   /endless/NAME        the same with no length and no end
 *   /gzip-bomb/NAME      Content-Encoding: gzip, about 1 MiB that inflates
 *                        to 1 GiB of zeros, sent whatever Accept-Encoding says
 *
 * --certs-only makes the CA and certificates in DIR, prints "certs DIR" and
 * exits 0: other test servers (the MQTT broker of the mqtt tests) use them.
 *
 * One poll() loop over non-blocking sockets serves up to FS_MAX_CONN
 * clients at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include "fs_body.h"
#include "fs_certs.h"
#include "fs_conn.h"

#define FS_MAX_CONN 256             /* clients served at once; more wait in the backlog */

typedef struct listener {
    mbedtls_net_context net;
    mbedtls_ssl_config conf;
    int port;
    char name[16];                  /* "main", "wronghost", ... for the log */
} listener;

/* The whole server: one of it, in main. */
typedef struct server {
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    fs_pki pki;
    listener lis[FS_CERT_COUNT];    /* one per certificate, in fs_cert_kind order */
    fs_conn *conns[FS_MAX_CONN];
    int nconn;
    unsigned long next_id;
    fs_env env;
} server;

static int signal_pipe[2] = { -1, -1 };

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    if (write(signal_pipe[1], &b, 1) < 0) {
        /* the pipe is full: a stop is already on its way */
    }
    errno = saved;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void usage(FILE *f)
{
    fputs("usage: feed-server --root DIR --dir DIR [--ca-out FILE] [--log FILE] [--port N]\n"
          "       feed-server --certs-only --dir DIR   (make the certificates, then exit)\n"
          "Serves ROOT over HTTPS on 127.0.0.1 with certificates made in DIR; prints\n"
          "'port N', 'port-wronghost N', 'port-expired N', 'port-selfsigned N' when ready.\n"
          "Misbehaving path prefixes (FILE is under ROOT):\n"
          "  /304-etag/FILE /304-noetag/FILE    always 304, with and without validators\n"
          "  /429/ /503/ /500/                  errors; Retry-After 120 s / as a date\n"
          "  /drip/FILE /stall/FILE             1 byte/s; head then nothing\n"
          "  /close-mid-body/FILE               half the announced length, then close\n"
          "  /redirect/N/FILE                   N hops, then FILE\n"
          "  /redirect-loop/ /redirect-file/ /redirect-ftp/   to itself, file://, ftp://\n"
          "  /huge/ /endless/ /gzip-bomb/       1 GiB; no end; gzip inflating to 1 GiB\n", f);
}

static int tls_error(const char *what, int rc)
{
    fprintf(stderr, "feed-server: %s failed (mbedTLS -0x%04x)\n", what, (unsigned)-rc);
    return -1;
}

static int listen_on(server *s, fs_cert_kind kind, int port)
{
    static const char *alpn[] = { "http/1.1", NULL };
    listener *l = &s->lis[kind];
    struct sockaddr_in sa;
    socklen_t salen = sizeof sa;
    char portstr[16];
    int rc;

    snprintf(l->name, sizeof l->name, "%s", kind == FS_CERT_GOOD ? "main" : fs_cert_name(kind));
    snprintf(portstr, sizeof portstr, "%d", port);
    rc = mbedtls_net_bind(&l->net, "127.0.0.1", portstr, MBEDTLS_NET_PROTO_TCP);
    if (rc)
        return tls_error("listening on 127.0.0.1", rc);
    if (getsockname(l->net.fd, (struct sockaddr *)&sa, &salen) != 0) {
        perror("feed-server: getsockname");
        return -1;
    }
    l->port = ntohs(sa.sin_port);
    rc = mbedtls_net_set_nonblock(&l->net);
    if (!rc)
        rc = mbedtls_ssl_config_defaults(&l->conf, MBEDTLS_SSL_IS_SERVER,
                                         MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
    if (!rc)
        rc = mbedtls_ssl_conf_own_cert(&l->conf, &s->pki.id[kind].chain, &s->pki.id[kind].key);
    if (!rc)
        rc = mbedtls_ssl_conf_alpn_protocols(&l->conf, alpn);
    if (rc)
        return tls_error("TLS set-up", rc);
    mbedtls_ssl_conf_rng(&l->conf, mbedtls_ctr_drbg_random, &s->drbg);
    return 0;
}

/* Accepts every client waiting on l, while there is room. */
static void accept_all(server *s, listener *l, uint64_t now)
{
    while (s->nconn < FS_MAX_CONN) {
        mbedtls_net_context client;
        fs_conn *c;
        mbedtls_net_init(&client);
        if (mbedtls_net_accept(&l->net, &client, NULL, 0, NULL) != 0)
            return;
        c = malloc(sizeof *c);
        if (!c) {
            mbedtls_net_free(&client);
            return;
        }
        if (fs_conn_open(c, &client, &l->conf, l->name, ++s->next_id, now) != 0) {
            free(c);
            continue;
        }
        s->conns[s->nconn++] = c;
        fs_conn_step(c, &s->env, now);
    }
}

/* Frees the connections that are done, keeping the others in order. */
static void reap(server *s)
{
    int i, kept = 0;
    for (i = 0; i < s->nconn; i++) {
        if (s->conns[i]->state == FS_DONE) {
            fs_conn_free(s->conns[i]);
            free(s->conns[i]);
        } else {
            s->conns[kept++] = s->conns[i];
        }
    }
    s->nconn = kept;
}

/* The poll() time-out: until the nearest connection deadline, or -1. */
static int next_timeout(const server *s, uint64_t now)
{
    uint64_t best = 0;
    int i;
    for (i = 0; i < s->nconn; i++) {
        uint64_t d = s->conns[i]->deadline;
        if (d && (!best || d < best))
            best = d;
    }
    if (!best)
        return -1;
    return best <= now ? 0 : (int)(best - now < 60000 ? best - now : 60000);
}

static int serve(server *s)
{
    struct pollfd pfd[1 + FS_CERT_COUNT + FS_MAX_CONN];
    fs_conn *polled[FS_MAX_CONN];
    for (;;) {
        uint64_t now = now_ms();
        int n = 0, k, i, npolled = s->nconn;
        pfd[n].fd = signal_pipe[0];
        pfd[n++].events = POLLIN;
        for (k = 0; k < FS_CERT_COUNT; k++) {
            pfd[n].fd = s->nconn < FS_MAX_CONN ? s->lis[k].net.fd : -1;
            pfd[n++].events = POLLIN;
        }
        for (i = 0; i < npolled; i++) {
            polled[i] = s->conns[i];
            pfd[n].fd = polled[i]->net.fd;
            pfd[n++].events = polled[i]->events;
        }
        if (poll(pfd, (nfds_t)n, next_timeout(s, now)) < 0) {
            if (errno == EINTR)
                continue;
            perror("feed-server: poll");
            return -1;
        }
        if (pfd[0].revents)
            return 0;
        now = now_ms();
        for (i = 0; i < npolled; i++) {
            fs_conn *c = polled[i];
            if (pfd[1 + FS_CERT_COUNT + i].revents || (c->deadline && now >= c->deadline))
                fs_conn_step(c, &s->env, now);
        }
        for (k = 0; k < FS_CERT_COUNT; k++)
            if (pfd[1 + k].revents & POLLIN)
                accept_all(s, &s->lis[k], now);
        reap(s);
    }
}

static int setup_signals(void)
{
    struct sigaction sa;
    int i;
    if (pipe(signal_pipe) != 0)
        return -1;
    for (i = 0; i < 2; i++)
        if (fcntl(signal_pipe[i], F_SETFL, O_NONBLOCK) != 0 ||
            fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC) != 0)
            return -1;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0)
        return -1;
    sa.sa_handler = SIG_IGN;
    return sigaction(SIGPIPE, &sa, NULL);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "root", required_argument, NULL, 'r' },   { "dir", required_argument, NULL, 'd' },
        { "ca-out", required_argument, NULL, 'c' }, { "log", required_argument, NULL, 'l' },
        { "port", required_argument, NULL, 'p' },   { "help", no_argument, NULL, 'h' },
        { "certs-only", no_argument, NULL, 'C' },
        { NULL, 0, NULL, 0 }
    };
    static server s;
    const char *dir = NULL, *ca_out = NULL, *log_path = NULL;
    char *end;
    long port = 0;
    int opt, k, i, rc = 1, certs_only = 0;

    s.env.site.root = NULL;
    while ((opt = getopt_long(argc, argv, "r:d:c:l:p:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'r': s.env.site.root = optarg; break;
        case 'd': dir = optarg; break;
        case 'c': ca_out = optarg; break;
        case 'l': log_path = optarg; break;
        case 'p':
            port = strtol(optarg, &end, 10);
            if (*end || end == optarg || port < 0 || port > 65535) {
                fprintf(stderr, "feed-server: --port wants 0..65535, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'h': usage(stdout); return 0;
        case 'C': certs_only = 1; break;
        default: usage(stderr); return 2;
        }
    }
    if ((!s.env.site.root && !certs_only) || !dir || optind != argc) {
        usage(stderr);
        return 2;
    }

    mbedtls_entropy_init(&s.entropy);
    mbedtls_ctr_drbg_init(&s.drbg);
    fs_pki_init(&s.pki);
    for (k = 0; k < FS_CERT_COUNT; k++) {
        mbedtls_net_init(&s.lis[k].net);
        mbedtls_ssl_config_init(&s.lis[k].conf);
    }
    if (log_path) {
        s.env.log = fopen(log_path, "a");
        if (!s.env.log) {
            perror(log_path);
            goto out;
        }
    }
    if (setup_signals() != 0) {
        perror("feed-server: signals");
        goto out;
    }
    if (mbedtls_ctr_drbg_seed(&s.drbg, mbedtls_entropy_func, &s.entropy,
                              (const unsigned char *)"feed-server", 11) != 0)
        goto out;
    if (fs_pki_make(&s.pki, &s.drbg, dir, ca_out) != 0)
        goto out;
    if (certs_only) {
        printf("certs %s\n", dir);
        rc = fflush(stdout) != 0;
        goto out;
    }
    if (fs_bomb_init() != 0) {
        fprintf(stderr, "feed-server: cannot build the gzip bomb\n");
        goto out;
    }
    for (k = 0; k < FS_CERT_COUNT; k++)
        if (listen_on(&s, (fs_cert_kind)k, k == FS_CERT_GOOD ? (int)port : 0) != 0)
            goto out;
    s.env.site.port = s.lis[FS_CERT_GOOD].port;
    printf("port %d\n", s.lis[FS_CERT_GOOD].port);
    for (k = 1; k < FS_CERT_COUNT; k++)
        printf("port-%s %d\n", fs_cert_name((fs_cert_kind)k), s.lis[k].port);
    if (fflush(stdout) != 0)
        goto out;
    if (serve(&s) == 0)
        rc = 0;
out:
    for (i = 0; i < s.nconn; i++) {
        fs_conn_free(s.conns[i]);
        free(s.conns[i]);
    }
    for (k = 0; k < FS_CERT_COUNT; k++) {
        mbedtls_ssl_config_free(&s.lis[k].conf);
        mbedtls_net_free(&s.lis[k].net);
    }
    fs_bomb_free();
    fs_pki_free(&s.pki);
    mbedtls_ctr_drbg_free(&s.drbg);
    mbedtls_entropy_free(&s.entropy);
    if (s.env.log)
        fclose(s.env.log);
    return rc;
}

/*
 * fetch.h - HTTP(S) transfers over one libcurl multi handle, driven by the
 * caller's poll loop (curl's socket and timer callbacks; nothing blocks).
 * All transfers run at once over shared, reused connections.
 *
 * Every transfer verifies the server's certificate and host name (a CA
 * file or a pinned key may narrow that; nothing turns it off), allows
 * https only (http too when the request says so, redirects included), at
 * most FETCH_MAX_REDIRECTS redirects, every encoding libcurl can decode,
 * connect, low-speed and total time limits, and a cap on the body after
 * decoding, so a gzip bomb stops at the cap. Conditional GET sends the
 * ETag and Last-Modified given, verbatim.
 *
 * Each turn: fetch_pollfds() says which sockets to poll and for what,
 * fetch_next_deadline_ms() until when; after poll, fetch_on_poll() runs
 * curl and calls the done function for every transfer that finished.
 */
#ifndef FETCH_H
#define FETCH_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#define FETCH_MAX_REDIRECTS 5
#define FETCH_MAX_SOCKETS 64         /* sockets polled at once */
#define FETCH_MAX_CONNECTIONS 16     /* open at once; more transfers wait their turn */
#define FETCH_MAX_HOST_CONNECTIONS 4 /* to one server: polite, and each TLS
                                        connection costs ~100 KiB */
#define FETCH_VALIDATOR_MAX 512      /* longer ETag / Last-Modified values are not kept */
#define FETCH_NEVER UINT64_MAX

typedef struct fetch fetch;

typedef struct fetch_request {
    const char *url;
    const char *ca_file;            /* NULL or "": CURL_CA_BUNDLE, SSL_CERT_FILE, the system's */
    const char *pinned_pubkey;      /* NULL or "": none */
    const char *user_agent;         /* NULL or "": tickerd's own */
    const char *etag;               /* NULL or "": none to send */
    const char *last_modified;
    int allow_http;
    long timeout_s;                 /* whole transfer */
    size_t max_size;                /* body bytes after decoding */
} fetch_request;

enum fetch_status {
    FETCH_BODY = 0,                 /* a 2xx with a body */
    FETCH_NOT_MODIFIED,             /* a 304 */
    FETCH_FAILED                    /* anything else: see http_code and error */
};

/* What a finished transfer gives the done function; every pointer stays
   valid only during the call. */
typedef struct fetch_response {
    enum fetch_status status;
    long http_code;                 /* 0 when no HTTP answer came */
    const char *error;              /* one line, no URL query; "" when not failed */
    const char *body;               /* NUL-terminated, body_len bytes */
    size_t body_len;
    const char *content_type;       /* NULL when absent */
    const char *final_url;          /* after redirects */
    const char *etag;               /* validators the answer carried; NULL when absent */
    const char *last_modified;
    long max_age_s;                 /* Cache-Control max-age; -1 when absent */
    long retry_after_s;             /* on 429 and 503; -1 when absent */
} fetch_response;

typedef void (*fetch_done_fn)(void *ctx, void *tag, const fetch_response *r);

/* The User-Agent sent unless a request names its own. */
extern const char fetch_user_agent[];

/* A fetcher; done is called once per started transfer. The caller frees
   it with fetch_free(), which drops unfinished transfers without calling
   done. NULL when libcurl cannot start. */
fetch *fetch_new(fetch_done_fn done, void *ctx);
void fetch_free(fetch *f);

/* Starts fetching req (its strings are copied); tag comes back to done.
   0, or -1 with a logged reason (the done function is not called then). */
int fetch_start(fetch *f, const fetch_request *req, void *tag);
/* Drops the transfer with tag, if any, without calling done. */
void fetch_cancel(fetch *f, void *tag);
/* Transfers started and not yet done. */
unsigned fetch_active(const fetch *f);

/* Fills out (cap entries) with the sockets to poll; returns how many. */
unsigned fetch_pollfds(const fetch *f, struct pollfd *out, unsigned cap);
uint64_t fetch_next_deadline_ms(const fetch *f);
/* Runs curl for the n pollfds of fetch_pollfds() (revents set) and for its
   timer when due at now_ms; calls done for what finished. */
void fetch_on_poll(fetch *f, const struct pollfd *p, unsigned n, uint64_t now_ms);

#endif

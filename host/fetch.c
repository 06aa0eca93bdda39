/*
 * fetch.c - libcurl multi transfers in the caller's poll loop; see fetch.h.
 *
 * curl tells us which sockets it wants watched (socket_cb) and when it
 * next wants time (timer_cb); we keep both in the fetch struct, hand them
 * to the caller's poll, and feed what poll saw back through
 * curl_multi_socket_action. Nothing here waits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "clock.h"
#include "fetch.h"
#include "fetch_policy.h"
#include "log.h"
#include "version.h"

#define BODY_FIRST_CAP 16384u       /* first body buffer; grows by doubling to the cap */
#define CONNECT_TIMEOUT_MAX_S 15L
#define LOW_SPEED_BYTES 64L         /* slower than this ... */
#define LOW_SPEED_TIME_MAX_S 30L    /* ... for this long (or half the timeout) fails */

const char fetch_user_agent[] =
    "ledticker-tickerd/" TICKERD_VERSION " (+https://ledticker.invalid; headline ticker)";

typedef struct transfer {
    struct transfer *next;
    CURL *easy;
    void *tag;
    struct curl_slist *headers;     /* conditional GET */
    char *body;                     /* NUL-terminated; at most max + 1 bytes */
    size_t len, cap, max;
    int too_big;
    char errbuf[CURL_ERROR_SIZE];
} transfer;

typedef struct watched {
    curl_socket_t fd;
    short events;
} watched;

struct fetch {
    CURLM *multi;
    fetch_done_fn done;
    void *ctx;
    transfer *transfers;            /* started, not done */
    unsigned active;
    watched socks[FETCH_MAX_SOCKETS];
    unsigned nsocks;
    uint64_t deadline;              /* curl's timer; FETCH_NEVER when unset */
};

static int socket_cb(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp)
{
    fetch *f = userp;
    unsigned i;
    (void)easy;
    (void)socketp;

    for (i = 0; i < f->nsocks && f->socks[i].fd != s; i++)
        ;
    if (what == CURL_POLL_REMOVE) {
        if (i < f->nsocks)
            f->socks[i] = f->socks[--f->nsocks];
        return 0;
    }
    if (i == f->nsocks) {
        if (f->nsocks == FETCH_MAX_SOCKETS)
            return -1; /* curl fails this transfer */
        f->socks[f->nsocks++].fd = s;
    }
    f->socks[i].events = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) |
                                 ((what & CURL_POLL_OUT) ? POLLOUT : 0));
    return 0;
}

static int timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
    fetch *f = userp;
    (void)multi;
    f->deadline = timeout_ms < 0 ? FETCH_NEVER : clock_now_ms() + (uint64_t)timeout_ms;
    return 0;
}

/* The body, kept up to t->max bytes after decoding; one byte more aborts. */
static size_t body_cb(char *data, size_t size, size_t n, void *userp)
{
    transfer *t = userp;
    size_t len = size * n;

    if (len > t->max - t->len) {
        t->too_big = 1;
        return 0;
    }
    if (t->len + len + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : BODY_FIRST_CAP;
        char *b;
        while (cap < t->len + len + 1)
            cap *= 2;
        if (cap > t->max + 1)
            cap = t->max + 1;
        if (!(b = realloc(t->body, cap)))
            return 0;
        t->body = b;
        t->cap = cap;
    }
    memcpy(t->body + t->len, data, len);
    t->len += len;
    t->body[t->len] = 0;
    return len;
}

static void transfer_free(transfer *t)
{
    if (!t)
        return;
    if (t->easy)
        curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->headers);
    free(t->body);
    free(t);
}

fetch *fetch_new(fetch_done_fn done, void *ctx)
{
    fetch *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        free(f);
        return NULL;
    }
    f->done = done;
    f->ctx = ctx;
    f->deadline = FETCH_NEVER;
    if (!(f->multi = curl_multi_init())) {
        curl_global_cleanup();
        free(f);
        return NULL;
    }
    curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
    curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
    curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
    curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
    curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)FETCH_MAX_CONNECTIONS);
    curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS, (long)FETCH_MAX_CONNECTIONS);
    curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)FETCH_MAX_HOST_CONNECTIONS);
    return f;
}

void fetch_free(fetch *f)
{
    if (!f)
        return;
    while (f->transfers) {
        transfer *t = f->transfers;
        f->transfers = t->next;
        curl_multi_remove_handle(f->multi, t->easy);
        transfer_free(t);
    }
    curl_multi_cleanup(f->multi);
    curl_global_cleanup();
    free(f);
}

/* The CA bundle: the feed's, else the environment's, else NULL (curl's built-in store). */
static const char *ca_bundle(const char *configured)
{
    const char *env;
    if (configured && *configured)
        return configured;
    if ((env = getenv("CURL_CA_BUNDLE")) && *env)
        return env;
    if ((env = getenv("SSL_CERT_FILE")) && *env)
        return env;
    return NULL;
}

/* Adds "Name: value" to the headers; a value with a line break in it (a
   broken or hostile server's) is not sent. 0 or -1. */
static int add_header(struct curl_slist **list, const char *name, const char *value)
{
    char line[FETCH_VALIDATOR_MAX + 32];
    struct curl_slist *l;
    if (!value || !*value || strpbrk(value, "\r\n") || strlen(value) >= FETCH_VALIDATOR_MAX)
        return 0;
    snprintf(line, sizeof line, "%s: %s", name, value);
    if (!(l = curl_slist_append(*list, line)))
        return -1;
    *list = l;
    return 0;
}

static int setup(transfer *t, const fetch_request *req)
{
    CURL *e = t->easy;
    const char *protocols = req->allow_http ? "http,https" : "https";
    const char *ca = ca_bundle(req->ca_file);
    long timeout = req->timeout_s > 0 ? req->timeout_s : 60;
    long low_time = timeout / 2 < LOW_SPEED_TIME_MAX_S ? timeout / 2 : LOW_SPEED_TIME_MAX_S;
    CURLcode rc = CURLE_OK;

    if (add_header(&t->headers, "If-None-Match", req->etag) != 0 ||
        add_header(&t->headers, "If-Modified-Since", req->last_modified) != 0)
        return -1;
#define SET(opt, val) if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, val)
    SET(CURLOPT_URL, req->url);
    SET(CURLOPT_PRIVATE, t);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_ERRORBUFFER, t->errbuf);
    SET(CURLOPT_WRITEFUNCTION, body_cb);
    SET(CURLOPT_WRITEDATA, t);
    SET(CURLOPT_PROTOCOLS_STR, protocols);
    SET(CURLOPT_REDIR_PROTOCOLS_STR, protocols);
    SET(CURLOPT_FOLLOWLOCATION, 1L);
    SET(CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    SET(CURLOPT_ACCEPT_ENCODING, "");
    SET(CURLOPT_CONNECTTIMEOUT, timeout < CONNECT_TIMEOUT_MAX_S ? timeout : CONNECT_TIMEOUT_MAX_S);
    SET(CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED_BYTES);
    SET(CURLOPT_LOW_SPEED_TIME, low_time > 0 ? low_time : 1L);
    SET(CURLOPT_TIMEOUT, timeout);
    SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)t->max);
    SET(CURLOPT_USERAGENT, req->user_agent && *req->user_agent ? req->user_agent
                                                              : fetch_user_agent);
    if (ca)
        SET(CURLOPT_CAINFO, ca);
    if (req->pinned_pubkey && *req->pinned_pubkey)
        SET(CURLOPT_PINNEDPUBLICKEY, req->pinned_pubkey);
    if (t->headers)
        SET(CURLOPT_HTTPHEADER, t->headers);
#undef SET
    if (rc != CURLE_OK) {
        log_msg(LOG_ERROR, "fetch: libcurl refused an option: %s", curl_easy_strerror(rc));
        return -1;
    }
    return 0;
}

int fetch_start(fetch *f, const fetch_request *req, void *tag)
{
    transfer *t = calloc(1, sizeof *t);
    if (!t || !(t->easy = curl_easy_init())) {
        log_msg(LOG_ERROR, "fetch: out of memory");
        goto fail;
    }
    t->tag = tag;
    t->max = req->max_size ? req->max_size : 4u * 1024 * 1024;
    if (setup(t, req) != 0)
        goto fail;
    if (curl_multi_add_handle(f->multi, t->easy) != CURLM_OK) {
        log_msg(LOG_ERROR, "fetch: libcurl would not take another transfer");
        goto fail;
    }
    t->next = f->transfers;
    f->transfers = t;
    f->active++;
    return 0;

fail:
    transfer_free(t);
    return -1;
}

/* Unlinks and returns the transfer with easy handle e (or tag, when e is NULL). */
static transfer *unlink_transfer(fetch *f, CURL *e, void *tag)
{
    transfer **p;
    for (p = &f->transfers; *p; p = &(*p)->next) {
        transfer *t = *p;
        if (e ? t->easy == e : t->tag == tag) {
            *p = t->next;
            f->active--;
            curl_multi_remove_handle(f->multi, t->easy);
            return t;
        }
    }
    return NULL;
}

void fetch_cancel(fetch *f, void *tag)
{
    transfer_free(unlink_transfer(f, NULL, tag));
}

unsigned fetch_active(const fetch *f)
{
    return f->active;
}

/* A header's value in the last response (after redirects), or NULL. */
static const char *header(CURL *e, const char *name)
{
    struct curl_header *h;
    if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
        return NULL;
    return h->value;
}

/* curl's message, cut before any '?' so no query string reaches a log. */
static void error_text(const transfer *t, CURLcode rc, long code, char *out, size_t cap)
{
    if (t->too_big)
        snprintf(out, cap, "response larger than %zu bytes (after decoding)", t->max);
    else if (rc == CURLE_FILESIZE_EXCEEDED)
        snprintf(out, cap, "response larger than %zu bytes", t->max);
    else if (rc != CURLE_OK)
        snprintf(out, cap, "%.*s", (int)strcspn(t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc),
                                                "?"),
                 t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
    else
        snprintf(out, cap, "HTTP status %ld", code);
}

static void finish(fetch *f, CURL *e, CURLcode rc)
{
    transfer *t = unlink_transfer(f, e, NULL);
    fetch_response r;
    char err[CURL_ERROR_SIZE + 64] = "";
    char *url = NULL, *ctype = NULL;
    curl_off_t retry = -1;

    if (!t)
        return;
    memset(&r, 0, sizeof r);
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r.http_code);
    curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &url);
    curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ctype);
    r.final_url = url;
    r.content_type = ctype;
    r.max_age_s = -1;
    r.retry_after_s = -1;
    if (rc == CURLE_OK && r.http_code == 304) {
        r.status = FETCH_NOT_MODIFIED;
    } else if (rc == CURLE_OK && r.http_code >= 200 && r.http_code < 300) {
        r.status = FETCH_BODY;
    } else {
        r.status = FETCH_FAILED;
        error_text(t, rc, r.http_code, err, sizeof err);
        if ((r.http_code == 429 || r.http_code == 503) &&
            curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &retry) == CURLE_OK && retry > 0)
            r.retry_after_s = (long)retry;
    }
    if (r.status != FETCH_FAILED) {
        r.etag = header(e, "ETag");
        r.last_modified = header(e, "Last-Modified");
        r.max_age_s = fetch_policy_max_age(header(e, "Cache-Control"));
    }
    r.error = err;
    r.body = t->body && r.status == FETCH_BODY ? t->body : "";
    r.body_len = r.status == FETCH_BODY ? t->len : 0;
    f->done(f->ctx, t->tag, &r);
    transfer_free(t);
}

unsigned fetch_pollfds(const fetch *f, struct pollfd *out, unsigned cap)
{
    unsigned i;
    for (i = 0; i < f->nsocks && i < cap; i++) {
        out[i].fd = f->socks[i].fd;
        out[i].events = f->socks[i].events;
        out[i].revents = 0;
    }
    return i;
}

uint64_t fetch_next_deadline_ms(const fetch *f)
{
    return f->deadline;
}

void fetch_on_poll(fetch *f, const struct pollfd *p, unsigned n, uint64_t now_ms)
{
    int running, left;
    unsigned i;
    CURLMsg *m;

    for (i = 0; i < n; i++) {
        int ev = 0;
        if (!p[i].revents)
            continue;
        if (p[i].revents & (POLLIN | POLLHUP))
            ev |= CURL_CSELECT_IN;
        if (p[i].revents & POLLOUT)
            ev |= CURL_CSELECT_OUT;
        if (p[i].revents & (POLLERR | POLLNVAL))
            ev |= CURL_CSELECT_ERR;
        curl_multi_socket_action(f->multi, p[i].fd, ev, &running);
    }
    if (f->deadline != FETCH_NEVER && now_ms >= f->deadline) {
        f->deadline = FETCH_NEVER; /* timer_cb sets the next */
        curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    }
    while ((m = curl_multi_info_read(f->multi, &left)))
        if (m->msg == CURLMSG_DONE)
            finish(f, m->easy_handle, m->data.result);
}

/* fs_route.c - see fs_route.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fs_route.h"

typedef enum route {
    R_FILE, R_304_ETAG, R_304_NOETAG, R_429, R_503, R_500, R_DRIP, R_STALL,
    R_LOOP, R_TO_FILE, R_TO_FTP, R_REDIRECT, R_HUGE, R_ENDLESS, R_BOMB, R_CLOSE_MID
} route;

/* Each prefix ends in '/': what follows it, from that '/', is the file. */
static const struct {
    const char *prefix;
    route r;
} routes[] = {
    { "/304-etag/", R_304_ETAG },       { "/304-noetag/", R_304_NOETAG },
    { "/429/", R_429 },                 { "/503/", R_503 },
    { "/500/", R_500 },                 { "/drip/", R_DRIP },
    { "/stall/", R_STALL },             { "/redirect-loop/", R_LOOP },
    { "/redirect-file/", R_TO_FILE },   { "/redirect-ftp/", R_TO_FTP },
    { "/redirect/", R_REDIRECT },       { "/huge/", R_HUGE },
    { "/endless/", R_ENDLESS },         { "/gzip-bomb/", R_BOMB },
    { "/close-mid-body/", R_CLOSE_MID },
};

static const struct {
    const char *ext;
    const char *type;
} types[] = {
    { ".xml", "application/rss+xml" },  { ".rss", "application/rss+xml" },
    { ".atom", "application/atom+xml" }, { ".json", "application/json" },
    { ".html", "text/html" },           { ".htm", "text/html" },
    { ".txt", "text/plain" },
};

static const char *content_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    size_t i;
    for (i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcasecmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

static int hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * root + the percent-decoded rel (which starts with '/') into out. -1 when
 * rel is unsafe: a NUL, a ".." segment once decoded, or too long.
 */
static int file_path(const fs_site *site, const char *rel, char *out, size_t cap)
{
    size_t n = (size_t)snprintf(out, cap, "%s", site->root), start = n;
    const char *seg;
    if (n >= cap)
        return -1;
    for (; *rel; rel++) {
        int c = (unsigned char)*rel;
        if (c == '%') {
            int hi = hex(rel[1]), lo = hi < 0 ? -1 : hex(rel[2]);
            if (lo < 0)
                return -1;
            c = hi * 16 + lo;
            rel += 2;
        }
        if (c == 0 || n + 1 >= cap)
            return -1;
        out[n++] = (char)c;
    }
    out[n] = 0;
    for (seg = out + start; seg; seg = strchr(seg + 1, '/'))
        if (strncmp(seg, "/..", 3) == 0 && (seg[3] == '/' || seg[3] == 0))
            return -1;
    return 0;
}

static void simple(fs_response *resp, int status, const char *text)
{
    size_t len = strlen(text);
    fs_resp_start(resp, status);
    fs_resp_header(resp, "Content-Type", "text/plain");
    resp->body.kind = FS_BODY_MEM;
    resp->body.mem = malloc(len);
    if (resp->body.mem) {
        memcpy(resp->body.mem, text, len);
        resp->body.len = len;
    }
}

/* Weak comparison (RFC 9110 8.8.3.2) of etag against the If-None-Match list. */
static int etag_matches(const char *list, const char *etag)
{
    size_t el = strlen(etag);
    const char *p = list;
    while (*p) {
        const char *e;
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '*')
            return 1;
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        e = p;
        if (*e == '"')
            e = strchr(e + 1, '"');
        if (!e)
            return 0;
        e++;
        if ((size_t)(e - p) == el && memcmp(p, etag, el) == 0)
            return 1;
        while (*e && *e != ',')
            e++;
        p = e;
    }
    return 0;
}

/* Which of the file's headers a file route sends, and how. */
enum {
    F_CONDITIONAL = 1,      /* answer If-None-Match / If-Modified-Since with 304 */
    F_GZIP = 2,             /* gzip when the client accepts it */
    F_ALWAYS_304 = 4,       /* 304 with ETag and Last-Modified, whatever was asked */
};

static void serve_file(const fs_site *site, const fs_request *req, const char *rel, int flags,
                       fs_response *resp)
{
    char path[4096], etag[24], lastmod[32];
    struct stat st;
    int rc, not_modified = 0, gzip;
    time_t since;

    if (file_path(site, rel, path, sizeof path)) {
        simple(resp, 404, "Not Found\n");
        return;
    }
    rc = fs_body_file(&resp->body, path, &st);
    if (rc) {
        simple(resp, rc == -1 ? 404 : 500, rc == -1 ? "Not Found\n" : "Unreadable file\n");
        return;
    }
    snprintf(etag, sizeof etag, "\"%016" PRIx64 "\"", fs_body_hash(&resp->body));
    fs_http_date(st.st_mtime, lastmod);
    if (flags & F_ALWAYS_304)
        not_modified = 1;
    else if ((flags & F_CONDITIONAL) && req->if_none_match)
        not_modified = etag_matches(req->if_none_match, etag);
    else if ((flags & F_CONDITIONAL) && req->if_modified_since)
        not_modified = fs_http_parse_date(req->if_modified_since, &since) == 0 &&
                       st.st_mtime <= since;
    gzip = !not_modified && (flags & F_GZIP) && req->accept_encoding &&
           fs_http_has_token(req->accept_encoding, "gzip") && fs_body_gzip(&resp->body) == 0;
    fs_resp_start(resp, not_modified ? 304 : 200);
    /* nginx's way: the gzipped form has the same, but weak, ETag */
    fs_resp_header(resp, "ETag", "%s%s", gzip ? "W/" : "", etag);
    fs_resp_header(resp, "Last-Modified", "%s", lastmod);
    if (not_modified) {
        fs_body_free(&resp->body);
        resp->send_body = 0;
        return;
    }
    fs_resp_header(resp, "Content-Type", "%s", content_type(rel));
    if (flags & F_GZIP)
        fs_resp_header(resp, "Vary", "Accept-Encoding");
    if (gzip)
        fs_resp_header(resp, "Content-Encoding", "gzip");
}

/* A 302 to origin + target; origin NULL means this server, as the client named it. */
static void redirect(const fs_site *site, const fs_request *req, const char *origin,
                     const char *target, fs_response *resp)
{
    char here[32];
    snprintf(here, sizeof here, "127.0.0.1:%d", site->port);
    fs_resp_start(resp, 302);
    if (origin)
        fs_resp_header(resp, "Location", "%s%s", origin, target);
    else
        fs_resp_header(resp, "Location", "https://%s%s", req->host ? req->host : here, target);
}

/* /redirect/N/rest: N hops, each to /redirect/N-1/rest, the last to /rest. */
static void redirect_hops(const fs_site *site, const fs_request *req, const char *after,
                          fs_response *resp)
{
    char target[FS_REQ_MAX + 32];
    char *end;
    long n = strtol(after, &end, 10);
    if (end == after || *end != '/' || n < 0 || n > 1000) {
        simple(resp, 404, "Not Found: /redirect/N/FILE\n");
        return;
    }
    if (n == 0) {
        serve_file(site, req, end, F_CONDITIONAL | F_GZIP, resp);
        return;
    }
    if (n == 1)
        snprintf(target, sizeof target, "%s", end);
    else
        snprintf(target, sizeof target, "/redirect/%ld%s", n - 1, end);
    redirect(site, req, NULL, target, resp);
}

static void retry_later(fs_response *resp, int status)
{
    char when[32];
    simple(resp, status, status == 429 ? "Too Many Requests\n" : "Service Unavailable\n");
    if (status == 429) {
        fs_resp_header(resp, "Retry-After", "120");
        return;
    }
    fs_http_date(time(NULL) + 120, when);
    fs_resp_header(resp, "Retry-After", "%s", when);
}

static void generated(fs_response *resp, route r, const char *rel)
{
    fs_resp_start(resp, 200);
    fs_resp_header(resp, "Content-Type", "%s", content_type(rel));
    if (r == R_BOMB) {
        fs_body_bomb(&resp->body);
        fs_resp_header(resp, "Content-Encoding", "gzip");
    } else {
        fs_body_filler(&resp->body, r == R_HUGE ? FS_HUGE_LEN : FS_ENDLESS);
    }
}

static void misbehave(const fs_site *site, const fs_request *req, route r, const char *rest,
                      fs_response *resp)
{
    char self[FS_REQ_MAX + 8];
    switch (r) {
    case R_304_ETAG:
        serve_file(site, req, rest, F_ALWAYS_304, resp);
        break;
    case R_304_NOETAG:
        fs_resp_start(resp, 304);
        resp->send_body = 0;
        break;
    case R_429:
    case R_503:
        retry_later(resp, r == R_429 ? 429 : 503);
        break;
    case R_500:
        simple(resp, 500, "Internal Server Error\n");
        break;
    case R_DRIP:
    case R_STALL:
    case R_CLOSE_MID:
        serve_file(site, req, rest, 0, resp);
        if (resp->status == 200)
            resp->pace = r == R_DRIP ? FS_PACE_DRIP : r == R_STALL ? FS_PACE_STALL : FS_PACE_CLOSE_MID;
        break;
    case R_LOOP:
        snprintf(self, sizeof self, "%s%s%s", req->path, req->query ? "?" : "",
                 req->query ? req->query : "");
        redirect(site, req, NULL, self, resp);
        break;
    case R_TO_FILE:
        redirect(site, req, "file://", "/etc/passwd", resp);
        break;
    case R_TO_FTP:
        redirect(site, req, "ftp://", "127.0.0.1/x", resp);
        break;
    case R_REDIRECT:
        redirect_hops(site, req, rest + 1, resp);
        break;
    case R_HUGE:
    case R_ENDLESS:
    case R_BOMB:
        generated(resp, r, rest);
        break;
    case R_FILE:
        serve_file(site, req, rest, F_CONDITIONAL | F_GZIP, resp);
        break;
    }
}

void fs_route(const fs_site *site, const fs_request *req, fs_response *resp)
{
    size_t i;
    int head = strcmp(req->method, "HEAD") == 0;

    memset(&resp->body, 0, sizeof resp->body);
    resp->pace = FS_PACE_FULL;
    resp->send_body = !head;
    resp->overflow = 0;
    resp->keep_alive = !req->has_body &&
        (req->minor >= 1 ? !fs_http_has_token(req->connection, "close")
                         : fs_http_has_token(req->connection, "keep-alive"));
    if (!head && strcmp(req->method, "GET") != 0) {
        simple(resp, 405, "Only GET and HEAD\n");
        fs_resp_header(resp, "Allow", "GET, HEAD");
    } else {
        for (i = 0; i < sizeof routes / sizeof routes[0]; i++) {
            size_t n = strlen(routes[i].prefix);
            if (strncmp(req->path, routes[i].prefix, n) == 0) {
                misbehave(site, req, routes[i].r, req->path + n - 1, resp);
                break;
            }
        }
        if (i == sizeof routes / sizeof routes[0])
            misbehave(site, req, R_FILE, req->path, resp);
    }
    if (resp->pace != FS_PACE_FULL)
        resp->keep_alive = 0;
    fs_resp_end(resp);
}

void fs_route_error(fs_response *resp, int status)
{
    memset(&resp->body, 0, sizeof resp->body);
    resp->pace = FS_PACE_FULL;
    resp->send_body = 1;
    resp->overflow = 0;
    resp->keep_alive = 0;
    simple(resp, status, status == 431 ? "Request head too large\n" : "Bad Request\n");
    fs_resp_end(resp);
}

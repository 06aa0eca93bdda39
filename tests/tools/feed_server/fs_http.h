/*
 * fs_http.h - HTTP/1.1 for the feed server: parsing a request head in
 * place, and building a response head with a hard size limit.
 */
#ifndef FS_HTTP_H
#define FS_HTTP_H

#include <stddef.h>
#include <time.h>

#include "fs_body.h"

#define FS_REQ_MAX 8192         /* the largest request head accepted */
#define FS_HEAD_MAX 12288       /* response head: room for a Location of any request path */

/* A parsed request; every string points into the buffer it was parsed from. */
typedef struct fs_request {
    const char *method;
    const char *path;               /* the target up to '?' */
    const char *query;              /* after '?', or NULL when there is none */
    int minor;                      /* HTTP/1.minor */
    const char *if_none_match;      /* these are NULL when the header is absent */
    const char *if_modified_since;
    const char *accept_encoding;
    const char *user_agent;
    const char *host;
    const char *connection;
    int has_body;                   /* it sent a body, which we do not read: close after */
} fs_request;

/*
 * Parses the request head at the start of buf (len bytes), writing NULs
 * into it. Returns the head's length with its blank line, 0 when the head
 * is not complete yet, -1 when it is malformed.
 */
int fs_http_parse(char *buf, size_t len, fs_request *req);
/* 1 when the comma-separated header value list holds token (any case). */
int fs_http_has_token(const char *list, const char *token);

/* How a response body goes out. */
typedef enum fs_pace {
    FS_PACE_FULL,           /* as fast as the client takes it */
    FS_PACE_DRIP,           /* one byte a second */
    FS_PACE_STALL,          /* nothing after the head; the connection stays open */
    FS_PACE_CLOSE_MID       /* half the body, then close */
} fs_pace;

typedef struct fs_response {
    int status;
    char head[FS_HEAD_MAX];
    size_t head_len;
    int overflow;           /* the head did not fit: a bug, the connection is dropped */
    fs_body body;
    fs_pace pace;
    int keep_alive;
    int send_body;          /* 0 for HEAD and for 304 */
} fs_response;

/* Starts a head with the status line, Date and Server. */
void fs_resp_start(fs_response *r, int status);
/* Adds "name: value" with value formatted from fmt. */
void fs_resp_header(fs_response *r, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * Ends the head: Content-Length from the body unless it is endless (then
 * the connection closes after it), Connection, and the blank line.
 */
void fs_resp_end(fs_response *r);

/* t as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") into out. */
void fs_http_date(time_t t, char out[32]);
/* Parses an IMF-fixdate; 0, or -1 when s is not one. */
int fs_http_parse_date(const char *s, time_t *t);

#endif

/* fs_http.c - see fs_http.h. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fs_http.h"

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
    }
}

static char *trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        *--e = 0;
    return s;
}

/* Splits the request line "METHOD SP target SP HTTP/1.x" in place. */
static int parse_request_line(char *line, fs_request *req)
{
    char *target, *version, *q;
    target = strchr(line, ' ');
    if (!target)
        return -1;
    *target++ = 0;
    version = strchr(target, ' ');
    if (!version)
        return -1;
    *version++ = 0;
    if (strncmp(version, "HTTP/1.", 7) != 0 || !isdigit((unsigned char)version[7]) || version[8])
        return -1;
    if (target[0] != '/' || !line[0])
        return -1;
    req->minor = version[7] - '0';
    req->method = line;
    q = strchr(target, '?');
    if (q)
        *q++ = 0;
    req->path = target;
    req->query = q;
    return 0;
}

static void parse_header(char *name, char *value, fs_request *req)
{
    static const struct {
        const char *name;
        size_t offset;
    } known[] = {
        { "If-None-Match", offsetof(fs_request, if_none_match) },
        { "If-Modified-Since", offsetof(fs_request, if_modified_since) },
        { "Accept-Encoding", offsetof(fs_request, accept_encoding) },
        { "User-Agent", offsetof(fs_request, user_agent) },
        { "Host", offsetof(fs_request, host) },
        { "Connection", offsetof(fs_request, connection) },
    };
    size_t i;
    for (i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(name, known[i].name) == 0) {
            memcpy((char *)req + known[i].offset, &value, sizeof value);
            return;
        }
    if (strcasecmp(name, "Transfer-Encoding") == 0 ||
        (strcasecmp(name, "Content-Length") == 0 && strtol(value, NULL, 10) != 0))
        req->has_body = 1;
}

int fs_http_parse(char *buf, size_t len, fs_request *req)
{
    char *end = NULL, *line, *next;
    size_t i;
    for (i = 3; i < len && !end; i++)
        if (buf[i - 3] == '\r' && buf[i - 2] == '\n' && buf[i - 1] == '\r' && buf[i] == '\n')
            end = buf + i + 1;
    if (!end)
        return 0;
    memset(req, 0, sizeof *req);
    for (i = 0; buf + i < end - 4; i++)
        if (buf[i] == 0)
            return -1;
    end[-4] = 0;
    line = buf;
    next = strstr(line, "\r\n");
    if (next) {
        *next = 0;
        next += 2;
    }
    if (strpbrk(line, "\r\n") || parse_request_line(line, req))
        return -1;
    while (next) {
        char *colon;
        line = next;
        next = strstr(line, "\r\n");
        if (next) {
            *next = 0;
            next += 2;
        }
        colon = strchr(line, ':');
        if (!colon || colon == line || strpbrk(line, "\r\n"))
            return -1;
        *colon = 0;
        parse_header(line, trim(colon + 1), req);
    }
    return (int)(end - buf);
}

/* The q value in a list item's parameters, from p to its end: 1 when absent. */
static double quality(const char *p)
{
    const char *comma = strchr(p, ',');
    const char *q = strstr(p, "q=");
    return q && (!comma || q < comma) ? strtod(q + 2, NULL) : 1.0;
}

int fs_http_has_token(const char *list, const char *token)
{
    size_t tl = strlen(token);
    const char *p = list;
    while (p && *p) {
        const char *e;
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        e = p;
        while (*e && *e != ',' && *e != ';' && *e != ' ')
            e++;
        if ((size_t)(e - p) == tl && strncasecmp(p, token, tl) == 0)
            return quality(e) > 0.0;
        p = strchr(e, ',');
    }
    return 0;
}

void fs_http_date(time_t t, char out[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

int fs_http_parse_date(const char *s, time_t *t)
{
    struct tm tm;
    const char *end;
    memset(&tm, 0, sizeof tm);
    end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (!end || *end)
        return -1;
    *t = timegm(&tm);
    return 0;
}

static void append(fs_response *r, const char *fmt, va_list ap)
{
    size_t room = sizeof r->head - r->head_len;
    int n = vsnprintf(r->head + r->head_len, room, fmt, ap);
    if (n < 0 || (size_t)n >= room)
        r->overflow = 1;
    else
        r->head_len += (size_t)n;
}

static void appendf(fs_response *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void appendf(fs_response *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    append(r, fmt, ap);
    va_end(ap);
}

void fs_resp_start(fs_response *r, int status)
{
    char date[32];
    r->status = status;
    r->head_len = 0;
    fs_http_date(time(NULL), date);
    appendf(r, "HTTP/1.1 %d %s\r\nDate: %s\r\nServer: ledticker-feed-server\r\n",
            status, reason(status), date);
}

void fs_resp_header(fs_response *r, const char *name, const char *fmt, ...)
{
    va_list ap;
    appendf(r, "%s: ", name);
    va_start(ap, fmt);
    append(r, fmt, ap);
    va_end(ap);
    appendf(r, "\r\n");
}

void fs_resp_end(fs_response *r)
{
    if (r->body.len == FS_ENDLESS)
        r->keep_alive = 0;
    else if (r->status != 304)
        appendf(r, "Content-Length: %zu\r\n", r->body.len);
    appendf(r, "Connection: %s\r\n\r\n", r->keep_alive ? "keep-alive" : "close");
}

/*
 * fs_route.h - what the feed server answers to a request: a file from the
 * root, served as a well-behaved server would, or, under one of the path
 * prefixes listed in feed_server.c, a chosen misbehaviour.
 */
#ifndef FS_ROUTE_H
#define FS_ROUTE_H

#include "fs_http.h"

typedef struct fs_site {
    const char *root;       /* the directory files are served from */
    int port;               /* the main port, for redirects when there is no Host */
} fs_site;

/*
 * Fills resp (head, body, pace, keep_alive, send_body) for req. resp->body
 * may own memory: the caller frees it with fs_body_free.
 */
void fs_route(const fs_site *site, const fs_request *req, fs_response *resp);

/* Fills resp with an error status for a request that could not be parsed; closes after. */
void fs_route_error(fs_response *resp, int status);

#endif

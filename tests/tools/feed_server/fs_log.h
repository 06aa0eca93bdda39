/*
 * fs_log.h - the feed server's request log: one JSON object a line, one
 * line a request, flushed at once so a test can read it while the server
 * runs.
 */
#ifndef FS_LOG_H
#define FS_LOG_H

#include <stdio.h>

#include "fs_http.h"

/* Where a request came in: which listener, which connection, which turn. */
typedef struct fs_log_where {
    const char *listener;       /* "main", "wronghost", ... */
    unsigned long conn;         /* connection number, from 1, over all listeners */
    unsigned long request;      /* the request's number on that connection, from 1 */
} fs_log_where;

/*
 * Writes one line to f (nothing when f is NULL):
 *   {"conn":1,"request":1,"listener":"main","method":"GET","path":"/a.xml",
 *    "query":null,"if_none_match":null,"if_modified_since":null,
 *    "accept_encoding":"gzip","user_agent":"curl/7.88.1","status":200}
 * Absent values are null. Bytes outside printable ASCII are written as
 * \u00XX, one per byte, so the line is valid JSON whatever the client sent.
 */
void fs_log_request(FILE *f, const fs_log_where *where, const fs_request *req, int status);

#endif

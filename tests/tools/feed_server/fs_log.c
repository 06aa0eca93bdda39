/* fs_log.c - see fs_log.h. */
#include "fs_log.h"

static void json_string(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void field(FILE *f, const char *name, const char *value)
{
    fprintf(f, ",\"%s\":", name);
    json_string(f, value);
}

void fs_log_request(FILE *f, const fs_log_where *where, const fs_request *req, int status)
{
    if (!f)
        return;
    fprintf(f, "{\"conn\":%lu,\"request\":%lu", where->conn, where->request);
    field(f, "listener", where->listener);
    field(f, "method", req->method);
    field(f, "path", req->path);
    field(f, "query", req->query);
    field(f, "if_none_match", req->if_none_match);
    field(f, "if_modified_since", req->if_modified_since);
    field(f, "accept_encoding", req->accept_encoding);
    field(f, "user_agent", req->user_agent);
    fprintf(f, ",\"status\":%d}\n", status);
    fflush(f);
}

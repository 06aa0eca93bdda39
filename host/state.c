/*
 * state.c - the state directory: opening it, atomic writes, bounded reads,
 * setting corrupt files aside. The record formats are in state_records.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "state.h"
#include "state_io.h"

struct state_store {
    char dir[512];
    int dirfd;
    int failing;                /* the last write failed: said once */
};

const char *state_pick_dir(const char *dir)
{
    static char first[512];
    const char *env = getenv("STATE_DIRECTORY");
    if (dir && *dir)
        return dir;
    if (env && *env) {
        /* systemd gives a colon-separated list when several are configured */
        snprintf(first, sizeof first, "%.*s", (int)strcspn(env, ":"), env);
        return first;
    }
    return STATE_DEFAULT_DIR;
}

state_store *state_open(const char *dir)
{
    state_store *s = calloc(1, sizeof *s);
    if (!s) {
        log_msg(LOG_ERROR, "state: out of memory");
        return NULL;
    }
    if (strlen(dir) >= sizeof s->dir) {
        log_msg(LOG_ERROR, "state: directory name too long: %s", dir);
        free(s);
        return NULL;
    }
    memcpy(s->dir, dir, strlen(dir) + 1);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        log_msg(LOG_ERROR, "state: cannot create %s: %s", dir, strerror(errno));
        free(s);
        return NULL;
    }
    if ((s->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        log_msg(LOG_ERROR, "state: cannot open %s: %s", dir, strerror(errno));
        free(s);
        return NULL;
    }
    return s;
}

void state_close(state_store *s)
{
    if (!s)
        return;
    close(s->dirfd);
    free(s);
}

const char *state_dir(const state_store *s)
{
    return s->dir;
}

uint64_t state_hash(const char *str)
{
    uint64_t h = 1469598103934665603ull;
    for (; *str; str++) {
        h ^= (unsigned char)*str;
        h *= 1099511628211ull;
    }
    return h;
}

void state_buf_add(state_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *d;
        while (cap < b->len + n + 1)
            cap *= 2;
        if (cap > STATE_MAX_FILE || !(d = realloc(b->data, cap))) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void state_buf_addf(state_buf *b, const char *fmt, ...)
{
    char line[STATE_BUF_LINE_MAX];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0)
        state_buf_add(b, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

void state_buf_field(state_buf *b, const char *s)
{
    while (*s) {
        size_t n = strcspn(s, "\\\t\n");
        state_buf_add(b, s, n);
        s += n;
        if (*s) {
            state_buf_add(b, *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : "\\n", 2);
            s++;
        }
    }
}

void state_buf_free(state_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int state_write(state_store *s, const char *name, const state_buf *b)
{
    char tmp[128];
    int fd, err = 0;

    if (b->failed) {
        log_msg(LOG_ERROR, "state: %s/%s would be larger than %u bytes; not written", s->dir,
                name, STATE_MAX_FILE);
        return -1;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", name);
    fd = openat(s->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || write_all(fd, b->data ? b->data : "", b->len) != 0 || fsync(fd) != 0)
        err = errno ? errno : EIO;
    if (fd >= 0 && close(fd) != 0 && !err)
        err = errno;
    if (!err && renameat(s->dirfd, tmp, s->dirfd, name) != 0)
        err = errno;
    if (!err && fsync(s->dirfd) != 0)
        err = errno;
    if (err) {
        unlinkat(s->dirfd, tmp, 0);
        if (!s->failing)
            log_msg(LOG_ERROR, "state: cannot write %s/%s: %s; running on what is in memory "
                    "until writes work again", s->dir, name, strerror(err));
        s->failing = 1;
        return -1;
    }
    if (s->failing)
        log_msg(LOG_INFO, "state: writing to %s works again", s->dir);
    s->failing = 0;
    return 0;
}

void state_set_aside(state_store *s, const char *name, const char *why, unsigned line)
{
    char aside[160], stamp[32];
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
    snprintf(aside, sizeof aside, "%s.corrupt-%s", name, stamp);
    if (renameat(s->dirfd, name, s->dirfd, aside) == 0)
        log_msg(LOG_WARN, "state: %s/%s is corrupt (%s, line %u); moved aside to %s; "
                "starting it afresh", s->dir, name, why, line, aside);
    else
        log_msg(LOG_WARN, "state: %s/%s is corrupt (%s, line %u) and cannot be moved aside: "
                "%s; starting it afresh", s->dir, name, why, line, strerror(errno));
}

char *state_read(state_store *s, const char *name, int *missing)
{
    int fd = openat(s->dirfd, name, O_RDONLY | O_CLOEXEC);
    struct stat st;
    char *data = NULL;
    size_t got = 0;

    *missing = 0;
    if (fd < 0) {
        if (errno == ENOENT)
            *missing = 1;
        else
            log_msg(LOG_WARN, "state: cannot read %s/%s: %s", s->dir, name, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)STATE_MAX_FILE) {
        close(fd);
        state_set_aside(s, name, "not a regular file of a sane size", 0);
        return NULL;
    }
    if (!(data = malloc((size_t)st.st_size + 1))) {
        close(fd);
        return NULL;
    }
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, data + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    data[got] = 0;
    return data;
}

int state_split(char *line, char **fields, int max)
{
    int n = 0;
    char *r = line, *w = line;

    fields[n++] = w;
    for (; *r; r++) {
        if (*r == '\t') {
            *w++ = 0;
            if (n == max)
                return -1;
            fields[n++] = w;
        } else if (*r == '\\') {
            r++;
            if (*r == '\\')
                *w++ = '\\';
            else if (*r == 't')
                *w++ = '\t';
            else if (*r == 'n')
                *w++ = '\n';
            else
                return -1;
        } else {
            *w++ = *r;
        }
    }
    *w = 0;
    return n;
}

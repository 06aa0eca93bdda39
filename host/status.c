/*
 * status.c - the status file's format, writing and removing it (for the
 * daemon), and reading and judging it (for `tickerd status`).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "log.h"
#include "state_io.h"
#include "status.h"

#define HEADER "tickerd-status 1 "

void status_time(time_t t, char *out, size_t cap)
{
    struct tm tm;
    if (!localtime_r(&t, &tm) || !strftime(out, cap, "%Y-%m-%d %H:%M:%S", &tm))
        snprintf(out, cap, "%lld", (long long)t);
}

int status_write(state_store *s, long pid, time_t written, const char *body)
{
    state_buf b = { 0 };
    char head[64];
    int rc;

    snprintf(head, sizeof head, HEADER "%ld %lld\n", pid, (long long)written);
    state_buf_add(&b, head, strlen(head));
    state_buf_add(&b, body, strlen(body));
    rc = state_write(s, STATUS_FILE, &b);
    state_buf_free(&b);
    return rc;
}

void status_remove(state_store *s)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", state_dir(s), STATUS_FILE);
    if (unlink(path) != 0 && errno != ENOENT)
        log_msg(LOG_WARN, "state: cannot remove %s: %s", path, strerror(errno));
}

/* A decimal number at *p up to a space or newline, which *p is moved past. */
static int number(const char **p, long long min, long long *out)
{
    char *end;
    long long v;
    errno = 0;
    v = strtoll(*p, &end, 10);
    if (errno || end == *p || v < min || (*end != ' ' && *end != '\n'))
        return -1;
    *out = v;
    *p = end + 1;
    return 0;
}

int status_parse(const char *text, long *pid, time_t *written, const char **body)
{
    const char *p = text;
    long long v, t;

    if (strncmp(p, HEADER, strlen(HEADER)) != 0)
        return -1;
    p += strlen(HEADER);
    if (number(&p, 1, &v) != 0 || v > LONG_MAX || p[-1] != ' ' || number(&p, 0, &t) != 0 ||
        p[-1] != '\n')
        return -1;
    *pid = (long)v;
    *written = (time_t)t;
    *body = p;
    return 0;
}

enum status_verdict status_judge(time_t written, time_t now, int alive)
{
    if (!alive)
        return STATUS_GONE;
    if (now - written > STATUS_STALE_S)
        return STATUS_STALE;
    return STATUS_RUNNING;
}

static int pid_alive(long pid)
{
    /* EPERM: it runs, as another user (the service's dynamic user) */
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

static void print_time(FILE *out, time_t t)
{
    char s[32];
    status_time(t, s, sizeof s);
    fputs(s, out);
}

int status_report(const char *dir, time_t now, FILE *out)
{
    struct stat st;
    state_store *s = NULL;
    char *text = NULL;
    const char *body;
    time_t written;
    long pid;
    int missing = 0, rc = CMD_FAIL;

    if (stat(dir, &st) != 0 && errno == ENOENT) {
        fprintf(out, "tickerd is not running: there is no state directory %s\n", dir);
        return CMD_FAIL;
    }
    /* a directory the service owns may need root to read (log says why) */
    if (!(s = state_open(dir)) || !(text = state_read(s, STATUS_FILE, &missing))) {
        if (missing)
            fprintf(out, "tickerd is not running: no %s in %s\n", STATUS_FILE, dir);
        else
            fprintf(out, "tickerd status: cannot read %s/%s (as root, or with the right "
                    "--state-dir, it may work)\n", dir, STATUS_FILE);
        goto done;
    }
    if (status_parse(text, &pid, &written, &body) != 0) {
        fprintf(out, "tickerd status: %s/%s is not a status file\n", dir, STATUS_FILE);
        goto done;
    }
    switch (status_judge(written, now, pid_alive(pid))) {
    case STATUS_GONE:
        fprintf(out, "tickerd is not running: pid %ld is gone; its last status, of ", pid);
        print_time(out, written);
        fputs(", is not current\n", out);
        goto done;
    case STATUS_STALE:
        fprintf(out, "tickerd is not running as far as can be told: its status was last "
                "written %lld s ago (at ", (long long)(now - written));
        print_time(out, written);
        fprintf(out, "); pid %ld is alive but is stuck or another program\n", pid);
        goto done;
    default:
        break;
    }
    fprintf(out, "tickerd is running (pid %ld), state in %s; status as of ", pid, dir);
    print_time(out, written);
    fputs("\n\n", out);
    fputs(body, out);
    rc = CMD_OK;
done:
    free(text);
    state_close(s);
    return rc;
}

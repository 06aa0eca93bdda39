/* cmd_common.c - what the subcommands share; see cmd.h. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/signalfd.h>

#include "clock.h"

#include "cmd.h"

int cmd_usage_error(const char *cmd, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "tickerd %s: %s\nTry 'tickerd %s --help'.\n", cmd, msg, cmd);
    return CMD_USAGE;
}

int cmd_bad_option(const char *cmd, char **argv, const char *allowed)
{
    /* getopt_long leaves the offending word just before optind */
    const char *word = optind > 0 ? argv[optind - 1] : "?";
    if (optopt && optopt != '?')
        return cmd_usage_error(cmd, "option -%c is unknown or needs a value; allowed: %s",
                               optopt, allowed);
    return cmd_usage_error(cmd, "bad option '%s' (unknown, or missing its value); allowed: %s",
                           word, allowed);
}

int cmd_number(const char *cmd, const char *opt, const char *arg, long min, long max, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(arg, &end, 10);
    if (errno || end == arg || *end || v < min || v > max) {
        cmd_usage_error(cmd, "%s takes a whole number %ld..%ld, not '%s'", opt, min, max, arg);
        return -1;
    }
    *out = v;
    return 0;
}

int cmd_poll(link_conn *l, int extra_fd, int max_wait_ms)
{
    struct pollfd p[2];
    int n = 0, li = -1, ei = -1, timeout = max_wait_ms, r;
    uint64_t now = clock_now_ms(), deadline = link_next_deadline_ms(l);

    if (deadline != LINK_NEVER) {
        uint64_t wait = deadline > now ? deadline - now : 0;
        if (timeout < 0 || wait < (uint64_t)timeout)
            timeout = wait > INT_MAX ? INT_MAX : (int)wait;
    }
    if (link_fd(l) >= 0) {
        p[n].fd = link_fd(l);
        p[n].events = link_poll_events(l);
        p[n].revents = 0;
        li = n++;
    }
    if (extra_fd >= 0) {
        p[n].fd = extra_fd;
        p[n].events = POLLIN;
        p[n].revents = 0;
        ei = n++;
    }
    r = poll(p, (nfds_t)n, timeout);
    if (r < 0)
        return errno == EINTR ? 0 : -1;
    now = clock_now_ms();
    if (li >= 0 && (p[li].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)))
        link_on_readable(l, now);
    if (li >= 0 && (p[li].revents & POLLOUT) && link_fd(l) == p[li].fd)
        link_on_writable(l, now);
    link_on_timer(l, now);
    return ei >= 0 && (p[ei].revents & POLLIN) ? 1 : 0;
}

int cmd_wait(link_conn *l, int (*done)(link_conn *l, void *ctx), void *ctx, uint64_t timeout_ms)
{
    uint64_t end = clock_now_ms() + timeout_ms;
    while (!done(l, ctx)) {
        uint64_t now = clock_now_ms();
        if (now >= end)
            return 0;
        if (cmd_poll(l, -1, (int)(end - now > INT_MAX ? INT_MAX : end - now)) < 0)
            return 0;
    }
    return 1;
}

link_conn *cmd_connect(const char *cmd, const char *port)
{
    link_conn *l = link_new(port, NULL);
    if (!l) {
        fprintf(stderr, "tickerd %s: cannot use port '%s' (path too long, or out of memory)\n",
                cmd, port);
        return NULL;
    }
    link_start(l, clock_now_ms());
    return l;
}

int cmd_synced(link_conn *l, void *ctx)
{
    (void)ctx;
    return link_synced(l);
}

int cmd_timed_out(const char *cmd, const link_conn *l, long timeout_s)
{
    if (!link_caps(l))
        fprintf(stderr, "tickerd %s: the display on %s did not answer within %ld s\n", cmd,
                link_path(l), timeout_s);
    else
        fprintf(stderr, "tickerd %s: the display on %s did not acknowledge within %ld s\n", cmd,
                link_path(l), timeout_s);
    return CMD_FAIL;
}

int cmd_signal_fd(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
        return -1;
    return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

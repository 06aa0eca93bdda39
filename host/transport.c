/* transport.c - choosing a transport for a path; see transport.h. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "log.h"
#include "transport.h"

/* Linux's UNIX98 pty slaves: majors 136..143 (Documentation/admin-guide/devices.txt). */
#define PTY_SLAVE_MAJOR_FIRST 136
#define PTY_SLAVE_MAJOR_LAST 143

void transport_init(transport *t)
{
    t->ops = NULL;
    t->fd = -1;
    t->port = NULL;
}

int transport_is_pty(const char *path)
{
    struct stat st;
    char real[PATH_MAX];
    unsigned maj;

    if (stat(path, &st) != 0 || !S_ISCHR(st.st_mode))
        return 0;
    maj = major(st.st_rdev);
    if (maj >= PTY_SLAVE_MAJOR_FIRST && maj <= PTY_SLAVE_MAJOR_LAST)
        return 1;
    /* a devpts mounted elsewhere, or a kernel numbering them differently */
    return realpath(path, real) != NULL && strncmp(real, "/dev/pts/", 9) == 0;
}

int transport_open(transport *t, const char *path, char *err, size_t errlen)
{
    char serial_err[256];

    transport_init(t);
    if (transport_serial.open(t, path, serial_err, sizeof serial_err) == 0) {
        t->ops = &transport_serial;
        log_msg(LOG_DEBUG, "%s: opened with libserialport", path);
        return 0;
    }
    if (!transport_is_pty(path)) {
        snprintf(err, errlen, "%s", serial_err);
        return -1;
    }
    log_msg(LOG_DEBUG, "%s: libserialport cannot open it (%s); a pty, so opening it as a tty",
            path, serial_err);
    if (transport_tty.open(t, path, err, errlen) != 0)
        return -1;
    t->ops = &transport_tty;
    log_msg(LOG_DEBUG, "%s: opened with termios (pty)", path);
    return 0;
}

ssize_t transport_read(transport *t, uint8_t *buf, size_t cap)
{
    return t->ops ? t->ops->read(t, buf, cap) : -1;
}

ssize_t transport_write(transport *t, const uint8_t *buf, size_t len)
{
    return t->ops ? t->ops->write(t, buf, len) : -1;
}

void transport_close(transport *t)
{
    if (t->ops)
        t->ops->close(t);
    transport_init(t);
}

int transport_fd(const transport *t)
{
    return t->ops ? t->ops->fd(t) : -1;
}

int transport_hung_up(int fd)
{
    struct pollfd p;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    if (poll(&p, 1, 0) < 0)
        return errno != EINTR;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

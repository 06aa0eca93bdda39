/*
 * transport_tty.c - a tty opened directly with termios: the fallback for
 * a pty (ticker-sim's --link), which libserialport 0.1.1 cannot open.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "transport.h"

static int tty_open(transport *t, const char *path, char *err, size_t errlen)
{
    struct termios tio;
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (tcgetattr(fd, &tio) != 0) {
        snprintf(err, errlen, "%s: not a tty: %s", path, strerror(errno));
        goto fail;
    }
    cfmakeraw(&tio);
    tio.c_cflag &= (tcflag_t)~(CSTOPB | PARENB | CRTSCTS);
    tio.c_cflag |= CLOCAL | CREAD | CS8;
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    if (cfsetispeed(&tio, B115200) != 0 || cfsetospeed(&tio, B115200) != 0 ||
        tcsetattr(fd, TCSANOW, &tio) != 0) {
        snprintf(err, errlen, "%s: setting 115200 8N1 raw: %s", path, strerror(errno));
        goto fail;
    }
    t->fd = fd;
    return 0;

fail:
    close(fd);
    return -1;
}

static ssize_t tty_read(transport *t, uint8_t *buf, size_t cap)
{
    ssize_t n = read(t->fd, buf, cap);
    if (n > 0)
        return n;
    if (n == 0) /* with VMIN 0 that is also "nothing waiting" */
        return transport_hung_up(t->fd) ? -1 : 0;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
        return 0;
    return -1; /* EIO: the other end hung up */
}

static ssize_t tty_write(transport *t, const uint8_t *buf, size_t len)
{
    ssize_t n = write(t->fd, buf, len);
    if (n >= 0)
        return n;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
        return 0;
    return -1;
}

static void tty_close(transport *t)
{
    close(t->fd);
    t->fd = -1;
}

static int tty_fd(const transport *t)
{
    return t->fd;
}

const transport_ops transport_tty = {
    "tty", tty_open, tty_read, tty_write, tty_close, tty_fd
};

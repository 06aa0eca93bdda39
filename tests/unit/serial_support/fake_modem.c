/* fake_modem.c - see fake_modem.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fake_modem.h"

#define PTS_SYSFS "/sys/class/tty/pts/"
/* where a virtual tty's sysfs link points; libserialport only looks for
   "usb" or "bluetooth" in it */
#define PTS_TARGET "../../devices/virtual/tty/pts"

/* glibc's old stat entry point, still what libserialport 0.1.1 calls */
int __lxstat(int ver, const char *path, struct stat *st);

static int enabled;
static int modem_bits;
static unsigned calls;

void fake_modem_enable(int on)
{
    enabled = on;
    modem_bits = TIOCM_DTR | TIOCM_RTS | TIOCM_CTS | TIOCM_DSR | TIOCM_CAR;
    calls = 0;
}

unsigned fake_modem_calls(void)
{
    return calls;
}

static int is_modem_request(unsigned long request)
{
    return request == TIOCMGET || request == TIOCMSET || request == TIOCMBIS ||
           request == TIOCMBIC;
}

int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    void *arg;
    long r;
    int err;

    va_start(ap, request);
    arg = va_arg(ap, void *);
    va_end(ap);
    r = syscall(SYS_ioctl, fd, request, arg);
    err = errno;
    if (r == 0 || !enabled || !is_modem_request(request) || (err != ENOTTY && err != EINVAL)) {
        errno = err;
        return (int)r;
    }
    calls++;
    if (request == TIOCMGET)
        *(int *)arg = modem_bits;
    else if (request == TIOCMSET)
        modem_bits = *(const int *)arg;
    else if (request == TIOCMBIS)
        modem_bits |= *(const int *)arg;
    else
        modem_bits &= ~*(const int *)arg;
    return 0;
}

static int is_pts_sysfs(const char *path)
{
    return enabled && strncmp(path, PTS_SYSFS, sizeof PTS_SYSFS - 1) == 0;
}

int __lxstat(int ver, const char *path, struct stat *st)
{
    (void)ver;
    if (is_pts_sysfs(path)) {
        memset(st, 0, sizeof *st);
        st->st_mode = S_IFLNK | 0777;
        return 0;
    }
    return lstat(path, st);
}

ssize_t readlink(const char *path, char *buf, size_t cap)
{
    size_t n = sizeof PTS_TARGET - 1;
    if (!is_pts_sysfs(path))
        return readlinkat(AT_FDCWD, path, buf, cap);
    if (n > cap)
        n = cap;
    memmove(buf, PTS_TARGET, n); /* libserialport reads the link into its own path */
    return (ssize_t)n;
}

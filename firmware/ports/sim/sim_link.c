/* sim_link.c - see sim_link.h. */
#include "sim_link.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sim_file.h"

static int make_raw(int fd)
{
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0)
        return -1;
    cfmakeraw(&tio);
    cfsetispeed(&tio, B115200);
    cfsetospeed(&tio, B115200);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    return tcsetattr(fd, TCSANOW, &tio);
}

static void reset(sim_link *l)
{
    l->in_fd = -1;
    l->out_fd = -1;
    l->keep_fd = -1;
    l->pty_path[0] = 0;
    l->symlink = NULL;
}

int sim_link_open_pty(sim_link *l, const char *link_path, char *err, size_t errlen)
{
    const char *name;

    reset(l);
    l->in_fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (l->in_fd < 0 || grantpt(l->in_fd) != 0 || unlockpt(l->in_fd) != 0 ||
        !(name = ptsname(l->in_fd))) {
        sim_errf(err, errlen, "cannot create a pty: %s", strerror(errno));
        goto fail;
    }
    snprintf(l->pty_path, sizeof l->pty_path, "%s", name);
    /* Holding the slave open keeps the master from reporting a hang-up
       between clients, and lets us put the line in raw mode before anyone
       else opens it. */
    l->keep_fd = open(l->pty_path, O_RDWR | O_NOCTTY);
    if (l->keep_fd < 0 || make_raw(l->keep_fd) != 0) {
        sim_errf(err, errlen, "cannot set up %s: %s", l->pty_path, strerror(errno));
        goto fail;
    }
    if (link_path) {
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp%ld", link_path, (long)getpid());
        unlink(tmp);
        if (symlink(l->pty_path, tmp) != 0 || rename(tmp, link_path) != 0) {
            sim_errf(err, errlen, "cannot link %s to %s: %s", link_path, l->pty_path, strerror(errno));
            unlink(tmp);
            goto fail;
        }
        l->symlink = link_path;
    }
    l->out_fd = l->in_fd;
    return 0;
fail:
    sim_link_close(l);
    return -1;
}

int sim_link_open_port(sim_link *l, const char *path, char *err, size_t errlen)
{
    reset(l);
    l->in_fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (l->in_fd < 0) {
        sim_errf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if (isatty(l->in_fd) && make_raw(l->in_fd) != 0) {
        sim_errf(err, errlen, "cannot set %s to raw 115200 8N1: %s", path, strerror(errno));
        sim_link_close(l);
        return -1;
    }
    l->out_fd = l->in_fd;
    return 0;
}

void sim_link_open_stdio(sim_link *l)
{
    reset(l);
    l->in_fd = STDIN_FILENO;
    l->out_fd = STDOUT_FILENO;
}

void sim_link_close(sim_link *l)
{
    if (l->symlink)
        unlink(l->symlink);
    if (l->keep_fd >= 0)
        close(l->keep_fd);
    if (l->in_fd > STDERR_FILENO)
        close(l->in_fd);
    reset(l);
}

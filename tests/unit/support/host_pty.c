/* host_pty.c - see host_pty.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "host_pty.h"

int host_pty_open(char *path, size_t cap)
{
    struct termios tio;
    const char *name;
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);

    if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0 || !(name = ptsname(m)))
        fail_msg("cannot make a pty");
    /* raw from the start, so nothing the display sends is echoed back */
    if (tcgetattr(m, &tio) != 0)
        fail_msg("tcgetattr on the pty master");
    cfmakeraw(&tio);
    if (tcsetattr(m, TCSANOW, &tio) != 0)
        fail_msg("tcsetattr on the pty master");
    if (strlen(name) >= cap)
        fail_msg("pty name too long");
    memcpy(path, name, strlen(name) + 1);
    return m;
}

void host_pty_link(const char *target, const char *link_path)
{
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s.new", link_path);
    unlink(tmp);
    if (symlink(target, tmp) != 0 || rename(tmp, link_path) != 0)
        fail_msg("cannot point %s at %s", link_path, target);
}

/*
 * transport_serial.c - a serial port through libserialport (0.1.1 on
 * Debian 12): 115200 8N1, no flow control, non-blocking.
 *
 * libserialport wants the kernel's name (/dev/ttyUSB0), not a udev
 * symlink (/dev/serial/by-id/...), so the path is resolved first.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libserialport.h>

#include "transport.h"

/* Copies libserialport's last error into err, prefixed with what failed. */
static void sp_error(char *err, size_t errlen, const char *what)
{
    char *msg = sp_last_error_message();
    snprintf(err, errlen, "%s: %s", what, msg ? msg : "unknown error");
    if (msg)
        sp_free_error_message(msg);
}

static int serial_open(transport *t, const char *path, char *err, size_t errlen)
{
    char real[PATH_MAX];
    struct sp_port *port = NULL;
    int fd;

    if (!realpath(path, real)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (sp_get_port_by_name(real, &port) != SP_OK) {
        sp_error(err, errlen, "not a serial port libserialport knows");
        return -1;
    }
    if (sp_open(port, SP_MODE_READ_WRITE) != SP_OK) {
        sp_error(err, errlen, "open");
        goto fail;
    }
    if (sp_set_baudrate(port, TRANSPORT_BAUD) != SP_OK || sp_set_bits(port, 8) != SP_OK ||
        sp_set_parity(port, SP_PARITY_NONE) != SP_OK || sp_set_stopbits(port, 1) != SP_OK ||
        sp_set_flowcontrol(port, SP_FLOWCONTROL_NONE) != SP_OK) {
        sp_error(err, errlen, "setting 115200 8N1");
        goto fail_open;
    }
    if (sp_get_port_handle(port, &fd) != SP_OK || fd < 0) {
        sp_error(err, errlen, "port handle");
        goto fail_open;
    }
    t->port = port;
    t->fd = fd;
    return 0;

fail_open:
    sp_close(port);
fail:
    sp_free_port(port);
    return -1;
}

static ssize_t serial_read(transport *t, uint8_t *buf, size_t cap)
{
    enum sp_return n = sp_nonblocking_read(t->port, buf, cap);
    if (n < 0)
        return -1;
    if (n == 0 && transport_hung_up(t->fd))
        return -1;
    return (ssize_t)n;
}

static ssize_t serial_write(transport *t, const uint8_t *buf, size_t len)
{
    enum sp_return n = sp_nonblocking_write(t->port, buf, len);
    return n < 0 ? -1 : (ssize_t)n;
}

static void serial_close(transport *t)
{
    sp_close(t->port);
    sp_free_port(t->port);
    t->port = NULL;
    t->fd = -1;
}

static int serial_fd(const transport *t)
{
    return t->fd;
}

const transport_ops transport_serial = {
    "libserialport", serial_open, serial_read, serial_write, serial_close, serial_fd
};

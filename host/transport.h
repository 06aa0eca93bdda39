/*
 * transport.h - the byte pipe under the link: a serial port through
 * libserialport, or a plain tty (a pty from ticker-sim) through termios.
 *
 * Which one is chosen at run time, so a transport is a small ops table.
 * Every operation is non-blocking; the caller polls transport_fd().
 */
#ifndef TRANSPORT_H
#define TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define TRANSPORT_BAUD 115200

struct sp_port;
typedef struct transport transport;

typedef struct transport_ops {
    const char *name;
    /* Opens path at 115200 8N1, raw, no flow control; 0 or -1 with a
       reason in err. */
    int (*open)(transport *t, const char *path, char *err, size_t errlen);
    /* Bytes read (>0), 0 when none are waiting, -1 when the line is gone. */
    ssize_t (*read)(transport *t, uint8_t *buf, size_t cap);
    /* Bytes taken (maybe fewer than len, maybe 0), -1 when the line is gone. */
    ssize_t (*write)(transport *t, const uint8_t *buf, size_t len);
    void (*close)(transport *t);
    int (*fd)(const transport *t);
} transport_ops;

struct transport {
    const transport_ops *ops;  /* NULL while closed */
    int fd;                    /* transport_tty's descriptor */
    struct sp_port *port;      /* transport_serial's port, owned */
};

extern const transport_ops transport_serial;
extern const transport_ops transport_tty;

/* A closed transport. */
void transport_init(transport *t);

/*
 * Opens path through libserialport; when that fails on a pty (which
 * libserialport 0.1.1 cannot open) it falls back to the tty transport.
 * Logs the transport used at debug level. 0, or -1 with err filled.
 */
int transport_open(transport *t, const char *path, char *err, size_t errlen);

/* 1 when path (after symlinks) is a pseudo-terminal slave. */
int transport_is_pty(const char *path);

/* Reads, writes, closes through whichever ops t was opened with. Closing a
   closed transport does nothing. */
ssize_t transport_read(transport *t, uint8_t *buf, size_t cap);
ssize_t transport_write(transport *t, const uint8_t *buf, size_t len);
void transport_close(transport *t);
/* 1 when poll says fd's line hung up or failed. A tty read with nothing
   waiting and a read after a hang-up both return 0; this tells them apart. */
int transport_hung_up(int fd);

/* The descriptor to poll, or -1 while closed. */
int transport_fd(const transport *t);

#endif

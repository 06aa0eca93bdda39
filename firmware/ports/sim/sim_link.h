/*
 * sim_link.h - where the simulator's wire protocol comes from: a pty it
 * creates (the usual way to connect tickerd), a serial port or tty given by
 * path, or standard input with replies on standard output.
 */
#ifndef SIM_LINK_H
#define SIM_LINK_H

#include <stddef.h>

typedef struct sim_link {
    int in_fd;            /* bytes from the host */
    int out_fd;           /* replies and events to the host */
    int keep_fd;          /* the pty's slave, held open by us, or -1 */
    char pty_path[128];   /* the pty's slave path, when we made one */
    const char *symlink;  /* a stable name for the pty, removed at close */
} sim_link;

/*
 * Creates a pty in raw mode and, when link_path is given, a symlink to its
 * slave at link_path (replacing what was there), so a client can reopen the
 * same name after the simulator restarts. 0, or -1 with a message in err.
 */
int sim_link_open_pty(sim_link *l, const char *link_path, char *err, size_t errlen);
/* Opens a tty or serial port at path, raw, 115200 8N1. */
int sim_link_open_port(sim_link *l, const char *path, char *err, size_t errlen);
/* Standard input and output. */
void sim_link_open_stdio(sim_link *l);
void sim_link_close(sim_link *l);

#endif

/*
 * host_pty.h - pseudo-terminals for the host tests: the test holds the
 * master (the display's end) and tickerd's code opens the slave by path,
 * as it opens ticker-sim's --link.
 */
#ifndef HOST_PTY_H
#define HOST_PTY_H

#include <stddef.h>

/* Opens a pty with raw line settings; returns the master (non-blocking)
   and writes the slave's path into path. Fails the test on error. */
int host_pty_open(char *path, size_t cap);

/* Points the symlink at link_path to target, atomically (a rename), as
   ticker-sim --link does when it starts. Fails the test on error. */
void host_pty_link(const char *target, const char *link_path);

#endif

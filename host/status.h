/*
 * status.h - the running daemon's status file, STATUS_FILE in the state
 * directory, and `tickerd status`, which prints it.
 *
 * The daemon writes it atomically (state_io.h) when something changed, at
 * most once a second, and at least every STATUS_HEARTBEAT_S so that its
 * age says whether the daemon still runs; it removes it when it stops.
 * The first line is "tickerd-status 1 PID WRITTEN" (WRITTEN in Unix
 * seconds); the rest is text for people, printed as it is.
 */
#ifndef STATUS_H
#define STATUS_H

#include <stdio.h>
#include <time.h>

#include "state.h"

#define STATUS_FILE "status.txt"
#define STATUS_HEARTBEAT_S 60
/* Older than this, with its pid alive, the file is not a running daemon's
   (it is stuck, or the pid is another process's now). */
#define STATUS_STALE_S 120

enum status_verdict {
    STATUS_RUNNING = 0,
    STATUS_GONE,                /* its pid is not alive: stopped without removing it */
    STATUS_STALE                /* pid alive, file older than STATUS_STALE_S */
};

/* t as local "YYYY-MM-DD HH:MM:SS" into out (cap bytes, at least 20). */
void status_time(time_t t, char *out, size_t cap);

/* Writes body (text) with the header for pid at written; 0 or -1 (logged). */
int status_write(state_store *s, long pid, time_t written, const char *body);
/* Removes the status file, when the daemon stops. */
void status_remove(state_store *s);

/* Splits text (a status file's contents) into its header's pid and time and
   its body (pointing into text); 0, or -1 when it is not a status file. */
int status_parse(const char *text, long *pid, time_t *written, const char **body);
/* What a file of pid written at `written` means at now; alive says whether
   the pid is a live process. */
enum status_verdict status_judge(time_t written, time_t now, int alive);

/*
 * `tickerd status`: reads the status file in dir and prints the daemon's
 * status to out, or why there is none. Returns CMD_OK when a daemon is
 * running, CMD_FAIL otherwise.
 */
int status_report(const char *dir, time_t now, FILE *out);

#endif

/*
 * sim_file.h - atomic output for the simulator's writers (PNG, GIF, text
 * dumps): write a temporary file next to the target, then rename it over
 * the target, so a reader (a test, an image viewer) never sees a
 * half-written file. Also the error-message helper those writers share.
 */
#ifndef SIM_FILE_H
#define SIM_FILE_H

#include <stddef.h>
#include <stdio.h>

/* Longest target path accepted, in bytes without the terminator. */
#define SIM_FILE_PATH_MAX 4095

typedef struct sim_file {
    FILE *fp;                           /* the temporary file, open for writing */
    char tmp[SIM_FILE_PATH_MAX + 8];    /* its name: the target + ".XXXXXX" */
    char path[SIM_FILE_PATH_MAX + 1];   /* the target */
} sim_file;

/*
 * Creates the temporary file for path (mode 0666 less the umask, like
 * fopen). Returns 0, or -1 with a message in err and nothing left behind.
 */
int sim_file_open(sim_file *f, const char *path, char *err, size_t errlen);

/*
 * Flushes, syncs and closes the temporary file, then renames it over the
 * target. Returns 0, or -1 with a message; either way the temporary file is
 * gone and f is closed.
 */
int sim_file_commit(sim_file *f, char *err, size_t errlen);

/* Closes and removes the temporary file; the target is untouched. */
void sim_file_abort(sim_file *f);

/* Formats a message into err (errlen bytes); err may be NULL. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void sim_errf(char *err, size_t errlen, const char *fmt, ...);

#endif

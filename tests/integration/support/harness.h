/*
 * harness.h - what the integration tests share: starting the real programs
 * (ticker-sim, tickerd, the noise relay), reading their output with
 * time-outs, and checking what the simulator's dumped frames show.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "tk_fb.h"

typedef struct proc {
    pid_t pid;
    int out_fd;          /* its stdout, when captured, else -1 */
} proc;

/* Starts argv[0] with argv: capture 0 leaves its output alone, 1 captures
   stdout, 2 stdout and stderr together. Fails the test when it cannot. */
int proc_start(proc *p, char *const argv[], int capture);
/* Starts argv[0] with argv, its stdout and stderr appended to log_path
   (a long-running daemon whose log the test reads afterwards). */
void proc_start_logged(proc *p, char *const argv[], const char *log_path);
/* Reads one line of its stdout (without the newline) within timeout_ms;
   returns its length, or -1 on time-out or end of output. */
int proc_read_line(proc *p, char *buf, size_t cap, int timeout_ms);
/* Waits for it to exit; its exit status, or -1 after timeout_ms. What it
   wrote stays readable until proc_close. */
int proc_wait(proc *p, int timeout_ms);
/* SIGTERM, then SIGKILL if it has not gone within a second; reaps it.
   Returns the exit status, or -1 when it had to be killed. */
int proc_stop(proc *p);
/* Closes the captured output. */
void proc_close(proc *p);
/* SIGKILL at once and reap: a display pulled out. */
void proc_kill(proc *p);
/* Kills every process this test started and has not reaped: call it from
   each test's teardown, so a failed test leaves nothing running. */
void proc_kill_all(void);

/* Runs argv to completion within timeout_ms, capturing stdout and stderr
   into out (NUL-terminated); returns the exit status, -1 on time-out. */
int run_capture(char *const argv[], int timeout_ms, char *out, size_t cap);

/* Milliseconds on the monotonic clock. */
uint64_t now_ms(void);
void sleep_ms(unsigned ms);

/* Writes texts, one per line, to dir/name (a playlist for tickerd play);
   fails the test when it cannot. */
void write_lines(const char *dir, const char *name, const char *const texts[], int n);

/* Writes text to path; fails the test when it cannot. */
void write_text(const char *path, const char *text);

/* The whole file at path, NUL-terminated, into buf (cut at cap); "" when
   it is missing (a file a process has not written yet). */
void read_text(const char *path, char *buf, size_t cap);

/*
 * A cmocka teardown for tests whose setup made a directory and left its
 * name in *state: kills every process the test started (even after a
 * failure) and removes the directory.
 */
int harness_teardown(void **state);

/* A fresh directory under /tmp; remove it with harness_rmtree. */
void harness_tmpdir(char *out, size_t cap);
void harness_rmtree(const char *dir);

/*
 * Starts build/ticker-sim --pty --link link_path --headless with the extra
 * arguments (NULL-terminated, may be NULL), capturing its stdout and
 * stderr, and waits for the pty's path, which goes into pty (cap bytes).
 */
void start_sim(proc *sim, const char *link_path, const char *const extra[], char *pty, size_t cap);
/* Runs build/tickerd with args (NULL-terminated) and fails the test unless
   it exits 0 within 10 s; its output goes into out. */
void run_tickerd(const char *const args[], char *out, size_t cap);
/*
 * Waits until the simulator's --events file shows every one of the n texts
 * started; returns the milliseconds it took, or -1 after timeout_ms. Fails
 * the test at once if any item started with a text not among them: that
 * would be a garbled item on the screen.
 */
long wait_all_started(const char *events_path, const char *const texts[], int n, int timeout_ms);

typedef struct frames {
    tk_fb *fb;           /* frames in order, malloc'd */
    uint32_t *t_ms;      /* their time stamps */
    unsigned count;
} frames;

/* Loads DIR/frame-*.txt in order. Fails the test on a malformed frame. */
void frames_load(frames *f, const char *dir);
void frames_free(frames *f);

/*
 * 1 when fb shows a run of at least min_cols columns (or the whole text,
 * if narrower) that match text drawn in font exactly, with some lit.
 */
int frame_shows(const tk_fb *fb, const uint8_t *font, const char *text, unsigned min_cols);
/* Time of the first frame at or after from_ms that shows text, or -1. */
long first_showing(const frames *f, uint32_t from_ms, const uint8_t *font, const char *text,
                   unsigned min_cols);

#endif

/*
 * log.h - tickerd's log: one line per event on stderr, with a level prefix.
 *
 * Callers log changes of state, never one line per retry or per loop turn;
 * the link and the commands keep the flags that make that true.
 */
#ifndef LOG_H
#define LOG_H

enum log_level {
    LOG_ERROR = 0,
    LOG_WARN = 1,
    LOG_INFO = 2,
    LOG_DEBUG = 3
};

/* Messages above this level are dropped; LOG_INFO unless -v / -q change it. */
extern int log_verbosity;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void log_msg(int level, const char *fmt, ...);

#endif

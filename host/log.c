/* log.c - see log.h. */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

int log_verbosity = LOG_INFO;

static const char *const prefix[] = { "error", "warning", "info", "debug" };

void log_msg(int level, const char *fmt, ...)
{
    char line[512];
    va_list ap;

    if (level > log_verbosity)
        return;
    if (level < LOG_ERROR)
        level = LOG_ERROR;
    if (level > LOG_DEBUG)
        level = LOG_DEBUG;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* one fprintf per line, so lines from a signal-free loop never interleave */
    fprintf(stderr, "tickerd: %s: %s\n", prefix[level], line);
}

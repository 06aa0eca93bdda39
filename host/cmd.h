/*
 * cmd.h - tickerd's subcommands, and what they share: option errors,
 * numbers from the command line, and running the link until done.
 *
 * Each subcommand takes argc/argv starting at its own name and returns
 * the process's exit code: 0 ok, 1 runtime failure, 2 usage error.
 */
#ifndef CMD_H
#define CMD_H

#include <stdint.h>

#include "link.h"

#define CMD_OK 0
#define CMD_FAIL 1
#define CMD_USAGE 2

int cmd_send(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_clear(int argc, char **argv);
int cmd_delete(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_ports(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_once(int argc, char **argv);
int cmd_check_config(int argc, char **argv);
int cmd_condense(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_status(int argc, char **argv);

/* Prints "tickerd CMD: message" and "try 'tickerd CMD --help'"; returns CMD_USAGE. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int cmd_usage_error(const char *cmd, const char *fmt, ...);

/* The usage error for the option getopt_long could not take (argv[optind - 1]). */
int cmd_bad_option(const char *cmd, char **argv, const char *allowed);

/* Reads a whole decimal number min..max from the argument of option opt;
   0, or -1 after printing what is allowed. */
int cmd_number(const char *cmd, const char *opt, const char *arg, long min, long max, long *out);

/*
 * One turn of the loop: polls the link (and extra_fd when >= 0) for at
 * most max_wait_ms (-1: until the link's next deadline) and runs its
 * handlers. 1 when extra_fd became readable, 0 otherwise, -1 when poll
 * failed.
 */
int cmd_poll(link_conn *l, int extra_fd, int max_wait_ms);

/* Runs the link until done(l, ctx) says 1, or timeout_ms pass; 1 or 0. */
int cmd_wait(link_conn *l, int (*done)(link_conn *l, void *ctx), void *ctx, uint64_t timeout_ms);

/* SIGTERM, SIGINT and SIGHUP blocked and delivered through the returned
   descriptor, for a poll loop; -1 when that fails. */
int cmd_signal_fd(void);

/* Shared by the one-shot commands: a started link to port, or NULL after
   printing why. The caller frees it with link_free(). */
link_conn *cmd_connect(const char *cmd, const char *port);

/* A cmd_wait() condition: the display holds the whole playlist. */
int cmd_synced(link_conn *l, void *ctx);

/* Prints why a command timed out (no answer at all, or no acknowledgement
   of what it sent); returns CMD_FAIL. */
int cmd_timed_out(const char *cmd, const link_conn *l, long timeout_s);

#endif

/*
 * daemon_cmd.c - the daemon's subcommands: `tickerd run` (the service),
 * `tickerd once --print` (fetch every feed once and show the playlist, to
 * check a config) and `tickerd check-config` (read the file, run nothing).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "config.h"
#include "daemon.h"
#include "log.h"

static const char run_usage[] =
    "Usage: tickerd run -c FILE [--state-dir DIR] [--verbose]\n"
    "Fetches the feeds of FILE and keeps their newest items on its displays\n"
    "until SIGTERM or SIGINT. SIGHUP reloads FILE (a bad file is reported and\n"
    "the running configuration kept).\n"
    "  -c, --config FILE  the configuration (see host/README.md)\n"
    "  --state-dir DIR    where state is kept (default: $STATE_DIRECTORY, else\n"
    "                     /var/lib/tickerd)\n"
    "  -v, --verbose      log every fetch, not only changes\n";

static const char once_usage[] =
    "Usage: tickerd once -c FILE --print [--verbose]\n"
    "Fetches every feed of FILE once, prints the playlist (FEED<TAB>TITLE per\n"
    "line) and exits: 0 when any feed worked. Keeps no state, sends nothing\n"
    "to displays.\n"
    "  -c, --config FILE  the configuration\n"
    "  --print            print the playlist (required: what once is for)\n"
    "  -v, --verbose      log every fetch\n";

static const char check_usage[] =
    "Usage: tickerd check-config -c FILE\n"
    "Reads FILE and reports every error (file:line: [section] key: what is\n"
    "allowed). Exit status 0 when the file is good, 1 when not.\n";

/* The options run, once and check-config share; CMD_OK to go on. */
static int options(const char *cmd, const char *usage, int argc, char **argv,
                   const char **config_file, const char **state_dir, int *print)
{
    static const struct option opts[] = {
        { "config", required_argument, 0, 'c' }, { "state-dir", required_argument, 0, 's' },
        { "print", no_argument, 0, 'p' },        { "verbose", no_argument, 0, 'v' },
        { "help", no_argument, 0, 'h' },         { 0, 0, 0, 0 }
    };
    int c;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:v", opts, NULL)) != -1) {
        switch (c) {
        case 'c': *config_file = optarg; break;
        case 's':
            if (!state_dir)
                return cmd_usage_error(cmd, "--state-dir is not an option of %s", cmd);
            *state_dir = optarg;
            break;
        case 'p':
            if (!print)
                return cmd_usage_error(cmd, "--print is not an option of %s", cmd);
            *print = 1;
            break;
        case 'v': log_verbosity = LOG_DEBUG; break;
        case 'h': fputs(usage, stdout); return -1;
        default: return cmd_bad_option(cmd, argv, "-c FILE, --state-dir DIR, --print, "
                                       "--verbose, --help");
        }
    }
    if (!*config_file)
        return cmd_usage_error(cmd, "-c FILE is required");
    if (optind != argc)
        return cmd_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    return CMD_OK;
}

int cmd_run(int argc, char **argv)
{
    const char *file = NULL, *dir = NULL;
    int rc = options("run", run_usage, argc, argv, &file, &dir, NULL);
    if (rc != CMD_OK)
        return rc < 0 ? CMD_OK : rc;
    return daemon_main(file, dir, 0, stdout);
}

int cmd_once(int argc, char **argv)
{
    const char *file = NULL;
    int print = 0;
    int rc = options("once", once_usage, argc, argv, &file, NULL, &print);
    if (rc != CMD_OK)
        return rc < 0 ? CMD_OK : rc;
    if (!print)
        return cmd_usage_error("once", "--print is required");
    return daemon_main(file, NULL, 1, stdout);
}

int cmd_check_config(int argc, char **argv)
{
    const char *file = NULL;
    char *errors;
    config *c;
    int rc = options("check-config", check_usage, argc, argv, &file, NULL, NULL);

    if (rc != CMD_OK)
        return rc < 0 ? CMD_OK : rc;
    if (!(errors = malloc(CONFIG_ERRORS_MAX))) {
        fprintf(stderr, "tickerd check-config: out of memory\n");
        return CMD_FAIL;
    }
    if (!(c = config_load(file, errors, CONFIG_ERRORS_MAX))) {
        fputs(errors, stderr);
        free(errors);
        return CMD_FAIL;
    }
    printf("%s: ok: %u feeds, %u displays\n", file, c->nfeeds, c->ndisplays);
    config_free(c);
    free(errors);
    return CMD_OK;
}

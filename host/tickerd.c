/*
 * tickerd.c - main: global options, then one subcommand. The subcommands
 * live in cmd_*.c and ports.c.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "log.h"
#include "version.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    int verbosity;              /* default log level: daemons say more */
    const char *summary;
} command;

static const command commands[] = {
    { "send", cmd_send, LOG_WARN, "put one item on the display and wait for its ACK" },
    { "probe", cmd_probe, LOG_WARN, "print the display's capabilities and telemetry" },
    { "clear", cmd_clear, LOG_WARN, "remove every item from the display" },
    { "delete", cmd_delete, LOG_WARN, "remove one item from the display" },
    { "play", cmd_play, LOG_INFO, "keep a playlist file on the display" },
    { "ports", cmd_ports, LOG_WARN, "list serial ports" },
    { "run", cmd_run, LOG_INFO, "the daemon: fetch the feeds, keep the displays up to date" },
    { "status", cmd_status, LOG_WARN, "print what the running daemon is doing" },
    { "once", cmd_once, LOG_WARN, "fetch every feed once and print the playlist" },
    { "check-config", cmd_check_config, LOG_WARN, "check a configuration file" },
    { "condense", cmd_condense, LOG_WARN, "shorten headlines from stdin to fit the display" },
    { "parse", cmd_parse, LOG_WARN, "print what is read from a feed or article file" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void help(void)
{
    size_t i;
    printf("Usage: tickerd [-v|--verbose] [-q|--quiet] COMMAND [OPTIONS]\n"
           "       tickerd --help | --version\n"
           "Fetches news, condenses headlines and drives ledticker displays.\n\nCommands:\n");
    for (i = 0; i < NCOMMANDS; i++)
        printf("  %-13s %s\n", commands[i].name, commands[i].summary);
    printf("\n'tickerd COMMAND --help' describes each. Exit status: 0 ok, 1 failure,\n"
           "2 usage error.\n");
}

int main(int argc, char **argv)
{
    int i = 1, delta = 0;
    size_t c;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            help();
            return CMD_OK;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("tickerd %s\n", TICKERD_VERSION);
            return CMD_OK;
        }
        if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
            delta++;
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            delta--;
        } else {
            fprintf(stderr, "tickerd: unknown option '%s'; allowed before the command: "
                    "-v, --verbose, -q, --quiet, --help, --version\n", argv[i]);
            return CMD_USAGE;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "tickerd: a command is needed; try 'tickerd --help'\n");
        return CMD_USAGE;
    }
    for (c = 0; c < NCOMMANDS; c++) {
        if (strcmp(argv[i], commands[c].name) == 0) {
            log_verbosity = commands[c].verbosity + delta;
            return commands[c].run(argc - i, argv + i);
        }
    }
    fprintf(stderr, "tickerd: unknown command '%s'; commands:", argv[i]);
    for (c = 0; c < NCOMMANDS; c++)
        fprintf(stderr, "%s %s", c ? "," : "", commands[c].name);
    fprintf(stderr, "\n");
    return CMD_USAGE;
}

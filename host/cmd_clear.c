/* cmd_clear.c - `tickerd clear` and `tickerd delete`: empty the display,
   or take one item off it, and wait for the acknowledgement. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const char clear_usage[] =
    "Usage: tickerd clear --port DEV [--timeout S]\n"
    "Removes every item from the display.\n"
    "  --port DEV     the display's serial port (or ticker-sim's pty link)\n"
    "  --timeout S    give up after S seconds, 1..3600 (default 5)\n";

static const char delete_usage[] =
    "Usage: tickerd delete --port DEV --id N [--timeout S]\n"
    "Removes item N from the display (done also when it has no such item).\n"
    "  --port DEV     the display's serial port (or ticker-sim's pty link)\n"
    "  --id N         item id, 0..65535\n"
    "  --timeout S    give up after S seconds, 1..3600 (default 5)\n";

/* Both commands: parse, connect, ask, wait; want_id says which one. */
static int run(const char *cmd, int argc, char **argv, int want_id)
{
    static const struct option opts[] = {
        { "port", required_argument, 0, 'p' }, { "id", required_argument, 0, 'i' },
        { "timeout", required_argument, 0, 'T' }, { "help", no_argument, 0, 'h' },
        { 0, 0, 0, 0 }
    };
    const char *port = NULL;
    long id = -1, timeout = 5;
    link_conn *l;
    int c, rc;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'p': port = optarg; break;
        case 'i':
            if (!want_id)
                return cmd_usage_error(cmd, "--id is not an option of %s; allowed: "
                                       "--port DEV, --timeout S, --help", cmd);
            if (cmd_number(cmd, "--id", optarg, 0, 65535, &id))
                return CMD_USAGE;
            break;
        case 'T': if (cmd_number(cmd, "--timeout", optarg, 1, 3600, &timeout)) return CMD_USAGE; break;
        case 'h': fputs(want_id ? delete_usage : clear_usage, stdout); return CMD_OK;
        default:
            return cmd_bad_option(cmd, argv, want_id ? "--port DEV, --id N, --timeout S, --help"
                                                     : "--port DEV, --timeout S, --help");
        }
    }
    if (!port)
        return cmd_usage_error(cmd, "--port DEV is required");
    if (want_id && id < 0)
        return cmd_usage_error(cmd, "--id N is required");
    if (optind != argc)
        return cmd_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

    if (!(l = cmd_connect(cmd, port)))
        return CMD_FAIL;
    if (want_id)
        link_delete_item(l, (uint16_t)id);
    else
        link_clear(l);
    rc = cmd_wait(l, cmd_synced, NULL, (uint64_t)timeout * 1000u) ? CMD_OK
                                                                   : cmd_timed_out(cmd, l, timeout);
    link_free(l);
    return rc;
}

int cmd_clear(int argc, char **argv)
{
    return run("clear", argc, argv, 0);
}

int cmd_delete(int argc, char **argv)
{
    return run("delete", argc, argv, 1);
}

/* cmd_status.c - `tickerd status`: prints the running daemon's status
   from the status file in its state directory (status.h). */
#include <getopt.h>
#include <stdio.h>
#include <time.h>

#include "cmd.h"
#include "state.h"
#include "status.h"

static const char usage[] =
    "Usage: tickerd status [--state-dir DIR]\n"
    "Prints what the running daemon (tickerd run) is doing: each feed's last\n"
    "fetch result and time and its next poll; the playlist; each display's\n"
    "link state (opening, hello, ready), its CAPS and last telemetry, and the\n"
    "texts it is given. The daemon writes this to " STATUS_FILE " in its state\n"
    "directory as it changes. Exit status 0 when a daemon is running, 1 when\n"
    "none is (no status file, or its process is gone or stuck).\n"
    "  --state-dir DIR    the daemon's state directory (default: $STATE_DIRECTORY,\n"
    "                     else /var/lib/tickerd, as for tickerd run)\n";

int cmd_status(int argc, char **argv)
{
    static const struct option opts[] = {
        { "state-dir", required_argument, 0, 's' }, { "help", no_argument, 0, 'h' },
        { 0, 0, 0, 0 }
    };
    const char *dir = NULL;
    int c;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 's': dir = optarg; break;
        case 'h': fputs(usage, stdout); return CMD_OK;
        default: return cmd_bad_option("status", argv, "--state-dir DIR, --help");
        }
    }
    if (optind != argc)
        return cmd_usage_error("status", "unexpected argument '%s'", argv[optind]);
    return status_report(state_pick_dir(dir), time(NULL), stdout);
}

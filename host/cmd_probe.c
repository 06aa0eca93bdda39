/* cmd_probe.c - `tickerd probe`: prints what the display says about
   itself (CAPS) and its telemetry. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>

#include "cmd.h"

static const char usage[] =
    "Usage: tickerd probe --port DEV [--timeout S]\n"
    "Asks the display for its capabilities and telemetry and prints them.\n"
    "  --port DEV     the display's serial port (or ticker-sim's pty link)\n"
    "  --timeout S    give up after S seconds, 1..3600 (default 5)\n";

static int have_caps(link_conn *l, void *ctx)
{
    (void)ctx;
    return link_get_state(l) == LINK_READY;
}

static int have_telemetry(link_conn *l, void *ctx)
{
    return link_telemetry(l, ctx);
}

static void print_caps(const char *port, const msg_caps *c)
{
    printf("port:               %s\n", port);
    printf("protocol version:   %u\n", c->version);
    printf("width:              %u px\n", c->width);
    printf("height:             %u px\n", c->height);
    printf("font height:        %u px\n", c->font_height);
    printf("font coverage:      0x%08" PRIx32 "\n", c->coverage);
    printf("glyphs:             %u\n", c->glyphs);
    printf("queue slots:        %u\n", c->slots);
    printf("max item bytes:     %u\n", c->max_item);
    printf("max payload bytes:  %u\n", c->max_payload);
    printf("boot id:            0x%08" PRIx32 "\n", c->boot_id);
}

static void print_telemetry(const msg_telemetry *t)
{
    printf("uptime:             %" PRIu32 " ms\n", t->uptime_ms);
    printf("frames:             %" PRIu32 "\n", t->frames);
    printf("late frames:        %" PRIu32 "\n", t->late_frames);
    printf("worst frame:        %" PRIu32 " us\n", t->worst_frame_us);
    printf("UART errors:        %u\n", t->uart_errors);
    printf("CRC errors:         %u\n", t->crc_errors);
    printf("framing errors:     %u\n", t->framing_errors);
    printf("overflows:          %u\n", t->overflows);
    printf("missing glyphs:     %u\n", t->missing_glyphs);
    printf("live items:         %u\n", t->live_items);
    printf("free slots:         %u\n", t->free_slots);
    printf("events lost:        %u\n", t->events_lost);
}

int cmd_probe(int argc, char **argv)
{
    static const struct option opts[] = {
        { "port", required_argument, 0, 'p' }, { "timeout", required_argument, 0, 'T' },
        { "help", no_argument, 0, 'h' },       { 0, 0, 0, 0 }
    };
    const char *port = NULL;
    long timeout = 5;
    msg_telemetry tel;
    link_conn *l;
    int c, rc = CMD_OK;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'p': port = optarg; break;
        case 'T': if (cmd_number("probe", "--timeout", optarg, 1, 3600, &timeout)) return CMD_USAGE; break;
        case 'h': fputs(usage, stdout); return CMD_OK;
        default: return cmd_bad_option("probe", argv, "--port DEV, --timeout S, --help");
        }
    }
    if (!port)
        return cmd_usage_error("probe", "--port DEV is required");
    if (optind != argc)
        return cmd_usage_error("probe", "unexpected argument '%s'", argv[optind]);

    if (!(l = cmd_connect("probe", port)))
        return CMD_FAIL;
    if (!cmd_wait(l, have_caps, NULL, (uint64_t)timeout * 1000u)) {
        rc = cmd_timed_out("probe", l, timeout);
        goto done;
    }
    print_caps(port, link_caps(l));
    link_query(l);
    if (!cmd_wait(l, have_telemetry, &tel, (uint64_t)timeout * 1000u)) {
        fprintf(stderr, "tickerd probe: no telemetry from %s within %ld s\n", port, timeout);
        rc = CMD_FAIL;
        goto done;
    }
    print_telemetry(&tel);
done:
    link_free(l);
    return rc;
}

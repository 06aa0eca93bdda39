/* cmd_send.c - `tickerd send`: puts one item on the display and waits for
   its acknowledgement. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const char usage[] =
    "Usage: tickerd send --port DEV [--id N] [--breaking] [--passes N] [--ttl S]\n"
    "                    [--timeout S] TEXT\n"
    "Puts TEXT (UTF-8) on the display as item N and waits for the display to\n"
    "acknowledge it. An item with the id of one shown replaces it.\n"
    "  --port DEV     the display's serial port (or ticker-sim's pty link)\n"
    "  --id N         item id, 0..65535 (default 1)\n"
    "  --breaking     interrupt the rotation at once\n"
    "  --passes N     passes of a breaking item, 0..255 (0: the display's setting)\n"
    "  --ttl S        seconds until the item expires, 0..65535 (default 0: never)\n"
    "  --timeout S    give up after S seconds, 1..3600 (default 5)\n"
    "Exit status: 0 shown, 1 the display did not answer or refused, 2 usage.\n";

static const char allowed[] =
    "--port DEV, --id N, --breaking, --passes N, --ttl S, --timeout S, --help";

typedef struct send_ctx {
    uint16_t id;
} send_ctx;

static int settled(link_conn *l, void *ctx)
{
    enum link_item_status s = link_item_status(l, ((send_ctx *)ctx)->id, NULL);
    return s == LINK_ITEM_SHOWN || s == LINK_ITEM_REJECTED;
}

int cmd_send(int argc, char **argv)
{
    static const struct option opts[] = {
        { "port", required_argument, 0, 'p' }, { "id", required_argument, 0, 'i' },
        { "breaking", no_argument, 0, 'b' },   { "passes", required_argument, 0, 'n' },
        { "ttl", required_argument, 0, 't' },  { "timeout", required_argument, 0, 'T' },
        { "help", no_argument, 0, 'h' },       { 0, 0, 0, 0 }
    };
    const char *port = NULL;
    long id = 1, passes = 0, ttl = 0, timeout = 5;
    msg_item it = { 0, 0, 0, 0, NULL, 0 };
    send_ctx ctx;
    link_conn *l;
    uint8_t nak;
    int c, rc;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'p': port = optarg; break;
        case 'i': if (cmd_number("send", "--id", optarg, 0, 65535, &id)) return CMD_USAGE; break;
        case 'b': it.flags |= TK_PUT_BREAKING; break;
        case 'n': if (cmd_number("send", "--passes", optarg, 0, 255, &passes)) return CMD_USAGE; break;
        case 't': if (cmd_number("send", "--ttl", optarg, 0, 65535, &ttl)) return CMD_USAGE; break;
        case 'T': if (cmd_number("send", "--timeout", optarg, 1, 3600, &timeout)) return CMD_USAGE; break;
        case 'h': fputs(usage, stdout); return CMD_OK;
        default: return cmd_bad_option("send", argv, allowed);
        }
    }
    if (!port)
        return cmd_usage_error("send", "--port DEV is required");
    if (optind != argc - 1)
        return cmd_usage_error("send", "expected exactly one TEXT after the options, got %d",
                               argc - optind);
    if (strlen(argv[optind]) == 0 || strlen(argv[optind]) > LINK_ITEM_MAX_BYTES)
        return cmd_usage_error("send", "TEXT must be 1..%d bytes, not %zu", LINK_ITEM_MAX_BYTES,
                               strlen(argv[optind]));
    it.id = (uint16_t)id;
    it.passes = (uint8_t)passes;
    it.ttl_s = (uint16_t)ttl;
    it.text = (const uint8_t *)argv[optind];
    it.len = (uint16_t)strlen(argv[optind]);

    if (!(l = cmd_connect("send", port)))
        return CMD_FAIL;
    link_set_item(l, &it);
    ctx.id = it.id;
    if (!cmd_wait(l, settled, &ctx, (uint64_t)timeout * 1000u)) {
        rc = cmd_timed_out("send", l, timeout);
        if (link_item_status(l, it.id, &nak) == LINK_ITEM_PENDING && nak)
            fprintf(stderr, "tickerd send: its last answer: %s\n", msg_nak_name(nak));
    } else if (link_item_status(l, it.id, &nak) == LINK_ITEM_REJECTED) {
        fprintf(stderr, "tickerd send: the display refused item %ld: %s\n", id, msg_nak_name(nak));
        rc = CMD_FAIL;
    } else {
        rc = CMD_OK;
    }
    link_free(l);
    return rc;
}

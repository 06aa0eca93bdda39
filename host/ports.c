/* ports.c - `tickerd ports`: the serial ports libserialport finds, with
   what identifies a USB display (VID:PID, serial number). */
#include <stdio.h>
#include <string.h>

#include <libserialport.h>

#include "cmd.h"

static const char usage[] =
    "Usage: tickerd ports\n"
    "Lists the serial ports: name, transport, USB VID:PID and serial number,\n"
    "description. Use a name (or its /dev/serial/by-id link) as --port.\n";

static const char *transport_name(enum sp_transport t)
{
    switch (t) {
    case SP_TRANSPORT_USB: return "usb";
    case SP_TRANSPORT_BLUETOOTH: return "bluetooth";
    default: return "native";
    }
}

static void print_port(struct sp_port *p)
{
    const char *desc = sp_get_port_description(p);
    enum sp_transport t = sp_get_port_transport(p);
    int vid = 0, pid = 0;

    printf("%-20s %-9s", sp_get_port_name(p), transport_name(t));
    if (t == SP_TRANSPORT_USB && sp_get_port_usb_vid_pid(p, &vid, &pid) == SP_OK) {
        const char *serial = sp_get_port_usb_serial(p);
        printf(" %04x:%04x serial %-16s", (unsigned)vid, (unsigned)pid, serial ? serial : "-");
    } else {
        printf(" %-9s %-23s", "-", "");
    }
    printf(" %s\n", desc ? desc : "");
}

int cmd_ports(int argc, char **argv)
{
    struct sp_port **list = NULL;
    int i;

    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        fputs(usage, stdout);
        return CMD_OK;
    }
    if (argc > 1)
        return cmd_usage_error("ports", "takes no arguments, not '%s'; allowed: --help", argv[1]);
    if (sp_list_ports(&list) != SP_OK) {
        char *msg = sp_last_error_message();
        fprintf(stderr, "tickerd ports: cannot list serial ports: %s\n", msg ? msg : "?");
        sp_free_error_message(msg);
        return CMD_FAIL;
    }
    if (!list[0])
        printf("no serial ports found\n");
    for (i = 0; list[i]; i++)
        print_port(list[i]);
    sp_free_port_list(list);
    return CMD_OK;
}

/*
 * cmd_play.c - `tickerd play`: keeps a playlist file on the display until
 * SIGTERM or SIGINT. SIGHUP re-reads the file and the link sends only what
 * changed; an unplugged display is reopened and gets everything again.
 *
 * The file: one item per line, UTF-8; "!" first makes it breaking; blank
 * lines and lines starting with "#" are skipped. An item's id is its line
 * number, so editing one line replaces just that item.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "log.h"

static const char usage[] =
    "Usage: tickerd play --port DEV [--heartbeat S] FILE\n"
    "Shows the items of FILE on the display until stopped (SIGTERM, SIGINT).\n"
    "FILE has one item per line (UTF-8); a line starting with '!' is breaking;\n"
    "blank lines and lines starting with '#' are skipped; an item's id is its\n"
    "line number. SIGHUP re-reads FILE and sends only the changes. The display\n"
    "is cleared when play starts, and reopened whenever it is unplugged.\n"
    "  --port DEV       the display's serial port (or ticker-sim's pty link)\n"
    "  --heartbeat S    say something at least every S seconds, 1..3600 (default 5)\n";

/* Line numbers are item ids, so they stop at the largest id. */
#define PLAY_MAX_LINE_NO 65535u

typedef struct play_item {
    uint16_t id;
    uint8_t flags;
    uint16_t len;
    uint8_t text[LINK_ITEM_MAX_BYTES];
} play_item;

typedef struct play_state {
    const char *file;
    link_conn *link;
    uint16_t ids[LINK_MAX_ITEMS]; /* the items of the last good read */
    unsigned n;
} play_state;

/* Reads file into items (at most LINK_MAX_ITEMS); the count, or -1. */
static int read_items(const char *file, play_item *items)
{
    char line[LINK_ITEM_MAX_BYTES + 3]; /* "!", the text, "\n" */
    unsigned line_no = 0, n = 0, too_long = 0, too_many = 0;
    FILE *f = fopen(file, "r");

    if (!f) {
        log_msg(LOG_ERROR, "%s: %s", file, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof line, f) && line_no < PLAY_MAX_LINE_NO) {
        size_t len = strlen(line);
        const char *text = line;
        int breaking = 0;
        line_no++;
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            too_long++;
            continue;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (line[0] == '!') {
            breaking = 1;
            text++;
            while (*text == ' ')
                text++;
        }
        if (strspn(text, " \t") == strlen(text) || (!breaking && line[0] == '#'))
            continue;
        if (strlen(text) > LINK_ITEM_MAX_BYTES) {
            too_long++;
            continue;
        }
        if (n >= LINK_MAX_ITEMS) {
            too_many++;
            continue;
        }
        items[n].id = (uint16_t)line_no;
        items[n].flags = breaking ? TK_PUT_BREAKING : 0;
        items[n].len = (uint16_t)strlen(text);
        memcpy(items[n].text, text, items[n].len);
        n++;
    }
    if (ferror(f))
        log_msg(LOG_ERROR, "%s: read error: %s", file, strerror(errno));
    fclose(f);
    if (too_long)
        log_msg(LOG_WARN, "%s: %u lines longer than %d bytes skipped", file, too_long,
                LINK_ITEM_MAX_BYTES);
    if (too_many)
        log_msg(LOG_WARN, "%s: only the first %d items are played; %u more skipped", file,
                LINK_MAX_ITEMS, too_many);
    return (int)n;
}

/* Makes the link's playlist the file's: puts every item (the link skips
   the unchanged) and deletes the items that are gone. */
static int load(play_state *st)
{
    play_item *items = malloc(LINK_MAX_ITEMS * sizeof *items);
    unsigned i, j;
    int n;

    if (!items) {
        log_msg(LOG_ERROR, "%s: out of memory", st->file);
        return -1;
    }
    n = read_items(st->file, items);
    if (n < 0) {
        free(items);
        return -1;
    }
    for (i = 0; i < st->n; i++) {
        int kept = 0;
        for (j = 0; j < (unsigned)n && !kept; j++)
            kept = items[j].id == st->ids[i];
        if (!kept)
            link_delete_item(st->link, st->ids[i]);
    }
    for (j = 0; j < (unsigned)n; j++) {
        msg_item it = { items[j].id, items[j].flags, 0, 0, items[j].text, items[j].len };
        link_set_item(st->link, &it);
        st->ids[j] = items[j].id;
    }
    st->n = (unsigned)n;
    free(items);
    log_msg(LOG_INFO, "%s: %d items", st->file, n);
    return 0;
}

static void on_event(void *ctx, const msg_event *ev)
{
    (void)ctx;
    log_msg(LOG_DEBUG, "event: %s, item %u, arg %lu", msg_event_name(ev->kind), ev->id,
            (unsigned long)ev->arg);
}

static int run(play_state *st, int sfd)
{
    int was_synced = 0;
    for (;;) {
        struct signalfd_siginfo si;
        int r = cmd_poll(st->link, sfd, -1);
        int now_synced;
        if (r < 0) {
            log_msg(LOG_ERROR, "poll: %s", strerror(errno));
            return CMD_FAIL;
        }
        while (r == 1 && read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
            if (si.ssi_signo == SIGHUP) {
                log_msg(LOG_INFO, "SIGHUP: reading %s again", st->file);
                load(st);
            } else {
                log_msg(LOG_INFO, "stopping (signal %u)", si.ssi_signo);
                return CMD_OK;
            }
        }
        now_synced = link_synced(st->link);
        if (now_synced && !was_synced) {
            unsigned rejected = link_items_rejected(st->link);
            if (rejected)
                log_msg(LOG_INFO, "display %s: %u items shown, %u refused",
                        link_path(st->link), link_items_shown(st->link), rejected);
            else
                log_msg(LOG_INFO, "display %s: %u items shown", link_path(st->link),
                        link_items_shown(st->link));
        }
        was_synced = now_synced;
    }
}

int cmd_play(int argc, char **argv)
{
    static const struct option opts[] = {
        { "port", required_argument, 0, 'p' }, { "heartbeat", required_argument, 0, 'H' },
        { "help", no_argument, 0, 'h' },       { 0, 0, 0, 0 }
    };
    const char *port = NULL;
    long heartbeat = 5;
    link_opts lo;
    play_state st;
    int c, sfd, rc;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'p': port = optarg; break;
        case 'H': if (cmd_number("play", "--heartbeat", optarg, 1, 3600, &heartbeat)) return CMD_USAGE; break;
        case 'h': fputs(usage, stdout); return CMD_OK;
        default: return cmd_bad_option("play", argv, "--port DEV, --heartbeat S, --help");
        }
    }
    if (!port)
        return cmd_usage_error("play", "--port DEV is required");
    if (optind != argc - 1)
        return cmd_usage_error("play", "expected exactly one FILE after the options, got %d",
                               argc - optind);

    memset(&st, 0, sizeof st);
    st.file = argv[optind];
    link_opts_default(&lo);
    lo.heartbeat_ms = (uint32_t)heartbeat * 1000u;
    if (!(st.link = link_new(port, &lo))) {
        fprintf(stderr, "tickerd play: cannot use port '%s'\n", port);
        return CMD_FAIL;
    }
    link_set_event_fn(st.link, on_event, NULL);
    /* this daemon owns the display: drop what earlier runs left on it */
    link_clear(st.link);
    if (load(&st) != 0) {
        link_free(st.link);
        return CMD_FAIL;
    }
    if ((sfd = cmd_signal_fd()) < 0) {
        log_msg(LOG_ERROR, "signalfd: %s", strerror(errno));
        link_free(st.link);
        return CMD_FAIL;
    }
    link_start(st.link, clock_now_ms());
    rc = run(&st, sfd);
    close(sfd);
    link_free(st.link);
    return rc;
}

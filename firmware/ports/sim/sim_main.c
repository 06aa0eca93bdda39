/*
 * sim_main.c - ticker-sim: the firmware core on Linux, drawing to the
 * terminal, an animated GIF, PNG frames or text frames.
 *
 * With a live view, or with a host connected (--pty, --port, --stdin), it
 * runs in real time; with --headless and only --text items it runs on a
 * simulated clock as fast as it can, so a run is exactly repeatable.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bdf_compile.h"
#include "sim_display.h"
#include "sim_link.h"
#include "sim_run.h"
#include "sim_term.h"
#include "tk_device.h"
#include "tk_fonts.h"
#include "tk_ticker.h"

#define MAX_ITEMS 64

enum input_kind { INPUT_NONE, INPUT_PTY, INPUT_PORT, INPUT_STDIN, INPUT_SCRIPT };

typedef struct sim_options {
    long width, height, speed, fps, pause_ms, brightness, passes, ttl_s, stale_s;
    double seconds;             /* 0: until interrupted */
    int headless;
    int input;                  /* enum input_kind */
    const char *port;           /* --port PATH, or --script FILE */
    const char *link;           /* --link PATH: stable name for the pty */
    const char *events;         /* --events FILE */
    const char *font;
    const char *separator;
    const char *idle;
    const char *text[MAX_ITEMS];
    int breaking[MAX_ITEMS];
    int items;
} sim_options;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *out)
{
    fprintf(out,
        "usage: ticker-sim [options]\n"
        "Runs the ledticker firmware core and shows the display.\n\n"
        "Display:\n"
        "  --width N          pixels across, 8..%d (default 32: four 8x8 modules)\n"
        "  --height N         rows, 1..%d (default 8)\n"
        "  --font NAME|FILE   built-in font or a BDF file (default prop8, prop16 at 16 rows)\n"
        "  --speed PX         scroll speed in pixels per second, 1..1000 (default 24)\n"
        "  --fps N            frames per second, 1..100 (default 50)\n"
        "  --pause MS         pause of an item that fits the display (default 1500)\n"
        "  --brightness N     0..15 (default 4)\n"
        "  --separator TEXT   drawn between items (default \" \xE2\x80\xA2 \")\n"
        "  --idle TEXT        shown when nothing is queued\n"
        "  --stale S          mark the display stale after S s (0..65535) without the host\n"
        "                     (0, the default: never)\n"
        "Host link (the wire protocol of firmware/README.md):\n"
        "  --pty              create a pty for tickerd; its path is the first line of stdout\n"
        "  --link PATH        with --pty: also make PATH a symlink to it (stable across restarts)\n"
        "  --port PATH        use a serial port or tty instead\n"
        "  --stdin            read frames from stdin, answer on stdout (no live view)\n"
        "  --script FILE      replay timed wire bytes (\"<ms> <hex bytes>\" lines) on the\n"
        "                     simulated clock, as tests/avr does on the AVR firmware\n"
        "Items without a host:\n"
        "  --text TEXT        queue an item; repeat for more\n"
        "  --breaking TEXT    queue a breaking item; it pre-empts the rotation\n"
        "  --passes N         passes of a breaking item (default 3)\n"
        "  --ttl S            items expire after S seconds (default never)\n"
        "Output:\n"
        "  --colour           live view in colour (also --color)\n"
        "  --headless         no live view; simulated time, as fast as possible\n"
        "  --seconds S        stop after S seconds (default: at Ctrl-C)\n"
        "  --record FILE.gif  record an animated GIF\n"
        "  --png-every N      write every Nth frame as a PNG ...\n"
        "  --png-dir DIR      ... into DIR (default .)\n"
        "  --scale N          pixels per LED in GIF and PNG (default 6)\n"
        "  --dump DIR         write every frame as text (for tests)\n"
        "  --events FILE      log each item that starts or finishes, with its text\n"
        "  --help             this text\n"
        "Built-in fonts:",
        TK_FB_MAX_WIDTH, TK_FB_MAX_HEIGHT);
    for (const tk_font_entry *f = tk_fonts_builtin; f->name; f++)
        fprintf(out, " %s", f->name);
    fprintf(out, "\n");
}

/* Parses a whole number in [lo, hi] for option name; exits with a message otherwise. */
static long parse_long(const char *name, const char *text, long lo, long hi)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < lo || v > hi) {
        fprintf(stderr, "ticker-sim: --%s '%s': expected a whole number from %ld to %ld\n",
                name, text, lo, hi);
        exit(2);
    }
    return v;
}

static double parse_seconds(const char *text)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(text, &end);
    if (errno || end == text || *end || !(v > 0) || v > 31536000.0) {
        fprintf(stderr, "ticker-sim: --seconds '%s': expected a positive number of seconds\n", text);
        exit(2);
    }
    return v;
}

static void set_input(sim_options *o, int kind)
{
    if (o->input != INPUT_NONE && o->input != kind) {
        fprintf(stderr, "ticker-sim: choose one of --pty, --port and --stdin\n");
        exit(2);
    }
    o->input = kind;
}

enum { OPT_WIDTH = 256, OPT_HEIGHT, OPT_FONT, OPT_SPEED, OPT_FPS, OPT_PAUSE, OPT_BRIGHTNESS,
       OPT_SEPARATOR, OPT_IDLE, OPT_STALE, OPT_TEXT, OPT_BREAKING, OPT_PASSES, OPT_TTL,
       OPT_COLOUR, OPT_HEADLESS, OPT_SECONDS, OPT_RECORD, OPT_PNG_EVERY, OPT_PNG_DIR,
       OPT_SCALE, OPT_DUMP, OPT_EVENTS, OPT_PTY, OPT_LINK, OPT_PORT, OPT_STDIN, OPT_SCRIPT, OPT_HELP };

static void parse_args(int argc, char **argv, sim_options *o, sim_display *d)
{
    static const struct option longopts[] = {
        { "width", required_argument, 0, OPT_WIDTH },
        { "height", required_argument, 0, OPT_HEIGHT },
        { "font", required_argument, 0, OPT_FONT },
        { "speed", required_argument, 0, OPT_SPEED },
        { "fps", required_argument, 0, OPT_FPS },
        { "pause", required_argument, 0, OPT_PAUSE },
        { "brightness", required_argument, 0, OPT_BRIGHTNESS },
        { "separator", required_argument, 0, OPT_SEPARATOR },
        { "idle", required_argument, 0, OPT_IDLE },
        { "stale", required_argument, 0, OPT_STALE },
        { "text", required_argument, 0, OPT_TEXT },
        { "breaking", required_argument, 0, OPT_BREAKING },
        { "passes", required_argument, 0, OPT_PASSES },
        { "ttl", required_argument, 0, OPT_TTL },
        { "colour", no_argument, 0, OPT_COLOUR },
        { "color", no_argument, 0, OPT_COLOUR },
        { "headless", no_argument, 0, OPT_HEADLESS },
        { "seconds", required_argument, 0, OPT_SECONDS },
        { "record", required_argument, 0, OPT_RECORD },
        { "png-every", required_argument, 0, OPT_PNG_EVERY },
        { "png-dir", required_argument, 0, OPT_PNG_DIR },
        { "scale", required_argument, 0, OPT_SCALE },
        { "dump", required_argument, 0, OPT_DUMP },
        { "events", required_argument, 0, OPT_EVENTS },
        { "pty", no_argument, 0, OPT_PTY },
        { "link", required_argument, 0, OPT_LINK },
        { "port", required_argument, 0, OPT_PORT },
        { "stdin", no_argument, 0, OPT_STDIN },
        { "script", required_argument, 0, OPT_SCRIPT },
        { "help", no_argument, 0, OPT_HELP },
        { 0, 0, 0, 0 }
    };
    int c;

    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_WIDTH: o->width = parse_long("width", optarg, 8, TK_FB_MAX_WIDTH); break;
        case OPT_HEIGHT: o->height = parse_long("height", optarg, 1, TK_FB_MAX_HEIGHT); break;
        case OPT_FONT: o->font = optarg; break;
        case OPT_SPEED: o->speed = parse_long("speed", optarg, 1, 1000); break;
        case OPT_FPS: o->fps = parse_long("fps", optarg, 1, 100); break;
        case OPT_PAUSE: o->pause_ms = parse_long("pause", optarg, 0, 60000); break;
        case OPT_BRIGHTNESS: o->brightness = parse_long("brightness", optarg, 0, 15); break;
        case OPT_SEPARATOR: o->separator = optarg; break;
        case OPT_IDLE: o->idle = optarg; break;
        case OPT_STALE: o->stale_s = parse_long("stale", optarg, 0, 65535); break;
        case OPT_TEXT:
        case OPT_BREAKING:
            if (o->items == MAX_ITEMS) {
                fprintf(stderr, "ticker-sim: at most %d items on the command line\n", MAX_ITEMS);
                exit(2);
            }
            o->breaking[o->items] = c == OPT_BREAKING;
            o->text[o->items++] = optarg;
            break;
        case OPT_PASSES: o->passes = parse_long("passes", optarg, 1, 255); break;
        case OPT_TTL: o->ttl_s = parse_long("ttl", optarg, 0, 65535); break;
        case OPT_COLOUR: d->colour = 1; break;
        case OPT_HEADLESS: o->headless = 1; break;
        case OPT_SECONDS: o->seconds = parse_seconds(optarg); break;
        case OPT_RECORD: d->gif_path = optarg; break;
        case OPT_PNG_EVERY: d->png_every = (unsigned)parse_long("png-every", optarg, 1, 1000000); break;
        case OPT_PNG_DIR: d->png_dir = optarg; break;
        case OPT_SCALE: d->scale = (unsigned)parse_long("scale", optarg, 1, 32); break;
        case OPT_DUMP: d->dump_dir = optarg; break;
        case OPT_EVENTS: o->events = optarg; break;
        case OPT_PTY: set_input(o, INPUT_PTY); break;
        case OPT_LINK: o->link = optarg; break;
        case OPT_PORT: set_input(o, INPUT_PORT); o->port = optarg; break;
        case OPT_STDIN: set_input(o, INPUT_STDIN); break;
        case OPT_SCRIPT: set_input(o, INPUT_SCRIPT); o->port = optarg; break;
        case OPT_HELP: usage(stdout); exit(0);
        default: usage(stderr); exit(2);
        }
    }
    if (optind < argc) {
        fprintf(stderr, "ticker-sim: unexpected argument '%s' (text goes after --text)\n", argv[optind]);
        exit(2);
    }
    if (d->png_every && !d->png_dir)
        d->png_dir = ".";
    if (o->link && o->input != INPUT_PTY) {
        fprintf(stderr, "ticker-sim: --link names the pty: it needs --pty\n");
        exit(2);
    }
}

/*
 * The font named by --font: a built-in table, or a BDF file compiled now
 * into *compiled, which the caller frees with bdfc_free. NULL with a
 * message on stderr when neither works.
 */
static const uint8_t *load_font(const char *name, long height, bdfc_font *compiled)
{
    char err[512];
    const tk_font_entry *f;

    if (!name)
        name = height >= 16 ? "prop16" : "prop8";
    for (f = tk_fonts_builtin; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f->data;
    if (!strchr(name, '/') && !strstr(name, ".bdf")) {
        fprintf(stderr, "ticker-sim: --font '%s': no such built-in font (see --help) and not a .bdf file\n", name);
        return NULL;
    }
    if (bdfc_compile_file(name, compiled, err, sizeof err) != 0) {
        fprintf(stderr, "ticker-sim: %s\n", err);
        return NULL;
    }
    return compiled->blob;
}

static uint16_t text_len(const char *s)
{
    size_t n = strlen(s);
    return n > 0xFFFF ? 0xFFFF : (uint16_t)n;
}

static int setup_ticker(tk_ticker *t, const sim_options *o, const uint8_t *font)
{
    tk_settings set;
    int i;

    if (tk_ticker_init(t, font, (uint16_t)o->width, (uint8_t)o->height, 0) != TK_OK) {
        fprintf(stderr, "ticker-sim: the font is %u rows tall, taller than the %ld-row display\n",
                tk_font_height(font), o->height);
        return -1;
    }
    tk_settings_default(&set);
    set.speed = (uint16_t)o->speed;
    set.pause_ms = (uint16_t)o->pause_ms;
    set.brightness = (uint8_t)o->brightness;
    set.breaking_passes = (uint8_t)o->passes;
    set.stale_s = (uint16_t)o->stale_s;
    tk_ticker_configure(t, &set);
    if (o->separator && tk_ticker_set_separator(t, (const uint8_t *)o->separator, text_len(o->separator))) {
        fprintf(stderr, "ticker-sim: --separator: at most %d bytes\n", TK_SEPARATOR_MAX_BYTES);
        return -1;
    }
    if (o->idle && tk_ticker_set_idle(t, (const uint8_t *)o->idle, text_len(o->idle))) {
        fprintf(stderr, "ticker-sim: --idle: at most %d bytes\n", TK_IDLE_MAX_BYTES);
        return -1;
    }
    for (i = 0; i < o->items; i++) {
        tk_put put;
        tk_err err;
        put.id = (uint16_t)(i + 1);
        put.flags = o->breaking[i] ? TK_ITEM_BREAKING : 0;
        put.passes = 0;
        put.ttl_s = (uint16_t)o->ttl_s;
        put.text = (const uint8_t *)o->text[i];
        put.len = text_len(o->text[i]);
        err = tk_ticker_put(t, &put, 0);
        if (err == TK_ERR_TOO_LONG) {
            fprintf(stderr, "ticker-sim: item %d is %u bytes; the display holds at most %d\n",
                    i + 1, put.len, TK_ITEM_MAX_BYTES);
            return -1;
        }
        if (err != TK_OK) {
            fprintf(stderr, "ticker-sim: item %d: the queue holds at most %d items\n",
                    i + 1, TK_QUEUE_SLOTS);
            return -1;
        }
    }
    return 0;
}

/* A number that differs at every start, so the host sees a reset. */
static uint32_t new_boot_id(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint32_t)ts.tv_nsec ^ (uint32_t)ts.tv_sec ^ ((uint32_t)getpid() << 16);
}

static int open_link(const sim_options *o, sim_link *link)
{
    char err[512];
    int rc = 0;
    switch (o->input) {
    case INPUT_PTY:
        rc = sim_link_open_pty(link, o->link, err, sizeof err);
        if (rc == 0) {
            printf("%s\n", link->pty_path); /* the first line: where to connect */
            fflush(stdout);
        }
        break;
    case INPUT_PORT:
        rc = sim_link_open_port(link, o->port, err, sizeof err);
        break;
    case INPUT_STDIN:
        sim_link_open_stdio(link);
        break;
    case INPUT_SCRIPT:
        break;
    default:
        break;
    }
    if (rc != 0)
        fprintf(stderr, "ticker-sim: %s\n", err);
    return rc;
}

int main(int argc, char **argv)
{
    sim_options o = { 32, 8, 24, 50, 1500, 4, 3, 0, 0, 0, 0, INPUT_NONE, NULL, NULL, NULL,
                      NULL, NULL, NULL, { 0 }, { 0 }, 0 };
    sim_display d;
    sim_link link;
    sim_run_config run = { 0, 0, 0, NULL, NULL };
    static tk_ticker ticker;
    static tk_device device;
    sim_script script = { 0 };
    bdfc_font compiled = { 0 };
    const uint8_t *font;
    int live, rc = 1, linked = 0;

    memset(&d, 0, sizeof d);
    d.term_fd = -1;
    d.scale = 6;
    parse_args(argc, argv, &o, &d);
    d.frame_ms = (unsigned)(1000 / o.fps);
    live = !o.headless && o.input != INPUT_STDIN && isatty(STDOUT_FILENO);
    if (live)
        d.term_fd = STDOUT_FILENO;

    font = load_font(o.font, o.height, &compiled);
    if (!font || setup_ticker(&ticker, &o, font) != 0)
        goto out;
    if (o.input == INPUT_SCRIPT) {
        char err[512];
        if (sim_script_load(&script, o.port, err, sizeof err) != 0) {
            fprintf(stderr, "ticker-sim: %s\n", err);
            goto out;
        }
        tk_device_init(&device, &ticker, 1);
    } else if (o.input != INPUT_NONE) {
        if (open_link(&o, &link) != 0)
            goto out;
        linked = 1;
        tk_device_init(&device, &ticker, new_boot_id());
    }
    if (sim_display_ops.init(&d, (uint16_t)o.width, (uint8_t)o.height) != 0) {
        fprintf(stderr, "ticker-sim: %s\n", d.err);
        goto out;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal); /* the terminal closed: stop cleanly too */
    signal(SIGPIPE, SIG_IGN);
    if (live)
        sim_term_write(STDOUT_FILENO, SIM_TERM_CLEAR, strlen(SIM_TERM_CLEAR));
    run.fps = (unsigned)o.fps;
    run.frames = o.seconds > 0 ? (uint64_t)(o.seconds * (double)o.fps + 0.5) : UINT64_MAX;
    run.realtime = live || linked;
    run.events = NULL;
    run.script = o.input == INPUT_SCRIPT ? &script : NULL;
    if (o.events && !(run.events = fopen(o.events, "w"))) {
        fprintf(stderr, "ticker-sim: --events %s: %s\n", o.events, strerror(errno));
        goto out;
    }
    rc = sim_run(&ticker, linked || run.script ? &device : NULL, linked ? &link : NULL, &d,
                 &run, &stop_requested) == 0 ? 0 : 1;
    if (live)
        sim_term_write(STDOUT_FILENO, SIM_TERM_RESTORE, strlen(SIM_TERM_RESTORE));
    if (sim_display_close(&d) != 0) {
        fprintf(stderr, "ticker-sim: %s\n", d.err);
        rc = 1;
    }
    if (linked) {
        /* What the line did to us, for the person (or test) watching. */
        const tk_proto_stats *ps = &device.decoder.stats;
        fprintf(stderr, "ticker-sim: link: %u frames, %u CRC errors, %u framing errors, "
                "%u overflows\n", ps->frames, ps->crc_errors, ps->framing, ps->overflows);
    }
    if (ticker.stats.missing_glyphs)
        fprintf(stderr, "ticker-sim: %lu characters are not in the font and show as boxes\n",
                (unsigned long)ticker.stats.missing_glyphs);
out:
    if (run.events)
        fclose(run.events);
    if (linked)
        sim_link_close(&link);
    sim_script_free(&script);
    bdfc_free(&compiled);
    return rc;
}

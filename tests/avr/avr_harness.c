/*
 * avr_harness.c - avr-harness: runs the AVR firmware, as built, in a
 * simulated ATmega328P at 16 MHz (libsimavr), with its UART0 on a timed
 * script or a pty, its SPI decoded as a chain of MAX7219 modules, and its
 * frame-work marker on PB0 timed. Writes the frames as text (sim_dump.h),
 * exactly as ticker-sim --dump does, and prints at exit:
 *
 *     frames: K from t=N to t=N ms
 *     cycles/frame: mean N max N over K frames
 *     late frames: N (the first at t=N ms)
 *     skipped frame slots: N
 *     frame start delay: max N cycles
 *     stack high-water: N bytes of N
 *     uart overruns: N
 *     uart bytes: rx N tx N lost N
 *     spi cycles/byte: mean N.N min N max N over N bytes (divider N)
 *     max7219: latches N bad N decode-errors N intensity N
 *     replies: ack N nak N other N
 *     telemetry: uart-errors N crc-errors N framing-errors N overflows N late-frames N
 *
 * (the last line only when the firmware answered a QUERY).
 *
 * Time is simulated cycles throughout: with --script the run goes as fast
 * as the host can; with --pty it is held to wall time so that tickerd can
 * talk to it, but every figure still counts simulated cycles.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "avr_frame_meter.h"
#include "avr_ioport.h"
#include "avr_max7219_model.h"
#include "avr_script_feed.h"
#include "avr_spi_timing.h"
#include "avr_stack.h"
#include "avr_uart_bridge.h"
#include "sim_elf.h"
#include "sim_io.h"
#include "sim_link.h"
#include "sim_term.h"
#include "sim_script.h"

#define F_CPU 16000000u
/* How often the loop looks at the pty, the clock and the end: 1 ms. */
#define POLL_CYCLES AVR_CYCLES_PER_MS
/* After --seconds, a frame in progress may take this long to finish. */
#define FINISH_CYCLES (2u * AVR_FRAME_CYCLES)

typedef struct options {
    const char *elf;
    const char *script;
    const char *dump;
    const char *link;
    const char *tx;         /* --tx FILE: the bytes the firmware sent */
    int pty;
    int term;               /* --term: draw each frame in this terminal */
    int colour;
    unsigned modules;
    double seconds;         /* 0: until a signal */
} options;

typedef struct harness {
    avr_t *avr;
    elf_firmware_t fw;
    avr_max7219_chain chain;
    avr_spi_timing spi;
    avr_uart_bridge uart;
    avr_frame_meter meter;
    avr_stack stack;
    sim_script script;
    sim_link link;
    int linked;
    FILE *tx;
} harness;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *out)
{
    fprintf(out,
        "usage: avr-harness [options] FIRMWARE.elf\n"
        "Runs AVR firmware in a simulated ATmega328P at 16 MHz with a chain of MAX7219s.\n"
        "  --modules N     MAX7219 modules in the chain, 1..%d (default 4: 32x8)\n"
        "  --script FILE   feed UART0 from a timed script (\"<ms> <hex bytes>\" lines)\n"
        "  --pty           connect UART0 to a new pty; its path is the first line of stdout\n"
        "  --link PATH     with --pty: also make PATH a symlink to it\n"
        "  --seconds S     stop after S simulated seconds (default: at a signal)\n"
        "  --dump DIR      write every frame as text (the ticker-sim --dump format)\n"
        "  --tx FILE       write the bytes the firmware transmits to FILE\n"
        "  --term          draw each frame in this terminal, as ticker-sim does\n"
        "  --colour        with --term: coloured LEDs\n"
        "  --help          this text\n",
        AVR_MAX7219_MAX_MODULES);
}

static void parse_args(int argc, char **argv, options *o)
{
    enum { OPT_MODULES = 256, OPT_SCRIPT, OPT_PTY, OPT_LINK, OPT_SECONDS, OPT_DUMP, OPT_TX,
           OPT_TERM, OPT_COLOUR, OPT_HELP };
    static const struct option longopts[] = {
        { "modules", required_argument, 0, OPT_MODULES },
        { "script", required_argument, 0, OPT_SCRIPT },
        { "pty", no_argument, 0, OPT_PTY },
        { "link", required_argument, 0, OPT_LINK },
        { "seconds", required_argument, 0, OPT_SECONDS },
        { "dump", required_argument, 0, OPT_DUMP },
        { "tx", required_argument, 0, OPT_TX },
        { "term", no_argument, 0, OPT_TERM },
        { "colour", no_argument, 0, OPT_COLOUR },
        { "color", no_argument, 0, OPT_COLOUR },
        { "help", no_argument, 0, OPT_HELP },
        { 0, 0, 0, 0 }
    };
    int c;
    char *end;

    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_MODULES:
            errno = 0;
            o->modules = (unsigned)strtoul(optarg, &end, 10);
            if (errno || *end || o->modules < 1 || o->modules > AVR_MAX7219_MAX_MODULES) {
                fprintf(stderr, "avr-harness: --modules '%s': expected 1..%d\n", optarg,
                        AVR_MAX7219_MAX_MODULES);
                exit(2);
            }
            break;
        case OPT_SCRIPT: o->script = optarg; break;
        case OPT_PTY: o->pty = 1; break;
        case OPT_LINK: o->link = optarg; break;
        case OPT_SECONDS:
            errno = 0;
            o->seconds = strtod(optarg, &end);
            if (errno || *end || !(o->seconds > 0) || o->seconds > 86400.0) {
                fprintf(stderr, "avr-harness: --seconds '%s': expected 0 < S <= 86400\n", optarg);
                exit(2);
            }
            break;
        case OPT_DUMP: o->dump = optarg; break;
        case OPT_TX: o->tx = optarg; break;
        case OPT_TERM: o->term = 1; break;
        case OPT_COLOUR: o->colour = 1; break;
        case OPT_HELP: usage(stdout); exit(0);
        default: usage(stderr); exit(2);
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        exit(2);
    }
    o->elf = argv[optind];
    if (o->script && o->pty) {
        fprintf(stderr, "avr-harness: choose one of --script and --pty\n");
        exit(2);
    }
    if (o->link && !o->pty) {
        fprintf(stderr, "avr-harness: --link names the pty: it needs --pty\n");
        exit(2);
    }
}

/* simavr's messages go to stderr, and only its errors: stdout is ours. */
static void quiet_logger(avr_t *avr, const int level, const char *fmt, va_list ap)
{
    (void)avr;
    if (level <= LOG_ERROR)
        vfprintf(stderr, fmt, ap);
}

/* The simulated CPU idles without the host sleeping: time is cycles. */
static void no_sleep(avr_t *avr, avr_cycle_count_t how_long)
{
    (void)avr;
    (void)how_long;
}

/* PB2 (CS/LOAD) changed. */
static void on_cs(struct avr_irq_t *irq, uint32_t value, void *param)
{
    (void)irq;
    avr_max7219_cs(param, value != 0);
}

/* SPI_IRQ_OUTPUT: a byte has left on MOSI. */
static void on_mosi(struct avr_irq_t *irq, uint32_t value, void *param)
{
    (void)irq;
    avr_max7219_byte(param, (uint8_t)value);
}

static int setup(harness *h, const options *o)
{
    char err[512];
    struct avr_irq_t *cs;

    avr_global_logger_set(quiet_logger);
    memset(&h->fw, 0, sizeof h->fw);
    if (elf_read_firmware(o->elf, &h->fw) != 0) {
        fprintf(stderr, "avr-harness: %s: cannot read the ELF file\n", o->elf);
        return -1;
    }
    h->avr = avr_make_mcu_by_name("atmega328p");
    if (!h->avr || avr_init(h->avr) != 0) {
        fprintf(stderr, "avr-harness: libsimavr has no atmega328p\n");
        return -1;
    }
    h->fw.frequency = F_CPU;
    avr_load_firmware(h->avr, &h->fw);
    h->avr->frequency = F_CPU;
    h->avr->sleep = no_sleep;
    if (avr_max7219_init(&h->chain, o->modules) != 0)
        return -1;
    if (avr_spi_timing_attach(&h->spi, h->avr, err, sizeof err) != 0
        || avr_uart_bridge_attach(&h->uart, h->avr, err, sizeof err) != 0
        || avr_frame_meter_attach(&h->meter, h->avr, &h->chain, o->dump,
                                  o->seconds > 0 ? (uint32_t)(o->seconds * 1000.0 + 0.5)
                                                 : UINT32_MAX, err, sizeof err) != 0
        || avr_stack_paint(&h->stack, h->avr, &h->fw, err, sizeof err) != 0) {
        fprintf(stderr, "avr-harness: %s\n", err);
        return -1;
    }
    if (o->term && avr_frame_meter_show(&h->meter, STDOUT_FILENO, o->colour,
                                        (uint16_t)(o->modules * 8u)) != 0) {
        fprintf(stderr, "avr-harness: out of memory for the terminal view\n");
        return -1;
    }
    cs = avr_io_getirq(h->avr, AVR_IOCTL_IOPORT_GETIRQ('B'), 2);
    if (!cs) {
        fprintf(stderr, "avr-harness: the simulated chip has no PB2\n");
        return -1;
    }
    /* CS idles high until the firmware drives it: an input pin is pulled
       up on the modules. */
    avr_irq_register_notify(cs, on_cs, &h->chain);
    avr_irq_register_notify(h->spi.mosi, on_mosi, &h->chain);
    if (o->dump && mkdir(o->dump, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "avr-harness: cannot create %s: %s\n", o->dump, strerror(errno));
        return -1;
    }
    return 0;
}

/* The UART's other end: a script, a pty, or nothing; and the --tx file. */
static int open_io(harness *h, const options *o)
{
    char err[512];
    if (o->script) {
        if (sim_script_load(&h->script, o->script, err, sizeof err) != 0) {
            fprintf(stderr, "avr-harness: %s\n", err);
            return -1;
        }
        avr_script_feed_start(&h->script, &h->uart);
    }
    if (o->pty) {
        if (sim_link_open_pty(&h->link, o->link, err, sizeof err) != 0) {
            fprintf(stderr, "avr-harness: %s\n", err);
            return -1;
        }
        h->linked = 1;
        printf("%s\n", h->link.pty_path); /* the first line: where to connect */
        fflush(stdout);
    }
    if (o->tx && !(h->tx = fopen(o->tx, "wb"))) {
        fprintf(stderr, "avr-harness: cannot create %s: %s\n", o->tx, strerror(errno));
        return -1;
    }
    return 0;
}

static uint64_t monotonic_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Moves bytes between the pty and the UART; what the pty cannot take now
   is dropped, and the host's retransmission recovers it, as on a wire. */
static void serve_pty(harness *h)
{
    uint8_t buf[512];
    ssize_t n;
    uint32_t k;

    while (h->link.in_fd >= 0 && (n = read(h->link.in_fd, buf, sizeof buf)) > 0)
        avr_uart_bridge_send(&h->uart, buf, (uint32_t)n);
    while ((k = avr_uart_bridge_take(&h->uart, buf, sizeof buf)) > 0)
        if (h->link.out_fd >= 0 && write(h->link.out_fd, buf, k) < 0 && errno != EAGAIN
            && errno != EIO)
            h->link.out_fd = -1;
}

/* Holds simulated time to wall time, serving the pty while it waits. */
static void pace(harness *h, uint64_t start_us)
{
    for (;;) {
        uint64_t sim_us = h->avr->cycle / (F_CPU / 1000000u);
        uint64_t wall_us = monotonic_us() - start_us;
        struct pollfd p;
        if (sim_us <= wall_us || stop_requested)
            return;
        p.fd = h->link.in_fd;
        p.events = POLLIN;
        if (poll(&p, 1, (int)((sim_us - wall_us + 999u) / 1000u)) > 0)
            serve_pty(h);
    }
}

static void save_tx(harness *h)
{
    uint8_t buf[512];
    uint32_t k;
    while ((k = avr_uart_bridge_take(&h->uart, buf, sizeof buf)) > 0)
        if (h->tx)
            fwrite(buf, 1, k, h->tx);
}

/* Runs until --seconds of simulated time (and the frame then in progress)
   or a signal. 0, or -1 when the firmware stopped or a dump failed. */
static int run(harness *h, const options *o)
{
    avr_cycle_count_t end = o->seconds > 0 ? (avr_cycle_count_t)(o->seconds * F_CPU + 0.5) : 0;
    avr_cycle_count_t next_poll = POLL_CYCLES;
    uint64_t start_us = monotonic_us();
    avr_t *avr = h->avr;

    while (!stop_requested) {
        int state = avr_run(avr);
        if (state == cpu_Done || state == cpu_Crashed) {
            fprintf(stderr, "avr-harness: the firmware %s at cycle %llu (pc 0x%04x)\n",
                    state == cpu_Done ? "stopped (sleep with interrupts off)" : "crashed",
                    (unsigned long long)avr->cycle, (unsigned)avr->pc);
            return -1;
        }
        if (avr->cycle < next_poll)
            continue;
        next_poll += POLL_CYCLES;
        if (h->meter.failed) {
            fprintf(stderr, "avr-harness: %s\n", h->meter.err);
            return -1;
        }
        if (h->linked) {
            serve_pty(h);
            pace(h, start_us);
        } else {
            save_tx(h);
        }
        if (end && avr->cycle >= end && (!h->meter.high || avr->cycle >= end + FINISH_CYCLES))
            break;
    }
    save_tx(h);
    return 0;
}

static void report(const harness *h)
{
    const avr_frame_meter *m = &h->meter;
    const avr_uart_bridge *u = &h->uart;
    const avr_spi_timing *s = &h->spi;
    const avr_max7219_chain *c = &h->chain;

    printf("frames: %u from t=%u to t=%u ms\n", m->frames, m->first_t_ms, m->last_t_ms);
    printf("cycles/frame: mean %llu max %u over %u frames\n",
           m->frames ? (unsigned long long)(m->work_cycles / m->frames) : 0ull, m->max_work,
           m->frames);
    if (m->late)
        printf("late frames: %u (the first at t=%u ms)\n", m->late, m->first_late_t_ms);
    else
        printf("late frames: 0\n");
    printf("skipped frame slots: %u\n", m->skipped);
    printf("frame start delay: max %u cycles\n", m->max_delay);
    printf("stack high-water: %u bytes of %u\n", avr_stack_high_water(&h->stack, h->avr),
           avr_stack_room(&h->stack));
    printf("uart overruns: %llu\n", (unsigned long long)u->overruns);
    printf("uart bytes: rx %llu tx %llu lost %llu\n", (unsigned long long)u->rx_bytes,
           (unsigned long long)u->tx_bytes,
           (unsigned long long)(u->rx_disabled + u->queue_full + u->tx_dropped));
    printf("spi cycles/byte: mean %.1f min %u max %u over %llu bytes (divider %u)\n",
           s->bytes ? (double)s->cycles / (double)s->bytes : 0.0, s->min_cycles, s->max_cycles,
           (unsigned long long)s->bytes, avr_spi_timing_divider(h->avr));
    printf("max7219: latches %u bad %u decode-errors %u intensity %u\n", c->latches,
           c->bad_latches, c->decode_errors, c->mod[0].intensity);
    printf("replies: ack %u nak %u other %u\n", u->acks, u->naks, u->other_replies);
    if (u->telemetry_seen)
        printf("telemetry: uart-errors %u crc-errors %u framing-errors %u overflows %u "
               "late-frames %lu\n", u->telemetry.uart_errors, u->telemetry.crc_errors,
               u->telemetry.framing_errors, u->telemetry.overflows,
               (unsigned long)u->telemetry.late_frames);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    static harness h; /* large: the UART queue */
    options o = { NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 4, 0 };
    int rc = 1;

    parse_args(argc, argv, &o);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal); /* the terminal closed: stop cleanly too */
    signal(SIGPIPE, SIG_IGN);
    if (setup(&h, &o) != 0 || open_io(&h, &o) != 0)
        goto out;
    if (o.term)
        sim_term_write(STDOUT_FILENO, SIM_TERM_CLEAR, strlen(SIM_TERM_CLEAR));
    rc = run(&h, &o) == 0 ? 0 : 1;
    if (o.term)
        sim_term_write(STDOUT_FILENO, SIM_TERM_RESTORE, strlen(SIM_TERM_RESTORE));
    report(&h);
    if (h.spi.unfixed > 0) {
        fprintf(stderr, "avr-harness: %u SPI transfers kept simavr's 100 us timing\n",
                h.spi.unfixed);
        rc = 1;
    }
out:
    if (h.tx && fclose(h.tx) != 0)
        rc = 1;
    if (h.linked)
        sim_link_close(&h.link);
    sim_script_free(&h.script);
    avr_frame_meter_free(&h.meter);
    if (h.avr)
        avr_terminate(h.avr);
    return rc;
}

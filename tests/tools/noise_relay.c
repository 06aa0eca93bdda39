/*
 * noise_relay.c - a test tool: a noisy serial line between tickerd and a
 * display. It opens the display's pty (--to PATH), makes a pty of its own
 * for the host (its path is the first line of stdout; --link PATH adds a
 * stable symlink), and copies bytes both ways, flipping a bit, dropping or
 * duplicating each byte at the given rates. Seeded, so a run repeats.
 * With --baud B it also paces each direction to B baud (10 bits a byte,
 * as 8N1), as a real serial line would. On SIGTERM or SIGINT it prints
 * what it did to stderr and exits.
 *
 *   noise-relay --to /dev/pts/7 [--link PATH] [--flip R] [--drop R] [--dup R]
 *               [--seed N] [--baud B]
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Bytes in flight one way: more than any test sends before reading. */
#define LINE_BUFFER 65536

/* One direction of the line: bytes waiting to go out at the baud rate. */
typedef struct line {
    unsigned char buf[LINE_BUFFER];
    size_t len;
    double next_us;        /* when the next byte may leave */
} line;

typedef struct noise {
    double flip, drop, dup;
    unsigned long long state;      /* xorshift64 */
    unsigned long bytes, flipped, dropped, duplicated;
} noise;

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static double uniform(noise *n)
{
    n->state ^= n->state << 13;
    n->state ^= n->state >> 7;
    n->state ^= n->state << 17;
    return (double)(n->state >> 11) / 9007199254740992.0;
}

static int make_raw(int fd)
{
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0)
        return -1;
    cfmakeraw(&tio);
    return tcsetattr(fd, TCSANOW, &tio);
}

/* Applies the noise to buf[0..len) into out; returns the new length. */
static size_t corrupt(noise *n, const unsigned char *buf, size_t len, unsigned char *out)
{
    size_t i, o = 0;
    for (i = 0; i < len; i++) {
        unsigned char b = buf[i];
        n->bytes++;
        if (uniform(n) < n->drop) {
            n->dropped++;
            continue;
        }
        if (uniform(n) < n->flip) {
            b ^= (unsigned char)(1u << (n->state % 8));
            n->flipped++;
        }
        out[o++] = b;
        if (uniform(n) < n->dup) {
            out[o++] = b;
            n->duplicated++;
        }
    }
    return o;
}

static double monotonic_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Reads what from has, with noise, into the line; -1 when from is gone. */
static int pump(int from, line *l, noise *n)
{
    unsigned char buf[512], out[1024];
    ssize_t got = read(from, buf, sizeof buf);
    size_t len;
    if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR && errno != EIO))
        return -1;
    if (got <= 0)
        return 0;
    len = corrupt(n, buf, (size_t)got, out);
    if (len > sizeof l->buf - l->len)
        len = sizeof l->buf - l->len; /* an overrun, as a real UART would have */
    memcpy(l->buf + l->len, out, len);
    l->len += len;
    return 0;
}

/* Writes what the baud rate allows by now (all of it when baud is 0). */
static int drain(int to, line *l, double baud)
{
    double now = monotonic_us();
    size_t allowed = l->len;
    ssize_t put;
    if (l->len == 0)
        return 0;
    if (baud > 0) {
        double per_byte = 10e6 / baud;
        if (l->next_us < now - per_byte)
            l->next_us = now; /* an idle line saves no credit: the next byte starts now */
        if (now < l->next_us)
            return 0;
        allowed = (size_t)((now - l->next_us) / per_byte) + 1;
        if (allowed > l->len)
            allowed = l->len;
    }
    put = write(to, l->buf, allowed);
    if (put < 0)
        return errno == EAGAIN ? 0 : -1;
    memmove(l->buf, l->buf + put, l->len - (size_t)put);
    l->len -= (size_t)put;
    if (baud > 0)
        l->next_us += (double)put * 10e6 / baud;
    return 0;
}

static double parse_rate(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || v < 0 || v > 1) {
        fprintf(stderr, "noise-relay: rate '%s': expected a number from 0 to 1\n", s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "to", required_argument, 0, 't' }, { "link", required_argument, 0, 'l' },
        { "flip", required_argument, 0, 'f' }, { "drop", required_argument, 0, 'd' },
        { "dup", required_argument, 0, 'u' }, { "seed", required_argument, 0, 's' },
        { "baud", required_argument, 0, 'b' },
        { 0, 0, 0, 0 }
    };
    noise n = { 0, 0, 0, 88172645463325252ULL, 0, 0, 0, 0 };
    static line to_display, to_host;
    double baud = 0;
    const char *to = NULL, *link_path = NULL;
    int c, display, host, keep;
    const char *name;

    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 't': to = optarg; break;
        case 'l': link_path = optarg; break;
        case 'f': n.flip = parse_rate(optarg); break;
        case 'd': n.drop = parse_rate(optarg); break;
        case 'u': n.dup = parse_rate(optarg); break;
        case 's': n.state ^= strtoull(optarg, NULL, 10) * 2654435761ULL; break;
        case 'b': baud = strtod(optarg, NULL); break;
        default: return 2;
        }
    }
    if (!to) {
        fprintf(stderr, "usage: noise-relay --to PTY [--link PATH] [--flip R] [--drop R] [--dup R] [--seed N] [--baud B]\n");
        return 2;
    }
    display = open(to, O_RDWR | O_NOCTTY | O_NONBLOCK);
    host = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (display < 0 || make_raw(display) != 0 || host < 0 || grantpt(host) != 0 ||
        unlockpt(host) != 0 || !(name = ptsname(host))) {
        fprintf(stderr, "noise-relay: cannot set up the line to %s: %s\n", to, strerror(errno));
        return 1;
    }
    keep = open(name, O_RDWR | O_NOCTTY); /* no hang-ups between clients */
    if (keep < 0 || make_raw(keep) != 0) {
        fprintf(stderr, "noise-relay: cannot set up %s: %s\n", name, strerror(errno));
        return 1;
    }
    if (link_path) {
        unlink(link_path);
        if (symlink(name, link_path) != 0) {
            fprintf(stderr, "noise-relay: cannot link %s: %s\n", link_path, strerror(errno));
            return 1;
        }
    }
    printf("%s\n", name);
    fflush(stdout);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    while (!stop) {
        struct pollfd p[2] = { { host, POLLIN, 0 }, { display, POLLIN, 0 } };
        int waiting = to_display.len > 0 || to_host.len > 0;
        if (poll(p, 2, waiting ? 1 : 100) < 0)
            continue;
        if ((p[0].revents & POLLIN) && pump(host, &to_display, &n) != 0)
            break;
        if ((p[1].revents & (POLLIN | POLLHUP)) && pump(display, &to_host, &n) != 0)
            break;
        if (drain(display, &to_display, baud) != 0 || drain(host, &to_host, baud) != 0)
            break;
    }
    fprintf(stderr, "noise-relay: %lu bytes, %lu flipped, %lu dropped, %lu duplicated\n",
            n.bytes, n.flipped, n.dropped, n.duplicated);
    if (link_path)
        unlink(link_path);
    close(keep);
    return 0;
}

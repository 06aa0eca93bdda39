/* sim_term.c - half-block terminal rendering; see sim_term.h. */
#include "sim_term.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#define HOME "\x1b[H"
#define NL "\r\n"
#define GREY "\x1b[38;5;240m"
#define RESET "\x1b[0m"
#define TOP_LEFT "\xe2\x94\x8c"     /* U+250C */
#define TOP_RIGHT "\xe2\x94\x90"    /* U+2510 */
#define BOTTOM_LEFT "\xe2\x94\x94"  /* U+2514 */
#define BOTTOM_RIGHT "\xe2\x94\x98" /* U+2518 */
#define HLINE "\xe2\x94\x80"        /* U+2500 */
#define VLINE "\xe2\x94\x82"        /* U+2502 */
#define UPPER "\xe2\x96\x80"        /* U+2580 */
#define CHAR_BYTES 3                /* every character above is 3 bytes of UTF-8 */

#define LEN(s) (sizeof(s) - 1)

/* Plain characters by (bottom << 1 | top): space, upper, lower, full. */
static const char *const plain[4] = { " ", UPPER, "\xe2\x96\x84", "\xe2\x96\x88" };

/* Colour codes by [top lit][bottom: 0 unlit, 1 lit, 2 below the display]. */
#define SGR_MAX LEN("\x1b[38;5;196;48;5;196m")
static const char *const sgr[2][3] = {
    { "\x1b[38;5;52;48;5;52m", "\x1b[38;5;52;48;5;196m", "\x1b[38;5;52;49m" },
    { "\x1b[38;5;196;48;5;52m", "\x1b[38;5;196;48;5;196m", "\x1b[38;5;196;49m" },
};

typedef struct outbuf {
    char *p;
    size_t len, cap;
    int full; /* something did not fit */
} outbuf;

static void put(outbuf *b, const char *s, size_t n)
{
    if (b->full || n > b->cap - b->len) {
        b->full = 1;
        return;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void put_str(outbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_border(outbuf *b, uint16_t width, const char *left, const char *right, int colour)
{
    uint16_t x;
    if (colour)
        put_str(b, GREY);
    put_str(b, left);
    for (x = 0; x < width; x++)
        put_str(b, HLINE);
    put_str(b, right);
    if (colour)
        put_str(b, RESET);
    put_str(b, NL);
}

static void put_row(outbuf *b, const tk_fb *fb, uint8_t y, int colour)
{
    const char *current = NULL;
    uint16_t x;

    if (colour)
        put_str(b, GREY VLINE);
    else
        put_str(b, VLINE);
    for (x = 0; x < fb->width; x++) {
        int top = tk_fb_pixel(fb, x, y);
        int bottom = tk_fb_pixel(fb, x, (uint8_t)(y + 1));
        if (colour) {
            const char *code = sgr[top][y + 1 < fb->height ? bottom : 2];
            if (code != current)
                put_str(b, code);
            current = code;
            put_str(b, UPPER);
        } else {
            put_str(b, plain[bottom << 1 | top]);
        }
    }
    if (colour)
        put_str(b, RESET GREY VLINE RESET NL);
    else
        put_str(b, VLINE NL);
}

size_t sim_term_max_bytes(uint16_t width, uint8_t height, int colour)
{
    size_t rows = ((size_t)height + 1) / 2;
    size_t border = 2 * CHAR_BYTES + (size_t)width * CHAR_BYTES + LEN(NL);
    size_t row = 2 * CHAR_BYTES + (size_t)width * CHAR_BYTES + LEN(NL);

    if (colour) {
        border += LEN(GREY RESET);
        row += LEN(GREY RESET GREY RESET) + (size_t)width * SGR_MAX;
    }
    return LEN(HOME) + 2 * border + rows * row;
}

size_t sim_term_render(const tk_fb *fb, int colour, char *out, size_t cap)
{
    outbuf b = { out, 0, cap, 0 };
    uint8_t y;

    put_str(&b, HOME);
    put_border(&b, fb->width, TOP_LEFT, TOP_RIGHT, colour);
    for (y = 0; y < fb->height; y = (uint8_t)(y + 2))
        put_row(&b, fb, y, colour);
    put_border(&b, fb->width, BOTTOM_LEFT, BOTTOM_RIGHT, colour);
    return b.full ? 0 : b.len;
}

int sim_term_write(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n > 0) {
            buf += n;
            len -= (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd p = { fd, POLLOUT, 0 };
            int r = poll(&p, 1, 1000);
            if (r == 0) {
                errno = EAGAIN;
                return -1;
            }
            if (r < 0 && errno != EINTR)
                return -1;
        } else {
            if (n == 0)
                errno = EIO;
            return -1;
        }
    }
    return 0;
}

/*
 * test_sim_output.c - the simulator's output writers (firmware/ports/sim):
 * GIF and PNG are read back with giflib and libpng and compared with the
 * frame buffer dot by dot; the terminal rendering and the text dump format
 * are compared byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gif_lib.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim_dump.h"
#include "sim_gif.h"
#include "sim_png.h"
#include "sim_term.h"
#include "tk_fb.h"

#define SCALE 6

/* ---- fixtures ------------------------------------------------------------ */

static int make_dir(void **state)
{
    static char dir[64];
    memcpy(dir, "/tmp/test_sim_output.XXXXXX", sizeof "/tmp/test_sim_output.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    *state = dir;
    return 0;
}

static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static int remove_dir(void **state)
{
    const char *dir = *state;
    char path[512];
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        return -1;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    return rmdir(dir);
}

static const char *path_in(void **state, const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", (const char *)*state, name);
    return path;
}

/* Frame buffer from rows of '#' and '.'. */
static void fb_from(tk_fb *fb, uint16_t width, uint8_t height, const char *rows)
{
    uint8_t y;
    uint16_t x;
    assert_int_equal(tk_fb_init(fb, width, height), 0);
    assert_int_equal(strlen(rows), (size_t)width * height);
    for (y = 0; y < height; y++)
        for (x = 0; x < width; x++)
            tk_fb_set_pixel(fb, x, y, rows[y * width + x] == '#');
}

/*
 * Checks an RGB picture (3 bytes a pixel, width*scale wide) against fb:
 * each dot centre bright red when lit, dim red when not, the cell corner
 * (the gap between dots) black.
 */
static void check_leds(const uint8_t *rgb, const tk_fb *fb, unsigned scale)
{
    size_t stride = (size_t)fb->width * scale * 3;
    uint16_t x;
    uint8_t y;
    for (y = 0; y < fb->height; y++) {
        for (x = 0; x < fb->width; x++) {
            const uint8_t *c = rgb + (y * scale + scale / 2) * stride + (x * scale + scale / 2) * 3;
            const uint8_t *gap = rgb + (y * scale) * stride + (x * scale) * 3;
            if (tk_fb_pixel(fb, x, y)) {
                assert_true(c[0] >= 200);
            } else {
                assert_true(c[0] > 0 && c[0] < 80);
            }
            assert_true(c[0] > c[2]); /* red, not white or grey */
            assert_int_equal(gap[0] | gap[1] | gap[2], 0);
        }
    }
}

/* ---- GIF ----------------------------------------------------------------- */

static GifFileType *slurp(const char *path)
{
    int code = 0;
    GifFileType *g = DGifOpenFileName(path, &code);
    assert_non_null(g);
    assert_int_equal(DGifSlurp(g), GIF_OK);
    return g;
}

static void close_slurped(GifFileType *g)
{
    int code;
    DGifCloseFile(g, &code);
}

static int delay_cs(GifFileType *g, int i)
{
    GraphicsControlBlock gcb;
    assert_int_equal(DGifSavedExtensionToGCB(g, i, &gcb), GIF_OK);
    return gcb.DelayTime;
}

static void check_gif_image(GifFileType *g, int i, const tk_fb *fb)
{
    const SavedImage *im = &g->SavedImages[i];
    const ColorMapObject *map = im->ImageDesc.ColorMap ? im->ImageDesc.ColorMap : g->SColorMap;
    size_t n = (size_t)g->SWidth * g->SHeight, k;
    uint8_t *rgb = malloc(n * 3);

    assert_non_null(rgb);
    assert_non_null(map);
    assert_int_equal(im->ImageDesc.Width, g->SWidth);
    assert_int_equal(im->ImageDesc.Height, g->SHeight);
    for (k = 0; k < n; k++) {
        const GifColorType *c = &map->Colors[im->RasterBits[k]];
        rgb[3 * k] = c->Red;
        rgb[3 * k + 1] = c->Green;
        rgb[3 * k + 2] = c->Blue;
    }
    check_leds(rgb, fb, SCALE);
    free(rgb);
}

static int has_loop_forever(GifFileType *g)
{
    const SavedImage *im = &g->SavedImages[0];
    int i;
    for (i = 0; i + 1 < im->ExtensionBlockCount; i++) {
        const ExtensionBlock *e = &im->ExtensionBlocks[i];
        const ExtensionBlock *sub = &im->ExtensionBlocks[i + 1];
        if (e->Function == APPLICATION_EXT_FUNC_CODE && e->ByteCount == 11
            && memcmp(e->Bytes, "NETSCAPE2.0", 11) == 0)
            return sub->ByteCount == 3 && sub->Bytes[0] == 1 && sub->Bytes[1] == 0
                   && sub->Bytes[2] == 0;
    }
    return 0;
}

static void test_gif_frames_merged_and_timed(void **state)
{
    const char *path = path_in(state, "run.gif");
    char err[256] = "";
    tk_fb a, b, a2;
    sim_gif *gif;
    GifFileType *g;
    int i, total = 0;
    static const int want_cs[4] = { 15, 3, 4, 3 };

    fb_from(&a, 5, 3, "#.#.." ".#..#" "#####");
    fb_from(&b, 5, 3, "....." "..#.." ".....");
    a2 = a;
    gif = sim_gif_open(path, 5, 3, SCALE, err, sizeof err);
    assert_non_null(gif);
    assert_int_equal(sim_gif_frame(gif, &a, 100), 0);
    assert_int_equal(sim_gif_frame(gif, &a2, 50), 0); /* same picture: merged */
    assert_int_equal(sim_gif_frame(gif, &b, 33), 0);
    assert_int_equal(sim_gif_frame(gif, &a, 33), 0);
    assert_int_equal(sim_gif_frame(gif, &b, 34), 0);
    assert_int_equal(count_files(*state), 1); /* only the temporary file so far */
    assert_int_equal(sim_gif_close(gif, err, sizeof err), 0);

    g = slurp(path);
    assert_int_equal(g->SWidth, 5 * SCALE);
    assert_int_equal(g->SHeight, 3 * SCALE);
    assert_int_equal(g->ImageCount, 4);
    assert_true(has_loop_forever(g));
    for (i = 0; i < g->ImageCount; i++) {
        assert_int_equal(delay_cs(g, i), want_cs[i]);
        total += delay_cs(g, i);
        check_gif_image(g, i, i % 2 ? &b : &a);
    }
    assert_int_equal(total * 10, 100 + 50 + 33 + 33 + 34);
    close_slurped(g);
    assert_int_equal(count_files(*state), 1);
}

static void test_gif_long_frame_split(void **state)
{
    const char *path = path_in(state, "long.gif");
    char err[256] = "";
    tk_fb a;
    sim_gif *gif;
    GifFileType *g;

    fb_from(&a, 8, 1, "#.#.#.#.");
    gif = sim_gif_open(path, 8, 1, SCALE, err, sizeof err);
    assert_non_null(gif);
    assert_int_equal(sim_gif_frame(gif, &a, 700000), 0);
    assert_int_equal(sim_gif_close(gif, err, sizeof err), 0);
    g = slurp(path);
    assert_int_equal(g->ImageCount, 2);
    assert_int_equal(delay_cs(g, 0), 65535);
    assert_int_equal(delay_cs(g, 1), 70000 - 65535);
    check_gif_image(g, 1, &a);
    close_slurped(g);
}

static void test_gif_short_frame_time_carried(void **state)
{
    const char *path = path_in(state, "short.gif");
    char err[256] = "";
    tk_fb a, b;
    sim_gif *gif;
    GifFileType *g;

    fb_from(&a, 8, 1, "########");
    fb_from(&b, 8, 1, "#.......");
    gif = sim_gif_open(path, 8, 1, SCALE, err, sizeof err);
    assert_non_null(gif);
    assert_int_equal(sim_gif_frame(gif, &a, 3), 0); /* too short for a 1/100 s tick */
    assert_int_equal(sim_gif_frame(gif, &b, 100), 0);
    assert_int_equal(sim_gif_close(gif, err, sizeof err), 0);
    g = slurp(path);
    assert_int_equal(g->ImageCount, 1);
    assert_int_equal(delay_cs(g, 0), 10);
    check_gif_image(g, 0, &b);
    close_slurped(g);
}

static void test_gif_empty_recording_is_blank(void **state)
{
    const char *path = path_in(state, "empty.gif");
    char err[256] = "";
    tk_fb blank;
    sim_gif *gif;
    GifFileType *g;

    assert_int_equal(tk_fb_init(&blank, 4, 2), 0);
    gif = sim_gif_open(path, 4, 2, SCALE, err, sizeof err);
    assert_non_null(gif);
    assert_int_equal(sim_gif_close(gif, err, sizeof err), 0);
    g = slurp(path);
    assert_int_equal(g->ImageCount, 1);
    check_gif_image(g, 0, &blank);
    close_slurped(g);
}

static void test_gif_errors(void **state)
{
    char err[256] = "";
    tk_fb small;
    sim_gif *gif;

    assert_null(sim_gif_open(path_in(state, "no/such/dir.gif"), 8, 8, SCALE, err, sizeof err));
    assert_non_null(strstr(err, "no/such/dir.gif"));
    err[0] = '\0';
    assert_null(sim_gif_open(path_in(state, "x.gif"), 8, 8, 0, err, sizeof err));
    assert_non_null(strstr(err, "scale"));
    assert_null(sim_gif_open(path_in(state, "x.gif"), 8, TK_FB_MAX_HEIGHT + 1, SCALE, err,
                             sizeof err));
    assert_int_equal(count_files(*state), 0);

    /* A frame of the wrong size fails, and so does the whole recording. */
    gif = sim_gif_open(path_in(state, "x.gif"), 8, 8, SCALE, err, sizeof err);
    assert_non_null(gif);
    assert_int_equal(tk_fb_init(&small, 4, 8), 0);
    assert_int_equal(sim_gif_frame(gif, &small, 10), -1);
    err[0] = '\0';
    assert_int_equal(sim_gif_close(gif, err, sizeof err), -1);
    assert_non_null(strstr(err, "4x8"));
    assert_int_equal(count_files(*state), 0);
}

/* ---- PNG ----------------------------------------------------------------- */

static uint8_t *read_png_rgb(const char *path, png_uint_32 *w, png_uint_32 *h)
{
    png_image im;
    uint8_t *rgb;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    assert_true(png_image_begin_read_from_file(&im, path));
    im.format = PNG_FORMAT_RGB;
    rgb = malloc(PNG_IMAGE_SIZE(im));
    assert_non_null(rgb);
    assert_true(png_image_finish_read(&im, NULL, rgb, 0, NULL));
    *w = im.width;
    *h = im.height;
    return rgb;
}

static void test_png_pixels(void **state)
{
    const char *path = path_in(state, "frame.png");
    char err[256] = "";
    png_uint_32 w, h;
    uint8_t *rgb;
    tk_fb fb;
    uint16_t x;
    uint8_t y;

    /* A 40x9 frame with a diagonal and a border, odd height on purpose. */
    assert_int_equal(tk_fb_init(&fb, 40, 9), 0);
    for (x = 0; x < 40; x++) {
        tk_fb_set_pixel(&fb, x, (uint8_t)(x % 9), 1);
        tk_fb_set_pixel(&fb, x, 0, x % 3 == 0);
    }
    for (y = 0; y < 9; y++)
        tk_fb_set_pixel(&fb, 39, y, 1);

    assert_int_equal(sim_png_write(path, &fb, SCALE, err, sizeof err), 0);
    rgb = read_png_rgb(path, &w, &h);
    assert_int_equal(w, 40 * SCALE);
    assert_int_equal(h, 9 * SCALE);
    check_leds(rgb, &fb, SCALE);
    free(rgb);

    /* Written again over the old file, at scale 1 a picture pixel is an LED. */
    assert_int_equal(sim_png_write(path, &fb, 1, err, sizeof err), 0);
    rgb = read_png_rgb(path, &w, &h);
    assert_int_equal(w, 40);
    assert_int_equal(h, 9);
    for (y = 0; y < 9; y++)
        for (x = 0; x < 40; x++)
            assert_int_equal(rgb[(y * 40 + x) * 3] >= 200, tk_fb_pixel(&fb, x, y));
    free(rgb);
    assert_int_equal(count_files(*state), 1); /* no temporary file left */
}

static void test_png_errors(void **state)
{
    char err[256] = "";
    tk_fb fb;
    assert_int_equal(tk_fb_init(&fb, 8, 8), 0);
    assert_int_equal(sim_png_write(path_in(state, "no/dir.png"), &fb, SCALE, err, sizeof err), -1);
    assert_non_null(strstr(err, "no/dir.png"));
    err[0] = '\0';
    assert_int_equal(sim_png_write(path_in(state, "x.png"), &fb, 33, err, sizeof err), -1);
    assert_non_null(strstr(err, "scale"));
    assert_int_equal(count_files(*state), 0);
}

/* ---- terminal ------------------------------------------------------------ */

static const char pattern4[] = "#.#."
                               "##.."
                               "..##"
                               ".#.#";

static void test_term_plain_exact(void **state)
{
    static const char want[] = "\x1b[H"
                               "┌────┐\r\n"
                               "│█▄▀ │\r\n"
                               "│ ▄▀█│\r\n"
                               "└────┘\r\n";
    char out[256];
    tk_fb fb;
    size_t n;
    (void)state;

    fb_from(&fb, 4, 4, pattern4);
    n = sim_term_render(&fb, 0, out, sizeof out);
    assert_int_equal(n, sizeof want - 1);
    assert_memory_equal(out, want, n);
    assert_true(n <= sim_term_max_bytes(4, 4, 0));
    assert_int_equal(sim_term_render(&fb, 0, out, n - 1), 0);
    assert_int_equal(sim_term_render(&fb, 0, out, 0), 0);
    assert_int_equal(sim_term_render(&fb, 0, out, n), n);
}

static void test_term_odd_height(void **state)
{
    static const char want[] = "\x1b[H"
                               "┌──┐\r\n"
                               "│█ │\r\n"
                               "│▀▀│\r\n"
                               "└──┘\r\n";
    char out[256];
    tk_fb fb;
    size_t n;
    (void)state;

    fb_from(&fb, 2, 3, "#." "#." "##");
    n = sim_term_render(&fb, 0, out, sizeof out);
    assert_int_equal(n, sizeof want - 1);
    assert_memory_equal(out, want, n);
}

static int contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;
    for (i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

static void test_term_colour(void **state)
{
    char out[1024];
    tk_fb fb;
    size_t n;
    (void)state;

    fb_from(&fb, 4, 4, pattern4);
    n = sim_term_render(&fb, 1, out, sizeof out);
    assert_true(n > 0 && n <= sim_term_max_bytes(4, 4, 1));
    assert_memory_equal(out, "\x1b[H", 3);
    /* column 0 of text row 0: both lit; column 1: top unlit, bottom lit */
    assert_true(contains(out, n, "\x1b[38;5;196;48;5;196m▀"));
    assert_true(contains(out, n, "\x1b[38;5;52;48;5;196m▀"));
    assert_true(contains(out, n, "\x1b[0m"));
    assert_false(contains(out, n, "█")); /* colour mode draws every cell as an upper half */
    assert_int_equal(sim_term_render(&fb, 1, out, n - 1), 0);
}

static void test_term_worst_case_fits(void **state)
{
    size_t cap = sim_term_max_bytes(TK_FB_MAX_WIDTH, TK_FB_MAX_HEIGHT, 1);
    char *out = malloc(cap);
    tk_fb fb;
    uint16_t x;
    uint8_t y;
    int colour;
    (void)state;

    /* A checkerboard changes colour at every cell. */
    assert_non_null(out);
    assert_int_equal(tk_fb_init(&fb, TK_FB_MAX_WIDTH, TK_FB_MAX_HEIGHT), 0);
    for (x = 0; x < TK_FB_MAX_WIDTH; x++)
        for (y = 0; y < TK_FB_MAX_HEIGHT; y++)
            tk_fb_set_pixel(&fb, x, y, (x + y) % 2);
    for (colour = 0; colour <= 1; colour++) {
        size_t max = sim_term_max_bytes(TK_FB_MAX_WIDTH, TK_FB_MAX_HEIGHT, colour);
        size_t n = sim_term_render(&fb, colour, out, max);
        assert_true(n > 0 && n <= max);
    }
    free(out);
}

static void test_term_write(void **state)
{
    char out[256], back[256];
    int fds[2];
    tk_fb fb;
    size_t n;
    ssize_t got;
    (void)state;

    fb_from(&fb, 4, 4, pattern4);
    n = sim_term_render(&fb, 0, out, sizeof out);
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(sim_term_write(fds[1], out, n), 0);
    close(fds[1]);
    got = read(fds[0], back, sizeof back);
    close(fds[0]);
    assert_int_equal(got, (ssize_t)n);
    assert_memory_equal(back, out, n);

    errno = 0;
    assert_int_equal(sim_term_write(fds[1], out, n), -1);
    assert_int_equal(errno, EBADF);
}

/* ---- text dump ----------------------------------------------------------- */

static void test_dump_format_exact(void **state)
{
    static const char want[] = "t=40 w=3 h=2\n#.#\n.#.\n";
    char out[64];
    tk_fb fb, back;
    uint32_t t = 0;
    (void)state;

    fb_from(&fb, 3, 2, "#.#" ".#.");
    assert_int_equal(sim_dump_format(&fb, 40, out, sizeof out), (int)sizeof want - 1);
    assert_string_equal(out, want);
    assert_int_equal(sim_dump_format(&fb, 40, out, sizeof want - 1), -1); /* no room for NUL */
    assert_int_equal(sim_dump_parse(want, sizeof want - 1, &back, &t), 0);
    assert_int_equal(t, 40);
    assert_int_equal(back.width, 3);
    assert_int_equal(back.height, 2);
    assert_memory_equal(back.px, fb.px, sizeof fb.px);

    /* the smallest frame, at time zero */
    assert_int_equal(sim_dump_parse("t=0 w=1 h=1\n#\n", 14, &back, &t), 0);
    assert_int_equal(t, 0);
    assert_int_equal(back.width, 1);
    assert_int_equal(tk_fb_pixel(&back, 0, 0), 1);
}

static void test_dump_round_trip_large(void **state)
{
    char *text = malloc(SIM_DUMP_MAX_BYTES + 1);
    tk_fb fb, back;
    uint32_t t = 0;
    uint16_t x;
    int len;
    (void)state;

    assert_non_null(text);
    assert_int_equal(tk_fb_init(&fb, TK_FB_MAX_WIDTH, TK_FB_MAX_HEIGHT), 0);
    for (x = 0; x < TK_FB_MAX_WIDTH; x++)
        tk_fb_or_column(&fb, x, (uint16_t)(x * 2654435761u >> 7));
    len = sim_dump_format(&fb, 4294967295u, text, SIM_DUMP_MAX_BYTES + 1);
    assert_true(len > 0);
    assert_int_equal(sim_dump_parse(text, (size_t)len, &back, &t), 0);
    assert_int_equal(t, 4294967295u);
    for (x = 0; x < TK_FB_MAX_WIDTH; x++)
        assert_int_equal(tk_fb_column(&back, x), tk_fb_column(&fb, x));
    free(text);
}

static void test_dump_parse_rejects(void **state)
{
    static const char *const bad[] = {
        "",                                   /* nothing */
        "#.#\n.#.\n",                         /* missing header */
        "t=40 w=3\n#.#\n.#.\n",               /* header without height */
        "t=40 w=3 h=2\n#.#\n.#\n",            /* short line */
        "t=40 w=3 h=2\n#.#\n.#..\n",          /* long line */
        "t=40 w=3 h=2\n#.#\n.x.\n",           /* bad character */
        "t=40 w=3 h=2\n#.#\n.#.\n#.#\n",      /* too many rows */
        "t=40 w=3 h=2\n#.#\n",                /* too few rows */
        "t=40 w=3 h=2\n#.#\n.#.",             /* last newline missing */
        "t=40 w=3 h=2\n#.#\n.#.\n\n",         /* trailing blank line */
        "t=40 w=3 h=2\r\n#.#\r\n.#.\r\n",     /* CRLF */
        "t=40  w=3 h=2\n#.#\n.#.\n",          /* two spaces */
        "t=040 w=3 h=2\n#.#\n.#.\n",          /* leading zero */
        "t=-4 w=3 h=2\n#.#\n.#.\n",           /* sign */
        "t=4294967296 w=3 h=2\n#.#\n.#.\n",   /* time past 32 bits */
        "t=40 w=0 h=2\n\n\n",                 /* zero width */
        "t=40 w=3 h=17\n",                    /* taller than the build allows */
        "t=40 w=3 h=2 \n#.#\n.#.\n",          /* trailing space */
        "t=40 h=2 w=3\n#.#\n.#.\n",           /* fields out of order */
    };
    static const char nul[] = "t=40 w=3 h=2\n#.#\n.\0.\n"; /* embedded NUL */
    tk_fb fb, before;
    uint32_t t = 7;
    size_t i;
    (void)state;

    fb_from(&fb, 2, 1, "#.");
    before = fb;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(sim_dump_parse(bad[i], strlen(bad[i]), &fb, &t), -1);
        assert_int_equal(t, 7); /* failures leave the outputs alone */
        assert_memory_equal(&fb, &before, sizeof fb);
    }
    assert_int_equal(sim_dump_parse(nul, sizeof nul - 1, &fb, &t), -1);
    /* A good frame cut short anywhere is rejected. */
    for (i = 0; i < strlen("t=40 w=3 h=2\n#.#\n.#.\n"); i++)
        assert_int_equal(sim_dump_parse("t=40 w=3 h=2\n#.#\n.#.\n", i, &fb, &t), -1);
}

static void test_dump_frame_file(void **state)
{
    const char *dir = *state;
    char err[256] = "", text[64], want[64];
    tk_fb fb, back;
    uint32_t t = 0;
    FILE *f;
    size_t n;
    int len;

    fb_from(&fb, 3, 2, "##." "..#");
    assert_int_equal(sim_dump_frame(dir, 42, 1234, &fb, err, sizeof err), 0);
    assert_int_equal(sim_dump_frame(dir, 42, 1234, &fb, err, sizeof err), 0); /* replaces */
    f = fopen(path_in(state, "frame-000042.txt"), "rb");
    assert_non_null(f);
    n = fread(text, 1, sizeof text, f);
    fclose(f);
    len = sim_dump_format(&fb, 1234, want, sizeof want);
    assert_int_equal(n, (size_t)len);
    assert_memory_equal(text, want, n);
    assert_int_equal(sim_dump_parse(text, n, &back, &t), 0);
    assert_int_equal(t, 1234);
    assert_int_equal(count_files(dir), 1);

    assert_int_equal(sim_dump_frame(dir, SIM_DUMP_MAX_INDEX, 0, &fb, err, sizeof err), 0);
    assert_int_equal(access(path_in(state, "frame-999999.txt"), F_OK), 0);
    assert_int_equal(sim_dump_frame(dir, SIM_DUMP_MAX_INDEX + 1, 0, &fb, err, sizeof err), -1);
    assert_non_null(strstr(err, "1000000"));
    assert_int_equal(sim_dump_frame(path_in(state, "missing"), 0, 0, &fb, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing/frame-000000.txt"));
    assert_int_equal(count_files(dir), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_gif_frames_merged_and_timed, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_gif_long_frame_split, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_gif_short_frame_time_carried, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_gif_empty_recording_is_blank, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_gif_errors, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_png_pixels, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_png_errors, make_dir, remove_dir),
        cmocka_unit_test(test_term_plain_exact),
        cmocka_unit_test(test_term_odd_height),
        cmocka_unit_test(test_term_colour),
        cmocka_unit_test(test_term_worst_case_fits),
        cmocka_unit_test(test_term_write),
        cmocka_unit_test(test_dump_format_exact),
        cmocka_unit_test(test_dump_round_trip_large),
        cmocka_unit_test(test_dump_parse_rejects),
        cmocka_unit_test_setup_teardown(test_dump_frame_file, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * bench_render.c - `make bench`: host time per frame of the firmware core
 * (scroll + render of the whole frame) at three display sizes, and the size
 * of each built-in font table. Figures, not pass/fail: run it on a quiet
 * machine and compare runs on the same machine.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tk_fonts.h"
#include "tk_ticker.h"

#define FRAMES 20000

static const char *const headlines[] = {
    "North Korea\xE2\x80\x99s Kim shows off banned missiles to Russia\xE2\x80\x99s defence chief",
    "Zelenskyy meets leaders in S\xC3\xA3o Paulo as \xC5\x81\xC3\xB3" "d\xC5\xBA hosts summit on grain exports",
    "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0: markets close higher after central bank holds rates at 16%",
    "Storm warnings issued for the coast as wind speeds reach 120 km/h \xE2\x80\x94 ferries cancelled",
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const uint8_t *font_named(const char *name)
{
    const tk_font_entry *f;
    for (f = tk_fonts_builtin; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f->data;
    return NULL;
}

/*
 * Mean nanoseconds per tk_ticker_frame at 50 fps of simulated time. With
 * full set, frames alternate between two buffers, which makes the ticker
 * redraw each one whole instead of drawing only what scrolled in.
 */
static double time_frames(uint16_t width, uint8_t height, const char *font_name, int full)
{
    static tk_ticker ticker;
    static tk_fb fbs[2];
    const uint8_t *font = font_named(font_name);
    unsigned i;
    uint32_t lit = 0;
    double start, elapsed;

    if (!font || tk_ticker_init(&ticker, font, width, height, 0) != TK_OK)
        return -1;
    tk_fb_init(&fbs[0], width, height);
    tk_fb_init(&fbs[1], width, height);
    for (i = 0; i < sizeof headlines / sizeof headlines[0]; i++) {
        tk_put put = { (uint16_t)(i + 1), 0, 0, 0, (const uint8_t *)headlines[i],
                       (uint16_t)strlen(headlines[i]) };
        tk_ticker_put(&ticker, &put, 0);
    }
    start = now_seconds();
    for (i = 0; i < FRAMES; i++) {
        tk_fb *fb = &fbs[full ? i % 2 : 0];
        tk_ticker_frame(&ticker, i * 20u, fb);
        lit += tk_fb_column(fb, (uint16_t)(i % width)); /* keep the work observable */
    }
    elapsed = now_seconds() - start;
    if (lit == 0)
        return -1; /* nothing was drawn: the figure would be meaningless */
    return elapsed * 1e9 / FRAMES;
}

int main(void)
{
    static const struct { uint16_t w; uint8_t h; const char *font; } sizes[] = {
        { 32, 8, "prop8" }, { 128, 8, "prop8" }, { 256, 16, "prop16" },
    };
    const tk_font_entry *f;
    size_t i;

    printf("bench_render: host time per frame at 50 fps, 24 px/s, %d frames each:\n"
           "  as run (only what scrolled in is drawn) and forced to redraw the whole frame\n",
           FRAMES);
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        double ns = time_frames(sizes[i].w, sizes[i].h, sizes[i].font, 0);
        double full = time_frames(sizes[i].w, sizes[i].h, sizes[i].font, 1);
        if (ns < 0 || full < 0) {
            fprintf(stderr, "bench_render: %ux%u with %s failed\n", sizes[i].w, sizes[i].h, sizes[i].font);
            return 1;
        }
        printf("  %3ux%-2u %-8s %7.0f ns/frame, %7.0f ns whole  (%.4f%% of a 20 ms frame)\n",
               sizes[i].w, sizes[i].h, sizes[i].font, ns, full, ns / 20e6 * 100.0);
    }
    printf("bench_render: font tables\n");
    for (f = tk_fonts_builtin; f->name; f++) {
        uint16_t glyphs = tk_font_glyph_count(f->data);
        uint16_t ranges = (uint16_t)(f->data[6] | (f->data[7] << 8));
        size_t checks = TK_FONT_CHECKPOINTS((size_t)glyphs);
        size_t header = TK_FONT_HEADER_BYTES + (size_t)ranges * TK_FONT_RANGE_BYTES +
                        checks * TK_FONT_CHECKPOINT_BYTES + (size_t)glyphs * TK_FONT_GLYPH_BYTES;
        /* The bitmap's columns: the last checkpoint's, then the glyphs after it. */
        const uint8_t *check = f->data + header - glyphs - TK_FONT_CHECKPOINT_BYTES;
        size_t bitmap = glyphs ? (size_t)(check[0] | (check[1] << 8)) : 0, g;
        for (g = (checks - 1) * TK_FONT_CHECKPOINT_EVERY; glyphs && g < glyphs; g++)
            bitmap += f->data[header - glyphs + g] & 0x0Fu;
        bitmap *= (tk_font_height(f->data) + 7u) / 8u;
        printf("  %-8s %2u rows %4u glyphs %3u ranges %6zu bytes (%zu index + %zu bitmap)\n",
               f->name, tk_font_height(f->data), glyphs, ranges, header + bitmap, header, bitmap);
    }
    return 0;
}

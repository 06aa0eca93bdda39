/* sim_png.c - PNG snapshot through libpng; see sim_png.h. */
#include "sim_png.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>

#include "sim_file.h"
#include "sim_led.h"

typedef struct png_ctx {
    char *err;
    size_t errlen;
} png_ctx;

static void on_png_error(png_structp png, png_const_charp msg)
{
    png_ctx *ctx = png_get_error_ptr(png);
    sim_errf(ctx->err, ctx->errlen, "libpng: %s", msg);
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* The setjmp lives here, apart from the caller's cleanup, so that no local
 * changed after setjmp is needed after a longjmp. */
static int encode(FILE *fp, const tk_fb *fb, const sim_led_cell *cell, uint8_t *row,
                  png_ctx *ctx)
{
    png_color pal[SIM_LED_COLOURS];
    png_structp png;
    png_infop info = NULL;
    unsigned y, i;

    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, ctx, on_png_error, on_png_warning);
    if (!png || !(info = png_create_info_struct(png))) {
        sim_errf(ctx->err, ctx->errlen, "libpng: out of memory");
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }

    for (i = 0; i < SIM_LED_COLOURS; i++) {
        pal[i].red = sim_led_palette[i].r;
        pal[i].green = sim_led_palette[i].g;
        pal[i].blue = sim_led_palette[i].b;
    }
    png_init_io(png, fp);
    png_set_IHDR(png, info, fb->width * cell->scale, fb->height * cell->scale, 8,
                 PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_PLTE(png, info, pal, SIM_LED_COLOURS);
    png_write_info(png, info);
    for (y = 0; y < (unsigned)fb->height * cell->scale; y++) {
        sim_led_row(cell, fb, y, row);
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 0;
}

int sim_png_write(const char *path, const tk_fb *fb, unsigned scale, char *err, size_t errlen)
{
    png_ctx ctx = { err, errlen };
    sim_led_cell cell;
    sim_file out;
    uint8_t *row = NULL;
    int rc = -1;

    if (sim_led_cell_init(&cell, scale) != 0) {
        sim_errf(err, errlen, "%s: scale %u is not 1..%d", path, scale, SIM_LED_MAX_SCALE);
        return -1;
    }
    row = malloc((size_t)fb->width * scale);
    if (!row) {
        sim_errf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    if (sim_file_open(&out, path, err, errlen) != 0)
        goto done;
    if (encode(out.fp, fb, &cell, row, &ctx) != 0) {
        sim_file_abort(&out);
        goto done;
    }
    rc = sim_file_commit(&out, err, errlen);
done:
    free(row);
    return rc;
}

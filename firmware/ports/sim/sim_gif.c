/* sim_gif.c - animated GIF recorder through giflib; see sim_gif.h. */
#include "sim_gif.h"

#include <gif_lib.h>
#include <stdlib.h>
#include <string.h>

#include "sim_file.h"
#include "sim_led.h"

/* Largest delay one GIF image can carry, in 1/100 s. */
#define GIF_MAX_CS 65535u

struct sim_gif {
    sim_file out;         /* temporary file being written */
    GifFileType *enc;     /* giflib encoder writing into out.fp */
    sim_led_cell cell;    /* dot shape for the scale */
    uint8_t *row;         /* one picture row, width * scale palette indices */
    tk_fb pending;        /* last frame given, not yet written */
    int has_pending;
    uint64_t pending_ms;  /* how long pending has been shown so far */
    uint64_t written_ms;  /* time covered by the frames before pending */
    uint64_t written_cs;  /* sum of the delays already in the file */
    unsigned images;      /* GIF images written */
    int failed;           /* a write failed: err holds why */
    char err[256];
};

static int write_out(GifFileType *enc, const GifByteType *buf, int len)
{
    sim_file *out = enc->UserData;
    return (int)fwrite(buf, 1, (size_t)len, out->fp);
}

static int fail(sim_gif *gif, const char *what, int code)
{
    if (!gif->failed)
        sim_errf(gif->err, sizeof gif->err, "%s: %s: %s", gif->out.path, what,
                 GifErrorString(code));
    gif->failed = 1;
    return -1;
}

static int put_loop_extension(GifFileType *enc)
{
    static const GifByteType loop[3] = { 1, 0, 0 }; /* sub-block 1, repeat 0 = forever */
    if (EGifPutExtensionLeader(enc, APPLICATION_EXT_FUNC_CODE) != GIF_OK
        || EGifPutExtensionBlock(enc, 11, "NETSCAPE2.0") != GIF_OK
        || EGifPutExtensionBlock(enc, sizeof loop, loop) != GIF_OK
        || EGifPutExtensionTrailer(enc) != GIF_OK)
        return -1;
    return 0;
}

static int put_image(sim_gif *gif, const tk_fb *fb, unsigned delay_cs)
{
    GraphicsControlBlock gcb = { DISPOSE_DO_NOT, false, (int)delay_cs, NO_TRANSPARENT_COLOR };
    GifByteType ext[4];
    int w = gif->enc->SWidth, h = gif->enc->SHeight, y;

    EGifGCBToExtension(&gcb, ext);
    if (EGifPutExtension(gif->enc, GRAPHICS_EXT_FUNC_CODE, sizeof ext, ext) != GIF_OK
        || EGifPutImageDesc(gif->enc, 0, 0, w, h, false, NULL) != GIF_OK)
        return fail(gif, "writing an image", gif->enc->Error);
    for (y = 0; y < h; y++) {
        sim_led_row(&gif->cell, fb, (unsigned)y, gif->row);
        if (EGifPutLine(gif->enc, gif->row, w) != GIF_OK)
            return fail(gif, "writing an image", gif->enc->Error);
    }
    gif->images++;
    return 0;
}

/* Writes the pending frame with the delay that brings the file's total
 * to the running total; must_show forces an image even at 0 delay. */
static int flush_pending(sim_gif *gif, int must_show)
{
    uint64_t end_ms = gif->written_ms + gif->pending_ms;
    uint64_t cs = (end_ms + 5) / 10 - gif->written_cs;

    if (!gif->has_pending)
        return 0;
    gif->has_pending = 0;
    gif->written_ms = end_ms;
    if (cs == 0 && !must_show)
        return 0;
    gif->written_cs += cs;
    while (cs > GIF_MAX_CS) {
        if (put_image(gif, &gif->pending, GIF_MAX_CS) != 0)
            return -1;
        cs -= GIF_MAX_CS;
    }
    return put_image(gif, &gif->pending, (unsigned)cs);
}

static int same_frame(const tk_fb *a, const tk_fb *b)
{
    uint16_t x;
    if (a->width != b->width || a->height != b->height)
        return 0;
    for (x = 0; x < a->width; x++)
        if (tk_fb_column(a, x) != tk_fb_column(b, x))
            return 0;
    return 1;
}

sim_gif *sim_gif_open(const char *path, uint16_t width, uint8_t height, unsigned scale,
                      char *err, size_t errlen)
{
    ColorMapObject *map = NULL;
    sim_gif *gif;
    int code, i;

    gif = calloc(1, sizeof *gif);
    if (!gif) {
        sim_errf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    if (tk_fb_init(&gif->pending, width, height) != 0
        || sim_led_cell_init(&gif->cell, scale) != 0) {
        sim_errf(err, errlen, "%s: cannot record %ux%u at scale %u (max %ux%u, scale 1..%d)",
                 path, (unsigned)width, (unsigned)height, scale, TK_FB_MAX_WIDTH,
                 TK_FB_MAX_HEIGHT, SIM_LED_MAX_SCALE);
        free(gif);
        return NULL;
    }
    gif->row = malloc((size_t)width * scale);
    if (!gif->row) {
        sim_errf(err, errlen, "%s: out of memory", path);
        free(gif);
        return NULL;
    }
    if (sim_file_open(&gif->out, path, err, errlen) != 0) {
        free(gif->row);
        free(gif);
        return NULL;
    }

    /* GIF colour tables hold a power of two entries: 8 covers the LED colours. */
    map = GifMakeMapObject(8, NULL);
    gif->enc = EGifOpen(&gif->out, write_out, &code);
    if (!map || !gif->enc) {
        sim_errf(err, errlen, "%s: %s", path, map ? GifErrorString(code) : "out of memory");
        goto fail;
    }
    for (i = 0; i < SIM_LED_COLOURS; i++) {
        map->Colors[i].Red = sim_led_palette[i].r;
        map->Colors[i].Green = sim_led_palette[i].g;
        map->Colors[i].Blue = sim_led_palette[i].b;
    }
    EGifSetGifVersion(gif->enc, true);
    if (EGifPutScreenDesc(gif->enc, (int)(width * scale), (int)(height * scale), 8,
                          SIM_LED_BG, map) != GIF_OK
        || put_loop_extension(gif->enc) != 0) {
        sim_errf(err, errlen, "%s: %s", path, GifErrorString(gif->enc->Error));
        goto fail;
    }
    GifFreeMapObject(map);
    return gif;

fail:
    GifFreeMapObject(map);
    if (gif->enc)
        EGifCloseFile(gif->enc, &code);
    sim_file_abort(&gif->out);
    free(gif->row);
    free(gif);
    return NULL;
}

int sim_gif_frame(sim_gif *gif, const tk_fb *fb, unsigned delay_ms)
{
    if (gif->failed)
        return -1;
    if (fb->width != gif->pending.width || fb->height != gif->pending.height) {
        sim_errf(gif->err, sizeof gif->err, "%s: frame is %ux%u, recording is %ux%u",
                 gif->out.path, (unsigned)fb->width, (unsigned)fb->height,
                 (unsigned)gif->pending.width, (unsigned)gif->pending.height);
        gif->failed = 1;
        return -1;
    }
    if (gif->has_pending && same_frame(&gif->pending, fb)) {
        gif->pending_ms += delay_ms;
        return 0;
    }
    if (flush_pending(gif, 0) != 0)
        return -1;
    gif->pending = *fb;
    gif->pending_ms = delay_ms;
    gif->has_pending = 1;
    return 0;
}

int sim_gif_close(sim_gif *gif, char *err, size_t errlen)
{
    int code = 0, rc = -1;

    if (!gif->failed) {
        /* An empty recording still needs one image to be a valid picture:
         * then pending is the blank frame sim_gif_open made. */
        gif->has_pending = 1;
        flush_pending(gif, gif->images == 0);
    }
    if (EGifCloseFile(gif->enc, &code) != GIF_OK && !gif->failed)
        fail(gif, "finishing", code);
    if (gif->failed) {
        sim_errf(err, errlen, "%s", gif->err);
        sim_file_abort(&gif->out);
    } else {
        rc = sim_file_commit(&gif->out, err, errlen);
    }
    free(gif->row);
    free(gif);
    return rc;
}

/* sim_display.c - see sim_display.h. */
#include "sim_display.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim_dump.h"
#include "sim_png.h"
#include "sim_term.h"

/* Creates dir (one level) when it does not exist yet. */
static int ensure_dir(sim_display *d, const char *dir)
{
    if (!dir || mkdir(dir, 0777) == 0 || errno == EEXIST)
        return 0;
    snprintf(d->err, sizeof d->err, "cannot create %s: %s", dir, strerror(errno));
    return -1;
}

static int display_init(void *ctx, uint16_t width, uint8_t height)
{
    sim_display *d = ctx;

    d->gif = NULL;
    d->term_buf = NULL;
    d->frame_index = 0;
    if (ensure_dir(d, d->dump_dir) != 0 || ensure_dir(d, d->png_dir) != 0)
        return -1;
    if (d->term_fd >= 0) {
        d->term_cap = sim_term_max_bytes(width, height, d->colour);
        d->term_buf = malloc(d->term_cap);
        if (!d->term_buf) {
            snprintf(d->err, sizeof d->err, "out of memory for the terminal view");
            return -1;
        }
    }
    if (d->gif_path) {
        d->gif = sim_gif_open(d->gif_path, width, height, d->scale, d->err, sizeof d->err);
        if (!d->gif) {
            free(d->term_buf);
            d->term_buf = NULL;
            return -1;
        }
    }
    return 0;
}

static void display_brightness(void *ctx, uint8_t level)
{
    sim_display *d = ctx;
    d->brightness = level;
}

static int display_flush(void *ctx, const tk_fb *fb, uint32_t now_ms)
{
    sim_display *d = ctx;
    unsigned index = d->frame_index++;

    if (d->term_buf) {
        size_t n = sim_term_render(fb, d->colour, d->term_buf, d->term_cap);
        if (n == 0 || sim_term_write(d->term_fd, d->term_buf, n) != 0) {
            snprintf(d->err, sizeof d->err, "cannot write the terminal view");
            return -1;
        }
    }
    if (d->gif && sim_gif_frame(d->gif, fb, d->frame_ms) != 0) {
        snprintf(d->err, sizeof d->err, "cannot add a frame to %s", d->gif_path);
        return -1;
    }
    if (d->dump_dir && sim_dump_frame(d->dump_dir, index, now_ms, fb, d->err, sizeof d->err) != 0)
        return -1;
    if (d->png_dir && d->png_every > 0 && index % d->png_every == 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/frame-%06u.png", d->png_dir, index);
        if (sim_png_write(path, fb, d->scale, d->err, sizeof d->err) != 0)
            return -1;
    }
    return 0;
}

int sim_display_close(sim_display *d)
{
    int rc = 0;
    if (d->gif && sim_gif_close(d->gif, d->err, sizeof d->err) != 0)
        rc = -1;
    d->gif = NULL;
    free(d->term_buf);
    d->term_buf = NULL;
    return rc;
}

const tk_display_ops sim_display_ops = {
    display_init,
    display_brightness,
    display_flush,
};

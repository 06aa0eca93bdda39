/* sim_dump.c - the text frame format; see sim_dump.h for its definition. */
#include "sim_dump.h"

#include <stdio.h>
#include <string.h>

#include "sim_file.h"

int sim_dump_format(const tk_fb *fb, uint32_t t_ms, char *out, size_t cap)
{
    size_t need;
    int len;
    uint16_t x;
    uint8_t y;

    len = snprintf(out, cap, "t=%lu w=%u h=%u\n", (unsigned long)t_ms, (unsigned)fb->width,
                   (unsigned)fb->height);
    if (len < 0)
        return -1;
    need = (size_t)len + (size_t)fb->height * ((size_t)fb->width + 1);
    if (need >= cap)
        return -1;
    for (y = 0; y < fb->height; y++) {
        for (x = 0; x < fb->width; x++)
            out[len++] = tk_fb_pixel(fb, x, y) ? '#' : '.';
        out[len++] = '\n';
    }
    out[len] = '\0';
    return len;
}

/*
 * Reads "<key><decimal><end>" at *pos: no sign, no leading zero, value in
 * min..max. Advances *pos past end; returns 0, or -1.
 */
static int parse_field(const char *text, size_t len, size_t *pos, const char *key,
                       uint32_t min, uint32_t max, char end, uint32_t *value)
{
    size_t klen = strlen(key), p = *pos, digits = 0;
    uint64_t v = 0;

    if (len - p < klen || memcmp(text + p, key, klen) != 0)
        return -1;
    p += klen;
    while (p < len && text[p] >= '0' && text[p] <= '9') {
        v = v * 10 + (uint64_t)(text[p] - '0');
        if (v > max)
            return -1;
        digits++;
        p++;
    }
    if (digits == 0 || (digits > 1 && text[*pos + klen] == '0') || v < min)
        return -1;
    if (p >= len || text[p] != end)
        return -1;
    *pos = p + 1;
    *value = (uint32_t)v;
    return 0;
}

int sim_dump_parse(const char *text, size_t len, tk_fb *fb, uint32_t *t_ms)
{
    uint32_t t, w, h;
    size_t pos = 0;
    uint16_t x;
    uint8_t y;
    tk_fb frame;

    if (parse_field(text, len, &pos, "t=", 0, UINT32_MAX, ' ', &t) != 0
        || parse_field(text, len, &pos, "w=", 1, TK_FB_MAX_WIDTH, ' ', &w) != 0
        || parse_field(text, len, &pos, "h=", 1, TK_FB_MAX_HEIGHT, '\n', &h) != 0)
        return -1;
    if (len - pos != (size_t)h * (w + 1) || tk_fb_init(&frame, (uint16_t)w, (uint8_t)h) != 0)
        return -1;
    for (y = 0; y < h; y++) {
        for (x = 0; x < w; x++) {
            char c = text[pos++];
            if (c != '#' && c != '.')
                return -1;
            tk_fb_set_pixel(&frame, x, y, c == '#');
        }
        if (text[pos++] != '\n')
            return -1;
    }
    *fb = frame;
    *t_ms = t;
    return 0;
}

int sim_dump_frame(const char *dir, unsigned index, uint32_t t_ms, const tk_fb *fb,
                   char *err, size_t errlen)
{
    char path[SIM_FILE_PATH_MAX + 1];
    char text[SIM_DUMP_MAX_BYTES + 1];
    sim_file out;
    int n, len;

    if (index > SIM_DUMP_MAX_INDEX) {
        sim_errf(err, errlen, "%s: frame index %u is past %u", dir, index, SIM_DUMP_MAX_INDEX);
        return -1;
    }
    n = snprintf(path, sizeof path, "%s/frame-%06u.txt", dir, index);
    if (n < 0 || (size_t)n >= sizeof path) {
        sim_errf(err, errlen, "%s: directory name too long", dir);
        return -1;
    }
    len = sim_dump_format(fb, t_ms, text, sizeof text);
    if (len < 0) {
        sim_errf(err, errlen, "%s: frame does not fit the text buffer", path);
        return -1;
    }
    if (sim_file_open(&out, path, err, errlen) != 0)
        return -1;
    if (fwrite(text, 1, (size_t)len, out.fp) != (size_t)len) {
        sim_file_abort(&out);
        sim_errf(err, errlen, "%s: write failed", path);
        return -1;
    }
    return sim_file_commit(&out, err, errlen);
}

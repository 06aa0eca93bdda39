/* tk_test.c - see tk_test.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "tk_fonts.h"
#include "tk_test.h"

const uint8_t *tk_test_font(const char *name)
{
    const tk_font_entry *f;
    for (f = tk_fonts_builtin; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f->data;
    fail_msg("no built-in font '%s'", name);
    return NULL;
}

int tk_test_compile_bdf(void **state, const char *bdf)
{
    static bdfc_font font;
    char err[256];
    *state = &font;
    if (bdfc_compile(bdf, strlen(bdf), "inline", &font, err, sizeof err) == 0)
        return 0;
    print_error("%s\n", err);
    return -1;
}

int tk_test_free_bdf(void **state)
{
    bdfc_free(*state);
    return 0;
}

tk_err tk_test_put(tk_ticker *t, uint16_t id, const char *text, uint8_t flags, uint32_t now_ms)
{
    tk_put put;
    put.id = id;
    put.flags = flags;
    put.passes = 0;
    put.ttl_s = 0;
    put.text = (const uint8_t *)text;
    put.len = (uint16_t)strlen(text);
    return tk_ticker_put(t, &put, now_ms);
}

void tk_test_run(tk_ticker *t, tk_fb *fb, uint32_t *now_ms, uint32_t until_ms, uint32_t period_ms)
{
    while ((int32_t)(until_ms - *now_ms) > 0) {
        *now_ms += period_ms;
        tk_ticker_frame(t, *now_ms, fb);
    }
}

int tk_test_head_id(const tk_ticker *t)
{
    int8_t slot;
    if (t->marquee.count == 0)
        return -1;
    slot = t->marquee.seg[0].slot;
    return slot >= 0 ? t->queue.slot[slot].id : -1;
}

int tk_test_any_lit(const tk_fb *fb, uint16_t x0, uint16_t x1)
{
    uint16_t x;
    for (x = x0; x < x1 && x < fb->width; x++)
        if (tk_fb_column(fb, x))
            return 1;
    return 0;
}

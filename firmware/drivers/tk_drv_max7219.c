/*
 * tk_drv_max7219.c - a chain of MAX7219 8x8 LED matrix modules (FC-16 and
 * the like) as a tk_display: Maxim MAX7219/MAX7221 "Serially Interfaced,
 * 8-Digit LED Display Drivers" datasheet, rev. 4 (register map: table 2;
 * serial timing: figure 1, up to 10 MHz; daisy-chaining through DOUT).
 *
 * Each module takes a 16-bit word, register then data, and passes the
 * previous word on to the next module; one chip-select rising edge latches
 * all of them. So one latch writes the same register of every module: a
 * digit register (one row or column of each module) for the whole chain,
 * or a control register. The driver uses no-decode mode (each data bit is
 * one LED), scan limit 7 (all 8 digits), and intensity 0..15 from the
 * ticker's brightness.
 *
 * The frame buffer is kept in the modules' own order (tk_fb.h): row-major
 * for FC-16 modules (TK_FB_ROW_MAJOR, bit 7 the leftmost column), so a
 * digit's data for the whole chain is one row's bytes as they are; column-
 * major for generic modules, whose digits are columns. Per frame it latches
 * only the digits whose rows the frame changed (fb->changed): a still
 * display costs no SPI traffic, and no copy of the last frame is kept.
 *
 * Limits:
 *   - 8-row displays only: one module high; modules are not stacked into
 *     taller displays (no cascaded rows). The display is exactly
 *     8 * TK_MAX7219_MODULES wide; init refuses anything else.
 *   - At most 32 modules; at 8 MHz SPI a full update of 16 is 256 bytes.
 *   - Write only: DOUT of the last module is not read back, so a module
 *     that lost its settings (a supply dip, a glitch on CLK or CS in a long
 *     chain: it may fall into shutdown, display test or BCD decode, or show
 *     garbage) cannot be detected. Instead every register of every module
 *     is rewritten every REFRESH_MS, one register per frame so that no
 *     frame pays for all of them: a glitch heals within about 2.3 s.
 *   - Intensity is one setting for the whole chain.
 *   - Generic modules (TK_MAX7219_ROTATE 1): a digit is a column, and the
 *     frame buffer only records changed rows, so a frame that changed
 *     anything latches all 8 digits.
 */
#include "tk_drv_max7219.h"
#include "tk_hal.h"
#include "tk_max7219_layout.h"

#if TK_FB_MAX_HEIGHT > 8
#error "tk_drv_max7219 drives 8-row displays: set TK_FB_MAX_HEIGHT to 8."
#endif
#if TK_FB_ROW_MAJOR != (TK_MAX7219_ROTATE == 0)
#error "tk_drv_max7219 needs TK_FB_ROW_MAJOR 1 for FC-16 modules (TK_MAX7219_ROTATE 0), else 0."
#endif
#if TK_FB_MAX_WIDTH != 8 * TK_MAX7219_MODULES
#error "tk_drv_max7219 needs TK_FB_MAX_WIDTH of 8 * TK_MAX7219_MODULES: a row is the chain's bytes."
#endif

#define N TK_MAX7219_MODULES
#define REFRESH_MS 2000u
/* Refresh steps: the control registers, then the 8 digits. */
#define REFRESH_CONTROLS 5u
#define REFRESH_STEPS (REFRESH_CONTROLS + 8u)
#define REFRESH_IDLE 0xFFu

/* One latch: the same register of every module, farthest module (the
   leftmost) first; data[0] is its byte, the next module's is stride on
   (stride 0: the same for all). The next byte is fetched while the last
   one shifts out. */
static void latch(uint8_t reg, const uint8_t *data, uint8_t stride)
{
    uint8_t i;
    tk_hal_spi_begin();
    for (i = 0; i < N; i++, data += stride) {
        tk_hal_spi_byte(reg);
        tk_hal_spi_byte(*data);
    }
    tk_hal_spi_end();
}

static void latch_all(uint8_t reg, uint8_t value)
{
    latch(reg, &value, 0);
}

/* Control register number i (0..REFRESH_CONTROLS-1) gets its value. */
static void write_control(const tk_max7219 *p, uint8_t i)
{
    switch (i) {
    case 0: latch_all(TK_MAX7219_TEST, 0); break;
    case 1: latch_all(TK_MAX7219_DECODE, 0); break;
    case 2: latch_all(TK_MAX7219_SCAN_LIMIT, 7); break;
    case 3: latch_all(TK_MAX7219_INTENSITY, p->intensity); break;
    default: latch_all(TK_MAX7219_SHUTDOWN, 1); break;
    }
}

static int max7219_init(void *ctx, uint16_t width, uint8_t height)
{
    tk_max7219 *p = ctx;
    uint8_t d;
    if (width != TK_MAX7219_WIDTH || height != 8)
        return -1;
    tk_hal_spi_init();
    p->intensity = 0;
    p->refresh_step = REFRESH_IDLE;
    p->refresh_ms = 0;
    /* Blank digits before leaving shutdown, so power-up garbage never shows. */
    for (d = 0; d < REFRESH_CONTROLS - 1u; d++)
        write_control(p, d);
    for (d = 0; d < 8; d++)
        latch_all(TK_MAX7219_DIGIT(d), 0);
    write_control(p, REFRESH_CONTROLS - 1u);
    return 0;
}

static void max7219_brightness(void *ctx, uint8_t level)
{
    tk_max7219 *p = ctx;
    p->intensity = level > 15 ? 15 : level;
    latch_all(TK_MAX7219_INTENSITY, p->intensity);
}

/* Digits due for their periodic rewrite, as a bit mask; a control
   register due is written here. */
static uint8_t refresh_due(tk_max7219 *p, uint32_t now_ms)
{
    uint8_t step;
    if (p->refresh_step == REFRESH_IDLE) {
        if ((uint16_t)((uint16_t)now_ms - p->refresh_ms) < REFRESH_MS)
            return 0;
        p->refresh_ms = (uint16_t)now_ms;
        p->refresh_step = 0;
    }
    step = p->refresh_step++;
    if (p->refresh_step == REFRESH_STEPS)
        p->refresh_step = REFRESH_IDLE;
    if (step < REFRESH_CONTROLS) {
        write_control(p, step);
        return 0;
    }
    return (uint8_t)(1u << (step - REFRESH_CONTROLS));
}

/* Latches digit d of every module from the frame buffer. */
static void latch_digit(const tk_fb *fb, uint8_t d)
{
#if TK_MAX7219_ROTATE == 0
    latch(TK_MAX7219_DIGIT(d), &fb->px[d * TK_FB_STRIDE], 1);
#else
    latch(TK_MAX7219_DIGIT(d), &fb->px[d], 8);
#endif
}

static int max7219_flush(void *ctx, const tk_fb *fb, uint32_t now_ms)
{
    uint8_t digits = refresh_due(ctx, now_ms), d;
#if TK_MAX7219_ROTATE == 0
    digits |= (uint8_t)fb->changed;
#else
    if (fb->changed)
        digits = 0xFFu;
#endif
    for (d = 0; d < 8; d++, digits >>= 1)
        if (digits & 1u)
            latch_digit(fb, d);
    return 0;
}

const tk_display_ops tk_drv_max7219_ops = {
    max7219_init,
    max7219_brightness,
    max7219_flush,
};

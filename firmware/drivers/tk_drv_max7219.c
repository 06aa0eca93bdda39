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
 * Per frame it converts the frame buffer into digit data module by module
 * (tk_max7219_layout.h), compares with what it last sent, and latches only
 * the digits that changed: a still display costs no SPI traffic. A frame
 * the ticker reports unchanged is not even converted: the port calls
 * tk_drv_max7219_refresh instead, which only does the periodic rewrite.
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
 */
#include "tk_drv_max7219.h"
#include "tk_hal.h"
#include "tk_max7219_layout.h"

#if TK_FB_MAX_HEIGHT > 8
#error "tk_drv_max7219 drives 8-row displays: set TK_FB_MAX_HEIGHT to 8."
#endif

#define N TK_MAX7219_MODULES
#define REFRESH_MS 2000u
/* Refresh steps: the control registers, then the 8 digits. */
#define REFRESH_CONTROLS 5u
#define REFRESH_STEPS (REFRESH_CONTROLS + 8u)
#define REFRESH_IDLE 0xFFu

/* One latch: the same register of every module, farthest module first;
   module m's data is data[m * stride] (stride 0: the same for all). The
   next byte is fetched while the last one shifts out. */
static void latch(uint8_t reg, const uint8_t *data, uint8_t stride)
{
    uint8_t i;
    data += (N - 1) * stride;
    tk_hal_spi_begin();
    for (i = 0; i < N; i++, data -= stride) {
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
    uint8_t d, m;
    if (width != TK_MAX7219_WIDTH || height != 8)
        return -1;
    tk_hal_spi_init();
    p->intensity = 0;
    p->refresh_step = REFRESH_IDLE;
    p->refresh_ms = 0;
    /* Blank digits before leaving shutdown, so power-up garbage never shows. */
    for (d = 0; d < REFRESH_CONTROLS - 1u; d++)
        write_control(p, d);
    for (m = 0; m < N; m++)
        for (d = 0; d < 8; d++)
            p->shown[m][d] = 0;
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

static void latch_changed(const tk_max7219 *p, uint8_t changed)
{
    uint8_t d;
    for (d = 0; d < 8; d++, changed >>= 1)
        if (changed & 1u)
            latch(TK_MAX7219_DIGIT(d), &p->shown[0][d], 8);
}

/* Stores v as sent when it differs: 1 when it did. */
static inline uint8_t differs(uint8_t *shown, uint8_t v)
{
    if (*shown == v)
        return 0;
    *shown = v;
    return 1;
}

void tk_drv_max7219_refresh(tk_max7219 *p, uint32_t now_ms)
{
    latch_changed(p, refresh_due(p, now_ms));
}

static int max7219_flush(void *ctx, const tk_fb *fb, uint32_t now_ms)
{
    tk_max7219 *p = ctx;
    uint8_t changed = refresh_due(p, now_ms);
    const uint8_t *col = &fb->px[tk_max7219_module_x(N, 0)];
    uint8_t m;

    /* Module 0 shows the rightmost columns: walk the modules right to left.
       The 8 comparisons are written out so that the digits stay in
       registers: this runs for every module of every frame that moved. */
    for (m = 0; m < N; m++, col -= 8) {
        uint8_t digit[8];
        uint8_t *shown = p->shown[m];
        tk_max7219_module_digits(col, digit);
        changed |= differs(&shown[0], digit[0]);
        changed |= (uint8_t)(differs(&shown[1], digit[1]) << 1);
        changed |= (uint8_t)(differs(&shown[2], digit[2]) << 2);
        changed |= (uint8_t)(differs(&shown[3], digit[3]) << 3);
        changed |= (uint8_t)(differs(&shown[4], digit[4]) << 4);
        changed |= (uint8_t)(differs(&shown[5], digit[5]) << 5);
        changed |= (uint8_t)(differs(&shown[6], digit[6]) << 6);
        changed |= (uint8_t)(differs(&shown[7], digit[7]) << 7);
    }
    latch_changed(p, changed);
    return 0;
}

const tk_display_ops tk_drv_max7219_ops = {
    max7219_init,
    max7219_brightness,
    max7219_flush,
};

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
 * the digits that changed: a still display costs no SPI traffic.
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

/* One latch: the same register of every module, farthest module first,
   data[m] for module m. */
static void latch(uint8_t reg, const uint8_t data[N])
{
    uint8_t buf[2 * N];
    uint8_t i;
    for (i = 0; i < N; i++) {
        buf[2 * i] = reg;
        buf[2 * i + 1] = data[N - 1 - i];
    }
    tk_hal_spi_send(buf, sizeof buf);
}

static void latch_all(uint8_t reg, uint8_t value)
{
    uint8_t data[N];
    uint8_t i;
    for (i = 0; i < N; i++)
        data[i] = value;
    latch(reg, data);
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
    for (d = 0; d < 8; d++) {
        for (m = 0; m < N; m++)
            p->shown[d][m] = 0;
        latch(TK_MAX7219_DIGIT(d), p->shown[d]);
    }
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
        if (now_ms - p->refresh_ms < REFRESH_MS)
            return 0;
        p->refresh_ms = now_ms;
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

static int max7219_flush(void *ctx, const tk_fb *fb, uint32_t now_ms)
{
    tk_max7219 *p = ctx;
    uint8_t changed = refresh_due(p, now_ms);
    uint8_t m, d;

    for (m = 0; m < N; m++) {
        uint8_t digit[8];
        tk_max7219_module_digits(&fb->px[tk_max7219_module_x(N, m)], digit);
        for (d = 0; d < 8; d++) {
            if (digit[d] != p->shown[d][m]) {
                p->shown[d][m] = digit[d];
                changed |= (uint8_t)(1u << d);
            }
        }
    }
    for (d = 0; d < 8; d++)
        if (changed & (1u << d))
            latch(TK_MAX7219_DIGIT(d), p->shown[d]);
    return 0;
}

const tk_display_ops tk_drv_max7219_ops = {
    max7219_init,
    max7219_brightness,
    max7219_flush,
};

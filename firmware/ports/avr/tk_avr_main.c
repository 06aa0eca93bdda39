/*
 * tk_avr_main.c - the reference board's firmware: the main loop that ties
 * the UART, the ticker, the device end of the link and the MAX7219 chain
 * together. Nothing blocks: each pass of the loop does one thing that is
 * due, a frame first, then one received byte, then one byte out.
 *
 * Timing: a frame every FRAME_MS (frame k at k * FRAME_MS after start),
 * its work (ticker frame, render, driver flush) marked by PB0 high. Bytes
 * from the host are applied between frames, stamped with the time of the
 * frame that will first show them, as ticker-sim does when it replays a
 * timed script: the same session draws the same frames on both.
 */
#include <avr/eeprom.h>
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>
#include <avr/wdt.h>

#include "tk_avr.h"
#include "tk_device.h"
#include "tk_drv_max7219.h"
#include "tk_hal.h"
#include "tk_ticker.h"

#define FRAME_MS 20u

extern const uint8_t tk_font_prop8[] TK_FONT_STORAGE;

static tk_ticker ticker;
/* Not cleared by the C start-up (tk_device_init sets every field): after a
   reset its boot id is still the last one, at power-on it is RAM noise;
   either way the seed of the next. */
static tk_device device __attribute__((section(".noinit")));
static tk_fb fb;
static tk_max7219 panel;
static const tk_display display = { &tk_drv_max7219_ops, &panel };

/* Resets so far, one EEPROM byte: it makes each boot id differ from the last
   one even when RAM holds its value across the reset. */
static uint8_t EEMEM reset_count;

/*
 * A new boot id at every start: RAM's power-on noise (or, after a reset,
 * the last id) with the reset counter added in its top byte, then stepped
 * by an odd constant: after a reset with RAM kept the id moves on by that
 * constant plus the count, and after power-up the count tells apart two
 * starts whose RAM woke up alike. The counter is written without waiting;
 * the EEPROM finishes it in the background (about 100,000 resets before
 * the cell wears).
 */
static uint32_t make_boot_id(void)
{
    uint8_t count = (uint8_t)(eeprom_read_byte(&reset_count) + 1u);
    eeprom_write_byte(&reset_count, count);
    return device.boot_id + ((uint32_t)count << 24) + 0x9E3779B9UL;
}

/* The watchdog stays armed after it fired: it is turned off before the
   C start-up could run into it, and armed again in main. */
void tk_avr_wdt_off(void) __attribute__((naked, used, section(".init3")));
void tk_avr_wdt_off(void)
{
    MCUSR = 0;
    wdt_disable();
}

/* One frame at its nominal time; late when it starts a period or more
   after that. */
static void frame(uint32_t when, uint32_t now, uint8_t *brightness)
{
    uint16_t start = tk_avr_micros(), end;

    TK_AVR_MARKER_ON();
    tk_ticker_frame(&ticker, when, &fb);
    if (ticker.set.brightness != *brightness) {
        *brightness = ticker.set.brightness;
        display.ops->brightness(display.ctx, *brightness);
    }
    /* Sends the rows the frame changed (none when it is as it was) and
       the chain's periodic register rewrite. */
    display.ops->flush(display.ctx, &fb, when);
    TK_AVR_MARKER_OFF();
    end = tk_avr_micros();
    tk_device_frame_timing(&device, (uint16_t)(end - start), now - when >= FRAME_MS);
}

/* Hands one waiting reply byte to the UART when it can take it. */
static void send_one(void)
{
    uint8_t byte = 0;
    if (!tk_hal_uart_writable())
        return;
    tk_device_poll(&device);
    if (tk_device_output(&device, &byte, 1) == 1)
        tk_hal_uart_write(byte);
}

int main(void)
{
    uint32_t next_frame = 0;
    uint8_t brightness, byte = 0;
    uint8_t held = 0; /* 1: byte is from the ring, not yet taken */

    tk_avr_marker_init();
    if (tk_ticker_init(&ticker, tk_font_prop8, TK_MAX7219_WIDTH, 8, 0) != TK_OK ||
        tk_fb_init(&fb, TK_MAX7219_WIDTH, 8) != 0 ||
        display.ops->init(display.ctx, TK_MAX7219_WIDTH, 8) != 0) {
        /* A broken build (font, sizes), not a run-time condition: stop
           with the marker high, where a scope shows it at once. */
        TK_AVR_MARKER_ON();
        sleep_mode();
    }
    wdt_enable(WDTO_1S);
    tk_hal_uart_init();
    tk_device_init(&device, &ticker, make_boot_id());
    brightness = ticker.set.brightness;
    display.ops->brightness(display.ctx, brightness);
    tk_avr_tick_init();
    sei();

    for (;;) {
        uint32_t now = tk_hal_millis();

        wdt_reset();
        if ((int32_t)(now - next_frame) >= 0) {
            frame(next_frame, now, &brightness);
            /* Whole periods missed are skipped, not drawn in a burst (a
               loop: it is rare, and a 32-bit division costs flash). */
            do
                next_frame += FRAME_MS;
            while ((int32_t)(now - next_frame) >= 0);
        } else if ((held || (held = (uint8_t)tk_hal_uart_read(&byte)) != 0) &&
                   tk_device_rx(&device, byte, next_frame)) {
            held = 0;
        } else {
            /* Nothing received, or the device sends before it takes the
               byte (tk_device.h), which waits in `byte` meanwhile. */
            send_one();
        }
        device.rx_errors = (uint16_t)(device.rx_errors + tk_hal_uart_take_errors());
    }
}

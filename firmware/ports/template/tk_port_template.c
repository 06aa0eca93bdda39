/*
 * tk_port_template.c - the functions a new port must supply, as stubs.
 *
 * Copy this folder to ports/<board>, fill in each function for the chip,
 * write a main loop like ports/avr/tk_avr_main.c (bytes in, frames on a
 * fixed period, replies out), and pick a display driver (a tk_display_ops
 * table, see tk_display.h; firmware/drivers has one for MAX7219 chains).
 * The core never names a chip: everything it needs from the hardware is
 * here. tk_hal.h says what each function must do. This file is not built.
 */
#include "tk_hal.h"

uint32_t tk_hal_millis(void)
{
    /* Return a free-running millisecond counter, e.g. from a timer tick. */
    return 0;
}

void tk_hal_uart_init(void)
{
    /* Set the baud rate and 8N1; buffer received bytes, e.g. from the RX
       interrupt into a ring large enough for what arrives during a frame. */
}

int tk_hal_uart_read(uint8_t *byte)
{
    /* Take the oldest byte from the receive buffer. */
    (void)byte;
    return 0;
}

uint16_t tk_hal_uart_take_errors(void)
{
    /* Return and reset the count of framing, overrun and overflow errors. */
    return 0;
}

int tk_hal_uart_writable(void)
{
    /* Return 1 when the transmitter can take a byte without waiting. */
    return 0;
}

void tk_hal_uart_write(uint8_t byte)
{
    /* Put byte into the transmit register. */
    (void)byte;
}

void tk_hal_spi_init(void)
{
    /* SPI master, mode 0, MSB first, as fast as the display allows
       (the MAX7219 takes up to 10 MHz); chip select high (idle). */
}

void tk_hal_spi_begin(void)
{
    /* Chip select low. */
}

void tk_hal_spi_byte(uint8_t byte)
{
    /* Wait until the byte before (if any) is out, then start this one
       and return without waiting for it. */
    (void)byte;
}

void tk_hal_spi_end(void)
{
    /* Wait until the last byte is out, then chip select high. */
}

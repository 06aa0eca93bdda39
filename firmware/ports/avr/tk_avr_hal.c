/*
 * tk_avr_hal.c - the port for the reference board: ATmega328P at 16 MHz
 * (Arduino Uno/Nano). Implements tk_hal.h: the 1 kHz tick (Timer0), the
 * UART (USART0, 115200 8N1) and the SPI master (8 MHz) for the display.
 *
 * Received bytes go from the RX interrupt into a ring that the main loop
 * empties. At 115200 baud a byte arrives every 86.8 us (1389 cycles); the
 * ring must hold what arrives while the main loop is busy elsewhere: a
 * frame's work (a few thousand cycles, under 10 bytes) plus applying one
 * whole protocol frame that just completed (measuring an item part's
 * text, at most 42 bytes of it, see tk_items.c), or sending
 * an answer from the device's one buffer while it holds the next byte
 * back (tk_device.h). TK_AVR_RX_RING (tk_avr_config.h) bytes hold that.
 */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

#include "tk_avr.h"
#include "tk_hal.h"

#define BAUD_UBRR 16 /* 115200 baud with U2X0: 16 MHz / (8 * (16 + 1)) = 117647, +2.1% */
#define RX_MASK (TK_AVR_RX_RING - 1u)

static volatile uint32_t millis;
static uint8_t rx_ring[TK_AVR_RX_RING];
static volatile uint8_t rx_head;      /* written by the ISR only */
static volatile uint8_t rx_tail;      /* written by the main loop only */
static volatile uint8_t rx_errors;    /* framing, overrun and ring-full, saturating */

ISR(TIMER0_COMPA_vect)
{
    millis++;
}

/* Kept short: it runs in the middle of frame work, which is timed. */
ISR(USART_RX_vect)
{
    uint8_t status = UCSR0A;
    uint8_t byte = UDR0;
    uint8_t head = rx_head;
    uint8_t next = (uint8_t)((head + 1u) & RX_MASK);

    if ((status & (_BV(FE0) | _BV(DOR0))) || next == rx_tail) {
        if (rx_errors != 0xFFu)
            rx_errors++;
        if (next == rx_tail)
            return; /* the byte is lost; the decoder's CRC will notice */
    }
    rx_ring[head] = byte;
    rx_head = next;
}

uint32_t tk_hal_millis(void)
{
    uint32_t ms;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
        ms = millis;
    }
    return ms;
}

/* Timer0 in CTC mode: 16 MHz / 64 / (249 + 1) = 1 kHz. */
void tk_avr_tick_init(void)
{
    TCCR0A = _BV(WGM01);
    OCR0A = 249;
    TCNT0 = 0;
    TIFR0 = _BV(OCF0A);
    TIMSK0 = _BV(OCIE0A);
    TCCR0B = _BV(CS01) | _BV(CS00);
}

uint16_t tk_avr_micros(void)
{
    uint16_t ms;
    uint8_t ticks;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
        ms = (uint16_t)millis;
        ticks = TCNT0;
        /* The compare matched but its interrupt is still pending. */
        if ((TIFR0 & _BV(OCF0A)) && ticks < 125u)
            ms++;
    }
    return (uint16_t)(ms * 1000u + ticks * 4u);
}

void tk_avr_marker_init(void)
{
    PORTB &= (uint8_t)~_BV(PB0);
    DDRB |= _BV(PB0);
}

void tk_hal_uart_init(void)
{
    UBRR0H = 0;
    UBRR0L = BAUD_UBRR;
    UCSR0A = _BV(U2X0);
    UCSR0C = _BV(UCSZ01) | _BV(UCSZ00); /* 8N1 */
    UCSR0B = _BV(RXCIE0) | _BV(RXEN0) | _BV(TXEN0);
}

int tk_hal_uart_read(uint8_t *byte)
{
    uint8_t tail = rx_tail;
    if (tail == rx_head)
        return 0;
    *byte = rx_ring[tail];
    rx_tail = (uint8_t)((tail + 1u) & RX_MASK);
    return 1;
}

uint16_t tk_hal_uart_take_errors(void)
{
    uint8_t n;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
        n = rx_errors;
        rx_errors = 0;
    }
    return n;
}

int tk_hal_uart_writable(void)
{
    return (UCSR0A & _BV(UDRE0)) != 0;
}

void tk_hal_uart_write(uint8_t byte)
{
    UDR0 = byte;
}

/* SCK = PB5 (D13), MOSI = PB3 (D11), CS = PB2 (D10, also SS: as an output
   it keeps the SPI in master mode). */
void tk_hal_spi_init(void)
{
    PORTB |= _BV(PB2);
    DDRB |= _BV(PB2) | _BV(PB3) | _BV(PB5);
    SPCR = _BV(SPE) | _BV(MSTR);
    SPSR = _BV(SPI2X); /* fosc/2 = 8 MHz, within the MAX7219's 10 MHz */
    /* One byte with CS high, to leave SPIF set for the first real one:
       no module latches it, and the next transfer's 2N bytes push it out
       of the chain. */
    SPDR = 0;
    while (!(SPSR & _BV(SPIF)))
        ;
}

void tk_hal_spi_begin(void)
{
    PORTB &= (uint8_t)~_BV(PB2);
}

/*
 * A byte takes 16 cycles at fosc/2; the caller fetches the next one
 * meanwhile, so the wire stays nearly busy. SPIF is set whenever no byte
 * is shifting out (tk_hal_spi_init leaves it so), and only writing the
 * next byte clears it; the busy wait is bounded by the one byte in flight.
 */
void tk_hal_spi_byte(uint8_t byte)
{
    while (!(SPSR & _BV(SPIF)))
        ;
    SPDR = byte;
}

void tk_hal_spi_end(void)
{
    while (!(SPSR & _BV(SPIF)))
        ;
    PORTB |= _BV(PB2);
}

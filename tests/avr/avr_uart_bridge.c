/* avr_uart_bridge.c - see avr_uart_bridge.h. */
#include "avr_uart_bridge.h"

#include <stdio.h>
#include <string.h>

#include "avr_uart.h"
#include "sim_io.h"

/* The chip's receive buffer behind UDR0 (datasheet 20.7.3). */
#define RX_BUFFER_BYTES 2u
/*
 * simavr raises RXC0 this many cycles after a byte is handed over (it
 * assumes the byte has only just started); the bridge hands bytes over at
 * the end of their stop bit, so the flag should follow almost at once.
 */
#define RXC_LATENCY_CYCLES 8u

/* The 8N1 frame time the chip's own baud setting gives, which simavr
   gets wrong (it counts a parity bit): 10 x (UBRR0 + 1) x (8 or 16). */
static avr_cycle_count_t chip_byte_cycles(avr_t *avr, const avr_uart_t *u)
{
    uint32_t ubrr = avr_regbit_get(avr, u->ubrrl) | ((uint32_t)avr_regbit_get(avr, u->ubrrh) << 8);
    uint32_t per_bit = (ubrr + 1u) * (avr_regbit_get(avr, u->u2x) ? 8u : 16u);
    return (avr_cycle_count_t)per_bit * 10u;
}

static void take_reply_byte(avr_uart_bridge *b, uint8_t byte)
{
    tk_frame f;
    if (!tk_proto_feed(&b->replies, byte, &f))
        return;
    if (f.type == TK_MSG_ACK)
        b->acks++;
    else if (f.type == TK_MSG_NAK)
        b->naks++;
    else if (f.type == TK_MSG_TELEMETRY && msg_parse_telemetry(&f, &b->telemetry) == 0)
        b->telemetry_seen = 1;
    else
        b->other_replies++;
}

/* UART_IRQ_OUTPUT: the firmware wrote UDR0. */
static void on_tx(struct avr_irq_t *irq, uint32_t value, void *param)
{
    avr_uart_bridge *b = param;
    (void)irq;
    b->tx_bytes++;
    take_reply_byte(b, (uint8_t)value);
    if (b->tx_len < AVR_UART_TX_MAX)
        b->tx[b->tx_len++] = (uint8_t)value;
    else
        b->tx_dropped++;
}

/* Bytes in simavr's receive FIFO that the firmware has not read. */
static unsigned unread(const avr_uart_t *u)
{
    return ((unsigned)u->input.write + uart_fifo_fifo_size - u->input.read)
           & (uart_fifo_fifo_size - 1u);
}

/* Hands one byte to the receiver, or counts it lost. */
static void receive(avr_uart_bridge *b, uint8_t byte)
{
    avr_uart_t *u = b->uart;
    avr_cycle_count_t frame = chip_byte_cycles(b->avr, u);

    if (!avr_regbit_get(b->avr, u->rxen)) {
        b->rx_disabled++;
        return;
    }
    if (unread(u) >= RX_BUFFER_BYTES) {
        b->overruns++;
        return;
    }
    u->cycles_per_byte = RXC_LATENCY_CYCLES;
    avr_raise_irq(b->input, byte);
    /* Later bytes already waiting raise RXC0 one frame apart, and the UDRE0
       pump of the transmitter uses the same figure. */
    u->cycles_per_byte = frame;
    b->rx_bytes++;
}

/* Cycle timer: the stop bit of the byte at the head of the queue ends now. */
static avr_cycle_count_t byte_done(struct avr_t *avr, avr_cycle_count_t when, void *param)
{
    avr_uart_bridge *b = param;
    uint8_t byte = b->queue[b->head];
    (void)avr;
    b->head = (b->head + 1u) % AVR_UART_QUEUE_MAX;
    b->count--;
    receive(b, byte);
    if (b->count == 0) {
        b->line_busy = 0;
        return 0;
    }
    return when + AVR_UART_BYTE_CYCLES;
}

void avr_uart_bridge_send(avr_uart_bridge *b, const uint8_t *data, uint32_t n)
{
    uint32_t i;
    for (i = 0; i < n; i++) {
        if (b->count == AVR_UART_QUEUE_MAX) {
            b->queue_full += n - i;
            break;
        }
        b->queue[(b->head + b->count) % AVR_UART_QUEUE_MAX] = data[i];
        b->count++;
    }
    if (b->count > 0 && !b->line_busy) {
        b->line_busy = 1;
        avr_cycle_timer_register(b->avr, AVR_UART_BYTE_CYCLES, byte_done, b);
    }
}

uint32_t avr_uart_bridge_take(avr_uart_bridge *b, uint8_t *out, uint32_t cap)
{
    uint32_t n = b->tx_len < cap ? b->tx_len : cap;
    memcpy(out, b->tx, n);
    memmove(b->tx, b->tx + n, b->tx_len - n);
    b->tx_len -= n;
    return n;
}

int avr_uart_bridge_busy(const avr_uart_bridge *b)
{
    return b->line_busy;
}

int avr_uart_bridge_attach(avr_uart_bridge *b, avr_t *avr, char *err, unsigned errlen)
{
    avr_io_t *io;
    struct avr_irq_t *out;
    uint32_t flags = 0;

    memset(b, 0, sizeof *b);
    for (io = avr->io_port; io; io = io->next)
        if (io->kind && strcmp(io->kind, "uart") == 0 && ((avr_uart_t *)io)->name == '0')
            break;
    b->input = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
    out = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT);
    if (!io || !b->input || !out) {
        snprintf(err, errlen, "the simulated %s has no UART0", avr->mmcu);
        return -1;
    }
    b->avr = avr;
    b->uart = io;
    /* No console echo of the firmware's bytes, and no usleep() when the
       firmware polls an idle UART: simulated time must not cost wall time. */
    avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
    avr_irq_register_notify(out, on_tx, b);
    tk_proto_decoder_init(&b->replies);
    return 0;
}

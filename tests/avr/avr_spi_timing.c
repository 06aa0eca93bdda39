/* avr_spi_timing.c - see avr_spi_timing.h. */
#include "avr_spi_timing.h"

#include <stdio.h>
#include <string.h>

#include "avr_ioport.h"
#include "avr_spi.h"
#include "sim_io.h"

/* ATmega328P SPI registers, data-space addresses (datasheet 19.5). */
#define SPCR_ADDR 0x4C
#define SPSR_ADDR 0x4D
#define SPDR_ADDR 0x4E
#define SPCR_SPE 0x40
#define SPCR_MSTR 0x10
#define SPSR_SPI2X 0x01

unsigned avr_spi_timing_divider(avr_t *avr)
{
    static const unsigned div[4] = { 4, 16, 64, 128 };
    unsigned d = div[avr->data[SPCR_ADDR] & 0x03u];
    return (avr->data[SPSR_ADDR] & SPSR_SPI2X) ? d / 2 : d;
}

/* The pending cycle timer whose param is the SPI module, or NULL. */
static avr_cycle_timer_slot_p find_timer(avr_t *avr, void *param)
{
    avr_cycle_timer_slot_p t;
    for (t = avr->cycle_timers.timer; t; t = t->next)
        if (t->param == param)
            return t;
    return NULL;
}

/* Runs after simavr's SPDR handler: re-arms its completion timer. */
static void on_spdr_write(avr_t *avr, avr_io_addr_t addr, uint8_t v, void *param)
{
    avr_spi_timing *s = param;
    avr_cycle_timer_slot_p t;
    (void)addr;
    (void)v;
    if ((avr->data[SPCR_ADDR] & (SPCR_SPE | SPCR_MSTR)) != (SPCR_SPE | SPCR_MSTR))
        return;
    t = find_timer(avr, s->spi);
    if (!t) {
        s->unfixed++;
        return;
    }
    s->complete = t->timer;
    avr_cycle_timer_cancel(avr, s->complete, s->spi);
    avr_cycle_timer_register(avr, 8u * avr_spi_timing_divider(avr), s->complete, s->spi);
    s->started = avr->cycle;
    s->busy = 1;
}

/* SPI_IRQ_OUTPUT: simavr raises it when the transfer completes. */
static void on_spi_done(struct avr_irq_t *irq, uint32_t value, void *param)
{
    avr_spi_timing *s = param;
    avr_t *avr = ((avr_io_t *)s->spi)->avr;
    uint32_t took;
    (void)irq;
    (void)value;
    if (!s->busy)
        return;
    s->busy = 0;
    took = (uint32_t)(avr->cycle - s->started);
    s->bytes++;
    s->cycles += took;
    if (took > s->max_cycles)
        s->max_cycles = took;
    if (s->bytes == 1 || took < s->min_cycles)
        s->min_cycles = took;
}

int avr_spi_timing_attach(avr_spi_timing *s, avr_t *avr, char *err, unsigned errlen)
{
    avr_io_t *io;
    avr_irq_t *irq;

    memset(s, 0, sizeof *s);
    for (io = avr->io_port; io; io = io->next)
        if (io->kind && strcmp(io->kind, "spi") == 0)
            break;
    /* The SPI's IRQs straight from the module: simavr names the 328P's SPI
       0 or '0' depending on the core's declaration. */
    irq = io && io->irq_count > SPI_IRQ_OUTPUT ? io->irq + SPI_IRQ_OUTPUT : NULL;
    if (!irq) {
        snprintf(err, errlen, "the simulated %s has no SPI", avr->mmcu);
        return -1;
    }
    s->spi = io;
    s->mosi = irq;
    avr_register_io_write(avr, SPDR_ADDR, on_spdr_write, s);
    avr_irq_register_notify(irq, on_spi_done, s);
    return 0;
}

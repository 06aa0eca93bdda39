/*
 * avr_spi_timing.h - makes the simulated SPI take as long as the chip's.
 *
 * libsimavr 1.6 completes every SPI transfer 100 us after SPDR is written,
 * whatever the clock divider: 1,600 cycles for a byte the ATmega328P sends
 * in 16 (8 bits at fosc/2). That would make every cycle count of the
 * firmware wrong. This module watches SPDR writes (after simavr's own
 * handler, which has just armed its completion timer) and re-arms that
 * timer to 8 x divider cycles, the divider read from SPR1:0 and SPI2X.
 * It also times each byte, write to completion, so a test can check it.
 */
#ifndef AVR_SPI_TIMING_H
#define AVR_SPI_TIMING_H

#include <stdint.h>

#include "sim_avr.h"

typedef struct avr_spi_timing {
    void *spi;                    /* simavr's SPI module (its timer's param) */
    struct avr_irq_t *mosi;       /* SPI_IRQ_OUTPUT: raised with each byte sent */
    avr_cycle_timer_t complete;   /* simavr's completion callback, once seen */
    avr_cycle_count_t started;    /* cycle of the SPDR write in flight */
    int busy;
    uint64_t bytes;               /* transfers completed */
    uint64_t cycles;              /* their write-to-completion cycles, summed */
    uint32_t max_cycles, min_cycles;
    uint32_t unfixed;             /* writes whose timer could not be found */
} avr_spi_timing;

/* Hooks the SPI of avr (after avr_init). 0, or -1 with a message in err. */
int avr_spi_timing_attach(avr_spi_timing *s, avr_t *avr, char *err, unsigned errlen);
/* The chip's SPI clock divider now: 2, 4, 8, 16, 32, 64 or 128. */
unsigned avr_spi_timing_divider(avr_t *avr);

#endif

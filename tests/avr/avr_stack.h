/*
 * avr_stack.h - the stack's high-water mark: before the firmware runs, the
 * RAM between the end of its static data (__heap_start or _end, or
 * .data + .bss when the ELF has neither) and RAMEND, where the stack starts, is
 * painted with a pattern; at the end, the deepest byte that no longer
 * holds it shows how far the stack grew. A byte pushed with the pattern's
 * own value is missed, so the figure can be low by a byte or two.
 */
#ifndef AVR_STACK_H
#define AVR_STACK_H

#include <stdint.h>

#include "sim_avr.h"
#include "sim_elf.h"

typedef struct avr_stack {
    uint16_t low;    /* first byte above the static data */
    uint16_t top;    /* RAMEND: the initial stack pointer */
} avr_stack;

/* Paints the free RAM of avr, loaded from fw; 0, or -1 with a message. */
int avr_stack_paint(avr_stack *s, avr_t *avr, const elf_firmware_t *fw, char *err,
                    unsigned errlen);
/* Bytes of stack used at most so far. */
unsigned avr_stack_high_water(const avr_stack *s, const avr_t *avr);
/* Bytes between the static data and RAMEND: the most the stack may use. */
unsigned avr_stack_room(const avr_stack *s);

#endif

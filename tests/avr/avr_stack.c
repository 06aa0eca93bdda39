/* avr_stack.c - see avr_stack.h. */
#include "avr_stack.h"

#include <stdio.h>
#include <string.h>

#define PAINT 0xA5u
/* The linker places data memory at this offset in the ELF's address space. */
#define DATA_OFFSET 0x800000u
/* ATmega328P: SRAM starts after the register file and I/O space. */
#define SRAM_START 0x100u

/*
 * The end of the static data from the ELF's symbols, or 0: __heap_start
 * when the program references it, else _end, which the avr-libc linker
 * scripts always define (both are past .noinit, unlike __bss_end).
 */
static uint16_t static_end(const elf_firmware_t *fw)
{
#if ELF_SYMBOLS
    static const char *const names[] = { "__heap_start", "_end" };
    unsigned n;
    uint32_t i;
    for (n = 0; n < sizeof names / sizeof names[0]; n++)
        for (i = 0; fw->symbol && i < fw->symbolcount; i++)
            if (strcmp(fw->symbol[i]->symbol, names[n]) == 0)
                return (uint16_t)(fw->symbol[i]->addr - DATA_OFFSET);
#else
    (void)fw;
#endif
    return 0;
}

int avr_stack_paint(avr_stack *s, avr_t *avr, const elf_firmware_t *fw, char *err,
                    unsigned errlen)
{
    s->low = static_end(fw);
    if (s->low == 0)
        s->low = (uint16_t)(SRAM_START + fw->datasize + fw->bsssize);
    s->top = avr->ramend;
    if (s->low < SRAM_START || s->low >= s->top) {
        snprintf(err, errlen, "static data (%u bytes) leaves no room for the stack",
                 (unsigned)(fw->datasize + fw->bsssize));
        return -1;
    }
    memset(avr->data + s->low, PAINT, (size_t)(s->top - s->low + 1u));
    return 0;
}

unsigned avr_stack_high_water(const avr_stack *s, const avr_t *avr)
{
    unsigned a = s->low;
    while (a <= s->top && avr->data[a] == PAINT)
        a++;
    return s->top + 1u - a;
}

unsigned avr_stack_room(const avr_stack *s)
{
    return (unsigned)s->top + 1u - s->low;
}

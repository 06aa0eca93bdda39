/*
 * tk_avr_fb.h - the AVR's one-bit row shift for the frame buffer's scroll
 * (TK_FB_SHIFT_ROW in tk_fb.c), in assembly: the bytes rotate through the
 * carry, 9 cycles a byte against about 16 for the portable C, which has to
 * rebuild the carry from each byte. Every scrolling frame of an FC-16
 * display runs it once per row. Private to ports/avr; tk_avr_config.h
 * includes it.
 */
#ifndef TK_AVR_FB_H
#define TK_AVR_FB_H

#include <stdint.h>

/* Shifts the bytes (1..255) bytes before end one bit towards bit 7 of the
   first, a 0 coming in at the right; returns the OR of their old values.
   ld/or/dec leave the carry alone, so it runs from byte to byte. */
static inline uint8_t tk_avr_shift_row(uint8_t *end, uint8_t bytes)
{
    uint8_t lit = 0, b;
    __asm__ volatile("clc\n"
                     "1:\tld %[b], -%a[p]\n\t"
                     "or %[lit], %[b]\n\t"
                     "rol %[b]\n\t"
                     "st %a[p], %[b]\n\t"
                     "dec %[n]\n\t"
                     "brne 1b"
                     : [p] "+e"(end), [n] "+r"(bytes), [lit] "+r"(lit), [b] "=&r"(b)
                     :
                     : "memory");
    return lit;
}

#endif

/*
 * tk_avr_fb.h - the AVR's one-bit pass of the frame buffer's scroll
 * (TK_FB_SHIFT_ROWS in tk_fb.c), in assembly: each row's bytes rotate
 * through the carry, 9 cycles a byte against about 16 for the portable C,
 * which has to rebuild the carry from each byte, and about 12 cycles a row
 * besides. Every scrolling frame of an FC-16 display runs it. Private to
 * ports/avr; tk_avr_config.h includes it.
 */
#ifndef TK_AVR_FB_H
#define TK_AVR_FB_H

#include <stdint.h>

/* Shifts the first bytes (1..255) of each of the rows (1..8) rows, stride
   bytes apart from px on (bytes + stride at most 255), one bit towards
   bit 7 of the row's first byte, a 0 coming in at the right. Returns one
   bit a row (bit 0 the first) for the rows that had a pixel lit. ld, or
   and dec leave the carry alone, so it runs from byte to byte. */
static inline uint8_t tk_avr_shift_rows(uint8_t *px, uint8_t bytes, uint8_t rows,
                                        uint8_t stride)
{
    uint8_t lit = 0, bit = 1, n, b, any;
    uint8_t *p = px + bytes;
    uint8_t next = (uint8_t)(stride + bytes);
    __asm__ volatile("1:\tmov %[n], %[bytes]\n\t"
                     "clr %[any]\n\t"
                     "clc\n"
                     "2:\tld %[b], -%a[p]\n\t"
                     "or %[any], %[b]\n\t"
                     "rol %[b]\n\t"
                     "st %a[p], %[b]\n\t"
                     "dec %[n]\n\t"
                     "brne 2b\n\t"
                     "tst %[any]\n\t"
                     "breq 3f\n\t"
                     "or %[lit], %[bit]\n"
                     "3:\tlsl %[bit]\n\t"
                     "add %A[p], %[next]\n\t"
                     "adc %B[p], __zero_reg__\n\t"
                     "dec %[rows]\n\t"
                     "brne 1b"
                     : [p] "+e"(p), [rows] "+r"(rows), [lit] "+r"(lit), [bit] "+r"(bit),
                       [n] "=&r"(n), [b] "=&r"(b), [any] "=&r"(any)
                     : [bytes] "r"(bytes), [next] "r"(next)
                     : "memory");
    return lit;
}

#endif

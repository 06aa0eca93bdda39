/*
 * tk_hal.h - what a port supplies to the core: plain functions, one .c per
 * port (ports/avr, ports/sim; ports/template shows the set with stubs).
 * None of them may block.
 */
#ifndef TK_HAL_H
#define TK_HAL_H

#include <stdint.h>

/* Milliseconds since start; wraps after 49 days and the core allows it. */
uint32_t tk_hal_millis(void);

#endif

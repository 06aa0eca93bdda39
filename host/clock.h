/* clock.h - the monotonic clock every timer in tickerd is measured on. */
#ifndef CLOCK_H
#define CLOCK_H

#include <stdint.h>

/* Milliseconds since an arbitrary start; never goes back. */
uint64_t clock_now_ms(void);

#endif

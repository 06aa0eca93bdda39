/*
 * tk_port_template.c - the functions a new port must supply, as stubs.
 *
 * Copy this folder to ports/<board>, fill in each function for the chip,
 * and add a display driver (a tk_display_ops table, see tk_display.h) for
 * the LEDs. The core never names a chip: everything it needs from the
 * hardware is here. This file is not built.
 */
#include "tk_hal.h"

uint32_t tk_hal_millis(void)
{
    /* Return a free-running millisecond counter, e.g. from a timer tick. */
    return 0;
}

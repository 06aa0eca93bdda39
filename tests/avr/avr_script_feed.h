/*
 * avr_script_feed.h - replays a timed script (firmware/ports/sim/
 * sim_script.h) into the UART bridge on simulated time: each burst's bytes
 * start onto the line at the burst's millisecond, 16,000 cycles each.
 */
#ifndef AVR_SCRIPT_FEED_H
#define AVR_SCRIPT_FEED_H

#include "avr_uart_bridge.h"
#include "sim_avr.h"
#include "sim_script.h"

#define AVR_CYCLES_PER_MS 16000u

/* Schedules every burst of s (loaded, not owned); s must outlive the run. */
void avr_script_feed_start(sim_script *s, avr_uart_bridge *b);

#endif

/*
 * sim_script.h - a timed script of bytes for the simulator's serial input,
 * so a session replays identically on ticker-sim and on the AVR firmware
 * in the simulated chip (tests/avr), on the same time base.
 *
 * Format: one line per burst, "<ms> <hex byte> <hex byte> ...": the bytes
 * arrive at <ms> of display time; times never decrease; '#' starts a
 * comment line; blank lines are skipped. For example
 *
 *     # HELLO, then put item 7 "Hello" 30 ms later
 *     10 06 01 01 01 bc d8 00
 *     40 05 01 02 02 07 01 01 01 01 02 05 01 01 08 48 65 6c 6c 6f ba 10 00
 */
#ifndef SIM_SCRIPT_H
#define SIM_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#define SIM_SCRIPT_MAX_BYTES 65536
#define SIM_SCRIPT_MAX_BURSTS 4096

typedef struct sim_script {
    uint8_t *bytes;          /* all bursts, back to back; owned */
    uint32_t *burst_ms;      /* time of each burst; owned */
    uint32_t *burst_end;     /* offset in bytes where each burst ends; owned */
    unsigned bursts;
    unsigned next;           /* the first burst not yet delivered */
    uint32_t delivered;      /* bytes delivered so far */
} sim_script;

/* Reads a script file; 0, or -1 with "file:line: what" in err. The caller
   frees it with sim_script_free. */
int sim_script_load(sim_script *s, const char *path, char *err, size_t errlen);
void sim_script_free(sim_script *s);
/*
 * The bytes due by now_ms that were not delivered yet: *data points into
 * the script and the count is returned (0 when none are due).
 */
uint32_t sim_script_due(sim_script *s, uint32_t now_ms, const uint8_t **data);

#endif

/*
 * sim_term.h - the simulated display drawn live in a terminal.
 *
 * Two pixel rows make one text row, using the half-block characters
 * U+2580 (upper half), U+2584 (lower half), U+2588 (full block) and space,
 * inside a box-drawing frame. A rendering starts with cursor home (ESC[H),
 * so writing frame after frame overwrites the picture in place; clear the
 * screen once (SIM_TERM_CLEAR) before the first. Lines end in "\r\n" so the
 * picture is right in raw mode too.
 *
 * With colour, every cell is U+2580 with the top pixel as foreground and
 * the bottom pixel as background: lit pixels red (256-colour 196), unlit
 * dark red (52), so the whole grid of LEDs is visible. Colour codes are sent
 * only when they change along a row, and reset at the end of each row.
 *
 * The caller renders into its own buffer (sized by sim_term_max_bytes) and
 * writes it with one sim_term_write, which is what keeps the picture from
 * flickering.
 */
#ifndef SIM_TERM_H
#define SIM_TERM_H

#include <stddef.h>
#include <stdint.h>
#include "tk_fb.h"

/* Clears the screen and hides the cursor; SIM_TERM_RESTORE undoes both. */
#define SIM_TERM_CLEAR "\x1b[2J\x1b[?25l"
#define SIM_TERM_RESTORE "\x1b[0m\x1b[?25h\r\n"

/* Bytes that any width x height frame may need from sim_term_render. */
size_t sim_term_max_bytes(uint16_t width, uint8_t height, int colour);

/*
 * Renders fb into out (not NUL-terminated). Returns the bytes written, or
 * 0 when cap is too small; sim_term_max_bytes(fb->width, fb->height,
 * colour) is always enough.
 */
size_t sim_term_render(const tk_fb *fb, int colour, char *out, size_t cap);

/*
 * Writes all of buf to fd, retrying after signals, partial writes and (for
 * a non-blocking fd) a full pipe, waiting at most a second for room.
 * Returns 0, or -1 with errno set.
 */
int sim_term_write(int fd, const char *buf, size_t len);

#endif

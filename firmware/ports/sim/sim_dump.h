/*
 * sim_dump.h - frames as text files, the format tests compare: written by
 * the simulator here and, byte for byte the same, by the AVR simulation
 * harness (tests/), which decodes the MAX7219 traffic into frames.
 *
 * One file per frame, DIR/frame-NNNNNN.txt, NNNNNN the frame index in six
 * decimal digits, zero padded (000000..999999), so that names sort in
 * frame order. The content, in ASCII:
 *
 *     t=<ms> w=<width> h=<height>\n
 *     <height> lines of <width> characters, each followed by \n:
 *         '#' a lit pixel, '.' an unlit one; the first line is the top
 *         row, the first character of a line the leftmost column.
 *
 * <ms> is the time the frame was shown, in milliseconds since start,
 * 0..4294967295; <width> is 1..TK_FB_MAX_WIDTH, <height> 1..TK_FB_MAX_HEIGHT.
 * Numbers are plain decimal without sign or leading zeros; fields are
 * separated by exactly one space; there is nothing after the last row.
 * Example, a 3x2 frame at 40 ms:
 *
 *     t=40 w=3 h=2
 *     #.#
 *     .#.
 *
 * Files are written under a temporary name and renamed into place, so a
 * reader never sees a partial frame.
 */
#ifndef SIM_DUMP_H
#define SIM_DUMP_H

#include <stddef.h>
#include <stdint.h>
#include "tk_fb.h"

/* Largest text of one frame: the header (at most 25 bytes) and the rows. */
#define SIM_DUMP_MAX_BYTES (32 + TK_FB_MAX_HEIGHT * (TK_FB_MAX_WIDTH + 1))

/* Largest frame index: the file name has six digits. */
#define SIM_DUMP_MAX_INDEX 999999u

/*
 * Writes DIR/frame-NNNNNN.txt for frame index (0..SIM_DUMP_MAX_INDEX),
 * replacing any file of that name. Returns 0, or -1 with a message in err.
 */
int sim_dump_frame(const char *dir, unsigned index, uint32_t t_ms, const tk_fb *fb,
                   char *err, size_t errlen);

/* The text of one frame into out (NUL-terminated); returns its length, or
 * -1 when cap is too small (SIM_DUMP_MAX_BYTES + 1 is always enough). */
int sim_dump_format(const tk_fb *fb, uint32_t t_ms, char *out, size_t cap);

/*
 * Reads the text of one frame (exactly len bytes, no terminator needed)
 * into fb and t_ms. Strict: returns -1 on anything not exactly in the
 * format above, leaving fb and t_ms untouched; 0 on success.
 */
int sim_dump_parse(const char *text, size_t len, tk_fb *fb, uint32_t *t_ms);

#endif

/*
 * tk_font.h - reading the compiled bitmap font tables made by fonts/fontc.
 *
 * A font is one const byte array (a "blob"), read only through
 * TK_FONT_BYTE() so that a port can keep it in flash: the AVR port defines
 * TK_FONT_BYTE as pgm_read_byte and TK_FONT_STORAGE as PROGMEM before this
 * header is included. On the host both are plain memory.
 *
 * Blob layout, version 4. Multi-byte fields are little-endian.
 *
 *   offset  size  field
 *   0       4     magic "TKF4"
 *   4       1     height: rows in a glyph column, 1..16
 *   5       1     baseline: rows from the top of the cell to the baseline
 *   6       2     range_count
 *   8       2     glyph_count G
 *   10      4     coverage: FNV-1a 32-bit hash of the covered code points,
 *                 each as 3 bytes little-endian, in ascending order
 *   14      2     offset of the glyph table from the blob's start, so
 *                 that a reader finds it with one read (version 3; the
 *                 as version 2 otherwise, but for the ranges below)
 *   16      5*R   ranges, sorted by first code point, never overlapping:
 *                   3  first code point
 *                   2  count of consecutive code points
 *                 the glyphs of each range follow those of the one before
 *                 (range 0 starts at glyph 0), so a range's first glyph is
 *                 the sum of the counts before it, added up by the scan
 *                 that finds the range (version 2 stored it, 2 bytes more
 *                 a range)
 *   ...     2*K   checkpoints, K = (G + 31) / 32: checkpoint k is the
 *                 bitmap column where glyph 32*k starts (version 4; 3
 *                 had one every 16 glyphs: half the bytes, at most 31
 *                 glyph bytes added up per lookup instead of 15; the
 *                 first range's first glyph is glyph 0, so its entry is
 *                 the table's first byte)
 *   ...     G     glyphs, one byte each: bits 0..3 the glyph's columns
 *                 (0..15), bits 4..7 the blank columns after them up to
 *                 the advance (0..15)
 *   ...     bitmap: columns, each (height + 7) / 8 bytes; byte 0 holds rows
 *           0..7, byte 1 rows 8..15, bit 0 the top row.
 *
 * A glyph's columns start at its origin (x = 0) and run to its last inked
 * column; the glyphs' columns follow each other in the bitmap, so glyph i
 * starts at its checkpoint plus the columns of the glyphs from there to i.
 * Columns past the inked ones up to the advance are blank, so spacing
 * costs no bitmap bytes. One byte a glyph instead of an offset and an
 * advance keeps the 500-glyph table of an 8-pixel font at about 570 bytes
 * rather than 1,500 (the AVR holds it in 32 KiB of flash); fontc refuses a
 * glyph wider than that allows.
 */
#ifndef TK_FONT_H
#define TK_FONT_H

#include <stdint.h>

#ifndef TK_FONT_BYTE
#define TK_FONT_BYTE(p) (*(const uint8_t *)(p))
#endif
#ifndef TK_FONT_STORAGE
#define TK_FONT_STORAGE
#endif

#define TK_FONT_HEADER_BYTES 16
#define TK_FONT_RANGE_BYTES 5
#define TK_FONT_GLYPH_BYTES 1
#define TK_FONT_CHECKPOINT_EVERY 32
#define TK_FONT_CHECKPOINT_BYTES 2
/* The widest a glyph byte holds: inked columns, and blank ones after. */
#define TK_FONT_MAX_COLUMNS 15
#define TK_FONT_MAX_SPACING 15
/* Checkpoints of a font of g glyphs. */
#define TK_FONT_CHECKPOINTS(g) (((g) + TK_FONT_CHECKPOINT_EVERY - 1) / TK_FONT_CHECKPOINT_EVERY)

typedef struct tk_glyph {
    uint16_t offset;  /* byte offset of the first column in the bitmap */
    uint8_t columns;  /* inked columns stored */
    uint8_t advance;  /* pixels to the next glyph's origin */
    const uint8_t *bits; /* the first column, found once by the lookup
                            so that drawing a column costs one read */
    uint8_t tall;     /* 1 when a column is 2 bytes (height > 8) */
} tk_glyph;

/* 1 when blob starts with a version-3 header this reader understands. */
int tk_font_valid(const uint8_t *font);
uint8_t tk_font_height(const uint8_t *font);
uint8_t tk_font_baseline(const uint8_t *font);
uint16_t tk_font_glyph_count(const uint8_t *font);
uint32_t tk_font_coverage(const uint8_t *font);

/*
 * Looks up code point cp by a scan over the ranges. Returns 1 and fills
 * *glyph when the font has it, 0 when it does not.
 */
int tk_font_lookup(const uint8_t *font, uint32_t cp, tk_glyph *glyph);
/*
 * The glyph table entry of cp (one byte, read through TK_FONT_BYTE), or
 * NULL when the font lacks it: the same scan as tk_font_lookup without
 * adding up the columns before the glyph, so that measuring a text costs
 * one range scan a code point.
 */
const uint8_t *tk_font_find(const uint8_t *font, uint32_t cp);
/* Pixels to the next glyph's origin of a glyph table entry: inked columns
   in the low 4 bits, blank ones after them in the high 4. */
#define TK_FONT_ENTRY_ADVANCE(b) (((b) & 0x0Fu) + ((b) >> 4))

/* Column col of glyph as bits, bit 0 the top row; 0 past its columns. */
uint16_t tk_font_column(const uint8_t *font, const tk_glyph *glyph, uint8_t col);

#endif

/*
 * bdf_compile.c - BDF text to tk_font blob; see bdf_compile.h, and
 * firmware/core/tk_font.h for the layout written here.
 *
 * One pass over the lines renders each glyph, clipped to the font cell and
 * trimmed of blank right-hand columns, into a scratch bitmap in file order.
 * The glyphs are then sorted by code point, grouped into ranges of
 * consecutive code points, and copied out in that order.
 */
#include "bdf_compile.h"
#include "tk_font.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 8
#define MAX_CODE_POINT 0x10FFFFL
#define MAX_HEIGHT 16
#define MAX_COLUMNS 255   /* tk_glyph.columns is one byte */
#define MAX_BBX_SIDE 1024 /* far beyond any 16-row font, keeps arithmetic small */
#define MAX_BBX_OFFSET 4096
#define FIRST_GLYPH_CAP 256
#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

typedef struct glyph {
    uint32_t cp;
    unsigned long line; /* line of its ENCODING, for the duplicate error */
    uint32_t data;      /* offset of its columns in the scratch bitmap */
    uint16_t bytes;     /* bytes of columns */
    uint8_t advance;
} glyph;

typedef struct parser {
    const char *text;
    size_t len;
    size_t pos;              /* start of the next line in text */
    unsigned long lineno;    /* line now in line[], 1-based */
    const char *filename;
    char *err;
    size_t errlen;
    char line[BDFC_MAX_LINE_CHARS + 1];
    char *tok[MAX_TOKENS];   /* whitespace-split words of line[] */
    int ntok;

    int have_fbb, have_ascent, have_descent, have_dwidth;
    long fbb_height, fbb_yoff, ascent, descent, dwidth;
    unsigned height, baseline;
    unsigned bpc;            /* bytes per column, 1 or 2 */

    unsigned long chars_line;
    long chars_declared;
    long chars_found;        /* STARTCHAR blocks, ENCODING -1 ones included */

    glyph *glyphs;           /* at most BDFC_MAX_GLYPHS */
    size_t nglyphs, glyph_cap;
    uint8_t *bitmap;         /* BDFC_MAX_BITMAP_BYTES, fixed */
    size_t bitmap_len;
} parser;

static int fail(parser *p, const char *fmt, ...) PRINTF_LIKE(2, 3);

static int fail(parser *p, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (!p->err || p->errlen == 0)
        return -1;
    n = snprintf(p->err, p->errlen, "%s:%lu: ", p->filename,
                 p->lineno ? p->lineno : 1UL);
    if (n < 0 || (size_t)n >= p->errlen)
        return -1;
    va_start(ap, fmt);
    vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- lines and words ------------------------------------------------------ */

static void tokenize(parser *p)
{
    char *s = p->line;
    p->ntok = 0;
    while (p->ntok < MAX_TOKENS) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        p->tok[p->ntok++] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        if (*s)
            *s++ = '\0';
    }
}

/* Reads the next line into p->line and splits it. 1 line, 0 end, -1 error. */
static int next_line(parser *p)
{
    const char *start, *nl;
    size_t n;
    if (p->pos >= p->len)
        return 0;
    start = p->text + p->pos;
    nl = memchr(start, '\n', p->len - p->pos);
    n = nl ? (size_t)(nl - start) : p->len - p->pos;
    p->pos += n + (nl ? 1 : 0);
    p->lineno++;
    if (n > 0 && start[n - 1] == '\r')
        n--;
    if (n > BDFC_MAX_LINE_CHARS)
        return fail(p, "line of at most %d characters expected", BDFC_MAX_LINE_CHARS);
    if (memchr(start, '\0', n))
        return fail(p, "text expected, found a NUL byte");
    memcpy(p->line, start, n);
    p->line[n] = '\0';
    tokenize(p);
    return 1;
}

static int is(const parser *p, const char *keyword)
{
    return p->ntok > 0 && strcmp(p->tok[0], keyword) == 0;
}

/* next_line, skipping blank and COMMENT lines. */
static int next_keyword(parser *p)
{
    int r;
    do
        r = next_line(p);
    while (r == 1 && (p->ntok == 0 || is(p, "COMMENT")));
    return r;
}

static int parse_long(const char *s, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < -INT_MAX || v > INT_MAX)
        return -1;
    *out = v;
    return 0;
}

/* Parses the n integers after the keyword into v. */
static int ints(parser *p, int n, long *v)
{
    int i;
    for (i = 0; i < n; i++)
        if (1 + i >= p->ntok || parse_long(p->tok[1 + i], &v[i])) {
            fail(p, "%d integer%s expected after %s", n, n == 1 ? "" : "s", p->tok[0]);
            return -1; /* spelled out: analyzers do not follow the varargs fail() */
        }
    return 0;
}

/* ---- font header ---------------------------------------------------------- */

static int parse_properties(parser *p)
{
    long count;
    if (ints(p, 1, &count))
        return -1;
    for (;;) {
        int r = next_keyword(p);
        if (r < 0)
            return -1;
        if (r == 0 || is(p, "CHARS") || is(p, "STARTCHAR") || is(p, "ENDFONT"))
            return fail(p, "ENDPROPERTIES expected");
        if (is(p, "ENDPROPERTIES"))
            return 0;
        if (is(p, "FONT_ASCENT")) {
            if (ints(p, 1, &p->ascent))
                return -1;
            p->have_ascent = 1;
        } else if (is(p, "FONT_DESCENT")) {
            if (ints(p, 1, &p->descent))
                return -1;
            p->have_descent = 1;
        }
    }
}

/* Height and baseline from the properties, else from FONTBOUNDINGBOX. */
static int set_metrics(parser *p)
{
    long ascent, descent, height;
    if ((!p->have_ascent || !p->have_descent) && !p->have_fbb)
        return fail(p, "FONTBOUNDINGBOX, or FONT_ASCENT and FONT_DESCENT, expected before CHARS");
    ascent = p->have_ascent ? p->ascent : p->fbb_height + p->fbb_yoff;
    descent = p->have_descent ? p->descent : -p->fbb_yoff;
    height = ascent + descent;
    if (height < 1 || height > MAX_HEIGHT)
        return fail(p, "font height (ascent + descent) of 1..%d rows expected, got %ld",
                    MAX_HEIGHT, height);
    if (ascent < 0 || ascent > UINT8_MAX)
        return fail(p, "font ascent of 0..%d expected, got %ld", UINT8_MAX, ascent);
    p->height = (unsigned)height;
    p->baseline = (unsigned)ascent;
    p->bpc = (p->height + 7) / 8;
    return 0;
}

static int parse_header(parser *p)
{
    int r = next_keyword(p);
    if (r < 0)
        return -1;
    if (r == 0 || !is(p, "STARTFONT"))
        return fail(p, "STARTFONT expected");
    if (p->ntok < 2 || strncmp(p->tok[1], "2.", 2) != 0)
        return fail(p, "STARTFONT 2.1 or 2.2 expected");
    for (;;) {
        long v[4];
        r = next_keyword(p);
        if (r < 0)
            return -1;
        if (r == 0 || is(p, "STARTCHAR") || is(p, "ENDFONT"))
            return fail(p, "CHARS expected");
        if (is(p, "FONTBOUNDINGBOX")) {
            if (ints(p, 4, v))
                return -1;
            if (v[1] < 0 || v[1] > MAX_BBX_SIDE || v[3] < -MAX_BBX_OFFSET || v[3] > MAX_BBX_OFFSET)
                return fail(p, "FONTBOUNDINGBOX height 0..%d and y offset -%d..%d expected",
                            MAX_BBX_SIDE, MAX_BBX_OFFSET, MAX_BBX_OFFSET);
            p->have_fbb = 1;
            p->fbb_height = v[1];
            p->fbb_yoff = v[3];
        } else if (is(p, "STARTPROPERTIES")) {
            if (parse_properties(p))
                return -1;
        } else if (is(p, "DWIDTH")) {
            /* BDF 2.2 allows a font-wide default */
            if (ints(p, 2, v))
                return -1;
            if (v[0] < 0 || v[0] > UINT8_MAX)
                return fail(p, "DWIDTH x of 0..%d expected", UINT8_MAX);
            p->have_dwidth = 1;
            p->dwidth = v[0];
        } else if (is(p, "CHARS")) {
            if (ints(p, 1, v))
                return -1;
            if (v[0] < 0)
                return fail(p, "CHARS of 0 or more expected");
            p->chars_line = p->lineno;
            p->chars_declared = v[0];
            return set_metrics(p);
        }
    }
}

/* ---- glyphs --------------------------------------------------------------- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * ORs BITMAP row `row` of a glyph with box bbx (w h xoff yoff) into cols,
 * placing it relative to the baseline and clipping it to the cell.
 */
static int add_row(parser *p, uint16_t *cols, const long *bbx, long row)
{
    const char *hex = p->tok[0];
    size_t i, n, need = (size_t)(bbx[0] + 7) / 8 * 2;
    long x, y;
    if (p->ntok != 1)
        return fail(p, "one hex BITMAP row expected");
    n = strlen(hex);
    for (i = 0; i < n; i++)
        if (hex_value(hex[i]) < 0)
            return fail(p, "hex digits expected in BITMAP row");
    if (n < need)
        return fail(p, "BITMAP row of %zu hex digits expected for BBX width %ld, got %zu",
                    need, bbx[0], n);
    y = (long)p->baseline - bbx[3] - bbx[1] + row;
    if (y < 0 || y >= (long)p->height)
        return 0;
    for (x = 0; x < bbx[0]; x++) {
        long col = bbx[2] + x;
        if (col < 0 || col >= MAX_COLUMNS)
            continue;
        if (hex_value(hex[x / 4]) & (8 >> (x % 4)))
            cols[col] |= (uint16_t)(1u << y);
    }
    return 0;
}

static int grow_glyphs(parser *p)
{
    size_t cap;
    glyph *g;
    if (p->nglyphs < p->glyph_cap)
        return 0;
    if (p->nglyphs >= BDFC_MAX_GLYPHS)
        return fail(p, "at most %d glyphs expected", BDFC_MAX_GLYPHS);
    cap = p->glyph_cap ? p->glyph_cap * 2 : FIRST_GLYPH_CAP;
    if (cap > BDFC_MAX_GLYPHS)
        cap = BDFC_MAX_GLYPHS;
    g = realloc(p->glyphs, cap * sizeof *g);
    if (!g)
        return fail(p, "out of memory");
    p->glyphs = g;
    p->glyph_cap = cap;
    return 0;
}

/* Trims blank right-hand columns and appends the glyph to the scratch bitmap. */
static int store_glyph(parser *p, long cp, unsigned long line, const uint16_t *cols,
                       long advance)
{
    size_t ncols = MAX_COLUMNS, bytes, i;
    glyph *g;
    while (ncols > 0 && cols[ncols - 1] == 0)
        ncols--;
    /* One byte a glyph in the blob (tk_font.h): columns and spacing in 4 bits each. */
    if (ncols > TK_FONT_MAX_COLUMNS)
        return fail(p, "glyph %ld: at most %d inked columns expected, not %zu", cp,
                    TK_FONT_MAX_COLUMNS, ncols);
    if (advance < (long)ncols || advance > (long)ncols + TK_FONT_MAX_SPACING)
        return fail(p, "glyph %ld: an advance of %zu..%zu (its inked columns and at most %d "
                    "blank ones) expected, not %ld", cp, ncols, ncols + TK_FONT_MAX_SPACING,
                    TK_FONT_MAX_SPACING, advance);
    bytes = ncols * p->bpc;
    if (p->bitmap_len + bytes > BDFC_MAX_BITMAP_BYTES)
        return fail(p, "bitmap of at most %d bytes expected; the glyphs so far need %zu",
                    BDFC_MAX_BITMAP_BYTES, p->bitmap_len + bytes);
    if (grow_glyphs(p))
        return -1;
    g = &p->glyphs[p->nglyphs++];
    g->cp = (uint32_t)cp;
    g->line = line;
    g->data = (uint32_t)p->bitmap_len;
    g->bytes = (uint16_t)bytes;
    g->advance = (uint8_t)advance;
    for (i = 0; i < ncols; i++) {
        p->bitmap[p->bitmap_len++] = (uint8_t)(cols[i] & 0xFFu);
        if (p->bpc > 1)
            p->bitmap[p->bitmap_len++] = (uint8_t)(cols[i] >> 8);
    }
    return 0;
}

/* Parses one STARTCHAR..ENDCHAR block; p->line holds the STARTCHAR line. */
static int parse_glyph(parser *p)
{
    long enc = -2, advance = p->have_dwidth ? p->dwidth : -1, bbx[4], v[2], row;
    unsigned long enc_line = 0;
    int have_bbx = 0, r;
    uint16_t cols[MAX_COLUMNS];

    p->chars_found++;
    for (;;) {
        r = next_keyword(p);
        if (r < 0)
            return -1;
        if (r == 0 || is(p, "STARTCHAR") || is(p, "ENDFONT"))
            return fail(p, "ENDCHAR expected");
        if (is(p, "BITMAP"))
            break;
        if (is(p, "ENDCHAR"))
            return fail(p, "BITMAP expected before ENDCHAR");
        if (is(p, "ENCODING")) {
            if (ints(p, 1, &enc))
                return -1;
            if (enc < -1 || enc > MAX_CODE_POINT)
                return fail(p, "ENCODING -1 or 0..0x10FFFF expected, got %ld", enc);
            enc_line = p->lineno;
        } else if (is(p, "DWIDTH")) {
            if (ints(p, 2, v))
                return -1;
            if (v[0] < 0 || v[0] > UINT8_MAX)
                return fail(p, "DWIDTH x of 0..%d expected, got %ld", UINT8_MAX, v[0]);
            advance = v[0];
        } else if (is(p, "BBX")) {
            if (ints(p, 4, bbx))
                return -1;
            if (bbx[0] < 0 || bbx[0] > MAX_BBX_SIDE || bbx[1] < 0 || bbx[1] > MAX_BBX_SIDE)
                return fail(p, "BBX width and height of 0..%d expected", MAX_BBX_SIDE);
            if (bbx[2] < -MAX_BBX_OFFSET || bbx[2] > MAX_BBX_OFFSET ||
                bbx[3] < -MAX_BBX_OFFSET || bbx[3] > MAX_BBX_OFFSET)
                return fail(p, "BBX offsets of -%d..%d expected", MAX_BBX_OFFSET, MAX_BBX_OFFSET);
            have_bbx = 1;
        }
    }
    if (enc == -2)
        return fail(p, "ENCODING expected before BITMAP");
    if (!have_bbx)
        return fail(p, "BBX expected before BITMAP");
    if (advance < 0)
        return fail(p, "DWIDTH expected before BITMAP");

    memset(cols, 0, sizeof cols);
    for (row = 0;; row++) {
        r = next_line(p);
        if (r < 0)
            return -1;
        if (r == 0)
            return fail(p, "ENDCHAR expected");
        if (is(p, "ENDCHAR")) {
            if (row != bbx[1])
                return fail(p, "%ld BITMAP rows expected (the BBX height), got %ld", bbx[1], row);
            break;
        }
        if (row == bbx[1])
            return fail(p, "ENDCHAR expected after %ld BITMAP rows", bbx[1]);
        if (add_row(p, cols, bbx, row))
            return -1;
    }
    if (enc == -1)
        return 0;
    return store_glyph(p, enc, enc_line, cols, advance);
}

static int parse_glyphs(parser *p)
{
    for (;;) {
        int r = next_keyword(p);
        if (r < 0)
            return -1;
        if (r == 0)
            return fail(p, "ENDFONT expected");
        if (is(p, "ENDFONT"))
            break;
        if (!is(p, "STARTCHAR"))
            return fail(p, "STARTCHAR or ENDFONT expected");
        if (parse_glyph(p))
            return -1;
    }
    if (p->chars_found != p->chars_declared) {
        p->lineno = p->chars_line;
        return fail(p, "CHARS %ld expected (%ld STARTCHAR blocks follow), got CHARS %ld",
                    p->chars_found, p->chars_found, p->chars_declared);
    }
    return 0;
}

/* ---- output --------------------------------------------------------------- */

static int by_code_point(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    if (x->cp != y->cp)
        return x->cp < y->cp ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static uint8_t *put16(uint8_t *d, size_t v)
{
    d[0] = (uint8_t)(v & 0xFFu);
    d[1] = (uint8_t)((v >> 8) & 0xFFu);
    return d + 2;
}

static uint8_t *put24(uint8_t *d, uint32_t v)
{
    d[2] = (uint8_t)((v >> 16) & 0xFFu);
    return put16(d, v) + 1;
}

static uint32_t fnv1a_cp(uint32_t h, uint32_t cp)
{
    int i;
    for (i = 0; i < 3; i++) {
        h ^= (cp >> (8 * i)) & 0xFFu;
        h *= FNV_PRIME;
    }
    return h;
}

/* Sorts the glyphs and writes the blob into out. */
static int build(parser *p, bdfc_font *out)
{
    size_t i, ranges = 0, size, offset = 0, checks;
    uint32_t coverage = FNV_OFFSET;
    uint8_t *blob, *d, *table, *bitmap;

    if (p->nglyphs > 1)
        qsort(p->glyphs, p->nglyphs, sizeof *p->glyphs, by_code_point);
    for (i = 0; i < p->nglyphs; i++) {
        if (i > 0 && p->glyphs[i].cp == p->glyphs[i - 1].cp) {
            p->lineno = p->glyphs[i].line;
            return fail(p, "unique ENCODING expected: %lu is also at line %lu",
                        (unsigned long)p->glyphs[i].cp, p->glyphs[i - 1].line);
        }
        if (i == 0 || p->glyphs[i].cp != p->glyphs[i - 1].cp + 1)
            ranges++;
    }
    checks = TK_FONT_CHECKPOINTS(p->nglyphs);
    size = TK_FONT_HEADER_BYTES + TK_FONT_RANGE_BYTES * ranges +
           TK_FONT_CHECKPOINT_BYTES * checks + TK_FONT_GLYPH_BYTES * p->nglyphs + p->bitmap_len;
    blob = malloc(size);
    if (!blob)
        return fail(p, "out of memory");

    memcpy(blob, "TKF4", 4);
    blob[4] = (uint8_t)p->height;
    blob[5] = (uint8_t)p->baseline;
    put16(put16(blob + 6, ranges), p->nglyphs);
    d = blob + TK_FONT_HEADER_BYTES;
    put16(blob + 14, (size_t)(d + TK_FONT_RANGE_BYTES * ranges +
                              TK_FONT_CHECKPOINT_BYTES * checks - blob));
    for (i = 0; i < p->nglyphs; i++) {
        size_t first = i;
        while (i + 1 < p->nglyphs && p->glyphs[i + 1].cp == p->glyphs[i].cp + 1)
            i++;
        d = put16(put24(d, p->glyphs[first].cp), i - first + 1);
    }
    table = d + TK_FONT_CHECKPOINT_BYTES * checks;
    bitmap = table + TK_FONT_GLYPH_BYTES * p->nglyphs;
    for (i = 0; i < p->nglyphs; i++) {
        const glyph *g = &p->glyphs[i];
        size_t columns = g->bytes / p->bpc;
        if (i % TK_FONT_CHECKPOINT_EVERY == 0)
            d = put16(d, offset / p->bpc);
        table[i] = (uint8_t)(columns | (size_t)(g->advance - columns) << 4);
        memcpy(bitmap + offset, p->bitmap + g->data, g->bytes);
        offset += g->bytes;
        coverage = fnv1a_cp(coverage, g->cp);
    }
    put16(put16(blob + 10, coverage & 0xFFFFu), coverage >> 16);

    out->blob = blob;
    out->size = size;
    out->glyphs = (unsigned)p->nglyphs;
    out->ranges = (unsigned)ranges;
    out->height = p->height;
    out->baseline = p->baseline;
    out->bitmap_bytes = p->bitmap_len;
    return 0;
}

/* ---- API ------------------------------------------------------------------ */

int bdfc_compile(const char *text, size_t len, const char *filename, bdfc_font *out,
                 char *err, size_t errlen)
{
    parser *p;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (err && errlen)
        err[0] = '\0';
    p = calloc(1, sizeof *p);
    if (!p) {
        if (err && errlen)
            snprintf(err, errlen, "%s: out of memory", filename);
        return -1;
    }
    p->text = text;
    p->len = len;
    p->filename = filename ? filename : "(bdf)";
    p->err = err;
    p->errlen = errlen;
    if (len > BDFC_MAX_FILE_BYTES) {
        fail(p, "font file of at most %lu bytes expected", BDFC_MAX_FILE_BYTES);
        goto done;
    }
    p->bitmap = malloc(BDFC_MAX_BITMAP_BYTES);
    if (!p->bitmap) {
        fail(p, "out of memory");
        goto done;
    }
    if (parse_header(p) || parse_glyphs(p) || build(p, out))
        goto done;
    rc = 0;
done:
    free(p->bitmap);
    free(p->glyphs);
    free(p);
    return rc;
}

int bdfc_compile_file(const char *path, bdfc_font *out, char *err, size_t errlen)
{
    FILE *f;
    char *text = NULL;
    size_t len = 0, cap = 0;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (!err)
        errlen = 0; /* snprintf(NULL, 0, ...) writes nothing */
    f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    /* Read one byte past the limit so an oversized file is detected. */
    for (;;) {
        size_t n;
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : (size_t)64 * 1024;
            char *t;
            if (ncap > BDFC_MAX_FILE_BYTES + 1)
                ncap = BDFC_MAX_FILE_BYTES + 1;
            if (ncap == cap)
                break;
            t = realloc(text, ncap);
            if (!t) {
                snprintf(err, errlen, "%s: out of memory", path);
                goto done;
            }
            text = t;
            cap = ncap;
        }
        n = fread(text + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
        goto done;
    }
    rc = bdfc_compile(text, len, path, out, err, errlen);
done:
    free(text);
    fclose(f);
    return rc;
}

void bdfc_free(bdfc_font *font)
{
    free(font->blob);
    memset(font, 0, sizeof *font);
}

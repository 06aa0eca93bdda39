/*
 * condense.h - shortens a headline (or builds one from an article's lead
 * sentence) so that it reads well on a narrow display.
 *
 * The pipeline, in order: clean (entities, markup, NFC, control, bidi and
 * zero-width characters), drop boilerplate (captions, credits, agency
 * notices, datelines), strip tag prefixes and source suffixes, sentence-case
 * ALL-CAPS alerts, transliterate what the font lacks. A line that now fits
 * the budget is done. Otherwise: keep its first sentence, run the
 * compression rules in order, each only while the text is still over
 * budget (condense_rule_names()), put it in headlinese (present tense, "to"
 * for "will", %, m/bn, abbreviations), and fit it to the budget at a
 * phrase or word boundary, with an ellipsis only as a last resort.
 *
 * Everything is deterministic and allocation-free: the work buffers live
 * on the caller's stack (about 150 KB at most), bounded by
 * CONDENSE_MAX_INPUT.
 */
#ifndef CONDENSE_H
#define CONDENSE_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of one input line that are read; the rest is ignored. */
#define CONDENSE_MAX_INPUT 4096
/* Entries of an abbreviation table. */
#define CONDENSE_MAX_ABBREV 256
/* Bytes of one abbreviation entry's long or short form, NUL included. */
#define CONDENSE_ABBREV_CHARS 48

typedef struct condense_abbrev {
    char from[CONDENSE_ABBREV_CHARS]; /* words as written, matched case-insensitively */
    char to[CONDENSE_ABBREV_CHARS];   /* the headline form */
} condense_abbrev;

/* A replaceable abbreviation table (the config's [abbreviations]). */
typedef struct condense_abbrev_table {
    condense_abbrev entry[CONDENSE_MAX_ABBREV];
    size_t count;
} condense_abbrev_table;

typedef struct condense_opts {
    size_t max_bytes;        /* budget in bytes of UTF-8; 0: none */
    unsigned max_px;         /* budget in pixels of font; 0: none */
    const uint8_t *font;     /* the display's font (tk_font.h blob): measures max_px and
                                says which glyphs exist; NULL: any glyph, ASCII punctuation */
    const char *site;        /* the feed's or site's name, stripped as a suffix; may be NULL */
    const condense_abbrev_table *abbrev; /* NULL: the built-in table */
} condense_opts;

/*
 * Condenses in[0..len) (one line; bytes past CONDENSE_MAX_INPUT are
 * ignored) into out, which the caller owns (cap bytes, cap >= 1); the
 * result is NUL-terminated valid UTF-8 with no line breaks, and is empty
 * when the line was all boilerplate. Returns its length, or -1 when cap is
 * too small to hold the result (out then holds "").
 */
int condense_line(const condense_opts *o, const char *in, size_t len, char *out, size_t cap);

/*
 * A headline for a whole plain-text article (title line, standfirst,
 * captions, body): the first line when it is a usable headline, else the
 * lead sentence of the first body paragraph, condensed by the same rules.
 * Output as for condense_line().
 */
int condense_article(const condense_opts *o, const char *text, size_t len, char *out,
                     size_t cap);

/*
 * Runs one stage or rule alone (for tests and tuning): stage is one of
 * "clean", "boiler", "affix", "case", "translit", "headlinese", "fit" or a
 * rule name from condense_rule_names(). A rule deletes one span, whatever
 * the budget; headlinese makes all its changes.
 * Returns the output length, or -1 for an unknown stage or a small cap.
 */
int condense_stage(const condense_opts *o, const char *stage, const char *in, size_t len,
                   char *out, size_t cap);

/* The compression rules' names in the order they run; ends with NULL. */
const char *const *condense_rule_names(void);

/*
 * Reads an abbreviation table from text: one "long form = short form" a
 * line, '#' or ';' comments, blank lines ignored. Replaces *t. Returns 0,
 * or -1 with "line N: reason" in err.
 */
int condense_abbrev_parse(const char *text, size_t len, condense_abbrev_table *t, char *err,
                          size_t errlen);

/* Bytes an abbreviation file may have, less one. */
#define CONDENSE_ABBREV_FILE_MAX (64 * 1024)

/*
 * Reads and parses the abbreviation file at path (condense_abbrev_load.c).
 * Returns a table the caller owns and frees with free(), or NULL with the
 * reason in err ("cannot open: ...", "line N: ...").
 */
condense_abbrev_table *condense_abbrev_load(const char *path, char *err, size_t errlen);

#endif

/*
 * condense_internal.h - what the condense_*.c files share: the text
 * stages' signature, the token sentence the rules edit, and word classes.
 *
 * A text stage reads in[0..n) and writes at most cap - 1 bytes plus a NUL
 * to out (never overlapping in), cutting only at a code point boundary; it
 * returns the length written.
 */
#ifndef CONDENSE_INTERNAL_H
#define CONDENSE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "condense.h"

/* A work buffer: NFC and transliteration may grow text a little. */
#define CD_BUF (3 * CONDENSE_MAX_INPUT + 16)
/* Tokens of one sentence; text past this many is dropped. */
#define CD_MAX_TOKS 1024
/* Bytes of token text, original plus replacements made by headlinese. */
#define CD_TEXT (2 * CD_BUF)

/* ---- text stages, in pipeline order ---- */
size_t condense_clean(const char *in, size_t n, char *out, size_t cap);
size_t condense_boiler(const char *in, size_t n, char *out, size_t cap);
size_t condense_affix(const char *in, size_t n, const char *site, char *out, size_t cap);
size_t condense_case(const char *in, size_t n, char *out, size_t cap);
/* Maps what font lacks (font NULL: typographic punctuation) to glyphs it has. */
size_t condense_translit(const char *in, size_t n, const uint8_t *font, char *out, size_t cap);
/* 1 when the boiler stage would drop the whole line (a caption, a notice). */
int condense_boiler_line(const char *s, size_t n);

/* ---- the token sentence ---- */

/* Word classes, from the tables in condense_words.c. */
enum {
    CW_ART = 1u << 0,      /* a, an, the */
    CW_PREP = 1u << 1,     /* in, on, to, ... */
    CW_CONJ = 1u << 2,     /* and, or, but */
    CW_SUB = 1u << 3,      /* as, after, while, because, ... */
    CW_MODAL = 1u << 4,    /* can, could, may, must, ... */
    CW_NEG = 1u << 5,      /* not, no, never, n't, ... */
    CW_DAY = 1u << 6,      /* Monday .. Sunday */
    CW_MONTH = 1u << 7,    /* January .. December */
    CW_TIME = 1u << 8,     /* yesterday, today, week, morning, ... */
    CW_SAY = 1u << 9,      /* said, says, told, reported, ... */
    CW_COP = 1u << 10,     /* is, are, was, were */
    CW_PRON = 1u << 11,    /* it, he, she, they, ... */
    CW_REL = 1u << 12,     /* who, which, whose, where */
    CW_AUX = 1u << 13,     /* has, have, had, been, be */
    CW_DET = 1u << 14,     /* his, her, its, their, this, some, ... */
    CW_TIMEMOD = 1u << 16, /* last, this, next, earlier, later */
    CW_ADVLEAD = 1u << 17, /* meanwhile, however, separately, ... */
    CW_ACRONYM = 1u << 18, /* US, UN, NATO: stay upper case */
    CW_FUNC = 1u << 19,    /* may not end a headline */
    CW_VERB = 1u << 20     /* common verb forms: marks a clause */
};

/* Token flags, set by the tokenizer. */
enum {
    CT_WORD = 1u << 0,     /* has a letter or digit */
    CT_CAP = 1u << 1,      /* starts with an upper-case letter */
    CT_NUM = 1u << 2,      /* has a digit */
    CT_DEAD = 1u << 3,     /* deleted */
    CT_GLUE = 1u << 4,     /* no space before it in the source */
    CT_OPEN = 1u << 5,     /* opening bracket or quote: glues to the next */
    CT_CLOSE = 1u << 6,    /* closing punctuation: , . ; : ) and closing quotes */
    CT_DASH = 1u << 7,     /* a free-standing dash */
    CT_END = 1u << 8       /* sentence-final . ! ? */
};

typedef struct cd_tok {
    uint32_t off;          /* start in cd_sent.text */
    uint16_t len;          /* bytes */
    uint16_t flags;        /* CT_* */
    uint32_t cls;          /* CW_* of the word, lower-cased */
    uint16_t px;           /* width in the budget's font; CD_PX_UNKNOWN until measured */
} cd_tok;
#define CD_PX_UNKNOWN 0xFFFFu

typedef struct cd_sent {
    char text[CD_TEXT];    /* token text; replacements are appended */
    size_t text_len;
    cd_tok tok[CD_MAX_TOKS];
    int n;
    const condense_opts *o;
} cd_sent;

/* Splits s[0..n) into s's tokens (s->o must be set). */
void cd_tokenize(cd_sent *s, const char *in, size_t n);
/* 1 when a space goes between live token prev (-1: none) and live token i.
   Inline: measuring the sentence after each rule asks it of every token. */
static inline int cd_space(const cd_sent *s, int prev, int i)
{
    const cd_tok *t = &s->tok[i];
    return prev >= 0 && !(s->tok[prev].flags & CT_OPEN) &&
           !((t->flags & CT_GLUE) && (prev == i - 1 || (t->flags & CT_CLOSE)));
}
/* Writes the live tokens, spaced, to out; returns the length. */
size_t cd_render(const cd_sent *s, char *out, size_t cap);
/* The same, storing in ends[i] where live token i ends in out (ends may be NULL). */
size_t cd_render_ends(const cd_sent *s, char *out, size_t cap, size_t *ends);
/* Tidies punctuation left orphaned by deletions. */
void cd_tidy(cd_sent *s);
/* Points token i at new text (appended to s->text); -1 when full. */
int cd_replace(cd_sent *s, int i, const char *text, size_t len);
/* 1 when token i is live and its text equals word[0..n) (ASCII, lower
   case, n > 0) in any case. Inline: the rules ask it of every token for
   dozens of words, and with n known the length test rejects at once. */
static inline int cd_isn(const cd_sent *s, int i, const char *word, size_t n)
{
    size_t k;
    const cd_tok *t;
    if (i < 0 || i >= s->n)
        return 0;
    t = &s->tok[i];
    if (t->len != n || (t->flags & CT_DEAD))
        return 0;
    for (k = 0; k < n; k++) {
        char c = s->text[t->off + k];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != word[k])
            return 0;
    }
    return 1;
}
/* The same for a NUL-terminated word (a macro, so a literal's length is
   known at compile time). */
#define cd_is(s, i, word) cd_isn((s), (i), (word), strlen(word))
/* The next or previous live token from i (exclusive); -1 when none.
   Inline for the same reason as cd_isn. */
static inline int cd_next(const cd_sent *s, int i)
{
    for (i++; i < s->n; i++)
        if (!(s->tok[i].flags & CT_DEAD))
            return i;
    return -1;
}

static inline int cd_prev(const cd_sent *s, int i)
{
    for (i--; i >= 0; i--)
        if (!(s->tok[i].flags & CT_DEAD))
            return i;
    return -1;
}
/* Marks tokens [a, b) dead. */
void cd_kill(cd_sent *s, int a, int b);
/* 1 when token i is a live comma / the given ASCII punctuation. */
int cd_punct(const cd_sent *s, int i, char c);

/* The number of words of the proper name at the start of s[0..n) ("NEW
   YORK'S" is 2), any case; 0 when none (condense_names.c). */
size_t condense_name_at(const char *s, size_t n);

/* The classes of word w[0..n) (any case); 0 when unknown. */
uint32_t condense_word_class(const char *w, size_t n);

/* 0 when the sentence is over budget, else 1 + the share of the budget it
   uses in percent; measured token by token, without rendering. */
unsigned long cd_fits(cd_sent *s);
/* 1 when the rendered sentence fits the options' budget. */
int condense_fits(const condense_opts *o, const char *s, size_t n);
/* How much of the budget s[0..n) uses, in percent (the tighter budget). */
unsigned long condense_used(const condense_opts *o, const char *s, size_t n);
/* The budget's size of s[0..n): pixels, or bytes when there is no pixel budget. */
unsigned long condense_measure(const condense_opts *o, const char *s, size_t n);

/* ---- rules and headlinese: 1 when they changed something ---- */
typedef int (*cd_rule_fn)(cd_sent *s);
/* The rule named name, NULL when there is none. */
cd_rule_fn condense_rule(const char *name);
/* Runs the rules in order while the sentence is over budget. */
void condense_rules_run(cd_sent *s);
/* Headlinese, all of it; 1 when it changed something. */
int condense_headlinese(cd_sent *s);
/* The built-in abbreviation table. */
const condense_abbrev_table *condense_abbrev_builtin(void);

/*
 * Renders the sentence into out within the budget: whole when it fits,
 * else cut before a phrase, else at a word boundary with an ellipsis; a
 * cut never leaves a dangling preposition, conjunction or article, and
 * neither does trim when the rules deleted words (trim 1). out holds
 * CD_BUF bytes.
 */
size_t condense_fit(cd_sent *s, int trim, char *out);

/* 1 when font has code point cp (font NULL: every code point). */
int condense_has_glyph(const uint8_t *font, uint32_t cp);
/* Decodes the code point at s[0..n) into *cp; returns its length (>= 1). */
size_t condense_utf8(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns its length. */
size_t condense_put(uint32_t cp, char *out);

#endif

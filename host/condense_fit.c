/*
 * condense_fit.c - the budget, and the last step: fitting the condensed
 * sentence to it.
 *
 * The budget is bytes of UTF-8 or pixels of the display's font (measured
 * with the firmware's own tk_text_width, so host and display agree). When
 * the rules could not bring a sentence within it, the cut prefers the end
 * of a phrase (before a comma, a conjunction, a preposition) that keeps
 * most of the budget and needs no ellipsis; only when there is none does
 * it cut at the last whole word that fits and add an ellipsis. A cut
 * never ends on a preposition, a conjunction or an article.
 */
#include <string.h>

#include "condense_internal.h"
#include "tk_fonts.h"
#include "tk_text.h"

/* A phrase cut must keep at least this share of the budget, in percent. */
#define PHRASE_CUT_MIN 65

/* Words that end a phrase well although they are prepositions. */
static const char *const particles[] = { "up", "out", "off", "down", "over", "on", "in", "back", "away" };

static const uint8_t *font_of(const condense_opts *o)
{
    return o->font ? o->font : tk_fonts_builtin[0].data;
}

unsigned long condense_measure(const condense_opts *o, const char *s, size_t n)
{
    if (!o->max_px)
        return n;
    return tk_text_width(font_of(o), (const uint8_t *)s, (uint16_t)(n > 0xFFFF ? 0xFFFF : n), NULL);
}

int condense_fits(const condense_opts *o, const char *s, size_t n)
{
    if (o->max_bytes && n > o->max_bytes)
        return 0;
    return !o->max_px || condense_measure(o, s, n) <= o->max_px;
}

unsigned long condense_used(const condense_opts *o, const char *s, size_t n)
{
    unsigned long pct = 0;
    if (o->max_bytes)
        pct = (unsigned long)(n * 100 / o->max_bytes);
    if (o->max_px) {
        unsigned long p = condense_measure(o, s, n) * 100 / o->max_px;
        if (p > pct)
            pct = p;
    }
    return pct;
}

unsigned long cd_fits(cd_sent *s)
{
    const condense_opts *o = s->o;
    const uint8_t *font = font_of(o);
    unsigned long bytes = 0, px = 0, pct = 0, space_px = 0;
    int i, prev = -1;

    if (o->max_px)
        space_px = tk_text_advance(font, ' ');
    for (i = 0; i < s->n; i++) {
        cd_tok *t = &s->tok[i];
        int sp;
        if (t->flags & CT_DEAD)
            continue;
        sp = cd_space(s, prev, i);
        bytes += t->len + (unsigned long)sp;
        if (o->max_px) {
            if (t->px == CD_PX_UNKNOWN)
                t->px = tk_text_width(font, (const uint8_t *)s->text + t->off, t->len, NULL);
            px += t->px + (sp ? space_px : 0);
        }
        prev = i;
    }
    if (o->max_bytes) {
        if (bytes > o->max_bytes)
            return 0;
        pct = bytes * 100 / o->max_bytes;
    }
    if (o->max_px) {
        if (px > o->max_px)
            return 0;
        if (px * 100 / o->max_px > pct)
            pct = px * 100 / o->max_px;
    }
    return 1 + pct;
}

/* 1 when token i is a particle ("shows off"), not a preposition. */
static int particle(const cd_sent *s, int i)
{
    size_t k;
    int p = cd_prev(s, i);
    if (p >= 0 && (s->tok[p].cls & CW_PREP))
        return 0; /* "of up to" */
    for (k = 0; k < sizeof particles / sizeof particles[0]; k++)
        if (cd_is(s, i, particles[k]))
            return 1;
    return 0;
}

/* 1 when a text may end with token i. */
static int good_end(const cd_sent *s, int i)
{
    const cd_tok *t = &s->tok[i];
    if (!(t->flags & CT_WORD))
        return (t->flags & CT_CLOSE) && !(t->flags & CT_END) && !cd_punct(s, i, ',') &&
               !cd_punct(s, i, ';') && !cd_punct(s, i, ':');
    return !(t->cls & CW_FUNC) || particle(s, i);
}

/* 1 when token i reads as a verb form that needs what follows it
   ("killing ...", "powered by ..."). */
static int verb_form(const cd_sent *s, int i)
{
    const cd_tok *t = &s->tok[i];
    const char *w = s->text + t->off;
    if (!(t->flags & CT_WORD) || (t->flags & CT_CAP) || t->len < 5)
        return 0;
    return !memcmp(w + t->len - 3, "ing", 3) || !memcmp(w + t->len - 2, "ed", 2);
}

/* 1 when a phrase starts at token i. */
static int phrase_start(const cd_sent *s, int i)
{
    const cd_tok *t = &s->tok[i];
    if (!(t->flags & CT_WORD))
        return cd_punct(s, i, ',') || cd_punct(s, i, ';') || cd_punct(s, i, ':') || (t->flags & (CT_DASH | CT_OPEN));
    return (t->cls & (CW_CONJ | CW_SUB | CW_REL | CW_PREP)) && !cd_is(s, i, "of") && !particle(s, i);
}

/* The ellipsis the font can show: "…" in a pixel font that has it, else "...". */
static const char *ellipsis(const condense_opts *o)
{
    if (o->max_px && condense_has_glyph(font_of(o), 0x2026))
        return "\xE2\x80\xA6";
    if (!o->font || condense_has_glyph(o->font, '.'))
        return "...";
    return "";
}

/* Keeps live tokens up to position j of idx, renders, and appends tail. */
static size_t keep_to(cd_sent *s, const int *idx, int m, int j, const char *tail, char *out, size_t cap)
{
    size_t n, k = strlen(tail);
    int i;
    for (i = j + 1; i < m; i++)
        cd_kill(s, idx[i], idx[i] + 1);
    n = cd_render(s, out, cap);
    if (n + k < cap) {
        memcpy(out + n, tail, k + 1);
        n += k;
    }
    return n;
}

size_t condense_fit(cd_sent *s, int trim, char *out)
{
    const size_t cap = CD_BUF;
    size_t ends[CD_MAX_TOKS];
    const condense_opts *o = s->o;
    const char *ell = ellipsis(o);
    size_t n, el = strlen(ell);
    int idx[CD_MAX_TOKS], m = 0, i, j, best = -1;
    char tmp[CD_BUF + 8];

    n = cd_render_ends(s, out, cap, ends);
    for (i = cd_next(s, -1); i >= 0; i = cd_next(s, i))
        idx[m++] = i;
    if (condense_fits(o, out, n)) {
        if (!trim)
            return n;
        for (j = m - 1; j >= 0 && !good_end(s, idx[j]); j--)
            ;
        return j < 0 ? (out[0] = '\0', 0) : keep_to(s, idx, m, j, "", out, cap);
    }
    for (j = 0; j + 1 < m && condense_fits(o, out, ends[idx[j]]); j++)
        if (phrase_start(s, idx[j + 1]) && good_end(s, idx[j]) && !verb_form(s, idx[j]) &&
            condense_used(o, out, ends[idx[j]]) >= PHRASE_CUT_MIN)
            best = j;
    if (best >= 0)
        return keep_to(s, idx, m, best, "", out, cap);
    for (j = 0; j + 1 < m && ends[idx[j]] + el < sizeof tmp; j++) {
        memcpy(tmp, out, ends[idx[j]]);
        memcpy(tmp + ends[idx[j]], ell, el);
        if (!condense_fits(o, tmp, ends[idx[j]] + el))
            break;
        if (good_end(s, idx[j]))
            best = j;
    }
    if (best >= 0)
        return keep_to(s, idx, m, best, ell, out, cap);
    out[0] = '\0';
    return 0;
}

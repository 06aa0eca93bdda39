/*
 * condense.c - the condense pipeline: the text stages in order, then, only
 * when the text is over budget, the first sentence, the compression rules,
 * headlinese, and the fit. See condense.h for the stages.
 */
#include <string.h>

#include "condense_internal.h"

/* The text stages from raw input to the text the rules work on. */
static size_t prepare(const condense_opts *o, const char *in, size_t n, char *out)
{
    char a[CD_BUF], b[CD_BUF];
    size_t len = condense_clean(in, n, a, sizeof a);
    if ((len = condense_boiler(a, len, b, sizeof b)) == 0) {
        out[0] = '\0';
        return 0;
    }
    len = condense_affix(b, len, o->site, a, sizeof a);
    len = condense_case(a, len, b, sizeof b);
    return condense_translit(b, len, o->font, out, CD_BUF);
}

/* Past the first sentence (of at least four words), when over budget. */
static void first_sentence(cd_sent *s)
{
    int i, words = 0;
    for (i = cd_next(s, -1); i >= 0; i = cd_next(s, i)) {
        words += (s->tok[i].flags & CT_WORD) != 0;
        if ((s->tok[i].flags & CT_END) && words >= 4 && cd_next(s, i) >= 0) {
            cd_kill(s, i + 1, s->n);
            return;
        }
    }
}

static int live_count(const cd_sent *s)
{
    int i, n = 0;
    for (i = 0; i < s->n; i++)
        n += !(s->tok[i].flags & CT_DEAD);
    return n;
}

/* A deleted opening leaves a lower-case start: raise it (before the fit,
   as a capital may be wider). */
static void capitalise(cd_sent *s)
{
    char buf[64];
    int i = cd_next(s, -1);
    const cd_tok *t;
    if (i < 0)
        return;
    t = &s->tok[i];
    if (t->len < sizeof buf && s->text[t->off] >= 'a' && s->text[t->off] <= 'z') {
        memcpy(buf, s->text + t->off, t->len);
        buf[0] = (char)(buf[0] - 32);
        cd_replace(s, i, buf, t->len);
    }
}

/* Copies the result into the caller's buffer. */
static int deliver(const char *r, size_t n, char *out, size_t cap)
{
    if (n >= cap) {
        if (cap)
            out[0] = '\0';
        return -1;
    }
    memcpy(out, r, n);
    out[n] = '\0';
    return (int)n;
}

int condense_line(const condense_opts *o, const char *in, size_t len, char *out, size_t cap)
{
    static const condense_opts none = { 0, 0, NULL, NULL, NULL };
    char text[CD_BUF], res[CD_BUF];
    cd_sent s;
    size_t n;
    int before;

    if (!o)
        o = &none;
    n = prepare(o, in, len, text);
    s.o = o;
    cd_tokenize(&s, text, n);
    cd_tidy(&s);
    n = cd_render(&s, res, sizeof res);
    if (condense_fits(o, res, n))
        return deliver(res, n, out, cap);
    before = live_count(&s);
    first_sentence(&s);
    condense_rules_run(&s);
    condense_headlinese(&s);
    capitalise(&s);
    n = condense_fit(&s, live_count(&s) != before, res);
    return deliver(res, n, out, cap);
}

int condense_stage(const condense_opts *o, const char *stage, const char *in, size_t len,
                   char *out, size_t cap)
{
    static const condense_opts none = { 0, 0, NULL, NULL, NULL };
    char res[CD_BUF];
    cd_sent s;
    cd_rule_fn rule = NULL;
    size_t n;

    if (!o)
        o = &none;
    if (len > CONDENSE_MAX_INPUT)
        len = CONDENSE_MAX_INPUT;
    if (!strcmp(stage, "clean"))
        n = condense_clean(in, len, res, sizeof res);
    else if (!strcmp(stage, "boiler"))
        n = condense_boiler(in, len, res, sizeof res);
    else if (!strcmp(stage, "affix"))
        n = condense_affix(in, len, o->site, res, sizeof res);
    else if (!strcmp(stage, "case"))
        n = condense_case(in, len, res, sizeof res);
    else if (!strcmp(stage, "translit"))
        n = condense_translit(in, len, o->font, res, sizeof res);
    else if (!strcmp(stage, "headlinese") || !strcmp(stage, "fit") || (rule = condense_rule(stage))) {
        s.o = o;
        cd_tokenize(&s, in, len);
        if (rule)
            rule(&s);
        else if (!strcmp(stage, "headlinese"))
            condense_headlinese(&s);
        cd_tidy(&s);
        n = !strcmp(stage, "fit") ? condense_fit(&s, 1, res) : cd_render(&s, res, sizeof res);
    } else {
        return -1;
    }
    return deliver(res, n, out, cap);
}

/*
 * condense_headlinese.c - the register of headlines: abbreviations from a
 * table the config can replace ("United Nations" -> "UN"), "percent" ->
 * "%", "million"/"billion" -> "m"/"bn", "will" -> "to", the copula and
 * perfect auxiliaries dropped before a participle ("was arrested" ->
 * "arrested", "has approved" -> "approved"), and "said" -> "says".
 *
 * The main verb goes to the present ("Police arrested" -> "Police arrest")
 * and "X said it would cut" becomes "X to cut". The pipeline runs all of
 * it once a line needs condensing: it is the register of a headline, and
 * mostly shortens. Negations, numbers and names are never removed: a change
 * only shortens a word or drops an auxiliary next to the verb it leans on.
 */
#include <stdio.h>
#include <string.h>

#include "condense_internal.h"

static const condense_abbrev_table builtin = {
    {
        { "United States", "US" }, { "United Kingdom", "UK" }, { "United Nations", "UN" },
        { "European Union", "EU" }, { "North Korea", "N.Korea" }, { "South Korea", "S.Korea" },
        { "North Korean", "N.Korean" }, { "South Korean", "S.Korean" },
        { "Prime Minister", "PM" }, { "Federal Reserve", "Fed" },
        { "International Monetary Fund", "IMF" }, { "World Health Organization", "WHO" },
        { "United Arab Emirates", "UAE" }, { "chief executive officer", "CEO" },
        { "chief executive", "CEO" }, { "artificial intelligence", "AI" },
        { "Democratic Republic of Congo", "DR Congo" }, { "New York City", "NYC" },
        { "kilometres", "km" }, { "kilometers", "km" }, { "miles per hour", "mph" },
        { "in order to", "to" }, { "as well as", "and" }, { "more than", "over" },
        { "approximately", "about" }, { "Member of Parliament", "MP" },
        { "Islamic State", "IS" },
    },
    27,
};

const condense_abbrev_table *condense_abbrev_builtin(void)
{
    return &builtin;
}


static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* 1 when token i's text starts with w[0..n) in any case; its rest in *rest. */
static int word_prefix(const cd_sent *s, int i, const char *w, size_t n, size_t *rest)
{
    const cd_tok *t = &s->tok[i];
    size_t k;
    if (t->len < n)
        return 0;
    for (k = 0; k < n; k++)
        if (lower((unsigned char)s->text[t->off + k]) != lower((unsigned char)w[k]))
            return 0;
    *rest = t->len - n;
    return 1;
}

/* A bit for an ASCII letter in any case; bit 26 for anything else. */
static uint32_t letter_bit(char c)
{
    int l = lower((unsigned char)c);
    return l >= 'a' && l <= 'z' ? 1u << (l - 'a') : 1u << 26;
}

/* Possessive endings the last word of an abbreviated phrase may carry. */
static int possessive(const char *p, size_t n)
{
    return n == 0 || (n == 2 && !memcmp(p, "'s", 2)) || (n == 4 && !memcmp(p, "\xE2\x80\x99s", 4));
}

/* Replaces the phrase of entry e starting at live token i; 1 when it matched. */
static int abbreviate(cd_sent *s, int i, const condense_abbrev *e)
{
    const char *w = e->from;
    int k = i, last = i;
    size_t rest = 0;
    char buf[CONDENSE_ABBREV_CHARS + 8];
    int n;

    if (lower((unsigned char)s->text[s->tok[i].off]) != lower((unsigned char)w[0]))
        return 0;
    while (*w) {
        const char *sp = strchr(w, ' ');
        size_t len = sp ? (size_t)(sp - w) : strlen(w);
        if (k < 0 || !word_prefix(s, k, w, len, &rest))
            return 0;
        if (sp && rest)
            return 0;
        if (!sp && !possessive(s->text + s->tok[k].off + len, rest))
            return 0;
        last = k;
        w += len;
        while (*w == ' ')
            w++;
        if (*w)
            k = cd_next(s, k);
    }
    n = snprintf(buf, sizeof buf, "%s%.*s", e->to, (int)rest,
                 s->text + s->tok[last].off + s->tok[last].len - rest);
    if (n < 0 || (size_t)n >= sizeof buf || cd_replace(s, i, buf, (size_t)n))
        return 0;
    for (k = cd_next(s, i); k >= 0 && k <= last; k = cd_next(s, k))
        cd_kill(s, k, k + 1);
    return 1;
}

/* A word that reads as a participle or adjective a copula can lean on. */
static int participle(const cd_sent *s, int i)
{
    const cd_tok *t;
    const char *w;
    if (i < 0)
        return 0;
    t = &s->tok[i];
    w = s->text + t->off;
    if (t->flags & (CT_CAP | CT_NUM))
        return 0;
    if (cd_is(s, i, "expected") || cd_is(s, i, "set") || cd_is(s, i, "likely") ||
        cd_is(s, i, "due") || cd_is(s, i, "unlikely") || cd_is(s, i, "poised") || cd_is(s, i, "about"))
        return 1;
    return t->len > 3 && ((w[t->len - 2] == 'e' && w[t->len - 1] == 'd') ||
                          (w[t->len - 2] == 'e' && w[t->len - 1] == 'n') ||
                          (t->len > 5 && !memcmp(w + t->len - 3, "ing", 3)));
}

/* Glues the suffix to number token num and removes token word. */
static int unit(cd_sent *s, int num, int word, const char *suffix)
{
    char buf[64];
    const cd_tok *t = &s->tok[num];
    int n = snprintf(buf, sizeof buf, "%.*s%s", (int)t->len, s->text + t->off, suffix);
    if (n < 0 || (size_t)n >= sizeof buf || cd_replace(s, num, buf, (size_t)n))
        return 0;
    cd_kill(s, word, word + 1);
    return 1;
}

/* Irregular past forms and their headline present, sorted by past. */
static const char *const irregular[][2] = {
    { "became", "becomes" }, { "began", "begins" }, { "bought", "buys" }, { "broke", "breaks" },
    { "brought", "brings" }, { "built", "builds" }, { "came", "comes" }, { "chose", "chooses" },
    { "cut", "cuts" }, { "drew", "draws" }, { "drove", "drives" }, { "fell", "falls" },
    { "fled", "flees" }, { "flew", "flies" }, { "forced", "forces" }, { "found", "finds" },
    { "gave", "gives" }, { "grew", "grows" }, { "held", "holds" }, { "hit", "hits" },
    { "kept", "keeps" }, { "laid", "lays" }, { "led", "leads" }, { "left", "leaves" },
    { "lost", "loses" }, { "made", "makes" }, { "met", "meets" }, { "paid", "pays" },
    { "quit", "quits" }, { "ran", "runs" }, { "rose", "rises" }, { "sank", "sinks" },
    { "saw", "sees" }, { "sent", "sends" }, { "set", "sets" }, { "shot", "shoots" },
    { "shut", "shuts" }, { "slid", "slides" }, { "sold", "sells" }, { "sought", "seeks" },
    { "spent", "spends" }, { "stood", "stands" }, { "struck", "strikes" }, { "swept", "sweeps" },
    { "told", "tells" }, { "took", "takes" }, { "tore", "tears" },
    { "won", "wins" }, { "wrote", "writes" },
};

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The present form of past-tense w[0..n) into out (64 bytes); its length, 0 when unsure. */
static size_t present(const char *w, size_t n, char *out)
{
    size_t i, stem, lo = 0, hi = sizeof irregular / sizeof irregular[0];
    char a, b;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *past = irregular[mid][0];
        size_t len = strlen(past);
        int c = memcmp(past, w, len < n ? len : n);
        if (c == 0)
            c = len < n ? -1 : len > n;
        if (c == 0)
            return (size_t)snprintf(out, 64, "%s", irregular[mid][1]);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (n < 5 || n > 40 || w[n - 2] != 'e' || w[n - 1] != 'd')
        return 0;
    for (i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return 0;
    stem = n - 2;
    a = w[stem - 2];
    b = w[stem - 1];
    if (b == 'i' && !is_vowel(a)) /* denied -> denies */
        return (size_t)snprintf(out, 64, "%.*sies", (int)stem - 1, w);
    if ((a == 's' && b == 'h') || (a == 'c' && b == 'h') || b == 'x' || (a == 's' && b == 's'))
        return (size_t)snprintf(out, 64, "%.*ses", (int)stem, w); /* pushed -> pushes */
    if (b == 'l' && strchr("tdkbpgzfc", a)) /* battled -> battles */
        return (size_t)snprintf(out, 64, "%.*ses", (int)stem, w);
    if (a == b && !is_vowel(b) && b != 'l' && b != 's' && b != 'f' && b != 'z' && b != 'd')
        return (size_t)snprintf(out, 64, "%.*ss", (int)stem - 1, w); /* banned -> bans */
    /* a silent e came off: raised, agreed, voted, declared, named, decided */
    if (strchr("vcgsze", b) || (b == 't' && (a == 'a' || a == 'u')) ||
        (strchr("aiou", a) && stem >= 3 && !is_vowel(w[stem - 3]) && strchr("rltmknd", b) &&
         !(a == 'i' && b == 't')))
        return (size_t)snprintf(out, 64, "%.*ses", (int)stem, w); /* raised -> raises */
    return (size_t)snprintf(out, 64, "%.*ss", (int)stem, w); /* jumped -> jumps */
}

/* Words that are plural without an s. */
static const char *const plural_words[] = { "people", "police", "children", "men", "women", "staff" };

/* 1 when the subject before verb token v is plural: its head is the last
   word before the first preposition ("Thousands of people", "Rescue
   workers in Turkey"). */
static int plural_subject(const cd_sent *s, int v)
{
    int i, head = -1;
    size_t k;
    const cd_tok *t;
    const char *w;
    for (i = cd_next(s, -1); i >= 0 && i < v; i = cd_next(s, i)) {
        if ((s->tok[i].cls & CW_PREP) && head >= 0)
            break;
        if (cd_is(s, i, "and") && head >= 0)
            return 1; /* "The UN and the EU" */
        if (s->tok[i].flags & CT_WORD)
            head = i;
    }
    if (head < 0)
        return 0;
    t = &s->tok[head];
    w = s->text + t->off;
    for (k = 0; k < sizeof plural_words / sizeof plural_words[0]; k++)
        if (cd_is(s, head, plural_words[k]))
            return 1;
    if ((t->flags & CT_CAP) && head != cd_next(s, -1))
        return 0; /* a name: "United Nations", "Singapore Airlines" */
    return t->len > 3 && w[t->len - 1] == 's' && !strchr("su'", w[t->len - 2]) &&
           !(w[t->len - 2] == 'i' && w[t->len - 3] == 'x') && !(t->flags & CT_NUM) &&
           !(t->len > 4 && !memcmp(w + t->len - 4, "\xE2\x80\x99", 3));
}

/* The plural form of present-tense verb v[0..n) ("raises" -> "raise"), in place. */
static size_t plural_verb(char *v, size_t n)
{
    if (n > 3 && !memcmp(v + n - 3, "ies", 3)) {
        v[n - 3] = 'y';
        return n - 2;
    }
    if (n > 4 && v[n - 2] == 'e' && (v[n - 3] == 'x' || (v[n - 3] == 's' && v[n - 4] == 's') ||
                                     (v[n - 3] == 'h' && (v[n - 4] == 's' || v[n - 4] == 'c'))))
        return n - 2;
    return n > 1 && v[n - 1] == 's' ? n - 1 : n;
}

/* 1 when token i reads as a past-tense verb (or a participle). */
static int past_form(const cd_sent *s, int i)
{
    char buf[64];
    const cd_tok *t;
    if (i < 0)
        return 0;
    t = &s->tok[i];
    return (t->flags & CT_WORD) && !(t->flags & (CT_CAP | CT_NUM)) &&
           present(s->text + t->off, t->len, buf) > 0;
}

/* Puts verb token i in the present; 1 when it could. */
static int to_present(cd_sent *s, int i, int plural)
{
    char buf[64];
    const cd_tok *t = &s->tok[i];
    size_t n = present(s->text + t->off, t->len, buf);
    if (!n)
        return 0;
    if (plural)
        n = plural_verb(buf, n);
    return cd_replace(s, i, buf, n) == 0;
}

/* Puts the main verb, the first past-tense verb after the subject, in the
   present as headlines do ("Police arrested" -> "Police arrest"), and a
   verb coordinated with it ("resigned and fled"); once. */
static void headline_tense(cd_sent *s)
{
    int i, prev = cd_next(s, -1), plural;
    for (i = cd_next(s, prev); i >= 0; prev = i, i = cd_next(s, i)) {
        const cd_tok *t = &s->tok[i], *p = &s->tok[prev];
        if (t->flags & CT_END || cd_punct(s, i, ','))
            return;
        if (!(t->flags & CT_WORD) || (t->flags & (CT_CAP | CT_NUM)) ||
            (p->cls & (CW_ART | CW_DET | CW_PREP | CW_AUX | CW_COP | CW_MODAL | CW_REL | CW_CONJ)) ||
            cd_is(s, prev, "to") || !(p->flags & CT_WORD))
            continue;
        if (past_form(s, i) && past_form(s, cd_next(s, i)))
            continue; /* "a study published found": a participle first */
        plural = plural_subject(s, i);
        if (to_present(s, i, plural)) {
            int k, n;
            for (k = cd_next(s, i), n = 0; k >= 0 && n < 10 && !cd_punct(s, k, ','); k = cd_next(s, k), n++)
                if (cd_is(s, k, "and") && past_form(s, cd_next(s, k))) {
                    to_present(s, cd_next(s, k), plural);
                    break;
                }
            return;
        }
        if (t->cls & (CW_VERB | CW_COP | CW_MODAL | CW_SAY))
            return;
    }
}

/* "X said it would cut" -> "X to cut"; 1 when it applied at token i. */
static int said_would(cd_sent *s, int i)
{
    int th, pr, wd, vb;
    if (!(s->tok[i].cls & CW_SAY) || cd_prev(s, i) < 0 || cd_is(s, i, "according"))
        return 0;
    th = cd_next(s, i);
    pr = cd_is(s, th, "that") ? cd_next(s, th) : th;
    wd = cd_next(s, pr);
    vb = cd_next(s, wd);
    if (pr < 0 || !(s->tok[pr].cls & CW_PRON) || !(cd_is(s, wd, "would") || cd_is(s, wd, "will")) ||
        vb < 0 || !(s->tok[vb].flags & CT_WORD) || (s->tok[vb].cls & (CW_NEG | CW_AUX)) ||
        cd_is(s, vb, "be"))
        return 0;
    if (cd_replace(s, wd, "to", 2))
        return 0;
    cd_kill(s, i, wd);
    return 1;
}

/* 1 when token i sits in reported speech ("said it will"): "to" reads wrong there. */
static int reported(const cd_sent *s, int i)
{
    int k;
    for (k = cd_prev(s, i); k >= 0; k = cd_prev(s, k))
        if ((s->tok[k].cls & CW_SAY) || cd_is(s, k, "that"))
            return 1;
    return 0;
}

/* One change at or after live token *at (-1: the start); 1 when something
   changed, with *at moved to just before it, as a change only affects its
   neighbours. */
static int step(cd_sent *s, int *at)
{
    const condense_abbrev_table *t = s->o->abbrev ? s->o->abbrev : &builtin;
    uint32_t firsts = 0;
    int i;
    size_t e;

    /* the letters the table's phrases start with: most words need not be
       compared with every entry */
    for (e = 0; e < t->count; e++)
        firsts |= letter_bit(t->entry[e].from[0]);

    for (i = cd_next(s, *at); i >= 0; *at = i, i = cd_next(s, i)) {
        int nx = cd_next(s, i), pv = cd_prev(s, i);
        if ((s->tok[i].flags & CT_NUM) && nx >= 0) {
            if (cd_is(s, nx, "percent") || cd_is(s, nx, "pct"))
                return unit(s, i, nx, "%");
            if (cd_is(s, nx, "per") && cd_is(s, cd_next(s, nx), "cent")) {
                cd_kill(s, nx, nx + 1);
                return unit(s, i, cd_next(s, nx), "%");
            }
            if (cd_is(s, nx, "million"))
                return unit(s, i, nx, "m");
            if (cd_is(s, nx, "billion"))
                return unit(s, i, nx, "bn");
            if (cd_is(s, nx, "trillion"))
                return unit(s, i, nx, "tn");
        }
        if (cd_is(s, i, "will") && nx >= 0 && !(s->tok[nx].cls & CW_NEG) && (s->tok[nx].flags & CT_WORD) &&
            !(s->tok[nx].flags & CT_CAP) && pv >= 0 && !(s->tok[pv].cls & CW_PRON) && !reported(s, i))
            return cd_replace(s, i, "to", 2) == 0;
        /* not in a relative clause: "who was jailed" is not "who jailed" */
        if ((s->tok[i].cls & CW_COP) && pv >= 0 && (s->tok[pv].flags & CT_WORD) &&
            !(s->tok[pv].cls & CW_REL) && !cd_is(s, pv, "that") && participle(s, nx))
            return (cd_kill(s, i, i + 1), 1);
        if ((cd_is(s, i, "has") || cd_is(s, i, "have") || cd_is(s, i, "had")) && pv >= 0 &&
            cd_is(s, nx, "been") && participle(s, cd_next(s, nx))) {
            cd_kill(s, nx, nx + 1);
            return (cd_kill(s, i, i + 1), 1);
        }
        if ((cd_is(s, i, "has") || cd_is(s, i, "have")) && pv >= 0 && nx >= 0 &&
            participle(s, nx) && !cd_is(s, nx, "expected") && !cd_is(s, nx, "set"))
            return (cd_kill(s, i, i + 1), 1);
        if (said_would(s, i))
            return 1;
        if (cd_is(s, i, "said") && pv >= 0)
            return cd_replace(s, i, s->tok[i].flags & CT_CAP ? "Says" : "says", 4) == 0;
        if (!(firsts & letter_bit(s->text[s->tok[i].off])))
            continue;
        for (e = 0; e < t->count; e++)
            if (lower((unsigned char)s->text[s->tok[i].off]) == lower((unsigned char)t->entry[e].from[0]) &&
                abbreviate(s, i, &t->entry[e]))
                return 1;
    }
    return 0;
}

int condense_headlinese(cd_sent *s)
{
    int changed = 0, rounds = 0, at = -1;
    headline_tense(s);
    while (rounds++ < CD_MAX_TOKS && step(s, &at)) {
        at = cd_prev(s, at);
        changed = 1;
        cd_tidy(s);
    }
    return changed;
}

int condense_abbrev_parse(const char *text, size_t len, condense_abbrev_table *t, char *err,
                          size_t errlen)
{
    size_t i = 0, line = 0;
    t->count = 0;
    while (i < len) {
        size_t a = i, b, eq;
        line++;
        while (i < len && text[i] != '\n')
            i++;
        b = i++;
        while (a < b && (text[a] == ' ' || text[a] == '\t'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'))
            b--;
        if (a == b || text[a] == '#' || text[a] == ';')
            continue;
        for (eq = a; eq < b && text[eq] != '='; eq++)
            ;
        if (eq == b) {
            snprintf(err, errlen, "line %zu: expected 'long form = short form'", line);
            return -1;
        }
        if (t->count >= CONDENSE_MAX_ABBREV) {
            snprintf(err, errlen, "line %zu: more than %d abbreviations", line, CONDENSE_MAX_ABBREV);
            return -1;
        }
        {
            condense_abbrev *e = &t->entry[t->count];
            size_t fa = a, fb = eq, ta = eq + 1, tb = b;
            while (fb > fa && (text[fb - 1] == ' ' || text[fb - 1] == '\t'))
                fb--;
            while (ta < tb && (text[ta] == ' ' || text[ta] == '\t'))
                ta++;
            if (fb == fa || tb == ta || fb - fa >= sizeof e->from || tb - ta >= sizeof e->to) {
                snprintf(err, errlen, "line %zu: each side needs 1 to %d bytes", line,
                         CONDENSE_ABBREV_CHARS - 1);
                return -1;
            }
            memcpy(e->from, text + fa, fb - fa);
            e->from[fb - fa] = '\0';
            memcpy(e->to, text + ta, tb - ta);
            e->to[tb - ta] = '\0';
            t->count++;
        }
    }
    return 0;
}

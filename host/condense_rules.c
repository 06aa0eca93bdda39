/*
 * condense_rules.c - the compression rules, run in the order and
 * only while the sentence is over budget: time expressions; attribution at
 * the end or start; preposed adjuncts; parentheticals; appositives and
 * ages; relative clauses; trailing subordinate clauses; trailing
 * prepositional phrases; articles.
 *
 * Each call of a rule deletes one span (the runner calls it again while the
 * text is still too long), so a rule takes no more than it must; a trailing
 * clause or phrase whose deletion would leave most of the budget empty is
 * kept for the final cut instead. The guards, for what belongs to the main
 * clause: a trailing prepositional phrase holding a negation, a number, a
 * modal or a name stays; a trailing subordinate clause holding a number
 * stays ("killing 10"); a speaker with a name stays ("The UN warned that");
 * an insert that carries the subject's name stays ("The prime minister,
 * Jane Doe, resigned"). Inserts, parentheticals and relative clauses are
 * outside the main clause and go whole.
 */
#include <string.h>

#include "condense_internal.h"

/* A trailing clause or phrase whose deletion would leave less than this
   share of the budget used (percent) is left for the final cut. */
#define TRAILING_KEEP 60

/* The live tokens of a sentence, by position. */
typedef struct live {
    int at[CD_MAX_TOKS];
    int n;
} live;

static void gather(const cd_sent *s, live *l)
{
    int i;
    l->n = 0;
    for (i = 0; i < s->n; i++)
        if (!(s->tok[i].flags & CT_DEAD))
            l->at[l->n++] = i;
}

#define T(k) (&s->tok[l->at[k]])
#define IS(k, w) ((k) >= 0 && (k) < l->n && cd_isn(s, l->at[k], (w), sizeof(w) - 1))
#define CLS(k) ((k) >= 0 && (k) < l->n ? T(k)->cls : 0u)
#define FL(k) ((k) >= 0 && (k) < l->n ? T(k)->flags : 0u)
#define PUNCT(k, c) ((k) >= 0 && (k) < l->n && cd_punct(s, l->at[k], (c)))

/* Deletes live positions [a, b); when the span sat between two commas
   (an insert), both commas go too, unless another insert follows. */
static int drop(cd_sent *s, const live *l, int a, int b)
{
    int k;
    if (a >= b)
        return 0;
    if (a > 0 && b < l->n && PUNCT(a - 1, ',') && PUNCT(b, ',')) {
        cd_kill(s, l->at[a - 1], l->at[a - 1] + 1);
        if (!(CLS(b + 1) & (CW_REL | CW_SUB | CW_ART | CW_DET)) && !(FL(b + 1) & CT_NUM))
            cd_kill(s, l->at[b], l->at[b] + 1);
    }
    for (k = a; k < b; k++)
        cd_kill(s, l->at[k], l->at[k] + 1);
    return 1;
}

/* Position of the sentence end (the final . ! ? or l->n) at or after k. */
static int sentence_end(const cd_sent *s, const live *l, int k)
{
    for (; k < l->n; k++)
        if (FL(k) & CT_END)
            return k;
    return l->n;
}

/* 1 when [a, b) holds a negation, a number, a modal or (names) a name. */
static int guarded(const cd_sent *s, const live *l, int a, int b, int names)
{
    int k;
    for (k = a; k < b; k++) {
        if ((CLS(k) & (CW_NEG | CW_MODAL)) || (FL(k) & CT_NUM))
            return 1;
        if (names && (FL(k) & CT_CAP) && !(CLS(k) & (CW_DAY | CW_MONTH)))
            return 1;
    }
    return 0;
}

/* 1 when [a, b) holds a number: a subordinate clause's casualty count
   ("killing 10") is often the news. */
static int numbered(const cd_sent *s, const live *l, int a, int b)
{
    int k;
    for (k = a; k < b; k++)
        if (FL(k) & CT_NUM)
            return 1;
    return 0;
}

/* Words that are clearly present- or past-tense verbs, enough to call a span a clause. */
static int verbish(const cd_sent *s, const live *l, int k)
{
    const cd_tok *t;
    const char *w;
    if (k < 0 || k >= l->n)
        return 0;
    t = T(k);
    w = s->text + t->off;
    if (CLS(k) & (CW_VERB | CW_COP | CW_AUX | CW_MODAL | CW_SAY))
        return 1;
    return !(t->flags & CT_CAP) && t->len > 3 && w[t->len - 2] == 'e' && w[t->len - 1] == 'd';
}

/* ---- time expressions ---- */

static int time_word(const cd_sent *s, const live *l, int k)
{
    return (CLS(k) & CW_DAY) || IS(k, "yesterday") || IS(k, "today") || IS(k, "tonight") ||
           IS(k, "overnight") || IS(k, "tomorrow");
}

/* Length of a time expression at k, or 0. */
static int time_expr(const cd_sent *s, const live *l, int k)
{
    int e = k;
    if ((CLS(e) & CW_TIMEMOD) && !(FL(e) & CT_CAP && e > 0) && IS(e + 1, "this"))
        e++; /* "earlier this week" */
    if (CLS(e) & CW_TIMEMOD) {
        if ((CLS(e + 1) & CW_TIME) && !IS(e + 1, "days") && !IS(e + 1, "years"))
            return e + 2 - k;
        if (IS(e + 1, "on") && (CLS(e + 2) & CW_DAY))
            e += 2;
        else if (time_word(s, l, e + 1))
            e++;
        else
            return 0;
    }
    if (CLS(e) & CW_DAY) {
        if (IS(e + 1, "morning") || IS(e + 1, "afternoon") || IS(e + 1, "evening") || IS(e + 1, "night"))
            e++;
        return e + 1 - k;
    }
    if (time_word(s, l, e))
        return e + 1 - k;
    if (IS(e, "so") && IS(e + 1, "far"))
        return e + 2 - k + ((CLS(e + 2) & CW_TIMEMOD) && (CLS(e + 3) & CW_TIME) ? 2 : 0);
    if ((CLS(e) & CW_MONTH) && (FL(e) & CT_CAP) &&
        ((FL(e + 1) & CT_NUM) || (k > 0 && (CLS(k - 1) & CW_PREP)))) {
        if (FL(e + 1) & CT_NUM)
            e++;
        if (PUNCT(e + 1, ',') && (FL(e + 2) & CT_NUM) && T(e + 2)->len == 4)
            e += 2;
        return e + 1 - k;
    }
    if ((FL(e) & CT_NUM) && (IS(e + 1, "days") || IS(e + 1, "weeks") || IS(e + 1, "hours")) &&
        IS(e + 2, "ago"))
        return e + 3 - k;
    return 0;
}

static int rule_time(cd_sent *s)
{
    live lv, *l = &lv;
    int k, n;
    gather(s, l);
    for (k = 0; k < l->n; k++) {
        if ((n = time_expr(s, l, k)) == 0)
            continue;
        /* the preposition that led into it goes with it: "until Monday" */
        if (k > 0 && (IS(k - 1, "on") || IS(k - 1, "in") || IS(k - 1, "by") || IS(k - 1, "until") ||
                      IS(k - 1, "since") || IS(k - 1, "from") || IS(k - 1, "at") || IS(k - 1, "for") ||
                      IS(k - 1, "earlier") || IS(k - 1, "later") || IS(k - 1, "early") || IS(k - 1, "late")))
            return drop(s, l, k - 1, k + n);
        return drop(s, l, k, k + n);
    }
    return 0;
}

/* ---- attribution ---- */

/* Speakers that are no one in particular. */
static const char *const generic_speakers[] = {
    "police", "officials", "authorities", "sources", "witnesses", "analysts", "economists",
    "scientists", "researchers", "doctors", "residents", "prosecutors", "investigators",
    "rescuers", "firefighters", "experts", "diplomats", "observers", "organisers", "organizers",
};

/* 1 when token k is an article, a determiner or a generic speaker: a
   capital there only starts the sentence. */
static int generic(const cd_sent *s, const live *l, int k)
{
    size_t i;
    if (CLS(k) & (CW_ART | CW_DET))
        return 1;
    for (i = 0; i < sizeof generic_speakers / sizeof generic_speakers[0]; i++)
        if (k < l->n && cd_is(s, l->at[k], generic_speakers[i]))
            return 1;
    return 0;
}

static int rule_attribution(cd_sent *s)
{
    live lv, *l = &lv;
    int k, end, c;
    gather(s, l);
    end = sentence_end(s, l, 0);

    /* "said in a statement", "told reporters" */
    for (k = 0; k + 2 < end; k++) {
        if (!(CLS(k) & CW_SAY))
            continue;
        if (IS(k + 1, "in") && (IS(k + 2, "a") || IS(k + 2, "an")) &&
            (IS(k + 3, "statement") || IS(k + 3, "interview")))
            return drop(s, l, k + 1, k + 4);
        if (IS(k, "told") && (IS(k + 1, "reporters") || IS(k + 1, "journalists")))
            return drop(s, l, k + 1, k + 2);
    }
    /* ", according to X" to the end or the next comma */
    for (k = 1; k + 2 < end; k++) {
        if (IS(k, "according") && IS(k + 1, "to")) {
            int e = k + 2;
            while (e < end && !PUNCT(e, ','))
                e++;
            if (k == 0 || PUNCT(k - 1, ','))
                return drop(s, l, k - (k > 0 && PUNCT(k - 1, ',') && e >= end), e + (e < end));
            if (e >= end)
                return drop(s, l, k, e);
        }
    }
    if (IS(0, "according") && IS(1, "to")) {
        for (c = 2; c < end && !PUNCT(c, ','); c++)
            ;
        if (c < end && end - c > 4)
            return drop(s, l, 0, c + 1);
    }
    /* ", officials said" closing the sentence or before another clause */
    for (c = end - 1; c > 2; c--) {
        int e;
        if (!PUNCT(c, ','))
            continue;
        for (k = c + 1; k < end && k - c <= 8 && !PUNCT(k, ',') && !(CLS(k) & CW_SAY); k++)
            ;
        if (k >= end || k - c > 8 || !(CLS(k) & CW_SAY) || k == c + 1 || IS(k, "according") ||
            (CLS(k + 1) & CW_PRON) || guarded(s, l, c + 1, k, 0))
            continue;
        for (e = k + 1; e < end && !PUNCT(e, ',') && !verbish(s, l, e) && !(CLS(e) & CW_REL); e++)
            ;
        if (e == end || PUNCT(e, ','))
            return drop(s, l, c, e);
    }
    /* a leading "X said (that)" */
    for (k = 1; k < end && k <= 8; k++) {
        if (PUNCT(k, ',') || (FL(k) & (CT_OPEN | CT_CLOSE)))
            break;
        if ((CLS(k) & CW_SAY) && (IS(k, "said") || IS(k, "says") || IS(k, "say") || IS(k + 1, "that"))) {
            /* only a nameless speaker goes ("Police said"): a named one is
               the main clause's subject */
            int r = k + 1 + IS(k + 1, "that"), e, verb = 0;
            for (e = r; e < end && !PUNCT(e, ',') && !verb; e++)
                verb = verbish(s, l, e);
            if (verb && end - r >= 4 && !(CLS(r) & (CW_PRON | CW_DET | CW_PREP | CW_CONJ)) &&
                !guarded(s, l, 1, k, 1) && !guarded(s, l, 0, 1, !generic(s, l, 0)) &&
                !(FL(r) & CT_OPEN))
                return drop(s, l, 0, r);
            break;
        }
    }
    return 0;
}

/* ---- preposed adjuncts ---- */

static int rule_adjunct(cd_sent *s)
{
    live lv, *l = &lv;
    int c, end;
    const cd_tok *t;
    gather(s, l);
    if (l->n == 0)
        return 0;
    end = sentence_end(s, l, 0);
    t = T(0);
    /* a quantity is the subject, not an adjunct: "At least 40 people died, ...",
       "Over 300 were hurt, ..." */
    if ((IS(0, "at") && (IS(1, "least") || IS(1, "most"))) || (IS(0, "up") && IS(1, "to")) ||
        ((FL(1) & CT_NUM) && (IS(0, "over") || IS(0, "about") || IS(0, "nearly") || IS(0, "around"))) ||
        ((IS(0, "more") || IS(0, "fewer") || IS(0, "less")) && IS(1, "than")))
        return 0;
    if (!(CLS(0) & (CW_PREP | CW_SUB | CW_ADVLEAD | CW_TIMEMOD)) &&
        !(t->len > 5 && !memcmp(s->text + t->off + t->len - 3, "ing", 3)) &&
        !(t->len > 4 && !memcmp(s->text + t->off + t->len - 2, "ly", 2)))
        return 0;
    for (c = 1; c < end && c < 24 && !PUNCT(c, ','); c++)
        ;
    if (c >= end || c >= 24 || end - c <= 4)
        return 0;
    return drop(s, l, 0, c + 1);
}

/* ---- parentheticals ---- */

static int rule_paren(cd_sent *s)
{
    live lv, *l = &lv;
    int k, e;
    gather(s, l);
    for (k = 0; k < l->n; k++) {
        if (PUNCT(k, '(') || PUNCT(k, '[')) {
            char close = PUNCT(k, '(') ? ')' : ']';
            for (e = k + 1; e < l->n && !PUNCT(e, close); e++)
                ;
            if (e < l->n && k > 0)
                return drop(s, l, k, e + 1);
        }
        if ((FL(k) & CT_DASH) && k > 0) {
            for (e = k + 1; e < l->n && e - k < 20 && !(FL(e) & (CT_DASH | CT_END)); e++)
                ;
            if (e < l->n && (FL(e) & CT_DASH) && e > k + 1)
                return drop(s, l, k, e + 1);
        }
    }
    return 0;
}

/* ---- appositives and ages ---- */

static int rule_appositive(cd_sent *s)
{
    live lv, *l = &lv;
    int k, e, end;
    gather(s, l);
    end = sentence_end(s, l, 0);
    for (k = 1; k + 1 < end; k++) {
        /* after a name, or a noun phrase opening ("the hospital, one of the largest,") */
        if (!PUNCT(k, ',') || (!(FL(k - 1) & CT_CAP) && !(CLS(k + 1) & CW_ART) && !IS(k + 1, "one")))
            continue;
        /* "Smith, 45," */
        if ((FL(k + 1) & CT_NUM) && T(k + 1)->len <= 3 && (PUNCT(k + 2, ',') || k + 2 == end))
            return k + 2 == end ? drop(s, l, k, end) : drop(s, l, k + 1, k + 2);
        /* "Smith, a former minister," / "Acme, the chipmaker," */
        if ((CLS(k + 1) & (CW_ART | CW_DET)) || (!(FL(k + 1) & CT_CAP) && (FL(k + 1) & CT_WORD) &&
                                                  !(CLS(k + 1) & (CW_REL | CW_SUB | CW_PREP | CW_CONJ | CW_PRON)) &&
                                                  !verbish(s, l, k + 1))) {
            int verb = 0;
            for (e = k + 1; e < end && e - k <= 12 && !PUNCT(e, ','); e++)
                verb |= verbish(s, l, e) || (CLS(e) & (CW_REL | CW_NEG));
            if (verb || e - k > 12 || (CLS(k + 1) & CW_PRON))
                continue;
            return e < end ? drop(s, l, k + 1, e) : drop(s, l, k, e);
        }
    }
    for (k = 0; k + 1 < end; k++)
        if (IS(k, "aged") && (FL(k + 1) & CT_NUM))
            return drop(s, l, k - (k > 0 && PUNCT(k - 1, ',')), k + 2);
    /* any insert between the subject and its verb: "The actor, best known
       for ..., died" */
    for (k = 1; k < 8 && k < end && !PUNCT(k, ','); k++)
        if (verbish(s, l, k))
            return 0;
    if (k < 8 && k < end) {
        int named = 0, j;
        for (e = k + 1; e < end && e - k <= 16 && !PUNCT(e, ','); e++)
            ;
        /* "The prime minister, Jane Doe, resigned": the name is the news */
        for (j = k + 1; j < e && !(FL(k - 1) & CT_CAP); j++)
            named |= (FL(j) & CT_CAP) != 0;
        if (e < end && PUNCT(e, ',') && e > k + 1 && !named &&
            (verbish(s, l, e + 1) || (CLS(e + 1) & (CW_MODAL | CW_NEG))) && !(CLS(e + 1) & CW_SAY))
            return drop(s, l, k + 1, e);
    }
    return 0;
}

/* ---- relative clauses ---- */

static int rule_relative(cd_sent *s)
{
    live lv, *l = &lv;
    int k, e, end;
    gather(s, l);
    end = sentence_end(s, l, 0);
    for (k = 1; k + 1 < end; k++) {
        /* ", who ...", ", many of whom ..." */
        int rel = (CLS(k + 1) & CW_REL) || (IS(k + 2, "of") && (CLS(k + 3) & CW_REL));
        if (!PUNCT(k, ',') || !rel)
            continue;
        for (e = k + 2; e < end && !PUNCT(e, ','); e++)
            ;
        if (e - k > 30)
            continue;
        return e < end ? drop(s, l, k + 1, e) : drop(s, l, k, e);
    }
    return 0;
}

/* ---- trailing subordinate clauses ---- */

static int subordinator(const cd_sent *s, const live *l, int k)
{
    const cd_tok *t;
    if (k < 0 || k >= l->n)
        return 0;
    t = T(k);
    if (CLS(k) & (CW_SUB | CW_REL))
        return 1;
    if (IS(k, "saying") || IS(k, "citing") || IS(k, "adding") || IS(k, "prompting") ||
        IS(k, "sending") || IS(k, "raising") || IS(k, "marking") || IS(k, "with") ||
        IS(k, "in") || IS(k, "but") || IS(k, "leaving") || IS(k, "bringing") || IS(k, "amid"))
        return 1;
    /* "(just) weeks after ...", "driven by ..." */
    if (((CLS(k) & CW_TIME) && (CLS(k + 1) & CW_SUB)) ||
        ((verbish(s, l, k) || (t->len > 4 && !memcmp(s->text + t->off + t->len - 2, "en", 2))) &&
         IS(k + 1, "by")) ||
        ((IS(k, "just") || IS(k, "only")) && (CLS(k + 1) & CW_TIME) && (CLS(k + 2) & CW_SUB)))
        return 1;
    return !(t->flags & CT_CAP) && t->len > 5 && !memcmp(s->text + t->off + t->len - 3, "ing", 3);
}

static int rule_subordinate(cd_sent *s)
{
    live lv, *l = &lv;
    int k, end;
    gather(s, l);
    end = sentence_end(s, l, 0);
    for (k = end - 2; k > 3; k--) {
        if (!subordinator(s, l, k + 1))
            continue;
        if (PUNCT(k, ',') || PUNCT(k, ';') || (FL(k) & CT_DASH)) {
            if (!numbered(s, l, k, end))
                return drop(s, l, k, end);
        } else if ((CLS(k + 1) & CW_SUB) && k >= 4 && end - k > 3 && !numbered(s, l, k + 1, end)) {
            int e, verb = !(CLS(k + 1) & CW_PREP);
            for (e = k + 2; e < end && !verb; e++)
                verb = verbish(s, l, e);
            if (verb) /* ", days after ...": the comma's clause goes whole */
                return drop(s, l, PUNCT(k - 1, ',') && (CLS(k) & CW_TIME) ? k - 1 : k + 1, end);
        }
    }
    return 0;
}

/* ---- trailing prepositional phrases ---- */

static int rule_prep(cd_sent *s)
{
    live lv, *l = &lv;
    int k, end;
    gather(s, l);
    end = sentence_end(s, l, 0);
    for (k = end - 2; k >= 4 && end - k <= 10; k--) {
        if (PUNCT(k, ',') || (CLS(k) & (CW_CONJ | CW_SUB)) || verbish(s, l, k))
            return 0;
        if (!(CLS(k) & CW_PREP) || IS(k, "of"))
            continue;
        if (IS(k, "to") && !(CLS(k + 1) & (CW_ART | CW_DET)))
            continue;
        if (guarded(s, l, k, end, 1))
            return 0;
        return drop(s, l, k, end);
    }
    return 0;
}

/* ---- articles ---- */

static int rule_article(cd_sent *s)
{
    live lv, *l = &lv;
    int k;
    gather(s, l);
    for (k = 0; k < l->n; k++)
        if ((CLS(k) & CW_ART) && (k == 0 || !(FL(k) & CT_CAP) || (FL(k - 1) & CT_OPEN)) &&
            (FL(k + 1) & CT_WORD))
            return drop(s, l, k, k + 1);
    return 0;
}

typedef struct rule {
    const char *name;
    cd_rule_fn fn;
} rule;

static const rule rules[] = {
    { "time", rule_time }, { "attribution", rule_attribution }, { "adjunct", rule_adjunct },
    { "paren", rule_paren }, { "appositive", rule_appositive }, { "relative", rule_relative },
    { "subordinate", rule_subordinate }, { "prep", rule_prep }, { "article", rule_article },
};
#define NRULES (sizeof rules / sizeof rules[0])

static const char *const names[NRULES + 1] = {
    "time", "attribution", "adjunct", "paren", "appositive", "relative", "subordinate", "prep",
    "article", NULL,
};

const char *const *condense_rule_names(void)
{
    return names;
}

cd_rule_fn condense_rule(const char *name)
{
    size_t i;
    for (i = 0; i < NRULES; i++)
        if (!strcmp(rules[i].name, name))
            return rules[i].fn;
    return NULL;
}


void condense_rules_run(cd_sent *s)
{
    uint16_t saved[CD_MAX_TOKS];
    /* measured again only after a change: measuring walks the sentence */
    unsigned long f = cd_fits(s);
    size_t i;
    int k;
    for (i = 0; i < NRULES; i++) {
        int rounds = 0, trailing = rules[i].fn == rule_subordinate || rules[i].fn == rule_prep;
        while (rounds++ < CD_MAX_TOKS && !f) {
            for (k = 0; k < s->n; k++)
                saved[k] = s->tok[k].flags;
            if (!rules[i].fn(s))
                break;
            cd_tidy(s);
            f = cd_fits(s);
            /* a trailing clause that leaves most of the budget empty stays:
               the fit's cut keeps more of it */
            if (trailing && f > 0 && f - 1 < TRAILING_KEEP) {
                for (k = 0; k < s->n; k++)
                    s->tok[k].flags = saved[k];
                f = 0; /* as before the clause went: over budget */
                break;
            }
        }
    }
}

/*
 * condense_tok.c - the token sentence the compression rules edit: split
 * cleaned text into words and punctuation, delete or replace tokens, tidy
 * the punctuation deletions leave behind, and render it back to text.
 *
 * Spacing is kept from the source: a token glued to the one before it
 * (a comma, the ")" of "(AP)") stays glued while that one lives; closing
 * punctuation always glues, and nothing follows an opening bracket with a
 * space.
 */
#include <string.h>
#include <utf8proc.h>

#include "condense_internal.h"

/* Abbreviations whose final '.' is part of the word, not a full stop. */
static const char *const dotted[] = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "Gen", "Sen",
    "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Prof", "No", "vs", "Mt", "Ft", "Rev", "Pres",
};

static int one_of(const char *s, size_t n, const char *const *list, size_t count)
{
    size_t i;
    for (i = 0; i < count; i++)
        if (strlen(list[i]) == n && !memcmp(list[i], s, n))
            return 1;
    return 0;
}

/* Length of the punctuation that starts (or ends, at_end) s[0..n): one of
   the ASCII set, or one of the encoded strings in set; 0 when none. */
static size_t punct_len(const char *s, size_t n, int at_end, const char *set_ascii,
                        const char *const *set, size_t count)
{
    size_t i;
    char c;
    if (n == 0)
        return 0;
    c = at_end ? s[n - 1] : s[0];
    if ((unsigned char)c < 0x80)
        return c && strchr(set_ascii, c) ? 1 : 0;
    for (i = 0; i < count; i++) {
        size_t k = strlen(set[i]);
        if (n >= k && !memcmp(at_end ? s + n - k : s, set[i], k))
            return k;
    }
    return 0;
}

/* “ ‘ « „ */
static const char *const open_cps[] = { "\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB", "\xE2\x80\x9E" };
/* ” ’ » … */
static const char *const close_cps[] = { "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB", "\xE2\x80\xA6" };
/* — – */
static const char *const dash_cps[] = { "\xE2\x80\x94", "\xE2\x80\x93" };

static int add(cd_sent *s, const char *src, size_t off, size_t len, uint16_t flags)
{
    cd_tok *t;
    size_t i;
    uint32_t cp;
    if (s->n >= CD_MAX_TOKS || len == 0 || len > 0xFFFF)
        return -1;
    t = &s->tok[s->n++];
    t->off = (uint32_t)off;
    t->len = (uint16_t)len;
    t->flags = flags;
    t->cls = 0;
    t->px = CD_PX_UNKNOWN;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[off + i];
        if ((c >= '0' && c <= '9'))
            t->flags |= CT_NUM | CT_WORD;
        else if ((c | 32) >= 'a' && (c | 32) <= 'z')
            t->flags |= CT_WORD;
        else if (c >= 0xC0 && !(flags & (CT_OPEN | CT_CLOSE | CT_DASH)))
            t->flags |= CT_WORD;
    }
    if (t->flags & CT_WORD) {
        unsigned char c0 = (unsigned char)src[off];
        if (c0 < 0x80)
            cp = c0;
        else
            condense_utf8(src + off, len, &cp);
        if (c0 < 0x80 ? (c0 >= 'A' && c0 <= 'Z') : utf8proc_isupper((utf8proc_int32_t)cp))
            t->flags |= CT_CAP;
        t->cls = condense_word_class(src + off, len);
    }
    return 0;
}

/* Splits one chunk (no spaces) s->text[a..b) into tokens. */
static void chunk(cd_sent *s, size_t a, size_t b, int last, int *open_single)
{
    const char *x = s->text;
    size_t ends[16], lens[16], nends = 0, k;
    uint16_t glue = 0;

    for (;;) {
        if ((k = punct_len(x + a, b - a, 0, "([{\"", open_cps, 4)) > 0 && b - a > k) {
            if (k == 3 && !memcmp(x + a, "\xE2\x80\x98", 3))
                *open_single = 1;
        } else if (b - a > 1 && x[a] == '\'' && ((x[a + 1] | 32) >= 'a' && (x[a + 1] | 32) <= 'z')) {
            k = 1;
            *open_single = 1;
        } else {
            break;
        }
        add(s, x, a, k, (uint16_t)(CT_OPEN | glue));
        glue = CT_GLUE;
        a += k;
    }
    while (b > a && nends < 16) {
        const char *w = x + a;
        size_t n = b - a;
        k = punct_len(w, n, 1, ",;:)]}\"!?", close_cps, 4);
        if (!k && w[n - 1] == '.' && n > 1) {
            size_t j;
            int inner = 0;
            for (j = 0; j + 1 < n; j++)
                inner |= w[j] == '.';
            if (last || (!inner && !one_of(w, n - 1, dotted, sizeof dotted / sizeof dotted[0])))
                k = 1;
        }
        if (!k && *open_single && n > 1 && (w[n - 1] == '\'' || (n > 3 && !memcmp(w + n - 3, "\xE2\x80\x99", 3)))) {
            k = w[n - 1] == '\'' ? 1 : 3;
            *open_single = 0;
        }
        if (!k || k >= n)
            break;
        lens[nends] = k;
        ends[nends++] = b - k;
        b -= k;
    }
    /* em and en dashes between words split them */
    while (a < b) {
        size_t i, cut = b, dl = 0;
        for (i = a; i + 3 <= b; i++)
            if ((dl = punct_len(x + i, b - i, 0, "", dash_cps, 2)) > 0) {
                cut = i;
                break;
            }
        if (cut == b) {
            if (b - a == 1 && x[a] == '-')
                add(s, x, a, 1, (uint16_t)(CT_DASH | glue));
            else if (b - a == 2 && !memcmp(x + a, "--", 2))
                add(s, x, a, 2, (uint16_t)(CT_DASH | glue));
            else
                add(s, x, a, b - a, glue);
            glue = CT_GLUE;
            break;
        }
        if (cut > a) {
            add(s, x, a, cut - a, glue);
            glue = CT_GLUE;
        }
        add(s, x, cut, dl, (uint16_t)(CT_DASH | glue));
        glue = CT_GLUE;
        a = cut + dl;
    }
    while (nends > 0) {
        size_t e = ends[--nends];
        uint16_t f = (uint16_t)(CT_CLOSE | glue);
        if (x[e] == '.' || x[e] == '!' || x[e] == '?')
            f |= CT_END;
        add(s, x, e, lens[nends], f);
        glue = CT_GLUE;
    }
}

void cd_tokenize(cd_sent *s, const char *in, size_t n)
{
    size_t i = 0;
    int open_single = 0;
    if (n >= CD_TEXT / 2)
        n = CD_TEXT / 2 - 1;
    memcpy(s->text, in, n);
    s->text[n] = '\0';
    s->text_len = n;
    s->n = 0;
    while (i < n) {
        size_t j;
        while (i < n && s->text[i] == ' ')
            i++;
        j = i;
        while (j < n && s->text[j] != ' ')
            j++;
        if (j > i)
            chunk(s, i, j, j >= n, &open_single);
        i = j;
    }
}

void cd_kill(cd_sent *s, int a, int b)
{
    for (; a < b && a < s->n; a++)
        if (a >= 0)
            s->tok[a].flags |= CT_DEAD;
}

int cd_punct(const cd_sent *s, int i, char c)
{
    return i >= 0 && i < s->n && !(s->tok[i].flags & (CT_DEAD | CT_WORD)) && s->tok[i].len == 1 &&
           s->text[s->tok[i].off] == c;
}

int cd_replace(cd_sent *s, int i, const char *text, size_t len)
{
    cd_tok *t = &s->tok[i];
    if (len > 0xFFFF || s->text_len + len + 1 > sizeof s->text)
        return -1;
    memcpy(s->text + s->text_len, text, len);
    t->off = (uint32_t)s->text_len;
    t->len = (uint16_t)len;
    s->text_len += len;
    s->text[s->text_len] = '\0';
    t->cls = condense_word_class(text, len);
    t->px = CD_PX_UNKNOWN;
    return 0;
}

size_t cd_render(const cd_sent *s, char *out, size_t cap)
{
    return cd_render_ends(s, out, cap, NULL);
}

size_t cd_render_ends(const cd_sent *s, char *out, size_t cap, size_t *ends)
{
    size_t o = 0;
    int i, prev = -1;
    for (i = 0; i < s->n; i++) {
        const cd_tok *t = &s->tok[i];
        int space;
        if (t->flags & CT_DEAD)
            continue;
        space = cd_space(s, prev, i);
        if (o + (size_t)space + t->len + 1 > cap)
            break;
        if (space)
            out[o++] = ' ';
        memcpy(out + o, s->text + t->off, t->len);
        o += t->len;
        if (ends)
            ends[i] = o;
        prev = i;
    }
    if (cap)
        out[o] = '\0';
    return o;
}

/* 1 for , ; : */
static int is_sep(const cd_sent *s, int i)
{
    return cd_punct(s, i, ',') || cd_punct(s, i, ';') || cd_punct(s, i, ':');
}

void cd_tidy(cd_sent *s)
{
    int i, changed = 1;
    while (changed) {
        int first = cd_next(s, -1), last = cd_prev(s, s->n);
        changed = 0;
        if (first >= 0 && (is_sep(s, first) || (s->tok[first].flags & (CT_DASH | CT_END)) ||
                           cd_is(s, first, "and") || cd_is(s, first, "but"))) {
            cd_kill(s, first, first + 1);
            changed = 1;
            continue;
        }
        if (last >= 0 && (is_sep(s, last) || (s->tok[last].flags & (CT_DASH | CT_OPEN)) ||
                          cd_punct(s, last, '.'))) {
            cd_kill(s, last, last + 1);
            changed = 1;
            continue;
        }
        for (i = cd_next(s, -1); i >= 0; i = cd_next(s, i)) {
            int nx = cd_next(s, i);
            if (nx < 0)
                break;
            if ((is_sep(s, i) || (s->tok[i].flags & CT_DASH)) &&
                (is_sep(s, nx) || (s->tok[nx].flags & (CT_END | CT_DASH)) ||
                 cd_punct(s, nx, ')'))) {
                cd_kill(s, i, i + 1);
                changed = 1;
            } else if ((s->tok[i].flags & CT_OPEN) && !(s->tok[nx].flags & CT_WORD) &&
                       (s->tok[nx].flags & CT_CLOSE)) {
                cd_kill(s, i, nx + 1);
                changed = 1;
            }
        }
    }
}

/*
 * condense_lead.c - a headline for a whole plain-text article: its title
 * line when that is a usable headline, else the lead sentence of its first
 * body paragraph, both condensed by condense_line().
 */
#include <string.h>

#include "condense_internal.h"

/* A title longer than this is a paragraph, not a headline. */
#define TITLE_MAX_BYTES 300
/* A paragraph with fewer words is a caption, a subhead or a byline. */
#define LEAD_MIN_WORDS 8

static size_t words(const char *s, size_t n)
{
    size_t i, w = 0;
    for (i = 0; i < n; i++)
        w += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return w;
}

/* Length of the first sentence of s[0..n): up to a '.', '!' or '?' that is
   followed by a space and a capital or a quote, and that does not close an
   abbreviation ("Mr.", "U.S.") or an initial ("John F. Kennedy"). */
static size_t first_sentence(const char *s, size_t n)
{
    size_t i;
    for (i = 1; i + 2 < n; i++) {
        size_t w;
        if ((s[i] != '.' && s[i] != '!' && s[i] != '?') || s[i + 1] != ' ')
            continue;
        if (!((s[i + 2] >= 'A' && s[i + 2] <= 'Z') || s[i + 2] == '"' || (unsigned char)s[i + 2] >= 0xC0 ||
              (unsigned char)s[i + 2] == 0xE2))
            continue;
        for (w = i; w > 0 && s[w - 1] != ' '; w--)
            ;
        if (s[i] == '.' && (memchr(s + w, '.', i - w) || i - w <= 1 ||
                            (i - w <= 3 && s[w] >= 'A' && s[w] <= 'Z')))
            continue;
        return i + 1;
    }
    return n;
}

int condense_article(const condense_opts *o, const char *text, size_t len, char *out, size_t cap)
{
    char clean[CD_BUF];
    size_t i = 0, line = 0;

    while (i < len) {
        size_t a = i, b, n;
        while (i < len && text[i] != '\n')
            i++;
        b = i++;
        n = condense_clean(text + a, b - a, clean, sizeof clean);
        if (n == 0 || condense_boiler_line(clean, n))
            continue;
        if (line++ == 0) {
            if (n <= TITLE_MAX_BYTES && words(clean, n) >= 3 && clean[n - 1] != ':')
                return condense_line(o, clean, n, out, cap);
            if (words(clean, n) < LEAD_MIN_WORDS)
                continue;
        }
        if (words(clean, n) >= LEAD_MIN_WORDS)
            return condense_line(o, clean, first_sentence(clean, n), out, cap);
    }
    if (cap)
        out[0] = '\0';
    return cap ? 0 : -1;
}

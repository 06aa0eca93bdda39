/*
 * condense_affix.c - strips the labels feeds wrap headlines in: tag
 * prefixes ("LIVE:", "BREAKING:", "UPDATE 2-", "EXCLUSIVE-", "WATCH:") and
 * source suffixes (" - Reuters", " | Al Jazeera", the feed's own name).
 */
#include <string.h>

#include "condense_internal.h"

/* Tags that open a headline, lower case; a digit run may follow ("update 2"). */
static const char *const tags[] = {
    "live updates", "live", "breaking news", "breaking", "update", "updated", "exclusive",
    "watch", "video", "analysis", "opinion", "explainer", "factbox", "instant view", "focus",
    "rpt", "refile", "corrected", "correction", "just in", "photos", "listen", "review",
    "editorial", "column", "interview", "wrapup", "graphic", "podcast", "comment", "urgent",
    "flash", "alert", "developing", "breakingviews", "timeline", "q&a", "fact check",
};

/* Outlets whose name closes headlines. */
static const char *const outlets[] = {
    "reuters", "ap", "ap news", "associated press", "afp", "bbc", "bbc news", "cnn",
    "al jazeera", "the guardian", "guardian", "the new york times", "nyt", "bloomberg",
    "fox news", "npr", "sky news", "euronews", "france 24", "dw", "deutsche welle",
    "the washington post", "financial times", "ft", "axios", "politico", "the independent",
    "abc news", "cbs news", "nbc news", "the hill", "yahoo news", "le monde", "times of india",
    "hindustan times", "south china morning post", "scmp", "the times", "the telegraph",
    "wsj", "the wall street journal", "cnbc", "the economist", "rte", "abc", "cbc", "cbc news",
};

/* Words that mark an unknown suffix as an outlet's name. */
static const char *const outlet_words[] = {
    "news", "times", "post", "journal", "herald", "tribune", "today", ".com", "daily",
    "gazette", "telegraph", "express", "press", "online", "media", "radio", "tv",
};

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* 1 when s[0..n) equals w, ignoring ASCII case. */
static int same(const char *s, size_t n, const char *w)
{
    size_t i;
    if (strlen(w) != n)
        return 0;
    for (i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != lower((unsigned char)w[i]))
            return 0;
    return 1;
}

static int has(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w), i;
    for (i = 0; i + k <= n; i++)
        if (same(s + i, k, w))
            return 1;
    return 0;
}

/* Length of a tag prefix with its delimiter at s, or 0. */
static size_t tag_prefix(const char *s, size_t n)
{
    size_t t;
    for (t = 0; t < sizeof tags / sizeof tags[0]; t++) {
        size_t k = strlen(tags[t]), i;
        if (k >= n || !same(s, k, tags[t]))
            continue;
        i = k;
        if (i + 1 < n && s[i] == ' ' && s[i + 1] >= '0' && s[i + 1] <= '9')
            i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        while (i < n && s[i] == ' ')
            i++;
        if (i < n && (s[i] == ':' || s[i] == '-' || s[i] == '|'))
            i++;
        else if (i + 3 <= n && (!memcmp(s + i, "\xE2\x80\x94", 3) || !memcmp(s + i, "\xE2\x80\x93", 3)))
            i += 3;
        else
            continue;
        while (i < n && s[i] == ' ')
            i++;
        return i < n ? i : 0;
    }
    return 0;
}

/* Where a source suffix starts in s[0..n) (its delimiter), or n. */
static size_t source_suffix(const char *s, size_t n, const char *site)
{
    size_t i, cut = n, words = 1;
    int pipe = 0;
    for (i = n; i-- > 1;) {
        size_t d = 0;
        if (s[i] == ' ' && i + 2 < n && (s[i + 1] == '-' || s[i + 1] == '|') && s[i + 2] == ' ')
            d = 3, pipe = s[i + 1] == '|';
        else if (s[i] == ' ' && i + 4 < n && s[i + 4] == ' ' &&
                 (!memcmp(s + i + 1, "\xE2\x80\x94", 3) || !memcmp(s + i + 1, "\xE2\x80\x93", 3)))
            d = 5;
        else if (s[i] == ' ')
            words++;
        if (d) {
            const char *t = s + i + d;
            size_t tn = n - i - d, k;
            int known = site && *site && same(t, tn, site);
            for (k = 0; !known && k < sizeof outlets / sizeof outlets[0]; k++)
                known = same(t, tn, outlets[k]);
            for (k = 0; !known && words <= 4 && k < sizeof outlet_words / sizeof outlet_words[0]; k++)
                known = has(t, tn, outlet_words[k]) && t[0] >= 'A' && t[0] <= 'Z';
            if (!known && pipe && words <= 5)
                known = 1;
            if (!known)
                break;
            cut = i;
            n = i;
            words = 1;
            pipe = 0;
            i = n;
        }
        if (n - i > 60)
            break;
    }
    return cut;
}

size_t condense_affix(const char *in, size_t n, const char *site, char *out, size_t cap)
{
    size_t a = 0, b, k, rounds;
    for (rounds = 0; rounds < 3 && (k = tag_prefix(in + a, n - a)) > 0; rounds++)
        a += k;
    b = a + source_suffix(in + a, n - a, site);
    while (b > a && in[b - 1] == ' ')
        b--;
    if (b - a >= cap)
        b = a + cap - 1;
    while (b > a && b < n && ((unsigned char)in[b] & 0xC0) == 0x80)
        b--;
    memcpy(out, in + a, b - a);
    out[b - a] = '\0';
    return b - a;
}

/*
 * condense_boiler.c - drops what is not news: whole lines that are photo
 * captions, credits, agency notices or "Source:" lines, and the fragments
 * of them left inside a headline or a lead sentence: datelines such as
 * "NEW YORK (Reuters) -", picture credits ("REUTERS/Name", "AP Photo/Name",
 * "[KCNA via Reuters]"), "EDITORIAL USE ONLY", "(Adds ...)" notes and a
 * trailing "Read more".
 */
#include <string.h>

#include "condense_internal.h"

/* News agencies as they appear in datelines and credits. */
static const char *const agencies[] = {
    "Reuters", "AP", "AFP", "dpa", "Bloomberg", "UPI", "Xinhua", "EFE", "ANSA", "PTI", "ANI",
    "IANS", "AA", "Kyodo", "Yonhap", "TASS", "CNN", "BBC", "CNS", "Reuters Breakingviews",
};

/* A string and its length, for the tables searched on every line. */
typedef struct mark {
    const char *s;
    size_t n;
} mark;
#define M(lit) { lit, sizeof lit - 1 }

/* A line that starts with one of these is boilerplate. */
static const mark line_starts[] = {
    M("source:"), M("sources:"), M("read more"), M("related:"), M("related coverage"), M("photo:"), M("image:"),
    M("file photo"), M("attention editors"), M("reporting by"), M("(reporting by"), M("editing by"),
    M("writing by"), M("additional reporting"), M("copyright"), M("\xC2\xA9"), M("all rights reserved"),
    M("click here"), M("sign up"), M("subscribe"), M("advertisement"), M("credit:"), M("photograph:"),
    M("watch:"), M("listen:"), M("caption:"), M("pictured:"),
};

/* A line that holds one of these at the start of a word is a caption or a
   notice. Sorted, so that a word is compared with its letter's marks only. */
static const mark caption_marks[] = {
    M("afp photo"), M("ap photo"), M("attention editors"), M("editorial use only"), M("epa-efe"),
    M("file photo"), M("getty images"), M("handout photo"), M("in this file"), M("in this handout"),
    M("in this image"), M("in this photo"), M("in this picture"), M("is seen in this"),
    M("mandatory credit"), M("no archives"), M("no resales"), M("photo taken"), M("picture taken"),
    M("pose for a photo"), M("poses for a photo"), M("reuters/"), M("third party sales"),
    M("this image was provided"),
};

/* Fragments removed from inside a line, with what ends them. */
typedef struct fragment {
    const char *mark;   /* lower case */
    int to_end;         /* 1: removes to the end of the line */
} fragment;

static const fragment fragments[] = {
    { "editorial use only", 0 }, { "read more", 1 }, { "continue reading", 1 },
    { " source:", 1 }, { "click here", 1 }, { "file photo", 0 },
};

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Position of lower-case needle in s[0..n), any case; -1 when absent. */
static long find(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle), i, j;
    if (k == 0 || k > n)
        return -1;
    for (i = 0; i + k <= n; i++) {
        for (j = 0; j < k && lower((unsigned char)s[i + j]) == needle[j]; j++)
            ;
        if (j == k)
            return (long)i;
    }
    return -1;
}

static int starts(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix), j;
    if (k > n)
        return 0;
    for (j = 0; j < k; j++)
        if (lower((unsigned char)s[j]) != prefix[j])
            return 0;
    return 1;
}

static int alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The first caption mark starting with c, or the count when none does. */
static size_t first_mark(char c)
{
    size_t lo = 0, hi = sizeof caption_marks / sizeof caption_marks[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (caption_marks[mid].s[0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* 1 when lower-case low[0..n) holds a caption mark at the start of a word.
   One pass over the words: searching the line once per mark cost more than
   all the other cleaning stages together. */
static int has_caption_mark(const char *low, size_t n)
{
    const size_t count = sizeof caption_marks / sizeof caption_marks[0];
    size_t i, m;
    for (i = 0; i < n; i++) {
        if ((i > 0 && alnum(low[i - 1])) || !alnum(low[i]))
            continue;
        for (m = first_mark(low[i]); m < count && caption_marks[m].s[0] == low[i]; m++)
            if (caption_marks[m].n <= n - i && !memcmp(low + i, caption_marks[m].s, caption_marks[m].n))
                return 1;
    }
    return 0;
}

int condense_boiler_line(const char *s, size_t n)
{
    char low[CD_BUF];
    size_t i;
    while (n > 0 && (*s == ' ' || *s == '-' || *s == '*'))
        s++, n--;
    if (n == 0)
        return 0;
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (i = 0; i < n; i++)
        low[i] = (char)lower((unsigned char)s[i]);
    for (i = 0; i < sizeof line_starts / sizeof line_starts[0]; i++)
        if (line_starts[i].n <= n && !memcmp(low, line_starts[i].s, line_starts[i].n))
            return 1;
    return has_caption_mark(low, n);
}

/* 1 when s[0..n) is an agency's name. */
static int agency(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < sizeof agencies / sizeof agencies[0]; i++)
        if (strlen(agencies[i]) == n && !memcmp(s, agencies[i], n))
            return 1;
    return 0;
}

/* Length of a dash and the spaces around it at s, or 0. */
static size_t dash_at(const char *s, size_t n)
{
    size_t i = 0, k = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i + 1 < n && s[i] == '-' && s[i + 1] == '-')
        k = 2;
    else if (i < n && s[i] == '-')
        k = 1;
    else if (i + 3 <= n && (!memcmp(s + i, "\xE2\x80\x94", 3) || !memcmp(s + i, "\xE2\x80\x93", 3)))
        k = 3;
    if (!k)
        return 0;
    i += k;
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

/* Length of a dateline at the start of s: "CITY, Date (Agency) - ", "CITY - ". */
static size_t dateline(const char *s, size_t n)
{
    size_t i, upper = 0, lowers = 0;
    for (i = 0; i < n && i < 80; i++) {
        if (s[i] == '(') {
            size_t j = i + 1, d;
            while (j < n && s[j] != ')' && j - i < 30)
                j++;
            if (j < n && s[j] == ')' && agency(s + i + 1, j - i - 1) &&
                (d = dash_at(s + j + 1, n - j - 1)) > 0)
                return j + 1 + d;
            return 0;
        }
        if (s[i] == '.' && i + 1 < n && s[i + 1] == ' ' && i > 0 && lower((unsigned char)s[i - 1]) == s[i - 1])
            return 0; /* a full stop: this is a sentence, not a dateline */
        if (s[i] >= 'A' && s[i] <= 'Z')
            upper++;
        else if (s[i] >= 'a' && s[i] <= 'z')
            lowers++;
        else if (s[i] == ' ' && upper >= 3 && !lowers) {
            size_t d = dash_at(s + i, n - i);
            if (d > 0) {
                size_t j, rest_lower = 0;
                for (j = i + d; j < n; j++)
                    rest_lower += s[j] >= 'a' && s[j] <= 'z';
                if (rest_lower && !starts(s, i, "breaking") && !starts(s, i, "update") &&
                    !starts(s, i, "exclusive") && !starts(s, i, "live") && !starts(s, i, "watch") &&
                    !starts(s, i, "analysis"))
                    return i + d;
                return 0;
            }
        }
    }
    return 0;
}

/* Length of a credit at s: "REUTERS/First Last", "AP Photo/First Last". */
static size_t credit(const char *s, size_t n)
{
    size_t i = 0, words = 0;
    const char *slash;
    int c0 = lower((unsigned char)s[0]);
    if (c0 != 'r' && c0 != 'a' && c0 != 'e' && c0 != 'g')
        return 0;
    slash = memchr(s, '/', n < 24 ? n : 24);
    if (!slash || !(starts(s, n, "reuters/") || starts(s, n, "ap photo/") ||
                    starts(s, n, "afp photo/") || starts(s, n, "epa/") || starts(s, n, "getty images/")))
        return 0;
    i = (size_t)(slash - s) + 1;
    while (i < n && words < 3) {
        size_t j = i;
        if (!(s[j] >= 'A' && s[j] <= 'Z'))
            break;
        while (j < n && s[j] != ' ' && s[j] != ')' && s[j] != ']')
            j++;
        i = j;
        words++;
        if (i + 1 < n && s[i] == ' ' && s[i + 1] >= 'A' && s[i + 1] <= 'Z')
            i++;
        else
            break;
    }
    return i;
}

/* Length of a bracketed note at s ('(' or '['): agency credits and "(Adds ...)". */
static size_t note(const char *s, size_t n)
{
    char close = s[0] == '(' ? ')' : ']';
    const char *e = memchr(s, close, n < 200 ? n : 200);
    size_t len;
    if (!e)
        return 0;
    len = (size_t)(e - s) + 1;
    if (s[0] == '(' && (starts(s + 1, len - 1, "adds ") || starts(s + 1, len - 1, "updates ") ||
                        starts(s + 1, len - 1, "recasts") || starts(s + 1, len - 1, "corrects ") ||
                        starts(s + 1, len - 1, "writes through") || starts(s + 1, len - 1, "changes ") ||
                        starts(s + 1, len - 1, "photo") || starts(s + 1, len - 1, "reporting by") ||
                        starts(s + 1, len - 1, "ap photo") || starts(s + 1, len - 1, "reuters/")))
        return len;
    if (find(s, len, " via ") >= 0 || find(s, len, "reuters") >= 0 || find(s, len, "getty") >= 0 ||
        find(s, len, "photo") >= 0 || find(s, len, "afp") >= 0)
        return len;
    return 0;
}

size_t condense_boiler(const char *in, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0, k, f;
    uint32_t firsts[8] = { 0 }; /* the bytes fragments start with */

    if (condense_boiler_line(in, n)) {
        out[0] = '\0';
        return 0;
    }
    for (f = 0; f < sizeof fragments / sizeof fragments[0]; f++)
        firsts[(unsigned char)fragments[f].mark[0] >> 5] |= 1u << (fragments[f].mark[0] & 31);
    i = dateline(in, n);
    while (i < n && o + 1 < cap) {
        unsigned char c;
        if (i > 0 && in[i - 1] != ' ' && in[i - 1] != '(' && in[i] != ' ') {
            /* inside a word nothing starts: copy to where something may */
            do
                out[o++] = in[i++];
            while (i < n && o + 1 < cap && in[i] != ' ' && in[i - 1] != '(');
            continue;
        }
        c = (unsigned char)lower((unsigned char)in[i]);
        if ((in[i] == '(' || in[i] == '[') && (k = note(in + i, n - i)) > 0) {
            i += k;
            continue;
        }
        if ((i == 0 || in[i - 1] == ' ' || in[i - 1] == '(') && (k = credit(in + i, n - i)) > 0) {
            i += k;
            continue;
        }
        f = firsts[c >> 5] & (1u << (c & 31)) ? 0 : sizeof fragments / sizeof fragments[0];
        for (; f < sizeof fragments / sizeof fragments[0]; f++)
            if (c == (unsigned char)fragments[f].mark[0] &&
                starts(in + i, n - i, fragments[f].mark) &&
                (i == 0 || in[i - 1] == ' ' || fragments[f].mark[0] == ' '))
                break;
        if (f < sizeof fragments / sizeof fragments[0]) {
            i = fragments[f].to_end ? n : i + strlen(fragments[f].mark);
            continue;
        }
        if (in[i] == ' ' && (o == 0 || out[o - 1] == ' ')) {
            i++;
            continue;
        }
        out[o++] = in[i++];
    }
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '-'))
        o--;
    while (i < n && o > 0 && ((unsigned char)in[i] & 0xC0) == 0x80)
        o--, i--; /* stopped by cap inside a code point */
    out[o] = '\0';
    return o;
}

/*
 * playlist_similar.c - is it the same story? Two cleaned titles are
 * compared as sets of normalised words (Dice: twice the shared words over
 * all words), so that "Kim shows Shoigu banned missiles" and "North
 * Korea's Kim displays banned missiles to Russia's Shoigu" meet, while
 * "Fed raises rates" and "Fed holds rates" (two shared words) do not.
 * Words are cut to a short key, which folds plurals, possessives and most
 * inflections ("displays", "displayed") without a stemmer.
 *
 * Also the include/exclude/breaking word lists: whole words, ASCII case
 * ignored.
 */
#include <string.h>

#include "playlist.h"

/* Words that say nothing about which story it is. */
static const char *const stop_words[] = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this",
    "that", "after", "over", "into", "amid", "says", "say", "said", "new", "live", "update",
    NULL
};

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int is_stop(const char *w, size_t n)
{
    unsigned i;
    for (i = 0; stop_words[i]; i++)
        if (strlen(stop_words[i]) == n && memcmp(stop_words[i], w, n) == 0)
            return 1;
    return 0;
}

static int has_key(const playlist_words *ws, const char *key)
{
    unsigned i;
    for (i = 0; i < ws->n; i++)
        if (strcmp(ws->w[i], key) == 0)
            return 1;
    return 0;
}

/* Adds the word w[0..n) (lower-cased already) as a key. */
static void add_word(playlist_words *ws, const char *w, size_t n)
{
    char key[PLAYLIST_WORD_KEY];
    if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
        n--; /* plural or third person: "shows", "missiles"; not "press" */
    if (is_stop(w, n) || ws->n >= PLAYLIST_MAX_WORDS)
        return;
    if (n > PLAYLIST_WORD_KEY - 1)
        n = PLAYLIST_WORD_KEY - 1;
    while (n && ((unsigned char)w[n] & 0xc0) == 0x80 && n < strlen(w))
        n--; /* do not cut a UTF-8 sequence */
    memcpy(key, w, n);
    key[n] = 0;
    if (n && !has_key(ws, key))
        memcpy(ws->w[ws->n++], key, n + 1);
}

void playlist_words_of(const char *title, playlist_words *out)
{
    const unsigned char *s = (const unsigned char *)title;
    out->n = 0;
    while (*s) {
        char w[64];
        size_t n = 0;
        while (*s && !word_byte(*s))
            s++;
        while (*s && word_byte(*s)) {
            if (n < sizeof w - 1)
                w[n++] = lower((char)*s);
            s++;
        }
        w[n] = 0;
        /* "Korea's" and "Korea’s": the possessive goes with the apostrophe */
        if ((*s == '\'' && (s[1] == 's' || s[1] == 'S') && !word_byte(s[2])))
            s += 2;
        else if (s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0x99 && (s[3] == 's' || s[3] == 'S') &&
                 !word_byte(s[4]))
            s += 4;
        if (n)
            add_word(out, w, n);
    }
}

static unsigned shared(const playlist_words *a, const playlist_words *b)
{
    unsigned i, k = 0;
    for (i = 0; i < a->n; i++)
        k += (unsigned)has_key(b, a->w[i]);
    return k;
}

unsigned playlist_similarity(const playlist_words *a, const playlist_words *b)
{
    if (!a->n || !b->n)
        return 0;
    return 200u * shared(a, b) / (a->n + b->n);
}

int playlist_same_story(const playlist_words *a, const playlist_words *b, unsigned threshold)
{
    unsigned k = shared(a, b);
    if (!a->n || !b->n)
        return 0;
    if (k < PLAYLIST_MIN_SHARED && !(k == a->n && k == b->n))
        return 0;
    return 200u * k / (a->n + b->n) >= threshold;
}

/* 1 when text[0..) starts with the n bytes of w, ASCII case ignored. */
static int starts_with(const char *text, const char *w, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!text[i] || lower(text[i]) != lower(w[i]))
            return 0;
    return 1;
}

static int has_one(const char *text, const char *w, size_t n)
{
    const char *p;
    for (p = text; *p; p++)
        if ((p == text || !word_byte((unsigned char)p[-1])) && starts_with(p, w, n) &&
            !word_byte((unsigned char)p[n]))
            return 1;
    return 0;
}

int playlist_has_word(const char *text, const char *list)
{
    while (*list) {
        size_t n;
        while (*list == ',' || *list == ' ')
            list++;
        n = strcspn(list, ",");
        while (n && list[n - 1] == ' ')
            n--;
        if (n && has_one(text, list, n))
            return 1;
        list += strcspn(list, ",");
    }
    return 0;
}

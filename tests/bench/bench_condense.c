/*
 * bench_condense.c - how well and how fast condense works, on the
 * development set in tests/fixtures/condense:
 *
 *   headlines.tsv     first sentences with a human headline: ROUGE-1 and
 *                     ROUGE-2 recall (lower-cased alphanumeric tokens,
 *                     averaged over sentences) at a 75-byte budget, for
 *                     condense and for the baseline "first 75 bytes";
 *   compressions.tsv  sentences with a deletion-based compression: token F1
 *                     against it, at its own length as the budget;
 *
 * and lines per second over both sets. CONDENSE_BENCH_SHOW=1 prints each
 * output beside its reference. Run from the top of the tree (make bench).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "condense.h"

#define MAX_PAIRS 2000
#define MAX_LINE 4096
#define MAX_TOKS 256
#define BUDGET 75

typedef struct pair {
    char *src, *ref;
} pair;

typedef struct toks {
    char t[MAX_TOKS][32];
    int n;
} toks;

/* Reads "src<TAB>ref" lines ('#' comments) from path; returns the count or -1. */
static int load(const char *path, pair *p, int max)
{
    char line[2 * MAX_LINE];
    int n = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "bench_condense: cannot open %s (run from the top of the tree)\n", path);
        return -1;
    }
    while (n < max && fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        p[n].src = strdup(line);
        p[n].ref = strdup(tab + 1);
        if (!p[n].src || !p[n].ref)
            break;
        n++;
    }
    fclose(f);
    return n;
}

static void tokenize(const char *s, toks *t)
{
    t->n = 0;
    while (*s && t->n < MAX_TOKS) {
        size_t k = 0;
        while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
                       (unsigned char)*s >= 0x80))
            s++;
        while (*s && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
                      (unsigned char)*s >= 0x80)) {
            if (k + 1 < sizeof t->t[0])
                t->t[t->n][k++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
            s++;
        }
        if (k) {
            t->t[t->n][k] = '\0';
            t->n++;
        }
    }
}

/* Clipped n-gram overlap between candidate c and reference r; *total gets r's n-grams. */
static int overlap(const toks *c, const toks *r, int n, int *total)
{
    int used[MAX_TOKS] = { 0 }, i, j, k, hits = 0;
    *total = r->n - n + 1 > 0 ? r->n - n + 1 : 0;
    for (i = 0; i + n <= c->n; i++) {
        for (j = 0; j + n <= r->n; j++) {
            if (used[j])
                continue;
            for (k = 0; k < n && !strcmp(c->t[i + k], r->t[j + k]); k++)
                ;
            if (k == n) {
                used[j] = 1;
                hits++;
                break;
            }
        }
    }
    return hits;
}

static double recall(const char *cand, const char *ref, int n)
{
    static toks c, r;
    int total, hits;
    tokenize(cand, &c);
    tokenize(ref, &r);
    hits = overlap(&c, &r, n, &total);
    return total ? (double)hits / total : 0.0;
}

static double f1(const char *cand, const char *ref)
{
    static toks c, r;
    int total, hits;
    double p, rc;
    tokenize(cand, &c);
    tokenize(ref, &r);
    hits = overlap(&c, &r, 1, &total);
    if (!hits)
        return 0.0;
    p = (double)hits / c.n;
    rc = (double)hits / total;
    return 2 * p * rc / (p + rc);
}

/* The baseline: the first `budget` bytes, backed off to a code point start. */
static void first_bytes(const char *s, size_t budget, char *out)
{
    size_t n = strlen(s);
    if (n > budget) {
        n = budget;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, s, n);
    out[n] = '\0';
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    static pair heads[MAX_PAIRS], comps[MAX_PAIRS];
    static char out[3 * MAX_LINE];
    condense_opts o = { BUDGET, 0, NULL, NULL, NULL };
    double r1 = 0, r2 = 0, b1 = 0, b2 = 0, f = 0, t0, dt;
    long lines = 0;
    int nh, nc, i, show = getenv("CONDENSE_BENCH_SHOW") != NULL;

    nh = load("tests/fixtures/condense/headlines.tsv", heads, MAX_PAIRS);
    nc = load("tests/fixtures/condense/compressions.tsv", comps, MAX_PAIRS);
    if (nh <= 0 || nc <= 0)
        return 1;
    for (i = 0; i < nh; i++) {
        condense_line(&o, heads[i].src, strlen(heads[i].src), out, sizeof out);
        if (show)
            printf("H %s\n  = %s\n", out, heads[i].ref);
        r1 += recall(out, heads[i].ref, 1);
        r2 += recall(out, heads[i].ref, 2);
        first_bytes(heads[i].src, BUDGET, out);
        b1 += recall(out, heads[i].ref, 1);
        b2 += recall(out, heads[i].ref, 2);
    }
    for (i = 0; i < nc; i++) {
        condense_opts oc = { strlen(comps[i].ref), 0, NULL, NULL, NULL };
        condense_line(&oc, comps[i].src, strlen(comps[i].src), out, sizeof out);
        if (show)
            printf("C %s\n  = %s\n", out, comps[i].ref);
        f += f1(out, comps[i].ref);
    }
    t0 = now();
    do {
        for (i = 0; i < nh; i++, lines++)
            condense_line(&o, heads[i].src, strlen(heads[i].src), out, sizeof out);
        for (i = 0; i < nc; i++, lines++)
            condense_line(&o, comps[i].src, strlen(comps[i].src), out, sizeof out);
        dt = now() - t0;
    } while (dt < 0.5);

    printf("condense: %d headline pairs, %d compression pairs\n", nh, nc);
    printf("condense: ROUGE-1 %.1f ROUGE-2 %.1f at %d bytes (first %d bytes: ROUGE-1 %.1f ROUGE-2 %.1f)\n",
           100 * r1 / nh, 100 * r2 / nh, BUDGET, BUDGET, 100 * b1 / nh, 100 * b2 / nh);
    printf("condense: token F1 %.1f against deletion compressions at their length\n", 100 * f / nc);
    printf("condense: %.0f lines/s\n", lines / dt);
    for (i = 0; i < nh; i++)
        free(heads[i].src), free(heads[i].ref);
    for (i = 0; i < nc; i++)
        free(comps[i].src), free(comps[i].ref);
    return 0;
}

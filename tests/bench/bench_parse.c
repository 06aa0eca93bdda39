/*
 * bench_parse.c - `make bench`: the feed parser against python3-feedparser.
 *
 * Writes a corpus of BENCH_FEEDS feeds of BENCH_ITEMS items each, in turn
 * RSS 2.0, Atom 1.0, RSS 1.0 and JSON Feed with the usual mess (entities,
 * CDATA, HTML in descriptions): the XML feeds into build/bench/corpus/xml,
 * the JSON Feeds into build/bench/corpus/json. Debian's feedparser (6.0)
 * reads no JSON Feed, so the comparison is on the XML feeds, which both
 * read into the same fields (title, link, id, dates, summary, author,
 * categories); this parser's JSON Feed speed is printed on its own.
 *
 * Each side runs in a child process on the same files: this program with
 * --parse DIR (feed_parse on each file) and tests/bench/bench_feedparser.py
 * under /usr/bin/python3. Each parses the directory again and again, at
 * least BENCH_PASSES times and for at least BENCH_MIN_CPU seconds, and
 * prints the items of one pass, the CPU seconds of its fastest pass (the
 * machine is shared: CPU time, and the fastest pass, are the least
 * disturbed by other work; a pass of this parser is a few hundredths of
 * a second, which one busy moment can double, hence the repeats), and
 * its peak RSS before and after parsing
 * (VmHWM of /proc/self/status: this program with libxml2, ICU and cJSON
 * loaded; the interpreter with feedparser imported). VmHWM is the child's
 * own: wait4's ru_maxrss would also count the pages the child had from
 * this parent between fork and exec. Prints both, and the ratios against
 * the goal: at least 50x faster, at most 1/10 of the peak memory (the
 * whole process, and the increment while parsing beside it).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "feed.h"

#define BENCH_FEEDS 200
#define BENCH_ITEMS 50
#define BENCH_PASSES 3    /* passes at least, ... */
#define BENCH_MIN_CPU 1.0 /* ... and until this many CPU seconds were spent */
#define CORPUS "build/bench/corpus"
#define CORPUS_XML CORPUS "/xml"
#define CORPUS_JSON CORPUS "/json"
#define PY_SCRIPT "tests/bench/bench_feedparser.py"
#define PY "/usr/bin/python3"

static const char *const words[] = {
    "council", "storm", "minister", "São Paulo", "Łódź", "markets", "rail", "harbour",
    "election", "Zelenskyy", "budget", "flood", "€40m", "talks", "strike", "“record”"
};

static void sentence(FILE *fp, unsigned seed, int n)
{
    int i;
    for (i = 0; i < n; i++)
        fprintf(fp, "%s%s", i ? " " : "", words[(seed * 7u + (unsigned)i * 13u) % 16u]);
}

static int write_feed(int k)
{
    char path[256];
    FILE *fp;
    int i, fmt = k % 4;
    static const char *const ext[] = { "rss.xml", "atom.xml", "rdf.xml", "json" };

    snprintf(path, sizeof path, "%s/feed%03d.%s", fmt == 3 ? CORPUS_JSON : CORPUS_XML, k, ext[fmt]);
    if (!(fp = fopen(path, "w")))
        return -1;
    if (fmt == 0)
        fprintf(fp, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
                    "<title>Bench feed %d</title><link>https://bench.example/%d/</link>"
                    "<ttl>15</ttl>\n", k, k);
    else if (fmt == 1)
        fprintf(fp, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                    "<title>Bench feed %d</title><link href=\"https://bench.example/%d/\"/>"
                    "<id>tag:bench.example,2024:%d</id><updated>2024-05-01T10:00:00Z</updated>\n", k, k, k);
    else if (fmt == 2)
        fprintf(fp, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF "
                    "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                    "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                    "<channel rdf:about=\"https://bench.example/%d/\"><title>Bench feed %d</title>"
                    "<link>https://bench.example/%d/</link></channel>\n", k, k, k);
    else
        fprintf(fp, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Bench feed %d\","
                    "\"home_page_url\":\"https://bench.example/%d/\",\"items\":[\n", k, k);
    for (i = 0; i < BENCH_ITEMS; i++) {
        unsigned seed = (unsigned)(k * BENCH_ITEMS + i);
        if (fmt == 0) {
            fprintf(fp, "<item><title>");
            sentence(fp, seed, 8);
            fprintf(fp, " &amp; more</title><link>https://bench.example/%d/%d</link>"
                        "<guid isPermaLink=\"false\">b-%d-%d</guid>"
                        "<pubDate>Tue, 12 Mar 2024 07:%02d:00 GMT</pubDate><category>News</category>"
                        "<description>&lt;p&gt;", k, i, k, i, i);
            sentence(fp, seed + 1, 30);
            fprintf(fp, "&amp;nbsp;&lt;/p&gt;</description></item>\n");
        } else if (fmt == 1) {
            fprintf(fp, "<entry><title type=\"html\">");
            sentence(fp, seed, 8);
            fprintf(fp, " &amp;mdash; live</title><link rel=\"alternate\" href=\"/%d/%d\"/>"
                        "<id>tag:bench.example,2024:%d-%d</id><updated>2024-03-12T07:%02d:00+01:00</updated>"
                        "<summary type=\"html\"><![CDATA[<p>", k, i, k, i, i);
            sentence(fp, seed + 1, 30);
            fprintf(fp, "</p>]]></summary><author><name>Desk</name></author></entry>\n");
        } else if (fmt == 2) {
            fprintf(fp, "<item rdf:about=\"https://bench.example/%d/%d\"><title>", k, i);
            sentence(fp, seed, 8);
            fprintf(fp, "</title><link>https://bench.example/%d/%d</link><description>", k, i);
            sentence(fp, seed + 1, 30);
            fprintf(fp, "</description><dc:date>2024-03-12T07:%02d:00Z</dc:date></item>\n", i);
        } else {
            fprintf(fp, "%s{\"id\":\"b-%d-%d\",\"url\":\"https://bench.example/%d/%d\",\"title\":\"",
                    i ? "," : "", k, i, k, i);
            sentence(fp, seed, 8);
            fprintf(fp, "\",\"content_html\":\"<p>");
            sentence(fp, seed + 1, 30);
            fprintf(fp, "</p>\",\"date_published\":\"2024-03-12T07:%02d:00Z\","
                        "\"authors\":[{\"name\":\"Desk\"}],\"tags\":[\"news\"]}\n", i);
        }
    }
    fputs(fmt == 0 ? "</channel></rss>\n" : fmt == 1 ? "</feed>\n" : fmt == 2 ? "</rdf:RDF>\n" : "]}\n", fp);
    return fclose(fp);
}

/* CPU seconds of this process: the machine may be busy with other work,
   so both parsers are timed by the CPU they use, not the wall clock. */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The peak RSS of this process so far (VmHWM), KiB; 0 when unknown. */
static long peak_kb(void)
{
    char line[128];
    long kb = 0;
    FILE *fp = fopen("/proc/self/status", "r");
    if (!fp)
        return 0;
    while (fgets(line, sizeof line, fp))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    fclose(fp);
    return kb;
}

/* One pass: feed_parse on every file in dir; the items read. */
static size_t parse_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t items = 0;
    char path[512], err[256];

    if (!d)
        return 0;
    while ((e = readdir(d))) {
        FILE *fp;
        char *buf;
        long n;
        feed f;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (!(fp = fopen(path, "rb")))
            continue;
        fseek(fp, 0, SEEK_END);
        n = ftell(fp);
        fseek(fp, 0, SEEK_SET);
        buf = malloc(n > 0 ? (size_t)n : 1);
        if (buf && n > 0 && fread(buf, 1, (size_t)n, fp) == (size_t)n &&
            feed_parse(buf, (size_t)n, NULL, NULL, &f, err, sizeof err) == 0)
            items += f.nitems;
        feed_free(&f);
        free(buf);
        fclose(fp);
    }
    closedir(d);
    return items;
}

/* The child: parse dir BENCH_PASSES times and for BENCH_MIN_CPU, print "ITEMS SECONDS
   BASELINE-KIB PEAK-KIB" (items of one pass, CPU seconds of the fastest
   pass with the files' reading, peak RSS before and after). */
static int parse_all(const char *dir)
{
    long baseline = peak_kb();
    double best = -1, first = now_s();
    size_t items = 0;
    int pass;

    for (pass = 0; pass < BENCH_PASSES || now_s() - first < BENCH_MIN_CPU; pass++) {
        double start = now_s(), secs;
        items = parse_dir(dir);
        secs = now_s() - start;
        if (best < 0 || secs < best)
            best = secs;
    }
    printf("%zu %.6f %ld %ld\n", items, best, baseline, peak_kb());
    return 0;
}

/* Runs argv and reads "ITEMS SECONDS BASELINE-KIB PEAK-KIB" from its stdout. */
static int run(char *const argv[], size_t *items, double *secs, long *base_kb, long *peak)
{
    int fds[2], status;
    char out[128];
    ssize_t got;
    size_t used;
    pid_t pid;

    if (pipe(fds))
        return -1;
    if ((pid = fork()) < 0)
        return -1;
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    /* read to the end, so the child never writes into a closed pipe */
    for (used = 0; (got = read(fds[0], out + used, sizeof out - 1 - used)) > 0;)
        used += (size_t)got;
    close(fds[0]);
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) || !used)
        return -1;
    out[used] = '\0';
    {
        char *end;
        *items = (size_t)strtoul(out, &end, 10);
        *secs = strtod(end, &end);
        *base_kb = strtol(end, &end, 10);
        *peak = strtol(end, NULL, 10);
    }
    return *items && *secs > 0 && *peak > 0 ? 0 : -1;
}

static int make_dir(const char *path)
{
    if (mkdir(path, 0755) && errno != EEXIST) {
        perror(path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char self[512], xml[] = CORPUS_XML, json[] = CORPUS_JSON;
    size_t c_items, py_items, j_items;
    double c_secs, py_secs, j_secs, speed, mem, mem_inc;
    long c_rss, py_rss, c_base, py_base, j_base, j_rss;
    ssize_t n;
    int k;

    if (argc == 3 && strcmp(argv[1], "--parse") == 0)
        return parse_all(argv[2]);
    if (make_dir("build") || make_dir("build/bench") || make_dir(CORPUS) || make_dir(CORPUS_XML) ||
        make_dir(CORPUS_JSON))
        return 1;
    for (k = 0; k < BENCH_FEEDS; k++)
        if (write_feed(k)) {
            perror("bench_parse: writing the corpus");
            return 1;
        }
    if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) < 0)
        return 1;
    self[n] = '\0';
    {
        char *args[] = { self, "--parse", xml, NULL }, *jargs[] = { self, "--parse", json, NULL };
        if (run(args, &c_items, &c_secs, &c_base, &c_rss) ||
            run(jargs, &j_items, &j_secs, &j_base, &j_rss)) {
            fprintf(stderr, "bench_parse: the parser child failed\n");
            return 1;
        }
    }
    printf("bench_parse: %d feeds x %d items: %d RSS 2.0, Atom and RSS 1.0 in %s, %d JSON Feed "
           "in %s; CPU time of the fastest of >= %d passes (>= %.0f s), peak RSS (VmHWM)\n",
           BENCH_FEEDS, BENCH_ITEMS, BENCH_FEEDS - BENCH_FEEDS / 4, CORPUS_XML, BENCH_FEEDS / 4,
           CORPUS_JSON, BENCH_PASSES, BENCH_MIN_CPU);
    printf("  tickerd parser : XML  %zu items in %.3f s = %.0f items/s, peak RSS %ld KiB "
           "(%ld at start, +%ld parsing)\n", c_items, c_secs, c_items / c_secs, c_rss, c_base,
           c_rss - c_base);
    printf("  tickerd parser : JSON %zu items in %.3f s = %.0f items/s, peak RSS %ld KiB "
           "(%ld at start, +%ld parsing)\n", j_items, j_secs, j_items / j_secs, j_rss, j_base,
           j_rss - j_base);
    {
        char *args[] = { PY, PY_SCRIPT, xml, NULL };
        if (access(PY, X_OK) || access(PY_SCRIPT, R_OK) ||
            run(args, &py_items, &py_secs, &py_base, &py_rss)) {
            printf("  feedparser     : not run (needs %s with python3-feedparser, and %s)\n", PY,
                   PY_SCRIPT);
            return 0;
        }
    }
    speed = (c_items / c_secs) / (py_items / py_secs);
    mem = (double)c_rss / (double)py_rss;
    mem_inc = (double)(c_rss - c_base) / (double)(py_rss - py_base > 0 ? py_rss - py_base : 1);
    printf("  feedparser     : XML  %zu items in %.3f s = %.0f items/s, peak RSS %ld KiB "
           "(%ld with feedparser imported, +%ld parsing)\n", py_items, py_secs,
           py_items / py_secs, py_rss, py_base, py_rss - py_base);
    printf("  ratios (XML)   : %.1fx the speed (goal >= 50x: %s), %.2f of the peak memory "
           "(goal <= 0.10: %s), %.2f of the increment while parsing\n", speed,
           speed >= 50 ? "met" : "NOT met", mem, mem <= 0.10 ? "met" : "NOT met", mem_inc);
    return 0;
}

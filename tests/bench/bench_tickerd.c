/*
 * bench_tickerd.c - tickerd with 50 feeds on the local TLS feed server
 * (build/tools/feed-server):
 *
 *   cycle  `tickerd once --print`: every feed fetched over TLS and parsed;
 *          wall time, CPU time and peak RSS of the process;
 *   idle   `tickerd run` after its first cycle, over BENCH_IDLE_SECONDS
 *          (default 60) between polls: CPU time and wake-ups per second
 *          (context switches from /proc/PID/status), and its peak RSS.
 *
 *   floor  this program with --bare: the same 50 feeds fetched by a bare
 *          libcurl multi loop with tickerd's connection limits and nothing
 *          else; its peak RSS is what libcurl, OpenSSL and the libraries
 *          they load cost before tickerd does anything of its own.
 *
 * Targets from the issue: peak RSS at most 8 MiB; no busy wake-ups while
 * idle. Prints the figures; exits 1 only when something did not run.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "fetch.h"

#define FEEDS 50
#define ITEMS 30
#define SERVER "build/tools/feed-server"
#define TICKERD "build/tickerd"

static char dir[64];

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Starts argv with stdout to out_fd (or /dev/null when -1) and stderr to
   err_path (or /dev/null); returns the pid. */
static pid_t spawn(char *const argv[], int out_fd, const char *err_path)
{
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        int err = err_path ? open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600) : null;
        dup2(out_fd >= 0 ? out_fd : null, 1);
        dup2(err >= 0 ? err : null, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    return pid;
}

static void write_feeds(const char *root)
{
    char path[256];
    int f, i;
    for (f = 0; f < FEEDS; f++) {
        FILE *out;
        snprintf(path, sizeof path, "%s/feed-%02d.xml", root, f);
        if (!(out = fopen(path, "w"))) {
            perror(path);
            exit(1);
        }
        fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                "<title>Wire %d</title><link>https://example.org/%d</link>\n", f, f);
        for (i = 0; i < ITEMS; i++)
            fprintf(out, "<item><title>Feed %d story %d: ministers meet in São Paulo as "
                    "markets rally &amp; storms ease</title><link>https://example.org/%d/%d"
                    "</link><guid>f%d-i%d</guid><pubDate>Mon, 01 Jan 2024 %02d:%02d:00 GMT"
                    "</pubDate><description>A short summary of story %d, long enough to be "
                    "realistic for a wire service, with an &lt;b&gt;escaped&lt;/b&gt; tag."
                    "</description></item>\n",
                    f, i, f, i, f, i, i / 60, i % 60, i);
        fputs("</channel></rss>\n", out);
        fclose(out);
    }
}

/* A "Key:   N kB"-style number from /proc/PID/status. */
static long status_field(pid_t pid, const char *key)
{
    char path[64], buf[8192];
    const char *p;
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    if (!(f = fopen(path, "r")))
        return -1;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    p = strstr(buf, key);
    return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* utime + stime of pid in seconds. */
static double cpu_s(pid_t pid)
{
    char path[64], buf[2048];
    unsigned long ut = 0, st = 0;
    const char *p;
    FILE *f;
    size_t n;
    int field;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (!(f = fopen(path, "r")))
        return -1;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    /* fields after the ")" of the command name: state is 3, utime 14, stime 15 */
    p = strrchr(buf, ')');
    for (field = 2; p && *p; p++) {
        if (*p == ' ') {
            field++;
            if (field == 14)
                ut = strtoul(p + 1, NULL, 10);
            else if (field == 15)
                st = strtoul(p + 1, NULL, 10);
        }
    }
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static size_t count_body(char *data, size_t size, size_t n, void *total)
{
    (void)data;
    *(size_t *)total += size * n;
    return size * n;
}

/* The floor: fetches the FEEDS feeds from 127.0.0.1:port once, as tickerd
   would (one multi handle, the same connection limits, verified TLS), and
   exits 0 when every transfer succeeded. */
static int bare_fetch(int port, const char *ca)
{
    CURLM *multi;
    CURLMsg *msg;
    size_t total = 0;
    int running, left, f, failed = 0;

    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(multi = curl_multi_init()))
        return 1;
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)FETCH_MAX_CONNECTIONS);
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)FETCH_MAX_HOST_CONNECTIONS);
    for (f = 0; f < FEEDS; f++) {
        char url[96];
        CURL *easy = curl_easy_init();
        if (!easy)
            return 1;
        snprintf(url, sizeof url, "https://127.0.0.1:%d/feed-%02d.xml", port, f);
        curl_easy_setopt(easy, CURLOPT_URL, url);
        curl_easy_setopt(easy, CURLOPT_CAINFO, ca);
        curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, count_body);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &total);
        curl_multi_add_handle(multi, easy);
    }
    do {
        if (curl_multi_perform(multi, &running) != CURLM_OK ||
            curl_multi_poll(multi, NULL, 0, 1000, NULL) != CURLM_OK)
            return 1;
    } while (running);
    while ((msg = curl_multi_info_read(multi, &left)))
        if (msg->msg == CURLMSG_DONE && msg->data.result != CURLE_OK)
            failed++;
    return failed || total == 0;
}

int main(int argc, char **args)
{
    char root[128], certs[128], ca[128], conf[128], state[128], cmd[256], line[128];
    char *server_argv[] = { SERVER, "--root", root, "--dir", certs, "--ca-out", ca, NULL };
    int pipefd[2], port = 0, f, status, idle_s = 60;
    const char *env = getenv("BENCH_IDLE_SECONDS");
    pid_t server, t;
    FILE *srv_out, *out;
    struct rusage ru;
    double t0, wall;
    long vol0, invol0, vol1, invol1;
    double c0, c1;

    if (argc == 4 && strcmp(args[1], "--bare") == 0)
        return bare_fetch(atoi(args[2]), args[3]);
    if (env && atoi(env) > 0)
        idle_s = atoi(env);
    if (access(SERVER, X_OK) != 0 || access(TICKERD, X_OK) != 0) {
        printf("bench_tickerd: skipped: %s or %s is not built\n", SERVER, TICKERD);
        return 0;
    }
    snprintf(dir, sizeof dir, "/tmp/bench-tickerd-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(root, sizeof root, "%s/root", dir);
    snprintf(certs, sizeof certs, "%s/certs", dir);
    snprintf(ca, sizeof ca, "%s/ca.pem", dir);
    snprintf(conf, sizeof conf, "%s/tickerd.conf", dir);
    snprintf(state, sizeof state, "%s/state", dir);
    mkdir(root, 0700);
    mkdir(certs, 0700);
    write_feeds(root);

    if (pipe(pipefd) != 0)
        return 1;
    server = spawn(server_argv, pipefd[1], NULL);
    close(pipefd[1]);
    srv_out = fdopen(pipefd[0], "r");
    while (srv_out && fgets(line, sizeof line, srv_out))
        if (strncmp(line, "port ", 5) == 0 && (port = atoi(line + 5)) > 0)
            break;
    if (!port) {
        fprintf(stderr, "bench_tickerd: the feed server did not start\n");
        return 1;
    }
    if (!(out = fopen(conf, "w")))
        return 1;
    for (f = 0; f < FEEDS; f++)
        fprintf(out, "[feed wire%02d]\nurl = https://127.0.0.1:%d/feed-%02d.xml\nca_file = %s\n"
                "max_items = 1\n", f, port, f, ca);
    fclose(out);

    /* one cycle: every feed fetched and parsed */
    {
        char *argv[] = { TICKERD, "once", "-c", conf, "--print", NULL };
        t0 = now_s();
        t = spawn(argv, -1, NULL);
        if (wait4(t, &status, 0, &ru) != t || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "bench_tickerd: tickerd once failed\n");
            kill(server, SIGTERM);
            return 1;
        }
        wall = now_s() - t0;
        printf("bench_tickerd: one cycle, %d feeds x %d items over TLS: wall %.3f s, "
               "CPU %.3f s (user %.3f, sys %.3f), peak RSS %.1f MiB (target <= 8)\n",
               FEEDS, ITEMS, wall,
               (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                   (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6,
               (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6,
               (double)ru.ru_maxrss / 1024.0);
    }

    /* the floor: libcurl and its libraries alone, same feeds, same limits */
    {
        char port_arg[16];
        char *argv_bare[] = { args[0], "--bare", port_arg, ca, NULL };
        snprintf(port_arg, sizeof port_arg, "%d", port);
        t = spawn(argv_bare, -1, NULL);
        if (wait4(t, &status, 0, &ru) == t && WIFEXITED(status) && WEXITSTATUS(status) == 0)
            printf("bench_tickerd: floor, the same cycle by a bare libcurl multi loop: peak RSS "
                   "%.1f MiB (the libraries' share of tickerd's figure)\n",
                   (double)ru.ru_maxrss / 1024.0);
        else
            printf("bench_tickerd: floor: the bare libcurl fetch failed\n");
    }

    /* the daemon, idle between polls */
    {
        char err_path[160];
        char *argv[] = { TICKERD, "run", "-c", conf, "--state-dir", state, NULL };
        snprintf(err_path, sizeof err_path, "%s/tickerd.log", dir);
        t = spawn(argv, -1, err_path);
        sleep(5); /* the first cycle */
        vol0 = status_field(t, "voluntary_ctxt_switches:");
        invol0 = status_field(t, "nonvoluntary_ctxt_switches:");
        c0 = cpu_s(t);
        sleep((unsigned)idle_s);
        vol1 = status_field(t, "voluntary_ctxt_switches:");
        invol1 = status_field(t, "nonvoluntary_ctxt_switches:");
        c1 = cpu_s(t);
        /* RssFile is mostly the shared libraries' pages (libcurl, OpenSSL,
           libxml2), which a bare program linking libcurl already has */
        printf("bench_tickerd: run, idle %d s after the first cycle: %ld wake-ups "
               "(%.2f/s), CPU %.3f s, peak RSS %.1f MiB; RSS now %.1f MiB = %.1f MiB "
               "private (RssAnon, target <= 8) + %.1f MiB file-backed (shared libraries)\n",
               idle_s, (vol1 - vol0) + (invol1 - invol0),
               (double)((vol1 - vol0) + (invol1 - invol0)) / idle_s, c1 - c0,
               status_field(t, "VmHWM:") / 1024.0, status_field(t, "VmRSS:") / 1024.0,
               status_field(t, "RssAnon:") / 1024.0, status_field(t, "RssFile:") / 1024.0);
        kill(t, SIGTERM);
        waitpid(t, &status, 0);
    }
    kill(server, SIGTERM);
    waitpid(server, &status, 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_tickerd: could not remove %s\n", dir);
    return 0;
}

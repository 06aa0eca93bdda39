/* harness.c - see harness.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "sim_dump.h"
#include "tk_font.h"
#include "tk_text.h"

extern char **environ;

/*
 * Splits an events line "<ms> <kind> <id> <arg>[ <text>]" (ticker-sim
 * --events); *text_at is the offset of the text. 0, or -1 when malformed.
 */
static int parse_event_line(const char *line, unsigned long *t, char *kind, size_t kind_cap,
                       unsigned *id, unsigned long *arg, int *text_at)
{
    const char *p = line;
    char *end;
    size_t k = 0;
    *t = strtoul(p, &end, 10);
    if (end == p || *end != ' ')
        return -1;
    p = end + 1;
    while (*p && *p != ' ' && k + 1 < kind_cap)
        kind[k++] = *p++;
    kind[k] = 0;
    if (*p != ' ')
        return -1;
    *id = (unsigned)strtoul(p + 1, &end, 10);
    if (end == p + 1 || *end != ' ')
        return -1;
    p = end + 1;
    *arg = strtoul(p, &end, 10);
    if (end == p)
        return -1;
    *text_at = (int)(end - line) + (*end == ' ');
    return 0;
}

/* Every process started and not yet reaped, for proc_kill_all. */
#define MAX_CHILDREN 32
static pid_t children[MAX_CHILDREN];

static void remember(pid_t pid)
{
    int i;
    for (i = 0; i < MAX_CHILDREN; i++)
        if (children[i] == 0) {
            children[i] = pid;
            return;
        }
}

static void forget(pid_t pid)
{
    int i;
    for (i = 0; i < MAX_CHILDREN; i++)
        if (children[i] == pid)
            children[i] = 0;
}

void proc_kill_all(void)
{
    int i;
    for (i = 0; i < MAX_CHILDREN; i++)
        if (children[i] > 0) {
            kill(children[i], SIGKILL);
            waitpid(children[i], NULL, 0);
            children[i] = 0;
        }
}

uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void sleep_ms(unsigned ms)
{
    struct timespec ts = { (time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

int proc_start(proc *p, char *const argv[], int capture)
{
    posix_spawn_file_actions_t fa;
    int pipefd[2] = { -1, -1 };
    int rc;

    p->out_fd = -1;
    posix_spawn_file_actions_init(&fa);
    if (capture) {
        if (pipe(pipefd) != 0)
            fail_msg("pipe: %s", strerror(errno));
        posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
        if (capture > 1)
            posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
        posix_spawn_file_actions_addclose(&fa, pipefd[0]);
        posix_spawn_file_actions_addclose(&fa, pipefd[1]);
    }
    rc = posix_spawn(&p->pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (capture) {
        close(pipefd[1]);
        p->out_fd = pipefd[0];
    }
    if (rc != 0)
        fail_msg("cannot start %s: %s", argv[0], strerror(rc));
    remember(p->pid);
    return 0;
}

void proc_start_logged(proc *p, char *const argv[], const char *log_path)
{
    posix_spawn_file_actions_t fa;
    int rc;

    p->out_fd = -1;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, log_path,
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
    rc = posix_spawn(&p->pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        fail_msg("cannot start %s: %s", argv[0], strerror(rc));
    remember(p->pid);
}

int proc_read_line(proc *p, char *buf, size_t cap, int timeout_ms)
{
    size_t n = 0;
    uint64_t deadline = now_ms() + (uint64_t)timeout_ms;
    while (n + 1 < cap) {
        struct pollfd pfd = { p->out_fd, POLLIN, 0 };
        int64_t left = (int64_t)(deadline - now_ms());
        char c;
        if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
            return -1;
        if (read(p->out_fd, &c, 1) != 1)
            return -1;
        if (c == '\n')
            break;
        buf[n++] = c;
    }
    buf[n] = 0;
    return (int)n;
}

int proc_wait(proc *p, int timeout_ms)
{
    uint64_t deadline = now_ms() + (uint64_t)timeout_ms;
    for (;;) {
        int status;
        pid_t r = waitpid(p->pid, &status, WNOHANG);
        if (r == p->pid) {
            forget(p->pid);
            p->pid = 0;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (now_ms() >= deadline)
            return -1;
        sleep_ms(10);
    }
}

int proc_stop(proc *p)
{
    int rc;
    if (p->pid <= 0)
        return -1;
    kill(p->pid, SIGTERM);
    rc = proc_wait(p, 3000);
    if (rc < 0) {
        proc_kill(p);
        return -1;
    }
    return rc;
}

void proc_close(proc *p)
{
    if (p->out_fd >= 0)
        close(p->out_fd);
    p->out_fd = -1;
}

void proc_kill(proc *p)
{
    if (p->pid <= 0)
        return;
    kill(p->pid, SIGKILL);
    proc_wait(p, 5000);
}

int run_capture(char *const argv[], int timeout_ms, char *out, size_t cap)
{
    proc p;
    size_t n = 0;
    uint64_t deadline = now_ms() + (uint64_t)timeout_ms;
    int pipefd[2];
    posix_spawn_file_actions_t fa;
    int rc;

    if (pipe(pipefd) != 0)
        fail_msg("pipe: %s", strerror(errno));
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&fa, pipefd[0]);
    rc = posix_spawn(&p.pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pipefd[1]);
    if (rc != 0)
        fail_msg("cannot start %s: %s", argv[0], strerror(rc));
    remember(p.pid);
    p.out_fd = -1;
    for (;;) {
        struct pollfd pfd = { pipefd[0], POLLIN, 0 };
        int64_t left = (int64_t)(deadline - now_ms());
        ssize_t got;
        char sink[256];
        if (left <= 0) {
            close(pipefd[0]);
            proc_kill(&p);
            if (cap)
                out[n < cap ? n : cap - 1] = 0;
            return -1;
        }
        if (poll(&pfd, 1, (int)left) <= 0)
            continue;
        if (n + 1 < cap)
            got = read(pipefd[0], out + n, cap - 1 - n);
        else
            got = read(pipefd[0], sink, sizeof sink);
        if (got <= 0)
            break;
        if (n + 1 < cap)
            n += (size_t)got;
    }
    close(pipefd[0]);
    if (cap)
        out[n] = 0;
    rc = proc_wait(&p, (int)(deadline > now_ms() ? deadline - now_ms() : 1));
    if (rc < 0)
        proc_kill(&p);
    return rc;
}

void start_sim(proc *sim, const char *link_path, const char *const extra[], char *pty, size_t cap)
{
    const char *argv[32] = { "build/ticker-sim", "--pty", "--link", link_path, "--headless" };
    int n = 5;
    while (extra && *extra && n < 31)
        argv[n++] = *extra++;
    argv[n] = NULL;
    proc_start(sim, (char *const *)argv, 2);
    if (proc_read_line(sim, pty, cap, 5000) <= 0 || strncmp(pty, "/dev/pts/", 9) != 0)
        fail_msg("ticker-sim did not print its pty");
}

void run_tickerd(const char *const args[], char *out, size_t cap)
{
    const char *argv[32] = { "build/tickerd" };
    int n = 1, rc;
    while (*args && n < 31)
        argv[n++] = *args++;
    argv[n] = NULL;
    rc = run_capture((char *const *)argv, 10000, out, cap);
    if (rc != 0)
        fail_msg("tickerd %s exited %d: %s", argv[1], rc, out);
}

long wait_all_started(const char *events_path, const char *const texts[], int n, int timeout_ms)
{
    uint64_t start = now_ms();
    if (n > 64)
        fail_msg("wait_all_started: at most 64 texts");
    for (;;) {
        FILE *f = fopen(events_path, "r");
        char line[2048];
        int seen[64] = { 0 }, count = 0, i;
        while (f && fgets(line, sizeof line, f)) {
            unsigned long t, arg;
            unsigned id;
            char kind[32];
            int text_at = 0;
            char *end = strchr(line, '\n');
            if (!end)
                break; /* a line still being written */
            *end = 0;
            if (parse_event_line(line, &t, kind, sizeof kind, &id, &arg, &text_at) != 0 ||
                strcmp(kind, "started") != 0)
                continue;
            for (i = 0; i < n; i++)
                if (strcmp(line + text_at, texts[i]) == 0)
                    break;
            if (i == n)
                fail_msg("a garbled item reached the screen: '%s'", line + text_at);
            if (!seen[i]++)
                count++;
        }
        if (f)
            fclose(f);
        if (count == n)
            return (long)(now_ms() - start);
        if (now_ms() - start > (uint64_t)timeout_ms)
            return -1;
        sleep_ms(50);
    }
}

void write_lines(const char *dir, const char *name, const char *const texts[], int n)
{
    char file[4096];
    FILE *f;
    int i;
    snprintf(file, sizeof file, "%s/%s", dir, name);
    f = fopen(file, "w");
    if (!f)
        fail_msg("cannot write %s: %s", file, strerror(errno));
    for (i = 0; i < n; i++)
        fprintf(f, "%s\n", texts[i]);
    if (fclose(f) != 0)
        fail_msg("cannot write %s: %s", file, strerror(errno));
}

void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        fail_msg("cannot write %s: %s", path, strerror(errno));
}

void read_text(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    size_t n = 0;
    buf[0] = 0;
    if (!f)
        return;
    n = fread(buf, 1, cap - 1, f);
    buf[n] = 0;
    fclose(f);
}

int harness_teardown(void **state)
{
    const char *dir = *state;
    proc_kill_all();
    if (dir && dir[0])
        harness_rmtree(dir);
    return 0;
}

void harness_tmpdir(char *out, size_t cap)
{
    snprintf(out, cap, "/tmp/ledticker-test-XXXXXX");
    if (!mkdtemp(out))
        fail_msg("mkdtemp: %s", strerror(errno));
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void harness_rmtree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int is_frame_name(const struct dirent *e)
{
    return strncmp(e->d_name, "frame-", 6) == 0 && strstr(e->d_name, ".txt") != NULL;
}

void frames_load(frames *f, const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, is_frame_name, alphasort);
    int i;
    char *text = malloc(SIM_DUMP_MAX_BYTES);

    if (n < 0 || !text)
        fail_msg("cannot read frames in %s", dir);
    f->fb = calloc((size_t)n + 1, sizeof *f->fb);
    f->t_ms = calloc((size_t)n + 1, sizeof *f->t_ms);
    f->count = 0;
    if (!f->fb || !f->t_ms)
        fail_msg("out of memory for %d frames", n);
    for (i = 0; i < n; i++) {
        char path[4096];
        FILE *in;
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        free(names[i]);
        in = fopen(path, "r");
        if (!in)
            continue; /* being replaced as we read: skip it */
        len = fread(text, 1, SIM_DUMP_MAX_BYTES, in);
        fclose(in);
        if (sim_dump_parse(text, len, &f->fb[f->count], &f->t_ms[f->count]) != 0)
            fail_msg("%s is not a frame", path);
        f->count++;
    }
    free(names);
    free(text);
}

void frames_free(frames *f)
{
    free(f->fb);
    free(f->t_ms);
    f->fb = NULL;
    f->t_ms = NULL;
    f->count = 0;
}

/* Columns of text drawn in font from its origin, as the display would show
   them with the same vertical placement; the caller frees the result. */
static uint16_t *text_columns(const uint8_t *font, const char *text, uint8_t height, uint16_t *len)
{
    static tk_fb window;
    uint16_t width = tk_text_width(font, (const uint8_t *)text, (uint16_t)strlen(text), NULL);
    uint16_t *cols = calloc((size_t)width + 1, sizeof *cols);
    uint8_t y = (uint8_t)((height - tk_font_height(font)) / 2);
    uint16_t x0;

    if (!cols)
        fail_msg("out of memory");
    for (x0 = 0; x0 < width; x0 = (uint16_t)(x0 + TK_FB_MAX_WIDTH)) {
        uint16_t x;
        tk_fb_init(&window, TK_FB_MAX_WIDTH, height);
        tk_text_draw(&window, font, (const uint8_t *)text, (uint16_t)strlen(text), -(int32_t)x0, y, NULL);
        for (x = 0; x < TK_FB_MAX_WIDTH && x0 + x < width; x++)
            cols[x0 + x] = tk_fb_column(&window, x);
    }
    *len = width;
    return cols;
}

int frame_shows(const tk_fb *fb, const uint8_t *font, const char *text, unsigned min_cols)
{
    uint16_t len;
    uint16_t *cols = text_columns(font, text, fb->height, &len);
    int32_t s;
    int found = 0;

    if (min_cols > len)
        min_cols = len;
    for (s = -(int32_t)fb->width; s < (int32_t)len && !found; s++) {
        int32_t x0 = s < 0 ? -s : 0;
        int32_t x1 = (int32_t)len - s < (int32_t)fb->width ? (int32_t)len - s : (int32_t)fb->width;
        int32_t x;
        int lit = 0, same = 1;
        if (x1 - x0 < (int32_t)min_cols)
            continue;
        for (x = x0; x < x1 && same; x++) {
            uint16_t want = cols[x + s];
            same = tk_fb_column(fb, (uint16_t)x) == want;
            lit |= want != 0;
        }
        found = same && lit;
    }
    free(cols);
    return found;
}

long first_showing(const frames *f, uint32_t from_ms, const uint8_t *font, const char *text,
                   unsigned min_cols)
{
    unsigned i;
    for (i = 0; i < f->count; i++)
        if (f->t_ms[i] >= from_ms && frame_shows(&f->fb[i], font, text, min_cols))
            return (long)f->t_ms[i];
    return -1;
}

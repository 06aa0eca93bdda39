/*
 * test_feed_server.c - the HTTPS feed server (build/tools/feed-server)
 * checked from the outside with libcurl, as tickerd will meet it: its
 * certificates verify against the CA it wrote, the three bad ports fail
 * verification, files come with validators and gzip, every misbehaving
 * prefix does what it says, many clients are served at once, and the
 * request log records what tickerd will be judged on.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>

#include "harness.h"

#define SERVER "build/tools/feed-server"
#define FEED_ITEMS 40
#define KEEP_MAX (64 * 1024)     /* body bytes a fetch keeps; the rest is only counted */
#define CONCURRENT 64

static char dir[64], root[128], certs[128], ca[160], reqlog[160];
static char feed[8192];          /* the fixture feed.xml */
static size_t feed_len;
static proc server;
static int port, port_wronghost, port_expired, port_selfsigned;

/* One fetch: what came back, and what went wrong. */
typedef struct fetch {
    CURLcode rc;
    long status;
    char body[KEEP_MAX];
    size_t len;                  /* bytes kept in body */
    curl_off_t total;            /* bytes delivered to us (after decoding) */
    curl_off_t abort_after;      /* stop the transfer past this many; 0 for never */
    char headers[4096];
    size_t hlen;
    long redirects;
    curl_off_t wire_bytes;       /* CURLINFO_SIZE_DOWNLOAD_T */
} fetch;

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
    fetch *f = user;
    size_t bytes = size * n, keep = KEEP_MAX - f->len;
    if (keep > bytes)
        keep = bytes;
    memcpy(f->body + f->len, data, keep);
    f->len += keep;
    f->total += (curl_off_t)bytes;
    if (f->abort_after && f->total > f->abort_after)
        return 0;
    return bytes;
}

static size_t on_header(char *data, size_t size, size_t n, void *user)
{
    fetch *f = user;
    size_t bytes = size * n, keep = sizeof f->headers - 1 - f->hlen;
    if (keep > bytes)
        keep = bytes;
    memcpy(f->headers + f->hlen, data, keep);
    f->hlen += keep;
    f->headers[f->hlen] = 0;
    return bytes;
}

/* The value of header name in the last response of f, or "" when absent. */
static const char *header(const fetch *f, const char *name, char *out, size_t cap)
{
    const char *p = f->headers, *last = NULL;
    size_t nl = strlen(name);
    out[0] = 0;
    for (; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, "HTTP/", 5) == 0)
            last = NULL;
        if (strncasecmp(p, name, nl) == 0 && p[nl] == ':')
            last = p + nl + 1;
    }
    if (last) {
        size_t n;
        while (*last == ' ')
            last++;
        n = strcspn(last, "\r\n");
        if (n >= cap)
            n = cap - 1;
        memcpy(out, last, n);
        out[n] = 0;
    }
    return out;
}

static CURL *easy(fetch *f, int p, const char *path)
{
    char url[512];
    CURL *h = curl_easy_init();
    assert_non_null(h);
    memset(f, 0, sizeof *f);
    snprintf(url, sizeof url, "https://127.0.0.1:%d%s", p, path);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_CAINFO, ca);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, f);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, f);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    return h;
}

static void finish(CURL *h, fetch *f, CURLcode rc)
{
    f->rc = rc;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &f->status);
    curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &f->redirects);
    curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &f->wire_bytes);
}

/* A plain GET of path on port p with the extra request headers (may be NULL). */
static void get(fetch *f, int p, const char *path, struct curl_slist *extra)
{
    CURL *h = easy(f, p, path);
    if (extra)
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, extra);
    finish(h, f, curl_easy_perform(h));
    curl_easy_cleanup(h);
}

static void write_fixture(const char *name, const char *text, size_t len)
{
    char path[256];
    struct timeval tv[2] = { { 1700000000, 0 }, { 1700000000, 0 } };
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s", root, name);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(utimes(path, tv), 0);   /* a fixed Last-Modified */
}

/*
 * Starts a server on the fixtures, with its certificates in cert_dir and
 * its CA in ca_file; fills the ports from its first lines.
 */
static void start_server(proc *p, char *cert_dir, char *ca_file, int *main_port, int *bad_ports)
{
    char *argv[] = { SERVER, "--root", root, "--dir", cert_dir, "--ca-out", ca_file,
                     "--log", reqlog, NULL };
    char line[128];
    int i;
    proc_start(p, argv, 1);
    assert_true(proc_read_line(p, line, sizeof line, 10000) > 0);
    assert_int_equal(strncmp(line, "port ", 5), 0);
    *main_port = atoi(line + 5);
    assert_true(*main_port > 0);
    for (i = 0; i < 3; i++) {
        static const char *const names[] = { "port-wronghost ", "port-expired ", "port-selfsigned " };
        size_t nl = strlen(names[i]);
        assert_true(proc_read_line(p, line, sizeof line, 10000) > 0);
        assert_int_equal(strncmp(line, names[i], nl), 0);
        bad_ports[i] = atoi(line + nl);
        assert_true(bad_ports[i] > 0);
    }
}

static int setup(void **state)
{
    int bad[3], i;
    size_t n;
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    harness_tmpdir(dir, sizeof dir);
    snprintf(root, sizeof root, "%s/root", dir);
    snprintf(certs, sizeof certs, "%s/certs", dir);
    snprintf(ca, sizeof ca, "%s/ca-file.pem", dir);
    snprintf(reqlog, sizeof reqlog, "%s/requests.jsonl", dir);
    if (mkdir(root, 0700) != 0 || mkdir(certs, 0700) != 0)
        return -1;
    n = (size_t)snprintf(feed, sizeof feed, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                         "<rss version=\"2.0\"><channel><title>Fixture</title>\n");
    for (i = 0; i < FEED_ITEMS; i++)
        n += (size_t)snprintf(feed + n, sizeof feed - n,
                              "<item><title>Headline number %d</title></item>\n", i);
    n += (size_t)snprintf(feed + n, sizeof feed - n, "</channel></rss>\n");
    feed_len = n;
    write_fixture("feed.xml", feed, feed_len);
    write_fixture("../secret.txt", "outside the root\n", 17);
    write_fixture("feed.json", "{\"version\":\"https://jsonfeed.org/version/1.1\"}\n", 47);
    start_server(&server, certs, ca, &port, bad);
    port_wronghost = bad[0];
    port_expired = bad[1];
    port_selfsigned = bad[2];
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    proc_kill_all();
    proc_close(&server);
    harness_rmtree(dir);
    curl_global_cleanup();
    return 0;
}

static void assert_feed(const fetch *f)
{
    assert_int_equal(f->rc, CURLE_OK);
    assert_int_equal(f->status, 200);
    assert_int_equal(f->len, feed_len);
    assert_memory_equal(f->body, feed, feed_len);
}

static void good_fetch_verifies_against_the_ca(void **state)
{
    static fetch f;
    char v[128];
    CURL *h;
    int i;
    (void)state;
    get(&f, port, "/feed.xml", NULL);
    assert_feed(&f);
    assert_string_equal(header(&f, "Content-Type", v, sizeof v), "application/rss+xml");
    assert_true(strlen(header(&f, "ETag", v, sizeof v)) == 18 && v[0] == '"');
    assert_string_equal(header(&f, "Last-Modified", v, sizeof v), "Tue, 14 Nov 2023 22:13:20 GMT");
    get(&f, port, "/feed.json", NULL);
    assert_int_equal(f.status, 200);
    assert_string_equal(header(&f, "Content-Type", v, sizeof v), "application/json");
    get(&f, port, "/missing.xml", NULL);
    assert_int_equal(f.status, 404);

    /* nothing outside the root, however the path is spelled */
    for (i = 0; i < 3; i++) {
        static const char *const escapes[] = { "/../secret.txt", "/..%2fsecret.txt",
                                               "/%2e%2e/secret.txt" };
        h = easy(&f, port, escapes[i]);
        curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);
        finish(h, &f, curl_easy_perform(h));
        curl_easy_cleanup(h);
        assert_int_equal(f.status, 404);
    }

    /* the DNS name in the certificate works as well as the IP */
    h = easy(&f, port, "/feed.xml");
    snprintf(v, sizeof v, "https://localhost:%d/feed.xml", port);
    curl_easy_setopt(h, CURLOPT_URL, v);
    finish(h, &f, curl_easy_perform(h));
    curl_easy_cleanup(h);
    assert_feed(&f);
}

static void bad_certificates_fail_verification(void **state)
{
    static fetch f;
    const int ports[] = { port_wronghost, port_expired, port_selfsigned };
    int i;
    (void)state;
    for (i = 0; i < 3; i++) {
        get(&f, ports[i], "/feed.xml", NULL);
        assert_int_equal(f.rc, CURLE_PEER_FAILED_VERIFICATION);
        assert_int_equal(f.len, 0);
    }
}

static void validators_give_304(void **state)
{
    static fetch f;
    char etag[64], lastmod[64], hdr[160];
    struct curl_slist *h = NULL;
    (void)state;
    get(&f, port, "/feed.xml", NULL);
    header(&f, "ETag", etag, sizeof etag);
    header(&f, "Last-Modified", lastmod, sizeof lastmod);

    snprintf(hdr, sizeof hdr, "If-None-Match: %s", etag);
    h = curl_slist_append(h, hdr);
    get(&f, port, "/feed.xml", h);
    curl_slist_free_all(h);
    assert_int_equal(f.status, 304);
    assert_int_equal(f.len, 0);
    assert_string_equal(header(&f, "ETag", hdr, sizeof hdr), etag);

    snprintf(hdr, sizeof hdr, "If-Modified-Since: %s", lastmod);
    h = curl_slist_append(NULL, hdr);
    get(&f, port, "/feed.xml", h);
    curl_slist_free_all(h);
    assert_int_equal(f.status, 304);

    /* a different ETag wins over a matching date */
    h = curl_slist_append(NULL, "If-None-Match: \"0000000000000000\"");
    h = curl_slist_append(h, hdr);
    get(&f, port, "/feed.xml", h);
    curl_slist_free_all(h);
    assert_feed(&f);

    h = curl_slist_append(NULL, "If-Modified-Since: Mon, 13 Nov 2023 00:00:00 GMT");
    get(&f, port, "/feed.xml", h);
    curl_slist_free_all(h);
    assert_feed(&f);
}

static void gzip_when_accepted(void **state)
{
    static fetch f;
    char v[64], etag[64];
    CURL *h;
    (void)state;
    h = easy(&f, port, "/feed.xml");
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip");
    finish(h, &f, curl_easy_perform(h));
    curl_easy_cleanup(h);
    assert_feed(&f);
    assert_string_equal(header(&f, "Content-Encoding", v, sizeof v), "gzip");
    assert_true(f.wire_bytes > 0 && f.wire_bytes < (curl_off_t)feed_len / 4);
    header(&f, "ETag", etag, sizeof etag);
    assert_int_equal(strncmp(etag, "W/\"", 3), 0);
    get(&f, port, "/feed.xml", NULL);
    assert_string_equal(header(&f, "Content-Encoding", v, sizeof v), "");
    assert_string_equal(header(&f, "ETag", v, sizeof v), etag + 2);
}

static void head_and_keep_alive(void **state)
{
    static fetch f;
    char v[64];
    long connects[3];
    int i;
    CURL *h;
    (void)state;
    h = easy(&f, port, "/feed.xml");
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    finish(h, &f, curl_easy_perform(h));
    assert_int_equal(f.status, 200);
    assert_int_equal(f.len, 0);
    assert_int_equal(atol(header(&f, "Content-Length", v, sizeof v)), (long)feed_len);
    curl_easy_setopt(h, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    for (i = 0; i < 3; i++) {
        f.len = 0;
        assert_int_equal(curl_easy_perform(h), CURLE_OK);
        curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects[i]);
        assert_int_equal(f.len, feed_len);
    }
    curl_easy_cleanup(h);
    assert_int_equal(connects[0] + connects[1] + connects[2], 0);
}

static void status_misbehaviours(void **state)
{
    static fetch f;
    char v[64];
    time_t when;
    (void)state;
    get(&f, port, "/304-etag/feed.xml", NULL);
    assert_int_equal(f.status, 304);
    assert_true(strlen(header(&f, "ETag", v, sizeof v)) == 18);
    assert_string_equal(header(&f, "Last-Modified", v, sizeof v), "Tue, 14 Nov 2023 22:13:20 GMT");
    get(&f, port, "/304-noetag/feed.xml", NULL);
    assert_int_equal(f.status, 304);
    assert_string_equal(header(&f, "ETag", v, sizeof v), "");
    assert_string_equal(header(&f, "Last-Modified", v, sizeof v), "");
    get(&f, port, "/429/feed.xml", NULL);
    assert_int_equal(f.status, 429);
    assert_string_equal(header(&f, "Retry-After", v, sizeof v), "120");
    get(&f, port, "/503/feed.xml", NULL);
    assert_int_equal(f.status, 503);
    when = curl_getdate(header(&f, "Retry-After", v, sizeof v), NULL);
    assert_true(when > time(NULL) + 60 && when <= time(NULL) + 130);
    get(&f, port, "/500/feed.xml", NULL);
    assert_int_equal(f.status, 500);
}

/* Follows redirects the way tickerd must: at most 5, http and https only. */
static void follow(fetch *f, const char *path)
{
    CURL *h = easy(f, port, path);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    finish(h, f, curl_easy_perform(h));
    curl_easy_cleanup(h);
}

static void redirects(void **state)
{
    static fetch f;
    char v[128], want[128];
    (void)state;
    follow(&f, "/redirect/3/feed.xml");
    assert_feed(&f);
    assert_int_equal(f.redirects, 3);
    get(&f, port, "/redirect/2/feed.xml", NULL);
    assert_int_equal(f.status, 302);
    snprintf(want, sizeof want, "https://127.0.0.1:%d/redirect/1/feed.xml", port);
    assert_string_equal(header(&f, "Location", v, sizeof v), want);

    follow(&f, "/redirect-loop/feed.xml");
    assert_int_equal(f.rc, CURLE_TOO_MANY_REDIRECTS);
    get(&f, port, "/redirect-loop/feed.xml?a=1", NULL);
    snprintf(want, sizeof want, "https://127.0.0.1:%d/redirect-loop/feed.xml?a=1", port);
    assert_string_equal(header(&f, "Location", v, sizeof v), want);

    follow(&f, "/redirect-file/feed.xml");
    assert_int_equal(f.rc, CURLE_UNSUPPORTED_PROTOCOL);
    get(&f, port, "/redirect-file/feed.xml", NULL);
    assert_string_equal(header(&f, "Location", v, sizeof v), "file:///etc/passwd");
    follow(&f, "/redirect-ftp/feed.xml");
    assert_int_equal(f.rc, CURLE_UNSUPPORTED_PROTOCOL);
    get(&f, port, "/redirect-ftp/feed.xml", NULL);
    assert_string_equal(header(&f, "Location", v, sizeof v), "ftp://127.0.0.1/x");
}

static void drip_and_stall_are_cut_by_timeouts(void **state)
{
    static fetch f;
    uint64_t t0;
    CURL *h;
    (void)state;
    h = easy(&f, port, "/drip/feed.xml");
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 100L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 2L);
    t0 = now_ms();
    finish(h, &f, curl_easy_perform(h));
    curl_easy_cleanup(h);
    assert_int_equal(f.rc, CURLE_OPERATION_TIMEDOUT);
    assert_int_equal(f.status, 200);
    assert_true(f.len >= 1 && f.len <= 4);          /* one byte a second */
    assert_memory_equal(f.body, feed, f.len);
    assert_true(now_ms() - t0 < 6000);

    h = easy(&f, port, "/stall/feed.xml");
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 1000L);
    finish(h, &f, curl_easy_perform(h));
    curl_easy_cleanup(h);
    assert_int_equal(f.rc, CURLE_OPERATION_TIMEDOUT);
    assert_int_equal(f.status, 200);
    assert_int_equal(f.len, 0);
}

static void early_close(void **state)
{
    static fetch f;
    (void)state;
    get(&f, port, "/close-mid-body/feed.xml", NULL);
    assert_int_equal(f.rc, CURLE_PARTIAL_FILE);
    assert_int_equal(f.len, feed_len / 2);
    assert_memory_equal(f.body, feed, f.len);
}

static void oversized_bodies(void **state)
{
    static fetch f;
    CURL *h;
    (void)state;
    h = easy(&f, port, "/huge/feed.xml");
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)4 << 20);
    finish(h, &f, curl_easy_perform(h));
    curl_easy_cleanup(h);
    assert_int_equal(f.rc, CURLE_FILESIZE_EXCEEDED);

    /* no length to refuse up front: the cap is the client's own */
    h = easy(&f, port, "/endless/feed.xml");
    f.abort_after = (curl_off_t)4 << 20;
    finish(h, &f, curl_easy_perform(h));
    curl_easy_cleanup(h);
    assert_int_equal(f.rc, CURLE_WRITE_ERROR);
    assert_true(f.total > f.abort_after);
    assert_memory_equal(f.body, "<?xml", 5);

    /* the bomb, inflated in full, is 1 GiB from about 1 MiB */
    h = easy(&f, port, "/gzip-bomb/feed.xml");
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    finish(h, &f, curl_easy_perform(h));
    curl_easy_cleanup(h);
    assert_int_equal(f.rc, CURLE_OK);
    assert_true(f.total == (curl_off_t)1 << 30);
    assert_true(f.wire_bytes < (curl_off_t)2 << 20);
    assert_int_equal(f.body[0], 0);
}

/* The last line of the request log that contains needle, into out. */
static int log_line(const char *needle, char *out, size_t cap)
{
    FILE *fp = fopen(reqlog, "r");
    char line[4096];
    int found = 0;
    assert_non_null(fp);
    while (fgets(line, sizeof line, fp))
        if (strstr(line, needle)) {
            snprintf(out, cap, "%s", line);
            found = 1;
        }
    fclose(fp);
    return found;
}

static void request_log_records_validators(void **state)
{
    static fetch f;
    char line[4096];
    struct curl_slist *h;
    CURL *e;
    (void)state;
    h = curl_slist_append(NULL, "If-None-Match: \"abc\"");
    h = curl_slist_append(h, "If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT");
    e = easy(&f, port, "/logged.xml?key=s3cret&n=1");
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(e, CURLOPT_USERAGENT, "ledticker-test/1 \"quoted\"");
    finish(e, &f, curl_easy_perform(e));
    curl_easy_cleanup(e);
    curl_slist_free_all(h);
    assert_int_equal(f.status, 404);
    assert_true(log_line("\"path\":\"/logged.xml\"", line, sizeof line));
    assert_non_null(strstr(line, "\"method\":\"GET\""));
    assert_non_null(strstr(line, "\"query\":\"key=s3cret&n=1\""));
    assert_non_null(strstr(line, "\"if_none_match\":\"\\\"abc\\\"\""));
    assert_non_null(strstr(line, "\"if_modified_since\":\"Tue, 14 Nov 2023 22:13:20 GMT\""));
    assert_non_null(strstr(line, "\"accept_encoding\":\"gzip\""));
    assert_non_null(strstr(line, "\"user_agent\":\"ledticker-test/1 \\\"quoted\\\"\""));
    assert_non_null(strstr(line, "\"listener\":\"main\""));
    assert_non_null(strstr(line, "\"status\":404"));

    get(&f, port, "/unconditional.xml", NULL);
    assert_true(log_line("/unconditional.xml", line, sizeof line));
    assert_non_null(strstr(line, "\"if_none_match\":null,\"if_modified_since\":null"));
}

/* The same connection answers several requests, and the log says so. */
static void request_log_shows_connection_reuse(void **state)
{
    static fetch f;
    char line[4096], conn[3][32];
    const char *paths[] = { "/reuse-1.xml", "/reuse-2.xml", "/reuse-3.xml" };
    int i;
    CURL *h;
    (void)state;
    h = easy(&f, port, paths[0]);
    for (i = 0; i < 3; i++) {
        char url[128];
        snprintf(url, sizeof url, "https://127.0.0.1:%d%s", port, paths[i]);
        curl_easy_setopt(h, CURLOPT_URL, url);
        assert_int_equal(curl_easy_perform(h), CURLE_OK);
    }
    curl_easy_cleanup(h);
    for (i = 0; i < 3; i++) {
        char want[32];
        assert_true(log_line(paths[i], line, sizeof line));
        snprintf(conn[i], sizeof conn[i], "%.*s", (int)strcspn(line, ","), line);
        snprintf(want, sizeof want, "\"request\":%d,", i + 1);
        assert_non_null(strstr(line, want));
    }
    assert_string_equal(conn[0], conn[1]);
    assert_string_equal(conn[1], conn[2]);
}

/* 64 clients at once, while two stalled ones hold their connections. */
static void serves_many_clients_at_once(void **state)
{
    static fetch f[CONCURRENT + 2];
    CURL *h[CONCURRENT + 2];
    CURLM *m = curl_multi_init();
    long connects = 0;
    int running = 1, i, done = 0;
    CURLMsg *msg;
    (void)state;
    assert_non_null(m);
    for (i = 0; i < CONCURRENT + 2; i++) {
        h[i] = easy(&f[i], port, i < 2 ? "/stall/feed.xml" : "/feed.xml");
        if (i < 2)
            curl_easy_setopt(h[i], CURLOPT_TIMEOUT_MS, 20000L);
        curl_multi_add_handle(m, h[i]);
    }
    while (running && done < CONCURRENT) {
        int left;
        assert_int_equal(curl_multi_perform(m, &running), CURLM_OK);
        while ((msg = curl_multi_info_read(m, &left)))
            if (msg->msg == CURLMSG_DONE) {
                for (i = 0; i < CONCURRENT + 2; i++)
                    if (h[i] == msg->easy_handle)
                        finish(h[i], &f[i], msg->data.result);
                done++;
            }
        if (running)
            curl_multi_poll(m, NULL, 0, 1000, NULL);
    }
    for (i = 0; i < CONCURRENT + 2; i++) {
        long n = 0;
        curl_easy_getinfo(h[i], CURLINFO_NUM_CONNECTS, &n);
        connects += n;
        curl_multi_remove_handle(m, h[i]);
        curl_easy_cleanup(h[i]);
    }
    curl_multi_cleanup(m);
    assert_int_equal(connects, CONCURRENT + 2);
    assert_int_equal(f[0].len + f[1].len, 0);    /* the stalled ones were still waiting */
    for (i = 2; i < CONCURRENT + 2; i++)
        assert_feed(&f[i]);
}

/* A second server, with its own CA: serves, then stops cleanly on SIGTERM. */
static void sigterm_exits_zero(void **state)
{
    proc other;
    int p, bad[3];
    char certs2[160], ca2[160];
    static fetch f;
    CURL *h;
    (void)state;
    snprintf(certs2, sizeof certs2, "%s/certs2", dir);
    snprintf(ca2, sizeof ca2, "%s/ca2.pem", dir);
    assert_int_equal(mkdir(certs2, 0700), 0);
    start_server(&other, certs2, ca2, &p, bad);
    h = easy(&f, p, "/feed.xml");
    curl_easy_setopt(h, CURLOPT_CAINFO, ca2);
    finish(h, &f, curl_easy_perform(h));
    assert_feed(&f);
    /* each start makes a new CA: the first server's does not verify this one */
    curl_easy_setopt(h, CURLOPT_CAINFO, ca);
    curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
    finish(h, &f, curl_easy_perform(h));
    curl_easy_cleanup(h);
    assert_int_equal(f.rc, CURLE_PEER_FAILED_VERIFICATION);
    assert_int_equal(proc_stop(&other), 0);
    proc_close(&other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_fetch_verifies_against_the_ca),
        cmocka_unit_test(bad_certificates_fail_verification),
        cmocka_unit_test(validators_give_304),
        cmocka_unit_test(gzip_when_accepted),
        cmocka_unit_test(head_and_keep_alive),
        cmocka_unit_test(status_misbehaviours),
        cmocka_unit_test(redirects),
        cmocka_unit_test(drip_and_stall_are_cut_by_timeouts),
        cmocka_unit_test(early_close),
        cmocka_unit_test(oversized_bodies),
        cmocka_unit_test(request_log_records_validators),
        cmocka_unit_test(request_log_shows_connection_reuse),
        cmocka_unit_test(serves_many_clients_at_once),
        cmocka_unit_test(sigterm_exits_zero),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

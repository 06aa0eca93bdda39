/*
 * broker.c - starts, kills and restarts a real Mosquitto for the tests
 * (broker.h). Mosquitto run as root drops to its own user, which could not
 * read the test's key; the config names the current user so that it stays.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "broker.h"

#define MOSQUITTO "/usr/sbin/mosquitto"
#define MOSQUITTO_PASSWD "/usr/bin/mosquitto_passwd"

/* A port that was free a moment ago on 127.0.0.1. */
static int free_port(void)
{
    struct sockaddr_in a;
    socklen_t n = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0), port;
    assert_true(fd >= 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &n), 0);
    port = ntohs(a.sin_port);
    close(fd);
    return port;
}

static int listening(int port)
{
    struct sockaddr_in a;
    int fd = socket(AF_INET, SOCK_STREAM, 0), ok;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return ok;
}

static void run_or_fail(char *const argv[])
{
    char out[2048];
    int rc = run_capture(argv, 10000, out, sizeof out);
    if (rc != 0)
        fail_msg("%s exited %d: %s", argv[0], rc, out);
}

void broker_restart(broker *b)
{
    char log[300];
    char *argv[] = { MOSQUITTO, "-c", b->conf, NULL };
    uint64_t end = now_ms() + 5000;

    snprintf(log, sizeof log, "%s/broker.log", b->dir);
    proc_start_logged(&b->p, argv, log);
    while (!listening(b->port)) {
        if (now_ms() > end)
            fail_msg("mosquitto did not listen on %d within 5 s; see %s", b->port, log);
        sleep_ms(20);
    }
    b->running = 1;
}

void broker_start(broker *b, const char *dir)
{
    char certs[290], passwd[300];
    char *mk[] = { "build/tools/feed-server", "--certs-only", "--dir", certs, NULL };
    char *pw[] = { MOSQUITTO_PASSWD, "-b", "-c", passwd, BROKER_USER, BROKER_PASSWORD, NULL };
    const struct passwd *me = getpwuid(geteuid());
    FILE *f;

    memset(b, 0, sizeof *b);
    snprintf(b->dir, sizeof b->dir, "%s", dir);
    snprintf(certs, sizeof certs, "%s/certs", dir);
    snprintf(passwd, sizeof passwd, "%s/passwd", dir);
    snprintf(b->ca, sizeof b->ca, "%s/ca.pem", certs);
    snprintf(b->conf, sizeof b->conf, "%s/mosquitto.conf", dir);
    if (mkdir(certs, 0700) != 0)
        fail_msg("mkdir %s failed", certs);
    run_or_fail(mk);
    run_or_fail(pw);
    b->port = free_port();
    f = fopen(b->conf, "w");
    assert_non_null(f);
    fprintf(f, "user %s\nper_listener_settings false\nallow_anonymous false\n"
            "password_file %s\npersistence false\nmax_queued_messages 10000\n"
            "listener %d 127.0.0.1\ncafile %s\ncertfile %s/good.pem\nkeyfile %s/good-key.pem\n",
            me ? me->pw_name : "root", passwd, b->port, b->ca, certs, certs);
    fclose(f);
    broker_restart(b);
}

void broker_kill(broker *b)
{
    if (b->running)
        proc_kill(&b->p);
    b->running = 0;
}

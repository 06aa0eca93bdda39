/*
 * bench_mqtt.c - one publisher and 50 display subscribers on loopback
 * through a real Mosquitto (tests/integration/support/broker.h: TLS, a
 * password file). The publisher is tickerd's own connection code
 * (mqtt_link.c) publishing items as role_publisher.c does (retained, QoS
 * 1, the item JSON); the subscribers are light libmosquitto clients in a
 * child process, each with its own TLS connection and persistent session.
 *
 * Prints, over ROUNDS new headlines: the time from publishing one until
 * all 50 subscribers have it (median, best and worst), the CPU time the
 * broker and the publisher spent on them, and apart what connecting the
 * 51 TLS clients cost.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mosquitto.h>

#include "broker.h"
#include "clock.h"
#include "mqtt.h"

#define SUBSCRIBERS 50
#define ROUNDS 30
#define PREFIX "bench/newsroom"

static broker mosq_broker;
static int to_parent = -1;

/* ---- the subscribers (child process) ---- */

static unsigned got[ROUNDS + 1];    /* subscribers that have round k */

static void sub_message(struct mosquitto *m, void *obj, const struct mosquitto_message *msg)
{
    const char *p;
    long k;
    char line[32];
    int n;
    (void)m;
    (void)obj;
    p = msg->payloadlen > 0 ? strstr(msg->payload, "Bench headline ") : NULL;
    if (!p)
        return;
    k = strtol(p + 15, NULL, 10);
    if (k < 1 || k > ROUNDS || ++got[k] != SUBSCRIBERS)
        return;
    n = snprintf(line, sizeof line, "%ld %llu\n", k, (unsigned long long)clock_now_ms());
    if (write(to_parent, line, (size_t)n) != n)
        _exit(3);
}

static unsigned subacks;

static void sub_subscribed(struct mosquitto *m, void *obj, int mid, int n, const int *qos)
{
    (void)m;
    (void)obj;
    (void)mid;
    (void)n;
    (void)qos;
    subacks++;
}

static void subscribers(void)
{
    static struct mosquitto *subs[SUBSCRIBERS];
    struct pollfd p[SUBSCRIBERS];
    char id[32];
    int i;

    for (i = 0; i < SUBSCRIBERS; i++) {
        snprintf(id, sizeof id, "bench-sub-%d", i);
        subs[i] = mosquitto_new(id, false, NULL);
        if (!subs[i])
            _exit(2);
        mosquitto_int_option(subs[i], MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
        mosquitto_username_pw_set(subs[i], BROKER_USER, BROKER_PASSWORD);
        mosquitto_tls_set(subs[i], mosq_broker.ca, NULL, NULL, NULL, NULL);
        mosquitto_message_callback_set(subs[i], sub_message);
        mosquitto_subscribe_callback_set(subs[i], sub_subscribed);
        if (mosquitto_connect(subs[i], "127.0.0.1", mosq_broker.port, 60) != 0 ||
            mosquitto_subscribe(subs[i], NULL, PREFIX "/items/+", 1) != 0) {
            fprintf(stderr, "bench_mqtt: subscriber %d cannot connect\n", i);
            _exit(2);
        }
    }
    for (;;) {
        for (i = 0; i < SUBSCRIBERS; i++) {
            p[i].fd = mosquitto_socket(subs[i]);
            p[i].events = (short)(POLLIN | (mosquitto_want_write(subs[i]) ? POLLOUT : 0));
            p[i].revents = 0;
        }
        if (poll(p, SUBSCRIBERS, 1000) < 0 && errno != EINTR)
            _exit(2);
        for (i = 0; i < SUBSCRIBERS; i++) {
            if (p[i].revents & (POLLIN | POLLHUP | POLLERR))
                mosquitto_loop_read(subs[i], 1);
            if (p[i].revents & POLLOUT)
                mosquitto_loop_write(subs[i], 1);
            mosquitto_loop_misc(subs[i]);
        }
        if (subacks == SUBSCRIBERS) {
            subacks++; /* say it once */
            if (write(to_parent, "ready\n", 6) != 6)
                _exit(3);
        }
    }
}

/* ---- the publisher (this process) ---- */

static int connected_once;

static void pub_connected(void *ctx, int session_present)
{
    (void)ctx;
    (void)session_present;
    connected_once = 1;
}

static void pub_message(void *ctx, const char *topic, const void *payload, size_t len, int r)
{
    (void)ctx;
    (void)topic;
    (void)payload;
    (void)len;
    (void)r;
}

/* Runs the publisher's link until a line from the child (into line) or
   timeout_ms; 0, or -1 on time-out. */
static int pump(mqtt_link *l, int from_child, char *line, size_t cap, int timeout_ms)
{
    uint64_t end = clock_now_ms() + (uint64_t)timeout_ms;
    size_t n = 0;
    while (clock_now_ms() < end) {
        struct pollfd p[2] = { { from_child, POLLIN, 0 }, { mqtt_link_fd(l), 0, 0 } };
        nfds_t np = p[1].fd >= 0 ? 2 : 1;
        if (np == 2)
            p[1].events = mqtt_link_poll_events(l);
        poll(p, np, 20);
        if (np == 2)
            mqtt_link_on_poll(l, p[1].revents, clock_now_ms());
        else
            mqtt_link_on_timer(l, clock_now_ms());
        while (line && (p[0].revents & POLLIN) && n + 1 < cap) {
            if (read(from_child, line + n, 1) != 1)
                return -1;
            if (line[n] == '\n') {
                line[n] = 0;
                return 0;
            }
            n++;
            p[0].revents = poll(p, 1, 0) > 0 ? p[0].revents : 0;
        }
    }
    return -1;
}

/* utime + stime of pid in ms, from /proc. */
static double cpu_ms(pid_t pid)
{
    char path[64], buf[1024], *p;
    unsigned long ut = 0, st = 0;
    FILE *f;
    int i;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (!(f = fopen(path, "r")))
        return -1;
    buf[fread(buf, 1, sizeof buf - 1, f)] = 0;
    fclose(f);
    p = strrchr(buf, ')');
    for (i = 0; p && i < 12; i++)
        p = strchr(p + 1, ' ');
    if (p) {
        ut = strtoul(p + 1, &p, 10);
        st = strtoul(p + 1, NULL, 10);
    }
    return (double)(ut + st) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

static double self_cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
}

static int by_value(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    char dir[256], bdir[300], line[128], err[256], topic[64];
    config_mqtt c;
    mqtt_link_handler h = { NULL, pub_connected, pub_message };
    mqtt_link *l;
    long lat[ROUNDS];
    double broker0, pub0, broker_setup, pub_setup, broker_cpu, pub_cpu;
    int fds[2], k;
    pid_t child;

    harness_tmpdir(dir, sizeof dir);
    snprintf(bdir, sizeof bdir, "%s/broker", dir);
    mkdir(bdir, 0700);
    broker_start(&mosq_broker, bdir);
    broker0 = cpu_ms(mosq_broker.p.pid);
    pub0 = self_cpu_ms();
    if (pipe(fds) != 0)
        return 1;
    mosquitto_lib_init();
    if ((child = fork()) == 0) {
        close(fds[0]);
        to_parent = fds[1];
        subscribers();
    }
    close(fds[1]);
    memset(&c, 0, sizeof c);
    c.role = CONFIG_ROLE_PUBLISHER;
    snprintf(c.host, sizeof c.host, "127.0.0.1");
    c.port = mosq_broker.port;
    snprintf(c.prefix, sizeof c.prefix, PREFIX);
    snprintf(c.name, sizeof c.name, "bench-pub");
    c.tls = 1;
    if (strlen(mosq_broker.ca) >= sizeof c.ca_file)
        return 1;
    memcpy(c.ca_file, mosq_broker.ca, strlen(mosq_broker.ca) + 1);
    snprintf(c.username, sizeof c.username, BROKER_USER);
    snprintf(c.password, sizeof c.password, BROKER_PASSWORD);
    c.keepalive_s = 30;
    c.reconnect_max_s = 1;
    if (!(l = mqtt_link_new(&c, "bench-pub", NULL, NULL, &h, err, sizeof err))) {
        fprintf(stderr, "bench_mqtt: %s\n", err);
        return 1;
    }
    if (pump(l, fds[0], line, sizeof line, 60000) != 0 || strcmp(line, "ready") != 0) {
        fprintf(stderr, "bench_mqtt: the subscribers did not get ready\n");
        return 1;
    }
    while (!connected_once && mqtt_link_get_state(l) != MQTT_LINK_CONNECTED)
        pump(l, fds[0], NULL, 0, 100);
    broker_setup = cpu_ms(mosq_broker.p.pid) - broker0;
    pub_setup = self_cpu_ms() - pub0;
    broker0 = cpu_ms(mosq_broker.p.pid);
    pub0 = self_cpu_ms();
    for (k = 1; k <= ROUNDS; k++) {
        mqtt_item m;
        char *json;
        uint64_t t0;
        unsigned long long t1;
        long kk;
        memset(&m, 0, sizeof m);
        snprintf(line, sizeof line, "Bench headline %d: markets rally as rates hold", k);
        m.it.title = line;
        m.it.key = "bench";
        memcpy(m.it.feed, "wire", 5);
        m.it.published = time(NULL);
        json = mqtt_item_encode(&m);
        snprintf(topic, sizeof topic, PREFIX "/items/%d", k);
        t0 = clock_now_ms();
        if (!json || mqtt_link_publish(l, topic, json, strlen(json)) != 0) {
            fprintf(stderr, "bench_mqtt: cannot publish\n");
            return 1;
        }
        free(json);
        if (pump(l, fds[0], line, sizeof line, 10000) == 0) {
            char *end;
            kk = strtol(line, &end, 10);
            t1 = strtoull(end, NULL, 10);
        } else {
            kk = -1;
            t1 = 0;
        }
        if (kk != k) {
            fprintf(stderr, "bench_mqtt: headline %d did not reach all %d\n", k, SUBSCRIBERS);
            return 1;
        }
        lat[k - 1] = (long)(t1 - t0);
        pump(l, fds[0], NULL, 0, 50);
    }
    broker_cpu = cpu_ms(mosq_broker.p.pid) - broker0;
    pub_cpu = self_cpu_ms() - pub0;
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    mqtt_link_free(l);
    broker_kill(&mosq_broker);
    harness_rmtree(dir);
    qsort(lat, ROUNDS, sizeof lat[0], by_value);
    printf("bench_mqtt: 1 publisher, %d subscribers (TLS, QoS 1, retained), %d headlines:\n",
           SUBSCRIBERS, ROUNDS);
    printf("  publish -> all %d have it: median %ld ms, worst %ld ms, best %ld ms\n",
           SUBSCRIBERS, lat[ROUNDS / 2], lat[ROUNDS - 1], lat[0]);
    printf("  CPU for the %d headlines: broker %.0f ms (%.2f ms each), publisher %.0f ms "
           "(%.2f ms each)\n", ROUNDS, broker_cpu, broker_cpu / ROUNDS, pub_cpu, pub_cpu / ROUNDS);
    printf("  CPU to connect the 51 clients (TLS): broker %.0f ms, publisher %.0f ms\n",
           broker_setup, pub_setup);
    return 0;
}

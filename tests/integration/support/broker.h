/*
 * broker.h - a real Mosquitto broker for the MQTT tests and benchmark,
 * on 127.0.0.1 at a port picked at start: TLS with certificates from the
 * feed server's test PKI (build/tools/feed-server --certs-only), and a
 * password file made with mosquitto_passwd, anonymous clients refused.
 * It can be killed (SIGKILL, as a crash) and started again on the same
 * port; without persistence, so a restart loses every retained message
 * and session, the worst case for the clients.
 */
#ifndef BROKER_H
#define BROKER_H

#include "harness.h"

#define BROKER_USER "ticker"
#define BROKER_PASSWORD "test-Secret-7"

typedef struct broker {
    proc p;
    int port;
    int running;
    char dir[256];              /* holds mosquitto.conf, passwd, certs/, broker.log */
    char ca[320];               /* the CA the clients verify the broker with */
    char conf[320];
} broker;

/* Makes dir's certificates, password file and config, and starts the
   broker; fails the test unless it listens within 5 s. */
void broker_start(broker *b, const char *dir);
/* SIGKILL, and reap it. */
void broker_kill(broker *b);
/* Starts it again with the same config and port. */
void broker_restart(broker *b);

#endif

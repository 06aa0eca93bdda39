/*
 * fetch_policy.h - when to fetch a feed next, and what of a URL may be
 * logged. Plain functions of their arguments (no clock, no randomness of
 * their own), so each rule is unit-tested.
 *
 * The rules: after a good fetch, wait the feed's interval, or longer when
 * the server's Cache-Control max-age or the feed's RSS ttl asks for it
 * (each honoured up to FETCH_HONOUR_MAX_S). After a failure, back off
 * exponentially from the interval, doubling per failure up to
 * FETCH_BACKOFF_CAP_S (or the interval, when that is longer); a 429 or 503
 * with Retry-After waits at least that long. Every delay gets up to
 * +-FETCH_JITTER_PERCENT so that feeds do not fetch in step.
 */
#ifndef FETCH_POLICY_H
#define FETCH_POLICY_H

#include <stddef.h>
#include <stdint.h>

#define FETCH_BACKOFF_CAP_S 3600L
#define FETCH_HONOUR_MAX_S 86400L
#define FETCH_JITTER_PERCENT 10

typedef struct fetch_outcome {
    int ok;                 /* a body or a 304 came back */
    unsigned failures;      /* failures in a row, this one included; 0 when ok */
    long max_age_s;         /* Cache-Control max-age; -1 when absent */
    long ttl_min;           /* the feed's RSS ttl in minutes; -1 when absent */
    long retry_after_s;     /* Retry-After on a 429/503; -1 when absent */
} fetch_outcome;

/* Seconds until the next fetch, before jitter. */
long fetch_policy_delay_s(long interval_s, const fetch_outcome *o);

/* delay_s in milliseconds moved by up to +-FETCH_JITTER_PERCENT, chosen by
   the random number r; never below one second. */
uint64_t fetch_policy_jitter_ms(long delay_s, uint32_t r);

/* max-age from a Cache-Control header value, in seconds; -1 when absent,
   malformed, or no-store / no-cache say not to rely on it. */
long fetch_policy_max_age(const char *cache_control);

/*
 * url without what may be secret: the user and password, the query and
 * the fragment ("https://user:key@h/p?k=1" -> "https://h/p"), into out.
 * This is the only form of a URL tickerd logs.
 */
void fetch_policy_redact(const char *url, char *out, size_t cap);

#endif

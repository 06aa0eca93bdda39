/* fetch_policy.c - see fetch_policy.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch_policy.h"

static long min_l(long a, long b)
{
    return a < b ? a : b;
}

static long max_l(long a, long b)
{
    return a > b ? a : b;
}

long fetch_policy_delay_s(long interval_s, const fetch_outcome *o)
{
    long d = interval_s;

    if (o->ok) {
        if (o->max_age_s > 0)
            d = max_l(d, min_l(o->max_age_s, FETCH_HONOUR_MAX_S));
        if (o->ttl_min > 0)
            d = max_l(d, min_l(o->ttl_min * 60, FETCH_HONOUR_MAX_S));
        return d;
    }
    {
        long cap = max_l(interval_s, FETCH_BACKOFF_CAP_S);
        unsigned n = o->failures ? o->failures - 1 : 0;
        /* interval, 2x, 4x, ... : stop doubling once at the cap */
        while (n-- && d < cap)
            d *= 2;
        d = min_l(d, cap);
    }
    if (o->retry_after_s > 0)
        d = max_l(d, min_l(o->retry_after_s, FETCH_HONOUR_MAX_S));
    return d;
}

uint64_t fetch_policy_jitter_ms(long delay_s, uint32_t r)
{
    int64_t ms = (int64_t)delay_s * 1000;
    int64_t span = ms * FETCH_JITTER_PERCENT / 100;  /* each way */
    if (span > 0)
        ms += (int64_t)(r % (uint32_t)(2 * span + 1)) - span;
    return ms < 1000 ? 1000u : (uint64_t)ms;
}

long fetch_policy_max_age(const char *cc)
{
    long age = -1;
    const char *p = cc;

    if (!cc)
        return -1;
    while (*p) {
        size_t n;
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        n = strcspn(p, ",");
        if ((n >= 8 && strncasecmp(p, "no-store", 8) == 0) ||
            (n >= 8 && strncasecmp(p, "no-cache", 8) == 0))
            return -1;
        if (n > 8 && strncasecmp(p, "max-age=", 8) == 0) {
            const char *v = p + 8;
            char *end;
            long a;
            if (*v == '"')
                v++;
            errno = 0;
            a = strtol(v, &end, 10);
            if (!errno && end != v && isdigit((unsigned char)*v) && a >= 0)
                age = a;
        }
        p += n;
    }
    return age;
}

void fetch_policy_redact(const char *url, char *out, size_t cap)
{
    const char *scheme_end = strstr(url, "://");
    const char *host, *at, *end;
    size_t host_len;

    if (!cap)
        return;
    if (!scheme_end) {
        snprintf(out, cap, "(not a URL)");
        return;
    }
    host = scheme_end + 3;
    host_len = strcspn(host, "/?#");
    at = memchr(host, '@', host_len);
    /* the last '@' before the path ends the user info */
    while (at) {
        const char *next = memchr(at + 1, '@', host_len - (size_t)(at + 1 - host));
        if (!next)
            break;
        at = next;
    }
    if (at) {
        host_len -= (size_t)(at + 1 - host);
        host = at + 1;
    }
    end = host + host_len;
    end += strcspn(end, "?#");
    snprintf(out, cap, "%.*s%.*s", (int)(scheme_end + 3 - url), url, (int)(end - host), host);
}

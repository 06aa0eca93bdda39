/*
 * feed_date.c - the dates feeds write, to UTC.
 *
 * Two readers: ISO 8601 as RFC 3339 and W3DTF use it (2004-01-01,
 * 2004-01-01T19:48Z, 2004-01-01 19:48:21.5+01:00, 20040101T194821Z), and
 * a token reader for RFC 822 and its relatives ("Thu, 01 Jan 2004
 * 19:48:21 GMT", "Thurs, 1 January 04 19:48 EST", "Sun Jan 4 16:29:06 PST
 * 2004", "January 4, 2004 4:29 PM +0100", "GMT+2"). Named zones are the
 * ones RFC 822 defines plus the common European, Asian and Australian
 * ones; an unknown zone, or none, is read as UTC.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "feed_internal.h"

typedef struct date_parts {
    int year, month, day, hour, min, sec;
    long offset; /* seconds east of UTC */
} date_parts;

static int days_in_month(int year, int month)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static int finish(date_parts *d, time_t *out)
{
    struct tm tm;
    time_t t;
    if (d->year < 1900 || d->year > 9999 || d->month < 1 || d->month > 12 || d->day < 1 ||
        d->day > days_in_month(d->year, d->month) || d->hour < 0 || d->hour > 24 || d->min < 0 ||
        d->min > 59 || d->sec < 0 || d->sec > 60 || (d->hour == 24 && (d->min || d->sec)))
        return -1;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = d->year - 1900;
    tm.tm_mon = d->month - 1;
    tm.tm_mday = d->day;
    tm.tm_hour = d->hour;
    tm.tm_min = d->min;
    tm.tm_sec = d->sec > 59 ? 59 : d->sec; /* a leap second reads as :59 */
    t = timegm(&tm);
    if (t == (time_t)-1 && d->year != 1969)
        return -1;
    *out = t - (time_t)d->offset;
    return 0;
}

/* Reads exactly `digits` digits at *s; -1 when they are not there. */
static int digits(const char **s, int count)
{
    int v = 0, i;
    for (i = 0; i < count; i++) {
        if (!isdigit((unsigned char)(*s)[i]))
            return -1;
        v = v * 10 + ((*s)[i] - '0');
    }
    *s += count;
    return v;
}

/* "+01:00", "-0500", "+01", "Z"; 0, or -1. */
static int numeric_zone(const char **s, long *offset)
{
    const char *p = *s;
    int sign, h, m = 0;
    if (*p == 'Z' || *p == 'z') {
        *offset = 0;
        *s = p + 1;
        return 0;
    }
    if (*p != '+' && *p != '-')
        return -1;
    sign = *p++ == '-' ? -1 : 1;
    if ((h = digits(&p, 2)) < 0) {
        if (!isdigit((unsigned char)*p))
            return -1;
        h = *p++ - '0'; /* "GMT+2" */
    }
    if (*p == ':')
        p++;
    if (isdigit((unsigned char)*p) && (m = digits(&p, 2)) < 0)
        return -1;
    if (h > 14 || m > 59)
        return -1;
    *offset = sign * (h * 3600L + m * 60L);
    *s = p;
    return 0;
}

static int iso8601(const char *s, time_t *out)
{
    date_parts d = { 0, 1, 1, 0, 0, 0, 0 };
    int compact;

    if ((d.year = digits(&s, 4)) < 0)
        return -1;
    compact = isdigit((unsigned char)*s);
    if (*s == '-' || compact) {
        s += !compact;
        if ((d.month = digits(&s, 2)) < 0)
            return -1;
        if (*s == '-' || (compact && isdigit((unsigned char)*s))) {
            s += !compact;
            if ((d.day = digits(&s, 2)) < 0)
                return -1;
        }
    }
    if (*s == 'T' || *s == 't' || (*s == ' ' && isdigit((unsigned char)s[1]))) {
        s++;
        if ((d.hour = digits(&s, 2)) < 0)
            return -1;
        s += *s == ':';
        if ((d.min = digits(&s, 2)) < 0)
            return -1;
        if (*s == ':' || isdigit((unsigned char)*s)) {
            s += *s == ':';
            if ((d.sec = digits(&s, 2)) < 0)
                return -1;
            if (*s == '.' || *s == ',')
                for (s++; isdigit((unsigned char)*s); s++)
                    ;
        }
        while (*s == ' ')
            s++;
        if (*s && numeric_zone(&s, &d.offset) < 0 && strncasecmp(s, "UTC", 3) != 0 &&
            strncasecmp(s, "GMT", 3) != 0)
            return -1;
    }
    return finish(&d, out);
}

static int month_of(const char *w, size_t n)
{
    static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec" };
    int i;
    if (n < 3)
        return 0;
    for (i = 0; i < 12; i++)
        if (strncasecmp(w, months[i], 3) == 0)
            return i + 1;
    return 0;
}

/* Offset of a named zone in hours, with found set; UTC when unknown. */
static long zone_of(const char *w, size_t n, int *found)
{
    static const struct { const char *name; int hours; } zones[] = {
        { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "WET", 0 }, { "EST", -5 },
        { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 }, { "MST", -7 }, { "MDT", -6 },
        { "PST", -8 }, { "PDT", -7 }, { "AST", -4 }, { "ADT", -3 }, { "AKST", -9 },
        { "AKDT", -8 }, { "HST", -10 }, { "BST", 1 }, { "IST", 1 }, { "CET", 1 },
        { "CEST", 2 }, { "MET", 1 }, { "MEST", 2 }, { "WEST", 1 }, { "EET", 2 },
        { "EEST", 3 }, { "MSK", 3 }, { "JST", 9 }, { "KST", 9 }, { "HKT", 8 }, { "SGT", 8 },
        { "AWST", 8 }, { "ACST", 9 }, { "AEST", 10 }, { "AEDT", 11 }, { "NZST", 12 },
        { "NZDT", 13 }
    };
    size_t i;
    /* every word of a date is tried: the first letter rules most out */
    for (i = 0; i < sizeof zones / sizeof zones[0]; i++)
        if (n && (zones[i].name[0] | 0x20) == (w[0] | 0x20) && strlen(zones[i].name) == n &&
            strncasecmp(w, zones[i].name, n) == 0) {
            *found = 1;
            return zones[i].hours;
        }
    *found = 0;
    return 0;
}

/* Reads "H:MM", "HH:MM:SS" at *s into d; 0, or -1. */
static int clock_time(const char **s, date_parts *d)
{
    const char *p = *s;
    int h = 0, n = 0;
    while (isdigit((unsigned char)*p) && n < 2) {
        h = h * 10 + (*p++ - '0');
        n++;
    }
    if (!n || *p != ':')
        return -1;
    p++;
    if ((d->min = digits(&p, 2)) < 0)
        return -1;
    d->hour = h;
    d->sec = 0;
    if (*p == ':') {
        p++;
        if ((d->sec = digits(&p, 2)) < 0)
            return -1;
        if (*p == '.')
            for (p++; isdigit((unsigned char)*p); p++)
                ;
    }
    *s = p;
    return 0;
}

static int rfc822ish(const char *s, time_t *out)
{
    date_parts d = { -1, 0, -1, 0, 0, 0, 0 };
    int have_time = 0, pm = -1, found;

    while (*s) {
        const char *w = s;
        if (isalpha((unsigned char)*s)) {
            size_t n;
            int m;
            while (isalpha((unsigned char)*s))
                s++;
            n = (size_t)(s - w);
            if (!d.month && (m = month_of(w, n))) {
                d.month = m;
            } else if (n == 2 && (strncasecmp(w, "AM", 2) == 0 || strncasecmp(w, "PM", 2) == 0)) {
                pm = (w[0] | 0x20) == 'p';
            } else {
                long h = zone_of(w, n, &found);
                if (found) {
                    d.offset = h * 3600;
                    if ((*s == '+' || *s == '-') && numeric_zone(&s, &d.offset) == 0)
                        d.offset += h * 3600;
                }
            }
            continue;
        }
        if (isdigit((unsigned char)*s)) {
            long v = 0;
            size_t n;
            if (!have_time && clock_time(&s, &d) == 0) {
                have_time = 1;
                continue;
            }
            while (isdigit((unsigned char)*s) && s - w < 9)
                v = v * 10 + (*s++ - '0');
            n = (size_t)(s - w);
            if (n == 4 && d.year < 0)
                d.year = (int)v;
            else if (n <= 2 && d.day < 0)
                d.day = (int)v;
            else if (n <= 2 && d.year < 0)
                d.year = (int)(v < 50 ? 2000 + v : 1900 + v);
            else
                return -1;
            continue;
        }
        if ((*s == '+' || *s == '-') && have_time && isdigit((unsigned char)s[1]) &&
            numeric_zone(&s, &d.offset) == 0)
            continue;
        s++;
    }
    if (d.year < 0 || !d.month || d.day < 0)
        return -1;
    if (pm >= 0 && d.hour <= 12)
        d.hour = pm ? (d.hour % 12) + 12 : d.hour % 12;
    return finish(&d, out);
}

int feed_date_parse(const char *s, time_t *out)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (!*s)
        return -1;
    if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
        isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
        (s[4] == '-' || isdigit((unsigned char)s[4]) || s[4] == '\0'))
        return iso8601(s, out);
    return rfc822ish(s, out);
}

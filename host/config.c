/*
 * config.c - reads tickerd's INI file; see config.h and host/README.md.
 *
 * libinih splits lines into sections and keys; this file owns the rest:
 * a table of every key per section with its type and range, so that each
 * error can say what is allowed, and the checks that need a whole section
 * (a feed needs a url; a display needs a port or a sim link).
 *
 * libinih only tells its handler the section and key, not the line, so
 * the reader given to ini_parse_stream counts lines, notices section
 * headers itself (an empty section still exists) and refuses lines
 * longer than libinih can take instead of letting it cut them.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <ini.h>

#include "condense.h"
#include "config.h"
#include "msg.h"

enum vtype {
    V_TEXT,     /* printable text, no control characters */
    V_FILE,     /* a path to a file that can be read now */
    V_PATH,     /* a path (a device or a link that may appear later) */
    V_LONG,     /* a whole number min..max */
    V_DUR,      /* seconds, with an optional unit s, m, h, d */
    V_SIZE,     /* bytes, with an optional unit k, M (KiB, MiB) */
    V_BOOL,
    V_WORDS,    /* comma-separated words; repeated keys add more */
    V_PIN,      /* sha256//BASE64[;sha256//...] or a file */
    V_BAUD,
    V_ROLE      /* standalone, publisher or display */
};

typedef struct key_def {
    const char *key;
    enum vtype type;
    size_t off;         /* in the section's struct */
    size_t size;        /* of a string field */
    long min, max;
} key_def;

#define STR(st, f, t) #f, t, offsetof(st, f), sizeof(((st *)0)->f), 0, 0
#define NUM(st, f, t, lo, hi) #f, t, offsetof(st, f), sizeof(long), lo, hi
#define DAY 86400L

static const key_def display_keys[] = {
    { STR(config_display, port, V_PATH) },
    { STR(config_display, sim, V_PATH) },
    { NUM(config_display, baud, V_BAUD, 115200, 115200) },
    { NUM(config_display, width, V_LONG, 0, 4096) },
    { NUM(config_display, height, V_LONG, 0, 64) },
    { STR(config_display, font, V_TEXT) },
    { NUM(config_display, speed, V_LONG, 1, 1000) },
    { NUM(config_display, brightness, V_LONG, 0, 15) },
};

/* interval's minimum is config->min_interval_s, checked apart */
static const key_def feed_keys[] = {
    { STR(config_feed, url, V_TEXT) },
    { NUM(config_feed, interval_s, V_DUR, 1, DAY) },
    { NUM(config_feed, priority, V_LONG, -100, 100) },
    { NUM(config_feed, max_items, V_LONG, 1, 64) },
    { NUM(config_feed, max_age_s, V_DUR, 0, 365 * DAY) },
    { NUM(config_feed, timeout_s, V_DUR, 2, 600) },
    { NUM(config_feed, max_size, V_SIZE, 1024, 64L * 1024 * 1024) },
    { STR(config_feed, include, V_WORDS) },
    { STR(config_feed, exclude, V_WORDS) },
    { STR(config_feed, ca_file, V_FILE) },
    { STR(config_feed, pinned_pubkey, V_PIN) },
    { STR(config_feed, user_agent, V_TEXT) },
    { NUM(config_feed, allow_http, V_BOOL, 0, 1) },
    { NUM(config_feed, breaking, V_BOOL, 0, 1) },
};

static const key_def condense_keys[] = {
    { NUM(config_condense, max_bytes, V_LONG, 0, 1024) },
    { NUM(config_condense, max_px, V_LONG, 0, 65535) },
    { STR(config_condense, font, V_TEXT) },
    { STR(config_condense, abbreviations, V_FILE) },
};

static const key_def playlist_keys[] = {
    { NUM(config_playlist, max_items, V_LONG, 1, 64) },
    { NUM(config_playlist, max_age_s, V_DUR, 0, 365 * DAY) },
    { NUM(config_playlist, dedup_percent, V_LONG, 0, 100) },
    { STR(config_playlist, breaking_keywords, V_WORDS) },
    { STR(config_playlist, idle_text, V_TEXT) },
    { STR(config_playlist, separator, V_TEXT) },
};

static const key_def mqtt_keys[] = {
    { NUM(config_mqtt, role, V_ROLE, 0, 2) },
    { STR(config_mqtt, host, V_TEXT) },
    { NUM(config_mqtt, port, V_LONG, 1, 65535) },
    { STR(config_mqtt, prefix, V_TEXT) },
    { STR(config_mqtt, name, V_TEXT) },
    { NUM(config_mqtt, tls, V_BOOL, 0, 1) },
    { STR(config_mqtt, ca_file, V_FILE) },
    { STR(config_mqtt, username, V_TEXT) },
    { STR(config_mqtt, password, V_TEXT) },
    { STR(config_mqtt, credentials_file, V_FILE) },
    { NUM(config_mqtt, keepalive_s, V_DUR, 5, 3600) },
    { NUM(config_mqtt, reconnect_max_s, V_DUR, 1, 3600) },
};
#define MQTT_NKEYS (sizeof mqtt_keys / sizeof mqtt_keys[0])

static const char *const role_names[] = { "standalone", "publisher", "display" };

static const key_def testing_keys[] = {
    { NUM(config, min_interval_s, V_DUR, 1, CONFIG_INTERVAL_MIN_S) },
};

/* A key's name in the file: the field without its unit suffix. */
static void key_name(const key_def *k, char *out, size_t cap)
{
    size_t n = strlen(k->key);
    if (n > 2 && strcmp(k->key + n - 2, "_s") == 0)
        n -= 2;
    if (n > 8 && strcmp(k->key + n - 8, "_percent") == 0)
        n -= 8;
    snprintf(out, cap, "%.*s", (int)n, k->key);
}

enum kind { K_DISPLAY, K_FEED, K_CONDENSE, K_PLAYLIST, K_MQTT, K_TESTING, K_NONE };

typedef struct section_def {
    const char *name;
    int named;                      /* [feed NAME] rather than [condense] */
    const key_def *keys;
    size_t nkeys;
} section_def;

static const section_def sections[] = {
    { "display", 1, display_keys, sizeof display_keys / sizeof display_keys[0] },
    { "feed", 1, feed_keys, sizeof feed_keys / sizeof feed_keys[0] },
    { "condense", 0, condense_keys, sizeof condense_keys / sizeof condense_keys[0] },
    { "playlist", 0, playlist_keys, sizeof playlist_keys / sizeof playlist_keys[0] },
    { "mqtt", 0, mqtt_keys, MQTT_NKEYS },
    { "testing", 0, testing_keys, sizeof testing_keys / sizeof testing_keys[0] },
};

#define SEEN_WORDS 32   /* keys per section whose first line is remembered */

typedef struct parse_state {
    config *c;
    FILE *f;
    char *errors;
    size_t errcap, errlen;
    unsigned nerrors;
    unsigned line;              /* of the line the reader gave last */
    enum kind kind;             /* of the current section */
    char section[CONFIG_NAME_MAX + 16]; /* as written, for messages */
    void *target;               /* the current section's struct */
    unsigned key_line[SEEN_WORDS]; /* first line of each key in this section */
    unsigned url_line[CONFIG_MAX_FEEDS];
    unsigned interval_line[CONFIG_MAX_FEEDS];
    unsigned mqtt_line[MQTT_NKEYS]; /* where each [mqtt] key is; 0: not given */
} parse_state;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void add_error(parse_state *ps, unsigned line, const char *key, const char *fmt, ...)
{
    char msg[512];
    int n;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ps->nerrors++;
    if (ps->errlen + 1 >= ps->errcap)
        return;
    if (key)
        n = snprintf(ps->errors + ps->errlen, ps->errcap - ps->errlen, "%s:%u: [%s] %s: %s\n",
                     ps->c->file, line, ps->section, key, msg);
    else
        n = snprintf(ps->errors + ps->errlen, ps->errcap - ps->errlen, "%s:%u: %s\n",
                     ps->c->file, line, msg);
    if (n > 0)
        ps->errlen += (size_t)n < ps->errcap - ps->errlen ? (size_t)n : ps->errcap - ps->errlen - 1;
}

static int name_ok(const char *s)
{
    if (!*s || strlen(s) >= CONFIG_NAME_MAX)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '.' && *s != '_' && *s != '-')
            return 0;
    return 1;
}

static void set_display_defaults(config_display *d)
{
    d->baud = 115200;
    d->brightness = -1;
}

static void set_feed_defaults(config_feed *f)
{
    f->interval_s = CONFIG_INTERVAL_DEFAULT_S;
    f->max_items = CONFIG_MAX_ITEMS_DEFAULT;
    f->timeout_s = CONFIG_TIMEOUT_DEFAULT_S;
    f->max_size = CONFIG_MAX_SIZE_DEFAULT;
}

/* A section header line "[kind NAME]": makes the section current. */
static void begin_section(parse_state *ps, const char *text)
{
    const char *end = strchr(text, ']');
    char kind[16], name[CONFIG_NAME_MAX + 8];
    size_t klen, nlen, i;
    const char *sp;

    ps->kind = K_NONE;
    ps->target = NULL;
    memset(ps->key_line, 0, sizeof ps->key_line);
    if (!end)
        return; /* libinih reports the line */
    while (end > text && isspace((unsigned char)end[-1]))
        end--;
    while (isspace((unsigned char)*text))
        text++;
    snprintf(ps->section, sizeof ps->section, "%.*s", (int)(end - text), text);
    for (sp = text; sp < end && !isspace((unsigned char)*sp); sp++)
        ;
    klen = (size_t)(sp - text);
    while (sp < end && isspace((unsigned char)*sp))
        sp++;
    if (sp < end && *sp == '"' && end - sp >= 2 && end[-1] == '"') {
        sp++;
        end--;
    }
    nlen = (size_t)(end - sp);
    snprintf(kind, sizeof kind, "%.*s", (int)(klen < sizeof kind ? klen : 0), text);
    snprintf(name, sizeof name, "%.*s", (int)(nlen < sizeof name ? nlen : sizeof name - 1), sp);
    for (i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (strcmp(kind, sections[i].name) == 0)
            break;
    if (i == sizeof sections / sizeof sections[0]) {
        add_error(ps, ps->line, NULL, "unknown section [%s]; allowed: [display NAME], "
                  "[feed NAME], [condense], [playlist], [mqtt], [testing]", ps->section);
        return;
    }
    if (sections[i].named && !name_ok(name)) {
        add_error(ps, ps->line, NULL, "section [%s] needs a name of 1..%d letters, digits, "
                  "'.', '_' or '-', as in [%s main]", ps->section, CONFIG_NAME_MAX - 1, kind);
        return;
    }
    if (!sections[i].named && nlen) {
        add_error(ps, ps->line, NULL, "section [%s] takes no name; write [%s]", ps->section,
                  kind);
        return;
    }
    ps->kind = (enum kind)i;
    if (ps->kind == K_DISPLAY) {
        config_display *d;
        for (i = 0; i < ps->c->ndisplays; i++)
            if (strcmp(ps->c->displays[i].name, name) == 0)
                break;
        if (i < ps->c->ndisplays) {
            add_error(ps, ps->line, NULL, "[display %s] is given twice (first at line %u); "
                      "each display needs its own name", name, ps->c->displays[i].line);
            ps->kind = K_NONE;
            return;
        }
        if (ps->c->ndisplays == CONFIG_MAX_DISPLAYS) {
            add_error(ps, ps->line, NULL, "too many displays; at most %d are allowed",
                      CONFIG_MAX_DISPLAYS);
            ps->kind = K_NONE;
            return;
        }
        d = &ps->c->displays[ps->c->ndisplays++];
        set_display_defaults(d);
        memcpy(d->name, name, strlen(name) + 1);
        d->line = ps->line;
        ps->target = d;
    } else if (ps->kind == K_FEED) {
        config_feed *f;
        const config_feed *old = config_find_feed(ps->c, name);
        if (old) {
            add_error(ps, ps->line, NULL, "[feed %s] is given twice (first at line %u); "
                      "each feed needs its own name", name, old->line);
            ps->kind = K_NONE;
            return;
        }
        if (ps->c->nfeeds == CONFIG_MAX_FEEDS) {
            add_error(ps, ps->line, NULL, "too many feeds; at most %d are allowed",
                      CONFIG_MAX_FEEDS);
            ps->kind = K_NONE;
            return;
        }
        f = &ps->c->feeds[ps->c->nfeeds++];
        set_feed_defaults(f);
        memcpy(f->name, name, strlen(name) + 1);
        f->line = ps->line;
        ps->target = f;
    } else if (ps->kind == K_CONDENSE) {
        ps->target = &ps->c->condense;
    } else if (ps->kind == K_PLAYLIST) {
        ps->target = &ps->c->playlist;
    } else if (ps->kind == K_MQTT) {
        if (!ps->c->mqtt.line)
            ps->c->mqtt.line = ps->line;
        ps->target = &ps->c->mqtt;
    } else {
        ps->target = ps->c;
    }
}

/* fgets for libinih, counting lines and catching headers and long lines. */
static char *reader(char *str, int num, void *stream)
{
    parse_state *ps = stream;
    size_t len;
    const char *p;

    if (!fgets(str, num, ps->f))
        return NULL;
    ps->line++;
    len = strlen(str);
    if (len == (size_t)num - 1 && str[len - 1] != '\n' && !feof(ps->f)) {
        int ch;
        while ((ch = fgetc(ps->f)) != EOF && ch != '\n')
            ;
        add_error(ps, ps->line, NULL, "line longer than %d bytes; that is the most a line "
                  "may hold", num - 2);
        memcpy(str, ";\n", 3);
        return str;
    }
    for (p = str; isspace((unsigned char)*p); p++)
        ;
    /* a UTF-8 byte order mark may start the first line */
    if (ps->line == 1 && (unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbb &&
        (unsigned char)p[2] == 0xbf)
        p += 3;
    if (*p == '[')
        begin_section(ps, p + 1);
    return str;
}

/* Writes "300 s" style bounds for messages: seconds as the largest whole unit. */
static void fmt_duration(long s, char *out, size_t cap)
{
    if (s && s % DAY == 0)
        snprintf(out, cap, "%ldd", s / DAY);
    else if (s && s % 3600 == 0)
        snprintf(out, cap, "%ldh", s / 3600);
    else if (s && s % 60 == 0)
        snprintf(out, cap, "%ldm", s / 60);
    else
        snprintf(out, cap, "%lds", s);
}

static void fmt_size(long b, char *out, size_t cap)
{
    if (b && b % (1024L * 1024) == 0)
        snprintf(out, cap, "%ldM", b / (1024L * 1024));
    else if (b && b % 1024 == 0)
        snprintf(out, cap, "%ldk", b / 1024);
    else
        snprintf(out, cap, "%ld", b);
}

/* What a key accepts, for its error messages. */
static void allowed(const key_def *k, char *out, size_t cap)
{
    char lo[32], hi[32];
    switch (k->type) {
    case V_TEXT:
        snprintf(out, cap, "text of 1..%zu bytes without control characters", k->size - 1);
        break;
    case V_FILE: snprintf(out, cap, "the path of a readable file"); break;
    case V_PATH: snprintf(out, cap, "a path of 1..%zu bytes", k->size - 1); break;
    case V_LONG: snprintf(out, cap, "a whole number %ld..%ld", k->min, k->max); break;
    case V_DUR:
        fmt_duration(k->min, lo, sizeof lo);
        fmt_duration(k->max, hi, sizeof hi);
        snprintf(out, cap, "a duration %s..%s: seconds, or a number with s, m, h or d "
                 "(90, 5m, 2h, 1d)", lo, hi);
        break;
    case V_SIZE:
        fmt_size(k->min, lo, sizeof lo);
        fmt_size(k->max, hi, sizeof hi);
        snprintf(out, cap, "a size %s..%s: bytes, or a number with k or M (512k, 4M)", lo, hi);
        break;
    case V_BOOL: snprintf(out, cap, "yes or no (also true/false, on/off, 1/0)"); break;
    case V_WORDS:
        snprintf(out, cap, "words separated by commas, %zu bytes in all at most", k->size - 1);
        break;
    case V_PIN:
        snprintf(out, cap, "sha256//BASE64 hashes separated by ';', or the path of a readable "
                 "PEM or DER public key file");
        break;
    case V_BAUD: snprintf(out, cap, "115200, the rate the firmware uses"); break;
    case V_ROLE: snprintf(out, cap, "standalone, publisher or display"); break;
    }
}

/* A whole number with an optional unit from units (each a letter and its
   multiplier); 0 or -1. */
static int number(const char *v, const char *units, const long *mult, long *out)
{
    char *end;
    long n, m = 1;
    errno = 0;
    n = strtol(v, &end, 10);
    if (errno || end == v || n < 0 || !isdigit((unsigned char)*v))
        return -1;
    if (*end) {
        const char *u = strchr(units, *end);
        if (!u || !*u)
            return -1;
        m = mult[u - units];
        end++;
        if (*end == 'i' && end[1] == 'B' && mult[u - units] >= 1024)
            end += 2;
        if (*end)
            return -1;
    }
    if (n > LONG_MAX / m)
        return -1;
    *out = n * m;
    return 0;
}

static int parse_bool(const char *v, long *out)
{
    static const char *const yes[] = { "yes", "true", "on", "1" };
    static const char *const no[] = { "no", "false", "off", "0" };
    size_t i;
    for (i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcasecmp(v, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return -1;
}

static int printable(const char *v)
{
    for (; *v; v++)
        if ((unsigned char)*v < 0x20 || *v == 0x7f)
            return 0;
    return 1;
}

static int readable(const char *path)
{
    return access(path, R_OK) == 0;
}

/* sha256//BASE64 entries separated by ';' (curl's CURLOPT_PINNEDPUBLICKEY). */
static int pin_list_ok(const char *v)
{
    while (*v) {
        size_t n = strcspn(v, ";"), i;
        if (n < 9 + 43 || strncmp(v, "sha256//", 8) != 0)
            return 0;
        for (i = 8; i < n; i++)
            if (!isalnum((unsigned char)v[i]) && v[i] != '+' && v[i] != '/' && v[i] != '=')
                return 0;
        v += n;
        if (*v == ';')
            v++;
    }
    return 1;
}

static int words_ok(const char *v)
{
    const char *p = v;
    while (*p) {
        size_t n = strcspn(p, ",");
        size_t i, blank = 1;
        for (i = 0; i < n; i++)
            blank &= isspace((unsigned char)p[i]) != 0;
        if (blank)
            return 0;
        p += n;
        if (*p == ',')
            p++;
    }
    return *v != 0;
}

/* Parses value for k into the section struct at target; 0 or -1. */
static int set_value(const key_def *k, char *target, const char *v)
{
    static const long dur_mult[] = { 1, 60, 3600, DAY };
    static const long size_mult[] = { 1024, 1024, 1024L * 1024 };
    long n = 0;
    char *field = target + k->off;

    switch (k->type) {
    case V_TEXT:
    case V_PATH:
    case V_FILE:
    case V_PIN:
        if (!*v || strlen(v) >= k->size || !printable(v))
            return -1;
        if (k->type == V_FILE && !readable(v))
            return -1;
        if (k->type == V_PIN && !pin_list_ok(v) && !readable(v))
            return -1;
        memcpy(field, v, strlen(v) + 1);
        return 0;
    case V_WORDS: {
        size_t have = strlen(field), add = strlen(v);
        if (!words_ok(v) || !printable(v) || have + 1 + add >= k->size)
            return -1;
        if (have)
            field[have++] = ',';
        memcpy(field + have, v, add + 1);
        return 0;
    }
    case V_LONG:
    case V_BAUD: {
        char *end;
        errno = 0;
        n = strtol(v, &end, 10);
        if (errno || end == v || *end)
            return -1;
        break;
    }
    case V_DUR:
        if (number(v, "smhd", dur_mult, &n) != 0)
            return -1;
        break;
    case V_SIZE:
        if (number(v, "kKM", size_mult, &n) != 0)
            return -1;
        break;
    case V_BOOL:
        if (parse_bool(v, &n) != 0)
            return -1;
        *(int *)(void *)field = (int)n;
        return 0;
    case V_ROLE:
        for (n = 0; n <= k->max && strcmp(v, role_names[n]) != 0; n++)
            ;
        break;
    }
    if (n < k->min || n > k->max)
        return -1;
    *(long *)(void *)field = n;
    return 0;
}

/* Records its own errors, so it always lets libinih go on: what libinih
   returns is then the first line it could not split. */
static int handler(void *user, const char *section, const char *key, const char *value)
{
    parse_state *ps = user;
    const section_def *sd;
    char name[32], what[256], list[512];
    size_t i, len = 0;

    (void)section;
    if (ps->kind == K_NONE) {
        if (!ps->section[0])
            add_error(ps, ps->line, NULL, "'%s' is outside any section; put it under "
                      "[display NAME], [feed NAME], [condense], [playlist], [mqtt] or [testing]", key);
        return 1; /* the section's own error was reported */
    }
    sd = &sections[ps->kind];
    for (i = 0; i < sd->nkeys; i++) {
        key_name(&sd->keys[i], name, sizeof name);
        if (strcmp(name, key) == 0)
            break;
    }
    if (i == sd->nkeys) {
        for (i = 0; i < sd->nkeys && len < sizeof list; i++) {
            key_name(&sd->keys[i], name, sizeof name);
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", name);
        }
        add_error(ps, ps->line, key, "unknown key; allowed in [%s]: %s", sd->name, list);
        return 1;
    }
    if (ps->key_line[i] && sd->keys[i].type != V_WORDS) {
        add_error(ps, ps->line, key, "given twice in this section (first at line %u; an "
                  "indented line continues the key above it)", ps->key_line[i]);
        return 1;
    }
    ps->key_line[i] = ps->line;
    if (set_value(&sd->keys[i], ps->target, value) != 0) {
        allowed(&sd->keys[i], what, sizeof what);
        if (sd->keys[i].type == V_FILE && *value && !readable(value))
            add_error(ps, ps->line, key, "cannot read '%s': %s; allowed: %s", value,
                      strerror(errno), what);
        else
            add_error(ps, ps->line, key, "'%s' is not allowed; allowed: %s", value, what);
        return 1;
    }
    if (ps->kind == K_CONDENSE && strcmp(key, "abbreviations") == 0 && *value &&
        !(ps->c->condense.abbrev = condense_abbrev_load(value, what, sizeof what)))
        add_error(ps, ps->line, key, "%s: %s; allowed: a file of 'long form = short form' "
                  "lines, '#' comments", value, what);
    if (ps->kind == K_FEED) {
        size_t fi = (size_t)((config_feed *)ps->target - ps->c->feeds);
        if (strcmp(key, "url") == 0)
            ps->url_line[fi] = ps->line;
        if (strcmp(key, "interval") == 0)
            ps->interval_line[fi] = ps->line;
    }
    if (ps->kind == K_MQTT)
        ps->mqtt_line[i] = ps->line;
    return 1;
}

static int starts_with_nocase(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* What needs a whole section, or the whole file. */
static void check_sections(parse_state *ps)
{
    config *c = ps->c;
    unsigned i;

    for (i = 0; i < c->ndisplays; i++) {
        const config_display *d = &c->displays[i];
        snprintf(ps->section, sizeof ps->section, "display %s", d->name);
        if (!!d->port[0] == !!d->sim[0])
            add_error(ps, d->line, "port", "%s; a display needs exactly one of port (a serial "
                      "device such as /dev/ttyUSB0) or sim (ticker-sim's --link path)",
                      d->port[0] ? "both port and sim are set" : "neither port nor sim is set");
    }
    for (i = 0; i < c->nfeeds; i++) {
        const config_feed *f = &c->feeds[i];
        char lo[32];
        snprintf(ps->section, sizeof ps->section, "feed %s", f->name);
        if (!f->url[0]) {
            add_error(ps, f->line, "url", "missing; every feed needs url = https://...");
        } else if (starts_with_nocase(f->url, "http://")) {
            if (!f->allow_http)
                add_error(ps, ps->url_line[i], "url", "'%s' is plain http; allowed: https:// "
                          "URLs, or http:// with allow_http = yes in this feed", f->url);
        } else if (!starts_with_nocase(f->url, "https://") || !f->url[8]) {
            add_error(ps, ps->url_line[i], "url", "'%s' is not allowed; allowed: an https:// "
                      "URL (or http:// with allow_http = yes)", f->url);
        }
        if (f->interval_s < c->min_interval_s) {
            fmt_duration(c->min_interval_s, lo, sizeof lo);
            add_error(ps, ps->interval_line[i], "interval", "%ld s is too short; allowed: "
                      "a duration of at least %s, at most 1d (90, 5m, 2h)", f->interval_s, lo);
        }
    }
}

/* Where [mqtt] key is given, else the section's header (else line 1). */
static unsigned mqtt_key_line(const parse_state *ps, const char *key)
{
    char name[32];
    size_t i;
    for (i = 0; i < MQTT_NKEYS; i++) {
        key_name(&mqtt_keys[i], name, sizeof name);
        if (strcmp(name, key) == 0 && ps->mqtt_line[i])
            return ps->mqtt_line[i];
    }
    return ps->c->mqtt.line ? ps->c->mqtt.line : 1;
}

/* Topic levels separated by '/': none empty, no wildcards, no leading '$'
   (the broker's own topics). */
static int prefix_ok(const char *p)
{
    size_t n = strlen(p);
    if (!n || p[0] == '/' || p[0] == '$' || p[n - 1] == '/' || strstr(p, "//"))
        return 0;
    return strpbrk(p, "+#") == NULL;
}

static void check_mqtt(parse_state *ps)
{
    const config *c = ps->c;
    const config_mqtt *m = &c->mqtt;
    unsigned i;

    snprintf(ps->section, sizeof ps->section, "mqtt");
    if (!prefix_ok(m->prefix))
        add_error(ps, mqtt_key_line(ps, "prefix"), "prefix", "'%s' is not allowed; allowed: "
                  "topic levels separated by '/', none empty, without '+', '#' or a leading "
                  "'$' (newsroom/ticker)", m->prefix);
    if (!name_ok(m->name))
        add_error(ps, mqtt_key_line(ps, "name"), "name", "'%s' is not allowed; allowed: 1..%d "
                  "letters, digits, '.', '_' or '-' (a topic level and part of the client id)",
                  m->name, CONFIG_NAME_MAX - 1);
    if (m->credentials_file[0] && (m->username[0] || m->password[0]))
        add_error(ps, mqtt_key_line(ps, "credentials_file"), "credentials_file", "given with "
                  "%s; allowed: username and password, or credentials_file (a user name line "
                  "and a password line), not both", m->username[0] ? "username" : "password");
    if (!m->tls && m->ca_file[0])
        add_error(ps, mqtt_key_line(ps, "ca_file"), "ca_file", "set with tls = no; allowed: "
                  "ca_file with tls = yes (the default)");
    if (m->role == CONFIG_ROLE_STANDALONE)
        return;
    if (!m->host[0])
        add_error(ps, mqtt_key_line(ps, "host"), "host", "missing; a %s needs the broker's "
                  "host name or address", role_names[m->role]);
    if (m->role != CONFIG_ROLE_DISPLAY)
        return;
    for (i = 0; i < c->nfeeds; i++)
        add_error(ps, c->feeds[i].line, NULL, "[feed %s]: a tickerd with role = display "
                  "fetches nothing (the publisher does); allowed: no [feed] sections, or role "
                  "= publisher or standalone", c->feeds[i].name);
    if (!c->ndisplays)
        add_error(ps, mqtt_key_line(ps, "role"), "role", "display, but no [display NAME] "
                  "section; allowed: role = display with at least one display to drive");
}

/* This machine's name up to its first dot, as a topic level: what is not
   a letter, digit, '.', '_' or '-' becomes '-'; "tickerd" when unknown. */
static void default_name(char *out, size_t cap)
{
    char host[256] = "";
    size_t i, n;
    if (gethostname(host, sizeof host - 1) != 0 || !host[0])
        snprintf(host, sizeof host, "tickerd");
    n = strcspn(host, ".");
    if (n >= cap)
        n = cap - 1;
    for (i = 0; i < n; i++)
        out[i] = isalnum((unsigned char)host[i]) || host[i] == '_' || host[i] == '-' ? host[i]
                                                                                     : '-';
    out[n] = 0;
}

config *config_load(const char *file, char *errors, size_t errcap)
{
    parse_state *ps = calloc(1, sizeof *ps);
    config *c = calloc(1, sizeof *c);
    int r;

    if (errcap)
        errors[0] = 0;
    if (!ps || !c) {
        snprintf(errors, errcap, "%s: out of memory\n", file);
        goto fail;
    }
    ps->c = c;
    ps->errors = errors;
    ps->errcap = errcap;
    ps->kind = K_NONE;
    snprintf(c->file, sizeof c->file, "%s", file);
    c->min_interval_s = CONFIG_INTERVAL_MIN_S;
    c->playlist.max_items = 32;
    c->playlist.dedup_percent = 60;
    snprintf(c->mqtt.prefix, sizeof c->mqtt.prefix, "ledticker");
    c->mqtt.tls = 1;
    c->mqtt.keepalive_s = 30;
    c->mqtt.reconnect_max_s = 60;
    if (!(ps->f = fopen(file, "r"))) {
        snprintf(errors, errcap, "%s: cannot open: %s\n", file, strerror(errno));
        goto fail;
    }
    r = ini_parse_stream(reader, ps, handler, ps);
    if (ferror(ps->f))
        add_error(ps, ps->line, NULL, "read error: %s", strerror(errno));
    fclose(ps->f);
    if (r > 0)
        add_error(ps, (unsigned)r, NULL, "not understood; allowed: [section], key = value, "
                  "a comment starting with '#' or ';', or a blank line");
    check_sections(ps);
    if (!c->mqtt.name[0])
        default_name(c->mqtt.name, sizeof c->mqtt.name);
    check_mqtt(ps);
    if (ps->nerrors)
        goto fail;
    free(ps);
    return c;

fail:
    free(ps);
    config_free(c);
    return NULL;
}

void config_free(config *c)
{
    if (c)
        free(c->condense.abbrev);
    free(c);
}

const char *config_role_name(long role)
{
    return role >= 0 && role <= 2 ? role_names[role] : "?";
}

const config_feed *config_find_feed(const config *c, const char *name)
{
    unsigned i;
    for (i = 0; i < c->nfeeds; i++)
        if (strcmp(c->feeds[i].name, name) == 0)
            return &c->feeds[i];
    return NULL;
}

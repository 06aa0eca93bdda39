/*
 * mqtt_item_json.c - the JSON of an item at PREFIX/items/ID and of the
 * playlist's order at PREFIX/playlist (see mqtt.h), read and written with
 * cJSON. A reader takes what it knows and ignores other keys, so that a
 * newer publisher may add some; what it needs and lacks, or what has the
 * wrong type or is too long, is refused with a reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "feed.h"
#include "feed_internal.h"
#include "link.h"
#include "mqtt.h"

#define MAX_DEPTH 4     /* the deepest a valid message nests; deeper is refused unread */

/* A JSON text of len bytes as a parsed tree, or NULL with a reason. */
static cJSON *parse(const void *payload, size_t len, char *err, size_t errlen)
{
    cJSON *j;

    if (len == 0 || len > MQTT_PAYLOAD_MAX) {
        snprintf(err, errlen, "%zu bytes; allowed: 1..%u bytes of JSON", len, MQTT_PAYLOAD_MAX);
        return NULL;
    }
    if (feed_json_too_deep(payload, len, MAX_DEPTH)) {
        snprintf(err, errlen, "nested deeper than %d levels", MAX_DEPTH);
        return NULL;
    }
    if (!(j = cJSON_ParseWithLength(payload, len)) || !cJSON_IsObject(j)) {
        snprintf(err, errlen, "not a JSON object");
        cJSON_Delete(j);
        return NULL;
    }
    return j;
}

static int add_date(cJSON *o, const char *key, time_t t)
{
    char buf[32];
    if (!t)
        return cJSON_AddNullToObject(o, key) != NULL;
    if (!feed_rfc3339(t, buf, sizeof buf))
        return 0;
    return cJSON_AddStringToObject(o, key, buf) != NULL;
}

char *mqtt_item_encode(const mqtt_item *m)
{
    cJSON *o = cJSON_CreateObject();
    char *s = NULL;

    if (!o || !cJSON_AddStringToObject(o, "headline", m->it.title) ||
        !cJSON_AddStringToObject(o, "lead", m->it.lead ? m->it.lead : "") ||
        !cJSON_AddStringToObject(o, "source", m->it.feed) ||
        !cJSON_AddStringToObject(o, "key", m->it.key ? m->it.key : "") ||
        !cJSON_AddNumberToObject(o, "priority", (double)m->priority) ||
        !cJSON_AddBoolToObject(o, "breaking", m->it.breaking) ||
        !add_date(o, "published", m->it.published) ||
        !add_date(o, "first_seen", m->it.first_seen) || !add_date(o, "expires", m->expires))
        goto done;
    s = cJSON_PrintUnformatted(o);
done:
    cJSON_Delete(o);
    return s;
}

/* A string member of at most max bytes (-1: wrong type or too long, with
   the reason; 0 absent, *out untouched; 1 found). */
static int get_text(const cJSON *o, const char *key, size_t max, const char **out, char *err,
                    size_t errlen)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsString(v)) {
        snprintf(err, errlen, "\"%s\" is not a string", key);
        return -1;
    }
    if (strlen(v->valuestring) > max) {
        snprintf(err, errlen, "\"%s\" is longer than %zu bytes", key, max);
        return -1;
    }
    *out = v->valuestring;
    return 1;
}

/* A date member: RFC 3339 text or null/absent (0). 0 or -1. */
static int get_date(const cJSON *o, const char *key, time_t *out, char *err, size_t errlen)
{
    const char *s = NULL;
    int r = get_text(o, key, 64, &s, err, errlen);
    *out = 0;
    if (r <= 0)
        return r;
    if (feed_date_parse(s, out) != 0) {
        snprintf(err, errlen, "\"%s\": '%s' is not a date; allowed: RFC 3339, as "
                 "2024-01-01T12:00:00Z, or null", key, s);
        return -1;
    }
    return 0;
}

static char *dup_text(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

int mqtt_item_decode(const void *payload, size_t len, uint16_t id, mqtt_item *out, char *err,
                     size_t errlen)
{
    const char *headline = NULL, *lead = "", *source = NULL, *key = "";
    const cJSON *v;
    cJSON *o;

    memset(out, 0, sizeof *out);
    if (!(o = parse(payload, len, err, errlen)))
        return -1;
    if (get_text(o, "headline", STATE_TITLE_MAX - 1, &headline, err, errlen) < 0 ||
        get_text(o, "lead", STATE_LEAD_MAX - 1, &lead, err, errlen) < 0 ||
        get_text(o, "source", sizeof out->it.feed - 1, &source, err, errlen) < 0 ||
        get_text(o, "key", STATE_ID_MAX - 1, &key, err, errlen) < 0)
        goto fail;
    if (!headline || !*headline || !source) {
        snprintf(err, errlen, "\"%s\" is missing; an item needs a headline and a source",
                 !headline || !*headline ? "headline" : "source");
        goto fail;
    }
    v = cJSON_GetObjectItemCaseSensitive(o, "priority");
    if (v && !(cJSON_IsNumber(v) && v->valuedouble >= -100 && v->valuedouble <= 100)) {
        snprintf(err, errlen, "\"priority\" is not allowed; allowed: a number -100..100");
        goto fail;
    }
    out->priority = v ? (long)v->valuedouble : 0;
    v = cJSON_GetObjectItemCaseSensitive(o, "breaking");
    if (v && !cJSON_IsBool(v)) {
        snprintf(err, errlen, "\"breaking\" is not allowed; allowed: true or false");
        goto fail;
    }
    out->it.breaking = cJSON_IsTrue(v) ? 1 : 0;
    if (get_date(o, "published", &out->it.published, err, errlen) < 0 ||
        get_date(o, "first_seen", &out->it.first_seen, err, errlen) < 0 ||
        get_date(o, "expires", &out->expires, err, errlen) < 0)
        goto fail;
    out->it.id = id;
    memcpy(out->it.feed, source, strlen(source) + 1);
    if (!(out->it.title = dup_text(headline)) || !(out->it.key = dup_text(key)) ||
        (*lead && !(out->it.lead = dup_text(lead)))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    cJSON_Delete(o);
    return 0;
fail:
    cJSON_Delete(o);
    mqtt_item_clear(out);
    return -1;
}

void mqtt_item_clear(mqtt_item *m)
{
    free(m->it.title);
    free(m->it.key);
    free(m->it.lead);
    memset(m, 0, sizeof *m);
}

char *mqtt_order_encode(const uint16_t *ids, unsigned n)
{
    cJSON *o = cJSON_CreateObject(), *a = NULL;
    char *s = NULL;
    unsigned i;

    if (!o || !(a = cJSON_AddArrayToObject(o, "ids")))
        goto done;
    for (i = 0; i < n; i++) {
        cJSON *num = cJSON_CreateNumber(ids[i]);
        if (!num || !cJSON_AddItemToArray(a, num)) {
            cJSON_Delete(num);
            goto done;
        }
    }
    s = cJSON_PrintUnformatted(o);
done:
    cJSON_Delete(o);
    return s;
}

int mqtt_order_decode(const void *payload, size_t len, uint16_t *ids, unsigned cap, char *err,
                      size_t errlen)
{
    cJSON *o = parse(payload, len, err, errlen);
    const cJSON *a, *v;
    int n = 0;

    if (!o)
        return -1;
    a = cJSON_GetObjectItemCaseSensitive(o, "ids");
    if (!cJSON_IsArray(a)) {
        snprintf(err, errlen, "\"ids\" is missing or not an array");
        goto fail;
    }
    cJSON_ArrayForEach(v, a) {
        if (!cJSON_IsNumber(v) || v->valuedouble < 1 || v->valuedouble > 65535 ||
            v->valuedouble != (double)(long)v->valuedouble) {
            snprintf(err, errlen, "\"ids\" holds something else than an item id 1..65535");
            goto fail;
        }
        if ((unsigned)n == cap) {
            snprintf(err, errlen, "more than %u ids", cap);
            goto fail;
        }
        ids[n++] = (uint16_t)v->valuedouble;
    }
    cJSON_Delete(o);
    return n;
fail:
    cJSON_Delete(o);
    return -1;
}

long mqtt_item_topic_id(const char *prefix, const char *topic)
{
    size_t n = strlen(prefix);
    char *end;
    long id;

    if (strncmp(topic, prefix, n) != 0 || strncmp(topic + n, "/items/", 7) != 0)
        return -1;
    topic += n + 7;
    if (*topic < '1' || *topic > '9')
        return -1;
    id = strtol(topic, &end, 10);
    return *end || id > 65535 ? -1 : id;
}

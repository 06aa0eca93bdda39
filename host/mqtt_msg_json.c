/*
 * mqtt_msg_json.c - the two small JSON messages of mqtt.h besides items:
 * the display settings every display host shares (PREFIX/config) and a
 * display host's status (PREFIX/displays/NAME/status, whose Last Will is
 * {"state":"offline"}). Unknown keys are ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "feed_internal.h"
#include "mqtt.h"

/* payload as a JSON object (NULL when it is not one, or too big or deep). */
static cJSON *object(const void *payload, size_t len)
{
    cJSON *o;
    if (len == 0 || len > MQTT_PAYLOAD_MAX || feed_json_too_deep(payload, len, 2))
        return NULL;
    o = cJSON_ParseWithLength(payload, len);
    if (o && !cJSON_IsObject(o)) {
        cJSON_Delete(o);
        o = NULL;
    }
    return o;
}

static char *print_and_delete(cJSON *o, int ok)
{
    char *s = ok ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return s;
}

char *mqtt_settings_encode(const mqtt_settings *s)
{
    cJSON *o = cJSON_CreateObject();
    return print_and_delete(o, o && cJSON_AddStringToObject(o, "idle_text", s->idle_text) &&
                                   cJSON_AddStringToObject(o, "separator", s->separator));
}

/* A string member into out (cap bytes); 0 (absent: out untouched) or -1. */
static int take_text(const cJSON *o, const char *key, char *out, size_t cap, char *err,
                     size_t errlen)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    size_t n;
    if (!v)
        return 0;
    if (!cJSON_IsString(v) || (n = strlen(v->valuestring)) >= cap) {
        snprintf(err, errlen, "\"%s\" is not allowed; allowed: text of at most %zu bytes", key,
                 cap - 1);
        return -1;
    }
    memcpy(out, v->valuestring, n + 1);
    return 0;
}

int mqtt_settings_decode(const void *payload, size_t len, mqtt_settings *s, char *err,
                         size_t errlen)
{
    cJSON *o = object(payload, len);
    mqtt_settings t = *s;
    int rc = -1;

    if (!o)
        snprintf(err, errlen, "not a JSON object of at most %u bytes", MQTT_PAYLOAD_MAX);
    else if (take_text(o, "idle_text", t.idle_text, sizeof t.idle_text, err, errlen) == 0 &&
             take_text(o, "separator", t.separator, sizeof t.separator, err, errlen) == 0)
        rc = 0;
    if (rc == 0)
        *s = t;
    cJSON_Delete(o);
    return rc;
}

char *mqtt_status_encode(const mqtt_host_status *s)
{
    cJSON *o = cJSON_CreateObject();
    return print_and_delete(
        o, o && cJSON_AddStringToObject(o, "state", s->online ? "online" : "offline") &&
               cJSON_AddNumberToObject(o, "items", s->items) &&
               cJSON_AddNumberToObject(o, "displays", s->displays) &&
               cJSON_AddNumberToObject(o, "ready", s->ready));
}

static unsigned count(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e6
               ? (unsigned)v->valuedouble : 0;
}

int mqtt_status_decode(const void *payload, size_t len, mqtt_host_status *s)
{
    cJSON *o = object(payload, len);
    const cJSON *state;
    if (!o)
        return -1;
    state = cJSON_GetObjectItemCaseSensitive(o, "state");
    memset(s, 0, sizeof *s);
    s->online = cJSON_IsString(state) && strcmp(state->valuestring, "online") == 0;
    s->items = count(o, "items");
    s->displays = count(o, "displays");
    s->ready = count(o, "ready");
    cJSON_Delete(o);
    return 0;
}

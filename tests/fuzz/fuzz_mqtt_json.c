/*
 * fuzz_mqtt_json.c - libFuzzer target for what a display host reads from
 * the broker: any bytes as an item, a playlist order, shared settings and
 * a host status (the first byte picks the item id). Nothing may read or
 * write out of bounds or leak; an item that decodes must encode and decode
 * again to the same fields, within the limits the state files keep.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "mqtt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static void round_trip(const mqtt_item *m)
{
    char err[256], *json = mqtt_item_encode(m);
    mqtt_item back;
    if (!json)
        return; /* out of memory */
    if (mqtt_item_decode(json, strlen(json), m->it.id, &back, err, sizeof err) != 0)
        abort();
    if (!same(back.it.title, m->it.title) || !same(back.it.key, m->it.key) ||
        !same(back.it.lead, m->it.lead) || strcmp(back.it.feed, m->it.feed) ||
        back.it.breaking != m->it.breaking || back.priority != m->priority)
        abort();
    if (strlen(back.it.title) >= STATE_TITLE_MAX || strlen(back.it.key) >= STATE_ID_MAX ||
        (back.it.lead && strlen(back.it.lead) >= STATE_LEAD_MAX))
        abort();
    mqtt_item_clear(&back);
    free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint16_t ids[LINK_MAX_ITEMS];
    mqtt_settings settings;
    mqtt_host_status status;
    mqtt_item m;
    char err[256];
    uint16_t id;
    int n;

    if (size < 1)
        return 0;
    id = (uint16_t)(data[0] + 1);
    data++;
    size--;
    if (mqtt_item_decode(data, size, id, &m, err, sizeof err) == 0) {
        round_trip(&m);
        mqtt_item_clear(&m);
    }
    n = mqtt_order_decode(data, size, ids, LINK_MAX_ITEMS, err, sizeof err);
    if (n > LINK_MAX_ITEMS)
        abort();
    memset(&settings, 0, sizeof settings);
    if (mqtt_settings_decode(data, size, &settings, err, sizeof err) == 0 &&
        (!memchr(settings.idle_text, 0, sizeof settings.idle_text) ||
         !memchr(settings.separator, 0, sizeof settings.separator)))
        abort();
    mqtt_status_decode(data, size, &status);
    return 0;
}

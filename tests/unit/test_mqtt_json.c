/*
 * test_mqtt_json.c - the JSON that crosses the broker (mqtt_item_json.c,
 * mqtt_msg_json.c): an item survives encode and decode unchanged, a
 * reader ignores keys it does not know, and what is wrong is refused with
 * a reason that names it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "mqtt.h"

static char err[256];

static void test_item_round_trip(void **state)
{
    char lead[] = "The lead paragraph, \"quoted\".";
    mqtt_item in, out;
    char *json;
    (void)state;
    memset(&in, 0, sizeof in);
    in.it.id = 0; /* the topic gives it */
    in.it.breaking = 1;
    memcpy(in.it.feed, "world", 6);
    in.it.key = "urn:guid:42";
    in.it.title = "São Paulo: “quotes”, \\ backslash\tand tab";
    in.it.published = 1704110400;   /* 2024-01-01T12:00:00Z */
    in.it.first_seen = 1704110460;
    in.it.lead = lead;
    in.priority = -7;
    in.expires = 1704196800;
    json = mqtt_item_encode(&in);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"published\":\"2024-01-01T12:00:00Z\""));
    assert_non_null(strstr(json, "\"source\":\"world\""));
    assert_int_equal(mqtt_item_decode(json, strlen(json), 513, &out, err, sizeof err), 0);
    assert_int_equal(out.it.id, 513);
    assert_int_equal(out.it.breaking, 1);
    assert_string_equal(out.it.feed, "world");
    assert_string_equal(out.it.key, in.it.key);
    assert_string_equal(out.it.title, in.it.title);
    assert_string_equal(out.it.lead, in.it.lead);
    assert_int_equal(out.it.published, in.it.published);
    assert_int_equal(out.it.first_seen, in.it.first_seen);
    assert_int_equal(out.expires, in.expires);
    assert_int_equal(out.priority, -7);
    mqtt_item_clear(&out);
    free(json);
}

static void test_item_minimal_and_unknown_keys(void **state)
{
    static const char j[] = "{\"headline\":\"Storm closes ports\",\"source\":\"wire\","
                            "\"colour\":\"red\",\"expires\":null,\"extra\":{\"a\":[1]}}";
    mqtt_item m;
    (void)state;
    assert_int_equal(mqtt_item_decode(j, strlen(j), 1, &m, err, sizeof err), 0);
    assert_string_equal(m.it.title, "Storm closes ports");
    assert_null(m.it.lead);
    assert_int_equal(m.it.breaking, 0);
    assert_int_equal(m.expires, 0);
    assert_int_equal(m.priority, 0);
    mqtt_item_clear(&m);
}

static void expect_refused(const char *json, const char *reason)
{
    mqtt_item m;
    assert_int_equal(mqtt_item_decode(json, strlen(json), 1, &m, err, sizeof err), -1);
    if (!strstr(err, reason))
        fail_msg("'%s' not in '%s' for %s", reason, err, json);
    assert_null(m.it.title);
}

static void test_item_refused(void **state)
{
    char big[STATE_TITLE_MAX + 64];
    (void)state;
    expect_refused("", "allowed: 1..");
    expect_refused("[1,2]", "not a JSON object");
    expect_refused("{\"headline\":", "not a JSON object");
    expect_refused("{\"source\":\"a\"}", "\"headline\" is missing");
    expect_refused("{\"headline\":\"\",\"source\":\"a\"}", "\"headline\" is missing");
    expect_refused("{\"headline\":\"x\"}", "\"source\" is missing");
    expect_refused("{\"headline\":5,\"source\":\"a\"}", "\"headline\" is not a string");
    expect_refused("{\"headline\":\"x\",\"source\":\"a\",\"priority\":101}", "-100..100");
    expect_refused("{\"headline\":\"x\",\"source\":\"a\",\"breaking\":1}", "true or false");
    expect_refused("{\"headline\":\"x\",\"source\":\"a\",\"published\":\"soon\"}",
                   "\"published\": 'soon' is not a date");
    expect_refused("{\"headline\":\"x\",\"source\":\"a\",\"x\":[[[[[1]]]]]}", "nested deeper");
    expect_refused("{\"headline\":\"x\",\"source\":\"a-source-name-that-is-far-too-long-for-"
                   "the-field\"}", "\"source\" is longer than 47 bytes");
    memset(big, 'a', sizeof big);
    memcpy(big, "{\"source\":\"a\",\"headline\":\"", 26);
    memcpy(big + sizeof big - 3, "\"}", 3);
    expect_refused(big, "\"headline\" is longer than");
}

static void test_order(void **state)
{
    static const uint16_t ids[] = { 3, 65535, 1 };
    uint16_t back[4];
    char *json = mqtt_order_encode(ids, 3);
    (void)state;
    assert_non_null(json);
    assert_string_equal(json, "{\"ids\":[3,65535,1]}");
    assert_int_equal(mqtt_order_decode(json, strlen(json), back, 4, err, sizeof err), 3);
    assert_memory_equal(back, ids, sizeof ids);
    assert_int_equal(mqtt_order_decode(json, strlen(json), back, 2, err, sizeof err), -1);
    assert_non_null(strstr(err, "more than 2"));
    assert_int_equal(mqtt_order_decode("{\"ids\":[0]}", 11, back, 4, err, sizeof err), -1);
    assert_int_equal(mqtt_order_decode("{\"ids\":[1.5]}", 13, back, 4, err, sizeof err), -1);
    assert_int_equal(mqtt_order_decode("{\"id\":[]}", 9, back, 4, err, sizeof err), -1);
    assert_int_equal(mqtt_order_decode("{\"ids\":[]}", 10, back, 4, err, sizeof err), 0);
    free(json);
}

static void test_topic_id(void **state)
{
    (void)state;
    assert_int_equal(mqtt_item_topic_id("news/t", "news/t/items/42"), 42);
    assert_int_equal(mqtt_item_topic_id("news/t", "news/t/items/65535"), 65535);
    assert_int_equal(mqtt_item_topic_id("news/t", "news/t/items/65536"), -1);
    assert_int_equal(mqtt_item_topic_id("news/t", "news/t/items/042"), -1);
    assert_int_equal(mqtt_item_topic_id("news/t", "news/t/items/4x"), -1);
    assert_int_equal(mqtt_item_topic_id("news/t", "news/tx/items/4"), -1);
    assert_int_equal(mqtt_item_topic_id("news/t", "news/t/config"), -1);
}

static void test_settings_and_status(void **state)
{
    mqtt_settings s = { "No news", "|" }, t = { "old", "*" };
    mqtt_host_status h = { 1, 12, 2, 1 }, g;
    char *json = mqtt_settings_encode(&s);
    (void)state;
    assert_non_null(json);
    assert_int_equal(mqtt_settings_decode(json, strlen(json), &t, err, sizeof err), 0);
    assert_string_equal(t.idle_text, "No news");
    assert_string_equal(t.separator, "|");
    free(json);
    assert_int_equal(mqtt_settings_decode("{\"separator\":\"toolong\"}", 23, &t, err,
                                          sizeof err), -1);
    assert_string_equal(t.separator, "|");
    assert_non_null(strstr(err, "at most 6 bytes"));
    json = mqtt_status_encode(&h);
    assert_non_null(json);
    assert_int_equal(mqtt_status_decode(json, strlen(json), &g), 0);
    assert_int_equal(g.online, 1);
    assert_int_equal(g.items, 12);
    assert_int_equal(g.displays, 2);
    assert_int_equal(g.ready, 1);
    free(json);
    assert_int_equal(mqtt_status_decode("{\"state\":\"offline\"}", 19, &g), 0);
    assert_int_equal(g.online, 0);
    assert_int_equal(mqtt_status_decode("nope", 4, &g), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_item_round_trip),
        cmocka_unit_test(test_item_minimal_and_unknown_keys),
        cmocka_unit_test(test_item_refused),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_topic_id),
        cmocka_unit_test(test_settings_and_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

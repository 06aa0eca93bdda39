/*
 * feed_json.c - JSON Feed 1.0 and 1.1 (jsonfeed.org), read with cJSON.
 *
 * 1.1 renamed author to authors (an array); both are read. content_html
 * and summary are HTML or text as the spec says; a feed without the
 * "version" key is still read when it has items. Nesting deeper than
 * FEED_MAX_DEPTH is refused before cJSON sees the text.
 */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "feed_internal.h"

int feed_json_too_deep(const char *s, size_t n, int max)
{
    size_t i;
    int depth = 0, in_str = 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > max)
                return 1;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return 0;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int set_text(char **dst, const char *s)
{
    return s ? feed_set_text(dst, s, strlen(s)) : 0;
}

static void read_date(const cJSON *o, const char *key, time_t *t, int *has)
{
    const char *s = str(o, key);
    if (s && feed_date_parse(s, t) == 0)
        *has = 1;
}

/* The first author's name: 1.1's authors[], else 1.0's author. */
static void read_author(const cJSON *o, char **dst)
{
    const cJSON *authors = cJSON_GetObjectItemCaseSensitive(o, "authors");
    const cJSON *a = cJSON_IsArray(authors) ? cJSON_GetArrayItem(authors, 0)
                                            : cJSON_GetObjectItemCaseSensitive(o, "author");
    if (cJSON_IsObject(a))
        set_text(dst, str(a, "name"));
}

static void read_item(const cJSON *o, feed *f, const char *base)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
    const cJSON *tags = cJSON_GetObjectItemCaseSensitive(o, "tags");
    const cJSON *tag;
    const char *s;
    feed_item *it;

    if (!cJSON_IsObject(o) || !(it = feed_add_item(f)))
        return;
    set_text(&it->title, str(o, "title"));
    if ((s = str(o, "url")) || (s = str(o, "external_url")))
        feed_set_link(&it->link, s, base);
    if (cJSON_IsString(id)) {
        set_text(&it->id, id->valuestring);
    } else if (cJSON_IsNumber(id)) {
        /* 1.0 feeds often carry numeric ids; the spec says to read them as text */
        char buf[32];
        snprintf(buf, sizeof buf, "%.17g", id->valuedouble);
        set_text(&it->id, buf);
    }
    if ((s = str(o, "summary")))
        feed_set_html(&it->summary, s, strlen(s));
    else if ((s = str(o, "content_text")))
        set_text(&it->summary, s);
    else if ((s = str(o, "content_html")))
        feed_set_html(&it->summary, s, strlen(s));
    read_date(o, "date_published", &it->published, &it->has_published);
    read_date(o, "date_modified", &it->updated, &it->has_updated);
    read_author(o, &it->author);
    if (!cJSON_IsArray(tags))
        return;
    for (tag = (tags)->child; tag; tag = tag->next)
        if (cJSON_IsString(tag))
            feed_add_category(it, tag->valuestring, strlen(tag->valuestring));
}

int feed_json_parse(const char *s, size_t n, const char *base_url, feed *f, char *err, size_t errlen)
{
    cJSON *root;
    const cJSON *items, *item;
    const char *home;

    if (feed_json_too_deep(s, n, FEED_MAX_DEPTH)) {
        snprintf(err, errlen, "JSON nested deeper than %d levels", FEED_MAX_DEPTH);
        return -1;
    }
    if (!(root = cJSON_ParseWithLength(s, n))) {
        snprintf(err, errlen, "not JSON that can be read");
        return -1;
    }
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        snprintf(err, errlen, "JSON, but not a JSON Feed (no top-level object)");
        return -1;
    }
    set_text(&f->title, str(root, "title"));
    if ((home = str(root, "home_page_url")))
        feed_set_link(&f->link, home, base_url);
    /* relative item URLs: against where the feed came from, else where it says it lives */
    if (!base_url)
        base_url = str(root, "feed_url") ? str(root, "feed_url") : home;
    items = cJSON_GetObjectItemCaseSensitive(root, "items");
    if (cJSON_IsArray(items))
        for (item = (items)->child; item; item = item->next)
            read_item(item, f, base_url);
    cJSON_Delete(root);
    return 0;
}

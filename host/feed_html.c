/*
 * feed_html.c - one news article page read as a feed of one item, with
 * libxml2's HTML parser (which knows HTML's entities and broken nesting).
 *
 * Headline, best first: the JSON-LD NewsArticle (or Article) headline,
 * og:title, twitter:title, the first <h1>, the <title> without its
 * " | Site" suffix. Lead: og:description, the JSON-LD or meta
 * description, else the first substantial paragraph of <article>, else of
 * the page. Link: rel=canonical, og:url, the JSON-LD url, the page's URL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <libxml/HTMLparser.h>

#include "feed_internal.h"

#define LEAD_MIN 60 /* bytes of text that make a paragraph a lead, not a label */

/* What the walk finds; every string is owned here until moved to the item. */
typedef struct page {
    char *ld_headline, *ld_description, *ld_url, *ld_author, *ld_publisher;
    char *og_title, *og_description, *og_url, *og_site, *tw_title, *description;
    char *canonical, *h1, *title, *article_p, *any_p;
    time_t published, updated;
    int has_published, has_updated, ld_rank;
} page;

static int is_tag(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

static void take(char **dst, const char *s)
{
    if (!*dst && s)
        feed_set_text(dst, s, strlen(s));
}

static void take_date(const char *s, time_t *t, int *has)
{
    if (!*has && s && feed_date_parse(s, t) == 0)
        *has = 1;
}

/* How newsy a JSON-LD @type is: NewsArticle kinds 2, other articles 1. */
static int ld_type_rank(const cJSON *type)
{
    static const char *const news[] = { "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
                                        "LiveBlogPosting", "BackgroundNewsArticle" };
    static const char *const other[] = { "Article", "BlogPosting", "Report" };
    const cJSON *t;
    int best = 0;
    size_t i;
    if (cJSON_IsString(type)) {
        for (i = 0; i < sizeof news / sizeof news[0]; i++)
            if (strcmp(type->valuestring, news[i]) == 0)
                return 2;
        for (i = 0; i < sizeof other / sizeof other[0]; i++)
            if (strcmp(type->valuestring, other[i]) == 0)
                return 1;
        return 0;
    }
    if (!cJSON_IsArray(type))
        return 0;
    for (t = (type)->child; t; t = t->next) {
        int r = ld_type_rank(t);
        best = r > best ? r : best;
    }
    return best;
}

static const char *ld_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsArray(v))
        v = cJSON_GetArrayItem(v, 0);
    if (cJSON_IsObject(v)) /* author: {"name": ...}, mainEntityOfPage: {"@id": ...} */
        v = cJSON_GetObjectItemCaseSensitive(v, cJSON_HasObjectItem(v, "name") ? "name" : "@id");
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Takes the fields of the most news-like article object in a JSON-LD tree. */
static void read_ld(const cJSON *o, page *p, int depth)
{
    const cJSON *c;
    int rank;
    if (depth > 4)
        return;
    if (cJSON_IsArray(o)) {
        for (c = (o)->child; c; c = c->next)
            read_ld(c, p, depth + 1);
        return;
    }
    if (!cJSON_IsObject(o))
        return;
    read_ld(cJSON_GetObjectItemCaseSensitive(o, "@graph"), p, depth + 1);
    rank = ld_type_rank(cJSON_GetObjectItemCaseSensitive(o, "@type"));
    if (!rank || rank <= p->ld_rank || !(ld_str(o, "headline") || ld_str(o, "name")))
        return;
    p->ld_rank = rank;
    free(p->ld_headline);
    free(p->ld_description);
    free(p->ld_url);
    free(p->ld_author);
    free(p->ld_publisher);
    p->ld_headline = p->ld_description = p->ld_url = p->ld_author = p->ld_publisher = NULL;
    take(&p->ld_headline, ld_str(o, "headline") ? ld_str(o, "headline") : ld_str(o, "name"));
    take(&p->ld_description, ld_str(o, "description"));
    take(&p->ld_url, ld_str(o, "url") ? ld_str(o, "url") : ld_str(o, "mainEntityOfPage"));
    take(&p->ld_author, ld_str(o, "author"));
    take(&p->ld_publisher, ld_str(o, "publisher"));
    p->has_published = p->has_updated = 0;
    take_date(ld_str(o, "datePublished"), &p->published, &p->has_published);
    take_date(ld_str(o, "dateModified"), &p->updated, &p->has_updated);
}

static void read_meta(xmlNodePtr n, page *p)
{
    xmlChar *key = xmlGetProp(n, (const xmlChar *)"property");
    xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
    const char *k, *v = (const char *)content;
    if (!key)
        key = xmlGetProp(n, (const xmlChar *)"name");
    k = (const char *)key;
    if (k && v) {
        if (strcasecmp(k, "og:title") == 0)
            take(&p->og_title, v);
        else if (strcasecmp(k, "twitter:title") == 0)
            take(&p->tw_title, v);
        else if (strcasecmp(k, "og:description") == 0)
            take(&p->og_description, v);
        else if (strcasecmp(k, "description") == 0)
            take(&p->description, v);
        else if (strcasecmp(k, "og:url") == 0)
            take(&p->og_url, v);
        else if (strcasecmp(k, "og:site_name") == 0)
            take(&p->og_site, v);
        else if (strcasecmp(k, "article:published_time") == 0)
            take_date(v, &p->published, &p->has_published);
        else if (strcasecmp(k, "article:modified_time") == 0)
            take_date(v, &p->updated, &p->has_updated);
    }
    xmlFree(key);
    xmlFree(content);
}

static void read_paragraph(xmlNodePtr n, page *p, int in_article)
{
    char *text = NULL;
    xmlChar *s;
    if ((in_article ? p->article_p : p->any_p) || !(s = xmlNodeGetContent(n)))
        return;
    feed_set_text(&text, (const char *)s, strlen((const char *)s));
    xmlFree(s);
    if (text && strlen(text) >= LEAD_MIN) {
        if (in_article)
            p->article_p = text;
        else
            p->any_p = text;
        return;
    }
    free(text);
}

static void walk(xmlNodePtr n, page *p, int depth, int in_article)
{
    for (; n; n = n->next) {
        xmlChar *s;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_tag(n, "meta")) {
            read_meta(n, p);
        } else if (is_tag(n, "link")) {
            xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
            xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
            if (rel && href && strcasecmp((const char *)rel, "canonical") == 0)
                take(&p->canonical, (const char *)href);
            xmlFree(rel);
            xmlFree(href);
        } else if (is_tag(n, "script")) {
            xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
            if (type && strcasecmp((const char *)type, "application/ld+json") == 0 &&
                (s = xmlNodeGetContent(n))) {
                cJSON *ld = cJSON_Parse((const char *)s);
                read_ld(ld, p, 0);
                cJSON_Delete(ld);
                xmlFree(s);
            }
            xmlFree(type);
        } else if ((is_tag(n, "title") && !p->title) || (is_tag(n, "h1") && !p->h1)) {
            if ((s = xmlNodeGetContent(n)))
                take(is_tag(n, "h1") ? &p->h1 : &p->title, (const char *)s);
            xmlFree(s);
        } else if (is_tag(n, "p")) {
            read_paragraph(n, p, in_article);
        } else if (is_tag(n, "figure") || is_tag(n, "figcaption") || is_tag(n, "nav") ||
                   is_tag(n, "aside") || is_tag(n, "footer") || is_tag(n, "style")) {
            continue; /* captions and page furniture are never the lead */
        } else if (depth < FEED_MAX_DEPTH) {
            walk(n->children, p, depth + 1, in_article || is_tag(n, "article"));
        }
    }
}

/* The <title> without the site's name: "Headline | Site", "Headline - Site". */
static void strip_site(char *title, const char *site)
{
    static const char *const seps[] = { " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                        " :: ", " \xC2\xB7 " };
    char *best = NULL;
    size_t i, k = 0;
    for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
        char *at = title, *hit;
        while ((hit = strstr(at, seps[i]))) {
            if (hit > best) {
                best = hit;
                k = strlen(seps[i]);
            }
            at = hit + 1;
        }
    }
    if (!best)
        return;
    /* cut when the tail is the site's name, or shorter than the headline */
    if ((site && strcasecmp(best + k, site) == 0) || strlen(best + k) < (size_t)(best - title))
        *best = '\0';
}

static char *first(char **a, char **b, char **c, char **d)
{
    char **all[4], **pick = NULL;
    size_t i;
    all[0] = a;
    all[1] = b;
    all[2] = c;
    all[3] = d;
    for (i = 0; i < 4 && !pick; i++)
        if (all[i] && *all[i] && (*all[i])[0])
            pick = all[i];
    if (pick) {
        char *s = *pick;
        *pick = NULL; /* moved: the page no longer frees it */
        return s;
    }
    return NULL;
}

static void free_page(page *p)
{
    char **fields[] = { &p->ld_headline, &p->ld_description, &p->ld_url, &p->ld_author,
                        &p->ld_publisher, &p->og_title, &p->og_description, &p->og_url,
                        &p->og_site, &p->tw_title, &p->description, &p->canonical, &p->h1,
                        &p->title, &p->article_p, &p->any_p };
    size_t i;
    for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
        free(*fields[i]);
}

int feed_html_parse(const char *s, size_t n, const char *base_url, feed *f, char *err, size_t errlen)
{
    htmlDocPtr doc;
    page p;
    feed_item *it;
    char *link;

    if (n > (size_t)0x7fffffff)
        n = 0x7fffffff;
    doc = htmlReadMemory(s, (int)n, base_url, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                         HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
    if (!doc) {
        snprintf(err, errlen, "not HTML that can be read");
        return -1;
    }
    memset(&p, 0, sizeof p);
    walk(doc->children, &p, 0, 0);
    xmlFreeDoc(doc);
    if (p.title)
        strip_site(p.title, p.og_site);
    f->format = FEED_FORMAT_HTML;
    if (p.ld_headline || p.og_title || p.tw_title || p.h1 || p.title) {
        if (!(it = feed_add_item(f)))
            goto out;
        it->title = first(&p.ld_headline, &p.og_title, &p.tw_title, &p.h1);
        if (!it->title)
            it->title = first(&p.title, NULL, NULL, NULL);
        it->summary = first(&p.og_description, &p.ld_description, &p.description, &p.article_p);
        if (!it->summary)
            it->summary = first(&p.any_p, NULL, NULL, NULL);
        link = first(&p.canonical, &p.og_url, &p.ld_url, NULL);
        feed_set_link(&it->link, link ? link : base_url ? base_url : "", base_url);
        free(link);
        it->author = first(&p.ld_author, NULL, NULL, NULL);
        it->source = first(&p.og_site, &p.ld_publisher, NULL, NULL);
        it->published = p.published;
        it->has_published = p.has_published;
        it->updated = p.updated;
        it->has_updated = p.has_updated;
        if (it->source)
            feed_set_text(&f->title, it->source, strlen(it->source));
    }
out:
    free_page(&p);
    return 0;
}

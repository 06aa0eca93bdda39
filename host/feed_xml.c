/*
 * feed_xml.c - RSS 0.90 to 2.0, RSS 1.0 (RDF) and Atom 0.3 / 1.0, read with
 * libxml2 in recover mode into a tree, then walked.
 *
 * Safety: the document first goes through feed_entities_prepare_xml(),
 * which removes the DOCTYPE, so there is nothing to expand and nothing
 * external to load; the parser runs with XML_PARSE_NONET and without
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE (libxml2's own
 * depth and size limits stay on), and the walk refuses anything nested
 * deeper than FEED_MAX_DEPTH.
 *
 * Elements are matched by namespace class and local name, and also by the
 * usual prefixes (dc:, content:) when a feed forgot to declare them. The
 * three formats share one walk: a feed is a container of feed-level
 * fields and items; RSS 2.0 nests it in <channel>, RSS 1.0 puts the items
 * beside the channel, Atom has <feed> and <entry>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "feed_internal.h"

typedef enum ns_class {
    NS_CORE,    /* no namespace, RSS 0.90/1.0/2.0 or Atom: the feed's own elements */
    NS_DC,      /* Dublin Core elements */
    NS_DCTERMS, /* Dublin Core terms */
    NS_CONTENT, /* RSS 1.0 content module (content:encoded) */
    NS_RDF,
    NS_OTHER    /* media:, itunes: and the rest: ignored */
} ns_class;

/* Everything read while walking one item, before it is stored. */
typedef struct item_state {
    feed_item *it;
    const xmlChar *content; /* content:encoded or Atom content: the summary's fallback */
    xmlChar *content_owned; /* what content points to when it is a copy */
    int content_html;
    int link_rank;      /* how good the link taken so far is (0 none) */
    int guid_is_link;   /* the guid is a permalink and may stand in for the link */
} item_state;

static const struct { const char *href; ns_class cls; } known_ns[] = {
    { "http://www.w3.org/2005/Atom", NS_CORE },
    { "http://purl.org/atom/ns#", NS_CORE },
    { "http://purl.org/rss/1.0/", NS_CORE },
    { "http://my.netscape.com/rdf/simple/0.9/", NS_CORE },
    { "http://backend.userland.com/rss2", NS_CORE },
    { "http://blogs.law.harvard.edu/tech/rss", NS_CORE },
    { "http://purl.org/dc/elements/1.1/", NS_DC },
    { "http://purl.org/dc/terms/", NS_DCTERMS },
    { "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
    { "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
};

static const struct { const char *prefix; ns_class cls; } known_prefix[] = {
    { "atom", NS_CORE }, { "dc", NS_DC }, { "dcterms", NS_DCTERMS },
    { "content", NS_CONTENT }, { "rdf", NS_RDF },
};

/* The element's namespace class, and its local name in *local. */
static ns_class classify(xmlNodePtr n, const char **local)
{
    const char *name = (const char *)n->name, *colon;
    size_t i;

    *local = name;
    if (n->ns && n->ns->href) {
        for (i = 0; i < sizeof known_ns / sizeof known_ns[0]; i++)
            if (strcmp((const char *)n->ns->href, known_ns[i].href) == 0)
                return known_ns[i].cls;
        return NS_OTHER;
    }
    if (!(colon = strchr(name, ':')))
        return NS_CORE;
    *local = colon + 1;
    for (i = 0; i < sizeof known_prefix / sizeof known_prefix[0]; i++)
        if (strlen(known_prefix[i].prefix) == (size_t)(colon - name) &&
            strncmp(name, known_prefix[i].prefix, (size_t)(colon - name)) == 0)
            return known_prefix[i].cls;
    return NS_OTHER;
}

static int is(const char *local, const char *name)
{
    return strcmp(local, name) == 0;
}

/* An attribute without regard to its namespace; the caller xmlFree()s it. */
static xmlChar *attr(xmlNodePtr n, const char *name)
{
    return xmlGetProp(n, (const xmlChar *)name);
}

/* 1 when a text construct holds escaped HTML: Atom type="html" (or 0.3's
   mode="escaped"), or any RSS field, which is HTML by custom. */
static int holds_html(xmlNodePtr n)
{
    xmlChar *type = attr(n, "type"), *mode = attr(n, "mode");
    int html;
    if (type)
        html = strcasecmp((const char *)type, "html") == 0 ||
               strcasecmp((const char *)type, "text/html") == 0;
    else if (mode)
        html = strcasecmp((const char *)mode, "escaped") == 0;
    else
        html = 1;
    xmlFree(type);
    xmlFree(mode);
    return html;
}

/* 1 when element n swallowed elements of the feed itself: an unclosed
   <title> in which recover mode nested the rest of the document. */
static int swallowed(xmlNodePtr n)
{
    static const char *const names[] = { "title", "link", "item", "entry", "description",
                                         "guid", "id", "pubDate", "summary", "updated" };
    xmlNodePtr c;
    size_t i;
    for (c = n->children; c; c = c->next) {
        const char *l;
        if (c->type != XML_ELEMENT_NODE || classify(c, &l) != NS_CORE)
            continue;
        for (i = 0; i < sizeof names / sizeof names[0]; i++)
            if (is(l, names[i]))
                return 1;
    }
    return 0;
}

/* The text of n, as xmlNodeGetContent() gives it. An element holding
   just one text node (most fields) gives that node's text, which lives as
   long as the document, without a copy; any other is copied into *owned,
   which the caller xmlFree()s (NULL when nothing was copied). Returns
   NULL only when out of memory. */
static const xmlChar *text_of(xmlNodePtr n, xmlChar **owned)
{
    xmlNodePtr c = n->children;
    *owned = NULL;
    if (c && !c->next && c->type == XML_TEXT_NODE && c->content)
        return c->content;
    return *owned = xmlNodeGetContent(n);
}

/* As text_of(), but only n's own text nodes when it swallowed the rest
   of the feed. */
static const xmlChar *content_of(xmlNodePtr n, xmlChar **owned)
{
    xmlNodePtr c;
    xmlChar *s = NULL;
    if (!swallowed(n))
        return text_of(n, owned);
    for (c = n->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
            (!s || xmlStrlen(s) < 2 * FEED_MAX_FIELD))
            s = xmlStrcat(s, c->content);
    return *owned = s;
}

/* Sets *dst from text construct n. Plain text types are taken as they
   are; xhtml's markup is elements already, so its text is plain too. */
static int read_text(xmlNodePtr n, char **dst)
{
    xmlChar *owned;
    const xmlChar *s = content_of(n, &owned);
    int rc;
    if (!s)
        return 0;
    rc = holds_html(n) ? feed_set_html(dst, (const char *)s, strlen((const char *)s))
                       : feed_set_text(dst, (const char *)s, strlen((const char *)s));
    xmlFree(owned);
    return rc;
}

static int read_date(xmlNodePtr n, time_t *t, int *has)
{
    xmlChar *owned;
    const xmlChar *s = text_of(n, &owned);
    if (s && feed_date_parse((const char *)s, t) == 0)
        *has = 1;
    xmlFree(owned);
    return 0;
}

/* Sets *dst to the link text or href of n, resolved against its xml:base. */
static int read_link(xmlNodePtr n, const xmlChar *ref, char **dst)
{
    xmlChar *base = xmlNodeGetBase(n->doc, n);
    int rc = feed_set_link(dst, (const char *)ref, (const char *)base);
    xmlFree(base);
    return rc;
}

/* A <link>: Atom's href form ranks by rel and type, RSS's text form is best. */
static int take_link(xmlNodePtr n, char **dst, int *rank)
{
    xmlChar *href = attr(n, "href"), *rel, *type;
    int r, rc = 0;

    if (!href) {
        xmlChar *owned;
        const xmlChar *text = content_of(n, &owned);
        if (text && *rank < 4) {
            char *before = *dst;
            *dst = NULL;
            rc = read_link(n, text, dst);
            if (*dst && (*dst)[0]) {
                free(before);
                *rank = 4;
            } else {
                free(*dst);
                *dst = before;
            }
        }
        xmlFree(owned);
        return rc;
    }
    rel = attr(n, "rel");
    type = attr(n, "type");
    if (rel && strcasecmp((const char *)rel, "alternate") != 0)
        r = 0; /* self, enclosure, related, ...: not the story's page */
    else
        r = !type || strstr((const char *)type, "html") ? 3 : 2;
    if (r > *rank) {
        rc = read_link(n, href, dst);
        *rank = r;
    }
    xmlFree(href);
    xmlFree(rel);
    xmlFree(type);
    return rc;
}

/* The name inside an Atom person construct, or the RSS text. */
static int read_person(xmlNodePtr n, char **dst)
{
    xmlNodePtr c;
    for (c = n->children; c; c = c->next) {
        const char *local;
        if (c->type == XML_ELEMENT_NODE && classify(c, &local) == NS_CORE && is(local, "name"))
            return read_text(c, dst);
    }
    return read_text(n, dst);
}

/* <source>: RSS's is the name as text; Atom's holds the source feed's <title>. */
static int read_source(xmlNodePtr n, char **dst)
{
    xmlNodePtr c;
    for (c = n->children; c; c = c->next) {
        const char *local;
        if (c->type == XML_ELEMENT_NODE && classify(c, &local) == NS_CORE && is(local, "title"))
            return read_text(c, dst);
    }
    return read_text(n, dst);
}

static void read_category(xmlNodePtr n, feed_item *it)
{
    xmlChar *term = attr(n, "term"), *owned = NULL;
    const xmlChar *s = term ? term : text_of(n, &owned);
    if (s)
        feed_add_category(it, (const char *)s, strlen((const char *)s));
    xmlFree(term);
    xmlFree(owned);
}

static void read_item(xmlNodePtr n, feed *f, int depth);

static int item_field(xmlNodePtr n, item_state *st, feed *f, int depth);

/* Reads the elements from first on into the item at f->items[idx], and
   the elements an unclosed one swallowed as if they were its siblings. */
static void item_children(xmlNodePtr first, item_state *st, size_t idx, feed *f, int depth)
{
    xmlNodePtr c;
    if (depth >= FEED_MAX_DEPTH)
        return;
    for (c = first; c; c = c->next) {
        /* item_field may add items and so move the array: find ours again */
        st->it = &f->items[idx];
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (item_field(c, st, f, depth))
            return;
        if (swallowed(c))
            item_children(c->children, st, idx, f, depth + 1);
    }
    st->it = &f->items[idx];
}

/* One element inside an item. Returns -1 only when out of memory. */
static int item_field(xmlNodePtr n, item_state *st, feed *f, int depth)
{
    feed_item *it = st->it;
    const char *l;
    ns_class cls = classify(n, &l);

    switch (cls) {
    case NS_CORE:
        if (is(l, "title"))
            return it->title ? 0 : read_text(n, &it->title);
        if (is(l, "link"))
            return take_link(n, &it->link, &st->link_rank);
        if (is(l, "guid") || is(l, "id")) {
            xmlChar *perma = attr(n, "isPermaLink");
            st->guid_is_link = is(l, "guid") && !(perma && strcasecmp((const char *)perma, "false") == 0);
            xmlFree(perma);
            return it->id ? 0 : read_text(n, &it->id);
        }
        if (is(l, "pubDate") || is(l, "published") || is(l, "issued"))
            return read_date(n, &it->published, &it->has_published);
        if (is(l, "updated") || is(l, "modified"))
            return read_date(n, &it->updated, &it->has_updated);
        if (is(l, "description") || is(l, "summary"))
            return it->summary ? 0 : read_text(n, &it->summary);
        if (is(l, "content") && !st->content) {
            st->content = text_of(n, &st->content_owned);
            st->content_html = holds_html(n);
            return 0;
        }
        if (is(l, "category")) {
            read_category(n, it);
            return 0;
        }
        if (is(l, "author") || is(l, "creator"))
            return it->author ? 0 : read_person(n, &it->author);
        if (is(l, "source"))
            return read_source(n, &it->source);
        if (is(l, "item") || is(l, "entry")) {
            /* an unclosed item swallowed the next one: read it as an item */
            read_item(n, f, depth);
            return 0;
        }
        return 0;
    case NS_DC:
        if (is(l, "title"))
            return it->title ? 0 : read_text(n, &it->title);
        if (is(l, "creator"))
            return it->author ? 0 : read_text(n, &it->author);
        if (is(l, "date"))
            return read_date(n, &it->updated, &it->has_updated);
        if (is(l, "subject"))
            read_category(n, it);
        if (is(l, "description"))
            return it->summary ? 0 : read_text(n, &it->summary);
        if (is(l, "source"))
            return it->source ? 0 : read_text(n, &it->source);
        return 0;
    case NS_DCTERMS:
        if (is(l, "issued") || is(l, "created"))
            return it->has_published ? 0 : read_date(n, &it->published, &it->has_published);
        if (is(l, "modified"))
            return read_date(n, &it->updated, &it->has_updated);
        return 0;
    case NS_CONTENT:
        if (is(l, "encoded") && !st->content) {
            st->content = text_of(n, &st->content_owned);
            st->content_html = 1;
        }
        return 0;
    default:
        return 0;
    }
}

static void read_item(xmlNodePtr n, feed *f, int depth)
{
    item_state st;
    size_t idx;

    memset(&st, 0, sizeof st);
    if (depth >= FEED_MAX_DEPTH || !feed_add_item(f))
        return;
    idx = f->nitems - 1;
    item_children(n->children, &st, idx, f, depth + 1);
    if (!st.it->summary && st.content) {
        const char *s = (const char *)st.content;
        if (st.content_html)
            feed_set_html(&st.it->summary, s, strlen(s));
        else
            feed_set_text(&st.it->summary, s, strlen(s));
    }
    if (!st.it->link && st.it->id && st.guid_is_link &&
        (strncmp(st.it->id, "http://", 7) == 0 || strncmp(st.it->id, "https://", 8) == 0))
        feed_set_link(&st.it->link, st.it->id, NULL);
    if (!st.it->link) {
        /* RSS 1.0 names the item by its URL */
        xmlChar *about = xmlGetNsProp(n, (const xmlChar *)"about",
                                      (const xmlChar *)"http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        if (about)
            read_link(n, about, &st.it->link);
        xmlFree(about);
    }
    xmlFree(st.content_owned);
}

static const char *const day_names[] = { "monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday" };

/* <skipHours><hour>N</hour>... and <skipDays><day>Name</day>... */
static void read_skip(xmlNodePtr n, feed *f, int hours)
{
    xmlNodePtr c;
    for (c = n->children; c; c = c->next) {
        xmlChar *s;
        if (c->type != XML_ELEMENT_NODE || !(s = xmlNodeGetContent(c)))
            continue;
        if (hours) {
            char *end;
            long h = strtol((const char *)s, &end, 10);
            if (end != (char *)s && h >= 0 && h <= 24)
                f->skip_hours |= 1u << (h % 24);
        } else {
            size_t d;
            const char *v = (const char *)s;
            while (*v == ' ' || *v == '\n' || *v == '\t' || *v == '\r')
                v++;
            for (d = 0; d < 7; d++)
                if (strncasecmp(v, day_names[d], strlen(day_names[d])) == 0)
                    f->skip_days |= (uint8_t)(1u << d);
        }
        xmlFree(s);
    }
}

static void read_ttl(xmlNodePtr n, feed *f)
{
    xmlChar *s = xmlNodeGetContent(n);
    char *end;
    long v;
    if (!s)
        return;
    v = strtol((const char *)s, &end, 10);
    if (end != (char *)s && v >= 0 && v <= 525600) /* a year of minutes */
        f->ttl = v;
    xmlFree(s);
}

/* The children of a feed, channel or RDF root: feed fields and items.
   level is how far below the feed element they are (fields are read at
   levels 0 and 1: the feed and its channel); depth bounds the recursion. */
static void read_container(xmlNodePtr first, feed *f, int level, int depth, int *link_rank)
{
    xmlNodePtr n;

    if (depth >= FEED_MAX_DEPTH)
        return;
    for (n = first; n; n = n->next) {
        const char *l;
        ns_class cls;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        cls = classify(n, &l);
        if (cls == NS_CORE && (is(l, "item") || is(l, "entry"))) {
            read_item(n, f, depth + 1);
            continue;
        }
        if (cls == NS_CORE && is(l, "channel")) {
            read_container(n->children, f, level + 1, depth + 1, link_rank);
            continue;
        }
        if (level <= 1) {
            if ((cls == NS_CORE || cls == NS_DC) && is(l, "title") && !f->title)
                read_text(n, &f->title);
            else if (cls == NS_CORE && is(l, "link"))
                take_link(n, &f->link, link_rank);
            else if (cls == NS_CORE && is(l, "ttl"))
                read_ttl(n, f);
            else if (cls == NS_CORE && is(l, "skipHours"))
                read_skip(n, f, 1);
            else if (cls == NS_CORE && is(l, "skipDays"))
                read_skip(n, f, 0);
        }
        if (swallowed(n))
            read_container(n->children, f, level, depth + 1, link_rank);
    }
}

int feed_xml_parse(const char *s, size_t n, const char *base_url, feed *f, char *err, size_t errlen)
{
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    size_t len = 0;
    char *prepared = feed_entities_prepare_xml(s, n, &len);
    int rc = -1, link_rank = 0;

    if (!prepared || len > (size_t)0x7fffffff || !(ctxt = xmlNewParserCtxt())) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    doc = xmlCtxtReadMemory(ctxt, prepared, (int)len, base_url, "UTF-8",
                            XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA |
                            XML_PARSE_COMPACT);
    if (!doc || !(root = xmlDocGetRootElement(doc))) {
        snprintf(err, errlen, "not XML that can be read, even leniently");
        goto out;
    }
    f->recovered = !ctxt->wellFormed;
    {
        const char *l;
        classify(root, &l);
        if (is(l, "feed"))
            f->format = FEED_FORMAT_ATOM;
        else if (is(l, "RDF"))
            f->format = FEED_FORMAT_RDF;
        else if (is(l, "rss") || is(l, "channel"))
            f->format = FEED_FORMAT_RSS;
    }
    read_container(root->children, f, is((const char *)root->name, "channel"), 0, &link_rank);
    rc = 0;
out:
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    free(prepared);
    return rc;
}

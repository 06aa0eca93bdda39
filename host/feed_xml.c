/*
 * feed_xml.c - RSS 0.90 to 2.0, RSS 1.0 (RDF) and Atom 0.3 / 1.0, read with
 * libxml2's SAX2 parser in recover mode into a small tree
 * (feed_xml_tree.c), then walked. The text runs of a well-formed document
 * are decoded aside (feed_xml_lift.c), which spares libxml2 its slow
 * character-by-character path.
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

#include "feed_internal.h"

/* Everything read while walking one item, before it is stored. */
typedef struct item_state {
    feed_item *it;
    const char *content;    /* content:encoded or Atom content: the summary's fallback */
    char *content_owned;    /* what content points to when it is a copy */
    int content_html;
    int link_rank;      /* how good the link taken so far is (0 none) */
    int guid_is_link;   /* the guid is a permalink and may stand in for the link */
    const char *doc_url; /* where the document came from, for relative links */
} item_state;

/* The element's namespace class, and its local name in *local. */
static feed_ns classify(const feed_xnode *n, const char **local)
{
    *local = n->local;
    return n->ns;
}

/* The first byte settles most comparisons: the walk asks each element
   about many names. */
static int is(const char *local, const char *name)
{
    return local[0] == name[0] && strcmp(local, name) == 0;
}

/* An attribute without regard to its namespace; lives as long as the tree. */
static const char *attr(const feed_xnode *n, const char *name)
{
    return feed_xattr_get(n, name);
}

/* 1 when a text construct holds escaped HTML: Atom type="html" (or 0.3's
   mode="escaped"), or any RSS field, which is HTML by custom. */
static int holds_html(const feed_xnode *n)
{
    const char *type = attr(n, "type"), *mode = attr(n, "mode");
    int html;
    if (type)
        html = strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0;
    else if (mode)
        html = strcasecmp(mode, "escaped") == 0;
    else
        html = 1;
    return html;
}

/* 1 when element n swallowed elements of the feed itself: an unclosed
   <title> in which recover mode nested the rest of the document. */
static int swallowed(const feed_xnode *n)
{
    static const char *const names[] = { "title", "link", "item", "entry", "description",
                                         "guid", "id", "pubDate", "summary", "updated" };
    const feed_xnode *c;
    size_t i;
    for (c = n->children; c; c = c->next) {
        const char *l;
        if (!c->name || classify(c, &l) != FEED_NS_CORE)
            continue;
        for (i = 0; i < sizeof names / sizeof names[0]; i++)
            if (is(l, names[i]))
                return 1;
    }
    return 0;
}

/* The text of n, as xmlNodeGetContent() gives it: see feed_xnode_text(). */
static const char *text_of(const feed_xnode *n, char **owned)
{
    return feed_xnode_text(n, owned);
}

/* As text_of(), but only n's own text nodes when it swallowed the rest
   of the feed. */
static const char *content_of(const feed_xnode *n, char **owned)
{
    const feed_xnode *c;
    size_t len = 0;
    char *s = NULL;

    *owned = NULL;
    if (!swallowed(n))
        return text_of(n, owned);
    for (c = n->children; c; c = c->next)
        len += c->name ? 0 : c->len;
    if (!len || !(s = malloc(len + 1)))
        return NULL; /* no text of its own: nothing to read */
    len = 0;
    /* stop adding once the text passed what a field can hold */
    for (c = n->children; c; c = c->next)
        if (!c->name && len < 2 * FEED_MAX_FIELD) {
            memcpy(s + len, c->text, c->len);
            len += c->len;
        }
    s[len] = '\0';
    return *owned = s;
}

/* Sets *dst from text construct n. Plain text types are taken as they
   are; xhtml's markup is elements already, so its text is plain too. */
static int read_text(const feed_xnode *n, char **dst)
{
    char *owned;
    const char *s = content_of(n, &owned);
    int rc;
    if (!s)
        return 0;
    rc = holds_html(n) ? feed_set_html(dst, s, strlen(s)) : feed_set_text(dst, s, strlen(s));
    free(owned);
    return rc;
}

static int read_date(const feed_xnode *n, time_t *t, int *has)
{
    char *owned;
    const char *s = text_of(n, &owned);
    if (s && feed_date_parse(s, t) == 0)
        *has = 1;
    free(owned);
    return 0;
}

/* Sets *dst to the link text or href of n, resolved against its xml:base. */
static int read_link(const feed_xnode *n, const char *ref, const char *doc_url, char **dst)
{
    char *base = feed_xnode_base(n, doc_url);
    int rc = feed_set_link(dst, ref, base);
    free(base);
    return rc;
}

/* A <link>: Atom's href form ranks by rel and type, RSS's text form is best. */
static int take_link(const feed_xnode *n, const char *doc_url, char **dst, int *rank)
{
    const char *href = attr(n, "href"), *rel, *type;
    int r, rc = 0;

    if (!href) {
        char *owned;
        const char *text = content_of(n, &owned);
        if (text && *rank < 4) {
            char *before = *dst;
            *dst = NULL;
            rc = read_link(n, text, doc_url, dst);
            if (*dst && (*dst)[0]) {
                free(before);
                *rank = 4;
            } else {
                free(*dst);
                *dst = before;
            }
        }
        free(owned);
        return rc;
    }
    rel = attr(n, "rel");
    type = attr(n, "type");
    if (rel && strcasecmp(rel, "alternate") != 0)
        r = 0; /* self, enclosure, related, ...: not the story's page */
    else
        r = !type || strstr(type, "html") ? 3 : 2;
    if (r > *rank) {
        rc = read_link(n, href, doc_url, dst);
        *rank = r;
    }
    return rc;
}

/* The name inside an Atom person construct, or the RSS text. */
static int read_person(const feed_xnode *n, char **dst)
{
    const feed_xnode *c;
    for (c = n->children; c; c = c->next) {
        const char *local;
        if (c->name && classify(c, &local) == FEED_NS_CORE && is(local, "name"))
            return read_text(c, dst);
    }
    return read_text(n, dst);
}

/* <source>: RSS's is the name as text; Atom's holds the source feed's <title>. */
static int read_source(const feed_xnode *n, char **dst)
{
    const feed_xnode *c;
    for (c = n->children; c; c = c->next) {
        const char *local;
        if (c->name && classify(c, &local) == FEED_NS_CORE && is(local, "title"))
            return read_text(c, dst);
    }
    return read_text(n, dst);
}

static void read_category(const feed_xnode *n, feed_item *it)
{
    char *owned = NULL;
    const char *term = attr(n, "term"), *s = term ? term : text_of(n, &owned);
    if (s)
        feed_add_category(it, s, strlen(s));
    free(owned);
}

static void read_item(const feed_xnode *n, const char *doc_url, feed *f, int depth);

static int item_field(const feed_xnode *n, item_state *st, feed *f, int depth);

/* Reads the elements from first on into the item at f->items[idx], and
   the elements an unclosed one swallowed as if they were its siblings. */
static void item_children(const feed_xnode *first, item_state *st, size_t idx, feed *f, int depth)
{
    const feed_xnode *c;
    if (depth >= FEED_MAX_DEPTH)
        return;
    for (c = first; c; c = c->next) {
        /* item_field may add items and so move the array: find ours again */
        st->it = &f->items[idx];
        if (!c->name)
            continue;
        if (item_field(c, st, f, depth))
            return;
        if (swallowed(c))
            item_children(c->children, st, idx, f, depth + 1);
    }
    st->it = &f->items[idx];
}

/* One element inside an item. Returns -1 only when out of memory. */
static int item_field(const feed_xnode *n, item_state *st, feed *f, int depth)
{
    feed_item *it = st->it;
    const char *l;
    feed_ns cls = classify(n, &l);

    switch (cls) {
    case FEED_NS_CORE:
        if (is(l, "title"))
            return it->title ? 0 : read_text(n, &it->title);
        if (is(l, "link"))
            return take_link(n, st->doc_url, &it->link, &st->link_rank);
        if (is(l, "guid") || is(l, "id")) {
            const char *perma = attr(n, "isPermaLink");
            st->guid_is_link = is(l, "guid") && !(perma && strcasecmp(perma, "false") == 0);
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
            read_item(n, st->doc_url, f, depth);
            return 0;
        }
        return 0;
    case FEED_NS_DC:
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
    case FEED_NS_DCTERMS:
        if (is(l, "issued") || is(l, "created"))
            return it->has_published ? 0 : read_date(n, &it->published, &it->has_published);
        if (is(l, "modified"))
            return read_date(n, &it->updated, &it->has_updated);
        return 0;
    case FEED_NS_CONTENT:
        if (is(l, "encoded") && !st->content) {
            st->content = text_of(n, &st->content_owned);
            st->content_html = 1;
        }
        return 0;
    default:
        return 0;
    }
}

static void read_item(const feed_xnode *n, const char *doc_url, feed *f, int depth)
{
    item_state st;
    size_t idx;

    memset(&st, 0, sizeof st);
    st.doc_url = doc_url;
    if (depth >= FEED_MAX_DEPTH || !feed_add_item(f))
        return;
    idx = f->nitems - 1;
    item_children(n->children, &st, idx, f, depth + 1);
    /* item_children leaves st.it unset when the item is already too deep
       to read into (unclosed items nested FEED_MAX_DEPTH levels) */
    st.it = &f->items[idx];
    if (!st.it->summary && st.content) {
        const char *s = st.content;
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
        const feed_xattr *a;
        for (a = n->attrs; a; a = a->next)
            if (a->ns == FEED_NS_RDF && strcmp(a->name, "about") == 0) {
                read_link(n, a->value, doc_url, &st.it->link);
                break;
            }
    }
    free(st.content_owned);
}

static const char *const day_names[] = { "monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday" };

/* <skipHours><hour>N</hour>... and <skipDays><day>Name</day>... */
static void read_skip(const feed_xnode *n, feed *f, int hours)
{
    const feed_xnode *c;
    for (c = n->children; c; c = c->next) {
        char *owned;
        const char *s;
        if (!c->name || !(s = text_of(c, &owned)))
            continue;
        if (hours) {
            char *end;
            long h = strtol(s, &end, 10);
            if (end != s && h >= 0 && h <= 24)
                f->skip_hours |= 1u << (h % 24);
        } else {
            size_t d;
            const char *v = s;
            while (*v == ' ' || *v == '\n' || *v == '\t' || *v == '\r')
                v++;
            for (d = 0; d < 7; d++)
                if (strncasecmp(v, day_names[d], strlen(day_names[d])) == 0)
                    f->skip_days |= (uint8_t)(1u << d);
        }
        free(owned);
    }
}

static void read_ttl(const feed_xnode *n, feed *f)
{
    char *owned, *end;
    const char *s = text_of(n, &owned);
    long v;
    if (!s)
        return;
    v = strtol(s, &end, 10);
    if (end != s && v >= 0 && v <= 525600) /* a year of minutes */
        f->ttl = v;
    free(owned);
}

/* The children of a feed, channel or RDF root: feed fields and items.
   level is how far below the feed element they are (fields are read at
   levels 0 and 1: the feed and its channel); depth bounds the recursion. */
static void read_container(const feed_xnode *first, const char *doc_url, feed *f, int level,
                           int depth, int *link_rank)
{
    const feed_xnode *n;

    if (depth >= FEED_MAX_DEPTH)
        return;
    for (n = first; n; n = n->next) {
        const char *l;
        feed_ns cls;
        if (!n->name)
            continue;
        cls = classify(n, &l);
        if (cls == FEED_NS_CORE && (is(l, "item") || is(l, "entry"))) {
            read_item(n, doc_url, f, depth + 1);
            continue;
        }
        if (cls == FEED_NS_CORE && is(l, "channel")) {
            read_container(n->children, doc_url, f, level + 1, depth + 1, link_rank);
            continue;
        }
        if (level <= 1) {
            if ((cls == FEED_NS_CORE || cls == FEED_NS_DC) && is(l, "title") && !f->title)
                read_text(n, &f->title);
            else if (cls == FEED_NS_CORE && is(l, "link"))
                take_link(n, doc_url, &f->link, link_rank);
            else if (cls == FEED_NS_CORE && is(l, "ttl"))
                read_ttl(n, f);
            else if (cls == FEED_NS_CORE && is(l, "skipHours"))
                read_skip(n, f, 1);
            else if (cls == FEED_NS_CORE && is(l, "skipDays"))
                read_skip(n, f, 0);
        }
        if (swallowed(n))
            read_container(n->children, doc_url, f, level, depth + 1, link_rank);
    }
}

/* Reads prepared (taken) into doc: lifted when it can be (see
   feed_xml_lift.c); as it is when not, or when libxml2 finds the lifted
   document not well-formed, so that recover mode sees what it always
   saw. 0, or -1 when no element could be read (or out of memory). */
static int read_doc(char *prepared, size_t len, feed_xdoc *doc)
{
    feed_xlift lift;
    size_t lifted_len = 0;
    char *lifted = feed_xml_lift(prepared, len, &lifted_len, &lift);
    int rc;

    if (!lifted)
        return feed_xdoc_parse(prepared, len, 1, NULL, doc);
    free(prepared);
    /* the lifted document is kept: it may be needed again */
    if (feed_xdoc_parse(lifted, lifted_len, 0, &lift, doc) == 0 && doc->well_formed) {
        rc = 0;
    } else {
        feed_xdoc_free(doc);
        prepared = feed_xlift_restore(lifted, lifted_len, &lift, &len);
        rc = prepared ? feed_xdoc_parse(prepared, len, 1, NULL, doc) : -1;
    }
    free(lifted);
    feed_xlift_free(&lift);
    return rc;
}

int feed_xml_parse(char *s, size_t n, const char *base_url, feed *f, char *err, size_t errlen)
{
    feed_xdoc doc;
    size_t len = 0;
    char *prepared = feed_entities_prepare_xml(s, n, &len);
    int rc = -1, link_rank = 0;
    const char *l;

    free(s);
    memset(&doc, 0, sizeof doc);
    if (!prepared) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    /* read_doc takes prepared; the tree holds copies of what it needs */
    if (read_doc(prepared, len, &doc)) {
        snprintf(err, errlen, "not XML that can be read, even leniently");
        goto out;
    }
    f->recovered = !doc.well_formed;
    classify(doc.root, &l);
    if (is(l, "feed"))
        f->format = FEED_FORMAT_ATOM;
    else if (is(l, "RDF"))
        f->format = FEED_FORMAT_RDF;
    else if (is(l, "rss") || is(l, "channel"))
        f->format = FEED_FORMAT_RSS;
    read_container(doc.root->children, base_url, f, is(doc.root->name, "channel"), 0, &link_rank);
    rc = 0;
out:
    feed_xdoc_free(&doc);
    return rc;
}

/*
 * feed_xml_tree.c - an XML feed read by libxml2's SAX2 parser (recover
 * mode) into a small tree in one arena, instead of libxml2's xmlDoc.
 *
 * Why: a feed is read once, walked once and thrown away. libxml2's tree
 * costs a malloc per node, per name and per text, a dictionary, and a
 * node-by-node free; the arena costs a few blocks. The tree has the shape
 * libxml2's own SAX2 tree builder gives (the same parser events build it):
 * character data and CDATA between two tags merge into one text node,
 * comments and processing instructions are left out (xmlNodeGetContent
 * skips them too), an element with an undeclared prefix is named
 * "prefix:local", and an unclosed element holds whatever recover mode
 * nested in it.
 *
 * libxml2 2.9 parses a copy of the input (its static input buffers are
 * not reliable there: the parser rereads shrunk input). Safety is feed_xml.c's: no DOCTYPE reaches here, the parser
 * runs with XML_PARSE_NONET and without NOENT, DTDLOAD or HUGE, so
 * libxml2's depth (256) and size limits stay on.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>

#include "feed_internal.h"

static const struct { const char *href; feed_ns ns; } known_ns[] = {
    { "http://www.w3.org/2005/Atom", FEED_NS_CORE },
    { "http://purl.org/atom/ns#", FEED_NS_CORE },
    { "http://purl.org/rss/1.0/", FEED_NS_CORE },
    { "http://my.netscape.com/rdf/simple/0.9/", FEED_NS_CORE },
    { "http://backend.userland.com/rss2", FEED_NS_CORE },
    { "http://blogs.law.harvard.edu/tech/rss", FEED_NS_CORE },
    { "http://purl.org/dc/elements/1.1/", FEED_NS_DC },
    { "http://purl.org/dc/terms/", FEED_NS_DCTERMS },
    { "http://purl.org/rss/1.0/modules/content/", FEED_NS_CONTENT },
    { "http://www.w3.org/1999/02/22-rdf-syntax-ns#", FEED_NS_RDF },
    { "http://www.w3.org/XML/1998/namespace", FEED_NS_XML },
};

/* Prefixes feeds use without declaring them. */
static const struct { const char *prefix; feed_ns ns; } known_prefix[] = {
    { "atom", FEED_NS_CORE }, { "dc", FEED_NS_DC }, { "dcterms", FEED_NS_DCTERMS },
    { "content", FEED_NS_CONTENT }, { "rdf", FEED_NS_RDF }, { "xml", FEED_NS_XML },
};

/* The builder's state, the SAX callbacks' user data. The open element
   is kept on libxml2's own node stack (ctxt->node), as its tree builder
   keeps it, because the parser pops that stack itself when it gives up
   on a start tag cut short, without an end-element event. */
typedef struct builder {
    xmlParserCtxtPtr ctxt;
    feed_xdoc *doc;
    const feed_xlift *lift; /* the text runs lifted out of the document, or NULL */
    int full; /* the arena reached FEED_ARENA_MAX: the parse was stopped */
    const xmlChar *last_uri; /* the namespace the last element was in, ... */
    feed_ns last_ns;         /* ... and its class: libxml2 hands the same string again */
} builder;

/* The open element, NULL outside the root. */
static feed_xnode *open_node(const builder *b)
{
    return (feed_xnode *)(void *)b->ctxt->node;
}

static feed_ns ns_of(const xmlChar *uri, const xmlChar *prefix)
{
    size_t i;
    if (uri) {
        for (i = 0; i < sizeof known_ns / sizeof known_ns[0]; i++)
            if (strcmp((const char *)uri, known_ns[i].href) == 0)
                return known_ns[i].ns;
        return FEED_NS_OTHER;
    }
    if (!prefix)
        return FEED_NS_CORE;
    for (i = 0; i < sizeof known_prefix / sizeof known_prefix[0]; i++)
        if (strcmp((const char *)prefix, known_prefix[i].prefix) == 0)
            return known_prefix[i].ns;
    return FEED_NS_OTHER;
}

static void *alloc(builder *b, size_t n)
{
    void *p = feed_arena_alloc(&b->doc->arena, n);
    if (!p && !b->full) {
        b->full = 1;
        xmlStopParser(b->ctxt);
    }
    return p;
}

/* n bytes of s, NUL-terminated, in the arena. */
static char *copy(builder *b, const char *s, size_t n)
{
    char *p = alloc(b, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* The name libxml2's tree gives: "prefix:local" when the prefix has no
   namespace declared, else the local name. */
static const char *qname(builder *b, const xmlChar *local, const xmlChar *prefix,
                         const xmlChar *uri)
{
    size_t pl, ll = strlen((const char *)local);
    char *p;
    if (!prefix || uri)
        return copy(b, (const char *)local, ll);
    pl = strlen((const char *)prefix);
    if (!(p = alloc(b, pl + 1 + ll + 1)))
        return NULL;
    memcpy(p, prefix, pl);
    p[pl] = ':';
    memcpy(p + pl + 1, local, ll + 1);
    return p;
}

/* An attribute value as SAX2 hands it over: with the parser not
   replacing entities, a literal '&' comes as "&#38;" for the tree builder
   to reparse; that is the only reference left in it. */
static char *attr_value(builder *b, const char *v, const char *end)
{
    size_t n = (size_t)(end - v), i, o = 0;
    char *p = alloc(b, n + 1);
    if (!p)
        return NULL;
    for (i = 0; i < n; i++) {
        if (v[i] == '&' && n - i >= 5 && memcmp(v + i, "&#38;", 5) == 0) {
            p[o++] = '&';
            i += 4;
        } else {
            p[o++] = v[i];
        }
    }
    p[o] = '\0';
    return p;
}

static void append_child(feed_xnode *parent, feed_xnode *n)
{
    n->parent = parent;
    if (parent->last)
        parent->last->next = n;
    else
        parent->children = n;
    parent->last = n;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    builder *b = ctx;
    feed_xnode *n = alloc(b, sizeof *n), *parent = open_node(b);
    feed_xattr **tail;
    int i;

    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    if (!n)
        return;
    memset(n, 0, sizeof *n);
    if (!(n->name = qname(b, local, prefix, uri)))
        return;
    n->local = n->name + strlen(n->name) - strlen((const char *)local);
    if (!uri || uri != b->last_uri) {
        b->last_uri = uri;
        b->last_ns = ns_of(uri, prefix);
    }
    n->ns = b->last_ns;
    tail = &n->attrs;
    for (i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attributes + 5 * i; /* local, prefix, URI, value, end */
        feed_xattr *at = alloc(b, sizeof *at);
        if (!at || !(at->name = qname(b, a[0], a[1], a[2])) ||
            !(at->value = attr_value(b, (const char *)a[3], (const char *)a[4])))
            return;
        at->ns = ns_of(a[2], a[1]);
        at->next = NULL;
        *tail = at;
        tail = &at->next;
    }
    /* the parser only keeps and pops these pointers, never reads through
       them; past its depth limit it refuses the push and halts */
    if (nodePush(b->ctxt, (xmlNodePtr)(void *)n) < 0)
        return;
    if (parent)
        append_child(parent, n);
    else if (!b->doc->root)
        b->doc->root = n;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)local;
    (void)prefix;
    (void)uri;
    nodePop(((builder *)ctx)->ctxt);
}

/* Room for n more bytes of text at the end of cur: in its last child
   when that is text (grown in place when it is the arena's latest
   allocation), as libxml2's builder merges character data and CDATA,
   else in a new text node. The node in *tp; where to write, or NULL. */
static char *text_room(builder *b, feed_xnode *cur, size_t n, feed_xnode **tp)
{
    feed_xnode *t = cur->last;
    char *p;

    if (t && !t->name) {
        if (feed_arena_extend(&b->doc->arena, t->text, t->len + 1, t->len + n + 1) == 0) {
            p = t->text;
        } else {
            if (!(p = alloc(b, t->len + n + 1)))
                return NULL;
            memcpy(p, t->text, t->len);
        }
        t->text = p;
    } else {
        if (!(t = alloc(b, sizeof *t)))
            return NULL;
        memset(t, 0, sizeof *t);
        if (!(t->text = alloc(b, n + 1)))
            return NULL;
        append_child(cur, t);
    }
    *tp = t;
    return t->text + t->len;
}

/* Character data and CDATA; a placeholder for a lifted run is replaced
   by the run, decoded straight into the tree. */
static void on_text(void *ctx, const xmlChar *chars, int n)
{
    builder *b = ctx;
    feed_xnode *t, *cur = open_node(b);
    size_t len = n > 0 ? (size_t)n : 0;
    const feed_xrun *run = feed_xlift_find(b->lift, (const char *)chars, len);
    char *p;

    if (run)
        len = run->len;
    if (!cur || !len || !(p = text_room(b, cur, len, &t)))
        return;
    if (run)
        len = feed_xlift_decode(b->lift, run, p);
    else
        memcpy(p, chars, len);
    t->len += len;
    t->text[t->len] = '\0';
}

int feed_xdoc_parse(char *s, size_t n, int give, const feed_xlift *lift, feed_xdoc *doc)
{
    xmlParserInputBufferPtr buf = NULL;
    xmlParserInputPtr in;
    builder b;
    int rc = -1;

    memset(doc, 0, sizeof *doc);
    feed_arena_init(&doc->arena);
    memset(&b, 0, sizeof b);
    b.doc = doc;
    b.lift = lift;
    if (n > (size_t)0x7fffffff || !(b.ctxt = xmlNewParserCtxt())) {
        if (give)
            free(s);
        return -1;
    }
    memset(b.ctxt->sax, 0, sizeof *b.ctxt->sax);
    b.ctxt->sax->initialized = XML_SAX2_MAGIC;
    b.ctxt->sax->startElementNs = on_start;
    b.ctxt->sax->endElementNs = on_end;
    b.ctxt->sax->characters = on_text;
    /* the same handler for both, as libxml2's SAX2 sets them: it also keeps
       the parser from inspecting the open node (areBlanks), which here is
       ours, not an xmlNode */
    b.ctxt->sax->ignorableWhitespace = on_text;
    b.ctxt->sax->cdataBlock = on_text;
    b.ctxt->userData = &b;
    xmlCtxtUseOptions(b.ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC);
    buf = xmlParserInputBufferCreateMem(s, (int)n, XML_CHAR_ENCODING_UTF8);
    if (give)
        free(s); /* libxml2 has its copy */
    if (!buf)
        goto out;
    if (!(in = xmlNewIOInputStream(b.ctxt, buf, XML_CHAR_ENCODING_UTF8))) {
        xmlFreeParserInputBuffer(buf);
        goto out;
    }
    if (inputPush(b.ctxt, in) < 0) {
        xmlFreeInputStream(in);
        goto out;
    }
    xmlParseDocument(b.ctxt);
    doc->well_formed = b.ctxt->wellFormed && !b.full;
    rc = doc->root ? 0 : -1;
out:
    /* a DOCTYPE with entity declarations makes libxml2 build a document
       for them even with our SAX handlers ("expat compatibility"): it is
       ours to free, as its own SAX entry points do */
    if (b.ctxt->myDoc)
        xmlFreeDoc(b.ctxt->myDoc);
    b.ctxt->myDoc = NULL;
    xmlFreeParserCtxt(b.ctxt);
    return rc;
}

void feed_xdoc_free(feed_xdoc *doc)
{
    feed_arena_free(&doc->arena);
    doc->root = NULL;
}

const char *feed_xattr_get(const feed_xnode *n, const char *name)
{
    const feed_xattr *a;
    for (a = n->attrs; a; a = a->next)
        if (strcmp(a->name, name) == 0)
            return a->value;
    return NULL;
}

/* The next node after n in document order within top (NULL at its end). */
static const feed_xnode *next_in(const feed_xnode *n, const feed_xnode *top)
{
    if (n->children)
        return n->children;
    while (n != top && !n->next)
        n = n->parent;
    return n == top ? NULL : n->next;
}

const char *feed_xnode_text(const feed_xnode *n, char **owned)
{
    const feed_xnode *c = n->children;
    size_t len = 0;
    char *out;

    *owned = NULL;
    if (!n->name)
        return n->text;
    if (c && !c->next && !c->name)
        return c->text;
    if (!c)
        return "";
    for (c = n->children; c; c = next_in(c, n))
        len += c->name ? 0 : c->len;
    if (!(out = malloc(len + 1)))
        return NULL;
    len = 0;
    for (c = n->children; c; c = next_in(c, n))
        if (!c->name) {
            memcpy(out + len, c->text, c->len);
            len += c->len;
        }
    out[len] = '\0';
    return *owned = out;
}

/* libxml2's xmlNodeGetBase: stops climbing at an absolute http, ftp or urn base. */
static int is_final_base(const xmlChar *s)
{
    return xmlStrncmp(s, BAD_CAST "http://", 7) == 0 || xmlStrncmp(s, BAD_CAST "ftp://", 6) == 0 ||
           xmlStrncmp(s, BAD_CAST "urn:", 4) == 0;
}

char *feed_xnode_base(const feed_xnode *n, const char *doc_url)
{
    xmlChar *base = NULL, *next;
    char *out = NULL;
    const feed_xattr *a;

    for (; n; n = n->parent) {
        for (a = n->attrs; a; a = a->next)
            if (a->ns == FEED_NS_XML && strcmp(a->name, "base") == 0)
                break;
        if (!a)
            continue;
        /* the inner base so far is a reference against this ancestor's */
        next = base ? xmlBuildURI(base, BAD_CAST a->value) : xmlStrdup(BAD_CAST a->value);
        xmlFree(base);
        if (!(base = next))
            return NULL;
        if (is_final_base(base))
            break;
    }
    if (doc_url && !(base && is_final_base(base))) {
        next = base ? xmlBuildURI(base, BAD_CAST doc_url) : xmlStrdup(BAD_CAST doc_url);
        xmlFree(base);
        base = next;
    }
    if (base)
        out = strdup((const char *)base);
    xmlFree(base);
    return out;
}

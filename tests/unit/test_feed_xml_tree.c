/* test_feed_xml_tree.c - the XML reader's own tree (feed_xml_tree.c) must
   have the shape libxml2's tree had: text and CDATA merged, comments left
   out, undeclared prefixes kept in the name, a start tag cut short closed
   where libxml2 closes it; and its helpers: attributes, text, xml:base,
   the arena under it, and the text lifted out for speed
   (feed_xml_lift.c), which must give the same tree. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "feed_internal.h"

/* Parses the NUL-terminated s into doc (a copy: the parser takes it). */
static int parse(const char *s, feed_xdoc *doc)
{
    char *copy = strdup(s);
    assert_non_null(copy);
    return feed_xdoc_parse(copy, strlen(s), 1, NULL, doc);
}

/* The k-th element child of n (0-based), or NULL. */
static const feed_xnode *element(const feed_xnode *n, int k)
{
    const feed_xnode *c;
    for (c = n->children; c; c = c->next)
        if (c->name && k-- == 0)
            return c;
    return NULL;
}

static void test_text_and_cdata_merge(void **state)
{
    feed_xdoc doc;
    char *owned;
    (void)state;
    assert_int_equal(parse("<a>x<![CDATA[<y> & ]]>z<!-- no -->w<?pi no?>&amp;</a>", &doc), 0);
    assert_string_equal(doc.root->name, "a");
    assert_non_null(doc.root->children);
    assert_null(doc.root->children->name); /* one text node ... */
    assert_null(doc.root->children->next); /* ... and nothing else */
    assert_string_equal(feed_xnode_text(doc.root, &owned), "x<y> & zw&");
    assert_null(owned); /* a single text node is not copied */
    assert_int_equal(doc.well_formed, 1);
    feed_xdoc_free(&doc);
}

static void test_text_of_nested_elements(void **state)
{
    feed_xdoc doc;
    char *owned;
    (void)state;
    assert_int_equal(parse("<a>one <b>two <c>three</c></b> four<d/></a>", &doc), 0);
    assert_string_equal(feed_xnode_text(doc.root, &owned), "one two three four");
    assert_non_null(owned);
    free(owned);
    assert_string_equal(feed_xnode_text(element(doc.root, 1), &owned), "");
    assert_null(owned);
    feed_xdoc_free(&doc);
}

static void test_namespaces_and_undeclared_prefixes(void **state)
{
    feed_xdoc doc;
    const feed_xnode *n;
    (void)state;
    assert_int_equal(parse("<feed xmlns='http://www.w3.org/2005/Atom' "
                           "xmlns:m='http://search.yahoo.com/mrss/'>"
                           "<title/><m:content/><dc:creator/><content:encoded/><foo:bar/></feed>",
                           &doc),
                     0);
    assert_int_equal(doc.root->ns, FEED_NS_CORE);
    n = element(doc.root, 0);
    assert_string_equal(n->local, "title");
    assert_int_equal(n->ns, FEED_NS_CORE);
    n = element(doc.root, 1);
    assert_string_equal(n->name, "content"); /* declared: the local name */
    assert_int_equal(n->ns, FEED_NS_OTHER);
    n = element(doc.root, 2);
    assert_string_equal(n->name, "dc:creator"); /* undeclared: as libxml2 names it */
    assert_string_equal(n->local, "creator");
    assert_int_equal(n->ns, FEED_NS_DC);
    assert_int_equal(element(doc.root, 3)->ns, FEED_NS_CONTENT);
    assert_int_equal(element(doc.root, 4)->ns, FEED_NS_OTHER);
    feed_xdoc_free(&doc);
}

static void test_attributes(void **state)
{
    feed_xdoc doc;
    const feed_xnode *n;
    (void)state;
    assert_int_equal(parse("<r xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                           "<a href='/x?a=1&amp;b=2&#38;c=&lt;3' rdf:about='u' x:y='z'/></r>",
                           &doc),
                     0);
    n = element(doc.root, 0);
    assert_string_equal(feed_xattr_get(n, "href"), "/x?a=1&b=2&c=<3");
    assert_string_equal(feed_xattr_get(n, "about"), "u"); /* any namespace, as xmlGetProp */
    assert_string_equal(feed_xattr_get(n, "x:y"), "z");
    assert_null(feed_xattr_get(n, "y"));
    assert_null(feed_xattr_get(n, "rel"));
    assert_int_equal(n->attrs->next->ns, FEED_NS_RDF);
    feed_xdoc_free(&doc);
}

/* libxml2 gives up on a start tag whose attribute runs into the next tag
   and pops it without an end-element event: what follows is its
   sibling, not its child. */
static void test_start_tag_cut_short(void **state)
{
    feed_xdoc doc;
    const feed_xnode *link, *entry;
    (void)state;
    assert_int_equal(parse("<feed><link href=\"http://a.example/x>\n<entry><title>t</title>"
                           "</entry></feed>",
                           &doc),
                     0);
    assert_int_equal(doc.well_formed, 0);
    link = element(doc.root, 0);
    entry = element(doc.root, 1);
    assert_string_equal(link->name, "link");
    assert_null(element(link, 0));
    assert_non_null(entry);
    assert_string_equal(entry->name, "entry");
    assert_string_equal(element(entry, 0)->name, "title");
    feed_xdoc_free(&doc);
}

static void test_xml_base(void **state)
{
    feed_xdoc doc;
    const feed_xnode *entry, *link;
    char *base;
    (void)state;
    assert_int_equal(parse("<feed xml:base='https://a.example/news/'>"
                           "<entry xml:base='2024/'><link/></entry>"
                           "<entry xml:base='http://b.example/x/'><link/></entry></feed>",
                           &doc),
                     0);
    entry = element(doc.root, 0);
    link = element(entry, 0);
    base = feed_xnode_base(link, NULL);
    assert_string_equal(base, "https://a.example/news/2024/");
    free(base);
    base = feed_xnode_base(element(element(doc.root, 1), 0), "https://c.example/feed.xml");
    assert_string_equal(base, "http://b.example/x/"); /* absolute: the document's is not used */
    free(base);
    feed_xdoc_free(&doc);
    assert_int_equal(parse("<rss><channel><link/></channel></rss>", &doc), 0);
    base = feed_xnode_base(element(element(doc.root, 0), 0), "https://c.example/feed.xml");
    assert_string_equal(base, "https://c.example/feed.xml");
    free(base);
    assert_null(feed_xnode_base(doc.root, NULL));
    feed_xdoc_free(&doc);
}

static void test_nothing_to_read(void **state)
{
    feed_xdoc doc;
    (void)state;
    assert_int_equal(parse("", &doc), -1);
    feed_xdoc_free(&doc);
    assert_int_equal(parse("just text", &doc), -1);
    feed_xdoc_free(&doc);
}

/* 1 when the two trees have the same elements, names and text. */
static int same_tree(const feed_xnode *a, const feed_xnode *b)
{
    for (; a && b; a = a->next, b = b->next) {
        if (!a->name != !b->name)
            return 0;
        if (a->name ? strcmp(a->name, b->name) != 0 || !same_tree(a->children, b->children)
                    : a->len != b->len || memcmp(a->text, b->text, a->len) != 0)
            return 0;
    }
    return !a && !b;
}

/* Lifts s and parses it both ways: the trees must be the same. Returns
   whether anything was lifted. */
static int lifts_the_same(const char *s)
{
    feed_xdoc plain, lifted;
    feed_xlift lift;
    size_t len;
    char *out = feed_xml_lift(s, strlen(s), &len, &lift);
    int was = out != NULL;

    assert_int_equal(parse(s, &plain), 0);
    if (out) {
        assert_true(len <= strlen(s));
        assert_int_equal(feed_xdoc_parse(out, len, 0, &lift, &lifted), 0);
        assert_int_equal(lifted.well_formed, plain.well_formed);
        assert_true(same_tree(plain.root, lifted.root));
        feed_xdoc_free(&lifted);
        free(out);
    }
    feed_xlift_free(&lift);
    feed_xdoc_free(&plain);
    return was;
}

static void test_lift_puts_text_back(void **state)
{
    const char *doc = "<r a='x>y'><t>S\xC3\xA3o Paulo &amp; &#233;t\xC3\xA9 &lt;p&gt;</t>"
                      "<c><![CDATA[<p>caf\xC3\xA9 & co</p>]]> tail \xE2\x82\xAC</c>"
                      "<s>short</s><e/><!-- \xC3\xA9 --><?pi \xC3\xA9?></r>";
    feed_xlift lift;
    size_t len;
    char *out;
    (void)state;
    assert_true(lifts_the_same(doc));
    out = feed_xml_lift(doc, strlen(doc), &len, &lift);
    assert_non_null(out);
    assert_null(strstr(out, "Paulo"));     /* lifted ... */
    assert_non_null(strstr(out, "&#xF0000;"));
    assert_non_null(strstr(out, "short"));  /* ... but not plain ASCII */
    assert_non_null(strstr(out, "a='x>y'")); /* nor attributes */
    assert_int_equal(lift.n, 3);            /* the text, the CDATA, the tail */
    {
        /* and the document comes back as it was, for a second reading */
        size_t back_len;
        char *back = feed_xlift_restore(out, len, &lift, &back_len);
        assert_non_null(back);
        assert_int_equal(back_len, strlen(doc));
        assert_string_equal(back, doc);
        free(back);
    }
    free(out);
    feed_xlift_free(&lift);
}

static void test_lift_leaves_what_libxml2_rewrites(void **state)
{
    (void)state;
    /* line ends, controls, non-characters, "]]>": libxml2's own business */
    assert_true(lifts_the_same("<r><a>caf\xC3\xA9 one\r\ntwo</a><b>caf\xC3\xA9 au lait</b></r>"));
    assert_true(lifts_the_same("<r><a>caf\xC3\xA9 \x01 two</a><b>caf\xC3\xA9 au lait</b></r>"));
    assert_true(lifts_the_same("<r><a>caf\xC3\xA9 \xEF\xBF\xBE</a><b>caf\xC3\xA9 au lait</b></r>"));
    assert_true(lifts_the_same("<r><a>caf\xC3\xA9 ]]> x</a><b>caf\xC3\xA9 au lait</b></r>"));
    assert_true(lifts_the_same("<r><a><![CDATA[a\r\nb]]></a><b>caf\xC3\xA9 au lait</b></r>"));
}

static void test_lift_refused(void **state)
{
    (void)state;
    /* the placeholders' own code points in the text, as such or as references */
    assert_false(lifts_the_same("<r><a>caf\xC3\xA9 au lait</a><b>\xF3\xB0\x80\x80</b></r>"));
    assert_false(lifts_the_same("<r><a>caf\xC3\xA9 au lait</a><b>&#983040;</b></r>"));
    /* markup that does not scan as well-formed: read as it is */
    assert_false(lifts_the_same("<r><a b='x>caf\xC3\xA9 au lait</a></r>"));
    assert_false(lifts_the_same("<r><a>caf\xC3\xA9 au lait</a></r></r><b>caf\xC3\xA9 au lait</b>"));
    /* nothing worth lifting */
    assert_false(lifts_the_same("<r><a>plain text only</a></r>"));
}

/* A document that scans well but that libxml2 finds broken is read
   again as it is, in recover mode. */
static void test_lift_falls_back_when_broken(void **state)
{
    const char *doc = "<rss><channel><item><title>caf\xC3\xA9 au lait</title>"
                      "<description>na\xC3\xAFve &amp; co</description></item><item><title>two";
    char err[128];
    feed f;
    (void)state;
    assert_int_equal(feed_parse(doc, strlen(doc), NULL, NULL, &f, err, sizeof err), 0);
    assert_int_equal(f.recovered, 1);
    assert_int_equal(f.nitems, 2);
    assert_string_equal(f.items[0].title, "caf\xC3\xA9 au lait");
    assert_string_equal(f.items[0].summary, "na\xC3\xAFve & co");
    assert_string_equal(f.items[1].title, "two");
    feed_free(&f);
}

static void test_arena(void **state)
{
    feed_arena a;
    char *p, *q;
    (void)state;
    feed_arena_init(&a);
    p = feed_arena_alloc(&a, 10);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % 8, 0);
    assert_int_equal(feed_arena_extend(&a, p, 10, 100), 0); /* the latest grows in place */
    memset(p, 'x', 100);
    q = feed_arena_alloc(&a, 3);
    assert_non_null(q);
    assert_true(q >= p + 100);
    assert_int_equal(feed_arena_extend(&a, p, 100, 200), -1); /* no longer the latest */
    assert_int_equal(feed_arena_extend(&a, q, 3, 1u << 20), -1); /* past its block */
    assert_non_null(feed_arena_alloc(&a, 1u << 20));          /* a block of its own */
    assert_null(feed_arena_alloc(&a, FEED_ARENA_MAX));         /* past the cap */
    assert_true(a.total <= FEED_ARENA_MAX);
    feed_arena_free(&a);
    assert_int_equal(a.total, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_and_cdata_merge),
        cmocka_unit_test(test_text_of_nested_elements),
        cmocka_unit_test(test_namespaces_and_undeclared_prefixes),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_start_tag_cut_short),
        cmocka_unit_test(test_xml_base),
        cmocka_unit_test(test_nothing_to_read),
        cmocka_unit_test(test_lift_puts_text_back),
        cmocka_unit_test(test_lift_leaves_what_libxml2_rewrites),
        cmocka_unit_test(test_lift_refused),
        cmocka_unit_test(test_lift_falls_back_when_broken),
        cmocka_unit_test(test_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

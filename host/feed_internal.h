/*
 * feed_internal.h - what the feed_*.c files share behind feed_parse():
 * building a feed (feed.c), charsets, entities, markup, dates, format
 * detection, and one reader per format. Not for use outside host/feed*.c
 * and their tests.
 */
#ifndef FEED_INTERNAL_H
#define FEED_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "feed.h"

/* ---- building a feed (feed.c) ---- */

/* The next item of f, zeroed, or NULL when f already holds FEED_MAX_ITEMS
   (counted in f->dropped) or memory ran out. f owns it. */
feed_item *feed_add_item(feed *f);

/* Sets *dst (freeing what it held) to n bytes of plain text with
   whitespace collapsed, controls dropped, ends trimmed and the length cut
   to FEED_MAX_FIELD at a character boundary. 0, or -1 out of memory. */
int feed_set_text(char **dst, const char *s, size_t n);

/* As feed_set_text(), for an HTML fragment: tags stripped, entities
   decoded (feed_markup.c). */
int feed_set_html(char **dst, const char *s, size_t n);

/* A field being written byte by byte, as feed_set_text() writes it:
   white space collapsed, controls dropped, ends trimmed, cut to
   FEED_MAX_FIELD at a character boundary. The text is UTF-8, whose
   multi-byte sequences hold no spaces or controls, so each byte is
   judged alone; a character cut at the end is taken back by
   feed_text_end(). */
typedef struct feed_text {
    char *out;     /* cap + 1 bytes, malloc'd */
    size_t o, cap; /* bytes written; at most FEED_MAX_FIELD - 1 */
    int space;     /* white space is due before the next character */
} feed_text;

/* Starts a field of at most n bytes; 0, or -1 out of memory. */
int feed_text_begin(feed_text *t, size_t n);

/* Adds n bytes of text: 0, or -1 when the field is full (write no more). */
int feed_text_write(feed_text *t, const char *s, size_t n);

/* Ends the field: *dst (whose old value is freed) gets the text, or NULL
   when it is empty. */
void feed_text_end(feed_text *t, char **dst);

/* Sets *dst to ref resolved against base (may be NULL); ref is trimmed
   first. An empty ref sets nothing. 0, or -1 out of memory. */
int feed_set_link(char **dst, const char *ref, const char *base);

/* Adds one category (plain text) to it, ignoring empties and the excess. */
void feed_add_category(feed_item *it, const char *s, size_t n);

/* ---- charsets (feed_charset.c) ---- */

/* The bytes as UTF-8 without a BOM, NUL-terminated, length in *outlen.
   The charset is the BOM's, else content_type's, else the XML
   declaration's or the HTML meta's, else UTF-8; ISO-8859-1 and US-ASCII
   are read as their superset windows-1252, and bytes that are not valid
   in the charset are repaired (read as windows-1252), never dropped.
   The caller frees the result; NULL when out of memory. */
char *feed_charset_to_utf8(const char *data, size_t len, const char *content_type,
                           size_t *outlen);

/* The code point windows-1252 gives byte b (U+FFFD for its five holes). */
uint32_t feed_charset_cp1252(unsigned char b);

/* Writes cp as UTF-8 into out (room for 4); returns the bytes written. */
size_t feed_utf8_put(uint32_t cp, char *out);

/* ---- entities (feed_entities.c) ---- */

/* The reference at s[0] == '&' within n bytes: its code point in *cp and
   its length (with the ';') in *used. Returns 1 for a numeric or HTML
   named reference, 2 for one of XML's five (&lt; &gt; &amp; &quot; &apos;),
   0 when s does not start a known reference. Numeric references to
   C1 controls read as windows-1252; invalid ones give U+FFFD. */
int feed_entities_ref(const char *s, size_t n, uint32_t *cp, size_t *used);

/* A copy of the XML document in (UTF-8, n bytes) that libxml2 can read
   without losing text: the DOCTYPE removed (simple entities it declares
   are substituted, anything else refused, so no entity expansion can
   blow up), HTML named entities turned into numeric references, bare
   ampersands escaped; CDATA, comments and processing instructions are
   left alone. NUL-terminated, length in *outlen; the caller frees it.
   NULL when out of memory. */
char *feed_entities_prepare_xml(const char *in, size_t n, size_t *outlen);

/* ---- markup (feed_markup.c) ---- */

/* Writes the plain text of HTML fragment in (n bytes) into out (cap >= 1
   bytes, NUL-terminated, cut at cap): tags dropped (block tags become a
   space), script and style skipped, entities decoded. Returns the length. */
size_t feed_markup_to_text(const char *in, size_t n, char *out, size_t cap);

/* ---- JSON (feed_json.c) ---- */

/* 1 when JSON text s (n bytes) nests arrays and objects deeper than max,
   counted outside strings: checked before cJSON, which recurses. */
int feed_json_too_deep(const char *s, size_t n, int max);

/* ---- dates (feed_date.c) ---- */

/* Parses RFC 822/2822 (odd day names, missing seconds, named zones),
   RFC 3339 / W3DTF and common broken forms into UTC. 0, or -1. */
int feed_date_parse(const char *s, time_t *out);

/* ---- a per-document arena (feed_arena.c) ---- */

#define FEED_ARENA_MAX (64u * 1024u * 1024u) /* bytes one document's arena may hold */

typedef struct feed_arena_block feed_arena_block;

typedef struct feed_arena {
    feed_arena_block *head; /* the block allocations come from; older ones follow */
    size_t total;           /* bytes of all blocks, at most FEED_ARENA_MAX */
    void *last;             /* the latest allocation, which feed_arena_extend can grow */
} feed_arena;

void feed_arena_init(feed_arena *a);

/* n bytes, 8-aligned, valid until feed_arena_free(); NULL when the arena
   would pass FEED_ARENA_MAX or memory ran out. */
void *feed_arena_alloc(feed_arena *a, size_t n);

/* Grows p, the latest allocation, from old_n to new_n bytes in place:
   0, or -1 when p is not the latest or its block has no room. */
int feed_arena_extend(feed_arena *a, void *p, size_t old_n, size_t new_n);

/* Frees every block; a is empty and may be used again. */
void feed_arena_free(feed_arena *a);

/* ---- text lifted out of XML (feed_xml_lift.c) ---- */

typedef struct feed_xrun {
    size_t at;       /* where its placeholder is in the lifted document */
    size_t off, len; /* the run as it was (CDATA: its content), in feed_xlift.text */
    int cdata;       /* 1 for a CDATA section, 0 for text with references */
} feed_xrun;

typedef struct feed_xlift {
    char *text;      /* the runs back to back (malloc'd) */
    size_t used;     /* bytes of text */
    feed_xrun *runs; /* run k is placeholder U+F0000 + k; at most 0xFFFE */
    size_t n, cap;
} feed_xlift;

/* s (the output of feed_entities_prepare_xml, n bytes, NUL-terminated)
   with its text runs and CDATA lifted into *lift: a malloc'd document of
   *outlen bytes (at most n), NUL-terminated. NULL, with *lift empty, when
   nothing was lifted: not worth it, not lifted on principle (see the
   file), or out of memory; s is then parsed as it is. The caller frees
   the result and feed_xlift_free()s lift. */
char *feed_xml_lift(const char *s, size_t n, size_t *outlen, feed_xlift *lift);

/* The lifted run that the characters s (n bytes, as libxml2 handed them
   over) stand for; NULL when they are not a placeholder (or lift is NULL). */
const feed_xrun *feed_xlift_find(const feed_xlift *lift, const char *s, size_t n);

/* Writes run's text, references decoded, into out (room for run->len
   bytes: decoding never grows it); returns the length written. */
size_t feed_xlift_decode(const feed_xlift *lift, const feed_xrun *run, char *out);

/* The document as it was before feed_xml_lift(): the lifted document s
   (n bytes) with each placeholder replaced by its run. malloc'd,
   NUL-terminated, length in *outlen; NULL when out of memory. */
char *feed_xlift_restore(const char *s, size_t n, const feed_xlift *lift, size_t *outlen);

void feed_xlift_free(feed_xlift *lift);

/* ---- the XML tree (feed_xml_tree.c) ---- */

typedef enum feed_ns {
    FEED_NS_CORE,    /* no namespace, RSS 0.90/1.0/2.0 or Atom: the feed's own elements */
    FEED_NS_DC,      /* Dublin Core elements */
    FEED_NS_DCTERMS, /* Dublin Core terms */
    FEED_NS_CONTENT, /* RSS 1.0 content module (content:encoded) */
    FEED_NS_RDF,
    FEED_NS_XML,     /* xml:base, xml:lang */
    FEED_NS_OTHER    /* media:, itunes: and the rest: ignored */
} feed_ns;

typedef struct feed_xattr {
    const char *name;  /* local name, or "prefix:local" when the prefix was undeclared */
    const char *value; /* references decoded */
    feed_ns ns;        /* FEED_NS_CORE when the attribute has no namespace */
    struct feed_xattr *next;
} feed_xattr;

/* An element, or a text node (name NULL) holding the merged character
   data and CDATA between two tags, as libxml2's own tree would. */
typedef struct feed_xnode {
    struct feed_xnode *parent, *children, *last, *next;
    const char *name;  /* as libxml2 names it: local, or "prefix:local" when undeclared */
    const char *local; /* the local name, prefix dropped */
    feed_ns ns;        /* by namespace URI, else by the usual prefix */
    feed_xattr *attrs;
    char *text;        /* text nodes: NUL-terminated */
    size_t len;
} feed_xnode;

typedef struct feed_xdoc {
    feed_arena arena; /* every node, attribute and text */
    feed_xnode *root;
    int well_formed;
} feed_xdoc;

/* Reads XML text s (n bytes, UTF-8, NUL-terminated, already through
   feed_entities_prepare_xml) with libxml2's SAX2 parser in recover mode
   into doc, which the caller frees with feed_xdoc_free() whatever the
   result. With give set, s is malloc'd and taken: it is freed as soon as
   libxml2 has its copy, so the two are not held through the parse. lift
   (may be NULL) holds what feed_xml_lift() took out of s, put back in
   place here. 0, or -1 when no element could be read. */
int feed_xdoc_parse(char *s, size_t n, int give, const feed_xlift *lift, feed_xdoc *doc);

void feed_xdoc_free(feed_xdoc *doc);

/* The value of n's attribute name, whatever its namespace (libxml2's
   xmlGetProp), or NULL. Lives as long as the document. */
const char *feed_xattr_get(const feed_xnode *n, const char *name);

/* The text of n and all its descendants (xmlNodeGetContent). When n holds
   just one text node (most fields) that text is returned, living as long
   as the document, and *owned is NULL; otherwise a malloc'd copy, also
   in *owned for the caller to free. "" when n has no text; NULL only when
   out of memory. */
const char *feed_xnode_text(const feed_xnode *n, char **owned);

/* n's base URI (xmlNodeGetBase): its xml:base attributes resolved up to
   the root, then against doc_url (may be NULL). malloc'd, or NULL. */
char *feed_xnode_base(const feed_xnode *n, const char *doc_url);

/* ---- detection and readers ---- */

/* Which format the UTF-8 text is, from its first bytes and content_type. */
feed_format feed_detect(const char *s, size_t n, const char *content_type);

/* Each reads UTF-8 text s (n bytes, NUL-terminated) into f, which the
   caller initialised. 0 when the document could be read at all, -1 with
   a reason in err otherwise. feed_xml_parse takes s (malloc'd) and frees
   it as soon as it has been rewritten for libxml2, which keeps one copy
   of the document fewer at the peak. */
int feed_xml_parse(char *s, size_t n, const char *base_url, feed *f, char *err, size_t errlen);
int feed_json_parse(const char *s, size_t n, const char *base_url, feed *f, char *err, size_t errlen);
int feed_html_parse(const char *s, size_t n, const char *base_url, feed *f, char *err, size_t errlen);
int feed_text_parse(const char *s, size_t n, feed *f, char *err, size_t errlen);

#endif

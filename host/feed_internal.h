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

/* As feed_set_text(), for an HTML fragment: tags stripped, entities decoded. */
int feed_set_html(char **dst, const char *s, size_t n);

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

/* ---- detection and readers ---- */

/* Which format the UTF-8 text is, from its first bytes and content_type. */
feed_format feed_detect(const char *s, size_t n, const char *content_type);

/* Each reads UTF-8 text s (n bytes, NUL-terminated) into f, which the
   caller initialised. 0 when the document could be read at all, -1 with
   a reason in err otherwise. */
int feed_xml_parse(const char *s, size_t n, const char *base_url, feed *f, char *err, size_t errlen);
int feed_json_parse(const char *s, size_t n, const char *base_url, feed *f, char *err, size_t errlen);
int feed_html_parse(const char *s, size_t n, const char *base_url, feed *f, char *err, size_t errlen);
int feed_text_parse(const char *s, size_t n, feed *f, char *err, size_t errlen);

#endif

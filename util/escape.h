/* escape.h - text from outside (a document, a file name) written into an
 * output, escaped for that output's format so that it can neither break
 * the format nor act on whoever reads it.  One function per kind of sink;
 * every writer uses the one for its format (README "Untrusted input in
 * outputs"):
 *
 *   terminal text   pl_esc_visible   control characters (C0, DEL, C1),
 *                                    bidirectional overrides and invalid
 *                                    UTF-8 shown as \x1b, \u202e, \xff
 *   JSON, CSV       pl_esc_utf8      invalid UTF-8 replaced by U+FFFD
 *   CSV             pl_esc_csv_field RFC 4180 quoting, and a leading "'"
 *                                    before a cell a spreadsheet would
 *                                    take for a formula (OWASP)
 *   Markdown        pl_esc_md        Markdown and HTML syntax backslashed,
 *                                    line breaks as spaces
 *
 * (HTML and XML escape in their own modules: render/compare_html.c
 * pl_html_escape and util/xml.c, both replacing invalid UTF-8 too.)
 */
#ifndef PL_ESCAPE_H
#define PL_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* s[0..n) for a terminal: printable characters as they are; anything that
 * could move the cursor, recolour, retitle or reorder the line as a
 * visible escape (ESC -> "\x1b", LF -> "\x0a", U+202E -> "\u202e"); each
 * byte of invalid UTF-8 as "\xHH".  One line in, one line out. */
void pl_esc_visible(pl_buf *b, const char *s, size_t n);
/* How many bytes at the start of s[0..n) pl_esc_visible writes as they
 * are (n: the whole of it, nothing to escape). */
size_t pl_esc_visible_span(const char *s, size_t n);
/* pl_esc_visible of a C string (NULL: nothing). */
void pl_esc_visible_str(pl_buf *b, const char *s);

/* s[0..n) with each invalid UTF-8 sequence replaced by U+FFFD, so that a
 * file name in another encoding cannot make the output invalid UTF-8. */
void pl_esc_utf8(pl_buf *b, const char *s, size_t n);

/* Characters that make a spreadsheet read a cell as a formula when they
 * come first (OWASP "CSV Injection"; ASVS 1.2.10 adds NUL, which a C
 * string cannot start with). */
#define PL_CSV_FORMULA_START "=+-@\t\r"

/* One CSV field (RFC 4180): quoted when it holds '"', ',', CR or LF, or
 * when it is neutralised; quotes doubled; invalid UTF-8 as U+FFFD.  With
 * `guard` (text from outside), a field starting with a character of
 * PL_CSV_FORMULA_START gets a leading "'" and is quoted, so that a
 * spreadsheet shows it as text.  Numbers planlint formats itself are
 * written with guard 0.  NULL: an empty field. */
void pl_esc_csv_field(pl_buf *b, const char *s, int guard);

/* s as Markdown inline text: every character Markdown or HTML could read
 * as syntax ('\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#',
 * '!') backslash-escaped, so "<img onerror=...>" shows as text and '|'
 * cannot end a table cell; line breaks as spaces; other control
 * characters and invalid UTF-8 as in pl_esc_visible. */
void pl_esc_md(pl_buf *b, const char *s);

#endif

/* json.h - a small streaming JSON writer (RFC 8259) into a pl_buf.
 *
 * The writer tracks nesting and commas; strings are escaped per RFC 8259
 * (control characters as \uXXXX, output stays UTF-8).  No JSON library is
 * used for writing because none of the project's libraries writes JSON
 * and the output is a fixed shape; tests parse it back with a real parser.
 */
#ifndef PL_JSON_H
#define PL_JSON_H

#include <stddef.h>

#include "buf.h"

/* Sections nest at most PL_MAX_SECTION_DEPTH (64) deep, two JSON levels each. */
#define PL_JSON_MAX_DEPTH 160

typedef struct pl_json {
    pl_buf *out;
    int depth;
    int first[PL_JSON_MAX_DEPTH]; /* no member written yet at this level */
    int pretty;
    int after_key;
} pl_json;

void pl_json_init(pl_json *j, pl_buf *out, int pretty);
void pl_json_obj(pl_json *j);   /* { */
void pl_json_end_obj(pl_json *j);
void pl_json_arr(pl_json *j);   /* [ */
void pl_json_end_arr(pl_json *j);
void pl_json_key(pl_json *j, const char *key);
void pl_json_str(pl_json *j, const char *s);          /* null when s == NULL */
void pl_json_strn(pl_json *j, const char *s, size_t n);
void pl_json_int(pl_json *j, long v);
void pl_json_int_or_null(pl_json *j, long v, int known);
void pl_json_num(pl_json *j, double v);               /* shortest round-trip form */
/* The number as JSON writes it ("" for NaN/inf); also used by CSV and XML.
 * n >= 32 is enough. */
void pl_json_format_num(char *buf, size_t n, double v);
void pl_json_bool(pl_json *j, int v);
void pl_json_null(pl_json *j);
/* Append s as a JSON string literal (with quotes) to b. */
void pl_json_escape(pl_buf *b, const char *s, size_t n);

#endif

/* marker.h - heading and list markers at the start of a line.
 *
 * Administrative plans number their parts I., II. (parts), 1., 2.
 * (sections), 1.1. (subsections), a), b) (points), "Mục tiêu 1:" /
 * "Chỉ tiêu 1:" (objectives, indicators) and list items with -, +, •.
 */
#ifndef PL_MARKER_H
#define PL_MARKER_H

#include <stddef.h>

typedef enum pl_style {
    PL_STYLE_NONE = 0,
    PL_STYLE_ROMAN,     /* I. II. */
    PL_STYLE_ARABIC,    /* 1. 2. */
    PL_STYLE_LETTER,    /* a) b) */
    PL_STYLE_ARTICLE,   /* Điều 1. */
    PL_STYLE_OBJECTIVE, /* Mục tiêu 1: */
    PL_STYLE_INDICATOR, /* Chỉ tiêu 1: */
    PL_STYLE_DASH,      /* - */
    PL_STYLE_PLUS,      /* + */
    PL_STYLE_DOT,       /* • · ◦ ▪ * */
    PL_STYLE_UPPER,     /* A. B. (not I, V, X: Roman) */
    PL_STYLE_PART,      /* PHẦN I, Phần thứ nhất */
    PL_STYLE_NESTED     /* 1.1. ; the depth is added: NESTED + dots - 1 */
} pl_style;

typedef struct pl_marker {
    int style;        /* pl_style, NESTED + k for k+1 levels */
    char label[24];   /* "II", "1", "1.2", "a", "-", "Mục tiêu 1" */
    long number;      /* the ordinal (I=1, b=2, 1.2 -> 2), 0 for bullets */
    int objective;    /* N of "Mục tiêu N" (also "- Mục tiêu N:"), else 0 */
    size_t len;       /* bytes of the marker including trailing spaces */
} pl_marker;

/* Recognise a marker at the start of s[0..n) (NFC text, trimmed).
 * Returns 1 and fills mk, or 0. */
int pl_marker_parse(const char *s, size_t n, pl_marker *mk);
/* The same, and in *stable whether the answer is also the one for any
 * text that s[0..n) starts and that goes on with a space (the paragraph
 * a line opens, joined with the lines after it): the reader looked at no
 * byte past s[0..n) and ran no pattern that might have.  Every pattern
 * runs only where a cheap test of its first characters lets it (most
 * lines start with no marker's first character). */
int pl_marker_parse_line(const char *s, size_t n, pl_marker *mk, int *stable);
/* pl_marker_parse without those tests: every pattern runs (the tests
 * compare). */
int pl_marker_parse_re(const char *s, size_t n, pl_marker *mk);
int pl_style_is_bullet(int style);
/* Value of a Roman numeral (I..XXXIX), 0 if not one. */
long pl_roman_value(const char *s, size_t n);
/* Is s[0..n) the type name of a document (an entry of document-types,
 * data/vocab/documents.xml) alone and in capitals ("KẾ HOẠCH", "QUYẾT
 * ĐỊNH"): the title line of a document, or of the plan a decision issues? */
int pl_type_name_line(const char *s, size_t n);

#endif

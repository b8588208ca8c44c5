/* report.h - findings and reports (private; public handles pl_finding,
 * pl_report in planlint.h).
 *
 * A finding is data: rule, severity, position in the input as given, the
 * indicator and year it is about, the parent it compares with, and its
 * message in both languages (built when the finding is made, so that a
 * renderer needs nothing but the report).  The renderers in
 * render/findings_*.c read these structs.
 */
#ifndef PL_REPORT_H
#define PL_REPORT_H

#include <stddef.h>

#include "buf.h"
#include "planlint.h"
#include "text.h"

/* What a finding is about: the words [start, end) in the input as given
 * (end = start for a place between words), and the target or citation of
 * the document it concerns (indices, -1 when none).  Renderers draw
 * exactly this span; none reads a message's wording to find it. */
typedef struct pl_span {
    pl_pos start, end;
    long target;
    long citation;
} pl_span;

struct pl_finding {
    const char *rule;       /* static rule id */
    int rule_index;         /* position in the rule table, orders ties */
    size_t seq;             /* order of making, orders the rest */
    pl_severity severity;
    pl_pos pos;             /* = span.start */
    pl_span span;
    char *indicator;        /* NULL when none */
    int year;               /* 0 when none */
    char *parent;           /* NULL when the finding uses no parent */
    int confirmed;          /* 1 / 0, -1 when no parent value is used */
    char *message[2];       /* indexed by pl_lang */
    char *where;            /* DOCX: the start of the paragraph (line N is a
                               paragraph Word does not number), else NULL */
    unsigned page;          /* PDF: the page of pos, 0 for other inputs */
    int ocr;                /* 1 when that page was read through OCR */
};

struct pl_report {
    char *source;
    char **parents;         /* nearest first */
    size_t nparents, capparents;
    pl_finding *items;
    size_t n, cap;
    pl_lang lang;           /* from the configuration that applied */
    pl_severity fail_on;
    size_t counts[PL_SEV_NEVER]; /* per severity */
    char *config;                /* the `.planlint` that applied, or NULL */
};

/* A new, empty report for `source`.  NULL on allocation failure. */
pl_report *pl_report_new(const char *source, pl_lang lang, pl_severity fail_on);
/* Append a parent name (copied).  0 or -1. */
int pl_report_add_parent(pl_report *r, const char *name);
/* What a rule hands over; pl_report_add copies the strings. */
typedef struct pl_finding_spec {
    const char *rule;
    int rule_index;
    pl_severity severity;
    pl_span span;
    const char *indicator;
    int year;
    const char *parent;
    int confirmed;
    const char *message[2];
    const char *where;
} pl_finding_spec;

/* Append a finding.  0 or -1. */
int pl_report_add(pl_report *r, const pl_finding_spec *f);
/* Order findings by line, column, then rule table order (stable). */
void pl_report_sort(pl_report *r);

/* ---- renderers (render/findings_text.c, render/findings_json.c) ---- */

/* One report as text lines into out; `color` adds ANSI colours. */
void pl_render_findings_text(pl_buf *out, const pl_report *r, int color);
/* The summary line of the text format. */
void pl_render_findings_summary(pl_buf *out, size_t files, const size_t counts[PL_SEV_NEVER],
                                pl_lang lang, int color);
/* The JSON file object of one report ({"source", "parents", "findings"}). */
void pl_render_findings_json(pl_buf *out, const pl_report *r);

#endif

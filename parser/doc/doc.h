/* doc.h - the parsed document (private; the public handle is pl_doc).
 *
 * pl_doc_parse runs the phases in order, each filling its part:
 *   text       (text.c)      bytes -> flat/key text, lines, paragraphs
 *   structure  (structure.c) zones (header / body / end) and section tree
 *   header     (header.c)    document fields and placeholders
 *   citations  (citations.c) documents the plan cites
 *   program    (doc.c)       which programme the plan implements
 *   targets    (targets.c)   the targets
 * Nothing here knows that rules exist.
 */
#ifndef PL_DOC_H
#define PL_DOC_H

#include <stddef.h>

#include "planlint.h"
#include "program.h"
#include "text.h"

typedef enum pl_form { PL_FORM_DOCUMENT = 0, PL_FORM_SUMMARY } pl_form;

typedef enum pl_level {
    PL_LEVEL_UNKNOWN = 0,
    PL_LEVEL_NATIONAL,
    PL_LEVEL_PROVINCE,
    PL_LEVEL_DISTRICT,
    PL_LEVEL_COMMUNE
} pl_level;

typedef struct pl_placeholder {
    char field[16]; /* "number", "day", "month", "year" */
    pl_pos pos;
    pl_pos end;     /* just past the blank (= pos when it is empty) */
} pl_placeholder;

typedef struct pl_date {
    int year, month, day; /* 0 = unknown */
} pl_date;

/* The public pl_header (planlint.h) is this struct. */
typedef struct pl_header {
    pl_form form;
    char *kind;      /* "KH", NULL if unknown */
    char *number;    /* "151/KH-UBND" */
    char *issuer;    /* "UBND tỉnh Hưng Yên" */
    pl_level level;
    char *locality;  /* "Hưng Yên" */
    pl_date date;
    pl_pos date_pos; /* where the date was found (line 0 if not) */
    int period_start, period_end, horizon; /* 0 = unknown */
    const pl_program *program;             /* NULL = unknown */
    pl_placeholder *placeholders;
    size_t nplaceholders, capplaceholders;
    size_t header_end; /* first paragraph after the header block */
    size_t end_start;  /* first paragraph of the end block (Nơi nhận, signature) */
} pl_docinfo;

typedef enum pl_relation {
    PL_REL_MENTIONED = 0,
    PL_REL_IMPLEMENTS, /* "Thực hiện ...", "Triển khai ..." */
    PL_REL_BASIS       /* "Căn cứ ...", "Trên cơ sở ..." */
} pl_relation;

typedef struct pl_citation {
    char *kind;     /* "KH", "QĐ", "NĐ", "Luật" ... */
    char *number;   /* "81/KH-UBND", NULL for a law cited by name */
    char *title;    /* a law's name or the cited document's summary, may be NULL */
    pl_date date;
    char *issuer;   /* "UBND huyện Hoằng Hóa", NULL if not stated */
    pl_relation relation;
    pl_pos pos;     /* start of the citation (the document type word) */
    pl_pos end;     /* just past it (filled after the phases, for the API) */
    size_t flat_start, flat_end;
} pl_citation;

typedef struct pl_section {
    char label[24];
    int style;
    long number;
    int objective;   /* N of "Mục tiêu N", else 0 */
    char *title;     /* text after the marker, whole paragraph */
    pl_pos pos;      /* the marker */
    size_t para;     /* paragraph index */
    int parent;      /* index, -1 for top level */
    int depth;
} pl_section;

/* A target is a level to reach ("xuống 4,9%") or a change relative to a
 * base ("giảm 10% so với năm 2020", "giảm 5 - 10% mỗi năm"): pl_change,
 * in programs/program.h, since indicators are levels or changes too. */
typedef struct pl_target {
    const pl_indicator *indicator; /* NULL when it matches none */
    int objective;   /* 0 = unknown */
    int year;        /* 0 = unknown (and always for a yearly change) */
    pl_cmp cmp;
    double value;
    char unit[8];    /* "%", "‰" or "per100k" */
    pl_change change;
    int base_year;   /* "so với năm 2020": 2020; 0 = none named */
    int per_year;    /* a yearly change ("hằng năm", "mỗi năm") */
    char *group;     /* the group as written */
    char *text;      /* the sentence or clause as written */
    pl_pos pos;      /* start of the clause (comparator word or number) */
    pl_pos value_pos;/* the number itself */
    pl_pos end;      /* just past the clause (filled after the phases) */
    unsigned ocr_page; /* PDF page read through OCR, else 0 (idem) */
    size_t flat_start, flat_end; /* the clause in flat */
    size_t para;
} pl_target;

struct pl_doc {
    pl_text text;
    pl_docinfo info;
    pl_citation *citations; size_t ncitations;
    pl_section *sections;   size_t nsections;
    pl_target *targets;     size_t ntargets;
    const pl_programs *programs;
};

/* Phases (each returns 0, or -1 on allocation failure). */
int pl_structure_build(pl_doc *doc);
int pl_header_extract(pl_doc *doc);
int pl_citations_extract(pl_doc *doc);
int pl_program_recognise(pl_doc *doc);
/* What recognition counts of each programme of ps (out[i] for
 * ps->items[i]) in a loose body loose[0..strlen), its opening being
 * loose[0..opening): the programme's names in the opening (names[0]) and
 * after it (names[1]), each counted at the earliest place a name lies
 * wholly inside its part, the longest name there, once, then on from its
 * end (no overlap), at most 50 a part; and how many of its words occur.
 * 0, or -1 on allocation failure. */
typedef struct pl_name_counts {
    int names[2];
    int words;
} pl_name_counts;
int pl_recognise_count(const pl_programs *ps, const char *loose, size_t opening,
                       pl_name_counts *out);
/* Whether the plan's years (its period, else its date) all end more than
 * a year before programme p's period starts: it cannot carry p out, nor
 * cite p's deciding document. */
int pl_doc_predates(const pl_doc *doc, const pl_program *p);
/* Does the plan begin more than a year after the programme's horizon? */
int pl_doc_postdates(const pl_doc *doc, const pl_program *p);
int pl_targets_extract(pl_doc *doc);
/* For tests: whether key[a..b) holds a phrase of the list ("target-cues",
 * "situation-headings" or "achieved") by the scan that answers for the
 * list's pattern (-1: the span is not plain, the pattern answers; -2: not
 * such a list), and in *pattern what the pattern says. */
int pl_targets_phrase_test(const char *list, const char *key, size_t a, size_t b, int *pattern);
/* For tests: targets.c runs a pattern only where the bytes every match
 * holds are there (its NEEDS).  pl_targets_pretests(0) turns those tests
 * off (1: on, as by default).  pl_targets_pretest_test asks each pattern
 * that has one, searched from a (pl_re_find) and anchored at a (pl_re_at)
 * in key[..b): the number of times the test said no where the pattern
 * matches (0 when sound), and in *turned, added to, how often it said no;
 * counted wrong too, P_YEAR searched from a finding another match than
 * when searched from where targets.c starts it (past the words before the
 * span's first year). */
void pl_targets_pretests(int on);
int pl_targets_pretest_test(const char *key, size_t a, size_t b, int *turned);
/* For tests: the first reference citations.c finds in key[a..b) by trying
 * only the positions it marks (*marked), and the pattern's own first
 * match (*found); SIZE_MAX for none; *same: whether the two have the same
 * end and groups (1 when none was found by the marks).  -1 when the span
 * is not plain (the pattern searches it then) or out of memory, else 0.
 * pl_citations_pretests(0) turns the marks off (1: on, as by default):
 * every paragraph is searched by the pattern alone. */
int pl_citations_ref_test(const char *key, size_t a, size_t b, size_t *marked, size_t *found,
                          int *same);
void pl_citations_pretests(int on);
/* For tests: header.c looks for the national bodies with one phrase set
 * and runs some of its patterns only where the bytes every match holds
 * are there.  pl_header_pretests(0) looks for each body alone and runs
 * every pattern (1: the fast way, as by default); the fields found must
 * be the same. */
void pl_header_pretests(int on);
/* For tests: header.c's pretests of the patterns that open with (or
 * hold) a word of a list, asked of key[a..b) (b a paragraph's end) in a
 * subject key[..len): the number of times a pretest turned away a match
 * that starts in [a, b), or moved the search's start past one (0 when
 * sound); in *turned, added to, how often it turned away or moved. */
int pl_header_pretest_test(const char *key, size_t a, size_t b, size_t len, int *turned);
/* The ends of citations and targets and the OCR pages of targets, for the
 * public accessors (doc_access.c); after the phases. */
void pl_doc_fill_spans(pl_doc *doc);

/* Helpers shared by the phases. */
char *pl_strndup(const char *s, size_t n);
/* Copy of flat[a..b) trimmed of spaces and trailing ",;:" */
char *pl_flat_copy(const pl_doc *doc, size_t a, size_t b);
/* Copy of flat[a..b) without any whitespace ("151 / KH-UBND" ->
 * "151/KH-UBND"): document numbers as written with stray spaces. */
char *pl_flat_compact(const pl_text *t, size_t a, size_t b);
const char *pl_level_name(pl_level l);
/* A level in percent ("xuống 4,9%"), the kind of target the checks and
 * the comparison set against a parent's; a change ("giảm 10%") or a rate
 * in another unit is reported but not compared. */
int pl_target_is_level(const pl_target *t);
/* ISO date into buf (at least 11 bytes); "" when unknown. */
void pl_date_iso(const pl_date *d, char *buf, size_t n);

#endif

/* program.h - national programmes as data (data/programs/NAME.xml).
 *
 * A programme file names the deciding document, the period, how to
 * recognise a plan that implements it, its indicators (with the phrases
 * that identify each group) and its reference targets with provenance.
 * The three built-in files are embedded in the library at build time
 * (cmake/embed.cmake); more can be loaded from disk.  No C code knows any
 * programme's content.
 */
#ifndef PL_PROGRAM_H
#define PL_PROGRAM_H

#include <pthread.h>
#include <stddef.h>

#include "planlint.h"

typedef enum pl_direction {
    PL_DIR_HIGHER = 1, /* coverage: a higher value is stronger */
    PL_DIR_LOWER = -1  /* a rate: a lower value is stronger */
} pl_direction;

typedef enum pl_cmp {
    PL_CMP_NONE = 0,
    PL_CMP_GE,
    PL_CMP_GT,
    PL_CMP_LE,
    PL_CMP_LT,
    PL_CMP_EQ
} pl_cmp;

typedef enum pl_confidence {
    PL_CONF_OFFICIAL = 0,   /* "official text" */
    PL_CONF_SUMMARIES,      /* summaries and local copies */
    PL_CONF_TWO_SOURCES,
    PL_CONF_ONE_SOURCE,     /* one (possibly indirect) source */
    PL_CONF_LOCAL,          /* only local plans show it */
    PL_CONF_UNKNOWN         /* value not established: no value recorded */
} pl_confidence;

/* What a target states: a level to reach, or a change relative to a base
 * ("giảm 10% số trẻ em tử vong do đuối nước": a cut of at least 10 %). */
typedef enum pl_change {
    PL_CHANGE_NONE = 0,
    PL_CHANGE_DECREASE,
    PL_CHANGE_INCREASE
} pl_change;

/* The kind of number a target is: its unit ("%", "‰", "per100k"), level
 * or change, and whether the change is yearly ("hằng năm giảm 5-10%").
 * An indicator only matches targets of its own kind: a rate per 100 000
 * is never compared as a percentage. */
typedef struct pl_kind {
    const char *unit;      /* NULL or "" = "%" */
    pl_change change;
    int per_year;
} pl_kind;

typedef struct pl_indicator {
    char *id;              /* "cl.education" */
    char *label_vi;        /* short Vietnamese label for tables */
    char *label_en;
    pl_direction direction;
    int objective;         /* objective number in the programme, 0 if none */
    int item;              /* its "Chỉ tiêu N", numbered through the objectives; 0 if none */
    char unit[8];          /* "%", "‰", "per100k" */
    pl_change change;      /* PL_CHANGE_NONE for a level */
    int per_year;          /* a yearly change: its references have no year */
    char *same_as;         /* the same quantity in another programme, or NULL */
    /* Phrases identifying the group, already in loose form
     * (pl_fold_loose: no accents, lower case), so both tone styles and
     * diacritic-less copies match.  A group matches an indicator when it
     * contains one of `any` and, if `all` is non-empty, every one of `all`,
     * and none of `none`. */
    char **any;   size_t nany;
    char **all;   size_t nall;
    char **none;  size_t nnone;
    /* Each phrase of any, all and none as matching reads it (its length
     * and the hashes of its three-byte sequences), made when the
     * indicator is loaded (programs/program.c); NULL: worked out on each
     * match (an indicator made by hand). */
    struct pl_probe *any_probe, *all_probe, *none_probe;
} pl_indicator;

typedef struct pl_reference {
    const pl_indicator *indicator; /* points into the programme's table */
    int year;              /* 0 for a yearly change */
    pl_cmp cmp;
    double value;          /* in the indicator's unit; meaningful only when has_value */
    int has_value;
    pl_confidence confidence;
    char *wording;         /* the national wording, as quoted */
    char *source;          /* provenance, free text */
} pl_reference;

typedef struct pl_program {
    char *id;              /* "child-labour-2021" */
    char *title;           /* Vietnamese title */
    char *decision_number; /* "782/QĐ-TTg" */
    char *decision_date;   /* ISO "2021-05-27" */
    char *decision_issuer; /* "Thủ tướng Chính phủ" */
    int period_start, period_end, horizon; /* 0 when not set */
    char **title_phrases;  size_t ntitle_phrases;  /* loose form */
    char **numbers;        size_t nnumbers;        /* other documents implying it */
    char **words;          size_t nwords;          /* vocabulary, loose form */
    char **notes;          size_t nnotes;
    /* The body: read from the built-in files' trees on first use
     * (pl_program_body); every pointer the registry hands out
     * (pl_programs_find, pl_programs_at, ...) has it. */
    pl_indicator *indicators; size_t nindicators;
    pl_reference *refs;    size_t nrefs;
    char *replaces;        /* id of the programme this one supersedes, or NULL */
    struct pl_program_lazy *lazy; /* programs/program.c; NULL: read whole (a file's) */
} pl_program;

/* The registry behind the public opaque handle pl_programs. */
struct pl_programs {
    pl_program **items;
    size_t n, cap;
    pl_program **retired; /* replaced by pl_programs_load_file, freed with the registry */
    size_t nretired, capretired;
    /* pl_programs_cached's object, made once for the registry as it is */
    pthread_mutex_t cache_lock;
    void *cached;
    void (*cached_free)(void *);
};

/* What make(ps) returns, made at the first call and kept with the
 * registry until a programme is added or replaced (then made again) or
 * the registry is freed (drop frees it): recognition's phrase set of
 * every programme's names and words, the same for every document, which
 * it built and freed for each (seven allocations a document).  Safe in
 * several threads at once, as recognition runs; NULL when make fails. */
const void *pl_programs_cached(const pl_programs *ps, void *(*make)(const pl_programs *),
                               void (*drop)(void *));

/* Parse one programme document (XML) from memory, validating it against the
 * schema data/schema/program.xsd (embedded).  `name` is used in errors.
 * Returns NULL and fills err on failure.  Caller frees with
 * pl_program_free. */
pl_program *pl_program_parse(const char *name, const char *xml, size_t len, pl_error *err);
void pl_program_free(pl_program *p);

const pl_program *pl_programs_find(const pl_programs *ps, const char *id);
/* The programme whose deciding document has this number ("782/QĐ-TTg",
 * compared case-insensitively, spaces ignored), or NULL. */
const pl_program *pl_programs_by_number(const pl_programs *ps, const char *number);
const pl_indicator *pl_program_indicator(const pl_program *p, const char *id);
/* Reference target of an indicator for a year, or NULL. */
const pl_reference *pl_program_ref(const pl_program *p, const char *indicator_id, int year);

/* p itself, its body (indicators, refs) read if it was not yet; NULL
 * for NULL.  Thread-safe.  A built-in programme is registered with its
 * header and recognition (id, title, decision, period, title_phrases,
 * words, numbers, notes, replaces) and reads its body when first handed
 * out: a run uses the one programme its plan implements, and reading all
 * four was 0.73 M of the 10.5 M instructions of checking a 16 KB plan
 * (issue 17).  Only recognition (parser/doc/recognise.c) walks the
 * registry's items directly, reading the header alone, and
 * pl_programs_id_at hands out an id alone (compare's choice); the
 * programme either picks goes through here.  A built-in body that does not load is a
 * build defect: reported on stderr before abort() (tests load them all). */
const pl_program *pl_program_body(const pl_program *p);

/* ---- added by programs/program.c ---------------------------------------- */

size_t pl_programs_count(const pl_programs *ps);
/* The i-th programme (load order: built-ins in the order of the embedded
 * table, then files loaded), or NULL when i is out of range. */
const pl_program *pl_programs_at(const pl_programs *ps, size_t i);
/* The id of the i-th programme, or NULL when i is out of range: from its
 * header, its body left unread (compare chooses among the programmes by
 * id and then asks for the one it chose). */
const char *pl_programs_id_at(const pl_programs *ps, size_t i);

/* The indicator of `p` that a clause is about, or NULL.  `loose_clause` is
 * the group with its predicate in loose form (pl_fold_loose), e.g.
 * "cha me, nguoi cham soc tre em duoc cung cap thong tin ...".  An indicator
 * is a candidate when the clause contains one of its `any` phrases, all of
 * its `all` phrases and none of its `none` phrases (whole words: a phrase
 * starting or ending with a letter or digit does not match inside a
 * word).  The candidate whose matched `any` phrase is longest wins; ties go
 * to the indicator listed first in the programme file. */
const pl_indicator *pl_program_match_group(const pl_program *p, const char *loose_clause);
/* The same, among the indicators of the target's kind only (NULL kind =
 * a percentage level). */
const pl_indicator *pl_program_match_target(const pl_program *p, const char *loose_clause,
                                            const pl_kind *kind);
/* Whether a target of this kind can be compared with the indicator. */
int pl_indicator_fits(const pl_indicator *ind, const pl_kind *kind);
/* Whether the programme's deciding document, or one of the documents that
 * imply it (recognition <number>), has this number. */
int pl_program_has_number(const pl_program *p, const char *number);

/* The programme whose recognition phrases occur in `loose_text` (a title,
 * a citation or the opening of a plan, in loose form), or NULL.  The longest
 * matched phrase wins; a tie goes to the newer programme (later period
 * start), so a plan citing both the 2016 and the 2021 programme under the
 * name they share implements the 2021 one. */
const pl_program *pl_programs_match_title(const pl_programs *ps, const char *loose_text);
/* The same, knowing the plan's period (0 = unknown; end 0 = start): a
 * programme whose span (period start to the later of period end and
 * horizon) overlaps the plan's period is preferred to one that does not,
 * whatever the phrase lengths.  This is what tells a 2016-2020 plan from a
 * 2021-2025 one when both use the name "phòng ngừa, giảm thiểu lao động
 * trẻ em". */
const pl_program *pl_programs_match_title_period(const pl_programs *ps, const char *loose_text,
                                                 int start, int end);

/* Names used in programme files and output: "ge", "gt", "le", "lt", "eq"
 * ("" for PL_CMP_NONE); "official", "summaries", "two-sources",
 * "one-source", "local-copies", "unknown"; "decrease", "increase" (NULL
 * for a level: output writes null). */
const char *pl_cmp_name(pl_cmp cmp);
const char *pl_confidence_name(pl_confidence c);
const char *pl_change_name(pl_change c);

#endif

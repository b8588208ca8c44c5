/* rules.h - the checker's insides (private; see planlint.h "checking").
 *
 * pl_check_doc (checker.c) reads like this:
 *   settings  the configuration that applies to this document (config.c)
 *   parents   the chain of plans above it, up to the national programme,
 *             flattened into one table of parent values (parents.c)
 *   families  each rule family looks at the document and adds findings:
 *               check_values.c     value-out-of-range, conflicting-targets,
 *                                  trend-inconsistent, unrealistic-target,
 *                                  unrecognised-target
 *               check_parent.c     missing-target, weaker-than-parent
 *               check_document.c   draft-placeholder, missing-section,
 *                                  numbering
 *               check_citations.c  citation-order, citation-mismatch,
 *                                  parent-not-found
 *               check_words.c      duplicate-word, off-topic, style-mixed
 * The rule table, the phrase lists and the message texts are data
 * (the XML files of data/rules/, loaded by catalog.c); C code knows only rule ids.
 */
#ifndef PL_RULES_H
#define PL_RULES_H

#include <pthread.h>
#include <stddef.h>

#include "doc.h"
#include "ident.h"
#include "planlint.h"
#include "report.h"

/* ---- the rule table ------------------------------------------------- */

typedef enum pl_rule_id {
    PL_R_VALUE_OUT_OF_RANGE,
    PL_R_MISSING_TARGET,
    PL_R_WEAKER_THAN_PARENT,
    PL_R_TREND_INCONSISTENT,
    PL_R_CONFLICTING_TARGETS,
    PL_R_DRAFT_PLACEHOLDER,
    PL_R_CITATION_ORDER,
    PL_R_CITATION_MISMATCH,
    PL_R_MISSING_SECTION,
    PL_R_NUMBERING,
    PL_R_DUPLICATE_WORD,
    PL_R_OFF_TOPIC,
    PL_R_UNREALISTIC_TARGET,
    PL_R_UNRECOGNISED_TARGET,
    PL_R_STYLE_MIXED,
    PL_R_PARENT_NOT_FOUND,
    PL_R_COUNT
} pl_rule_id;

/* Rule ids in table order (the order of docs/CONTRACT.md §5.1). */
extern const char *const pl_rule_ids[PL_R_COUNT];
/* Index of a rule id, or -1. */
int pl_rule_lookup(const char *id);

/* ---- catalog.c: data/rules/ ------------------------------------ */

typedef struct pl_rule_meta {
    pl_severity severity;   /* default */
    int documents_only;     /* forms="document" */
    char *description[2];   /* by pl_lang */
} pl_rule_meta;

typedef struct pl_skip {
    char *indicator;
    pl_level level;
} pl_skip;

/* A required part of a plan (sections.xml); phrases in key form. */
typedef struct pl_part {
    char *id;
    char *label[2];
    char **phrases; size_t nphrases;
} pl_part;

/* Phrases of another programme (offtopic.xml); phrases in key form. */
typedef struct pl_topic {
    char *id;
    char *label[2];
    char **belongs; size_t nbelongs, capbelongs;
    char **phrases; size_t nphrases;
} pl_topic;

/* The phrases of the topics that do not belong to one programme, in the
 * catalogue's order, and one set of them for off-topic's scan (ids:
 * indices of list): pl_catalog_topic_set. */
typedef struct pl_topic_phrase {
    const pl_topic *topic;
    const char *ph;
    size_t len;
} pl_topic_phrase;
typedef struct pl_topic_set {
    char *program;
    pl_topic_phrase *list;
    size_t n;
    struct pl_phrases *set;
    struct pl_topic_set *next;
} pl_topic_set;

typedef struct pl_message {
    char *id;
    char *text[2];
} pl_message;

typedef struct pl_catalog {
    pl_rule_meta rules[PL_R_COUNT];
    double full_gap;           /* unrealistic-target: points below 100 */
    pl_skip *skips; size_t nskips, capskips; /* missing-target */
    char **allow; size_t nallow;         /* duplicate-word, key form */
    pl_part *parts; size_t nparts, capparts;
    pl_topic *topics; size_t ntopics, captopics;
    pthread_mutex_t topic_lock; /* guards topic_sets, which checks in
                                   several threads add to */
    pl_topic_set *topic_sets;
    pl_message *messages; size_t nmessages, capmessages;
    /* messages by id: an open-addressed table of index + 1 (0: empty),
     * msg_mask + 1 slots, at least twice the messages */
    size_t *msg_slots; size_t msg_mask;
} pl_catalog;

/* Load and validate the embedded rule data.  NULL with err filled. */
pl_catalog *pl_catalog_load(pl_error *err);
void pl_catalog_free(pl_catalog *cat);
/* The topic set of programme `program`, made at its first plan and kept
 * with the catalogue (off-topic made one for each plan: six allocations,
 * five of about 1 KB, and the set's tables).  Safe in several threads at
 * once.  NULL on allocation failure. */
const pl_topic_set *pl_catalog_topic_set(const pl_catalog *cat, const char *program);
/* Message text, or "" when the id is unknown (a data bug the tests catch). */
const char *pl_catalog_message(const pl_catalog *cat, const char *id, pl_lang lang);

/* Matching form of a phrase (as the key text: NFC, lower case, old tone
 * style, whitespace folded).  Caller frees; NULL on failure. */
char *pl_key_form(const char *s);
/* Whether key[a..b) has `phrase` at offset `at` on word boundaries. */
int pl_key_phrase_at(const char *key, size_t a, size_t b, size_t at, const char *phrase,
                     size_t plen);
/* First occurrence of phrase in key[a..b) on word boundaries, or (size_t)-1. */
size_t pl_key_find(const char *key, size_t a, size_t b, const char *phrase);

/* ---- config.c ------------------------------------------------------- */

/* One setting from a file or the command line. */
typedef struct pl_setting {
    char *rule;             /* rule id as written */
    pl_severity severity;
    char *origin;           /* "FILE:LINE" or NULL for the command line */
} pl_setting;

struct pl_config {
    pl_setting *rules; size_t nrules, caprules;
    int fail_on;            /* pl_severity, -1 = not set */
    int lang;               /* pl_lang, -1 = not set */
    int default_lang;       /* pl_lang below .planlint files, -1 = not set */
    char *program;          /* NULL = not set */
    int use_files;
};

/* What applies to one document: the defaults, then `.planlint`, then the
 * command line. */
typedef struct pl_settings {
    pl_severity severity[PL_R_COUNT];
    pl_severity fail_on;
    pl_lang lang;
    const char *program;    /* borrowed from a config, or NULL */
    char *config_file;      /* the `.planlint` that applied (owned), or NULL */
} pl_settings;

/* Apply cfg over s; unknown rule ids are errors (PL_ERR_USAGE for the
 * command line, PL_ERR_DATA naming FILE:LINE for a file). */
int pl_settings_apply(pl_settings *s, const pl_config *cfg, pl_error *err);
/* Path of the nearest `.planlint` for a plan at `source` ("-" = the
 * current directory), or NULL.  Caller frees. */
char *pl_config_find_for(const char *source);
pl_config *pl_config_copy(const pl_config *cfg);

/* ---- parents.c ------------------------------------------------------ */

/* One value a parent sets: indicator, year, comparator, value. */
typedef struct pl_pvalue {
    const char *indicator;     /* id */
    const pl_indicator *ind;   /* for labels and direction */
    int year;
    pl_cmp cmp;
    double value;
    int has_value;
    pl_confidence confidence;  /* PL_CONF_OFFICIAL for a plan's own value */
    int parent;                /* index into the chain */
} pl_pvalue;

typedef struct pl_parent {
    char *name;        /* "81/KH-UBND (UBND huyện Hoằng Hóa)", "national:782/QĐ-TTg" */
    char *display;     /* for messages: "81/KH-UBND (UBND huyện Hoằng Hóa)", "782/QĐ-TTg" */
    const pl_doc *doc; /* a plan, or NULL for the programme */
    const pl_program *program;
    int reach;         /* last year its targets are for */
} pl_parent;

typedef struct pl_chain {
    pl_parent *items; size_t n, cap;
    pl_pvalue *values; size_t nvalues, capvalues;
} pl_chain;

/* The plans index of --plans DIR. */
typedef struct pl_plan_index {
    pl_doc **docs; size_t n, cap;
} pl_plan_index;

/* Nearest value for (indicator, year): the first parent in the chain that
 * states it.  with_value: skip values without a number.  NULL if none. */
const pl_pvalue *pl_chain_value(const pl_chain *ch, const char *indicator, int year,
                                int with_value);
void pl_chain_free(pl_chain *ch);

/* Build the chain for doc: `first` (--parent, may be NULL), then plans of
 * the index reached through citations, then `program`'s national values
 * (NULL = none).  0 or -1 on allocation failure. */
int pl_chain_build(pl_chain *ch, const pl_doc *doc, const pl_doc *first,
                   const pl_plan_index *index, const pl_program *program);

/* The plan in the index that a citation names (number and issuer), or
 * NULL. */
const pl_doc *pl_index_resolve(const pl_plan_index *index, const pl_citation *c);

/* ---- checker.c: the context every family works in ------------------- */

typedef struct pl_ctx {
    const pl_doc *doc;
    const pl_catalog *cat;
    const pl_settings *settings;
    const pl_program *program;   /* what the plan implements, NULL = unknown */
    int program_recognised;      /* 0 when `program` is NULL */
    const pl_chain *chain;
    const pl_plan_index *index;  /* --plans DIR (may be empty) */
    const pl_programs *programs;
    pl_report *report;
    size_t per_rule[PL_R_COUNT]; /* findings made, for PL_MAX_FINDINGS_PER_RULE */
    int failed;                  /* an allocation failed */
    int one_lang;                /* messages only in settings->lang
                                    (pl_checker_set_one_language) */
} pl_ctx;

/* Is the message in `lang` built?  Rules that format a value for each
 * language format it only for the languages asked. */
int pl_ctx_lang(const pl_ctx *cx, pl_lang lang);

/* Is the rule enabled for this document (severity, form)? */
int pl_ctx_enabled(const pl_ctx *cx, pl_rule_id rule);
/* Enabled, and below its cap of findings: loops over input-sized data
 * stop asking once it is 0 (a position costs a walk of its line). */
int pl_ctx_wants(const pl_ctx *cx, pl_rule_id rule);

/* Arguments of a message: a name and its value in each language (en NULL
 * = same as vi). */
typedef struct pl_arg {
    const char *name;
    const char *vi;
    const char *en;
} pl_arg;

/* {name, vi, en}, or, when only one language is built (pl_ctx_lang), that
 * language's value in both places (the other may be unset). */
pl_arg pl_ctx_arg(const pl_ctx *cx, const char *name, const char *vi, const char *en);

/* Details of a finding beyond rule, message and position.  From them
 * pl_ctx_add supplies the message arguments {indicator}, {year},
 * {parent}, {parent_value} and {unconfirmed}. */
typedef struct pl_detail {
    const pl_indicator *ind; /* the indicator, or NULL */
    const char *indicator;   /* its id when ind is NULL */
    int year;                /* 0 = none */
    const pl_pvalue *pvalue; /* the parent value compared with, or NULL */
    const pl_parent *parent; /* the parent named when there is no pvalue */
    pl_severity severity;    /* lower the configured severity to this (0 = no) */
} pl_detail;

/* Add a finding of `rule` about `span` with message `msg_id` expanded
 * with args.  Does nothing when the rule is disabled.  Sets cx->failed on
 * allocation failure. */
void pl_ctx_add(pl_ctx *cx, pl_rule_id rule, pl_span span, const pl_detail *d,
                const char *msg_id, const pl_arg *args, size_t nargs);

/* Spans (checker.c): what a finding covers. */
/* A place, no words (a part that is missing, a document without one). */
pl_span pl_span_point(pl_pos pos);
/* The words flat[a..b). */
pl_span pl_span_flat(const pl_doc *doc, size_t a, size_t b);
/* A target: its clause up to its '%' (the comparator and the number). */
pl_span pl_span_target(const pl_doc *doc, const pl_target *t);
/* A citation: the document type word to the end of what names it. */
pl_span pl_span_citation(const pl_doc *doc, const pl_citation *c);
/* Paragraph `para` on its first input line (a heading). */
pl_span pl_span_para_line(const pl_doc *doc, size_t para);

/* ---- helpers shared by the families (checker.c) --------------------- */

/* "trên 90%" / "over 90%", "4,9%" / "4.9%", "550/100.000" / "550 per
 * 100,000", "9,5‰" into buf.  The words are the catalog's messages
 * value.gt, value.le, value.lt (data/rules/messages.xml). */
void pl_fmt_value(char *buf, size_t n, const pl_catalog *cat, pl_cmp cmp, double value,
                  const char *unit, pl_lang lang);
/* A value of an indicator, in its unit and kind: a level as
 * pl_fmt_value, a change with its verb ("giảm 10%" / "a cut of 10%";
 * change.decrease, change.increase), a yearly one with "mỗi năm" / "a
 * year" (value.per-year). */
void pl_fmt_ind_value(char *buf, size_t n, const pl_catalog *cat, pl_cmp cmp, double value,
                      const pl_indicator *ind, pl_lang lang);
/* "năm 2025" / "for 2025" (when.year), or "hằng năm" / "yearly"
 * (when.yearly) for a yearly change (year 0), into buf: the {when} of
 * messages. */
void pl_fmt_when(char *buf, size_t n, const pl_catalog *cat, const pl_indicator *ind, int year,
                 pl_lang lang);
/* "cha mẹ, người chăm sóc … (comm.parents)" in the language. */
void pl_fmt_indicator(char *buf, size_t n, const pl_indicator *ind, const char *id,
                      pl_lang lang);
/* The words of the plan at flat[a..b), trimmed, at most `max` bytes (cut
 * on a character boundary with "…").  Caller frees. */
char *pl_quote_flat(const pl_doc *doc, size_t a, size_t b, size_t max);
/* Confidence words for {confidence}. */
const char *pl_confidence_words(const pl_catalog *cat, pl_confidence c, pl_lang lang);
/* Whether target (cmp1, v1) is weaker than (cmp2, v2) for an indicator
 * of direction dir: a lower coverage, a higher rate.  Values are compared,
 * comparators are not: "90%" and "trên 90%" state the same target at the
 * resolution plans write (a plan copying "Trên 90%" as "90%" is not
 * weakening it), and "dưới 4%" is stronger than "4,9%" by its value. */
int pl_weaker(pl_direction dir, double v1, double v2);
/* The flat offset of the first '%' in the target's clause, or the
 * clause's end. */
size_t pl_target_percent(const pl_doc *doc, const pl_target *t);
/* The comparator and number of a target as written ("Trên 100%").  Caller
 * frees. */
char *pl_target_quote(const pl_doc *doc, const pl_target *t);
/* Whether a target can be compared with others of its indicator and with
 * parents: it has an indicator, is in its unit, and has a year (or is a
 * yearly change, which has none). */
int pl_target_comparable(const pl_target *t);
/* Indices of the comparable targets (pl_target_comparable),
 * sorted by (indicator id, year, position in the document), so that
 * rules comparing statements of one key run in O(n log n) on any input.
 * *n is the count.  Caller frees; NULL with *n = 0 when there are none or
 * on allocation failure (*failed set). */
size_t *pl_target_order(const pl_doc *doc, size_t *n, int *failed);
/* Whether targets a and b are about the same indicator and year. */
int pl_target_same_key(const pl_target *a, const pl_target *b);
/* The last year the plan's targets are for (period end or horizon), 0 if
 * unknown. */
int pl_doc_reach(const pl_doc *doc);

/* ---- the families --------------------------------------------------- */

int pl_check_values(pl_ctx *cx);
int pl_check_parent(pl_ctx *cx);
int pl_check_document(pl_ctx *cx);
int pl_check_citations(pl_ctx *cx);
int pl_check_words(pl_ctx *cx);

#endif

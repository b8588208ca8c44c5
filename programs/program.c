/* program.c - national programmes as data.
 *
 * A programme file (data/programs/NAME.xml, schema data/schema/program.xsd) is
 * parsed and validated by util/xml.c, then copied into a pl_program:
 *
 *   load_header      id, title, deciding document, period
 *   load_phrases     recognition and group phrases, folded to loose form
 *   load_indicators  the indicator table
 *   load_references  reference targets, each pointing into that table
 *
 * The loader checks what the schema cannot express (value and comparator
 * together, period order, phrases that fold to nothing).  Matching a clause
 * or a title against the phrases is the second half of the file.  No C code
 * here knows the content of any programme.
 */
#include "program.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "embedded.h"
#include "error.h"
#include "prebuilt.h"
#include "uni.h"
#include "xml.h"

/* Name of the schema and folder of the programmes in the embedded table. */
#define SCHEMA_NAME "schema/program.xsd"
#define PROGRAMS_DIR "programs/"

/* ---- errors ------------------------------------------------------------ */

typedef struct loader {
    const char *name; /* the file, as errors name it */
    pl_error *err;
} loader;

/* "NAME:LINE: what" for a problem found at node n; returns -1. */
static int fail_at(const loader *ld, const pl_xml_node *n, const char *what, const char *detail)
{
    pl_error_set_line(ld->err, PL_ERR_DATA, ld->name, pl_xml_line(n), "%s%s", what,
                      detail ? detail : "");
    return -1;
}

static int nomem(const loader *ld)
{
    pl_error_set(ld->err, PL_ERR_NOMEM, ld->name, NULL, "out of memory");
    return -1;
}

/* ---- small conversions --------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copy of s with whitespace runs folded to one space and the ends trimmed:
 * a wording wrapped over several lines of the XML file reads as one line. */
static char *text_dup(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d == NULL)
        return NULL;
    /* Most values (ids, dates, labels, one-line wordings) have nothing to
     * fold: no tab or line break, no two spaces in a row, no space at
     * either end.  They are copied whole; telling them apart with strpbrk
     * and strstr costs a fraction of the byte loop below. */
    if (n == 0 || (s[0] != ' ' && s[n - 1] != ' ' && strpbrk(s, "\t\n\r") == NULL &&
                   strstr(s, "  ") == NULL))
        return memcpy(d, s, n + 1);
    size_t w = 0;
    for (; *s; s++) {
        if (!is_space(*s))
            d[w++] = *s;
        else if (w > 0 && d[w - 1] != ' ')
            d[w++] = ' ';
    }
    while (w > 0 && d[w - 1] == ' ')
        w--;
    d[w] = '\0';
    return d;
}

/* Optional string attribute or element text, copied; *out stays NULL when
 * absent.  -1 on allocation failure. */
static int dup_opt(const char *s, char **out)
{
    *out = NULL;
    if (s == NULL)
        return 0;
    *out = text_dup(s);
    return *out ? 0 : -1;
}

/* An integer attribute (the schema has checked the syntax; this still
 * refuses anything out of int range).  `dflt` when absent. */
static int int_attr(const loader *ld, const pl_xml_node *n, const char *name, int dflt, int *out)
{
    const char *s = pl_xml_attr(n, name);
    *out = dflt;
    if (s == NULL)
        return 0;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    while (is_space(*end))
        end++;
    if (errno != 0 || end == s || *end != '\0' || v < INT_MIN || v > INT_MAX)
        return fail_at(ld, n, "not an integer: ", name);
    *out = (int)v;
    return 0;
}

/* xs:decimal without locale dependence ("4.9"; strtod would read "4,9"
 * under a Vietnamese locale and stop at '.').  The digits are read as one
 * whole number and divided once by a power of ten: both are exact below
 * 2^53, so the quotient is the double nearest the decimal ("0.12" is
 * 0.12, not the 0.12000000000000001 that adding 0.1 and 0.02 gives), the
 * same double a plan's "0,12" reads as. */
static int parse_decimal(const char *s, double *out)
{
    double mantissa = 0, scale = 1;
    int digits = 0, frac = 0;
    while (is_space(*s))
        s++;
    if (*s == '+')
        s++;
    for (; (*s >= '0' && *s <= '9') || (*s == '.' && !frac); s++) {
        if (*s == '.') {
            frac = 1;
            continue;
        }
        digits++;
        mantissa = mantissa * 10 + (*s - '0');
        if (frac)
            scale *= 10;
    }
    while (is_space(*s))
        s++;
    *out = mantissa / scale;
    return digits > 0 && digits <= 15 && *s == '\0' ? 0 : -1;
}

/* ---- names ------------------------------------------------------------- */

static const char *const cmp_names[] = {"", "ge", "gt", "le", "lt", "eq"};
static const char *const conf_names[] = {"official",   "summaries",    "two-sources",
                                         "one-source", "local-copies", "unknown"};
static const char *const change_names[] = {"", "decrease", "increase"};

const char *pl_cmp_name(pl_cmp cmp)
{
    return cmp >= PL_CMP_NONE && cmp <= PL_CMP_EQ ? cmp_names[cmp] : "";
}

const char *pl_confidence_name(pl_confidence c)
{
    return c >= PL_CONF_OFFICIAL && c <= PL_CONF_UNKNOWN ? conf_names[c] : "unknown";
}

const char *pl_change_name(pl_change c)
{
    return c > PL_CHANGE_NONE && c <= PL_CHANGE_INCREASE ? change_names[c] : NULL;
}

/* Index of s in names[0..n), or -1. */
static int lookup(const char *const *names, int n, const char *s)
{
    for (int i = 0; s != NULL && i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

/* ---- loading ------------------------------------------------------------- */

/* Every child `elem` of parent, folded to loose form, into a new array.
 * Phrases are written in ordinary Vietnamese in the file; folding them
 * here means either tone style ("hoà"/"hòa"), or text with no accents at
 * all, matches the same phrase. */
static int load_phrases(const loader *ld, const pl_xml_node *parent, const char *elem, char ***out,
                        size_t *n)
{
    size_t count = 0;
    for (const pl_xml_node *c = pl_xml_first(parent, elem); c; c = pl_xml_next(c, elem))
        count++;
    *out = NULL;
    *n = 0;
    if (count == 0)
        return 0;
    if ((*out = calloc(count, sizeof **out)) == NULL)
        return nomem(ld);
    for (const pl_xml_node *c = pl_xml_first(parent, elem); c; c = pl_xml_next(c, elem)) {
        const char *t = pl_xml_text(c);
        size_t tn = strlen(t);
        /* the embedded phrases were folded at build time (prebuilt.h) */
        char *loose = pl_prebuilt_dup(&pl_prebuilt_loose, t, tn, NULL);
        if (loose == NULL)
            loose = pl_fold_loose(t, tn);
        if (loose == NULL)
            return nomem(ld);
        (*out)[(*n)++] = loose;
        if (loose[0] == '\0')
            return fail_at(ld, c, "phrase is empty once accents are removed", NULL);
    }
    return 0;
}

/* Every child `elem` of parent as written (whitespace folded). */
static int load_texts(const loader *ld, const pl_xml_node *parent, const char *elem, char ***out,
                      size_t *n)
{
    size_t count = 0;
    for (const pl_xml_node *c = pl_xml_first(parent, elem); c; c = pl_xml_next(c, elem))
        count++;
    *out = NULL;
    *n = 0;
    if (count == 0)
        return 0;
    if ((*out = calloc(count, sizeof **out)) == NULL)
        return nomem(ld);
    for (const pl_xml_node *c = pl_xml_first(parent, elem); c; c = pl_xml_next(c, elem))
        if (((*out)[(*n)++] = text_dup(pl_xml_text(c))) == NULL)
            return nomem(ld);
    return 0;
}

static int load_header(const loader *ld, const pl_xml_node *root, pl_program *p)
{
    const pl_xml_node *title = pl_xml_first(root, "title");
    const pl_xml_node *dec = pl_xml_first(root, "decision");
    const pl_xml_node *period = pl_xml_first(root, "period");
    const pl_xml_node *rec = pl_xml_first(root, "recognition");
    if (title == NULL || dec == NULL || period == NULL || rec == NULL)
        return fail_at(ld, root, "programme lacks title, decision, period or recognition", NULL);
    if (dup_opt(pl_xml_attr(root, "id"), &p->id) ||
        dup_opt(pl_xml_attr(root, "replaces"), &p->replaces) ||
        dup_opt(pl_xml_text(title), &p->title) ||
        dup_opt(pl_xml_attr(dec, "number"), &p->decision_number) ||
        dup_opt(pl_xml_attr(dec, "date"), &p->decision_date) ||
        dup_opt(pl_xml_attr(dec, "issuer"), &p->decision_issuer))
        return nomem(ld);
    if (p->id == NULL)
        return fail_at(ld, root, "programme has no id", NULL);
    if (int_attr(ld, period, "start", 0, &p->period_start) ||
        int_attr(ld, period, "end", 0, &p->period_end) ||
        int_attr(ld, period, "horizon", 0, &p->horizon))
        return -1;
    if (p->period_start > p->period_end || (p->horizon && p->horizon < p->period_end))
        return fail_at(ld, period, "period must run start <= end <= horizon", NULL);
    return load_phrases(ld, rec, "phrase", &p->title_phrases, &p->ntitle_phrases) ||
                   load_phrases(ld, rec, "word", &p->words, &p->nwords) ||
                   load_texts(ld, rec, "number", &p->numbers, &p->nnumbers) ||
                   load_texts(ld, root, "note", &p->notes, &p->nnotes)
               ? -1
               : 0;
}

static int load_labels(const loader *ld, const pl_xml_node *n, pl_indicator *ind)
{
    for (const pl_xml_node *l = pl_xml_first(n, "label"); l; l = pl_xml_next(l, "label")) {
        const char *lang = pl_xml_attr(l, "lang");
        char **slot = lang && strcmp(lang, "vi") == 0   ? &ind->label_vi
                      : lang && strcmp(lang, "en") == 0 ? &ind->label_en
                                                        : NULL;
        if (slot == NULL || *slot != NULL)
            return fail_at(ld, l, "label needs lang=\"vi\" or lang=\"en\", once each", NULL);
        if ((*slot = text_dup(pl_xml_text(l))) == NULL)
            return nomem(ld);
    }
    if (ind->label_vi == NULL || ind->label_en == NULL)
        return fail_at(ld, n, "indicator needs a Vietnamese and an English label", NULL);
    return 0;
}

/* Unit, level or change, yearly or not ("%" level when unstated). */
static int load_kind(const loader *ld, const pl_xml_node *n, pl_indicator *ind)
{
    const char *unit = pl_xml_attr(n, "unit");
    const char *change = pl_xml_attr(n, "change");
    const char *per_year = pl_xml_attr(n, "per-year");
    if (unit == NULL)
        unit = "%";
    if (strlen(unit) >= sizeof ind->unit)
        return fail_at(ld, n, "unknown unit ", unit);
    memcpy(ind->unit, unit, strlen(unit) + 1);
    int k = change ? lookup(change_names, 3, change) : 0;
    if (k < 0)
        return fail_at(ld, n, "change must be \"decrease\" or \"increase\"", NULL);
    ind->change = (pl_change)k;
    ind->per_year = per_year && (strcmp(per_year, "true") == 0 || strcmp(per_year, "1") == 0);
    if (ind->per_year && ind->change == PL_CHANGE_NONE)
        return fail_at(ld, n, "per-year needs a change (decrease or increase)", NULL);
    return 0;
}

static struct pl_probe *probes_of(char *const *v, size_t n);

static int load_indicator(const loader *ld, const pl_xml_node *n, pl_indicator *ind)
{
    const char *dir = pl_xml_attr(n, "direction");
    if (dup_opt(pl_xml_attr(n, "id"), &ind->id))
        return nomem(ld);
    if (ind->id == NULL)
        return fail_at(ld, n, "indicator has no id", NULL);
    if (dir == NULL || (strcmp(dir, "higher") != 0 && strcmp(dir, "lower") != 0))
        return fail_at(ld, n, "direction must be \"higher\" or \"lower\"", NULL);
    ind->direction = strcmp(dir, "lower") == 0 ? PL_DIR_LOWER : PL_DIR_HIGHER;
    if (dup_opt(pl_xml_attr(n, "same-as"), &ind->same_as))
        return nomem(ld);
    if (int_attr(ld, n, "objective", 0, &ind->objective) ||
        int_attr(ld, n, "item", 0, &ind->item) || load_kind(ld, n, ind) ||
        load_labels(ld, n, ind) ||
        load_phrases(ld, n, "any", &ind->any, &ind->nany) ||
        load_phrases(ld, n, "all", &ind->all, &ind->nall) ||
        load_phrases(ld, n, "none", &ind->none, &ind->nnone))
        return -1;
    ind->any_probe = probes_of(ind->any, ind->nany);
    ind->all_probe = probes_of(ind->all, ind->nall);
    ind->none_probe = probes_of(ind->none, ind->nnone);
    if (ind->nany == 0)
        return fail_at(ld, n, "indicator needs at least one <any> phrase", NULL);
    return 0;
}

/* The indicator called id among those read so far. */
static const pl_indicator *indicator_of(const pl_program *p, const char *id)
{
    for (size_t i = 0; p && id && i < p->nindicators; i++)
        if (p->indicators[i].id && strcmp(p->indicators[i].id, id) == 0)
            return &p->indicators[i];
    return NULL;
}

static int load_indicators(const loader *ld, const pl_xml_node *root, pl_program *p)
{
    const pl_xml_node *list = pl_xml_first(root, "indicators");
    size_t count = 0;
    for (const pl_xml_node *n = list ? pl_xml_first(list, "indicator") : NULL; n;
         n = pl_xml_next(n, "indicator"))
        count++;
    if (count == 0)
        return 0;
    if ((p->indicators = calloc(count, sizeof *p->indicators)) == NULL)
        return nomem(ld);
    for (const pl_xml_node *n = pl_xml_first(list, "indicator"); n;
         n = pl_xml_next(n, "indicator")) {
        pl_indicator *ind = &p->indicators[p->nindicators++];
        if (load_indicator(ld, n, ind) != 0)
            return -1;
        if (indicator_of(p, ind->id) != ind)
            return fail_at(ld, n, "duplicate indicator id ", ind->id);
    }
    return 0;
}

/* A value and a comparator come together; a qualitative target has
 * neither; "unknown" confidence means no value was established. */
static int load_values(const loader *ld, const pl_xml_node *n, pl_reference *r)
{
    const char *cmp = pl_xml_attr(n, "cmp");
    const char *value = pl_xml_attr(n, "value");
    int ci = lookup(conf_names, (int)(sizeof conf_names / sizeof *conf_names),
                    pl_xml_attr(n, "confidence"));
    if (ci < 0)
        return fail_at(ld, n, "unknown confidence", NULL);
    r->confidence = (pl_confidence)ci;
    if ((cmp == NULL) != (value == NULL))
        return fail_at(ld, n, "a value needs a comparator (cmp) and a comparator a value", NULL);
    if (value == NULL)
        return 0;
    if (r->confidence == PL_CONF_UNKNOWN)
        return fail_at(ld, n, "confidence \"unknown\" means no value: remove value and cmp", NULL);
    int k = lookup(cmp_names, (int)(sizeof cmp_names / sizeof *cmp_names), cmp);
    if (k <= 0)
        return fail_at(ld, n, "unknown comparator ", cmp);
    if (parse_decimal(value, &r->value) != 0)
        return fail_at(ld, n, "not a number: ", value);
    if (r->value > 100 && strcmp(r->indicator->unit, "%") == 0)
        return fail_at(ld, n, "a percentage above 100: ", value);
    r->cmp = (pl_cmp)k;
    r->has_value = 1;
    return 0;
}

static int load_reference(const loader *ld, const pl_program *p, const pl_xml_node *n,
                          pl_reference *r)
{
    const char *id = pl_xml_attr(n, "indicator");
    const pl_xml_node *w = pl_xml_first(n, "wording");
    const pl_xml_node *s = pl_xml_first(n, "source");
    r->indicator = id ? indicator_of(p, id) : NULL;
    if (r->indicator == NULL)
        return fail_at(ld, n, "reference to an undeclared indicator ", id ? id : "(none)");
    if (int_attr(ld, n, "year", 0, &r->year) || load_values(ld, n, r))
        return -1;
    /* a yearly change holds every year: it has no year of its own */
    if ((r->year == 0) != (r->indicator->per_year != 0))
        return fail_at(ld, n,
                       r->year ? "a yearly change (per-year) has no year: remove year of "
                               : "reference needs a year: ",
                       id);
    /* The first reference with this indicator and year must be r itself;
     * indicator ids are unique (load_indicators), so comparing the
     * resolved pointers is comparing the ids, without a strcmp each. */
    const pl_reference *first = p->refs;
    while (first != r && !(first->indicator == r->indicator && first->year == r->year))
        first++;
    if (first != r)
        return fail_at(ld, n, "second reference for the same indicator and year: ", id);
    if (dup_opt(w ? pl_xml_text(w) : NULL, &r->wording) ||
        dup_opt(s ? pl_xml_text(s) : NULL, &r->source))
        return nomem(ld);
    return 0;
}

static int load_references(const loader *ld, const pl_xml_node *root, pl_program *p)
{
    const pl_xml_node *list = pl_xml_first(root, "references");
    size_t count = 0;
    for (const pl_xml_node *n = list ? pl_xml_first(list, "reference") : NULL; n;
         n = pl_xml_next(n, "reference"))
        count++;
    if (count == 0)
        return 0;
    if ((p->refs = calloc(count, sizeof *p->refs)) == NULL)
        return nomem(ld);
    for (const pl_xml_node *n = pl_xml_first(list, "reference"); n; n = pl_xml_next(n, "reference"))
        if (load_reference(ld, p, n, &p->refs[p->nrefs++]) != 0)
            return -1;
    return 0;
}

/* A built-in programme's body, read on first use (pl_program_body): the
 * tree it is read from, kept until then, and its name for errors. */
struct pl_program_lazy {
    _Atomic int ready;
    pl_xml_node *root;
    char *name;
};
static pthread_mutex_t body_lock = PTHREAD_MUTEX_INITIALIZER;

/* Read the programme in a parsed tree: the header, and (lazy = 0) the
 * body too, freeing the tree; with lazy the tree is kept for the body. */
static pl_program *program_of_tree_as(const char *name, pl_xml_node *root, int lazy,
                                      pl_error *err)
{
    loader ld = {name ? name : "-", err};
    if (root == NULL)
        return NULL;
    pl_program *p = calloc(1, sizeof *p);
    if (p == NULL)
        nomem(&ld);
    else if (load_header(&ld, root, p) ||
             (!lazy && (load_indicators(&ld, root, p) || load_references(&ld, root, p)))) {
        pl_program_free(p);
        p = NULL;
    } else if (lazy) {
        if ((p->lazy = calloc(1, sizeof *p->lazy)) == NULL ||
            (p->lazy->name = strdup(ld.name)) == NULL) {
            pl_program_free(p);
            pl_xml_free(root);
            nomem(&ld);
            return NULL;
        }
        p->lazy->root = root;
        return p;
    }
    pl_xml_free(root);
    return p;
}

/* Read the programme in a parsed tree, which it frees. */
static pl_program *program_of_tree(const char *name, pl_xml_node *root, pl_error *err)
{
    return program_of_tree_as(name, root, 0, err);
}

const pl_program *pl_program_body(const pl_program *cp)
{
    pl_program *p = (pl_program *)(uintptr_t)cp; /* filled lazily, logically const */
    if (!p || !p->lazy || atomic_load_explicit(&p->lazy->ready, memory_order_acquire))
        return p;
    pthread_mutex_lock(&body_lock);
    if (!atomic_load_explicit(&p->lazy->ready, memory_order_relaxed)) {
        pl_error err = {0};
        loader ld = {p->lazy->name, &err};
        if (load_indicators(&ld, p->lazy->root, p) || load_references(&ld, p->lazy->root, p)) {
            fprintf(stderr, "planlint: built-in programme does not load: %s\n", err.message);
            abort();
        }
        pl_xml_free(p->lazy->root);
        p->lazy->root = NULL;
        atomic_store_explicit(&p->lazy->ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(&body_lock);
    return p;
}

/* Parse a programme file and check it against the schema.  The embedded
 * programmes skip both: the build checked them (data/check_data.c) and
 * made their trees (data/gen_trees.c), so that no process pays again. */
static pl_program *parse_program(const char *name, const char *xml, size_t len, pl_error *err)
{
    const pl_embedded_file *xsd = pl_embedded_find(SCHEMA_NAME);
    if (xsd == NULL) {
        pl_error_set(err, PL_ERR_DATA, name ? name : "-", NULL, "built-in schema %s is missing",
                     SCHEMA_NAME);
        return NULL;
    }
    return program_of_tree(name, pl_xml_parse(name ? name : "-", xml, len, (const char *)xsd->data,
                                              xsd->len, err),
                           err);
}

pl_program *pl_program_parse(const char *name, const char *xml, size_t len, pl_error *err)
{
    return parse_program(name, xml, len, err);
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void pl_program_free(pl_program *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->nindicators; i++) {
        pl_indicator *ind = &p->indicators[i];
        free(ind->id);
        free(ind->label_vi);
        free(ind->label_en);
        free(ind->same_as);
        free_strings(ind->any, ind->nany);
        free_strings(ind->all, ind->nall);
        free_strings(ind->none, ind->nnone);
        free(ind->any_probe);
        free(ind->all_probe);
        free(ind->none_probe);
    }
    for (size_t i = 0; i < p->nrefs; i++) {
        free(p->refs[i].wording);
        free(p->refs[i].source);
    }
    free(p->indicators);
    free(p->refs);
    free_strings(p->title_phrases, p->ntitle_phrases);
    free_strings(p->numbers, p->nnumbers);
    free_strings(p->words, p->nwords);
    free_strings(p->notes, p->nnotes);
    free(p->id);
    free(p->title);
    free(p->decision_number);
    free(p->decision_date);
    free(p->decision_issuer);
    free(p->replaces);
    if (p->lazy) {
        pl_xml_free(p->lazy->root);
        free(p->lazy->name);
        free(p->lazy);
    }
    free(p);
}

/* ---- the registry ---------------------------------------------------------- */

pl_programs *pl_programs_new(void)
{
    pl_programs *ps = calloc(1, sizeof(pl_programs));
    if (ps && pthread_mutex_init(&ps->cache_lock, NULL) != 0) {
        free(ps);
        return NULL;
    }
    return ps;
}

static void drop_cached(pl_programs *ps)
{
    if (ps->cached)
        ps->cached_free(ps->cached);
    ps->cached = NULL;
}

const void *pl_programs_cached(const pl_programs *ps, void *(*make)(const pl_programs *),
                               void (*drop)(void *))
{
    /* the cache is not what the registry holds: filling it leaves the
     * registry as it was, so a const registry may */
    pl_programs *m = (pl_programs *)(uintptr_t)ps;
    pthread_mutex_lock(&m->cache_lock);
    if (!m->cached || m->cached_free != drop) {
        drop_cached(m);
        m->cached = make(ps);
        m->cached_free = drop;
    }
    const void *c = m->cached;
    pthread_mutex_unlock(&m->cache_lock);
    return c;
}

void pl_programs_free(pl_programs *ps)
{
    if (ps == NULL)
        return;
    drop_cached(ps);
    pthread_mutex_destroy(&ps->cache_lock);
    for (size_t i = 0; i < ps->n; i++)
        pl_program_free(ps->items[i]);
    free(ps->items);
    for (size_t i = 0; i < ps->nretired; i++)
        pl_program_free(ps->retired[i]);
    free(ps->retired);
    free(ps);
}

/* Keep `old` until the registry is freed: documents, checkers and
 * comparisons made before a replacement point into it. */
static int retire(pl_programs *ps, pl_program *old)
{
    if (ps->nretired == ps->capretired) {
        size_t cap = ps->capretired ? 2 * ps->capretired : 4;
        pl_program **v = realloc(ps->retired, cap * sizeof *v);
        if (v == NULL)
            return -1;
        ps->retired = v;
        ps->capretired = cap;
    }
    ps->retired[ps->nretired++] = old;
    return 0;
}

/* Take ownership of p; a programme with the same id is replaced, the old
 * one retired (kept alive with the registry, see planlint.h). */
static int programs_add(pl_programs *ps, pl_program *p)
{
    drop_cached(ps); /* made of the programmes as they were */
    for (size_t i = 0; i < ps->n; i++) {
        if (strcmp(ps->items[i]->id, p->id) == 0) {
            if (retire(ps, ps->items[i]) != 0)
                return -1;
            ps->items[i] = p;
            return 0;
        }
    }
    if (PL_ARRAY_RESERVE(ps->items, ps->cap, ps->n + 1) != 0)
        return -1;
    ps->items[ps->n++] = p;
    return 0;
}

/* Add p (NULL: it did not load; err says why) to ps. */
static int add_loaded(pl_programs *ps, const char *name, pl_program *p, pl_error *err)
{
    if (p == NULL)
        return -1;
    if (programs_add(ps, p) != 0) {
        pl_program_free(p);
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return -1;
    }
    return 0;
}

static int has_prefix_suffix(const char *s, const char *prefix, const char *suffix)
{
    size_t n = strlen(s), np = strlen(prefix), ns = strlen(suffix);
    return n >= np + ns && strncmp(s, prefix, np) == 0 && strcmp(s + n - ns, suffix) == 0;
}

pl_programs *pl_programs_new_builtin(pl_error *err)
{
    pl_programs *ps = pl_programs_new();
    if (ps == NULL) {
        pl_error_set(err, PL_ERR_NOMEM, NULL, NULL, "built-in programmes: out of memory");
        return NULL;
    }
    char name[256];
    for (size_t i = 0; i < pl_embedded_count; i++) {
        const pl_embedded_file *f = &pl_embedded_files[i];
        if (!has_prefix_suffix(f->name, PROGRAMS_DIR, ".xml"))
            continue;
        /* Errors name the source file, so a broken build points at data/. */
        snprintf(name, sizeof name, "data/%s", f->name);
        pl_program *p = program_of_tree_as(name, pl_embedded_tree(f, name, err), 1, err);
        if (add_loaded(ps, name, p, err) != 0) {
            pl_programs_free(ps);
            return NULL;
        }
    }
    return ps;
}

/* Read a whole file, at most PL_XML_MAX_BYTES.  0, or -1 with err set. */
static int read_file(const char *path, pl_buf *out, pl_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        pl_error_set(err, PL_ERR_IO, path, NULL, "cannot open: %s", strerror(errno));
        return -1;
    }
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && out->len <= PL_XML_MAX_BYTES)
        pl_buf_put(out, chunk, n);
    int bad = ferror(fp);
    fclose(fp);
    if (bad)
        pl_error_set(err, PL_ERR_IO, path, NULL, "read error");
    else if (out->len > PL_XML_MAX_BYTES)
        pl_error_set(err, PL_ERR_TOO_LARGE, path, NULL, "larger than %zu bytes",
                     (size_t)PL_XML_MAX_BYTES);
    else if (out->failed)
        pl_error_set(err, PL_ERR_NOMEM, path, NULL, "out of memory");
    else
        return 0;
    return -1;
}

int pl_programs_load_file(pl_programs *ps, const char *path, pl_error *err)
{
    PL_ASSERT_ARG(ps, err, -1);
    PL_ASSERT_ARG(path, err, -1);
    pl_buf b = PL_BUF_INIT;
    int rc = read_file(path, &b, err);
    if (rc == 0)
        rc = add_loaded(ps, path, parse_program(path, b.data ? b.data : "", b.len, err), err);
    pl_buf_free(&b);
    return rc;
}

size_t pl_programs_count(const pl_programs *ps)
{
    return ps ? ps->n : 0;
}

const pl_program *pl_programs_at(const pl_programs *ps, size_t i)
{
    return ps && i < ps->n ? pl_program_body(ps->items[i]) : NULL;
}

const char *pl_programs_id_at(const pl_programs *ps, size_t i)
{
    return ps && i < ps->n ? ps->items[i]->id : NULL;
}

const pl_program *pl_programs_find(const pl_programs *ps, const char *id)
{
    for (size_t i = 0; ps && id && i < ps->n; i++)
        if (strcmp(ps->items[i]->id, id) == 0)
            return pl_program_body(ps->items[i]);
    return NULL;
}

/* Loose form without spaces: "782/QĐ-TTg", "782/qđ-ttg" and "782 / QD-TTg"
 * compare equal (copies lose the accent of Đ as often as the case). */
static char *number_key(const char *s, char *buf, size_t cap)
{
    char *k = pl_fold_loose_into(s, strlen(s), buf, cap);
    if (k == NULL)
        return NULL;
    size_t w = 0;
    for (size_t r = 0; k[r]; r++)
        if (k[r] != ' ')
            k[w++] = k[r];
    k[w] = '\0';
    return k;
}

const pl_program *pl_programs_by_number(const pl_programs *ps, const char *number)
{
    const pl_program *found = NULL;
    /* numbers are short: folded on the stack */
    char wbuf[128], hbuf[128];
    char *want = number ? number_key(number, wbuf, sizeof wbuf) : NULL;
    for (size_t i = 0; want && i < ps->n && !found; i++) {
        const char *n = ps->items[i]->decision_number;
        char *have = n ? number_key(n, hbuf, sizeof hbuf) : NULL;
        if (have && strcmp(have, want) == 0)
            found = ps->items[i];
        pl_fold_loose_done(have, hbuf);
    }
    pl_fold_loose_done(want, wbuf);
    return pl_program_body(found);
}

int pl_program_has_number(const pl_program *p, const char *number)
{
    if (p == NULL || number == NULL)
        return 0;
    /* a few numbers a citation: folded on the stack */
    char wbuf[128], hbuf[128];
    char *want = number_key(number, wbuf, sizeof wbuf);
    int found = 0;
    for (size_t i = 0; want && !found && i <= p->nnumbers; i++) {
        const char *n = i == 0 ? p->decision_number : p->numbers[i - 1];
        char *have = n ? number_key(n, hbuf, sizeof hbuf) : NULL;
        found = have && strcmp(have, want) == 0;
        pl_fold_loose_done(have, hbuf);
    }
    pl_fold_loose_done(want, wbuf);
    return found;
}

const pl_indicator *pl_program_indicator(const pl_program *p, const char *id)
{
    return indicator_of(pl_program_body(p), id);
}

const pl_reference *pl_program_ref(const pl_program *p, const char *indicator_id, int year)
{
    p = pl_program_body(p);
    for (size_t i = 0; p && indicator_id && i < p->nrefs; i++) {
        const pl_reference *r = &p->refs[i];
        if (r->indicator && r->year == year && strcmp(r->indicator->id, indicator_id) == 0)
            return r;
    }
    return NULL;
}

/* ---- matching ---------------------------------------------------------------- */

/* A byte that belongs to a word in loose text: ASCII letters and digits,
 * and any byte of a non-ASCII character (letters of other scripts survive
 * folding). */
static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* The three-byte sequences of a text, hashed into a set of bits: a
 * phrase one of whose sequences is not in the set cannot occur in the
 * text, and its search is skipped (pl_program_match_target tries about
 * fifty phrases on each target's clause, most of them absent).  A clause
 * is a few hundred bytes: 4 096 bits, a 512-byte memset a call (2^15 was
 * a 4 KB one; 12 bits measured 0.9 M instructions fewer on the 2 MB
 * sample, 11 and 13 no better). */
#define TRI_BITS 12
typedef struct tri_set {
    uint64_t w[(1u << TRI_BITS) / 64];
} tri_set;

static inline unsigned tri_hash(const char *s)
{
    uint32_t v = (uint32_t)(unsigned char)s[0] | (uint32_t)(unsigned char)s[1] << 8 |
                 (uint32_t)(unsigned char)s[2] << 16;
    return (unsigned)((v * 2654435761u) >> (32 - TRI_BITS));
}

static void tri_fill(tri_set *t, const char *text)
{
    memset(t->w, 0, sizeof t->w);
    size_t n = strlen(text);
    if (n < 3)
        return;
    /* tri_hash's value, rolled on a byte at a time */
    uint32_t v = (uint32_t)(unsigned char)text[0] << 8 | (uint32_t)(unsigned char)text[1] << 16;
    for (size_t i = 2; i < n; i++) {
        v = v >> 8 | (uint32_t)(unsigned char)text[i] << 16;
        unsigned h = (unsigned)((v * 2654435761u) >> (32 - TRI_BITS));
        t->w[h >> 6] |= (uint64_t)1 << (h & 63);
    }
}

static inline int tri_has(const tri_set *t, unsigned h)
{
    return (int)(t->w[h >> 6] >> (h & 63) & 1);
}

/* A phrase as matching reads it (program.h): its length, and the hashes
 * of its three-byte sequences that tri_may tests, first, last and middle
 * first (where most absent phrases fail), then the others, each once, up
 * to PROBE_TRI of them.  The tri_set test is only a filter (a phrase that
 * occurs passes it whatever sequences are tested): testing them all leaves
 * a search for the phrases that are there.  The three tested before were
 * passed by 19 836 of the 98 210 phrases tried on the 2 MB sample, and
 * each search (strstr) cost 200 instructions; strlen of each phrase on
 * each try cost 2 M. */
#define PROBE_TRI 16
struct pl_probe {
    size_t len;
    unsigned ntri;
    uint16_t tri[PROBE_TRI];
};

static void probe_make(struct pl_probe *pr, const char *phrase)
{
    size_t n = strlen(phrase);
    pr->len = n;
    pr->ntri = 0;
    if (n < 3)
        return; /* always may */
    size_t first[3] = {0, n - 3, (n - 3) / 2};
    for (size_t k = 0; k < 3 + (n - 2) && pr->ntri < PROBE_TRI; k++) {
        size_t at = k < 3 ? first[k] : k - 3;
        uint16_t h = (uint16_t)tri_hash(phrase + at);
        unsigned j = 0;
        while (j < pr->ntri && pr->tri[j] != h)
            j++;
        if (j == pr->ntri)
            pr->tri[pr->ntri++] = h;
    }
}

/* The probes of v[0..n), or NULL on allocation failure (then matching
 * works them out as it goes). */
static struct pl_probe *probes_of(char *const *v, size_t n)
{
    struct pl_probe *pr = n ? malloc(n * sizeof *pr) : NULL;
    for (size_t i = 0; pr && i < n; i++)
        probe_make(&pr[i], v[i]);
    return pr;
}

/* Whether the phrase may occur in the text of `t`: every sequence of its
 * probe is in the set (always without a set).  Inline in the loops that
 * ask it: most phrases fail here, and a call for each cost more than the
 * test. */
static inline int tri_may(const tri_set *t, const struct pl_probe *pr)
{
    if (!t)
        return 1;
    for (unsigned k = 0; k < pr->ntri; k++)
        if (!tri_has(t, pr->tri[k]))
            return 0;
    return 1;
}

/* Whether phrase[0..n) (n > 0) occurs in `text` as whole words: "cap xa"
 * must not match inside "cap xay", nor "tre em" inside "tre emm".  An edge
 * of the phrase that is punctuation ("cha, me,") needs no boundary.
 * strstr, not memmem: on a clause of a few hundred bytes glibc's memmem
 * costs about twice as much (its shift table is made on each call). */
static int occurs(const char *text, const char *phrase, size_t n)
{
    int at_start = is_word_byte((unsigned char)phrase[0]);
    int at_end = is_word_byte((unsigned char)phrase[n - 1]);
    for (const char *s = strstr(text, phrase); s != NULL; s = strstr(s + 1, phrase)) {
        if (at_start && s > text && is_word_byte((unsigned char)s[-1]))
            continue;
        if (at_end && is_word_byte((unsigned char)s[n]))
            continue;
        return 1;
    }
    return 0;
}

/* The probe of v[i]: probes[i], or one made in *tmp (its length alone
 * when there is no tri_set t to test it on). */
static inline const struct pl_probe *probe_at(char *const *v, const struct pl_probe *probes,
                                              size_t i, const tri_set *t, struct pl_probe *tmp)
{
    if (probes)
        return &probes[i];
    if (t) {
        probe_make(tmp, v[i]);
    } else {
        tmp->len = strlen(v[i]);
        tmp->ntri = 0;
    }
    return tmp;
}

/* Whether v[i] occurs in text as whole words (occurs); t is the text's
 * tri_set or NULL. */
static inline int contains_phrase(const char *text, char *const *v, const struct pl_probe *probes,
                                  size_t i, const tri_set *t)
{
    struct pl_probe tmp;
    const struct pl_probe *pr = probe_at(v, probes, i, t, &tmp);
    return pr->len > 0 && tri_may(t, pr) && occurs(text, v[i], pr->len);
}

/* Length of the longest phrase of v[0..n) found in text, 0 if none; t is
 * the text's tri_set or NULL, probes v's or NULL. */
static size_t longest_found_in(char *const *v, const struct pl_probe *probes, size_t n,
                               const char *text, const tri_set *t)
{
    size_t best = 0;
    struct pl_probe tmp;
    for (size_t i = 0; i < n; i++) {
        const struct pl_probe *pr = probe_at(v, probes, i, t, &tmp);
        if (pr->len > best && tri_may(t, pr) && occurs(text, v[i], pr->len))
            best = pr->len;
    }
    return best;
}

/* How strongly a clause matches an indicator: the length of its longest
 * matched `any` phrase, or 0 when `all` or `none` rule it out. */
static size_t indicator_score(const pl_indicator *ind, const char *clause, const tri_set *t)
{
    if (longest_found_in(ind->none, ind->none_probe, ind->nnone, clause, t) > 0)
        return 0;
    for (size_t i = 0; i < ind->nall; i++)
        if (!contains_phrase(clause, ind->all, ind->all_probe, i, t))
            return 0;
    return longest_found_in(ind->any, ind->any_probe, ind->nany, clause, t);
}

int pl_indicator_fits(const pl_indicator *ind, const pl_kind *kind)
{
    const char *unit = kind && kind->unit && kind->unit[0] ? kind->unit : "%";
    pl_change change = kind ? kind->change : PL_CHANGE_NONE;
    int per_year = kind ? kind->per_year != 0 : 0;
    return ind->change == change && ind->per_year == per_year && ind->unit[0] == unit[0] &&
           strcmp(ind->unit, unit) == 0;
}

const pl_indicator *pl_program_match_group(const pl_program *p, const char *loose_clause)
{
    return pl_program_match_target(p, loose_clause, NULL);
}

const pl_indicator *pl_program_match_target(const pl_program *p, const char *loose_clause,
                                            const pl_kind *kind)
{
    const pl_indicator *best = NULL;
    size_t best_score = 0;
    if (!p || !loose_clause)
        return NULL;
    p = pl_program_body(p);
    tri_set t;
    tri_fill(&t, loose_clause);
    for (size_t i = 0; i < p->nindicators; i++) {
        if (!pl_indicator_fits(&p->indicators[i], kind))
            continue;
        size_t score = indicator_score(&p->indicators[i], loose_clause, &t);
        if (score > best_score) { /* strictly: ties keep the earlier one */
            best = &p->indicators[i];
            best_score = score;
        }
    }
    return best;
}

/* Whether the programme's span overlaps the plan's years [start, end]. */
static int period_fits(const pl_program *p, int start, int end)
{
    int last = p->horizon > p->period_end ? p->horizon : p->period_end;
    return start <= last && end >= p->period_start;
}

const pl_program *pl_programs_match_title_period(const pl_programs *ps, const char *loose_text,
                                                 int start, int end)
{
    const pl_program *best = NULL;
    size_t best_len = 0;
    int best_fit = 0;
    if (end == 0)
        end = start;
    for (size_t i = 0; ps && loose_text && i < ps->n; i++) {
        const pl_program *p = ps->items[i];
        size_t len = longest_found_in(p->title_phrases, NULL, p->ntitle_phrases, loose_text, NULL);
        if (len == 0)
            continue;
        int fit = start > 0 && period_fits(p, start, end);
        /* Ranked by period fit, then phrase length, then newer period. */
        if (best == NULL || fit > best_fit || (fit == best_fit && len > best_len) ||
            (fit == best_fit && len == best_len && p->period_start > best->period_start)) {
            best = p;
            best_len = len;
            best_fit = fit;
        }
    }
    return pl_program_body(best);
}

const pl_program *pl_programs_match_title(const pl_programs *ps, const char *loose_text)
{
    return pl_programs_match_title_period(ps, loose_text, 0, 0);
}

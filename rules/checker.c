/* checker.c - pl_checker and pl_check_doc: settings, parents, rule
 * families, findings.
 *
 * Outline of pl_check_doc:
 *   settings   rule table defaults <- nearest .planlint <- command line
 *   programme  --program, else the configured one, else the one the parser
 *              recognised, else none: a plan of a programme planlint does
 *              not know has no national parent and no programme findings
 *   parents    --parent, then cited plans of --plans DIR, then the
 *              programme (parents.c)
 *   families   values, parent, document, citations, words
 *   report     sorted by position
 */
#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rules.h"
#include "array.h"
#include "input.h"
#include "uni.h"

struct pl_checker {
    const pl_programs *programs;
    pl_catalog *cat;
    pl_config *cli;           /* the caller's configuration (a copy) */
    pl_plan_index index;      /* --plans DIR */
    pl_doc *parent;           /* --parent FILE */
    const pl_program *forced; /* --program ID */
    /* how --parent and --plans files are read (pl_checker_set_read_options) */
    size_t read_max;
    char *read_format, *read_encoding;
    /* The last .planlint read, and its contents: the only state that
     * pl_check_doc changes, so the only one under a lock (the CLI's
     * --jobs checks files in several threads on one checker). */
    pthread_mutex_t cache_lock;
    char *cache_path;
    pl_config *cache_cfg;
    /* The directory last looked in (the part of a source up to its last
     * '/'; "" for none) and the .planlint found for it (NULL: none): the
     * files of a directory come one after another, and the search up the
     * tree costs some 30 system calls a file. */
    char *found_dir, *found_path;
    size_t found_len; /* strlen(found_dir) */
    int one_lang;     /* pl_checker_set_one_language */
};

/* ---- construction ------------------------------------------------------- */

static void defaults(const pl_catalog *cat, pl_settings *s)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < PL_R_COUNT; i++)
        s->severity[i] = cat->rules[i].severity;
    s->fail_on = PL_SEV_ERROR;
    s->lang = PL_LANG_VI;
}

static int check_program_id(const pl_checker *ck, const char *id, pl_status st, pl_error *err)
{
    if (!id || pl_programs_find(ck->programs, id))
        return 0;
    if (err) {
        err->status = st;
        snprintf(err->message, sizeof err->message,
                 "unknown programme '%s' (see 'planlint programs')", id);
    }
    return -1;
}

pl_checker *pl_checker_new(const pl_programs *programs, const pl_config *cfg, pl_error *err)
{
    PL_ASSERT_ARG(programs, err, NULL);
    pl_checker *ck = calloc(1, sizeof *ck);
    if (ck && pthread_mutex_init(&ck->cache_lock, NULL) != 0) {
        free(ck);
        ck = NULL;
    }
    if (!ck) {
        pl_error_set(err, PL_ERR_NOMEM, "planlint", NULL, "out of memory");
        return NULL;
    }
    ck->programs = programs;
    ck->cat = pl_catalog_load(err);
    ck->cli = ck->cat ? pl_config_copy(cfg) : NULL;
    if (ck->cat && !ck->cli)
        pl_error_set(err, PL_ERR_NOMEM, "planlint", NULL, "out of memory");
    pl_settings s;
    if (!ck->cli || (defaults(ck->cat, &s), pl_settings_apply(&s, ck->cli, err)) != 0 ||
        check_program_id(ck, ck->cli->program, PL_ERR_USAGE, err) != 0) {
        pl_checker_free(ck);
        return NULL;
    }
    return ck;
}

void pl_checker_free(pl_checker *ck)
{
    if (!ck)
        return;
    pl_catalog_free(ck->cat);
    pl_config_free(ck->cli);
    for (size_t i = 0; i < ck->index.n; i++)
        pl_doc_free(ck->index.docs[i]);
    free(ck->index.docs);
    pl_doc_free(ck->parent);
    free(ck->read_format);
    free(ck->read_encoding);
    free(ck->cache_path);
    pl_config_free(ck->cache_cfg);
    free(ck->found_dir);
    free(ck->found_path);
    pthread_mutex_destroy(&ck->cache_lock);
    free(ck);
}

static int index_add(pl_plan_index *ix, pl_doc *d)
{
    if (PL_ARRAY_RESERVE(ix->docs, ix->cap, ix->n + 1) != 0)
        return -1;
    ix->docs[ix->n++] = d;
    return 0;
}

long pl_checker_add_plans_dir(pl_checker *ck, const char *dir, pl_error *err)
{
    PL_ASSERT_ARG(ck, err, -1);
    PL_ASSERT_ARG(dir, err, -1);
    DIR *d = opendir(dir);
    if (!d) {
        pl_error_set(err, PL_ERR_IO, dir, NULL, "cannot open the plans directory");
        return -1;
    }
    closedir(d);
    char *operands[1] = {strdup(dir)};
    char **paths = NULL;
    long n = operands[0] ? pl_expand_inputs(operands, 1, &paths) : -1;
    free(operands[0]);
    if (n < 0) {
        pl_error_set(err, PL_ERR_NOMEM, dir, NULL, "out of memory");
        return -1;
    }
    long added = 0;
    for (long i = 0; i < n; i++) {
        pl_error ignored = {0};
        /* an unreadable file in the plans directory is not an input: it
         * simply cannot be a parent */
        pl_parse_options opt = {.max_bytes = ck->read_max};
        pl_doc *doc = pl_doc_read(paths[i], ck->programs, &opt, &ignored);
        if (!doc)
            continue;
        if (index_add(&ck->index, doc) != 0) {
            pl_doc_free(doc);
            pl_paths_free(paths);
            pl_error_set(err, PL_ERR_NOMEM, dir, NULL, "out of memory");
            return -1;
        }
        added++;
    }
    pl_paths_free(paths);
    return added;
}

static int copy_name(const char *from, char **to)
{
    free(*to);
    *to = from ? strdup(from) : NULL;
    return from && !*to ? -1 : 0;
}

int pl_checker_set_read_options(pl_checker *ck, const pl_parse_options *opt, pl_error *err)
{
    PL_ASSERT_ARG(ck, err, -1);
    pl_parse_options none = {0};
    if (!opt)
        opt = &none;
    if (pl_parse_options_check(opt, err) != 0)
        return -1;
    if (copy_name(opt->format_in, &ck->read_format) != 0 ||
        copy_name(opt->encoding, &ck->read_encoding) != 0) {
        pl_error_set(err, PL_ERR_NOMEM, NULL, NULL, "out of memory");
        return -1;
    }
    ck->read_max = opt->max_bytes;
    return 0;
}

int pl_checker_set_parent_file(pl_checker *ck, const char *path, pl_error *err)
{
    PL_ASSERT_ARG(ck, err, -1);
    PL_ASSERT_ARG(path, err, -1);
    pl_parse_options opt = {
        .max_bytes = ck->read_max, .format_in = ck->read_format, .encoding = ck->read_encoding};
    pl_doc *d = pl_doc_read(path, ck->programs, &opt, err);
    if (!d)
        return -1;
    pl_doc_free(ck->parent);
    ck->parent = d;
    return 0;
}

void pl_checker_set_one_language(pl_checker *ck, int on)
{
    if (ck)
        ck->one_lang = on != 0;
}

int pl_checker_set_program(pl_checker *ck, const char *id, pl_error *err)
{
    PL_ASSERT_ARG(ck, err, -1);
    PL_ASSERT_ARG(id, err, -1);
    if (check_program_id(ck, id, PL_ERR_USAGE, err) != 0)
        return -1;
    ck->forced = pl_programs_find(ck->programs, id);
    return 0;
}

/* ---- settings for one document ------------------------------------------ */

/* pl_config_find_for(source), searched once per directory: the answer
 * depends only on the part of source up to its last '/' (standard input,
 * "-", and a name without one start from the working directory).  The
 * path returned stays the checker's (valid until the next call). */
static const char *find_config(pl_checker *ck, const char *source)
{
    const char *slash = strcmp(source, "-") == 0 ? NULL : strrchr(source, '/');
    size_t n = slash ? (size_t)(slash - source) + 1 : 0;
    if (ck->found_dir && ck->found_len == n && memcmp(ck->found_dir, source, n) == 0)
        return ck->found_path;
    free(ck->found_dir);
    free(ck->found_path);
    ck->found_path = pl_config_find_for(source);
    ck->found_dir = pl_strndup(source, n); /* NULL (out of memory): no cache */
    ck->found_len = n;
    return ck->found_path;
}

/* The nearest .planlint, read once per file for a run over a directory. */
static const pl_config *file_config(pl_checker *ck, const char *source, pl_error *err, int *failed)
{
    *failed = 0;
    const char *found = find_config(ck, source);
    if (!found)
        return NULL;
    if (ck->cache_path && strcmp(ck->cache_path, found) == 0)
        return ck->cache_cfg;
    char *path = strdup(found);
    pl_config *cfg = path ? pl_config_new() : NULL;
    if (!cfg || pl_config_load_file(cfg, path, err) != 0) {
        if (!cfg)
            pl_error_set(err, PL_ERR_NOMEM, found, NULL, "out of memory");
        pl_config_free(cfg);
        free(path);
        *failed = 1;
        return NULL;
    }
    free(ck->cache_path);
    pl_config_free(ck->cache_cfg);
    ck->cache_path = path;
    ck->cache_cfg = cfg;
    return cfg;
}

/* The nearest .planlint applied over s, under the cache lock: another
 * thread may replace the cached file as soon as the lock is released, so
 * s->program, which points into it, is pointed at the registry's copy of
 * the id first (the registry outlives the checker). */
static int apply_file_config(pl_checker *ck, const char *source, pl_settings *s, pl_error *err)
{
    pthread_mutex_lock(&ck->cache_lock);
    int failed;
    const pl_config *fc = file_config(ck, source, err, &failed);
    int rc = failed || pl_settings_apply(s, fc, err) != 0 ? -1 : 0;
    if (rc == 0 && fc && !(s->config_file = strdup(ck->cache_path))) {
        pl_error_set(err, PL_ERR_NOMEM, source, NULL, "out of memory");
        rc = -1;
    }
    if (rc == 0 && fc && check_program_id(ck, fc->program, PL_ERR_DATA, err) != 0)
        rc = -1;
    if (rc == 0 && s->program) {
        const pl_program *p = pl_programs_find(ck->programs, s->program);
        s->program = p ? p->id : NULL;
    }
    pthread_mutex_unlock(&ck->cache_lock);
    return rc;
}

static int settings_for(pl_checker *ck, const pl_doc *doc, pl_settings *s, pl_error *err)
{
    defaults(ck->cat, s);
    if (ck->cli->default_lang >= 0) /* the user's environment, below the files */
        s->lang = (pl_lang)ck->cli->default_lang;
    if (ck->cli->use_files && apply_file_config(ck, doc->text.name, s, err) != 0)
        return -1;
    return pl_settings_apply(s, ck->cli, err);
}

static const pl_program *program_for(const pl_checker *ck, const pl_doc *doc,
                                     const pl_settings *s, int *recognised)
{
    *recognised = 1;
    if (ck->forced)
        return ck->forced;
    if (s->program)
        return pl_programs_find(ck->programs, s->program);
    if (doc->info.program)
        return doc->info.program;
    /* no programme: no national values to compare with, none to miss */
    *recognised = 0;
    return NULL;
}

/* ---- running ------------------------------------------------------------ */

typedef int (*pl_family)(pl_ctx *cx);

static const pl_family FAMILIES[] = {
    pl_check_values, pl_check_parent, pl_check_document, pl_check_citations, pl_check_words,
};

pl_report *pl_check_doc(pl_checker *ck, const pl_doc *doc, pl_error *err)
{
    PL_ASSERT_ARG(ck, err, NULL);
    PL_ASSERT_ARG(doc, err, NULL);
    pl_settings s;
    if (settings_for(ck, doc, &s, err) != 0) {
        free(s.config_file);
        return NULL;
    }
    pl_ctx cx = {0};
    cx.doc = doc;
    cx.cat = ck->cat;
    cx.settings = &s;
    cx.program = program_for(ck, doc, &s, &cx.program_recognised);
    cx.index = &ck->index;
    cx.programs = ck->programs;
    cx.one_lang = ck->one_lang;
    pl_chain chain;
    int rc = pl_chain_build(&chain, doc, ck->parent, &ck->index, cx.program);
    cx.chain = &chain;
    cx.report = rc == 0 ? pl_report_new(doc->text.name, s.lang, s.fail_on) : NULL;
    for (size_t i = 0; cx.report && i < chain.n && rc == 0; i++)
        rc = pl_report_add_parent(cx.report, chain.items[i].name);
    for (size_t i = 0; cx.report && rc == 0 && i < sizeof FAMILIES / sizeof *FAMILIES; i++)
        rc = FAMILIES[i](&cx);
    pl_chain_free(&chain);
    if (!cx.report || rc != 0 || cx.failed) {
        pl_report_free(cx.report);
        free(s.config_file);
        pl_error_set(err, PL_ERR_NOMEM, doc->text.name, NULL, "out of memory");
        return NULL;
    }
    cx.report->config = s.config_file;
    for (size_t i = 0; i < cx.report->n; i++) {
        pl_finding *f = &cx.report->items[i];
        f->page = pl_input_page(doc->text.input, f->pos.line, &f->ocr);
    }
    pl_report_sort(cx.report);
    return cx.report;
}

/* ---- findings ----------------------------------------------------------- */

int pl_ctx_enabled(const pl_ctx *cx, pl_rule_id rule)
{
    if (cx->settings->severity[rule] == PL_SEV_OFF)
        return 0;
    return !(cx->cat->rules[rule].documents_only && cx->doc->info.form != PL_FORM_DOCUMENT);
}

/* Findings of one rule in one document beyond this are dropped: a
 * generated file with a million "150%" needs the first few hundred to be
 * fixed, not a report of gigabytes. */
#define PL_MAX_FINDINGS_PER_RULE 500

int pl_ctx_lang(const pl_ctx *cx, pl_lang lang)
{
    return !cx->one_lang || cx->settings->lang == lang;
}

pl_arg pl_ctx_arg(const pl_ctx *cx, const char *name, const char *vi, const char *en)
{
    if (cx->one_lang) {
        const char *v = cx->settings->lang == PL_LANG_EN && en ? en : vi;
        return (pl_arg){name, v, v};
    }
    return (pl_arg){name, vi, en};
}

int pl_ctx_wants(const pl_ctx *cx, pl_rule_id rule)
{
    return pl_ctx_enabled(cx, rule) && cx->per_rule[rule] < PL_MAX_FINDINGS_PER_RULE;
}

/* Longest message built on the stack; a longer one is built on the heap. */
#define PL_MSG_MAX 1024

static const char *arg_value(const pl_arg *args, size_t n, const char *name, size_t len,
                             pl_lang lang)
{
    for (size_t i = n; i-- > 0;)
        if (args[i].name[0] == name[0] && strncmp(args[i].name, name, len) == 0 &&
            args[i].name[len] == '\0')
            return lang == PL_LANG_EN && args[i].en ? args[i].en : args[i].vi;
    return NULL;
}

/* Expand {name} in tmpl.  A space before an empty value is dropped, so
 * that optional parts ("{unconfirmed}") need no space of their own. */
static void expand(pl_buf *out, const char *tmpl, const pl_arg *args, size_t n, pl_lang lang)
{
    if (out->cap == 0)
        pl_buf_grow(out, 256); /* one allocation for most messages, not 64, 128, 256 */
    for (const char *p = tmpl; *p;) {
        if (*p != '{') {
            /* the text up to the next '{' in one piece */
            size_t run = strcspn(p, "{");
            pl_buf_put(out, p, run);
            p += run;
            continue;
        }
        const char *close = strchr(p, '}');
        if (!close) {
            pl_buf_putc(out, *p++);
            continue;
        }
        const char *v = arg_value(args, n, p + 1, (size_t)(close - p - 1), lang);
        if (!v || !*v) {
            if (out->len > 0 && out->data[out->len - 1] == ' ')
                out->data[--out->len] = '\0';
        } else {
            pl_buf_puts(out, v);
        }
        p = close + 1;
    }
}

/* expand() into buf[0..cap), terminated: its length, or (size_t)-1 when
 * the whole expansion does not fit (buf then holds a part of it).  A
 * finding's message and its parts are built here, without the heap;
 * what does not fit is built by expand() and cut as before. */
static size_t expand_to(char *buf, size_t cap, const char *tmpl, const pl_arg *args, size_t n,
                        pl_lang lang)
{
    if (cap == 0)
        return (size_t)-1;
    size_t w = 0;
    for (const char *p = tmpl; *p;) {
        const char *v = p;
        size_t len;
        if (*p != '{') {
            len = strcspn(p, "{");
            p += len;
        } else {
            const char *close = strchr(p, '}');
            if (!close) {
                len = 1;
                p++;
            } else {
                v = arg_value(args, n, p + 1, (size_t)(close - p - 1), lang);
                p = close + 1;
                if (!v || !*v) {
                    if (w > 0 && buf[w - 1] == ' ')
                        w--;
                    continue;
                }
                len = strlen(v);
            }
        }
        if (len >= cap - w) {
            buf[0] = '\0';
            return (size_t)-1;
        }
        memcpy(buf + w, v, len);
        w += len;
    }
    buf[w] = '\0';
    return w;
}

/* What expand() makes of tmpl, cut to n - 1 bytes, into buf[0..n). */
static void expand_cut(char *buf, size_t n, const char *tmpl, const pl_arg *args, size_t nargs,
                       pl_lang lang)
{
    if (n == 0 || expand_to(buf, n, tmpl, args, nargs, lang) != (size_t)-1)
        return;
    pl_buf b = PL_BUF_INIT;
    expand(&b, tmpl, args, nargs, lang);
    size_t k = b.failed ? 0 : (b.len < n - 1 ? b.len : n - 1);
    if (k)
        memcpy(buf, b.data, k);
    buf[k] = '\0';
    pl_buf_free(&b);
}

#define PL_MAX_ARGS 24

static void put_str2(char *buf, size_t n, const char *a, const char *b);

typedef struct auto_args {
    char ind[2][256], year[24], when[2][32], pval[2][64], unconf[2][256];
} auto_args;

/* Arguments every message may use, from the finding's details. */
static size_t add_auto(const pl_ctx *cx, const pl_detail *d, auto_args *a, pl_arg *out)
{
    size_t n = 0;
    if (d->ind || d->indicator) {
        for (int l = 0; l < 2; l++)
            if (pl_ctx_lang(cx, (pl_lang)l))
                pl_fmt_indicator(a->ind[l], sizeof a->ind[l], d->ind, d->indicator, (pl_lang)l);
        out[n++] = pl_ctx_arg(cx, "indicator", a->ind[0], a->ind[1]);
    }
    if (d->year) {
        (void)pl_decimal(a->year, d->year);
        out[n++] = (pl_arg){"year", a->year, NULL};
    }
    if (d->year || (d->ind && d->ind->per_year)) {
        for (int l = 0; l < 2; l++)
            if (pl_ctx_lang(cx, (pl_lang)l))
                pl_fmt_when(a->when[l], sizeof a->when[l], cx->cat, d->ind, d->year, (pl_lang)l);
        out[n++] = pl_ctx_arg(cx, "when", a->when[0], a->when[1]);
    }
    const pl_parent *par = d->pvalue ? &cx->chain->items[d->pvalue->parent] : d->parent;
    if (par)
        out[n++] = (pl_arg){"parent", par->display, NULL};
    if (d->pvalue) {
        pl_arg conf = {"confidence", NULL, NULL};
        for (int l = 0; l < 2; l++) {
            if (!pl_ctx_lang(cx, (pl_lang)l))
                continue;
            if (d->pvalue->confidence != PL_CONF_OFFICIAL) {
                const char *w = pl_confidence_words(cx->cat, d->pvalue->confidence, (pl_lang)l);
                conf.vi = conf.en = w; /* read in language l only */
            }
            pl_fmt_ind_value(a->pval[l], sizeof a->pval[l], cx->cat, d->pvalue->cmp,
                             d->pvalue->value, d->pvalue->ind, (pl_lang)l);
            a->unconf[l][0] = '\0';
            if (d->pvalue->confidence != PL_CONF_OFFICIAL) {
                expand_cut(a->unconf[l], sizeof a->unconf[l],
                           pl_catalog_message(cx->cat, "unconfirmed", (pl_lang)l), &conf, 1,
                           (pl_lang)l);
            }
        }
        out[n++] = pl_ctx_arg(cx, "parent_value", a->pval[0], a->pval[1]);
        out[n++] = pl_ctx_arg(cx, "unconfirmed", a->unconf[0], a->unconf[1]);
    }
    return n;
}

/* Characters of a paragraph quoted to say where a DOCX finding is. */
#define PL_WHERE_CHARS 60

/* A DOCX paragraph's start, as the reader wrote it (list number
 * included), cut at PL_WHERE_CHARS with "…"; NULL for other inputs, a
 * position outside the text, or no memory (the finding stays). */
static char *paragraph_start(const pl_doc *doc, pl_pos p)
{
    const pl_input_info *in = doc->text.input;
    if (!in || in->format != PL_IN_DOCX || !in->src || p.line == 0 || p.line > in->src->nlines)
        return NULL;
    const pl_input_src *s = in->src;
    size_t a = s->line_starts[p.line - 1];
    size_t b = p.line < s->nlines ? s->line_starts[p.line] : s->len;
    while (a < b && (s->text[a] == ' ' || s->text[a] == '\t'))
        a++;
    while (b > a && (s->text[b - 1] == '\n' || s->text[b - 1] == '\r' || s->text[b - 1] == ' '))
        b--;
    size_t e = a, n = 0;
    while (e < b && n < PL_WHERE_CHARS) {
        e++;
        while (e < b && ((unsigned char)s->text[e] & 0xC0) == 0x80)
            e++;
        n++;
    }
    pl_buf q = PL_BUF_INIT;
    pl_buf_put(&q, s->text + a, e - a);
    if (e < b)
        pl_buf_puts(&q, "…");
    return pl_buf_detach(&q, NULL);
}

void pl_ctx_add(pl_ctx *cx, pl_rule_id rule, pl_span span, const pl_detail *d,
                const char *msg_id, const pl_arg *args, size_t nargs)
{
    if (!pl_ctx_wants(cx, rule))
        return;
    cx->per_rule[rule]++;
    static const pl_detail none = {0};
    if (!d)
        d = &none;
    pl_arg all[PL_MAX_ARGS];
    auto_args a;
    size_t n = add_auto(cx, d, &a, all);
    for (size_t i = 0; i < nargs && n < PL_MAX_ARGS; i++)
        all[n++] = args[i]; /* later ones win: a rule may override */
    /* each message on the stack, or, longer than PL_MSG_MAX, in msg;
     * one language only when the other is not asked (the report then
     * gives this one for both) */
    char fixed[2][PL_MSG_MAX];
    const char *text[2];
    pl_buf msg[2] = {PL_BUF_INIT, PL_BUF_INIT};
    for (int l = 0; l < 2; l++) {
        if (!pl_ctx_lang(cx, (pl_lang)l))
            continue;
        const char *tmpl = pl_catalog_message(cx->cat, msg_id, (pl_lang)l);
        text[l] = fixed[l];
        if (expand_to(fixed[l], sizeof fixed[l], tmpl, all, n, (pl_lang)l) == (size_t)-1) {
            expand(&msg[l], tmpl, all, n, (pl_lang)l);
            text[l] = pl_buf_cstr(&msg[l]);
        }
    }
    if (cx->one_lang)
        text[cx->settings->lang == PL_LANG_EN ? PL_LANG_VI : PL_LANG_EN] =
            text[cx->settings->lang];
    pl_severity sev = cx->settings->severity[rule];
    if (d->severity && d->severity < sev)
        sev = d->severity; /* a rule may lower its severity (missing-target) */
    const pl_parent *par = d->pvalue ? &cx->chain->items[d->pvalue->parent] : d->parent;
    pl_finding_spec f = {0};
    f.rule = pl_rule_ids[rule];
    f.rule_index = (int)rule;
    f.severity = sev;
    f.span = span;
    f.indicator = d->ind ? d->ind->id : d->indicator;
    f.year = d->year;
    f.parent = par ? par->name : NULL;
    f.confirmed = d->pvalue ? d->pvalue->confidence == PL_CONF_OFFICIAL : -1;
    char *where = paragraph_start(cx->doc, span.start);
    f.where = where;
    f.message[0] = text[0];
    f.message[1] = text[1];
    if (msg[0].failed || msg[1].failed || pl_report_add(cx->report, &f) != 0)
        cx->failed = 1;
    pl_buf_free(&msg[0]);
    pl_buf_free(&msg[1]);
    free(where);
}

/* ---- spans ------------------------------------------------------------------ */

pl_span pl_span_point(pl_pos pos)
{
    pl_span s = {pos, pos, -1, -1};
    return s;
}

pl_span pl_span_flat(const pl_doc *doc, size_t a, size_t b)
{
    pl_span s = {pl_text_pos_flat(&doc->text, a), pl_text_end_flat(&doc->text, a, b), -1, -1};
    return s;
}

pl_span pl_span_target(const pl_doc *doc, const pl_target *t)
{
    size_t pct = pl_target_percent(doc, t);
    size_t end = pct < doc->text.flat_len ? pct + 1 : t->flat_end;
    pl_span s = {t->pos, pl_text_end_flat(&doc->text, t->flat_start, end), t - doc->targets, -1};
    return s;
}

pl_span pl_span_citation(const pl_doc *doc, const pl_citation *c)
{
    pl_span s = {c->pos, pl_text_end_flat(&doc->text, c->flat_start, c->flat_end), -1,
                 c - doc->citations};
    return s;
}

pl_span pl_span_para_line(const pl_doc *doc, size_t para)
{
    const pl_text *t = &doc->text;
    const pl_para *p = &t->paras[para];
    size_t a = pl_omap_lookup(&t->flat_map, p->flat_start);
    const pl_line *ln = &t->lines[p->first_line];
    size_t b = ln->off + ln->len;
    while (b > a && (t->nfc[b - 1] == ' ' || t->nfc[b - 1] == '\t'))
        b--;
    pl_span s = {pl_text_pos_flat(t, p->flat_start), pl_text_end_nfc(t, a, b), -1, -1};
    return s;
}

/* ---- formatting helpers ------------------------------------------------- */

/* How a unit is written after a number: "%", "‰", "/100.000" (Vietnamese
 * thousands dots, as plans write it) or " per 100,000". */
static const char *unit_text(const char *unit, pl_lang lang)
{
    if (unit && strcmp(unit, "per100k") == 0)
        return lang == PL_LANG_EN ? " per 100,000" : "/100.000";
    return unit ? unit : "";
}

/* snprintf(buf, n, "%s%s", a, b) without the format's cost: the two
 * strings cut to n - 1 bytes, terminated. */
static void put_str2(char *buf, size_t n, const char *a, const char *b)
{
    if (n == 0)
        return;
    size_t w = 0;
    for (const char *p = a; *p && w + 1 < n; p++)
        buf[w++] = *p;
    for (const char *p = b; *p && w + 1 < n; p++)
        buf[w++] = *p;
    buf[w] = '\0';
}


/* Message `id` with {name} = value into buf; the value alone when the
 * catalog has no such message (a comparator that takes no word). */
static void fmt_message(char *buf, size_t n, const pl_catalog *cat, const char *id,
                        const char *name, const char *value, pl_lang lang)
{
    const char *tmpl = pl_catalog_message(cat, id, lang);
    if (!*tmpl) {
        put_str2(buf, n, value, "");
        return;
    }
    pl_arg a = {name, value, value};
    if (n == 0 || expand_to(buf, n, tmpl, &a, 1, lang) != (size_t)-1)
        return;
    pl_buf b = PL_BUF_INIT;
    expand(&b, tmpl, &a, 1, lang);
    put_str2(buf, n, b.failed ? value : pl_buf_cstr(&b), "");
    pl_buf_free(&b);
}

void pl_fmt_value(char *buf, size_t n, const pl_catalog *cat, pl_cmp cmp, double value,
                  const char *unit, pl_lang lang)
{
    char num[32], v[64], id[32];
    /* a whole number (most targets) prints as "%.2f" would after the
     * zeros are cut, without the format's cost; -0 keeps its sign there */
    if (value > -1e15 && value < 1e15 && value == (double)(long long)value &&
        !(value == 0 && signbit(value)))
        (void)pl_decimal(num, (long long)value);
    else
        snprintf(num, sizeof num, "%.2f", value);
    /* 4.90 -> 4.9, 70.00 -> 70 */
    char *dot = strchr(num, '.');
    if (dot) {
        size_t k = strlen(num);
        while (k > 0 && num[k - 1] == '0')
            num[--k] = '\0';
        if (k > 0 && num[k - 1] == '.')
            num[--k] = '\0';
        dot = strchr(num, '.');
        if (dot && lang == PL_LANG_VI)
            *dot = ',';
    }
    put_str2(v, sizeof v, num, unit_text(unit, lang));
    /* "value.gt": "trên {value}" / "over {value}" (messages.xml) */
    put_str2(id, sizeof id, "value.", pl_cmp_name(cmp));
    fmt_message(buf, n, cat, id, "value", v, lang);
}

void pl_fmt_ind_value(char *buf, size_t n, const pl_catalog *cat, pl_cmp cmp, double value,
                      const pl_indicator *ind, pl_lang lang)
{
    static const char *const changes[] = {"", "change.decrease", "change.increase"};
    char v[64], c[96];
    pl_fmt_value(v, sizeof v, cat, cmp, value, ind ? ind->unit : "%", lang);
    unsigned k = ind && (unsigned)ind->change < 3 ? (unsigned)ind->change : 0;
    fmt_message(c, sizeof c, cat, changes[k], "value", v, lang);
    fmt_message(buf, n, cat, ind && ind->per_year ? "value.per-year" : "", "value", c, lang);
}

void pl_fmt_when(char *buf, size_t n, const pl_catalog *cat, const pl_indicator *ind, int year,
                 pl_lang lang)
{
    char y[24];
    (void)pl_decimal(y, year);
    if (year == 0 && ind && ind->per_year)
        fmt_message(buf, n, cat, "when.yearly", "year", "", lang);
    else
        fmt_message(buf, n, cat, "when.year", "year", y, lang);
}

/* buf[0..n) holds w bytes: s[0..len) after them, cut to n - 1 bytes in
 * all, terminated; the new length. */
static size_t put_cut(char *buf, size_t n, size_t w, const char *s, size_t len)
{
    if (len > n - 1 - w)
        len = n - 1 - w;
    memcpy(buf + w, s, len);
    buf[w + len] = '\0';
    return w + len;
}

void pl_fmt_indicator(char *buf, size_t n, const pl_indicator *ind, const char *id, pl_lang lang)
{
    const char *label = ind ? (lang == PL_LANG_EN ? ind->label_en : ind->label_vi) : NULL;
    const char *ident = ind ? ind->id : id;
    if (!ident)
        ident = "";
    if (n == 0)
        return;
    if (label && *label) {
        /* labels are titles ("Cha mẹ, …"); inside a sentence the first
         * letter is lower case; "%s (%s)", cut as snprintf cuts */
        size_t len = strlen(label), w = 0;
        int32_t cp;
        int k = pl_utf8_next(label, len, 0, &cp);
        if (k > 0) {
            char first[4];
            w = put_cut(buf, n, w, first, pl_utf8_encode(pl_lower(cp), first));
            w = put_cut(buf, n, w, label + k, len - (size_t)k);
        }
        w = put_cut(buf, n, w, " (", 2);
        w = put_cut(buf, n, w, ident, strlen(ident));
        put_cut(buf, n, w, ")", 1);
    } else {
        put_str2(buf, n, ident, "");
    }
}

char *pl_quote_flat(const pl_doc *doc, size_t a, size_t b, size_t max)
{
    const char *f = doc->text.flat;
    if (b > doc->text.flat_len)
        b = doc->text.flat_len;
    /* whole characters only: an end mapped from another form of the text
     * (key, NFC) may fall inside one */
    while (a < b && ((unsigned char)f[a] & 0xC0) == 0x80)
        a++;
    while (b > a && b < doc->text.flat_len && ((unsigned char)f[b] & 0xC0) == 0x80)
        b--;
    while (a < b && (f[a] == ' ' || f[a] == '\n'))
        a++;
    while (b > a && (f[b - 1] == ' ' || f[b - 1] == '\n'))
        b--;
    int cut = 0;
    if (b - a > max) {
        b = a + max;
        while (b > a && ((unsigned char)f[b] & 0xC0) == 0x80)
            b--;
        cut = 1;
    }
    pl_buf out = PL_BUF_INIT;
    for (size_t i = a; i < b; i++)
        pl_buf_putc(&out, f[i] == '\n' ? ' ' : f[i]);
    if (cut)
        pl_buf_puts(&out, "…");
    if (out.failed) {
        pl_buf_free(&out);
        return NULL;
    }
    size_t n;
    char *r = pl_buf_detach(&out, &n);
    return r ? r : calloc(1, 1);
}

const char *pl_confidence_words(const pl_catalog *cat, pl_confidence c, pl_lang lang)
{
    char id[48];
    put_str2(id, sizeof id, "confidence.", pl_confidence_name(c));
    return pl_catalog_message(cat, id, lang);
}

/* Values within this distance are the same (4,9 parsed from text). */
#define PL_VALUE_EPSILON 1e-9

int pl_weaker(pl_direction dir, double v1, double v2)
{
    if (dir == PL_DIR_LOWER)
        return v1 > v2 + PL_VALUE_EPSILON;
    return v1 < v2 - PL_VALUE_EPSILON;
}

size_t pl_target_percent(const pl_doc *doc, const pl_target *t)
{
    size_t end = t->flat_end <= doc->text.flat_len ? t->flat_end : doc->text.flat_len;
    const char *p = t->flat_start < end ? memchr(doc->text.flat + t->flat_start, '%',
                                                 end - t->flat_start)
                                        : NULL;
    return p ? (size_t)(p - doc->text.flat) : end;
}

/* Longest run of text before the number that is quoted with it: the
 * comparator words ("trên", "xuống dưới"), not the whole group. */
#define PL_QUOTE_LEAD 24

char *pl_target_quote(const pl_doc *doc, const pl_target *t)
{
    const char *f = doc->text.flat;
    size_t pct = pl_target_percent(doc, t);
    size_t end = pct < doc->text.flat_len && f[pct] == '%' ? pct + 1 : pct;
    size_t num = pct;
    while (num > t->flat_start &&
           ((f[num - 1] >= '0' && f[num - 1] <= '9') || f[num - 1] == ',' || f[num - 1] == '.' ||
            f[num - 1] == ' ' || f[num - 1] == '-'))
        num--;
    size_t start = num - t->flat_start <= PL_QUOTE_LEAD ? t->flat_start : num;
    return pl_quote_flat(doc, start, end, 120);
}

/* ---- targets by key ----------------------------------------------------- */

int pl_target_comparable(const pl_target *t)
{
    const pl_indicator *ind = t->indicator;
    pl_kind kind = {t->unit, t->change, t->per_year};
    return ind && pl_indicator_fits(ind, &kind) && (t->year || ind->per_year);
}

int pl_target_same_key(const pl_target *a, const pl_target *b)
{
    return a->year == b->year && strcmp(a->indicator->id, b->indicator->id) == 0;
}

/* Sorted as (id, year, index) triples: qsort has no context argument, and
 * a static pointing at the document would not be thread-safe. */
typedef struct keyed {
    const char *id;
    int year;
    size_t index;
} keyed;

static int by_key(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

size_t *pl_target_order(const pl_doc *doc, size_t *n, int *failed)
{
    *n = 0;
    if (doc->ntargets == 0)
        return NULL;
    keyed *k = malloc(doc->ntargets * sizeof *k);
    size_t *v = malloc(doc->ntargets * sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        *failed = 1;
        return NULL;
    }
    size_t m = 0;
    for (size_t i = 0; i < doc->ntargets; i++) {
        const pl_target *t = &doc->targets[i];
        if (pl_target_comparable(t))
            k[m++] = (keyed){t->indicator->id, t->year, i};
    }
    qsort(k, m, sizeof *k, by_key);
    for (size_t i = 0; i < m; i++)
        v[i] = k[i].index;
    free(k);
    if (m == 0) {
        free(v);
        return NULL;
    }
    *n = m;
    return v;
}

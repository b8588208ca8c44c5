/* recognise.c - which programme a plan implements.
 *
 * Evidence, strongest first: a citation of the programme's deciding
 * document, or of a document that implies it ("Thực hiện Quyết định số
 * 782/QĐ-TTg", "Công văn 2816/LĐTBXH-TE"), then the programme's name in
 * the plan's opening (its title and the "Thực hiện / Căn cứ" preamble
 * before the first part), then its name further on, then its vocabulary.
 * A plan names its own programme in its title and again and again; it
 * names another in passing, in the body ("lồng ghép với Chương trình phòng,
 * chống tai nạn, thương tích trẻ em"), so a name in the opening counts
 * three times.  Vocabulary ("đuối nước", "tảo hôn") only tells apart
 * programmes the plan already names: a nutrition plan full of "suy dinh
 * dưỡng" does not implement the children's action programme.
 * Programmes that share phrases (1023/QĐ-TTg of 2016 and 782/QĐ-TTg of
 * 2021) are told apart by the plan's period or date, and, failing that, the
 * newer one wins: a plan citing both implements the newer
 * (docs/NATIONAL-PROGRAMMES.md §2.1).  A plan whose years all come before
 * a programme's period does not implement it on its name alone.  No programme at all is an answer
 * too (NULL): then no target gets an indicator.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "ident.h"
#include "phrases.h"
#include "uni.h"

/* Weights of the evidence (see the top of the file). */
#define PL_W_CITED 4       /* "Thực hiện / Căn cứ" the programme's decision */
#define PL_W_MENTIONED 2   /* the decision cited in passing */
#define PL_W_OPENING 3     /* its name in the title or preamble */
#define PL_W_BODY 1        /* its name further on */
#define PL_W_WORD 1        /* each of its words present */
#define PL_PHRASE_COUNT_CAP 50

static int citation_score(const pl_doc *doc, const pl_program *p)
{
    int score = 0;
    for (size_t i = 0; i < doc->ncitations; i++) {
        const pl_citation *c = &doc->citations[i];
        if (c->number && pl_program_has_number(p, c->number))
            score += c->relation == PL_REL_MENTIONED ? PL_W_MENTIONED : PL_W_CITED;
    }
    return score;
}

/* What one scan of the loose body finds for one programme: its names
 * counted in the opening [0] and further on [1].  At each place only the
 * longest name counts, once: the phrases of one programme are often each
 * other's parts.  So the scan's occurrences (in order of place) are
 * counted as a search from `from` would count them: the earliest place at
 * or after `from` where a name lies wholly inside its part of the text, the
 * longest name there (pending until the scan passes the place), then on
 * from its end. */
typedef struct names_count {
    int count[2];
    size_t from[2];         /* where the next name may start */
    size_t pend_at, pend_len; /* the place being counted; pend_len 0: none */
    int pend_part;
    int words;              /* words of its vocabulary found */
} names_count;

/* A phrase of the scan: its programme, and whether it is a word of the
 * vocabulary (else a name). */
typedef struct phrase_of {
    size_t program, len;
    int word;
} phrase_of;

typedef struct recognition {
    const phrase_of *of;    /* per phrase id */
    unsigned char *seen;    /* per phrase id: a word found */
    names_count *nc;        /* per programme */
    size_t opening, n;
} recognition;

static void count_pending(names_count *c)
{
    c->count[c->pend_part]++;
    c->from[c->pend_part] = c->pend_at + c->pend_len;
    c->pend_len = 0;
}

static int on_phrase(void *arg, size_t id, size_t at)
{
    recognition *r = arg;
    const phrase_of *f = &r->of[id];
    if (f->word) {
        r->seen[id] = 1;
        return 0;
    }
    names_count *c = &r->nc[f->program];
    int part = at < r->opening ? 0 : 1;
    if (at + f->len > (part ? r->n : r->opening))
        return 0;
    if (c->pend_len && at != c->pend_at)
        count_pending(c);
    if (c->pend_len) { /* the same place: the longest name counts */
        if (f->len > c->pend_len)
            c->pend_len = f->len;
        return 0;
    }
    if (at < c->from[part] || c->count[part] >= PL_PHRASE_COUNT_CAP)
        return 0;
    c->pend_at = at;
    c->pend_len = f->len;
    c->pend_part = part;
    return 0;
}

/* One set of every programme's names and words (ids in the order of
 * the programmes, each one's names, then its words), what each id is
 * (of), and how many (count): made once for the registry
 * (pl_programs_cached), scanned by every document. */
typedef struct phrase_set {
    pl_phrases *set;
    phrase_of *of;
    size_t count;
} phrase_set;

static void phrase_set_free(void *arg)
{
    phrase_set *ph = arg;
    if (!ph)
        return;
    pl_phrases_free(ph->set);
    free(ph->of);
    free(ph);
}

/* NULL on allocation failure. */
static void *phrase_set_make(const pl_programs *ps)
{
    size_t nph = 0;
    for (size_t i = 0; i < ps->n; i++)
        nph += ps->items[i]->ntitle_phrases + ps->items[i]->nwords;
    phrase_set *ph = calloc(1, sizeof *ph);
    if (!ph)
        return NULL;
    ph->of = calloc(nph + 1, sizeof *ph->of);
    ph->set = pl_phrases_new(nph);
    if (!ph->of || !ph->set) {
        phrase_set_free(ph);
        return NULL;
    }
    size_t id = 0;
    for (size_t i = 0; i < ps->n; i++) {
        const pl_program *p = ps->items[i];
        for (size_t k = 0; k < p->ntitle_phrases; k++, id++) {
            ph->of[id] = (phrase_of){i, strlen(p->title_phrases[k]), 0};
            pl_phrases_add(ph->set, p->title_phrases[k], ph->of[id].len);
        }
        for (size_t k = 0; k < p->nwords; k++, id++) {
            ph->of[id] = (phrase_of){i, strlen(p->words[k]), 1};
            pl_phrases_add(ph->set, p->words[k], ph->of[id].len);
        }
    }
    pl_phrases_build(ph->set);
    ph->count = nph;
    return ph;
}

/* Names and words of every programme in loose[0..strlen), the opening
 * being loose[0..opening): one scan of the text for all their phrases. */
int pl_recognise_count(const pl_programs *ps, const char *loose, size_t opening,
                       pl_name_counts *out)
{
    const phrase_set *ph = pl_programs_cached(ps, phrase_set_make, phrase_set_free);
    if (!ph)
        return -1;
    size_t nph = ph->count;
    recognition r = {ph->of, NULL, calloc(ps->n + 1, sizeof *r.nc), 0, strlen(loose)};
    r.seen = calloc(nph + 1, 1);
    if (!r.seen || !r.nc) {
        free(r.seen);
        free(r.nc);
        return -1;
    }
    r.opening = opening < r.n ? opening : r.n;
    for (size_t i = 0; i < ps->n; i++)
        r.nc[i].from[1] = r.opening;
    pl_phrases_scan(ph->set, loose, r.n, on_phrase, &r);
    for (size_t i = 0; i < ps->n; i++)
        if (r.nc[i].pend_len)
            count_pending(&r.nc[i]);
    for (size_t k = 0; k < nph; k++)
        if (r.seen[k])
            r.nc[r.of[k].program].words++;
    for (size_t i = 0; i < ps->n; i++)
        out[i] = (pl_name_counts){{r.nc[i].count[0], r.nc[i].count[1]}, r.nc[i].words};
    free(r.seen);
    free(r.nc);
    return 0;
}

/* The plan's first and last years: its period, one end standing for the
 * other when only one is known, else the year of its date; 0 for none. */
static void plan_years(const pl_doc *doc, int *y0, int *y1)
{
    const pl_docinfo *in = &doc->info;
    *y0 = in->period_start ? in->period_start : in->period_end ? in->period_end : in->date.year;
    *y1 = in->period_end ? in->period_end : in->period_start ? in->period_start : in->date.year;
}

/* The last year a programme covers: its horizon, else its period's end. */
static int program_end(const pl_program *p)
{
    return p->horizon ? p->horizon : p->period_end;
}

/* Does the plan's time frame fall in the programme's?  1 yes, -1 no, 0
 * unknown. */
static int period_fit(const pl_doc *doc, const pl_program *p)
{
    int y0, y1;
    plan_years(doc, &y0, &y1);
    int p0 = p->period_start, p1 = program_end(p);
    if (!y0 || !p0 || !p1)
        return 0;
    return (y0 <= p1 && y1 >= p0) ? 1 : -1;
}

/* Do the plan's years all come before the programme existed?  Its
 * period (or, without one, its date) ends more than a year before the
 * programme's period starts: a 2014 plan cannot carry out a programme of
 * 2021-2030 that shares its name with the 2012-2020 one.  A year of grace:
 * a programme is decided in the year before its period. */
int pl_doc_predates(const pl_doc *doc, const pl_program *p)
{
    int y0, y1;
    plan_years(doc, &y0, &y1);
    return y1 > 0 && p->period_start > 0 && y1 < p->period_start - 1;
}

/* Does the plan begin after the programme has ended?  Its period (or,
 * without one, its date) starts more than a year after the programme's
 * horizon (its period's end without one): a plan of 2024 that names "Chương
 * trình phòng ngừa, giảm thiểu lao động trẻ em" cannot carry out the one
 * of 2016-2020.  A year of grace: the last year's report is written in
 * the year after. */
int pl_doc_postdates(const pl_doc *doc, const pl_program *p)
{
    int y0, y1;
    plan_years(doc, &y0, &y1);
    int end = program_end(p);
    return y0 > 0 && end > 0 && y0 > end + 1;
}

/* Whether b supersedes a (b "replaces" a). */
static int supersedes(const pl_program *b, const pl_program *a)
{
    return b->replaces && a->id && strcmp(b->replaces, a->id) == 0;
}

/* The opening (title and preamble) ends at the first part of the plan,
 * or after its first paragraphs when it has no parts. */
#define PL_OPENING_PARAS 8

/* The loose form of the body (the text before the plan's end matter), and
 * in *opening the length of its opening's: the loose opening's length,
 * made in the same pass; (size_t)-1 when the opening is the whole body. */
static char *loose_body(const pl_doc *doc, size_t *opening)
{
    const pl_text *t = &doc->text;
    size_t end = doc->info.end_start < t->nparas ? t->paras[doc->info.end_start].flat_start
                                                : t->flat_len;
    size_t first = doc->info.header_end + PL_OPENING_PARAS;
    if (doc->nsections > 0 && doc->sections[0].para < first)
        first = doc->sections[0].para;
    int whole = first >= t->nparas || first >= doc->info.end_start;
    size_t mark = whole ? 0 : t->paras[first].flat_start;
    char *loose = pl_fold_loose_mark(t->flat, end, mark < end ? mark : end, opening);
    if (whole)
        *opening = (size_t)-1;
    return loose;
}

int pl_program_recognise(pl_doc *doc)
{
    const pl_programs *ps = doc->programs;
    if (!ps || ps->n == 0)
        return 0;
    size_t opening;
    char *loose = loose_body(doc, &opening);
    pl_name_counts *nc = loose ? malloc(ps->n * sizeof *nc) : NULL;
    int rc = nc ? pl_recognise_count(ps, loose, opening, nc) : -1;
    free(loose);
    if (rc != 0) {
        free(nc);
        return -1;
    }
    const pl_program *best = NULL;
    int best_score = 0, best_fit = 0;
    for (size_t i = 0; i < ps->n; i++) {
        const pl_program *p = ps->items[i];
        int cited = citation_score(doc, p);
        /* Named only, not cited, by a plan older than the programme or
         * one that begins after it ended. */
        if (!cited && (pl_doc_predates(doc, p) || pl_doc_postdates(doc, p)))
            continue;
        int score = cited + PL_W_OPENING * nc[i].names[0] + PL_W_BODY * nc[i].names[1];
        if (score == 0)
            continue;
        score += PL_W_WORD * nc[i].words;
        int fit = period_fit(doc, p);
        int better = !best || fit > best_fit ||
                     (fit == best_fit && (score > best_score ||
                                          (score == best_score && supersedes(p, best))));
        if (fit < 0 && best_fit >= 0 && best)
            better = 0;
        if (better) {
            best = p;
            best_score = score;
            best_fit = fit;
        }
    }
    free(nc);
    doc->info.program = best;
    return 0;
}

/* recognise.c - which programme a plan implements.
 *
 * Evidence, strongest first: a citation of the programme's deciding
 * document ("Thực hiện Quyết định số 782/QĐ-TTg"), then the programme's
 * title phrases in the text ("phòng ngừa, giảm thiểu trẻ em lao động").
 * Programmes that share phrases (1023/QĐ-TTg of 2016 and 782/QĐ-TTg of
 * 2021) are told apart by the plan's period or date, and, failing that, the
 * newer one wins: a plan citing both implements the newer
 * (docs/NATIONAL-PROGRAMMES.md §2.1).
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "uni.h"

/* Compare document numbers ignoring case and spaces ("782/QĐ-TTg" vs
 * "782/qđ-ttg "). */
static int same_number(const char *a, const char *b)
{
    char *fa = pl_fold_loose(a, strlen(a)), *fb = pl_fold_loose(b, strlen(b));
    int same = fa && fb && strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    return same;
}

static int citation_score(const pl_doc *doc, const pl_program *p)
{
    int score = 0;
    if (!p->decision_number)
        return 0;
    for (size_t i = 0; i < doc->ncitations; i++) {
        const pl_citation *c = &doc->citations[i];
        if (!c->number || !same_number(c->number, p->decision_number))
            continue;
        score += c->relation == PL_REL_MENTIONED ? 2 : 4;
    }
    return score;
}

/* Occurrences of the programme's phrases: a plan names its own programme
 * again and again, another one in passing. */
#define PL_PHRASE_COUNT_CAP 50

static int phrase_score(const char *loose, const pl_program *p)
{
    int score = 0;
    for (size_t i = 0; i < p->ntitle_phrases; i++) {
        const char *ph = p->title_phrases[i];
        size_t n = strlen(ph);
        if (n == 0)
            continue;
        for (const char *at = strstr(loose, ph); at && score < PL_PHRASE_COUNT_CAP;
             at = strstr(at + n, ph))
            score++;
    }
    return score;
}

/* Does the plan's time frame fall in the programme's?  1 yes, -1 no, 0
 * unknown. */
static int period_fit(const pl_doc *doc, const pl_program *p)
{
    int y0 = doc->info.period_start, y1 = doc->info.period_end;
    if (!y0 && !y1 && doc->info.date.year)
        y0 = y1 = doc->info.date.year;
    if (!y0 && !y1)
        return 0;
    if (!y0)
        y0 = y1;
    if (!y1)
        y1 = y0;
    int p0 = p->period_start, p1 = p->horizon ? p->horizon : p->period_end;
    if (!p0 || !p1)
        return 0;
    return (y0 <= p1 && y1 >= p0) ? 1 : -1;
}

/* Whether b supersedes a (b "replaces" a). */
static int supersedes(const pl_program *b, const pl_program *a)
{
    return b->replaces && a->id && strcmp(b->replaces, a->id) == 0;
}

static char *loose_body(const pl_doc *doc)
{
    const pl_text *t = &doc->text;
    size_t end = doc->info.end_start < t->nparas ? t->paras[doc->info.end_start].flat_start
                                                : t->flat_len;
    return pl_fold_loose(t->flat, end);
}

int pl_program_recognise(pl_doc *doc)
{
    const pl_programs *ps = doc->programs;
    if (!ps || ps->n == 0)
        return 0;
    char *loose = loose_body(doc);
    if (!loose)
        return -1;
    const pl_program *best = NULL;
    int best_score = 0, best_fit = 0;
    for (size_t i = 0; i < ps->n; i++) {
        const pl_program *p = ps->items[i];
        int score = citation_score(doc, p) + phrase_score(loose, p);
        if (score == 0)
            continue;
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
    free(loose);
    doc->info.program = best;
    return 0;
}

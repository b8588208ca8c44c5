/* listing.c - `planlint rules` and `planlint programs`: what the checker
 * knows, as plain text. */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "rules.h"

static int write_failed(FILE *out, pl_error *err)
{
    if (!ferror(out))
        return 0;
    if (err) {
        err->status = PL_ERR_IO;
        snprintf(err->message, sizeof err->message, "cannot write output");
    }
    return -1;
}

int pl_list_rules(FILE *out, pl_lang lang, pl_error *err)
{
    PL_ASSERT_ARG(out, err, -1);
    pl_catalog *cat = pl_catalog_load(err);
    if (!cat)
        return -1;
    for (int i = 0; i < PL_R_COUNT; i++) {
        const pl_rule_meta *m = &cat->rules[i];
        fprintf(out, "%-20s %-8s %s%s\n", pl_rule_ids[i], pl_severity_name(m->severity),
                m->description[lang == PL_LANG_EN],
                m->documents_only ? (lang == PL_LANG_EN ? " (documents only)"
                                                        : " (chỉ áp dụng cho văn bản)")
                                  : "");
    }
    pl_catalog_free(cat);
    return write_failed(out, err);
}

static const char *cmp_symbol(pl_cmp c)
{
    switch (c) {
    case PL_CMP_GE: return "≥ ";
    case PL_CMP_GT: return "> ";
    case PL_CMP_LE: return "≤ ";
    case PL_CMP_LT: return "< ";
    case PL_CMP_EQ: return "= ";
    default: return "";
    }
}

static void list_header(FILE *out, const pl_program *p)
{
    fprintf(out, "%s", p->id);
    if (p->decision_number)
        fprintf(out, "  %s", p->decision_number);
    if (p->decision_date || p->decision_issuer)
        fprintf(out, " (%s%s%s)", p->decision_date ? p->decision_date : "",
                p->decision_date && p->decision_issuer ? ", " : "",
                p->decision_issuer ? p->decision_issuer : "");
    if (p->period_start)
        fprintf(out, "  %d–%d", p->period_start, p->period_end);
    if (p->horizon)
        fprintf(out, ", horizon %d", p->horizon);
    fprintf(out, "\n");
    if (p->title)
        fprintf(out, "  %s\n", p->title);
    if (p->replaces)
        fprintf(out, "  replaces %s\n", p->replaces);
}

static void list_indicators(FILE *out, const pl_program *p, pl_lang lang)
{
    if (p->nindicators == 0) {
        fprintf(out, "  %s\n", lang == PL_LANG_EN ? "no indicators" : "không có chỉ số");
        return;
    }
    fprintf(out, "  %s:\n", lang == PL_LANG_EN ? "indicators" : "chỉ số");
    for (size_t i = 0; i < p->nindicators; i++) {
        const pl_indicator *ind = &p->indicators[i];
        const char *label = lang == PL_LANG_EN ? ind->label_en : ind->label_vi;
        fprintf(out, "    %-16s %-6s %s\n", ind->id,
                ind->direction == PL_DIR_LOWER ? "lower" : "higher", label ? label : "");
    }
}

static void list_refs(FILE *out, const pl_catalog *cat, const pl_program *p, pl_lang lang)
{
    if (p->nrefs == 0)
        return;
    fprintf(out, "  %s:\n", lang == PL_LANG_EN ? "reference targets" : "chỉ tiêu tham chiếu");
    for (size_t i = 0; i < p->nrefs; i++) {
        const pl_reference *r = &p->refs[i];
        char value[64];
        if (r->has_value)
            pl_fmt_ind_value(value, sizeof value, cat, PL_CMP_NONE, r->value, r->indicator,
                             lang);
        else
            snprintf(value, sizeof value, "%s", lang == PL_LANG_EN ? "(no value)" : "(không có số)");
        fprintf(out, "    %-16s %4d  %s%-8s %s\n", r->indicator ? r->indicator->id : "?", r->year,
                r->has_value ? cmp_symbol(r->cmp) : "", value, pl_confidence_name(r->confidence));
    }
}

int pl_list_programs(FILE *out, const pl_programs *ps, pl_lang lang, pl_error *err)
{
    PL_ASSERT_ARG(out, err, -1);
    PL_ASSERT_ARG(ps, err, -1);
    pl_catalog *cat = pl_catalog_load(err); /* the words of a value */
    if (!cat)
        return -1;
    size_t n = pl_programs_count(ps);
    for (size_t i = 0; i < n; i++) {
        const pl_program *p = pl_programs_at(ps, i);
        if (i > 0)
            fprintf(out, "\n");
        list_header(out, p);
        list_indicators(out, p, lang);
        list_refs(out, cat, p, lang);
    }
    pl_catalog_free(cat);
    return write_failed(out, err);
}

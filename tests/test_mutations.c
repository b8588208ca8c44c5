/* test_mutations.c - rules/ against planted defects: for every rule, real
 * corpus plans get an anomaly written into them (a value changed to 120%,
 * a target line deleted, a cited date changed, a heading renumbered, a
 * word doubled, a drowning-prevention sentence inserted, a 'hoà'
 * inserted ...), at least three plantings per rule in different plans or
 * forms.  Each planting must give a finding of that rule on the planted
 * line, and the plan without the planting must not have it there.
 *
 * Rules that need targets (missing-target, weaker-than-parent,
 * trend-inconsistent, conflicting-targets, unrealistic-target,
 * unrecognised-target, value-out-of-range) depend on parser/doc/targets.c. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planlint.h"

typedef struct mutation {
    const char *rule;
    const char *file;      /* corpus/plans/NAME */
    const char *pre_old;   /* an edit made to both texts first (NULL = none) */
    const char *pre_new;
    const char *old;       /* the planting */
    const char *new;
    const char *at;        /* text on the line the finding must point at (NULL: any) */
    const char *indicator; /* the finding's indicator (NULL: any) */
} mutation;

#define HD "hoang-duc-commune-2023-pdf.txt"
#define HY "hung-yen-province-2021-news.txt"
#define BT "binh-thuan-province-2021-summary.txt"
#define LS "lang-son-city-2024-draft.txt"
#define TLD "tld-agency-2021-children-action.txt"

/* The Lạng Sơn draft with its number and day filled in. */
#define LS_FIX_OLD "Số: /KH-UBND\n\nTP. Lạng Sơn, ngày tháng 6"
#define LS_FIX_NEW "Số: 55/KH-UBND\n\nTP. Lạng Sơn, ngày 12 tháng 6"

static const mutation MUTATIONS[] = {
    /* value-out-of-range: a value changed to more than 100 */
    {"value-out-of-range", HY, NULL, NULL, "+ 70% trẻ em được", "+ 120% trẻ em được",
     "+ 120% trẻ em", NULL},
    {"value-out-of-range", BT, NULL, NULL, "phấn đấu 90% cán bộ", "phấn đấu 120% cán bộ",
     "120% cán bộ", NULL},
    {"value-out-of-range", HD, NULL, NULL, "- 100% trẻ em được cung cấp",
     "- 150% trẻ em được cung cấp", "150% trẻ em", NULL},
    {"value-out-of-range", LS, NULL, NULL, "80% cha, mẹ", "Trên 100% cha, mẹ", "Trên 100% cha",
     NULL},

    /* missing-target: a target line deleted */
    {"missing-target", HY, NULL, NULL,
     "+ 70% trẻ em được cung cấp thông tin, kiến thức về phòng ngừa, giảm thiểu lao động trẻ "
     "em.\n",
     "", "- Mục tiêu 2", "comm.children"},
    {"missing-target", BT, NULL, NULL,
     " 80% trẻ em được cung cấp thông tin, kiến thức về phòng ngừa, giảm thiểu lao động trẻ em;",
     "", NULL, "comm.children"},
    {"missing-target", HD, NULL, NULL,
     "- 100% trẻ em có nguy cơ, lao động trẻ em và trẻ em bị mua bán vì mục \n\nđích bóc lột "
     "sức lao động khi có thông báo được hỗ trợ, can thiệp kịp thời, được \n\nquản lý, theo "
     "dõi. \n",
     "", "a) Mục tiêu 1", "cl.support"},
    {"missing-target", LS, NULL, NULL,
     "100% trẻ em lao động trái quy định của pháp luật khi có thông báo, phát hiện được hỗ trợ, "
     "can thiệp kịp thời.\n",
     "", NULL, "cl.support"},

    /* weaker-than-parent: a value lowered (coverage) or raised (rate) */
    {"weaker-than-parent", HY, NULL, NULL, "+ 90% công chức, viên chức",
     "+ 80% công chức, viên chức", "80% công chức", "train.officials"},
    {"weaker-than-parent", BT, NULL, NULL, "17 tuổi xuống 2%;", "17 tuổi xuống 6%;",
     "xuống 6%", "cl.rate"},
    {"weaker-than-parent", HD, NULL, NULL, "70% cha mẹ", "50% cha mẹ", "50% cha mẹ",
     "comm.parents"},
    {"weaker-than-parent", HY, NULL, NULL, "+ Trên 90% trẻ em có nguy cơ",
     "+ Trên 80% trẻ em có nguy cơ", "Trên 80%", "cl.education"},

    /* trend-inconsistent: the 2030 orientation weaker than 2025 */
    {"trend-inconsistent", HY, NULL, NULL, "17 tuổi xuống 3%", "17 tuổi xuống 5%",
     "Định hướng đến năm 2030", "cl.rate"},
    {"trend-inconsistent", BT, NULL, NULL, "xuống dưới 2%;", "xuống dưới 3%;",
     "Định hướng đến năm 2030", "cl.rate"},
    {"trend-inconsistent", HY, NULL, NULL, "xuống dưới 4%.", "xuống dưới 2%.",
     "Định hướng đến năm 2030", "cl.rate"},

    /* conflicting-targets: a second, different value for one indicator */
    {"conflicting-targets", HY, NULL, NULL, "- Mục tiêu 3:",
     "+ Phấn đấu đến năm 2025 có 90% trẻ em được cung cấp thông tin, kiến thức về phòng ngừa, "
     "giảm thiểu lao động trẻ em.\n\n- Mục tiêu 3:",
     "90% trẻ em được cung cấp", "comm.children"},
    {"conflicting-targets", BT, NULL, NULL, "Song song với công tác truyền thông",
     "Phấn đấu đến năm 2025 có 60% cha mẹ, người chăm sóc trẻ em được cung cấp thông tin, kiến "
     "thức về phòng ngừa, giảm thiểu lao động trẻ em.\nSong song với công tác truyền thông",
     "60% cha mẹ", "comm.parents"},
    {"conflicting-targets", HD, NULL, NULL, "c) Mục tiêu 3:",
     "- Phấn đấu 80% cha mẹ, người chăm sóc trẻ em được cung cấp thông tin, kiến thức về phòng "
     "ngừa, giảm thiểu lao động trẻ em.\n\nc) Mục tiêu 3:",
     "80% cha mẹ", "comm.parents"},

    /* draft-placeholder: the number or a date part blanked */
    {"draft-placeholder", LS, LS_FIX_OLD, LS_FIX_NEW, "Số: 55/KH-UBND", "Số:      /KH-UBND",
     "Số:", NULL},
    {"draft-placeholder", LS, LS_FIX_OLD, LS_FIX_NEW, "ngày 12 tháng 6", "ngày    tháng 6",
     "TP. Lạng Sơn", NULL},
    {"draft-placeholder", LS, LS_FIX_OLD, LS_FIX_NEW, "ngày 12 tháng 6 năm 2024",
     "ngày 12 tháng    năm 2024", "TP. Lạng Sơn", NULL},

    /* citation-order: a cited document dated after the plan */
    {"citation-order", LS, LS_FIX_OLD, LS_FIX_NEW, "95/KH-SLĐTBXH ngày 09/5/2024",
     "95/KH-SLĐTBXH ngày 09/7/2024", "Kế hoạch số 187/KH-UBND", NULL},
    {"citation-order", LS, LS_FIX_OLD, LS_FIX_NEW, "302/KH-UBND ngày 11/11/2021",
     "302/KH-UBND ngày 11/11/2024", "Trên cơ sở kế hoạch số 302", NULL},
    {"citation-order", HY, NULL, NULL, "Ngày 29/9/2021, Ủy ban nhân dân tỉnh ban hành",
     "Thực hiện Quyết định số 782/QĐ-TTg ngày 27/5/2021 và Kế hoạch số 12/KH-LĐTBXH ngày "
     "15/10/2021 của Bộ Lao động - Thương binh và Xã hội. Ngày 29/9/2021, Ủy ban nhân dân tỉnh "
     "ban hành",
     "Thực hiện Quyết định", NULL},

    /* citation-mismatch: a cited date or number of 782/QĐ-TTg changed */
    {"citation-mismatch", HD, "Thực hiện Kế hoạch số 81/KH-UBND",
     "Thực hiện Quyết định số 782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ; Kế hoạch số "
     "81/KH-UBND",
     "782/QĐ-TTg ngày 27/5/2021", "782/QĐ-TTg ngày 27/8/2021", "Thực hiện Quyết định", NULL},
    {"citation-mismatch", LS, "Thực hiện Kế hoạch số 187/KH-UBND",
     "Căn cứ Quyết định số 782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ phê duyệt "
     "Chương trình phòng ngừa, giảm thiểu trẻ em lao động trái quy định của pháp luật giai đoạn "
     "2021 - 2025, định hướng đến năm 2030.\n\nThực hiện Kế hoạch số 187/KH-UBND",
     "782/QĐ-TTg ngày 27/5/2021", "728/QĐ-TTg ngày 27/5/2021", "Căn cứ Quyết định", NULL},
    {"citation-mismatch", HY, "Ngày 29/9/2021, Ủy ban nhân dân tỉnh ban hành",
     "Thực hiện Quyết định số 782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ. Ngày "
     "29/9/2021, Ủy ban nhân dân tỉnh ban hành",
     "782/QĐ-TTg ngày 27/5/2021", "782/QĐ-TTg ngày 25/7/2021", "Thực hiện Quyết định", NULL},

    /* missing-section: a part's heading renamed or the part removed */
    {"missing-section", HD, NULL, NULL, "IV. KINH PHÍ THỰC HIỆN", "IV. ĐIỀU KIỆN BẢO ĐẢM", NULL,
     NULL},
    {"missing-section", LS, NULL, NULL, "IV. KINH PHÍ", "IV. ĐIỀU KIỆN BẢO ĐẢM",
     "V. TỔ CHỨC THỰC HIỆN", NULL},
    {"missing-section", LS, NULL, NULL, "III. NỘI DUNG THỰC HIỆN", "III. CÁC VIỆC CẦN LÀM",
     "IV. KINH PHÍ", NULL},

    /* numbering: a heading renumbered */
    {"numbering", HD, NULL, NULL, "III.  NỘI DUNG THỰC HIỆN", "IV.  NỘI DUNG THỰC HIỆN",
     "IV.  NỘI DUNG", NULL},
    {"numbering", LS, NULL, NULL, "3. Phòng Văn hóa và Thông tin", "4. Phòng Văn hóa và Thông tin",
     "4. Phòng Văn hóa", NULL},
    {"numbering", LS, NULL, NULL, "2. Nâng cao năng lực", "1. Nâng cao năng lực",
     "1. Nâng cao năng lực", NULL},
    {"numbering", HD, NULL, NULL, "c) Mục tiêu 3:", "d) Mục tiêu 3:", "d) Mục tiêu 3", NULL},

    /* duplicate-word: a word or two doubled */
    {"duplicate-word", HD, NULL, NULL, "4. Tăng cường công tác thanh tra",
     "4. Tăng cường công tác công tác thanh tra", "công tác công tác", NULL},
    {"duplicate-word", HY, NULL, NULL, "kiểm tra việc thực hiện pháp luật",
     "kiểm tra việc việc thực hiện pháp luật", "việc việc", NULL},
    {"duplicate-word", BT, NULL, NULL, "Truyền thông, giáo dục, vận động",
     "Truyền truyền thông, giáo dục, vận động", NULL, NULL},
    {"duplicate-word", TLD, NULL, NULL, "Tăng cường công tác phối hợp",
     "Tăng cường cường công tác phối hợp", "cường cường", NULL},

    /* off-topic: a sentence of another programme inserted */
    {"off-topic", HY, NULL, NULL, "- Tăng cường công tác thanh tra, kiểm tra",
     "- Tổ chức phòng, chống đuối nước cho trẻ em trong dịp hè.\n\n- Tăng cường công tác thanh "
     "tra, kiểm tra",
     "đuối nước", NULL},
    {"off-topic", HD, NULL, NULL, "quyền trẻ em cho gia đình,",
     "quyền trẻ em, phòng, chống xâm hại trẻ em cho gia đình,", NULL, NULL},
    {"off-topic", BT, NULL, NULL, "Để thực hiện được các mục tiêu trên,",
     "Tỉnh cũng giảm tỷ lệ suy dinh dưỡng thấp còi ở trẻ em. Để thực hiện được các mục tiêu "
     "trên,",
     NULL, NULL},

    /* unrealistic-target: a rate of 0 %, or 100 % against a far lower parent */
    {"unrealistic-target", HY, NULL, NULL, "17 tuổi xuống 3%", "17 tuổi xuống 0%",
     "Định hướng đến năm 2030", "cl.rate"},
    {"unrealistic-target", BT, NULL, NULL, "17 tuổi xuống 2%;", "17 tuổi xuống 0%;", NULL,
     "cl.rate"},
    {"unrealistic-target", HY, NULL, NULL, "+ 70% trẻ em được", "+ 100% trẻ em được",
     "+ 100% trẻ em được", "comm.children"},

    /* unrecognised-target: a percentage about nothing the programme knows */
    {"unrecognised-target", HY, NULL, NULL, "- Mục tiêu 3:",
     "+ Phấn đấu 95% hộ nghèo được vay vốn ưu đãi.\n\n- Mục tiêu 3:", "95% hộ nghèo", NULL},
    {"unrecognised-target", HD, NULL, NULL, "c) Mục tiêu 3:",
     "- Phấn đấu 85% số xã đạt tiêu chuẩn xã phù hợp với trẻ em.\n\nc) Mục tiêu 3:", "85% số xã",
     NULL},
    {"unrecognised-target", LS, NULL, NULL, "III. NỘI DUNG THỰC HIỆN",
     "Phấn đấu 95% thôn, tổ dân phố được phủ sóng truyền thanh.\n\nIII. NỘI DUNG THỰC HIỆN",
     "95% thôn", NULL},

    /* style-mixed: a word of the other tone style inserted */
    {"style-mixed", HD, NULL, NULL, "hòa nhập cộng đồng", "hoà nhập cộng đồng", "hoà nhập",
     NULL},
    {"style-mixed", HY, NULL, NULL, "Ngày 29/9/2021, Ủy ban nhân dân tỉnh",
     "Ngày 29/9/2021, Uỷ ban nhân dân tỉnh", "Uỷ ban", NULL},
    {"style-mixed", LS, "hoà nhập cộng đồng cho trẻ em", "hòa nhập cộng đồng cho trẻ em",
     "3. Phòng Văn hóa", "3. Phòng Văn hoá", "3. Phòng Văn hoá", NULL},
};

/* ---- helpers ------------------------------------------------------------ */

static char *read_corpus(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/plans/%s", PL_SOURCE_DIR, name);
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp, "%s", path);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    cr_assert_not_null(s);
    cr_assert_eq(fread(s, 1, (size_t)n, fp), (size_t)n);
    s[n] = '\0';
    fclose(fp);
    return s;
}

static char *replace(const char *text, const char *old, const char *new)
{
    const char *at = strstr(text, old);
    cr_assert_not_null(at, "plan lacks \"%s\"", old);
    size_t a = (size_t)(at - text), lo = strlen(old), ln = strlen(new), lt = strlen(text);
    char *s = malloc(lt - lo + ln + 1);
    cr_assert_not_null(s);
    memcpy(s, text, a);
    memcpy(s + a, new, ln);
    memcpy(s + a + ln, text + a + lo, lt - a - lo + 1);
    return s;
}

/* 1-based line of needle in text, 0 when absent. */
static unsigned long line_of(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    if (!at)
        return 0;
    unsigned long line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

static pl_report *check(const char *name, const char *text)
{
    pl_error err = {0};
    pl_programs *ps = pl_programs_new_builtin(&err);
    cr_assert_not_null(ps, "%s", err.message);
    pl_config *cfg = pl_config_new();
    pl_config_use_files(cfg, 0);
    pl_checker *ck = pl_checker_new(ps, cfg, &err);
    cr_assert_not_null(ck, "%s", err.message);
    pl_doc *doc = pl_doc_parse(name, text, strlen(text), ps, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    pl_report *r = pl_check_doc(ck, doc, &err);
    cr_assert_not_null(r, "%s", err.message);
    pl_doc_free(doc);
    pl_checker_free(ck);
    pl_config_free(cfg);
    pl_programs_free(ps);
    return r;
}

static int matches(const pl_finding *f, const mutation *m, unsigned long line)
{
    if (strcmp(pl_finding_rule(f), m->rule) != 0)
        return 0;
    if (line && pl_finding_line(f) != line)
        return 0;
    return !m->indicator ||
           (pl_finding_indicator(f) && strcmp(pl_finding_indicator(f), m->indicator) == 0);
}

static size_t count(const pl_report *r, const mutation *m, unsigned long line)
{
    size_t n = 0;
    for (size_t i = 0; i < pl_report_count(r); i++)
        n += matches(pl_report_finding(r, i), m, line);
    return n;
}

static char *dump(const pl_report *r)
{
    static char buf[8192];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < pl_report_count(r) && n < sizeof buf - 200; i++) {
        const pl_finding *f = pl_report_finding(r, i);
        n += (size_t)snprintf(buf + n, sizeof buf - n, "\n  %lu:%lu %s %s", pl_finding_line(f),
                              pl_finding_column(f), pl_finding_rule(f),
                              pl_finding_indicator(f) ? pl_finding_indicator(f) : "");
    }
    return buf;
}

/* ---- the test ------------------------------------------------------------ */

#define NMUTATIONS (sizeof MUTATIONS / sizeof *MUTATIONS)

/* Parameters are indices: a test runs in a new process, where the
 * addresses of the table's strings are not the runner's. */
ParameterizedTestParameters(mutations, planted)
{
    size_t *idx = cr_malloc(NMUTATIONS * sizeof *idx);
    for (size_t i = 0; i < NMUTATIONS; i++)
        idx[i] = i;
    return cr_make_param_array(size_t, idx, NMUTATIONS);
}

ParameterizedTest(size_t *index, mutations, planted)
{
    const mutation *m = &MUTATIONS[*index];
    char *orig = read_corpus(m->file);
    char *base = m->pre_old ? replace(orig, m->pre_old, m->pre_new) : strdup(orig);
    char *planted = replace(base, m->old, m->new);
    pl_report *before = check(m->file, base);
    pl_report *after = check(m->file, planted);

    unsigned long at_after = m->at ? line_of(planted, m->at) : 0;
    unsigned long at_before = m->at ? line_of(base, m->at) : 0;
    cr_assert(!m->at || at_after, "%s: the planted text lacks \"%s\"", m->file, m->at);
    cr_expect_geq(count(after, m, at_after), 1, "%s: %s not found after planting \"%s\"%s",
                  m->file, m->rule, m->new, dump(after));
    if (at_before)
        cr_expect_eq(count(before, m, at_before), 0, "%s: %s already there before planting%s",
                     m->file, m->rule, dump(before));
    cr_expect_lt(count(before, m, 0), count(after, m, 0), "%s: %s not added by the planting%s",
                 m->file, m->rule, dump(after));

    pl_report_free(before);
    pl_report_free(after);
    free(planted);
    free(base);
    free(orig);
}

/* The children's action programme owns the injury and drowning topics: the
 * same planting in the TLĐ plan is not off-topic. */
Test(mutations, off_topic_belongs_to_the_childrens_action_programme)
{
    char *orig = read_corpus(TLD);
    char *planted = replace(orig, "- Tăng cường công tác phối hợp",
                            "- Phòng, chống tai nạn, thương tích và đuối nước cho trẻ em.\n\n- "
                            "Tăng cường công tác phối hợp");
    pl_report *r = check(TLD, planted);
    mutation m = {"off-topic", TLD, NULL, NULL, NULL, NULL, NULL, NULL};
    cr_expect_eq(count(r, &m, 0), 0, "%s", dump(r));
    pl_report_free(r);
    free(planted);
    free(orig);
}

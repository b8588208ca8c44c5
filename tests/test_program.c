/* test_program.c - programs/program.c and util/xml.c: programmes as data.
 *
 * Reference values come from docs/NATIONAL-PROGRAMMES.md §2; classification cases
 * are real wordings from the national programme and the seed plans
 * (Hưng Yên 151/KH-UBND, Bình Thuận, thành phố Lạng Sơn 2024, xã Hoằng Đức
 * 2023, Cà Mau's split education target).
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "embedded.h"
#include "planlint.h"
#include "program.h"
#include "uni.h"
#include "xml.h"

#define DATA PL_SOURCE_DIR "/tests/data/"

static pl_programs *ps;
static const pl_program *cl21;

static void setup(void)
{
    pl_error err = {0};
    ps = pl_programs_new_builtin(&err);
    cr_assert_not_null(ps, "built-ins: %s", err.message);
    cl21 = pl_programs_find(ps, "child-labour-2021");
    cr_assert_not_null(cl21);
}

static void teardown(void)
{
    pl_programs_free(ps);
}

static char *loose(const char *s)
{
    char *k = pl_fold_loose(s, strlen(s));
    cr_assert_not_null(k);
    return k;
}

/* The indicator id a clause classifies as in `p`, or NULL. */
static const char *classify(const pl_program *p, const char *clause)
{
    char *k = loose(clause);
    const pl_indicator *ind = pl_program_match_group(p, k);
    free(k);
    return ind ? ind->id : NULL;
}

/* One line, "FILE:LINE: reason", naming `file`. */
static void assert_one_line_error(const pl_error *err, const char *file)
{
    cr_assert_eq(err->status, PL_ERR_DATA, "status %d: %s", err->status, err->message);
    cr_assert_null(strchr(err->message, '\n'), "%s", err->message);
    size_t n = strlen(file);
    cr_assert(strncmp(err->message, file, n) == 0 && err->message[n] == ':', "%s", err->message);
    char *end;
    long line = strtol(err->message + n + 1, &end, 10);
    cr_assert(line > 0 && *end == ':', "no line number: %s", err->message);
}

TestSuite(program, .init = setup, .fini = teardown);

/* ---- the built-in programmes --------------------------------------------- */

Test(program, builtins_present)
{
    cr_assert_eq(pl_programs_count(ps), 4);
    const pl_program *cl16 = pl_programs_find(ps, "child-labour-2016");
    const pl_program *ca21 = pl_programs_find(ps, "children-action-2021");
    cr_assert_not_null(cl16);
    cr_assert_not_null(ca21);
    cr_assert_str_eq(cl21->decision_number, "782/QĐ-TTg");
    cr_assert_str_eq(cl21->decision_date, "2021-05-27");
    cr_assert_str_eq(cl21->decision_issuer, "Thủ tướng Chính phủ");
    cr_assert_eq(cl21->period_start, 2021);
    cr_assert_eq(cl21->period_end, 2025);
    cr_assert_eq(cl21->horizon, 2030);
    cr_assert_str_eq(cl21->replaces, "child-labour-2016");
    cr_assert_null(cl16->replaces);
    cr_assert_str_eq(cl16->decision_number, "1023/QĐ-TTg");
    cr_assert_str_eq(cl16->decision_date, "2016-06-07");
    cr_assert_eq(cl16->period_start, 2016);
    cr_assert_eq(cl16->period_end, 2020);
    cr_assert_str_eq(ca21->decision_number, "23/QĐ-TTg");
    cr_assert_str_eq(ca21->decision_date, "2021-01-07");
    cr_assert_eq(ca21->period_end, 2030);
    cr_assert_not_null(strstr(ca21->title, "hành động quốc gia vì trẻ em"));
    for (size_t i = 0; i < pl_programs_count(ps); i++)
        cr_assert_not_null(pl_programs_at(ps, i));
    cr_assert_null(pl_programs_at(ps, 4));
}

/* docs/NATIONAL-PROGRAMMES.md §3: 24 numbered Chỉ tiêu through four objectives give 35
 * indicator ids; units, kinds and provenance as the table there says. */
Test(program, childrens_action_programme)
{
    const pl_program *p = pl_programs_find(ps, "children-action-2021");
    cr_assert_not_null(p);
    cr_assert_eq(p->nindicators, 35);
    int last_item = 0;
    for (size_t i = 0; i < p->nindicators; i++) {
        const pl_indicator *ind = &p->indicators[i];
        cr_expect(strncmp(ind->id, "ca.", 3) == 0, "%s", ind->id);
        cr_expect(ind->item >= last_item && ind->item <= 24, "%s: Chỉ tiêu %d", ind->id, ind->item);
        cr_expect(ind->objective >= 1 && ind->objective <= 4, "%s", ind->id);
        last_item = ind->item;
    }
    cr_expect_eq(last_item, 24);
    const pl_indicator *nn = pl_program_indicator(p, "ca.neonatal_mortality");
    cr_expect_str_eq(nn->unit, "‰");
    cr_expect_eq(nn->item, 3);
    cr_expect_eq(nn->direction, PL_DIR_LOWER);
    cr_expect_str_eq(pl_program_indicator(p, "ca.injury_rate")->unit, "per100k");
    cr_expect_str_eq(pl_program_indicator(p, "ca.child_labour")->same_as, "cl.rate");
    const pl_indicator *cm = pl_program_indicator(p, "ca.child_marriage");
    cr_expect_eq(cm->change, PL_CHANGE_DECREASE);
    cr_expect(cm->per_year);
    /* a yearly change has no year: its one reference is year 0 */
    const pl_reference *r = pl_program_ref(p, "ca.child_marriage", 0);
    cr_assert_not_null(r);
    cr_expect_float_eq(r->value, 2, 1e-9);
    /* values in their own unit; years the decision does not set are absent */
    cr_expect_float_eq(pl_program_ref(p, "ca.injury_rate", 2025)->value, 550, 1e-9);
    cr_expect_eq(pl_program_ref(p, "ca.infant_mortality", 2025)->cmp, PL_CMP_LE);
    cr_expect_null(pl_program_ref(p, "ca.vaccination_under5", 2025));
    cr_expect_null(pl_program_ref(p, "ca.school_psych_support", 2030));
    /* provenance: "one copy only" values are unconfirmed */
    cr_expect_eq(pl_program_ref(p, "ca.ecd_on_track", 2025)->confidence, PL_CONF_ONE_SOURCE);
    cr_expect_eq(pl_program_ref(p, "ca.preschool_age5", 2025)->confidence, PL_CONF_OFFICIAL);
    cr_expect_eq(pl_program_ref(p, "ca.school_sanitation", 2030)->confidence,
                 PL_CONF_ONE_SOURCE);
    size_t nvalues = 0;
    for (size_t i = 0; i < p->nrefs; i++)
        nvalues += p->refs[i].has_value;
    cr_expect_eq(nvalues, 65, "about 65 (indicator, year) targets");
}

/* docs/NATIONAL-PROGRAMMES.md §4: rates per 100 000, cuts, a yearly cut, provenance
 * down to "local plans only". */
Test(program, child_injury_programme)
{
    const pl_program *p = pl_programs_find(ps, "child-injury-2021");
    cr_assert_not_null(p);
    cr_expect_str_eq(p->decision_number, "1248/QĐ-TTg");
    cr_expect_str_eq(p->decision_date, "2021-07-19");
    cr_expect_eq(p->period_end, 2030);
    cr_expect(pl_program_has_number(p, "2816/LĐTBXH-TE"), "the ministry's guidance implies it");
    cr_expect(pl_program_has_number(p, "1248/qđ-ttg"));
    cr_expect_not(pl_program_has_number(p, "782/QĐ-TTg"));
    cr_expect_eq(p->nnotes, 3);
    const pl_indicator *rt = pl_program_indicator(p, "inj.road_traffic");
    cr_expect(rt->per_year);
    cr_expect_float_eq(pl_program_ref(p, "inj.road_traffic", 0)->value, 5, 1e-9);
    cr_expect_eq(pl_program_indicator(p, "inj.drowning_deaths")->change, PL_CHANGE_DECREASE);
    cr_expect_float_eq(pl_program_ref(p, "inj.drowning_deaths", 2030)->value, 20, 1e-9);
    cr_expect_float_eq(pl_program_ref(p, "inj.injury_deaths", 2030)->value, 15, 1e-9);
    cr_expect_eq(pl_program_ref(p, "inj.swimming", 2030)->confidence, PL_CONF_SUMMARIES);
    cr_expect_eq(pl_program_ref(p, "inj.first_aid", 2025)->confidence, PL_CONF_LOCAL);
    cr_expect_not(pl_program_ref(p, "inj.life_jackets", 2025)->has_value);

    /* an indicator matches targets of its own kind only */
    char *k = loose("trẻ em bị tử vong do đuối nước");
    pl_kind cut = {"%", PL_CHANGE_DECREASE, 0}, level = {"%", PL_CHANGE_NONE, 0};
    cr_expect_str_eq(pl_program_match_target(p, k, &cut)->id, "inj.drowning_deaths");
    cr_expect_null(pl_program_match_target(p, k, &level), "a level is not a cut");
    free(k);
    k = loose("tỷ suất trẻ em bị tai nạn, thương tích");
    pl_kind per100k = {"per100k", PL_CHANGE_NONE, 0};
    cr_expect_str_eq(pl_program_match_target(p, k, &per100k)->id, "inj.injury_rate");
    cr_expect_null(pl_program_match_target(p, k, &level), "not a percentage");
    free(k);
}

/* docs/CONTRACT.md §4, programme child-labour-2021. */
Test(program, spec_indicators)
{
    static const struct {
        const char *id;
        pl_direction dir;
        int objective;
    } want[] = {
        {"cl.rate", PL_DIR_LOWER, 1},          {"cl.hazardous", PL_DIR_LOWER, 1},
        {"cl.support", PL_DIR_HIGHER, 1},      {"cl.education", PL_DIR_HIGHER, 1},
        {"comm.staff", PL_DIR_HIGHER, 2},      {"comm.parents", PL_DIR_HIGHER, 2},
        {"comm.children", PL_DIR_HIGHER, 2},   {"comm.business", PL_DIR_HIGHER, 2},
        {"train.officials", PL_DIR_HIGHER, 3}, {"train.commune", PL_DIR_HIGHER, 3},
        {"train.business", PL_DIR_HIGHER, 3},  {"train.coop", PL_DIR_HIGHER, 3},
    };
    cr_assert_eq(cl21->nindicators, sizeof want / sizeof *want);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const pl_indicator *ind = pl_program_indicator(cl21, want[i].id);
        cr_assert_not_null(ind, "%s", want[i].id);
        cr_expect_eq(ind->direction, want[i].dir, "%s", want[i].id);
        cr_expect_eq(ind->objective, want[i].objective, "%s", want[i].id);
        cr_expect(ind->label_vi && *ind->label_vi && ind->label_en && *ind->label_en);
        cr_expect_gt(ind->nany, 0);
    }
    cr_assert_null(pl_program_indicator(cl21, "cl.nothing"));
}

/* docs/NATIONAL-PROGRAMMES.md §2, the table of values. */
Test(program, national_reference_values)
{
    static const struct {
        const char *id;
        int year, has_value;
        pl_cmp cmp;
        double value;
        pl_confidence conf;
    } want[] = {
        {"cl.rate", 2025, 1, PL_CMP_LE, 4.9, PL_CONF_OFFICIAL},
        {"cl.support", 2025, 1, PL_CMP_GE, 100, PL_CONF_OFFICIAL},
        {"cl.education", 2025, 1, PL_CMP_GT, 90, PL_CONF_OFFICIAL},
        {"comm.staff", 2025, 1, PL_CMP_GE, 90, PL_CONF_SUMMARIES},
        {"comm.parents", 2025, 1, PL_CMP_GE, 70, PL_CONF_SUMMARIES},
        {"comm.children", 2025, 1, PL_CMP_GE, 70, PL_CONF_TWO_SOURCES},
        {"comm.business", 2025, 1, PL_CMP_GE, 90, PL_CONF_TWO_SOURCES},
        {"train.officials", 2025, 1, PL_CMP_GE, 90, PL_CONF_ONE_SOURCE},
        {"train.commune", 2025, 1, PL_CMP_GE, 70, PL_CONF_ONE_SOURCE},
        {"train.business", 2025, 0, PL_CMP_NONE, 0, PL_CONF_UNKNOWN},
        {"train.coop", 2025, 0, PL_CMP_NONE, 0, PL_CONF_UNKNOWN},
        {"cl.rate", 2030, 1, PL_CMP_LE, 4.5, PL_CONF_ONE_SOURCE},
        {"cl.hazardous", 2030, 0, PL_CMP_NONE, 0, PL_CONF_TWO_SOURCES},
    };
    cr_assert_eq(cl21->nrefs, sizeof want / sizeof *want);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const pl_reference *r = pl_program_ref(cl21, want[i].id, want[i].year);
        cr_assert_not_null(r, "%s %d", want[i].id, want[i].year);
        cr_expect_str_eq(r->indicator->id, want[i].id);
        cr_expect_eq(r->has_value, want[i].has_value, "%s", want[i].id);
        cr_expect_eq(r->cmp, want[i].cmp, "%s", want[i].id);
        cr_expect_float_eq(r->value, want[i].value, 1e-9, "%s", want[i].id);
        cr_expect_eq(r->confidence, want[i].conf, "%s", want[i].id);
        cr_expect_not_null(r->wording, "%s", want[i].id);
    }
    cr_assert_null(pl_program_ref(cl21, "cl.hazardous", 2025));
    cr_assert_str_eq(pl_cmp_name(PL_CMP_LE), "le");
    cr_assert_str_eq(pl_confidence_name(PL_CONF_TWO_SOURCES), "two-sources");
    /* Wordings are quoted as docs/NATIONAL-PROGRAMMES.md §2 has them. */
    const pl_reference *r = pl_program_ref(cl21, "cl.education", 2025);
    cr_assert_str_eq(r->wording, "Trên 90% trẻ em có nguy cơ, lao động trẻ em được tiếp cận giáo "
                                 "dục phổ thông và đào tạo nghề phù hợp");

    const pl_program *cl16 = pl_programs_find(ps, "child-labour-2016");
    r = pl_program_ref(cl16, "cl.support", 2020);
    cr_assert_not_null(r);
    cr_assert(r->has_value && r->cmp == PL_CMP_GE && r->value == 100);
}

/* ---- classification of clauses -------------------------------------------- */

static const struct {
    const char *clause;
    const char *id; /* NULL: no indicator */
} cases[] = {
    /* Mục tiêu 1 (782, Hưng Yên, Bình Thuận) */
    {"Trên 90% trẻ em có nguy cơ, lao động trẻ em được tiếp cận giáo dục phổ thông và đào tạo "
     "nghề phù hợp",
     "cl.education"},
    /* Cà Mau splits the education target in two */
    {"trẻ em có nguy cơ, lao động trẻ em được tiếp cận giáo dục phổ thông", "cl.education"},
    {"trẻ em có nguy cơ, lao động trẻ em được đào tạo nghề phù hợp", "cl.education"},
    {"lao động trẻ em trong độ tuổi được giáo dục nghề nghiệp", "cl.education"},
    {"100% trẻ em có nguy cơ, lao động trẻ em và trẻ em bị mua bán vì mục đích bóc lột sức lao "
     "động khi có thông báo được hỗ trợ, can thiệp kịp thời, được quản lý, theo dõi",
     "cl.support"},
    /* thành phố Lạng Sơn 2024 */
    {"100% trẻ em lao động trái quy định của pháp luật khi có thông báo, phát hiện được hỗ trợ, "
     "can thiệp kịp thời",
     "cl.support"},
    {"giảm tỷ lệ lao động trẻ em và người chưa thành niên từ 5 đến 17 tuổi xuống 4,9%", "cl.rate"},
    /* "tỉ lệ" and "tỷ lệ" are both current spellings */
    {"giảm tỉ lệ lao động trẻ em và người chưa thành niên từ 05 đến 17 tuổi xuống dưới 4%",
     "cl.rate"},
    {"giảm tối đa tỷ lệ lao động trẻ em và người chưa thành niên làm công việc nặng nhọc, độc "
     "hại, nguy hiểm trong số lao động trẻ em và người chưa thành niên",
     "cl.hazardous"},
    /* Mục tiêu 2 */
    {"cán bộ, giáo viên trong các cơ sở giáo dục, cơ sở nuôi dưỡng trẻ em được cung cấp thông "
     "tin, kiến thức về phòng ngừa, giảm thiểu lao động trẻ em",
     "comm.staff"},
    {"cha mẹ, người chăm sóc trẻ em được cung cấp thông tin, kiến thức về phòng ngừa, giảm thiểu "
     "lao động trẻ em",
     "comm.parents"},
    {"cha, mẹ, người chăm sóc trẻ em, người dân cộng đồng dân cư được cung cấp thông tin, kiến "
     "thức về phòng ngừa, giảm thiểu lao động trẻ em",
     "comm.parents"},
    {"70% trẻ em được cung cấp thông tin, kiến thức về phòng ngừa, giảm thiểu lao động trẻ em",
     "comm.children"},
    {"doanh nghiệp, hợp tác xã, hộ gia đình đặc biệt là doanh nghiệp vừa và nhỏ, hợp tác xã, hộ "
     "gia đình trong các làng nghề được cung cấp thông tin, kiến thức về phòng ngừa",
     "comm.business"},
    /* Mục tiêu 3 */
    {"công chức, viên chức cấp tỉnh, huyện được tập huấn kiến thức, kỹ năng về quản lý, phòng "
     "ngừa, phát hiện, hỗ trợ, can thiệp giảm thiểu lao động trẻ em",
     "train.officials"},
    {"cán bộ, công chức cấp xã ngành Lao động - Thương binh và Xã hội, các cơ quan, tổ chức có "
     "liên quan đến vấn đề lao động trẻ em được tập huấn kiến thức, kỹ năng về quản lý, phòng "
     "ngừa, phát hiện, hỗ trợ, can thiệp giảm thiểu lao động trẻ em",
     "train.commune"},
    /* thành phố Lạng Sơn: a city plan's own officials */
    {"cán bộ, công chức thành phố và cấp xã ngành Lao động - Thương binh và Xã hội, các cơ quan, "
     "tổ chức có liên quan đến vấn đề lao động trẻ em được tập huấn kiến thức, kỹ năng",
     "train.officials"},
    {"doanh nghiệp, đặc biệt doanh nghiệp vừa và nhỏ, hợp tác xã được tập huấn các kiến thức, "
     "kỹ năng về phòng ngừa, phát hiện, hỗ trợ, can thiệp giảm thiểu lao động trẻ em",
     "train.business"},
    {"hợp tác xã, hộ gia đình trong các làng nghề được tập huấn các kiến thức, kỹ năng về phòng "
     "ngừa, phát hiện, hỗ trợ, can thiệp giảm thiểu lao động trẻ em",
     "train.coop"},
    /* The children's action programme's targets are not child-labour ones */
    {"trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin", NULL},
    {"giảm tỷ suất tử vong trẻ em dưới 5 tuổi", NULL},
    {"", NULL},
};

Test(program, classify_real_wordings)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = classify(cl21, cases[i].clause);
        if (cases[i].id == NULL)
            cr_expect_null(got, "\"%s\" -> %s, expected none", cases[i].clause, got);
        else
            cr_expect(got && strcmp(got, cases[i].id) == 0, "\"%s\" -> %s, expected %s",
                      cases[i].clause, got ? got : "none", cases[i].id);
    }
}

/* Text without accents (typed on a phone, or a lossy PDF), in capitals, or
 * decomposed (NFD) classifies the same. */
Test(program, classify_without_accents_capitals_nfd)
{
    cr_expect_str_eq(classify(cl21, "tren 90% tre em co nguy co, lao dong tre em duoc tiep can "
                                    "giao duc pho thong va dao tao nghe phu hop"),
                     "cl.education");
    cr_expect_str_eq(classify(cl21, "cha me, nguoi cham soc tre em duoc cung cap thong tin, kien "
                                    "thuc ve phong ngua"),
                     "comm.parents");
    cr_expect_str_eq(classify(cl21, "CÁN BỘ, CÔNG CHỨC CẤP XÃ ĐƯỢC TẬP HUẤN"), "train.commune");
    /* "giảm tỷ lệ lao động trẻ em" with every letter decomposed */
    cr_expect_str_eq(classify(cl21, "gia\xcc\x89m ty\xcc\x89 le\xcc\x82\xcc\xa3 lao \xc4\x91o"
                                    "\xcc\x82\xcc\xa3ng tre\xcc\x89 em xuo\xcc\x82\xcc\x81ng 4,9%"),
                     "cl.rate");
    /* Phrases match whole words only */
    cr_expect_null(classify(cl21, "cap xay dung tre em"));
}

/* ---- recognising the programme a plan implements --------------------------- */

static const pl_program *title_match(const char *text, int start, int end)
{
    char *k = loose(text);
    const pl_program *p = pl_programs_match_title_period(ps, k, start, end);
    free(k);
    return p;
}

Test(program, match_title)
{
    const pl_program *p;
    p = title_match("Kế hoạch thực hiện Chương trình phòng ngừa, giảm thiểu trẻ em lao động trái "
                    "quy định của pháp luật trên địa bàn tỉnh Hưng Yên",
                    0, 0);
    cr_assert(p && strcmp(p->id, "child-labour-2021") == 0);
    /* the 2016 name: the period decides; unknown period, the newer one */
    const char *old = "Kế hoạch thực hiện Chương trình phòng ngừa, giảm thiểu lao động trẻ em";
    cr_assert_str_eq(title_match(old, 2016, 2020)->id, "child-labour-2016");
    cr_assert_str_eq(title_match(old, 2021, 2025)->id, "child-labour-2021");
    cr_assert_str_eq(title_match(old, 2024, 0)->id, "child-labour-2021");
    cr_assert_str_eq(title_match(old, 0, 0)->id, "child-labour-2021");
    cr_assert_str_eq(title_match("KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG QUỐC GIA VÌ TRẺ EM "
                                 "GIAI ĐOẠN 2021-2030",
                                 2021, 2030)
                         ->id,
                     "children-action-2021");
    cr_assert_null(title_match("Kế hoạch phòng, chống thiên tai năm 2024", 2024, 2024));

    cr_assert_eq(pl_programs_by_number(ps, "782/QĐ-TTg"), cl21);
    cr_assert_eq(pl_programs_by_number(ps, "782 / qd-ttg"), cl21);
    cr_assert_str_eq(pl_programs_by_number(ps, "1023/QĐ-TTg")->id, "child-labour-2016");
    cr_assert_str_eq(pl_programs_by_number(ps, "23/QĐ-TTg")->id, "children-action-2021");
    cr_assert_null(pl_programs_by_number(ps, "123/QĐ-TTg"));
}

/* ---- loading programme files ------------------------------------------------ */

Test(program, load_extra_programme_without_code)
{
    pl_error err = {0};
    cr_assert_eq(pl_programs_load_file(ps, DATA "extra-program.xml", &err), 0, "%s", err.message);
    cr_assert_eq(pl_programs_count(ps), 5);
    const pl_program *p = pl_programs_find(ps, "test-road-safety-2022");
    cr_assert_not_null(p);
    cr_assert_str_eq(p->decision_number, "999/QĐ-TEST");
    cr_assert_eq(p->horizon, 0);
    cr_assert_null(p->replaces);
    const pl_indicator *helmet = pl_program_indicator(p, "rs.helmet");
    cr_assert_str_eq(helmet->label_vi, "Trẻ em đội mũ bảo hiểm");
    cr_assert_eq(helmet->direction, PL_DIR_HIGHER);
    cr_assert_eq(pl_program_indicator(p, "rs.injury")->objective, 0);
    const pl_reference *r = pl_program_ref(p, "rs.helmet", 2026);
    cr_assert_str_eq(r->wording, "95% trẻ em đội mũ bảo hiểm khi tham gia giao thông");
    cr_assert_null(r->source);
    cr_assert_float_eq(pl_program_ref(p, "rs.injury", 2026)->value, 0.5, 1e-9);
    cr_assert_eq(pl_program_ref(p, "rs.injury", 2026)->cmp, PL_CMP_LT);
    cr_assert_str_eq(classify(p, "90% trẻ em đội mũ bảo hiểm khi ngồi sau xe máy"), "rs.helmet");
    cr_assert_null(classify(p, "người lớn đội mũ bảo hiểm"), "`all` requires trẻ em");
    cr_assert_str_eq(classify(p, "giảm số trẻ em bị tai nạn giao thông"), "rs.injury");
    char *k = loose("Kế hoạch thực hiện chương trình an toàn giao thông cho trẻ em");
    cr_assert_eq(pl_programs_match_title(ps, k), p);
    free(k);

    /* loading the same id again replaces, not duplicates */
    cr_assert_eq(pl_programs_load_file(ps, DATA "extra-program.xml", &err), 0);
    cr_assert_eq(pl_programs_count(ps), 5);
}

/* docs/PROGRAMMES.md: a fourth programme is a data file.  The made-up
 * road-safety programme of tests/data/extra-program.xml, loaded at run
 * time through the API, goes through every command with no C change: a
 * plan naming it is recognised, its targets take its indicators (a rate
 * per 100 000 included), check compares them with its references and
 * compare puts them in its rows, in their unit. */
static const char EXTRA_PLAN[] =
    "ỦY BAN NHÂN DÂN\nHUYỆN YÊN KHÁNH\nSố: 31/KH-UBND\n\nKẾ HOẠCH\n"
    "Thực hiện Chương trình thử nghiệm an toàn giao thông cho trẻ em giai đoạn 2022 – 2026\n"
    "Căn cứ Quyết định số 999/QĐ-TEST ngày 15/3/2022 của Bộ Thử nghiệm;\n"
    "I. MỤC TIÊU ĐẾN NĂM 2026\n"
    "- 90% trẻ em đội mũ bảo hiểm khi ngồi sau xe máy vào năm 2026.\n"
    "- Giảm tỷ suất trẻ em tử vong do tai nạn giao thông xuống còn 2/100.000 trẻ em vào năm "
    "2026.\n";

static const pl_finding *finding_of(const pl_report *r, const char *rule, const char *ind)
{
    for (size_t i = 0; i < pl_report_count(r); i++) {
        const pl_finding *f = pl_report_finding(r, i);
        const char *fi = pl_finding_indicator(f);
        if (strcmp(pl_finding_rule(f), rule) == 0 && fi && strcmp(fi, ind) == 0)
            return f;
    }
    return NULL;
}

Test(program, extra_programme_end_to_end)
{
    pl_error err = {0};
    /* without the file, the plan implements nothing planlint knows */
    pl_doc *d = pl_doc_parse("road.txt", EXTRA_PLAN, sizeof EXTRA_PLAN - 1, ps, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_expect_null(pl_doc_program(d));
    for (size_t i = 0; i < pl_doc_target_count(d); i++)
        cr_expect_null(pl_target_indicator(pl_doc_target(d, i)));
    pl_doc_free(d);

    cr_assert_eq(pl_programs_load_file(ps, DATA "extra-program.xml", &err), 0, "%s", err.message);
    d = pl_doc_parse("road.txt", EXTRA_PLAN, sizeof EXTRA_PLAN - 1, ps, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_assert_str_eq(pl_doc_program(d), "test-road-safety-2022");
    cr_assert_eq(pl_doc_target_count(d), 2);
    cr_expect_str_eq(pl_target_indicator(pl_doc_target(d, 0)), "rs.helmet");
    cr_expect_str_eq(pl_target_indicator(pl_doc_target(d, 1)), "rs.deaths");

    /* check: 90 % is weaker than the programme's 95 %, and no target is
     * missing (2/100 000 is stronger than 3) */
    pl_config *cfg = pl_config_new();
    pl_config_use_files(cfg, 0);
    pl_checker *ck = pl_checker_new(ps, cfg, &err);
    cr_assert_not_null(ck, "%s", err.message);
    pl_report *r = pl_check_doc(ck, d, &err);
    cr_assert_not_null(r, "%s", err.message);
    const pl_finding *weaker = finding_of(r, "weaker-than-parent", "rs.helmet");
    cr_assert_not_null(weaker);
    cr_expect(strstr(pl_finding_message(weaker, PL_LANG_EN), "999/QĐ-TEST"), "%s",
              pl_finding_message(weaker, PL_LANG_EN));
    cr_expect_null(finding_of(r, "weaker-than-parent", "rs.deaths"));
    cr_expect_null(finding_of(r, "missing-target", "rs.deaths"));
    cr_expect_not_null(finding_of(r, "missing-target", "rs.injury"), "its one-source 0,5 %");
    pl_report_free(r);
    pl_checker_free(ck);
    pl_config_free(cfg);

    /* compare: its rows, statuses and units */
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    cr_assert_not_null(c, "%s", err.message);
    cr_assert_eq(pl_compare_add(c, d), 0);
    cr_expect_str_eq(pl_compare_program(c), "test-road-safety-2022");
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    cr_assert_eq(pl_compare_render(c, f, PL_FMT_CSV, PL_LANG_EN, &err), 0, "%s", err.message);
    fclose(f);
    cr_expect(strstr(out, ",rs.helmet,Children wearing helmets,2026,ge,90,%,,false,≥ 90,1,9,ge,95,"
                          "official,weaker\r\n"),
              "%s", out);
    cr_expect(strstr(out, ",rs.deaths,Road deaths per 100 000 children,2026,le,2,per100k,,false,"
                          "≤ 2,1,10,le,3,official,stronger\r\n"),
              "%s", out);
    free(out);
    pl_compare_free(c);
    pl_doc_free(d);
}

/* Recognition scans one phrase set made for the registry and kept with it
 * (pl_programs_cached).  A programme loaded after a document has been
 * read must be in the set the next document scans: here the plan names
 * the programme only by its title's words, with no decision to cite. */
Test(program, programme_loaded_after_a_document_is_recognised)
{
    static const char plan[] = "ỦY BAN NHÂN DÂN\nHUYỆN YÊN KHÁNH\nSố: 32/KH-UBND\n\nKẾ HOẠCH\n"
                               "Thực hiện chương trình an toàn giao thông cho trẻ em năm 2023\n"
                               "- 90% trẻ em đội mũ bảo hiểm khi ngồi sau xe máy.\n";
    pl_error err = {0};
    pl_doc *d = pl_doc_parse("road.txt", plan, sizeof plan - 1, ps, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_expect_null(pl_doc_program(d));
    pl_doc_free(d);

    cr_assert_eq(pl_programs_load_file(ps, DATA "extra-program.xml", &err), 0, "%s", err.message);
    d = pl_doc_parse("road.txt", plan, sizeof plan - 1, ps, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_expect_str_eq(pl_doc_program(d), "test-road-safety-2022");
    pl_doc_free(d);
}

Test(program, malformed_file_one_line_error)
{
    pl_error err = {0};
    cr_assert_eq(pl_programs_load_file(ps, DATA "program-malformed.xml", &err), -1);
    assert_one_line_error(&err, DATA "program-malformed.xml");
    cr_assert_eq(pl_programs_count(ps), 4);
}

Test(program, schema_invalid_file_one_line_error)
{
    pl_error err = {0};
    cr_assert_eq(pl_programs_load_file(ps, DATA "program-invalid.xml", &err), -1);
    assert_one_line_error(&err, DATA "program-invalid.xml");
    cr_assert_not_null(strstr(err.message, ":8:"), "line of the bad indicator: %s", err.message);
    cr_assert_not_null(strstr(err.message, "direction"), "%s", err.message);
}

Test(program, missing_file_is_io_error)
{
    pl_error err = {0};
    cr_assert_eq(pl_programs_load_file(ps, DATA "no-such-program.xml", &err), -1);
    cr_assert_eq(err.status, PL_ERR_IO);
    cr_assert_not_null(strstr(err.message, "no-such-program.xml"));
}

/* An entity bomb must fail fast, not expand (the .timeout is the budget). */
Test(program, billion_laughs_rejected, .timeout = 5)
{
    pl_error err = {0};
    cr_assert_eq(pl_programs_load_file(ps, DATA "program-billion-laughs.xml", &err), -1);
    assert_one_line_error(&err, DATA "program-billion-laughs.xml");
    cr_assert_not_null(strstr(err.message, "DOCTYPE"), "%s", err.message);
    cr_assert_null(strstr(err.message, "lollol"), "%s", err.message);
}

Test(program, external_entity_rejected)
{
    pl_error err = {0};
    cr_assert_eq(pl_programs_load_file(ps, DATA "program-xxe.xml", &err), -1);
    assert_one_line_error(&err, DATA "program-xxe.xml");
    cr_assert_null(strstr(err.message, "root:"), "%s", err.message);
}

/* What the schema cannot check, the loader does. */
Test(program, loader_checks)
{
    static const char head[] = "<program id='p'><title>T</title>"
                               "<decision number='1/QĐ-X' date='2020-01-01' issuer='X'/>";
    static const char body[] =
        "<recognition><phrase>tên</phrase></recognition>"
        "<indicators><indicator id='a' direction='higher'><label lang='vi'>A</label>"
        "<label lang='en'>A</label><any>aa</any></indicator></indicators>";
    static const struct {
        const char *period, *refs, *what;
    } bad[] = {
        {"<period start='2021' end='2020'/>", "", "period"},
        {"<period start='2020' end='2025' horizon='2024'/>", "", "period"},
        {"<period start='2020' end='2025'/>",
         "<references><reference indicator='a' year='2025' value='5' confidence='official'/>"
         "</references>",
         "comparator"},
        {"<period start='2020' end='2025'/>",
         "<references><reference indicator='a' year='2025' cmp='ge' value='5' "
         "confidence='unknown'/></references>",
         "unknown"},
        {"<period start='2020' end='2025'/>",
         "<references><reference indicator='b' year='2025' confidence='official'/></references>",
         "referenceIndicator"},
        {"<period start='2020' end='2025'/>",
         "<references><reference indicator='a' year='2020' cmp='ge' value='4' "
         "confidence='official'/><reference indicator='a' year='2025' cmp='ge' value='5' "
         "confidence='official'/><reference indicator='a' year='2020' cmp='ge' value='6' "
         "confidence='official'/></references>",
         "oneReferencePerYear"}, /* the schema refuses it before the loader */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char xml[2048];
        snprintf(xml, sizeof xml, "%s%s%s%s</program>", head, bad[i].period, body, bad[i].refs);
        pl_error err = {0};
        pl_program *p = pl_program_parse("mem.xml", xml, strlen(xml), &err);
        cr_expect_null(p, "case %zu accepted", i);
        pl_program_free(p);
        cr_expect_eq(err.status, PL_ERR_DATA, "case %zu", i);
        cr_expect_not_null(strstr(err.message, bad[i].what), "case %zu: %s", i, err.message);
        cr_expect_eq(strncmp(err.message, "mem.xml:1:", 10), 0, "case %zu: %s", i, err.message);
    }
    /* Two years of one indicator are two references; texts wrapped over
     * lines in the file read as one line, texts with nothing to fold as
     * they stand. */
    {
        char ok[2048];
        snprintf(ok, sizeof ok,
                 "%s<period start='2020' end='2025'/>%s<references>"
                 "<reference indicator='a' year='2020' cmp='ge' value='4' confidence='official'>"
                 "<wording>\n   giảm  10%%\n\tso với\r\n năm 2020  </wording>"
                 "<source>QĐ 1/QĐ-X, mục 2</source></reference>"
                 "<reference indicator='a' year='2025' cmp='ge' value='5' confidence='official'/>"
                 "</references></program>",
                 head, body);
        pl_error e = {0};
        pl_program *p = pl_program_parse("mem.xml", ok, strlen(ok), &e);
        cr_assert_not_null(p, "%s", e.message);
        cr_expect_eq(p->nrefs, 2);
        cr_expect_str_eq(p->refs[0].wording, "giảm 10% so với năm 2020");
        cr_expect_str_eq(p->refs[0].source, "QĐ 1/QĐ-X, mục 2");
        cr_expect_str_eq(p->decision_number, "1/QĐ-X");
        cr_expect_eq(pl_program_ref(p, "a", 2025), &p->refs[1]);
        pl_program_free(p);
    }
    /* A phrase of punctuation alone folds to something, but a phrase of
     * combining marks alone folds to nothing. */
    char xml[2048];
    snprintf(xml, sizeof xml,
             "%s<period start='2020' end='2025'/>"
             "<recognition><phrase>\xcc\x81\xcc\x80</phrase></recognition>"
             "</program>",
             head);
    pl_error err = {0};
    cr_expect_null(pl_program_parse("mem.xml", xml, strlen(xml), &err));
    cr_expect_not_null(strstr(err.message, "empty"), "%s", err.message);
}

/* ---- util/xml.c ------------------------------------------------------------- */

Test(xml, tree_api)
{
    static const char doc[] = "<?xml version='1.0'?>\n"
                              "<a x='1' y='&lt;2&gt;'>\n"
                              "  <b>  hello &amp; <![CDATA[<world>]]>  </b>\n"
                              "  <!-- comment -->\n"
                              "  <c/>\n"
                              "  <b>second</b>\n"
                              "</a>\n";
    pl_error err = {0};
    pl_xml_node *root = pl_xml_parse("t.xml", doc, strlen(doc), NULL, 0, &err);
    cr_assert_not_null(root, "%s", err.message);
    cr_assert_str_eq(pl_xml_name(root), "a");
    cr_assert_str_eq(pl_xml_attr(root, "x"), "1");
    cr_assert_str_eq(pl_xml_attr(root, "y"), "<2>");
    cr_assert_null(pl_xml_attr(root, "z"));
    cr_assert_eq(pl_xml_line(root), 2);
    pl_xml_node *b = pl_xml_first(root, "b");
    cr_assert_str_eq(pl_xml_text(b), "hello & <world>");
    cr_assert_eq(pl_xml_line(b), 3);
    cr_assert_eq(pl_xml_parent(b), root);
    cr_assert_str_eq(pl_xml_name(pl_xml_next(b, NULL)), "c");
    cr_assert_str_eq(pl_xml_text(pl_xml_first(root, "c")), "");
    pl_xml_node *b2 = pl_xml_next(b, "b");
    cr_assert_str_eq(pl_xml_text(b2), "second");
    cr_assert_null(pl_xml_next(b2, NULL));
    pl_xml_free(root);
}

Test(xml, depth_is_capped)
{
    pl_buf b = PL_BUF_INIT;
    for (int i = 0; i < PL_XML_MAX_DEPTH + 10; i++)
        pl_buf_puts(&b, "<d>");
    for (int i = 0; i < PL_XML_MAX_DEPTH + 10; i++)
        pl_buf_puts(&b, "</d>");
    pl_error err = {0};
    pl_xml_node *root = pl_xml_parse("deep.xml", b.data, b.len, NULL, 0, &err);
    cr_assert_null(root);
    cr_assert_eq(err.status, PL_ERR_DATA);
    cr_assert_eq(strncmp(err.message, "deep.xml:1: ", 12), 0, "%s", err.message);
    pl_buf_free(&b);
}

Test(xml, entities_inert_without_schema)
{
    static const char xxe[] = "<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><a>&e;</a>";
    pl_error err = {0};
    cr_assert_null(pl_xml_parse("x.xml", xxe, strlen(xxe), NULL, 0, &err));
    cr_assert_eq(strncmp(err.message, "x.xml:1: DOCTYPE", 16), 0, "%s", err.message);
    static const char undefined[] = "<a>&e;</a>";
    cr_assert_null(pl_xml_parse("u.xml", undefined, strlen(undefined), NULL, 0, &err));
    cr_assert_eq(err.status, PL_ERR_DATA);
    cr_assert_null(pl_xml_parse("e.xml", "", 0, NULL, 0, &err));
    cr_assert_eq(strncmp(err.message, "e.xml: ", 7), 0, "%s", err.message);
}

Test(xml, writer_round_trip)
{
    pl_buf out = PL_BUF_INIT;
    pl_xml_writer *w = pl_xml_writer_new_buf(&out);
    cr_assert_not_null(w);
    cr_assert_eq(pl_xml_writer_start(w, "plan"), 0);
    cr_assert_eq(pl_xml_writer_attr(w, "source", "a&b \"c\".txt"), 0);
    cr_assert_eq(pl_xml_writer_element(w, "issuer", "UBND tỉnh Hưng Yên <x>"), 0);
    cr_assert_eq(pl_xml_writer_element(w, "bad", "form\ffeed \xff"), 0);
    cr_assert_eq(pl_xml_writer_start(w, "targets"), 0); /* left open: finish closes */
    cr_assert_eq(pl_xml_writer_finish(w), 0);
    pl_xml_writer_free(w);
    const char *s = pl_buf_cstr(&out);
    cr_assert_eq(strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plan", 44), 0, "%s", s);
    cr_assert_not_null(strstr(s, "\n  <issuer>"), "indented: %s", s);

    pl_error err = {0};
    pl_xml_node *root = pl_xml_parse("out.xml", out.data, out.len, NULL, 0, &err);
    cr_assert_not_null(root, "%s\n%s", err.message, s);
    cr_assert_str_eq(pl_xml_attr(root, "source"), "a&b \"c\".txt");
    cr_assert_str_eq(pl_xml_text(pl_xml_first(root, "issuer")), "UBND tỉnh Hưng Yên <x>");
    cr_assert_str_eq(pl_xml_text(pl_xml_first(root, "bad")), "form\xef\xbf\xbd"
                                                             "feed \xef\xbf\xbd");
    cr_assert_not_null(pl_xml_first(root, "targets"));
    pl_xml_free(root);
    pl_buf_free(&out);
}

/* pl_program_match_target skips a phrase whose three-byte sequences are
 * not all in the clause: every `any` phrase of every indicator (without
 * `all`, and none of its `none` inside it) must still be found as the
 * whole clause, at its start, at its end, and inside, short ones too. */
Test(program, every_any_phrase_is_found_wherever_it_stands)
{
    for (size_t pi = 0; pi < pl_programs_count(ps); pi++) {
        const pl_program *p = pl_programs_at(ps, pi);
        for (size_t i = 0; i < p->nindicators; i++) {
            const pl_indicator *ind = &p->indicators[i];
            if (ind->nall > 0)
                continue;
            pl_kind kind = {ind->unit, ind->change, ind->per_year};
            for (size_t j = 0; j < ind->nany; j++) {
                const char *ph = ind->any[j];
                int ruled_out = 0;
                for (size_t k = 0; k < ind->nnone; k++)
                    ruled_out |= strstr(ph, ind->none[k]) != NULL;
                if (ruled_out)
                    continue;
                const char *before[] = {"", "", "qq ", "ab "}, *after[] = {"", " xyz", "", " cd"};
                for (size_t s = 0; s < 4; s++) {
                    char clause[512];
                    snprintf(clause, sizeof clause, "%s%s%s", before[s], ph, after[s]);
                    cr_expect_not_null(pl_program_match_target(p, clause, &kind),
                                       "%s: %s in \"%s\"", p->id, ind->id, clause);
                }
            }
        }
    }
}

/* ---- the built-in bodies, read on first use ------------------------------ */

static void same_strings(char *const *a, size_t na, char *const *b, size_t nb, const char *what)
{
    cr_assert_eq(na, nb, "%s", what);
    for (size_t i = 0; i < na; i++)
        cr_expect_str_eq(a[i], b[i], "%s", what);
}

static int same_or_both_null(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* What a lazy built-in reads is what the whole file reads (the loader
 * run eagerly by pl_program_parse on the same embedded bytes). */
static void same_body(const pl_program *lazy, const pl_program *eager)
{
    cr_assert_eq(lazy->nindicators, eager->nindicators, "%s", eager->id);
    cr_assert_gt(lazy->nindicators + lazy->nrefs + (strcmp(eager->id, "children-action-2021") == 0), 0,
                 "%s: something to compare", eager->id);
    for (size_t i = 0; i < eager->nindicators; i++) {
        const pl_indicator *x = &lazy->indicators[i], *y = &eager->indicators[i];
        cr_expect_str_eq(x->id, y->id);
        cr_expect_str_eq(x->label_vi, y->label_vi);
        cr_expect_str_eq(x->label_en, y->label_en);
        cr_expect_str_eq(x->unit, y->unit);
        cr_expect(x->direction == y->direction && x->objective == y->objective &&
                      x->item == y->item && x->change == y->change && x->per_year == y->per_year,
                  "%s", y->id);
        cr_expect(same_or_both_null(x->same_as, y->same_as), "%s", y->id);
        same_strings(x->any, x->nany, y->any, y->nany, y->id);
        same_strings(x->all, x->nall, y->all, y->nall, y->id);
        same_strings(x->none, x->nnone, y->none, y->nnone, y->id);
    }
    cr_assert_eq(lazy->nrefs, eager->nrefs, "%s", eager->id);
    for (size_t i = 0; i < eager->nrefs; i++) {
        const pl_reference *x = &lazy->refs[i], *y = &eager->refs[i];
        /* each points into its own programme's table, at the same place */
        cr_expect_eq(x->indicator - lazy->indicators, y->indicator - eager->indicators);
        cr_expect(x->year == y->year && x->cmp == y->cmp && x->has_value == y->has_value &&
                      x->value == y->value && x->confidence == y->confidence,
                  "%s %d", y->indicator->id, y->year);
        cr_expect(same_or_both_null(x->wording, y->wording));
        cr_expect(same_or_both_null(x->source, y->source));
    }
}

/* A fresh registry holds the built-ins' headers only; whatever hands a
 * programme out reads its body, which is the eager loader's. */
Test(program, a_body_read_on_demand_is_the_eager_one)
{
    pl_error err = {0};
    pl_programs *fresh = pl_programs_new_builtin(&err);
    cr_assert_not_null(fresh, "%s", err.message);
    size_t n = 0;
    for (size_t i = 0; i < pl_embedded_count; i++) {
        const pl_embedded_file *f = &pl_embedded_files[i];
        if (strncmp(f->name, "programs/", 9) != 0)
            continue;
        pl_program *eager = pl_program_parse(f->name, (const char *)f->data, f->len, &err);
        cr_assert_not_null(eager, "%s", err.message);
        const pl_program *head = fresh->items[n];
        cr_assert_str_eq(head->id, eager->id, "registry order is the embedded table's");
        /* the header is there, the body not yet */
        cr_expect_eq(head->period_start, eager->period_start);
        same_strings(head->title_phrases, head->ntitle_phrases, eager->title_phrases,
                     eager->ntitle_phrases, eager->id);
        same_strings(head->words, head->nwords, eager->words, eager->nwords, eager->id);
        same_strings(head->numbers, head->nnumbers, eager->numbers, eager->nnumbers, eager->id);
        cr_expect_eq(head->nindicators + head->nrefs, 0, "%s read before it was asked for",
                     eager->id);
        /* asked for by the accessors, each in its turn */
        const pl_program *p = n % 2 ? pl_programs_find(fresh, eager->id) : pl_programs_at(fresh, n);
        cr_assert_eq(p, head);
        same_body(p, eager);
        cr_expect_eq(pl_program_body(p), p, "read once");
        pl_program_free(eager);
        n++;
    }
    cr_assert_eq(n, pl_programs_count(fresh));
    pl_programs_free(fresh);
}

/* Recognition walks the headers; the programme it names comes with its
 * body, and a registry freed before any body was read frees the trees. */
Test(program, recognised_programme_has_its_body)
{
    pl_error err = {0};
    pl_programs *fresh = pl_programs_new_builtin(&err);
    cr_assert_not_null(fresh, "%s", err.message);
    pl_doc *d = pl_doc_read(PL_SOURCE_DIR "/corpus/plans/hoang-duc-commune-2023-pdf.txt", fresh,
                            NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    const pl_program *p = d->info.program;
    cr_assert_not_null(p);
    cr_expect_str_eq(p->id, "child-labour-2021");
    cr_expect_eq(p->nindicators, cl21->nindicators);
    cr_expect_gt(p->nindicators, 5);
    size_t with_indicator = 0;
    for (size_t i = 0; i < d->ntargets; i++)
        with_indicator += d->targets[i].indicator != NULL;
    cr_expect_gt(with_indicator, 0, "targets matched against the body");
    /* the others were not needed */
    for (size_t i = 0; i < fresh->n; i++)
        if (fresh->items[i] != p)
            cr_expect_eq(fresh->items[i]->nindicators, 0, "%s", fresh->items[i]->id);
    pl_doc_free(d);
    pl_programs_free(fresh);
    pl_programs *unused = pl_programs_new_builtin(&err);
    cr_assert_not_null(unused);
    pl_programs_free(unused); /* LeakSanitizer: the kept trees are freed */
}

/* Threads asking for the same bodies at once each get them whole
 * (scripts/tsan.sh and a ThreadSanitizer build of this test check the
 * locking). */
typedef struct asker {
    pl_programs *ps;
    size_t nindicators[8];
    const pl_indicator *match;
} asker;

static void *ask_all(void *arg)
{
    asker *a = arg;
    for (size_t k = pl_programs_count(a->ps); k-- > 0;) {
        const pl_program *p = pl_programs_at(a->ps, k);
        a->nindicators[k] = p->nindicators;
    }
    char *clause = pl_fold_loose("tỷ lệ trẻ em lao động", strlen("tỷ lệ trẻ em lao động"));
    a->match = pl_program_match_group(a->ps->items[0], clause);
    free(clause);
    return NULL;
}

Test(program, two_threads_read_the_bodies_at_once)
{
    for (int round = 0; round < 20; round++) {
        pl_error err = {0};
        pl_programs *fresh = pl_programs_new_builtin(&err);
        cr_assert_not_null(fresh, "%s", err.message);
        cr_assert_leq(pl_programs_count(fresh), 8);
        asker a[4] = {{fresh, {0}, NULL}, {fresh, {0}, NULL}, {fresh, {0}, NULL}, {fresh, {0}, NULL}};
        pthread_t th[4];
        for (int t = 0; t < 4; t++)
            cr_assert_eq(pthread_create(&th[t], NULL, ask_all, &a[t]), 0);
        for (int t = 0; t < 4; t++)
            pthread_join(th[t], NULL);
        for (size_t k = 0; k < pl_programs_count(fresh); k++) {
            size_t want = pl_programs_at(ps, k)->nindicators; /* the suite's registry */
            for (int t = 0; t < 4; t++)
                cr_expect_eq(a[t].nindicators[k], want, "thread %d, programme %zu", t, k);
        }
        for (int t = 1; t < 4; t++)
            cr_expect_eq(a[t].match, a[0].match);
        pl_programs_free(fresh);
    }
}

/* Recognition's counting rules (pl_recognise_count), on a loose body
 * whose opening ends inside "tre em lao dong": a name is counted at the
 * earliest place where one lies wholly inside its part (the opening or the
 * rest), the longest name there, once, then on from its end; at most 50
 * in each part, the two parts counted apart; a word counts once. */
Test(program, recognition_counting_rules)
{
    char *names1[] = {"tre em", "tre em lao dong", "lao dong", "chong tai nan",
                      "tai nan thuong tich"};
    char *words1[] = {"do duoi", "khong co"};
    char *names2[] = {"an toan giao thong"};
    char *names3[] = {"em lao dong"};
    pl_program p1 = {0}, p2 = {0}, p3 = {0};
    p1.title_phrases = names1;
    p1.ntitle_phrases = sizeof names1 / sizeof *names1;
    p1.words = words1;
    p1.nwords = sizeof words1 / sizeof *words1;
    p2.title_phrases = names2;
    p2.ntitle_phrases = 1;
    p3.title_phrases = names3;
    p3.ntitle_phrases = 1;
    pl_program *items[] = {&p1, &p2, &p3};
    pl_programs three = {.items = items, .n = 3, .cache_lock = PTHREAD_MUTEX_INITIALIZER};

    pl_buf b = PL_BUF_INIT;
    pl_buf_puts(&b, "an toan giao thong, an toan giao thong; ke hoach tre em lao");
    size_t opening = b.len;
    /* "lao dong", "tre em lao dong" and "em lao dong" start in the opening
     * and end after it: counted in neither part; "tre em" is, in the
     * opening */
    pl_buf_puts(&b, " dong; tre em lao dong; chong tai nan thuong tich; do duoi do duoi;");
    for (int i = 0; i < 60; i++)
        pl_buf_puts(&b, " an toan giao thong;");
    pl_name_counts nc[3];
    cr_assert_eq(pl_recognise_count(&three, pl_buf_cstr(&b), opening, nc), 0);
    /* the opening: "tre em", its longer name cut by the opening's end */
    cr_expect_eq(nc[0].names[0], 1);
    /* the rest: "tre em lao dong" once (the longest at its place, "lao dong"
     * inside it), "chong tai nan" once ("tai nan thuong tich" overlaps it) */
    cr_expect_eq(nc[0].names[1], 2);
    cr_expect_eq(nc[0].words, 1, "\"do duoi\" twice, \"khong co\" not at all");
    /* twice in the opening, 60 times after it: 50 */
    cr_expect_eq(nc[1].names[0], 2);
    cr_expect_eq(nc[1].names[1], 50);
    cr_expect_eq(nc[1].words, 0);
    /* cut by the opening's end, then whole in "tre em lao dong" */
    cr_expect_eq(nc[2].names[0], 0);
    cr_expect_eq(nc[2].names[1], 1);

    /* the whole text as the opening: the cap holds there too, and the
     * names cut before are whole */
    cr_assert_eq(pl_recognise_count(&three, pl_buf_cstr(&b), (size_t)-1, nc), 0);
    cr_expect_eq(nc[0].names[0], 3, "tre em lao dong, tre em lao dong, chong tai nan");
    cr_expect_eq(nc[0].names[1], 0);
    cr_expect_eq(nc[1].names[0], 50);
    cr_expect_eq(nc[1].names[1], 0);
    cr_expect_eq(nc[2].names[0], 2);
    /* the phrase set recognition made once for the registry, and used again */
    cr_assert_not_null(three.cached);
    three.cached_free(three.cached);
    pl_buf_free(&b);
}

/* fuzz_program.c - libFuzzer target: a programme data file (XML,
 * data/schema/program.xsd) -> pl_programs_load_file, then the programme
 * in use.
 *
 * pl_programs_load_file takes a path, so the input is written to a
 * temporary file made once (mkstemp in LLVMFuzzerInitialize) and rewritten
 * on every run.  The file is loaded into an empty registry: libxml2's
 * parser with the schema (programs/program.c, util/xml.c), then what the
 * loader checks beyond the schema.  A programme that loads is then used
 * the ways the library uses one: listed (`planlint programs`, both
 * languages), recognised in a fixed plan and matched against its targets
 * (pl_doc_parse with this registry), compared with it (`planlint
 * compare`, JSON checked well-formed by json_check.h) and checked against
 * (the checker's national parent values).  Seeds: data/programs/ and
 * fuzz/corpus/program/ (the invalid, malformed, XXE and billion-laughs
 * files of tests/data/, and small variants). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_check.h"
#include "planlint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A plan that names the child-labour programme and sets the targets its
 * indicators describe, so that a programme close to the seeds is
 * recognised and matched. */
static const char PLAN[] =
    "ỦY BAN NHÂN DÂN\n"
    "HUYỆN HOẰNG HÓA\n"
    "Số: 81/KH-UBND\n"
    "Hoằng Hóa, ngày 24 tháng 4 năm 2023\n"
    "\n"
    "KẾ HOẠCH\n"
    "Triển khai, thực hiện Chương trình phòng ngừa, giảm thiểu trẻ em lao động trái quy định "
    "của pháp luật, giai đoạn 2021 - 2025 và định hướng đến năm 2030\n"
    "\n"
    "Thực hiện Quyết định số 782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ.\n"
    "\n"
    "I. MỤC TIÊU\n"
    "1. Đến năm 2025:\n"
    "- 80% cha mẹ, người chăm sóc trẻ em được cung cấp thông tin, kiến thức về phòng ngừa, "
    "giảm thiểu lao động trẻ em.\n"
    "- 90% doanh nghiệp, hợp tác xã được cung cấp thông tin.\n"
    "- Giảm tỷ lệ trẻ em lao động xuống dưới 4,9%.\n"
    "- 100% trẻ em lao động được phát hiện được hỗ trợ, can thiệp kịp thời.\n"
    "2. Đến năm 2030: trên 95% cán bộ được tập huấn; tỷ lệ trẻ em lao động dưới 3%.\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "Phòng Lao động - Thương binh và Xã hội chủ trì.\n";

static char path[] = "/tmp/planlint-fuzz-program-XXXXXX";
static pl_config *cfg;

static void die(const char *what)
{
    fprintf(stderr, "fuzz_program: %s\n", what);
    abort();
}

static void remove_temp(void)
{
    unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    int fd = mkstemp(path);
    if (fd < 0)
        die("mkstemp failed");
    close(fd);
    atexit(remove_temp);
    cfg = pl_config_new();
    if (!cfg)
        die("out of memory");
    pl_config_use_files(cfg, 0);
    return 0;
}

static void check_error(const pl_error *err)
{
    /* planlint.h: a failure names a status and gives a one-line message */
    if (err->status == PL_OK || err->message[0] == '\0' || strchr(err->message, '\n'))
        die("a failure without a status or a one-line message");
}

static void bad_output(const char *what, const char *out, size_t len)
{
    fprintf(stderr, "fuzz_program: %s (%zu bytes of output)\n%.*s\n", what, len,
            len > 4096 ? 4096 : (int)len, out);
    abort();
}

/* `planlint programs` in both languages: text, valid UTF-8. */
static void list(const pl_programs *ps)
{
    for (int lang = PL_LANG_VI; lang <= PL_LANG_EN; lang++) {
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        pl_error err = {0};
        if (!f)
            die("open_memstream failed");
        if (pl_list_programs(f, ps, (pl_lang)lang, &err) != 0)
            die(err.message[0] ? err.message : "pl_list_programs failed");
        if (fclose(f) != 0)
            die("fclose failed");
        if (!utf8_ok((const unsigned char *)out, len))
            bad_output("programme listing is not UTF-8", out, len);
        free(out);
    }
}

/* `planlint compare -f json` of the plan against the loaded programme. */
static void compare(const pl_programs *ps, const pl_doc *doc)
{
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    if (!c)
        die(err.message[0] ? err.message : "pl_compare_new failed");
    if (pl_compare_add(c, doc) != 0)
        die("pl_compare_add failed");
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        die("open_memstream failed");
    if (pl_compare_render(c, f, PL_FMT_JSON, PL_LANG_EN, &err) != 0)
        die(err.message[0] ? err.message : "pl_compare_render failed");
    if (fclose(f) != 0)
        die("fclose failed");
    if (!json_ok((const unsigned char *)out, len, '{'))
        bad_output("malformed compare JSON", out, len);
    free(out);
    pl_compare_free(c);
}

/* `planlint check` of the plan, the loaded programme its national parent. */
static void check(const pl_programs *ps, const pl_doc *doc)
{
    pl_error err = {0};
    pl_checker *ck = pl_checker_new(ps, cfg, &err);
    if (!ck) /* a programme file cannot make the checker's own data fail */
        die(err.message[0] ? err.message : "pl_checker_new failed");
    pl_report *r = pl_check_doc(ck, doc, &err);
    if (!r)
        die(err.message[0] ? err.message : "pl_check_doc failed");
    for (size_t i = 0; i < pl_report_count(r); i++)
        (void)pl_finding_message(pl_report_finding(r, i), PL_LANG_EN);
    pl_report_free(r);
    pl_checker_free(ck);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        die("cannot write the temporary file");
    pl_programs *ps = pl_programs_new();
    if (!ps)
        die("out of memory");
    pl_error err = {0};
    if (pl_programs_load_file(ps, path, &err) != 0) {
        check_error(&err);
        pl_programs_free(ps);
        return 0;
    }
    list(ps);
    pl_doc *doc = pl_doc_parse("plan.txt", PLAN, sizeof PLAN - 1, ps, NULL, &err);
    if (!doc)
        die(err.message);
    (void)pl_doc_program(doc);
    (void)pl_doc_target_count(doc);
    compare(ps, doc);
    check(ps, doc);
    pl_doc_free(doc);
    pl_programs_free(ps);
    return 0;
}

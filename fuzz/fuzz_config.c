/* fuzz_config.c - libFuzzer target: a `.planlint` configuration file ->
 * pl_config_load_file, then the checker that applies it.
 *
 * The loader takes a path, so the input is written to DIR/.planlint in a
 * temporary directory made once (mkdtemp in LLVMFuzzerInitialize) and
 * rewritten on every run.  Then, as `planlint check` goes:
 *
 *   1. pl_config_load_file reads it (rules/config.c: lines, comments, BOM,
 *      keys, values, the size and line-length limits);
 *   2. pl_checker_new applies it (rule ids and the programme id are only
 *      checked there);
 *   3. pl_check_doc on a plan named DIR/plan.txt finds the same file by
 *      walking up from the plan (pl_config_find_for), reads and applies
 *      it again, and checks the plan with the resulting settings; the
 *      findings are rendered as text and JSON.
 *
 * Oracles, besides no crash, leak or UB: a refused file gives a status and
 * one line naming the file; a file that 1. and 2. accept is accepted by 3.
 * as well (the two ways of reading a configuration agree); the JSON output
 * is well-formed (json_check.h).  Seeds: fuzz/corpus/config/. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_check.h"
#include "planlint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A plan with findings for several rules (a draft number, a repeated
 * word, a target above 100 %, a missing part), so that severities set in
 * the file change the report. */
static const char PLAN[] =
    "ỦY BAN NHÂN DÂN\n"
    "HUYỆN HOẰNG HÓA\n"
    "Số:     /KH-UBND\n"
    "Hoằng Hóa, ngày    tháng 4 năm 2023\n"
    "\n"
    "KẾ HOẠCH\n"
    "Triển khai, thực hiện Chương trình phòng ngừa, giảm thiểu trẻ em lao động trái quy định "
    "của pháp luật, giai đoạn 2021 - 2025 và định hướng đến năm 2030\n"
    "\n"
    "I. MỤC TIÊU\n"
    "- 60% cha mẹ, người chăm sóc trẻ em được cung cấp thông tin, kiến thức về phòng ngừa, "
    "giảm thiểu lao động trẻ em.\n"
    "- Trên 110% doanh nghiệp được cung cấp thông tin.\n"
    "II. NHIỆM VỤ\n"
    "Tăng cường công tác công tác truyền thông.\n";

static char dir[] = "/tmp/planlint-fuzz-config-XXXXXX";
static char path[sizeof dir + 16];
static pl_programs *programs;
static pl_doc *doc;

static void die(const char *what)
{
    fprintf(stderr, "fuzz_config: %s\n", what);
    abort();
}

static void remove_temp(void)
{
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    pl_error err = {0};
    programs = pl_programs_new_builtin(&err);
    if (!programs)
        die(err.message);
    if (!mkdtemp(dir))
        die("mkdtemp failed");
    snprintf(path, sizeof path, "%s/.planlint", dir);
    atexit(remove_temp);
    char name[sizeof dir + 16];
    snprintf(name, sizeof name, "%s/plan.txt", dir);
    doc = pl_doc_parse(name, PLAN, sizeof PLAN - 1, programs, NULL, &err);
    if (!doc)
        die(err.message);
    return 0;
}

static void check_error(const pl_error *err)
{
    /* planlint.h: a status and one line, naming the file ("FILE:LINE: ...")
     * when the file is at fault */
    if (err->status == PL_OK || err->message[0] == '\0' || strchr(err->message, '\n'))
        die("a failure without a status or a one-line message");
    if (err->status == PL_ERR_DATA && strncmp(err->message, path, strlen(path)) != 0)
        die("an error in the file that does not name it");
}

static void render(const pl_report *r, pl_format fmt)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        die("open_memstream failed");
    pl_findings_writer *w = pl_findings_writer_new(f, fmt, pl_report_lang(r));
    if (!w || pl_findings_writer_add(w, r) != 0 || pl_findings_writer_end(w) != 0)
        die("the findings writer failed");
    pl_findings_writer_free(w);
    if (fclose(f) != 0)
        die("fclose failed");
    if (fmt == PL_FMT_JSON && !json_ok((const unsigned char *)out, len, '{')) {
        fprintf(stderr, "%.*s\n", len > 4096 ? 4096 : (int)len, out);
        die("malformed JSON");
    }
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        die("cannot write the temporary file");
    pl_error err = {0};
    pl_config *cfg = pl_config_new();
    if (!cfg)
        die("out of memory");
    if (pl_config_load_file(cfg, path, &err) != 0) {
        check_error(&err);
        pl_config_free(cfg);
        return 0;
    }
    pl_checker *ck = pl_checker_new(programs, cfg, &err);
    pl_config_free(cfg);
    if (!ck) {
        check_error(&err);
        return 0;
    }
    pl_report *r = pl_check_doc(ck, doc, &err);
    if (!r) {
        fprintf(stderr, "fuzz_config: %s\n", err.message);
        die("pl_config_load_file and pl_checker_new accepted the file, pl_check_doc did not");
    }
    (void)pl_report_fails(r);
    render(r, PL_FMT_TEXT);
    render(r, PL_FMT_JSON);
    pl_report_free(r);
    pl_checker_free(ck);
    return 0;
}

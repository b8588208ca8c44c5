/* fuzz_check.c - libFuzzer target: parse, check, render the findings in
 * every format, as `planlint check` does.
 *
 * The input is a child plan, optionally preceded by a parent plan and a
 * line "=====" (PARENT_SEP):
 *
 *   PARENT "\n=====\n" CHILD     --parent PARENT (a temporary file), CHILD
 *   CHILD                        no --parent
 *
 * Both are checked with the same public calls cmd_check.c makes: the
 * built-in programmes, pl_checker_set_parent_file for the parent, and
 * pl_checker_add_plans_dir over a directory holding two fixed plans
 * (FIXED_PLANS: the Hoằng Hóa district plan 81/KH-UBND and the Lạng Sơn
 * province plan 187/KH-UBND, which corpus plans cite), so that a citation
 * in the input can lead to a parent plan, and from it to the national
 * programme.  `.planlint` files are not read (the config target covers
 * them), so the result does not depend on the directory the fuzzer runs
 * in.  Temporary files live only as long as the call that reads them
 * (the checkers keep what they parsed), so a crashing run leaves none.
 *
 * The reports (the child's, and the parent's when there is one) are
 * rendered as text and JSON (pl_findings_writer) and as an HTML and a
 * SARIF page (pl_findings_page), into memory.  Oracles, besides no crash,
 * leak or UB: JSON and SARIF output is exactly one well-formed JSON object
 * (json_check.h); text and HTML output is valid UTF-8 without NUL; every
 * finding has a rule, a severity, 1-based line and column, messages in
 * both languages, and the report's counts by severity add up. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_check.h"
#include "planlint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PARENT_SEP "\n=====\n"

/* The plans of the --plans directory: short, but with the header fields
 * (issuer, number, date) that citations are resolved by, and targets to
 * compare with. */
static const struct {
    const char *file, *text;
} FIXED_PLANS[] = {
    {"hoang-hoa-81.txt",
     "ỦY BAN NHÂN DÂN\n"
     "HUYỆN HOẰNG HÓA\n"
     "Số: 81/KH-UBND\n"
     "Hoằng Hóa, ngày 24 tháng 4 năm 2023\n"
     "\n"
     "KẾ HOẠCH\n"
     "Triển khai, thực hiện Chương trình phòng ngừa, giảm thiểu trẻ em lao động trái quy định "
     "của pháp luật, giai đoạn 2021 - 2025 và định hướng đến năm 2030 trên địa bàn huyện Hoằng "
     "Hóa\n"
     "\n"
     "Thực hiện Quyết định số 782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ.\n"
     "\n"
     "I. MỤC TIÊU\n"
     "- 80% cha mẹ, người chăm sóc trẻ em được cung cấp thông tin, kiến thức về phòng ngừa, "
     "giảm thiểu lao động trẻ em.\n"
     "- Đến năm 2025, giảm tỷ lệ trẻ em lao động xuống dưới 4,5%.\n"
     "II. NHIỆM VỤ\n"
     "Tăng cường truyền thông.\n"
     "III. KINH PHÍ\n"
     "Ngân sách huyện.\n"
     "IV. TỔ CHỨC THỰC HIỆN\n"
     "Phòng Lao động - Thương binh và Xã hội chủ trì.\n"},
    {"lang-son-187.txt",
     "ỦY BAN NHÂN DÂN\n"
     "TỈNH LẠNG SƠN\n"
     "Số: 187/KH-UBND\n"
     "Lạng Sơn, ngày 13 tháng 9 năm 2021\n"
     "\n"
     "KẾ HOẠCH\n"
     "Thực hiện Chương trình phòng ngừa, giảm thiểu trẻ em lao động trái quy định của pháp "
     "luật tỉnh Lạng Sơn giai đoạn 2021 - 2025, định hướng đến năm 2030\n"
     "\n"
     "Căn cứ Quyết định số 782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ.\n"
     "\n"
     "I. MỤC TIÊU\n"
     "1. Đến năm 2025: 90% doanh nghiệp được cung cấp thông tin; 75% cha mẹ được cung cấp "
     "thông tin, kiến thức.\n"
     "2. Đến năm 2030: 95% trẻ em lao động được hỗ trợ, can thiệp.\n"
     "II. TỔ CHỨC THỰC HIỆN\n"
     "Sở Lao động - Thương binh và Xã hội chủ trì.\n"},
};
#define NFIXED (sizeof FIXED_PLANS / sizeof *FIXED_PLANS)

static pl_programs *programs;
static pl_checker *plain;       /* programme and --plans */
static pl_checker *with_parent; /* the same, and the input's --parent */

static void die(const char *what)
{
    fprintf(stderr, "fuzz_check: %s\n", what);
    abort();
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
        die("cannot write a temporary file");
}

static pl_checker *make_checker(const char *plans, const pl_config *cfg)
{
    pl_error err = {0};
    pl_checker *ck = pl_checker_new(programs, cfg, &err);
    if (!ck)
        die(err.message);
    if (pl_checker_add_plans_dir(ck, plans, &err) != (long)NFIXED)
        die("the fixed plans were not all indexed");
    return ck;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    pl_error err = {0};
    programs = pl_programs_new_builtin(&err);
    if (!programs)
        die(err.message);
    /* the fixed plans: written, indexed by both checkers, removed */
    char plans[] = "/tmp/planlint-fuzz-check-XXXXXX", path[sizeof plans + 64];
    if (!mkdtemp(plans))
        die("mkdtemp failed");
    for (size_t i = 0; i < NFIXED; i++) {
        snprintf(path, sizeof path, "%s/%s", plans, FIXED_PLANS[i].file);
        write_file(path, FIXED_PLANS[i].text, strlen(FIXED_PLANS[i].text));
    }
    pl_config *cfg = pl_config_new();
    if (!cfg)
        die("out of memory");
    pl_config_use_files(cfg, 0);
    plain = make_checker(plans, cfg);
    with_parent = make_checker(plans, cfg);
    pl_config_free(cfg);
    for (size_t i = 0; i < NFIXED; i++) {
        snprintf(path, sizeof path, "%s/%s", plans, FIXED_PLANS[i].file);
        unlink(path);
    }
    rmdir(plans);
    return 0;
}

/* ---- oracles ---------------------------------------------------------------- */

static void check_error(const pl_error *err)
{
    /* planlint.h: a failure names a status and gives a one-line message */
    if (err->status == PL_OK || err->message[0] == '\0' || strchr(err->message, '\n'))
        die("a failure without a status or a one-line message");
}

static void check_report(const pl_report *r)
{
    size_t n = pl_report_count(r), by_severity = 0;
    for (int s = PL_SEV_INFO; s <= PL_SEV_ERROR; s++)
        by_severity += pl_report_count_severity(r, (pl_severity)s);
    if (by_severity != n)
        die("findings by severity do not add up to the count");
    if (!pl_report_source(r) || pl_report_finding(r, n) != NULL)
        die("report accessors");
    for (size_t i = 0; i < pl_report_parent_count(r); i++)
        if (!pl_report_parent(r, i))
            die("a parent without a name");
    for (size_t i = 0; i < n; i++) {
        const pl_finding *f = pl_report_finding(r, i);
        pl_severity sev = f ? pl_finding_severity(f) : PL_SEV_OFF;
        if (!f || !pl_finding_rule(f) || sev < PL_SEV_INFO || sev > PL_SEV_ERROR)
            die("a finding without a rule or a severity");
        if (pl_finding_line(f) < 1 || pl_finding_column(f) < 1)
            die("a finding at line or column 0");
        if (!pl_finding_message(f, PL_LANG_VI) || !pl_finding_message(f, PL_LANG_EN))
            die("a finding without a message");
        int c = pl_finding_confirmed(f);
        if (c < -1 || c > 1)
            die("pl_finding_confirmed out of range");
        (void)pl_finding_indicator(f);
        (void)pl_finding_year(f);
        (void)pl_finding_parent(f);
        (void)pl_finding_byte(f);
    }
    (void)pl_report_fails(r);
    (void)pl_report_lang(r);
}

/* Abort with the output, so that the failing render shows in the log. */
static void bad_output(const char *what, const char *out, size_t len)
{
    fprintf(stderr, "fuzz_check: %s (%zu bytes of output)\n%.*s\n", what, len,
            len > 4096 ? 4096 : (int)len, out);
    abort();
}

/* ---- rendering ------------------------------------------------------------ */

/* Text or JSON through the streaming writer; the output (caller frees). */
static char *render_stream(pl_report *const *r, size_t n, pl_format fmt, pl_lang lang, size_t *len)
{
    char *out = NULL;
    FILE *f = open_memstream(&out, len);
    if (!f)
        die("open_memstream failed");
    pl_findings_writer *w = pl_findings_writer_new(f, fmt, lang);
    if (!w)
        die("pl_findings_writer_new failed");
    /* a memory stream cannot refuse bytes: any failure is the renderer's */
    for (size_t i = 0; i < n; i++)
        if (pl_findings_writer_add(w, r[i]) != 0)
            die("pl_findings_writer_add failed");
    if (pl_findings_writer_end(w) != 0)
        die("pl_findings_writer_end failed");
    pl_findings_writer_free(w);
    if (fclose(f) != 0)
        die("fclose failed");
    return out;
}

/* An HTML or SARIF page; the output (caller frees). */
static char *render_page(pl_report *const *r, const pl_doc *const *docs, size_t n, pl_format fmt,
                         pl_lang lang, size_t *len)
{
    char *out = NULL;
    FILE *f = open_memstream(&out, len);
    if (!f)
        die("open_memstream failed");
    pl_findings_page *pg = pl_findings_page_new(fmt, lang);
    if (!pg)
        die("pl_findings_page_new failed");
    for (size_t i = 0; i < n; i++)
        if (pl_findings_page_add(pg, r[i], docs[i]) != 0)
            die("pl_findings_page_add failed");
    if (pl_findings_page_write(pg, f) != 0)
        die("pl_findings_page_write failed");
    pl_findings_page_free(pg);
    if (fclose(f) != 0)
        die("fclose failed");
    return out;
}

static void render_all(pl_report *const *r, const pl_doc *const *docs, size_t n)
{
    size_t len = 0;
    char *out = render_stream(r, n, PL_FMT_TEXT, PL_LANG_VI, &len);
    if (!utf8_ok((const unsigned char *)out, len))
        bad_output("text output is not UTF-8", out, len);
    free(out);
    out = render_stream(r, n, PL_FMT_JSON, PL_LANG_EN, &len);
    if (!json_ok((const unsigned char *)out, len, '{'))
        bad_output("malformed JSON", out, len);
    free(out);
    out = render_page(r, docs, n, PL_FMT_HTML, PL_LANG_EN, &len);
    if (len == 0 || !utf8_ok((const unsigned char *)out, len))
        bad_output("HTML page empty or not UTF-8", out, len);
    free(out);
    out = render_page(r, docs, n, PL_FMT_SARIF, PL_LANG_VI, &len);
    if (!json_ok((const unsigned char *)out, len, '{'))
        bad_output("malformed SARIF", out, len);
    free(out);
}

/* ---- the target ------------------------------------------------------------- */

/* First occurrence of the n bytes of `what` in p[0..len), or NULL (memmem
 * is not POSIX). */
static const uint8_t *find(const uint8_t *p, size_t len, const char *what, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (p[i] == (uint8_t)what[0] && memcmp(p + i, what, n) == 0)
            return p + i;
    return NULL;
}

static pl_report *check(pl_checker *ck, const pl_doc *doc)
{
    pl_error err = {0};
    pl_report *r = pl_check_doc(ck, doc, &err);
    if (!r) /* no .planlint is read: only running out of memory fails */
        die(err.message[0] ? err.message : "pl_check_doc failed without a message");
    check_report(r);
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t seplen = strlen(PARENT_SEP);
    const uint8_t *sep = find(data, size, PARENT_SEP, seplen);
    const uint8_t *child = sep ? sep + seplen : data;
    size_t child_len = size - (size_t)(child - data);
    pl_checker *ck = plain;
    pl_doc *docs[2] = {NULL, NULL};
    pl_report *reports[2] = {NULL, NULL};
    size_t n = 0;
    pl_error err = {0};
    if (sep) {
        size_t parent_len = (size_t)(sep - data);
        char parent_path[] = "/tmp/planlint-fuzz-parent-XXXXXX";
        int fd = mkstemp(parent_path);
        if (fd < 0)
            die("mkstemp failed");
        close(fd);
        write_file(parent_path, data, parent_len);
        int rc = pl_checker_set_parent_file(with_parent, parent_path, &err);
        unlink(parent_path);
        if (rc == 0)
            ck = with_parent;
        else
            check_error(&err);
        /* the parent is also checked, as a second input of the run */
        memset(&err, 0, sizeof err);
        docs[n] = pl_doc_parse("parent.txt", data, parent_len, programs, NULL, &err);
        if (docs[n]) {
            reports[n] = check(plain, docs[n]);
            n++;
        } else {
            check_error(&err);
        }
    }
    memset(&err, 0, sizeof err);
    docs[n] = pl_doc_parse("child.txt", child, child_len, programs, NULL, &err);
    if (docs[n]) {
        reports[n] = check(ck, docs[n]);
        n++;
    } else {
        check_error(&err);
    }
    if (n > 0)
        render_all(reports, (const pl_doc *const *)docs, n);
    for (size_t i = 0; i < n; i++) {
        pl_report_free(reports[i]);
        pl_doc_free(docs[i]);
    }
    return 0;
}

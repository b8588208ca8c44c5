/* test_pathological.c - inputs built to break a parser: empty, huge,
 * deeply nested, repetitive, not text at all (cmark's
 * pathological_tests.py, for plans).
 *
 * Each case checks that pl_doc_parse finishes, returns the right error or
 * a document with the right counts, and that the document renders: through
 * pl_extract_writer as JSON here, and through every extract format with the
 * output checked for well-formed JSON/NDJSON by the oracle of
 * fuzz/fuzz_extract.c (linked into this binary).  No case asserts a time;
 * the suite's 120 s timeout only turns a hang into a failure.  A case that
 * passes but takes more than a few seconds is a performance bug to report.
 */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "doc.h"
#include "input.h"
#include "planlint.h"
#include "test_util.h"

/* From fuzz/fuzz_extract.c: renders every format, one and two documents,
 * and aborts on a writer failure or malformed JSON/NDJSON. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pl_programs *programs;

static void setup(void)
{
    pl_error err = {0};
    programs = pl_programs_new_builtin(&err);
    cr_assert_not_null(programs, "%s", err.message);
    LLVMFuzzerInitialize(NULL, NULL);
}

static void teardown(void)
{
    pl_programs_free(programs);
}

/* The timeout applies to every test of the suite: a hang guard only. */
TestSuite(pathological, .init = setup, .fini = teardown, .timeout = 120);

/* ---- building inputs ----------------------------------------------------- */

/* An input being built: the library's growing buffer (util/buf.h). */
typedef pl_buf input;

static void put(input *in, const void *s, size_t n)
{
    pl_buf_put(in, s, n);
    cr_assert(!in->failed, "out of memory building the input");
}

static void puts_n(input *in, const char *s, size_t times)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < times; i++)
        put(in, s, n);
}

/* xorshift64: the same "random" bytes on every run and every libc. */
static uint64_t rng_next(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

/* ---- running the library ------------------------------------------------- */

static pl_doc *parse(const char *name, const input *in, pl_error *err)
{
    return pl_doc_parse(name, in->data ? in->data : "", in->len, programs, NULL, err);
}

/* A document that must parse; the error message otherwise. */
static pl_doc *parse_ok(const input *in)
{
    pl_error err = {0};
    pl_doc *doc = parse("patho.txt", in, &err);
    cr_assert_not_null(doc, "parse failed: %s", err.message);
    return doc;
}

/* The document as `planlint extract -f json` prints it; *lenp (if not
 * NULL) gets its length. */
static char *render_json(const pl_doc *doc, size_t *lenp)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    cr_assert_not_null(f);
    pl_extract_writer *w = pl_extract_writer_new(f, PL_FMT_JSON, 1);
    cr_assert_not_null(w);
    cr_assert_eq(pl_extract_writer_add(w, doc), 0, "rendering JSON failed");
    cr_assert_eq(pl_extract_writer_end(w), 0);
    pl_extract_writer_free(w);
    cr_assert_eq(fclose(f), 0);
    cr_assert(len > 2 && out[0] == '{' && out[len - 2] == '}' && out[len - 1] == '\n',
              "not one JSON object: %.200s", out);
    if (lenp)
        *lenp = len;
    return out;
}

/* Every extract format, checked (fuzz/fuzz_extract.c). */
static void oracle(const input *in)
{
    LLVMFuzzerTestOneInput((const uint8_t *)(in->data ? in->data : ""), in->len);
}

/* Parse and render as JSON; the document for more checks. */
static pl_doc *parse_render(const input *in)
{
    pl_doc *doc = parse_ok(in);
    free(render_json(doc, NULL));
    return doc;
}

/* Parse, render as JSON, run the oracle; returns the target count. */
static size_t parse_and_render(const input *in)
{
    pl_doc *doc = parse_render(in);
    size_t n = pl_doc_target_count(doc);
    pl_doc_free(doc);
    oracle(in);
    return n;
}

/* Parse must fail with `status` and exactly `message`. */
static void expect_error(const input *in, const char *name, pl_status status, const char *message)
{
    pl_error err = {0};
    pl_doc *doc = parse(name, in, &err);
    cr_assert_null(doc, "parsed, expected: %s", message);
    cr_assert_eq(err.status, status, "status %d (%s)", (int)err.status, err.message);
    cr_assert_str_eq(err.message, message);
    oracle(in); /* fails cleanly there too */
}

/* ---- empty and blank ----------------------------------------------------- */

Test(pathological, empty_input)
{
    input in = {0};
    pl_doc *doc = parse_ok(&in);
    cr_assert_eq(pl_doc_target_count(doc), 0);
    cr_assert_eq(pl_doc_section_count(doc), 0);
    cr_assert_str_eq(pl_doc_source(doc), "patho.txt");
    char *json = render_json(doc, NULL);
    cr_assert(strstr(json, "\"targets\": []"), "%s", json);
    free(json);
    pl_doc_free(doc);
    oracle(&in);
}

/* Blank lines only are an empty file, refused with its size (an error,
 * not a plan without targets). */
static void expect_blank(const input *in)
{
    pl_error err = {0};
    pl_doc *doc = parse("patho.txt", in, &err);
    cr_assert_null(doc, "a text of blank lines was read as a plan");
    char want[96];
    snprintf(want, sizeof want, "patho.txt: no text: only blank lines (%zu bytes)", in->len);
    cr_expect_str_eq(err.message, want);
}

Test(pathological, only_newlines)
{
    /* LF, CR LF and lone CR, 300 000 line ends in all: refused; with a
     * letter after them, read through every stage */
    input in = {0};
    puts_n(&in, "\n\r\n\r", 100000);
    expect_blank(&in);
    put(&in, "x", 1);
    cr_assert_eq(parse_and_render(&in), 0);
    free(in.data);
}

Test(pathological, only_a_bom)
{
    input in = {0};
    put(&in, "\xEF\xBB\xBF", 3);
    expect_blank(&in);
    put(&in, "x", 1);
    cr_assert_eq(parse_and_render(&in), 0);
    free(in.data);
}

/* ---- not UTF-8 ------------------------------------------------------------ */

Test(pathological, invalid_utf8_mid_file)
{
    /* "Dòng một\n" is 12 bytes; the bad byte follows "abc" on line 2 */
    input in = {0};
    puts_n(&in,
           "Dòng một\nabc\xFF"
           "def\nDòng ba\n",
           1);
    expect_error(&in, "mid.txt", PL_ERR_ENCODING,
                 "mid.txt: invalid UTF-8 at byte 15 (line 2, column 4)");
    free(in.data);
}

Test(pathological, invalid_utf8_after_bom_and_crlf)
{
    /* the BOM counts as bytes, not as a column; CR LF is one line end and
     * a lone CR is another: the bad byte is on line 3 */
    input in = {0};
    puts_n(&in, "\xEF\xBB\xBFKế hoạch\r\nSố 1\rxy\xC3(tail)\r\n", 1);
    expect_error(&in, "bom.txt", PL_ERR_ENCODING,
                 "bom.txt: invalid UTF-8 at byte 26 (line 3, column 3)");
    free(in.data);
}

Test(pathological, invalid_utf8_after_a_megabyte)
{
    /* the position must be right far into the input too */
    input in = {0};
    puts_n(&in, "- 90% trẻ em được tiếp cận giáo dục.\n", 30000);
    size_t at = in.len;
    puts_n(&in,
           "ab\x80"
           "cdef\n",
           1);
    char msg[200];
    snprintf(msg, sizeof msg, "big.txt: invalid UTF-8 at byte %zu (line 30001, column 3)", at + 2);
    expect_error(&in, "big.txt", PL_ERR_ENCODING, msg);
    free(in.data);
}

Test(pathological, truncated_utf8_at_end)
{
    /* "ẻ" is E1 BA BB; the input stops after its first two bytes, at byte
     * 12 ("ê" is two bytes), the 12th character of the line */
    input in = {0};
    puts_n(&in, "Trên 90% tr\xE1\xBA", 1);
    pl_error err = {0};
    cr_assert_null(parse("cut.txt", &in, &err));
    cr_assert_eq(err.status, PL_ERR_ENCODING);
    cr_assert(strncmp(err.message, "cut.txt: ", 9) == 0, "%s", err.message);
    cr_assert(strstr(err.message, ": truncated UTF-8 at byte 12 (line 1, column 12)"), "%s",
              err.message);
    oracle(&in);
    free(in.data);
}

Test(pathological, every_byte_value)
{
    /* 0x00-0x7F are ASCII (LF at 10, a lone CR at 13 ends lines 1 and 2);
     * 0x80 is the first byte that cannot start a UTF-8 sequence */
    input in = {0};
    for (int b = 0; b < 256; b++) {
        char c = (char)b;
        put(&in, &c, 1);
    }
    expect_error(&in, "bytes.bin", PL_ERR_ENCODING,
                 "bytes.bin: invalid UTF-8 at byte 128 (line 3, column 115)");
    free(in.data);
}

Test(pathological, every_latin1_code_point)
{
    /* U+0000-U+00FF as UTF-8, NUL and C1 controls included, three times */
    input in = {0};
    for (int rep = 0; rep < 3; rep++)
        for (unsigned cp = 0; cp < 256; cp++) {
            unsigned char u[2] = {(unsigned char)cp, 0};
            size_t n = 1;
            if (cp >= 0x80) { /* two bytes: 110xxxxx 10xxxxxx */
                u[0] = (unsigned char)(0xC0 | cp >> 6);
                u[1] = (unsigned char)(0x80 | (cp & 0x3F));
                n = 2;
            }
            put(&in, u, n);
        }
    parse_and_render(&in);
    free(in.data);
}

Test(pathological, nul_bytes)
{
    /* NUL is valid UTF-8; it must neither end the text early nor reach the
     * JSON output raw */
    input in = {0};
    put(&in, "a\0b\n\0\0\0\n- 90% trẻ em\0 được tiếp cận giáo dục.\n\0", 45);
    pl_doc *doc = parse_ok(&in);
    cr_assert_eq(pl_doc_target_count(doc), 1, "the target after the NULs is lost");
    size_t len = 0;
    char *json = render_json(doc, &len);
    cr_assert_null(memchr(json, '\0', len), "a raw NUL in the JSON output");
    free(json);
    pl_doc_free(doc);
    oracle(&in);
    free(in.data);
}

Test(pathological, random_bytes)
{
    input in = {0};
    uint64_t state = 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i < (1u << 20) / 8; i++) {
        uint64_t r = rng_next(&state);
        put(&in, &r, 8);
    }
    pl_error err = {0};
    cr_assert_null(parse("random.bin", &in, &err), "1 MB of random bytes decoded as UTF-8");
    cr_assert_eq(err.status, PL_ERR_ENCODING, "%s", err.message);
    cr_assert(strncmp(err.message, "random.bin: ", 12) == 0, "%s", err.message);
    oracle(&in);
    free(in.data);
}

Test(pathological, random_plan_words)
{
    /* 1 MB of valid UTF-8 drawn from the pieces plans are made of, in
     * random order: markers, numbers, percentages, years, line ends */
    static const char *const pieces[] = {
        "- ",
        "+ ",
        "• ",
        "I. ",
        "II. ",
        "1. ",
        "1.1. ",
        "a) ",
        "Mục tiêu ",
        "MỤC TIÊU\n",
        "90% ",
        "4,9% ",
        "trên ",
        "dưới ",
        "xuống ",
        "100% ",
        "đến năm 2025 ",
        "2030 ",
        "trẻ em ",
        "lao động ",
        "được ",
        "tiếp cận giáo dục ",
        "cán bộ cấp xã ",
        "tập huấn ",
        "Số: 151/KH-UBND ",
        "ngày 27/5/2021 ",
        "Quyết định số 782/QĐ-TTg ",
        "Kế hoạch ",
        "\n",
        "\n\n",
        "\r\n",
        "; ",
        ". ",
        ", ",
        "| ",
        "%",
        "Căn cứ ",
        "Nơi nhận:\n",
        "hoà ",
        "hòa ",
        "o\xCC\x80",
        "\t",
        "  ",
    };
    input in = {0};
    uint64_t state = 42;
    while (in.len < (1u << 20)) {
        const char *p = pieces[rng_next(&state) % (sizeof pieces / sizeof *pieces)];
        put(&in, p, strlen(p));
    }
    parse_and_render(&in);
    free(in.data);
}

/* ---- size ----------------------------------------------------------------- */

Test(pathological, ten_megabyte_line)
{
    input in = {0};
    puts_n(&in, "trẻ em được tiếp cận giáo dục phổ thông và đào tạo nghề ", 10u * 1024 * 1024 / 60);
    cr_assert_gt(in.len, 9u * 1024 * 1024);
    parse_and_render(&in);
    free(in.data);
}

Test(pathological, million_percent_signs)
{
    input in = {0};
    puts_n(&in, "%", 1000000);
    cr_assert_eq(parse_and_render(&in), 0, "a '%%' without a number is not a target");
    free(in.data);
}

Test(pathological, million_percent_signs_with_numbers)
{
    /* "9% 9% 9% ..." on one line: numbers, but no group and no sentence end */
    input in = {0};
    puts_n(&in, "9% ", 1000000);
    parse_and_render(&in);
    free(in.data);
}

Test(pathological, many_target_lines)
{
    /* no oracle here: eight more renderings of 200 000 targets would
     * triple the time; the smaller cases cover the formats */
    input in = {0};
    puts_n(&in, "- 90% trẻ em được tiếp cận giáo dục.\n", 200000);
    pl_doc *doc = parse_ok(&in);
    cr_assert_eq(pl_doc_target_count(doc), 200000);
    /* the last target is on the last line: positions stay exact */
    cr_assert_eq(doc->targets[199999].pos.line, 200000);
    cr_assert_eq(doc->targets[199999].value, 90.0);
    char *json = render_json(doc, NULL);
    cr_assert(strstr(json, "\"line\": 200000"), "no target on line 200000");
    free(json);
    pl_doc_free(doc);
    free(in.data);
}

Test(pathological, header_blanks_a_million_dots_long)
{
    /* the draft-blank patterns meet runs of what a blank is made of with
     * no "tháng" or "/" after them: read once, nothing found; then the
     * same runs closed properly are one blank each */
    input in = {0};
    puts_n(&in, "UBND XÃ A\nSố:", 1);
    puts_n(&in, " .", 500000);
    puts_n(&in, "\nA, ngày", 1);
    puts_n(&in, "._", 500000);
    puts_n(&in, "\nKẾ HOẠCH\n", 1);
    pl_doc *doc = parse_ok(&in);
    cr_assert_eq(doc->info.nplaceholders, 0);
    pl_doc_free(doc);
    free(in.data);

    input closed = {0};
    puts_n(&closed, "UBND XÃ A\nSố:", 1);
    puts_n(&closed, " .", 500000);
    puts_n(&closed, "/KH-UBND\nA, ngày", 1);
    puts_n(&closed, "._", 500000);
    puts_n(&closed, " tháng 5 năm 2024\nKẾ HOẠCH\n", 1);
    doc = parse_ok(&closed);
    cr_assert_eq(doc->info.nplaceholders, 2);
    cr_assert_str_eq(doc->info.placeholders[0].field, "number");
    cr_assert_str_eq(doc->info.placeholders[1].field, "day");
    pl_doc_free(doc);
    free(closed.data);
}

Test(pathological, tables_long_and_wide)
{
    /* 100 000 rows under one header; then one row of 50 000 cells (the
     * first TABLE_MAX_CELLS are read) and one whose label is a megabyte */
    input in = {0};
    puts_n(&in, "II. MỤC TIÊU\nChỉ tiêu | Năm 2025\n", 1);
    puts_n(&in, "Cán bộ, công chức cấp xã được tập huấn | 70%\n", 100000);
    puts_n(&in, "Tỷ lệ trẻ em được tiếp cận giáo dục", 1);
    puts_n(&in, " | 90%", 50000);
    puts_n(&in, "\n", 1);
    puts_n(&in, "Tỷ lệ", 1);
    puts_n(&in, " trẻ em", 150000);
    puts_n(&in, " | 90%\n", 1);
    pl_doc *doc = parse_ok(&in);
    cr_assert_eq(pl_doc_target_count(doc), 100000 + 23);
    cr_assert_eq(doc->targets[99999].pos.line, 100002);
    cr_assert_eq(doc->targets[99999].year, 2025);
    cr_assert_eq(doc->targets[100000].value, 90.0);
    pl_doc_free(doc);
    free(in.data);
}

Test(pathological, forty_digit_percentage)
{
    input in = {0};
    puts_n(&in,
           "- Trên 1234567890123456789012345678901234567890% trẻ em được tiếp cận giáo dục.\n"
           "- 1234567890123456789012345678901234567890,5% cán bộ cấp xã được tập huấn.\n"
           "- 99999999999999999999999999999999999999999999999999999999999999999999999999999999"
           "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
           "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
           "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
           "% trẻ em.\n",
           1);
    pl_doc *doc = parse_render(&in);
    /* whether such a number is a target is the parser's call; if it is,
     * its value is what the text says (so value-out-of-range can flag it) */
    for (size_t i = 0; i < doc->ntargets; i++)
        cr_assert_gt(doc->targets[i].value, 1e30, "target %zu: %g", i, doc->targets[i].value);
    char *json = render_json(doc, NULL);
    cr_assert_null(strstr(json, "inf"), "%s", json);
    cr_assert_null(strstr(json, "nan"), "%s", json);
    free(json);
    pl_doc_free(doc);
    oracle(&in);
    free(in.data);
}

Test(pathological, above_max_bytes)
{
    input in = {0};
    puts_n(&in, "x", 1001);
    pl_parse_options opt = {.max_bytes = 1000};
    pl_error err = {0};
    cr_assert_null(pl_doc_parse("big.txt", in.data, in.len, programs, &opt, &err));
    cr_assert_eq(err.status, PL_ERR_TOO_LARGE);
    cr_assert(strncmp(err.message, "big.txt: ", 9) == 0, "%s", err.message);
    cr_assert(strstr(err.message, "1000"), "the limit is not named: %s", err.message);
    /* exactly at the limit is fine */
    pl_doc *doc = pl_doc_parse("big.txt", in.data, 1000, programs, &opt, &err);
    cr_assert_not_null(doc, "%s", err.message);
    pl_doc_free(doc);
    free(in.data);
}

Test(pathological, file_above_max_bytes)
{
    char path[] = "/tmp/planlint-patho-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    char block[4096];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 64; i++) /* 256 KiB: past the reader's first buffer */
        cr_assert_eq(write(fd, block, sizeof block), (ssize_t)sizeof block);
    close(fd);
    pl_parse_options opt = {.max_bytes = 200000};
    pl_error err = {0};
    pl_doc *doc = pl_doc_read(path, programs, &opt, &err);
    unlink(path);
    cr_assert_null(doc);
    cr_assert_eq(err.status, PL_ERR_TOO_LARGE, "%s", err.message);
    cr_assert(strncmp(err.message, path, strlen(path)) == 0, "%s", err.message);
}

Test(pathological, missing_file)
{
    pl_error err = {0};
    const char *path = "/nonexistent/planlint/ke-hoach.txt";
    cr_assert_null(pl_doc_read(path, programs, NULL, &err));
    cr_assert_eq(err.status, PL_ERR_IO);
    cr_assert(strncmp(err.message, path, strlen(path)) == 0 && err.message[strlen(path)] == ':',
              "the message does not start with the file name: %s", err.message);
    cr_assert_null(strchr(err.message, '\n'));
}

Test(pathological, directory_as_file)
{
    pl_error err = {0};
    cr_assert_null(pl_doc_read("/tmp", programs, NULL, &err));
    cr_assert_eq(err.status, PL_ERR_IO);
    cr_assert(strncmp(err.message, "/tmp: ", 6) == 0, "%s", err.message);
}

Test(pathological, empty_file)
{
    /* a file of 0 bytes, whatever its name says, is an error naming it,
     * never a plan without targets that checks clean */
    char path[] = "/tmp/planlint-patho-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
    pl_error err = {0};
    pl_doc *doc = pl_doc_read(path, programs, NULL, &err);
    unlink(path);
    cr_assert_null(doc);
    cr_assert_eq(err.status, PL_ERR_ENCODING, "%s", err.message);
    char want[128];
    snprintf(want, sizeof want, "%s: empty file (0 bytes)", path);
    cr_assert_str_eq(err.message, want);
}

/* ---- nesting ------------------------------------------------------------- */

Test(pathological, nested_bullets_one_line)
{
    input in = {0};
    puts_n(&in, "- ", 100000);
    put(&in, "90% trẻ em được tiếp cận giáo dục.\n",
        strlen("90% trẻ em được tiếp cận giáo dục.\n"));
    parse_and_render(&in);
    free(in.data);
}

Test(pathological, nested_bullets_indented)
{
    /* 100 000 bullet lines, each indented one more than the last (in
     * steps of 100, to keep the input at 5 MB), markers alternating */
    static const char *const markers[] = {"- ", "+ ", "• ", "* ", "– "};
    input in = {0};
    for (size_t i = 0; i < 100000; i++) {
        puts_n(&in, " ", i % 100);
        puts_n(&in, markers[i % 5], 1);
        puts_n(&in, "mục\n", 1);
    }
    parse_and_render(&in);
    free(in.data);
}

Test(pathological, nested_numbers_one_label)
{
    /* "1.1.1. ... 1." with 50 000 levels in one label */
    input in = {0};
    puts_n(&in, "1.", 50000);
    puts_n(&in, " Mục tiêu: 90% trẻ em được tiếp cận giáo dục.\n", 1);
    parse_and_render(&in);
    free(in.data);
}

Test(pathological, nested_numbers_many_lines)
{
    /* 50 000 headings, each one level deeper than the last up to 200
     * levels, then back to 1 */
    input in = {0};
    for (size_t i = 0; i < 50000; i++) {
        puts_n(&in, "1.", 1 + i % 200);
        puts_n(&in, " Mục\n", 1);
    }
    pl_doc *doc = parse_render(&in);
    for (size_t i = 0; i < doc->nsections; i++)
        cr_assert_lt(doc->sections[i].depth, 100000, "section %zu", i);
    pl_doc_free(doc);
    oracle(&in);
    free(in.data);
}

Test(pathological, roman_numerals)
{
    /* I. II. III. ... as headings, and invalid ones (IIII, MMMMMMMM...) */
    input in = {0};
    for (size_t i = 0; i < 20000; i++)
        puts_n(&in, i % 2 ? "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMM. MỤC\n" : "XLIX. MỤC TIÊU\n", 1);
    puts_n(&in, "IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII. X\n", 1);
    parse_and_render(&in);
    free(in.data);
}

/* ---- Unicode -------------------------------------------------------------- */

Test(pathological, combining_marks_one_class)
{
    /* "a" and 100 000 acute accents (U+0301, class 230) */
    input in = {0};
    puts_n(&in, "90% tra", 1);
    puts_n(&in, "\xCC\x81", 100000);
    puts_n(&in, " em được tiếp cận giáo dục.\n", 1);
    parse_and_render(&in);
    free(in.data);
}

Test(pathological, combining_marks_two_classes)
{
    /* alternating U+0301 (class 230) and U+0323 (class 220): canonical
     * ordering must sort the run, which a quadratic sort cannot finish */
    input in = {0};
    puts_n(&in, "90% tra", 1);
    puts_n(&in, "\xCC\x81\xCC\xA3", 50000);
    puts_n(&in, " em được tiếp cận giáo dục.\n", 1);
    parse_and_render(&in);
    free(in.data);
}

Test(pathological, ten_megabyte_line_of_hangul_jamo)
{
    /* U+1100 U+1161 compose into U+AC00 across clusters (both are
     * starters), which sends the line to NFC's slow path: the whole 10 MB
     * line at once, with one position anchor per output byte */
    input in = {0};
    puts_n(&in, "\xE1\x84\x80\xE1\x85\xA1", 10u * 1024 * 1024 / 6);
    puts_n(&in, "\n- 90% trẻ em được tiếp cận giáo dục.\n", 1);
    cr_assert_eq(parse_and_render(&in), 1, "the target after the long line is lost");
    free(in.data);
}

Test(pathological, long_words_and_tables)
{
    /* a 1 MB word, then 100 000 empty table cells on one line */
    input in = {0};
    puts_n(&in, "x", 1u << 20);
    puts_n(&in, "\n", 1);
    puts_n(&in, "|", 100000);
    puts_n(&in, "\n| 90% | trẻ em được tiếp cận giáo dục |\n", 1);
    parse_and_render(&in);
    free(in.data);
}

/* ---- readers: many paragraphs, lists and definitions ----------------------
 *
 * Each published format read at the size of a long plan and past it:
 * 200 000 paragraphs with runs, soft line breaks and list numbers, and the
 * list definitions and styles a hostile file may hold (up to the readers'
 * caps).  Every array a reader grows this way doubles (util/array.h): one
 * that grew by one element at a time was quadratic under ASan, where
 * realloc always moves, and a definition looked up by a walk of all of
 * them for each paragraph was quadratic in any build (a 180 KB DOCX of
 * 200 000 paragraphs on a chain of 4 096 styles took 122 s). */

/* An OPC or ODF package of the parts (name, input *, ... NULL) in memory,
 * deflated; a part called "mimetype" is stored (ODF wants it so). */
static input zip_of(const char *first, ...)
{
    pl_test_part parts[8];
    size_t np = 0;
    va_list ap;
    va_start(ap, first);
    for (const char *name = first; name; name = va_arg(ap, const char *)) {
        const input *part = va_arg(ap, const input *);
        cr_assert_lt(np, sizeof parts / sizeof *parts);
        parts[np++] = (pl_test_part){name, part->data, part->len};
    }
    va_end(ap);
    input out = {0};
    size_t n;
    char *b = pl_test_zip(parts, np, &n);
    put(&out, b, n);
    free(b);
    return out;
}

__attribute__((format(printf, 2, 3))) static void putf(input *in, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && (size_t)n < sizeof buf);
    put(in, buf, (size_t)n);
}

/* The document parses as `name` (its format chosen by its content, or
 * by opt), with the last paragraph's target on line `last_line` and `soft`
 * soft line breaks; the document for more checks. */
static pl_doc *parse_reader_opt(const char *name, const input *in, const pl_parse_options *opt,
                                uint32_t last_line, size_t soft)
{
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse(name, in->data, in->len, programs, opt, &err);
    cr_assert_not_null(doc, "%s: %s", name, err.message);
    cr_assert_geq(doc->ntargets, 1, "%s: the target after the paragraphs is lost", name);
    const pl_target *t = &doc->targets[doc->ntargets - 1];
    cr_assert_eq(t->pos.line, last_line, "%s: last target on line %u", name, t->pos.line);
    cr_assert_eq(t->value, 90.0);
    cr_assert_eq(doc->text.input->nsoft, soft, "%s: %zu soft breaks", name,
                 doc->text.input->nsoft);
    return doc;
}

static pl_doc *parse_reader(const char *name, const input *in, uint32_t last_line, size_t soft)
{
    return parse_reader_opt(name, in, NULL, last_line, soft);
}

#define PARAS 200000
#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
#define TARGET_TEXT "- Phấn đấu 90% trẻ em được tiếp cận giáo dục."

Test(pathological, docx_many_paragraphs_lists_and_styles)
{
    /* 4 096 list definitions and instances (the cap) and 4 096 styles; the
     * list and the styles the paragraphs use come last in their files (a
     * lookup that walks them walks them all): 200 000 paragraphs in styles
     * p0..p14, each based on the one before and p0 on the style that
     * carries the last list, each paragraph of two runs with a line break */
    enum { DEFS = 4096, CHAIN = 15 }; /* p14 reaches "list" in 15 hops, the most followed */
    input numbering = {0}, styles = {0}, doc = {0};
    putf(&numbering, XML_DECL "<w:numbering " W_NS ">");
    for (int i = 0; i < DEFS; i++)
        putf(&numbering,
             "<w:abstractNum w:abstractNumId=\"%d\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
             "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%%1.\"/></w:lvl></w:abstractNum>",
             i);
    for (int i = 0; i < DEFS; i++)
        putf(&numbering, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"%d\"/></w:num>", i + 1,
             i);
    putf(&numbering, "</w:numbering>");
    putf(&styles, XML_DECL "<w:styles " W_NS ">");
    for (int i = 0; i < DEFS - CHAIN - 1; i++)
        putf(&styles, "<w:style w:styleId=\"f%d\"><w:basedOn w:val=\"f%d\"/></w:style>", i,
             i ? i - 1 : 0);
    putf(&styles, "<w:style w:styleId=\"list\"><w:pPr><w:numPr><w:numId w:val=\"%d\"/>"
                  "</w:numPr></w:pPr></w:style>", DEFS);
    putf(&styles, "<w:style w:styleId=\"p0\"><w:basedOn w:val=\"list\"/></w:style>");
    for (int i = 1; i < CHAIN; i++)
        putf(&styles, "<w:style w:styleId=\"p%d\"><w:basedOn w:val=\"p%d\"/></w:style>", i, i - 1);
    putf(&styles, "</w:styles>");
    putf(&doc, XML_DECL "<w:document " W_NS "><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>");
    for (int i = 0; i < PARAS; i++)
        putf(&doc,
             "<w:p><w:pPr><w:pStyle w:val=\"p%d\"/></w:pPr><w:r><w:t>Mục %d</w:t></w:r>"
             "<w:r><w:br/><w:t>dòng %x</w:t></w:r></w:p>",
             i % CHAIN, i, i * 7919);
    putf(&doc, "<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>", TARGET_TEXT);
    input ct = {0}, rels = {0}, drels = {0};
    putf(&ct, XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                       "content-types\"/>");
    putf(&rels, XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                         "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                         "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                         "Target=\"word/document.xml\"/></Relationships>");
    putf(&drels, XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                          "relationships\"/>");
    input z = zip_of("[Content_Types].xml", &ct, "_rels/.rels", &rels,
                     "word/_rels/document.xml.rels", &drels, "word/document.xml", &doc,
                     "word/numbering.xml", &numbering, "word/styles.xml", &styles, NULL);
    pl_doc *d = parse_reader("patho.docx", &z, PARAS + 2, PARAS);
    /* the last paragraph numbered by list 1, counting on from the first */
    char want[64];
    snprintf(want, sizeof want, "%d. Mục %d\n", PARAS, PARAS - 1);
    cr_assert(memmem(d->text.utf8, d->text.utf8_len, want, strlen(want)), "no '%s'", want);
    pl_doc_free(d);
    free(z.data);
    free(numbering.data);
    free(styles.data);
    free(doc.data);
    free(ct.data);
    free(rels.data);
    free(drels.data);
}

#define ODF_NS                                                                                 \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                      \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                          \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""

Test(pathological, odt_many_lists_paragraphs_and_list_styles)
{
    /* 1 024 list styles (the cap), 100 000 lists of one item, each in one
     * of the last seven styles, and 100 000 paragraphs of a span and a
     * line break */
    enum { STYLES = 1024 };
    input content = {0}, mimetype = {0};
    putf(&mimetype, "application/vnd.oasis.opendocument.text");
    putf(&content, XML_DECL "<office:document-content " ODF_NS "><office:automatic-styles>");
    for (int i = 0; i < STYLES; i++)
        putf(&content,
             "<text:list-style style:name=\"L%d\"><text:list-level-style-number text:level=\"1\" "
             "style:num-format=\"1\" style:num-suffix=\".\"/></text:list-style>",
             i);
    putf(&content, "</office:automatic-styles><office:body><office:text><text:p>KẾ HOẠCH</text:p>");
    for (int i = 0; i < PARAS / 2; i++)
        putf(&content,
             "<text:list text:style-name=\"L%d\"><text:list-item><text:p>Mục %d</text:p>"
             "</text:list-item></text:list>",
             STYLES - 1 - i % 7, i);
    for (int i = 0; i < PARAS / 2; i++)
        putf(&content, "<text:p>Đoạn %d<text:span> %x</text:span><text:line-break/>%o</text:p>", i,
             i * 7919, i * 31);
    putf(&content, "<text:p>%s</text:p></office:text></office:body></office:document-content>",
         TARGET_TEXT);
    input z = zip_of("mimetype", &mimetype, "content.xml", &content, NULL);
    pl_doc *d = parse_reader("patho.odt", &z, PARAS + 2, PARAS / 2);
    char want[64];
    snprintf(want, sizeof want, "\n1. Mục %d\n", PARAS / 2 - 1);
    cr_assert(memmem(d->text.utf8, d->text.utf8_len, want, strlen(want)), "no '%s'", want + 1);
    pl_doc_free(d);
    free(z.data);
    free(content.data);
    free(mimetype.data);
}

Test(pathological, html_many_list_items_and_paragraphs)
{
    /* 100 000 items of one numbered list, 100 000 paragraphs of inline
     * elements and a line break, one to a source line */
    input in = {0};
    putf(&in, "<html><body><p>KẾ HOẠCH</p><ol>\n");
    for (int i = 0; i < PARAS / 2; i++)
        putf(&in, "<li>Mục %d</li>\n", i);
    putf(&in, "</ol>\n");
    for (int i = 0; i < PARAS / 2; i++)
        putf(&in, "<p>Đoạn %d <b>%x</b><br>%o</p>\n", i, i * 7919, i * 31);
    putf(&in, "<p>%s</p></body></html>\n", TARGET_TEXT);
    pl_doc *d = parse_reader("patho.html", &in, PARAS + 3, PARAS / 2);
    char want[64];
    snprintf(want, sizeof want, "%d. Mục %d\n", PARAS / 2, PARAS / 2 - 1);
    cr_assert(memmem(d->text.utf8, d->text.utf8_len, want, strlen(want)), "no '%s'", want);
    pl_doc_free(d);
    free(in.data);
}

/* s in `charset` (iconv), appended to out. */
static void put_iconv(input *out, const char *charset, const char *s)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    cr_assert_neq(cd, (iconv_t)-1, "iconv: no %s", charset);
    char src[512], buf[1024], *in = src, *o = buf;
    size_t inleft = strlen(s), outleft = sizeof buf;
    cr_assert_lt(inleft, sizeof src);
    memcpy(src, s, inleft);
    cr_assert_neq(iconv(cd, &in, &inleft, &o, &outleft), (size_t)-1, "%s: %s", charset, s);
    iconv_close(cd);
    put(out, buf, (size_t)(o - buf));
}

Test(pathological, legacy_encodings_many_lines)
{
    /* 50 000 lines in each of three legacy encodings, named and (the
     * first) detected */
    static const char *const enc[][2] = {
        {"viscii", "VISCII"}, {"tcvn5712-1", "TCVN5712-1"}, {"cp1258", "CP1258"}};
    for (size_t e = 0; e < sizeof enc / sizeof *enc; e++) {
        input in = {0};
        put_iconv(&in, enc[e][1], "KẾ HOẠCH\n");
        for (int i = 0; i < PARAS / 4; i++) {
            char line[128];
            snprintf(line, sizeof line, "Mục %d của kế hoạch, đoạn %x\n", i, i * 7919);
            put_iconv(&in, enc[e][1], line);
        }
        put_iconv(&in, enc[e][1], TARGET_TEXT "\n");
        pl_parse_options opt = {.encoding = enc[e][0]};
        pl_doc *d = parse_reader_opt("patho.txt", &in, &opt, PARAS / 4 + 2, 0);
        pl_doc_free(d);
        if (e == 0) {
            d = parse_reader_opt("patho.txt", &in, NULL, PARAS / 4 + 2, 0);
            cr_assert_not_null(d->text.input->note, "VISCII read without a note");
            pl_doc_free(d);
        }
        free(in.data);
    }
}

Test(pathological, pdf_many_pages_and_lines)
{
    /* 1 000 pages of 100 lines each in a text layer (a standard font,
     * Latin-1 letters only: words of Vietnamese all the same), every line
     * read in order */
    enum { PAGES = 1000, LINES = 100 };
    pl_test_pdf b = {0};
    pl_test_pdf_obj_begin(&b); /* 1 */
    pl_test_pdf_putf(&b, "<< /Type /Catalog /Pages 2 0 R >>");
    pl_test_pdf_obj_end(&b);
    pl_test_pdf_obj_begin(&b); /* 2 */
    pl_test_pdf_putf(&b, "<< /Type /Pages /Count %d /Kids [", PAGES);
    for (int p = 0; p < PAGES; p++)
        pl_test_pdf_putf(&b, "%d 0 R ", 5 + 2 * p);
    pl_test_pdf_putf(&b, "] >>");
    pl_test_pdf_obj_end(&b);
    pl_test_pdf_obj_begin(&b); /* 3 */
    pl_test_pdf_putf(&b, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                         "/Encoding /WinAnsiEncoding >>");
    pl_test_pdf_obj_end(&b);
    int k = 0;
    for (int p = 0; p < PAGES; p++) {
        input content = {0};
        putf(&content, "BT /F1 7 Tf 8 TL 30 820 Td");
        /* "Các cán bộ là nhân viên có tên N và bà Sáu": Latin-1 (WinAnsi) */
        for (int l = 0; l < LINES; l++, k++)
            putf(&content, " (C\xE1""c c\xE1n b\xF4 l\xE0 nh\xE2n vi\xEAn c\xF3 t\xEAn %d v\xE0 b\xE0 "
                           "S\xE1u %x) '", k, k * 7919);
        putf(&content, " ET");
        pl_test_pdf_stream(&b, "", content.data, content.len); /* 4 + 2p */
        pl_test_pdf_obj_begin(&b);                             /* 5 + 2p */
        pl_test_pdf_putf(&b,
                         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                         "/Resources << /Font << /F1 3 0 R >> >> >>",
                         4 + 2 * p);
        pl_test_pdf_obj_end(&b);
        free(content.data);
    }
    pl_test_pdf_finish(&b);
    pl_error err = {0};
    pl_doc *d = pl_doc_parse("patho.pdf", b.p, b.n, programs, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_assert_eq(d->text.input->format, PL_IN_PDF);
    cr_assert_null(d->text.input->note, "%s", d->text.input->note); /* no OCR */
    char want[64];
    snprintf(want, sizeof want, "\xC3\xAAn %d v\xC3\xA0 b\xC3\xA0 S\xC3\xA1u %x\n", k - 1,
             (k - 1) * 7919);
    cr_assert(memmem(d->text.utf8, d->text.utf8_len, want, strlen(want)), "no '%s'", want);
    cr_assert_geq(d->text.nlines, (size_t)PAGES * LINES);
    pl_doc_free(d);
    pl_test_pdf_free(&b);
}

/* ---- the library API used carelessly (issue 18) ------------------------
 *
 * Each case failed on the main branch before the fix: a crash (NULL
 * arguments), a silent success (the extract writer), or, under ASan
 * (scripts/test.sh), a heap-use-after-free (a replaced programme).  A
 * case is a few calls: the 10 s bound is a hang guard. */

TestSuite(api, .init = setup, .fini = teardown, .timeout = 10);

static const char PLAN_782[] = "KẾ HOẠCH\nThực hiện Quyết định số 782/QĐ-TTg\nII. MỤC TIÊU\n"
                               "- 90% trẻ em có nguy cơ được tiếp cận giáo dục.\n";

Test(api, replacing_a_programme_keeps_earlier_handles_valid)
{
    pl_error err = {0};
    pl_programs *ps = pl_programs_new_builtin(&err);
    cr_assert_not_null(ps, "%s", err.message);
    pl_doc *doc = pl_doc_parse("p.txt", PLAN_782, strlen(PLAN_782), ps, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    cr_assert_str_eq(pl_doc_program(doc), "child-labour-2021");
    pl_checker *ck = pl_checker_new(ps, NULL, &err);
    cr_assert_not_null(ck, "%s", err.message);
    pl_compare *cmp = pl_compare_new(ps, "child-labour-2021", &err);
    cr_assert_not_null(cmp, "%s", err.message);
    cr_assert_eq(pl_compare_add(cmp, doc), 0);
    /* the same id again: the registry now answers with the new one, and
     * the old one lives on for the document, the checker and the table */
    cr_assert_eq(
        pl_programs_load_file(ps, PL_SOURCE_DIR "/data/programs/child-labour-2021.xml", &err), 0,
        "%s", err.message);
    cr_expect_str_eq(pl_doc_program(doc), "child-labour-2021");
    pl_report *r = pl_check_doc(ck, doc, &err);
    cr_expect_not_null(r, "%s", err.message);
    pl_report_free(r);
    FILE *out = tmpfile();
    cr_assert_not_null(out);
    cr_expect_eq(pl_compare_render(cmp, out, PL_FMT_JSON, PL_LANG_EN, &err), 0, "%s", err.message);
    fclose(out);
    pl_compare_free(cmp);
    pl_checker_free(ck);
    pl_doc_free(doc);
    pl_programs_free(ps);
}

/* err filled as a usage error naming the argument */
static void expect_usage(const pl_error *err, const char *what)
{
    cr_expect_eq(err->status, PL_ERR_USAGE, "%s: status %d", what, (int)err->status);
    cr_expect(strstr(err->message, "is NULL") != NULL, "%s: message '%s'", what, err->message);
}

Test(api, null_arguments_are_usage_errors_never_crashes)
{
    pl_error err = {0};
    pl_config *cfg = pl_config_new();
    cr_assert_not_null(cfg);
    cr_expect_eq(pl_config_set_rule(NULL, "duplicate-word=off", &err), -1);
    expect_usage(&err, "pl_config_set_rule(NULL, ...)");
    cr_expect_eq(pl_config_set_rule(cfg, NULL, &err), -1);
    cr_expect_eq(pl_config_set_fail_on(cfg, NULL, &err), -1);
    cr_expect_eq(pl_config_set_lang(NULL, "vi", NULL), -1, "err may be NULL too");
    cr_expect_eq(pl_config_load_file(cfg, NULL, &err), -1);
    pl_config_use_files(NULL, 0);
    pl_checker *ck = pl_checker_new(programs, cfg, &err);
    cr_assert_not_null(ck, "%s", err.message);
    memset(&err, 0, sizeof err);
    cr_expect_eq(pl_checker_add_plans_dir(ck, NULL, &err), -1);
    expect_usage(&err, "pl_checker_add_plans_dir(ck, NULL)");
    cr_expect_eq(pl_checker_add_plans_dir(NULL, ".", &err), -1);
    cr_expect_eq(pl_checker_set_parent_file(ck, NULL, &err), -1);
    cr_expect_eq(pl_checker_set_program(ck, NULL, &err), -1);
    memset(&err, 0, sizeof err);
    cr_expect_eq(pl_checker_set_read_options(NULL, NULL, &err), -1);
    expect_usage(&err, "pl_checker_set_read_options(NULL, NULL)");
    cr_expect_eq(pl_checker_set_read_options(ck, NULL, &err), 0, "NULL options are the defaults");
    memset(&err, 0, sizeof err);
    cr_expect_null(pl_check_doc(ck, NULL, &err));
    expect_usage(&err, "pl_check_doc(ck, NULL)");
    cr_expect_null(pl_check_doc(NULL, NULL, &err));
    cr_expect_null(pl_checker_new(NULL, NULL, &err));
    cr_expect_eq(pl_format_parse(NULL), -1);
    cr_expect_null(pl_doc_read(NULL, programs, NULL, &err));
    cr_expect_null(pl_doc_parse("x", NULL, 5, programs, NULL, &err));
    cr_expect_eq(pl_programs_load_file(NULL, "x", &err), -1);
    cr_expect_eq(pl_programs_load_file(programs, NULL, &err), -1);
    cr_expect_eq(pl_expand_inputs(NULL, 1, NULL), -1);
    cr_expect_eq(pl_is_plan_file(NULL), 0);
    /* accessors: NULL or 0, never a crash */
    cr_expect_null(pl_doc_source(NULL));
    cr_expect_eq(pl_doc_target_count(NULL), 0);
    cr_expect_null(pl_doc_program(NULL));
    cr_expect_null(pl_doc_note(NULL));
    cr_expect_eq(pl_report_count(NULL), 0);
    cr_expect_eq(pl_report_fails(NULL), 0);
    cr_expect_null(pl_report_finding(NULL, 0));
    cr_expect_null(pl_finding_rule(NULL));
    cr_expect_null(pl_finding_message(NULL, PL_LANG_EN));
    /* writers with a NULL FILE or handle */
    cr_expect_null(pl_extract_writer_new(NULL, PL_FMT_JSON, 1));
    cr_expect_eq(pl_extract_writer_add(NULL, NULL), -1);
    cr_expect_eq(pl_extract_writer_end(NULL), -1);
    cr_expect_null(pl_findings_writer_new(NULL, PL_FMT_TEXT, PL_LANG_VI));
    cr_expect_eq(pl_findings_writer_add(NULL, NULL), -1);
    cr_expect_eq(pl_findings_writer_end(NULL), -1);
    cr_expect_eq(pl_findings_page_add(NULL, NULL, NULL), -1);
    cr_expect_eq(pl_findings_page_write(NULL, stdout), -1);
    cr_expect_eq(pl_list_rules(NULL, PL_LANG_VI, &err), -1);
    cr_expect_eq(pl_list_programs(stdout, NULL, PL_LANG_VI, &err), -1);
    cr_expect_null(pl_compare_new(NULL, NULL, &err));
    cr_expect_eq(pl_compare_add(NULL, NULL), -1);
    cr_expect_eq(pl_compare_render(NULL, stdout, PL_FMT_TEXT, PL_LANG_VI, &err), -1);
    cr_expect_null(pl_compare_program(NULL));
    /* _free(NULL) does nothing */
    pl_checker_free(ck);
    pl_checker_free(NULL);
    pl_config_free(cfg);
    pl_config_free(NULL);
    pl_doc_free(NULL);
    pl_report_free(NULL);
    pl_compare_free(NULL);
    pl_programs_free(NULL);
    pl_extract_writer_free(NULL);
    pl_findings_writer_free(NULL);
    pl_findings_page_free(NULL);
}

Test(api, extract_writer_refuses_what_would_break_its_output)
{
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("p.txt", PLAN_782, strlen(PLAN_782), programs, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    FILE *out = tmpfile();
    cr_assert_not_null(out);
    /* told of one document: a second would make two JSON objects */
    pl_extract_writer *w = pl_extract_writer_new(out, PL_FMT_JSON, 1);
    cr_assert_not_null(w);
    cr_expect_eq(pl_extract_writer_add(w, doc), 0);
    cr_expect_eq(pl_extract_writer_add(w, doc), -1, "a second document after being told one");
    cr_expect_eq(pl_extract_writer_end(w), 0);
    cr_expect_eq(pl_extract_writer_end(w), -1, "end twice");
    pl_extract_writer_free(w);
    /* nothing after end() */
    w = pl_extract_writer_new(out, PL_FMT_NDJSON, 3);
    cr_assert_not_null(w);
    cr_expect_eq(pl_extract_writer_add(w, doc), 0);
    cr_expect_eq(pl_extract_writer_end(w), 0);
    cr_expect_eq(pl_extract_writer_add(w, doc), -1, "add after end");
    pl_extract_writer_free(w);
    fclose(out);
    pl_doc_free(doc);
}

/* pl_error messages: the reason kept whole, a long name cut in the middle
 * on a character boundary, controls in the name shown escaped. */
Test(api, error_messages_keep_the_reason_and_cut_the_path_between_characters)
{
    char path[2048] = "";
    for (int i = 0; i < 600; i++)
        strcat(path, "đ");
    strcat(path, "\n\x1b[31m.txt");
    pl_error err = {0};
    cr_expect_null(pl_doc_read(path, programs, NULL, &err));
    size_t n = strlen(err.message);
    cr_expect(n < sizeof err.message);
    cr_expect(strstr(err.message, ": cannot open: ") != NULL, "reason lost: %s", err.message);
    cr_expect(strstr(err.message, "…") != NULL, "path not shortened: %s", err.message);
    cr_expect(strstr(err.message, "\\x0a\\x1b[31m.txt") != NULL, "name not escaped: %s",
              err.message);
    cr_expect_null(strchr(err.message, '\n'));
    cr_expect_null(strchr(err.message, '\x1b'));
    /* every byte sequence is whole UTF-8: no lead byte without its tail */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)err.message[i];
        size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        cr_assert(i + k <= n, "a character cut at the end: %s", err.message);
        for (size_t j = 1; j < k; j++)
            cr_assert_eq((unsigned char)err.message[i + j] & 0xC0, 0x80, "cut inside a character");
        i += k;
    }
}

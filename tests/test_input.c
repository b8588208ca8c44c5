/* test_input.c - parser/read/input*.c: plans read as they are published.
 *
 * For every format and encoding, the header fields and targets extracted
 * equal those of the plain UTF-8 corpus text of the same plan:
 *   - DOCX, PDF (LibreOffice) and HTML (portal pages) fixtures committed
 *     under tests/fixtures/, made by scripts/make_fixtures.sh;
 *   - TCVN3, VNI, VISCII, Windows-1258, UTF-16 and mojibake made here, at
 *     run time, from the corpus texts (iconv, and small encoders written
 *     from docs/VIETNAMESE-TEXT.md §3 for the encodings glibc lacks).
 * Then the features of each reader, and bad files: each one line naming
 * the file, never a crash.
 */
#include <criterion/criterion.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "doc.h"
#include "input.h"
#include "pdf_result.h"
#include "test_util.h"
#include "text.h"

static const char *const PLANS[] = {
    "binh-thuan-province-2021-summary", "hoang-duc-commune-2023-pdf",
    "hung-yen-province-2021-news",      "lang-son-city-2024-draft",
    "tld-agency-2021-children-action"};
#define NPLANS (sizeof PLANS / sizeof *PLANS)

static pl_programs *progs;

static void setup(void)
{
    pl_error err = {0};
    progs = pl_programs_new_builtin(&err);
    cr_assert_not_null(progs, "%s", err.message);
}

static void teardown(void)
{
    pl_programs_free(progs);
}

/* ---- comparing extractions ----------------------------------------------- */

/* What must not change with the format: document fields and targets. */
static char *summary(const pl_doc *d)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    char date[16];
    pl_date_iso(&d->info.date, date, sizeof date);
    fprintf(f, "kind=%s number=%s date=%s level=%s form=%d\n", d->info.kind ? d->info.kind : "-",
            d->info.number ? d->info.number : "-", date,
            pl_level_name(d->info.level) ? pl_level_name(d->info.level) : "-", (int)d->info.form);
    for (size_t i = 0; i < d->ntargets; i++) {
        const pl_target *t = &d->targets[i];
        fprintf(f, "%s %d %g %d\n", t->indicator ? t->indicator->id : "null", (int)t->cmp, t->value,
                t->year);
    }
    fclose(f);
    return s;
}

static char *reference(const char *plan)
{
    char name[256];
    snprintf(name, sizeof name, "%s.txt", plan);
    size_t n;
    char *b = pl_test_read_corpus(name, &n);
    pl_error err = {0};
    pl_doc *d = pl_doc_parse(name, b, n, progs, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    char *s = summary(d);
    pl_doc_free(d);
    free(b);
    return s;
}

static void expect_same(const char *plan, const char *label, const void *b, size_t n)
{
    char *want = reference(plan);
    pl_error err = {0};
    pl_doc *d = pl_doc_parse(label, b, n, progs, NULL, &err);
    cr_assert_not_null(d, "%s: %s", label, err.message);
    char *got = summary(d);
    cr_expect_str_eq(got, want, "%s differs from the plain text", label);
    free(got);
    free(want);
    pl_doc_free(d);
}

static char *fixture(const char *rel, size_t *n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/%s", PL_SOURCE_DIR, rel);
    return pl_test_read_file(path, n);
}

/* ---- encoders for the test inputs ----------------------------------------- */

typedef struct bytes {
    unsigned char *p;
    size_t n, cap;
} bytes;

static void put(bytes *b, const void *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        cr_assert_not_null(b->p);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void putb(bytes *b, int c)
{
    unsigned char ch = (unsigned char)c;
    put(b, &ch, 1);
}

/* One code point through iconv into charset; 0 when it has no byte. */
static int iconv_cp(const char *charset, int32_t cp, bytes *out)
{
    iconv_t cd = iconv_open(charset, "UTF-32LE");
    cr_assert(cd != (iconv_t)-1, "iconv %s", charset);
    unsigned char in[4] = {(unsigned char)cp, (unsigned char)(cp >> 8), (unsigned char)(cp >> 16), 0};
    char buf[16], *ip = (char *)in, *op = buf;
    size_t il = 4, ol = sizeof buf;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    if (r != (size_t)-1)
        iconv(cd, NULL, NULL, &op, &ol);
    iconv_close(cd);
    if (r == (size_t)-1 || op == buf)
        return 0;
    put(out, buf, (size_t)(op - buf));
    return 1;
}

/* cp1252 byte of a code point, or -1 (the test's own table). */
static int cp1252(int32_t cp)
{
    static const uint16_t c1[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020,
                                    0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
                                    0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D,
                                    0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
                                    0x0153, 0x9D,   0x017E, 0x0178};
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return cp;
    for (int i = 0; i < 32; i++)
        if (c1[i] == cp)
            return 0x80 + i;
    return -1;
}

typedef void (*encoder)(int32_t cp, bytes *out);

static bytes encode_text(const char *s, size_t n, encoder enc)
{
    bytes out = {0};
    utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)s);
    (void)n;
    cr_assert_not_null(nfc);
    size_t len = strlen((char *)nfc);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(nfc + i, (utf8proc_ssize_t)(len - i), &cp);
        cr_assert(k > 0);
        enc(cp, &out);
        i += (size_t)k;
    }
    free(nfc);
    return out;
}

static void fallback(int32_t cp, bytes *out)
{
    int b = cp1252(cp);
    putb(out, b >= 0 ? b : '?');
}

static void enc_cp1258(int32_t cp, bytes *out)
{
    if (cp < 0x80 || !iconv_cp("CP1258", cp, out))
        fallback(cp, out);
}

static void enc_viscii(int32_t cp, bytes *out)
{
    if (cp < 0x80 || !iconv_cp("VISCII//TRANSLIT", cp, out))
        fallback(cp, out);
}

/* TCVN3 as ABC typed it: toned capitals do not exist, the lowercase byte
 * stands for them; 0x80-0x9F are cp1252 symbols (docs/VIETNAMESE-TEXT.md
 * §3.2). */
static void enc_tcvn3(int32_t cp, bytes *out)
{
    static const int32_t plain_caps[] = {0x102, 0xC2, 0xCA, 0xD4, 0x1A0, 0x1AF, 0x110};
    if (cp < 0x80) {
        putb(out, cp);
        return;
    }
    int32_t c = cp;
    int keep = 0;
    for (size_t i = 0; i < sizeof plain_caps / sizeof *plain_caps; i++)
        keep |= plain_caps[i] == cp;
    if (!keep)
        c = utf8proc_tolower(cp);
    bytes one = {0};
    if (iconv_cp("TCVN5712-1", c, &one) && one.n == 1 && one.p[0] >= 0xA0)
        put(out, one.p, 1);
    else
        fallback(cp, out);
    free(one.p);
}

/* VNI-Windows from the facts of docs/VIETNAMESE-TEXT.md §3.3. */
static void enc_vni(int32_t cp, bytes *out)
{
    if (cp < 0x80) {
        putb(out, cp);
        return;
    }
    if (cp == 0x111 || cp == 0x110) {
        putb(out, cp == 0x111 ? 0xF1 : 0xD1);
        return;
    }
    utf8proc_int32_t d[8];
    utf8proc_ssize_t nd = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, NULL);
    int32_t base = d[0], lb = utf8proc_tolower(base), mod = 0, tone = 0;
    for (utf8proc_ssize_t i = 1; i < nd; i++) {
        if (d[i] == 0x302 || d[i] == 0x306 || d[i] == 0x31B)
            mod = d[i];
        else
            tone = d[i];
    }
    if (nd < 1 || !strchr("aeiouy", (int)lb) || lb == 0) {
        fallback(cp, out);
        return;
    }
    int sub = base != lb ? 0x20 : 0;
    int t = tone == 0x301 ? 0 : tone == 0x300 ? 1 : tone == 0x309 ? 2 : tone == 0x303 ? 3
            : tone == 0x323 ? 4 : -1;
    static const int plain[5] = {0xF9, 0xF8, 0xFB, 0xF5, 0xEF};
    static const int circ[5] = {0xE1, 0xE0, 0xE5, 0xE3, 0xE4};
    static const int breve[5] = {0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
    static const int ibyte[5] = {0xED, 0xEC, 0xE6, 0xF3, 0xF2};
    if (lb == 'i' && t >= 0) {
        putb(out, ibyte[t] - sub);
        return;
    }
    if (lb == 'y' && t == 4) {
        putb(out, 0xEE - sub);
        return;
    }
    if (mod == 0x31B) { /* horn: ơ ư are single bytes */
        putb(out, (lb == 'o' ? 0xF4 : 0xF6) - sub);
        if (t >= 0)
            putb(out, plain[t] - sub);
        return;
    }
    putb(out, base);
    if (mod == 0x302)
        putb(out, (t >= 0 ? circ[t] : 0xE2) - sub);
    else if (mod == 0x306)
        putb(out, (t >= 0 ? breve[t] : 0xEA) - sub);
    else if (t >= 0)
        putb(out, plain[t] - sub);
}

/* Bytes shown as Windows-1252 and saved as UTF-8 (a browser's reading:
 * the five undefined bytes become C1 controls). */
static bytes as_mojibake(const unsigned char *b, size_t n)
{
    static const uint16_t c1[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020,
                                    0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
                                    0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D,
                                    0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
                                    0x0153, 0x9D,   0x017E, 0x0178};
    bytes out = {0};
    for (size_t i = 0; i < n; i++) {
        int32_t cp = b[i] >= 0x80 && b[i] < 0xA0 ? c1[b[i] - 0x80] : b[i];
        utf8proc_uint8_t u[4];
        utf8proc_ssize_t k = utf8proc_encode_char(cp, u);
        put(&out, u, (size_t)k);
    }
    return out;
}

/* The same, where the converter wrote U+FFFD for the five bytes cp1252
 * leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), as most do. */
static bytes as_mojibake_lossy(const unsigned char *b, size_t n)
{
    bytes out = {0};
    for (size_t i = 0; i < n; i++) {
        unsigned char one[1] = {b[i]};
        bytes m = b[i] == 0x81 || b[i] == 0x8D || b[i] == 0x8F || b[i] == 0x90 || b[i] == 0x9D
                      ? (bytes){(unsigned char *)strdup("\xEF\xBF\xBD"), 3, 4}
                      : as_mojibake(one, 1);
        put(&out, m.p, m.n);
        free(m.p);
    }
    return out;
}

static bytes utf16(const char *s, size_t n, int be)
{
    bytes out = {0};
    putb(&out, be ? 0xFE : 0xFF);
    putb(&out, be ? 0xFF : 0xFE);
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        cr_assert(k > 0);
        cr_assert(cp < 0x10000);
        putb(&out, be ? cp >> 8 : cp & 0xFF);
        putb(&out, be ? cp & 0xFF : cp >> 8);
        i += (size_t)k;
    }
    return out;
}

/* ---- every format and encoding gives the plain text's extraction ----------- */

TestSuite(input, .init = setup, .fini = teardown, .timeout = 60);

Test(input, docx_odt_pdf_html_equal_plain_text)
{
    static const char *const formats[] = {"docx", "odt", "pdf", "html"};
    for (size_t p = 0; p < NPLANS; p++)
        for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
            char rel[256];
            snprintf(rel, sizeof rel, "%s/%s.%s", formats[f], PLANS[p], formats[f]);
            size_t n;
            char *b = fixture(rel, &n);
            expect_same(PLANS[p], rel, b, n);
            free(b);
        }
}

Test(input, legacy_encodings_equal_plain_text)
{
    static const struct { const char *name; encoder enc; } encs[] = {
        {"tcvn3", enc_tcvn3}, {"vni", enc_vni}, {"viscii", enc_viscii}, {"cp1258", enc_cp1258}};
    for (size_t p = 0; p < NPLANS; p++) {
        char name[256];
        snprintf(name, sizeof name, "%s.txt", PLANS[p]);
        size_t n;
        char *s = pl_test_read_corpus(name, &n);
        for (size_t e = 0; e < sizeof encs / sizeof *encs; e++) {
            bytes b = encode_text(s, n, encs[e].enc);
            char label[300];
            snprintf(label, sizeof label, "%s.%s", PLANS[p], encs[e].name);
            expect_same(PLANS[p], label, b.p, b.n);
            free(b.p);
        }
        for (int be = 0; be <= 1; be++) {
            bytes b = utf16(s, n, be);
            expect_same(PLANS[p], be ? "utf-16be" : "utf-16le", b.p, b.n);
            free(b.p);
        }
        bytes m = as_mojibake((unsigned char *)s, n);
        expect_same(PLANS[p], "mojibake", m.p, m.n);
        free(m.p);
        m = as_mojibake_lossy((unsigned char *)s, n);
        expect_same(PLANS[p], "mojibake with U+FFFD", m.p, m.n);
        free(m.p);
        free(s);
    }
}

Test(input, tcvn3_pasted_into_a_web_page_is_repaired)
{
    /* .VnTime text copied from a page that showed it as cp1252 and saved
     * as UTF-8 ("KÕ ho¹ch"): valid UTF-8, but mojibake */
    size_t n;
    char *s = pl_test_read_corpus("hung-yen-province-2021-news.txt", &n);
    bytes t = encode_text(s, n, enc_tcvn3);
    bytes m = as_mojibake(t.p, t.n);
    expect_same("hung-yen-province-2021-news", "tcvn3-mojibake", m.p, m.n);
    pl_error err = {0};
    pl_doc *d = pl_doc_parse("x.txt", m.p, m.n, progs, NULL, &err);
    cr_assert_not_null(d);
    cr_assert_not_null(pl_doc_note(d));
    cr_expect(strstr(pl_doc_note(d), "TCVN3"), "%s", pl_doc_note(d));
    pl_doc_free(d);
    free(m.p);
    free(t.p);
    free(s);
}

/* ---- legacy encodings: detection rules --------------------------------------- */

static char *decode(const char *in, size_t n, const char *enc, pl_error *err, char **note)
{
    pl_parse_options o = {.encoding = enc};
    pl_text t;
    if (pl_text_init_opt(&t, "x.txt", in, n, &o, err) != 0)
        return NULL;
    char *s = strdup(t.nfc); /* after NFC: legacy decoders leave combining marks */
    if (note)
        *note = t.input->note ? strdup(t.input->note) : NULL;
    pl_text_free(&t);
    return s;
}

Test(input, unicode_is_never_converted)
{
    /* "tháng" is valid UTF-8; a TCVN3 converter would make it "thỏng" */
    const char in[] = "ngày 28 tháng 7 năm 1929, Hà Nội: à á â ã è é ê ì í ò ó ô õ ù ú ý";
    pl_error err = {0};
    char *note = NULL;
    char *s = decode(in, sizeof in - 1, NULL, &err, &note);
    cr_assert_not_null(s, "%s", err.message);
    cr_assert_str_eq(s, in);
    cr_assert_null(note, "%s", note);
    free(s);
}

Test(input, latin1_letters_without_vietnamese_stay)
{
    /* enough Latin-1 letters to look at, but they are real words */
    const char in[] = "Café à la crème, déjà vu, naïve façade, résumé, über, Ångström, "
                      "señor, São Paulo, Zürich, Málaga.";
    pl_error err = {0};
    char *note = NULL;
    char *s = decode(in, sizeof in - 1, NULL, &err, &note);
    cr_assert_not_null(s, "%s", err.message);
    cr_assert_str_eq(s, in);
    free(note);
    free(s);
}

Test(input, broken_utf8_is_still_an_error)
{
    /* mostly UTF-8 with one bad byte: not a legacy text */
    const char in[] = "Kế hoạch số 151/KH-UBND\nabc\xFF" "def\n";
    pl_error err = {0};
    cr_assert_null(decode(in, sizeof in - 1, NULL, &err, NULL));
    cr_assert_eq(err.status, PL_ERR_ENCODING);
    cr_assert_str_eq(err.message, "x.txt: invalid UTF-8 at byte 33 (line 2, column 4)");
    /* bytes that decode to no Vietnamese at all in any candidate */
    const char junk[] = "ab\ncdef\xE0 tail";
    cr_assert_null(decode(junk, sizeof junk - 1, NULL, &err, NULL));
    cr_assert_str_eq(err.message, "x.txt: invalid UTF-8 at byte 7 (line 2, column 5)");
}

Test(input, cut_off_sequence_is_truncated_a_bad_byte_at_the_end_is_invalid)
{
    /* "ế" is E1 BA BF: a file cut after E1 BA ends mid-letter */
    const char cut[] = "Kế hoạch số 151/KH-UBND\nMục tiêu\n90% trẻ \xE1\xBA";
    pl_error err = {0};
    cr_assert_null(decode(cut, sizeof cut - 1, NULL, &err, NULL));
    cr_assert(strstr(err.message, ": truncated UTF-8 at byte"), "%s", err.message);
    /* 0xFF two bytes before the end is no sequence at all */
    const char ff[] = "Kế hoạch số 151/KH-UBND\nMục tiêu\n90% trẻ \xFF" "ab";
    cr_assert_null(decode(ff, sizeof ff - 1, NULL, &err, NULL));
    cr_assert(strstr(err.message, ": invalid UTF-8 at byte"), "%s", err.message);
    /* a lead byte followed by a non-continuation byte at the end */
    const char lead[] = "Kế hoạch số 151/KH-UBND\nMục tiêu\n90% trẻ \xE1" "a";
    cr_assert_null(decode(lead, sizeof lead - 1, NULL, &err, NULL));
    cr_assert(strstr(err.message, ": invalid UTF-8 at byte"), "%s", err.message);
}

Test(input, guessed_encoding_is_noted_and_positions_are_bytes)
{
    /* VNI: "Kế hoạch" = "Keá hoaïch"; the target's byte offset is in the
     * file, its column in decoded characters */
    const char in[] = "Keá hoaïch naêm 2024\nPhaán ñaáu 90% treû em ñöôïc tieáp caän giaùo duïc.\n";
    pl_error err = {0};
    char *note = NULL;
    char *s = decode(in, sizeof in - 1, NULL, &err, &note);
    cr_assert_not_null(s, "%s", err.message);
    cr_assert_str_eq(s, "Kế hoạch năm 2024\nPhấn đấu 90% trẻ em được tiếp cận giáo dục.\n");
    cr_assert_not_null(note);
    cr_expect(strstr(note, "VNI"), "%s", note);
    free(note);
    free(s);
    pl_doc *d = pl_doc_parse("x.txt", in, sizeof in - 1, progs, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_assert_eq(d->ntargets, 1);
    pl_pos p = d->targets[0].value_pos;
    cr_expect_eq(p.line, 2);
    cr_expect_eq(p.col, 10, "column %u", p.col);                          /* "90%" */
    cr_expect_eq(p.byte, (size_t)(strstr(in, "90%") - in), "byte %zu", p.byte); /* in the file */
    pl_doc_free(d);
}

Test(input, forced_encoding_and_names)
{
    /* "Vieät Nam" is VNI; forced, it is read so even when short */
    pl_error err = {0};
    char *s = decode("Vie\xE4t Nam", 9, "vni", &err, NULL);
    cr_assert_not_null(s, "%s", err.message);
    cr_assert_str_eq(s, "Việt Nam");
    free(s);
    s = decode("Vi\xD6t Nam", 8, "tcvn3", &err, NULL);
    cr_assert_not_null(s);
    cr_assert_str_eq(s, "Việt Nam");
    free(s);
    s = decode("Vi\xD6t Nam", 8, "cp1258", &err, NULL);
    cr_assert_not_null(s);
    free(s);
    cr_assert_null(decode("x", 1, "klingon", &err, NULL));
    cr_assert_eq(err.status, PL_ERR_USAGE);
    cr_assert(strstr(err.message, "unknown encoding 'klingon'"), "%s", err.message);
    pl_parse_options o = {.format_in = "rtf"};
    cr_assert_eq(pl_parse_options_check(&o, &err), -1);
    cr_assert_eq(err.status, PL_ERR_USAGE);
}

Test(input, tcvn3_capitals_lines_get_their_case_back)
{
    /* .VnTimeH: toned capitals at the lowercase codes */
    const char in[] = "C\xE9NG H\xDF" "A X\xB7 H\xE9I CH\xF1 NGH\xDC" "A VI\xD6T NAM\n"
                      "\xA7\xE9" "c l\xCB" "p - T\xF9 do - H\xB9nh ph\xF3" "c\n"
                      "S\xE8: 151/KH-UBND\n";
    pl_error err = {0};
    char *s = decode(in, sizeof in - 1, "tcvn3", &err, NULL);
    cr_assert_not_null(s, "%s", err.message);
    cr_assert_str_eq(s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                        "Số: 151/KH-UBND\n");
    free(s);
}

/* The paragraphs of t's flat text, joined by " / ". */
static char *paragraphs(const pl_text *t)
{
    bytes out = {0};
    for (size_t i = 0; i < t->nparas; i++) {
        if (i > 0)
            put(&out, " / ", 3);
        put(&out, t->flat + t->paras[i].flat_start, t->paras[i].flat_end - t->paras[i].flat_start);
    }
    return (char *)out.p;
}

/* A header typed in .VnTimeH, the capitals font of the ABC set: every
 * letter of those lines is stored in lower case (ASCII too), the font
 * shows capitals.  The same header in Unicode capitals is the reference. */
static const char VNTIMEH_CAPS[] =
    "UBND TỈNH HƯNG YÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nSố: 151/KH-UBND\nHưng Yên, ngày 29 tháng 9 năm 2021\n\n"
    "KẾ HOẠCH\nThực hiện Chương trình phòng ngừa, giảm thiểu trẻ em lao động trái quy định của "
    "pháp luật giai đoạn 2021-2025\n\nI. MỤC TIÊU\n"
    "1. Đến năm 2025, giảm tỷ lệ lao động trẻ em và người chưa thành niên từ 5 đến 17 tuổi "
    "xuống dưới 4%.\n";

static char *header_of(const char *label, const void *b, size_t n)
{
    pl_error err = {0};
    pl_doc *d = pl_doc_parse(label, b, n, progs, NULL, &err);
    cr_assert_not_null(d, "%s: %s", label, err.message);
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    fprintf(f, "issuer=%s locality=%s level=%s kind=%s number=%s targets=%zu",
            d->info.issuer ? d->info.issuer : "-", d->info.locality ? d->info.locality : "-",
            pl_level_name(d->info.level) ? pl_level_name(d->info.level) : "-",
            d->info.kind ? d->info.kind : "-", d->info.number ? d->info.number : "-", d->ntargets);
    fclose(f);
    pl_doc_free(d);
    return s;
}

Test(input, tcvn3_capitals_font_in_lower_case_codes)
{
    char *want = header_of("caps.txt", VNTIMEH_CAPS, sizeof VNTIMEH_CAPS - 1);
    cr_assert(strstr(want, "locality=Hưng Yên"), "%s", want);
    /* the capitals lines as .VnTimeH stores them: lower case throughout */
    char typed[sizeof VNTIMEH_CAPS * 2];
    size_t k = 0;
    const char *lines[] = {"ubnd tỉnh hưng yên\n", "cộng hòa xã hội chủ nghĩa việt nam\n"};
    for (size_t i = 0; i < 2; i++)
        k += (size_t)snprintf(typed + k, sizeof typed - k, "%s", lines[i]);
    const char *rest = strstr(VNTIMEH_CAPS, "Độc lập");
    const char *title = strstr(rest, "KẾ HOẠCH\n");
    k += (size_t)snprintf(typed + k, sizeof typed - k, "%.*skế hoạch\n%s", (int)(title - rest), rest,
                          title + strlen("KẾ HOẠCH\n"));
    bytes b = encode_text(typed, k, enc_tcvn3);
    char *got = header_of("vntimeh.txt", b.p, b.n);
    cr_expect_str_eq(got, want);
    free(got);
    free(want);
    free(b.p);
}

Test(input, utf16_with_and_without_bom)
{
    const char in[] = "K\0\xBF\x1E \0h\0o\0\xA1\x1E" "c\0h\0";
    pl_error err = {0};
    char *s = decode(in, sizeof in - 1, NULL, &err, NULL); /* no BOM: guessed */
    cr_assert_not_null(s, "%s", err.message);
    cr_assert_str_eq(s, "Kế hoạch");
    free(s);
    const char odd[] = "\xFF\xFEK\0e";
    cr_assert_null(decode(odd, sizeof odd - 1, NULL, &err, NULL));
    cr_assert(strstr(err.message, "truncated UTF-16"), "%s", err.message);
    const char lone[] = "\xFF\xFE" "a\0\x00\xD8" "b\0";
    cr_assert_null(decode(lone, sizeof lone - 1, NULL, &err, NULL));
    cr_assert(strstr(err.message, "(unpaired surrogate) at byte 4"), "%s", err.message);
    /* the first character: nothing decoded before it (UBSan: an offset
     * added to the empty buffer's NULL; found by fuzz_check) */
    const char first[] = "\xFF\xFE\x00\xD8" "b\0";
    cr_assert_null(decode(first, sizeof first - 1, NULL, &err, NULL));
    cr_assert(strstr(err.message, "(unpaired surrogate) at byte 2 (line 1, column 1)"), "%s",
              err.message);
}

/* ---- HTML --------------------------------------------------------------------- */

static char *text_of(const char *name, const void *b, size_t n, const char *fmt, pl_text *t)
{
    pl_parse_options o = {.format_in = fmt};
    pl_error err = {0};
    cr_assert_eq(pl_text_init_opt(t, name, b, n, &o, &err), 0, "%s", err.message);
    return t->utf8;
}

Test(input, html_main_text_without_chrome)
{
    size_t n;
    char *b = fixture("html/lang-son-city-2024-draft.html", &n);
    pl_text t;
    const char *s = text_of("p.html", b, n, NULL, &t);
    cr_assert_eq(t.input->format, PL_IN_HTML);
    cr_expect_null(strstr(s, "Trang chủ"), "menu kept");
    cr_expect_null(strstr(s, "JavaScript"), "script or noscript kept");
    cr_expect_null(strstr(s, "Facebook"), "share bar kept");
    cr_expect_null(strstr(s, "Giấy phép"), "footer kept");
    cr_expect_null(strstr(s, "Tin mới"), "sidebar kept");
    cr_expect_null(strstr(s, "Bản in"), "hidden text kept");
    cr_expect(strstr(s, "Số: /KH-UBND | TP. Lạng Sơn, ngày tháng 6 năm 2024\n"), "header row");
    pl_text_free(&t);
    free(b);
}

Test(input, html_that_says_utf8_and_is_not_is_an_error)
{
    /* libxml2 would read such a page as Latin-1, every Vietnamese letter
     * garbled and the target lost without a word; a page that declares no
     * charset, or another one, is still left to libxml2 */
    static const char page[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
                               "charset=UTF-8\"></head><body>\n<p>K\xe1\xba\xbe HO\xe1\xba\xa0" "CH"
                               " \xff</p>\n<p>- Ph\xe1\xba\xa5n \xc4\x91\xe1\xba\xa5u 90% tr\xe1"
                               "\xba\xbb em</p></body></html>\n";
    pl_text t;
    pl_error err = {0};
    cr_assert_neq(pl_text_init(&t, "p.html", page, sizeof page - 1, &err), 0);
    cr_assert_eq(err.status, PL_ERR_ENCODING);
    cr_assert_str_eq(err.message, "p.html: invalid UTF-8 at byte 109 (line 2, column 13)");
    static const char latin1[] = "<html><head><meta charset=\"iso-8859-1\"></head><body>"
                                 "<p>caf\xe9 \xff</p></body></html>\n";
    const char *s = text_of("l.html", latin1, sizeof latin1 - 1, NULL, &t);
    cr_assert(strstr(s, "caf\xc3\xa9"), "%s", s);
    pl_text_free(&t);
}

Test(input, html_positions_point_into_the_source)
{
    /* every letter is a character reference ("Ph&#7845;n"), yet the target
     * points at its source line and column */
    size_t n;
    char *b = fixture("html/hung-yen-province-2021-news.html", &n);
    pl_error err = {0};
    pl_doc *d = pl_doc_parse("p.html", b, n, progs, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_assert_gt(d->ntargets, 0);
    pl_pos p = d->targets[0].value_pos; /* "4%" of "xuống dưới 4%" */
    cr_assert_eq(pl_test_line_of(b, p.byte), p.line);
    cr_assert_eq(pl_test_col_of(b, p.byte), p.col);
    cr_assert_eq(b[p.byte], '4', "byte %zu is '%c'", p.byte, b[p.byte]);
    pl_doc_free(d);
    free(b);
}

Test(input, html_lists_tables_pre_and_entities)
{
    const char in[] = "<html><body><main>"
                      "<h2>II. MỤC TIÊU</h2>"
                      "<ol type=\"a\"><li>Một</li><li>Hai &amp; ba</li></ol>"
                      "<ul><li>gạch</li></ul>"
                      "<table><tr><th>Chỉ tiêu</th><th>2025</th></tr>"
                      "<tr><td><p>Trẻ em</p></td><td>90%</td></tr></table>"
                      "<pre>a  b\nc</pre>"
                      "<p>x&nbsp;y &unknown; &#7871;</p>"
                      "</main><p>outside</p></body></html>";
    pl_text t;
    const char *s = text_of("x", in, sizeof in - 1, "html", &t);
    cr_assert_str_eq(s, "II. MỤC TIÊU\n\na) Một\nb) Hai & ba\n\n- gạch\n\nChỉ tiêu | 2025\n"
                        "\nTrẻ em | 90%\n\na  b\nc\n\nx y &unknown; ế\n" /* <p> in a cell: a block */);
    pl_text_free(&t);
}

Test(input, html_deep_nesting_and_entity_tricks, .timeout = 30)
{
    /* 100 000 nested divs: a normal result (libxml2 caps its depth; the
     * walk does not recurse) */
    size_t depth = 100000;
    bytes b = {0};
    put(&b, "<!DOCTYPE html><html><body>", 27);
    for (size_t i = 0; i < depth; i++)
        put(&b, "<div>", 5);
    put(&b, "Trên 90% trẻ em được hỗ trợ.", strlen("Trên 90% trẻ em được hỗ trợ."));
    for (size_t i = 0; i < depth; i++)
        put(&b, "</div>", 6);
    put(&b, "</body></html>", 14);
    pl_error err = {0};
    pl_doc *d = pl_doc_parse("deep.html", b.p, b.n, progs, NULL, &err);
    if (!d) /* refusing is allowed too, with one line */
        cr_assert(err.message[0] && !strchr(err.message, '\n'));
    pl_doc_free(d);
    free(b.p);
    /* billion laughs: the HTML parser knows only HTML's entities */
    const char lol[] = "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;"
                       "&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                       "<html><body><p>&c;&c;&c;&c;&c;&c;&c;&c;</p>"
                       "<p>file: <!ENTITY x SYSTEM \"file:///etc/passwd\">&x;</p></body></html>";
    pl_text t;
    const char *s = text_of("lol.html", lol, sizeof lol - 1, NULL, &t);
    cr_assert_lt(strlen(s), 200, "entities expanded: %zu bytes", strlen(s));
    cr_assert_null(strstr(s, "root:"));
    pl_text_free(&t);
}

/* ---- DOCX ----------------------------------------------------------------------- */

/* A .docx in memory from its parts (name, xml, name, xml, ..., NULL). */
static bytes make_zip(const char *first, ...)
{
    pl_test_part parts[8];
    size_t np = 0;
    va_list ap;
    va_start(ap, first);
    for (const char *name = first; name; name = va_arg(ap, const char *)) {
        const char *xml = va_arg(ap, const char *);
        cr_assert_lt(np, sizeof parts / sizeof *parts);
        parts[np++] = (pl_test_part){name, xml, strlen(xml)};
    }
    va_end(ap);
    bytes out = {0};
    size_t n;
    char *b = pl_test_zip(parts, np, &n);
    put(&out, b, n);
    free(b);
    return out;
}

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char NUMBERING[] =
    "<w:numbering " W ">"
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%3)\"/></w:lvl>"
    "<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "</w:numbering>";

static const char STYLES[] =
    "<w:styles " W "><w:style w:type=\"paragraph\" w:styleId=\"Heading1\">"
    "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1Sub\"><w:basedOn w:val=\"Heading1\"/></w:style>"
    "</w:styles>";

#define P(num, text) "<w:p><w:pPr>" num "</w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define NUM(id, lvl) "<w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #id "\"/></w:numPr>"

static const char DOCUMENT[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:document " W " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
    "<w:body>"
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1Sub\"/></w:pPr><w:r><w:t>MỤC ĐÍCH</w:t></w:r></w:p>"
    P(NUM(1, 0), "MỤC TIÊU")
    P(NUM(1, 1), "Mục tiêu chung")
    P(NUM(1, 2), "Trẻ em")
    P(NUM(1, 2), "Cha mẹ")
    P(NUM(1, 3), "gạch đầu dòng")
    P(NUM(1, 1), "Mục tiêu cụ thể")
    P(NUM(2, 0), "Danh sách khác")
    "<w:p><w:r><w:t xml:space=\"preserve\">Phấn đấu </w:t></w:r>"
    "<w:ins w:id=\"1\" w:author=\"A\"><w:r><w:t>90%</w:t></w:r></w:ins>"
    "<w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>70%</w:delText></w:r></w:del>"
    "<w:r><w:tab/><w:t>trẻ em</w:t><w:br/><w:t>được hỗ trợ</w:t></w:r>"
    "<w:r><w:instrText> PAGE </w:instrText><w:t>.</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Chỉ tiêu</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>2025</w:t></w:r></w:p><w:p><w:r><w:t>2030</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:t>hộp</w:t></mc:Choice>"
    "<mc:Fallback><w:t>hộp</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    "<w:sectPr/></w:body></w:document>";

Test(input, docx_numbering_tracked_changes_tables)
{
    bytes z = make_zip("word/document.xml", DOCUMENT, "word/numbering.xml", NUMBERING,
                       "word/styles.xml", STYLES, NULL);
    pl_text t;
    const char *s = text_of("f.docx", z.p, z.n, NULL, &t);
    cr_assert_eq(t.input->format, PL_IN_DOCX);
    cr_assert_str_eq(s, "I. MỤC ĐÍCH\n"
                        "II. MỤC TIÊU\n"
                        "1. Mục tiêu chung\n"
                        "a) Trẻ em\n"
                        "b) Cha mẹ\n"
                        "- gạch đầu dòng\n"
                        "2. Mục tiêu cụ thể\n"
                        "1. Danh sách khác\n"
                        "Phấn đấu 90%\ttrẻ em\nđược hỗ trợ.\n"
                        "Chỉ tiêu\n| 2025\n2030\n"
                        "hộp\n");
    /* positions: line = paragraph, the w:br does not start one */
    size_t off = (size_t)(strstr(s, "được") - s);
    pl_pos p = pl_text_pos_utf8(&t, off);
    cr_expect_eq(p.line, 9);
    cr_expect_eq(p.col, 21, "col %u", p.col); /* the tab and the break count one each */
    off = (size_t)(strstr(s, "hộp") - s);
    cr_expect_eq(pl_text_pos_utf8(&t, off).line, 13);
    pl_text_free(&t);
    free(z.p);
}

Test(input, docx_equal_ids_the_first_wins)
{
    /* two list definitions, two list instances and two styles under each
     * id: the first of each is the one Word uses (the reader's lookups are
     * binary searches over the definitions sorted by id, file order kept
     * among equal ids) */
    static const char numbering[] =
        "<w:numbering " W ">"
        "<w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/>"
        "<w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
        "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1)\"/></w:lvl></w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"8\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
        "<w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1)\"/></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"7\"/></w:num>"
        "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"8\"/></w:num>"
        "</w:numbering>";
    static const char styles[] =
        "<w:styles " W ">"
        "<w:style w:styleId=\"B\"><w:basedOn w:val=\"A\"/></w:style>"
        "<w:style w:styleId=\"A\"><w:pPr><w:numPr><w:numId w:val=\"5\"/></w:numPr></w:pPr></w:style>"
        "<w:style w:styleId=\"B\"><w:pPr><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr></w:style>"
        "<w:style w:styleId=\"A\"/>"
        "</w:styles>";
    static const char document[] =
        "<w:document " W "><w:body>"
        "<w:p><w:pPr><w:pStyle w:val=\"B\"/></w:pPr><w:r><w:t>MỤC TIÊU</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"A\"/></w:pPr><w:r><w:t>NHIỆM VỤ</w:t></w:r></w:p>"
        "</w:body></w:document>";
    bytes z = make_zip("word/document.xml", document, "word/numbering.xml", numbering,
                       "word/styles.xml", styles, NULL);
    pl_text t;
    const char *s = text_of("f.docx", z.p, z.n, NULL, &t);
    cr_assert_str_eq(s, "III. MỤC TIÊU\nIV. NHIỆM VỤ\n");
    pl_text_free(&t);
    free(z.p);
}

#define TC(text) "<w:tc><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"

Test(input, docx_and_html_tables_hold_targets)
{
    /* a table of targets in Word: each later cell is a line of its own;
     * the value points at its own paragraph */
    static const char doc[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>"
        "<w:p><w:r><w:t>II. MỤC TIÊU</w:t></w:r></w:p>"
        "<w:tbl><w:tr>" TC("Chỉ tiêu") TC("Năm 2025") TC("Năm 2030") "</w:tr>"
        "<w:tr>" TC("Trẻ em được cung cấp thông tin, kiến thức (%)") TC("75") TC("≥ 80") "</w:tr>"
        "</w:tbl><w:sectPr/></w:body></w:document>";
    bytes z = make_zip("word/document.xml", doc, NULL);
    pl_error err = {0};
    /* fragments that name no programme: read as child-labour plans */
    pl_parse_options cl = {.program = "child-labour-2021"};
    pl_doc *d = pl_doc_parse("t.docx", z.p, z.n, progs, &cl, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_assert_eq(d->ntargets, 2);
    cr_assert_not_null(d->targets[0].indicator);
    cr_expect_str_eq(d->targets[0].indicator->id, "comm.children");
    cr_expect_eq(d->targets[0].value, 75.0);
    cr_expect_eq(d->targets[0].year, 2025);
    cr_expect_eq(d->targets[0].cmp, PL_CMP_GE);
    cr_expect_eq(d->targets[0].value_pos.line, 6); /* paragraph 6: "75" */
    cr_expect_eq(d->targets[1].value, 80.0);
    cr_expect_eq(d->targets[1].year, 2030);
    cr_expect_eq(d->targets[1].value_pos.line, 7);
    pl_doc_free(d);
    free(z.p);

    static const char html[] =
        "<html><body><main><h2>II. MỤC TIÊU</h2><table>"
        "<tr><th>Chỉ tiêu</th><th>2025</th></tr>\n"
        "<tr><td><p>Cán bộ, công chức cấp xã được tập huấn</p></td><td>70%</td></tr>"
        "</table></main></body></html>";
    d = pl_doc_parse("t.html", html, sizeof html - 1, progs, &cl, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_assert_eq(d->ntargets, 1);
    cr_assert_not_null(d->targets[0].indicator);
    cr_expect_str_eq(d->targets[0].indicator->id, "train.commune");
    cr_expect_eq(d->targets[0].year, 2025);
    cr_expect_eq(d->targets[0].value_pos.line, 2);
    cr_expect_eq(html[d->targets[0].value_pos.byte], '7');
    pl_doc_free(d);
}

static void expect_error_docx(const char *name, const void *b, size_t n, const char *part);

#define RELS_NS "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
#define OFFICE_DOC "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

Test(input, docx_main_part_from_relationships_and_names_ignore_case)
{
    /* the main part is whatever _rels/.rels names; its numbering part is
     * what its own relationships name */
    static const char rels[] =
        "<Relationships " RELS_NS "><Relationship Id=\"rId1\" Type=\"" OFFICE_DOC
        "officeDocument\" Target=\"/content/main.xml\"/></Relationships>";
    static const char main_rels[] =
        "<Relationships " RELS_NS "><Relationship Id=\"rId1\" Type=\"" OFFICE_DOC
        "numbering\" Target=\"../lists/num.xml\"/></Relationships>";
    static const char doc[] = "<w:document " W "><w:body>" P(NUM(2, 0), "Trẻ em") "</w:body></w:document>";
    bytes z = make_zip("_rels/.rels", rels, "content/_rels/main.xml.rels", main_rels,
                       "content/main.xml", doc, "lists/num.xml", NUMBERING,
                       "word/document.xml", "<w:document " W "><w:body>" P("", "decoy") "</w:body></w:document>",
                       NULL);
    pl_text t;
    cr_expect_str_eq(text_of("r.docx", z.p, z.n, NULL, &t), "1. Trẻ em\n");
    pl_text_free(&t);
    free(z.p);
    /* OPC part names ignore case: Word/Document.xml is the main part */
    z = make_zip("Word/Document.xml", doc, "WORD/NUMBERING.XML", NUMBERING, NULL);
    cr_expect_str_eq(text_of("c.docx", z.p, z.n, NULL, &t), "1. Trẻ em\n");
    pl_text_free(&t);
    free(z.p);
    /* a main part that is named but missing: said, with its name */
    z = make_zip("_rels/.rels", rels, "word/document.xml", doc, NULL);
    expect_error_docx("m.docx", z.p, z.n, "content/main.xml");
    free(z.p);
}

#define LONG_LINE "Phấn đấu đến năm 2025, tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp đạt"

Test(input, reader_paragraphs_are_not_joined)
{
    /* a Word paragraph is a paragraph, even when it ends without a stop
     * and is as wide as a wrapped line; a w:br inside one is a line
     * break the wrapping rules may join */
    static const char doc[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>"
        "<w:p><w:r><w:t>" LONG_LINE "</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>100%</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Ngày 29/9/2021, Ủy ban nhân dân tỉnh ban hành Kế hoạch số 12/KH-UBND</w:t>"
        "<w:br/><w:t>về bảo vệ trẻ em.</w:t></w:r></w:p>"
        "<w:sectPr/></w:body></w:document>";
    bytes z = make_zip("word/document.xml", doc, NULL);
    pl_text t;
    text_of("p.docx", z.p, z.n, NULL, &t);
    char *got = paragraphs(&t);
    cr_expect_str_eq(got, LONG_LINE " / 100% / Ngày 29/9/2021, Ủy ban nhân dân tỉnh ban hành Kế "
                          "hoạch số 12/KH-UBND về bảo vệ trẻ em.");
    free(got);
    pl_text_free(&t);
    free(z.p);
    /* the same as a page: <p> ends a paragraph, <br> does not */
    static const char html[] = "<html><body><p>" LONG_LINE "</p>\n<p>Trẻ em được hỗ trợ</p>"
                               "<p>Ngày 29/9/2021, Ủy ban<br>\nnhân dân tỉnh ban hành.</p></body></html>";
    text_of("p.html", html, sizeof html - 1, NULL, &t);
    got = paragraphs(&t);
    cr_expect_str_eq(got, LONG_LINE " / Trẻ em được hỗ trợ / Ngày 29/9/2021, Ủy ban nhân dân tỉnh "
                          "ban hành.");
    free(got);
    pl_text_free(&t);
}

Test(input, paragraphs_made_of_printed_lines_are_joined)
{
    /* a Word file pasted from a PDF: a paragraph per printed line, most
     * going on in lower case; read like the text file it was */
    static const char doc[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>"
        "<w:p><w:r><w:t>100% trẻ em có nguy cơ, lao động trẻ em và trẻ em bị mua</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>bán vì mục đích bóc lột sức lao động được hỗ trợ, can thiệp</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>kịp thời.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>70% cha mẹ, người chăm sóc trẻ em được cung cấp thông</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>tin, kiến thức về phòng ngừa lao động trẻ em; 80% trẻ em</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>được tư vấn.</w:t></w:r></w:p>"
        "<w:sectPr/></w:body></w:document>";
    bytes z = make_zip("word/document.xml", doc, NULL);
    pl_text t;
    text_of("l.docx", z.p, z.n, NULL, &t);
    cr_expect_eq(t.nparas, 2, "%zu paragraphs", t.nparas);
    pl_text_free(&t);
    free(z.p);
}

/* ---- ODT ------------------------------------------------------------------------ */

Test(input, odt_lists_tables_and_breaks_as_libreoffice_writes_them)
{
    /* Word's lists converted by LibreOffice (make_fixtures.sh): the list
     * style is in styles.xml, the numbers nowhere in content.xml */
    size_t n;
    char *b = fixture("odt/lists.odt", &n);
    pl_text t;
    const char *s = text_of("lists.odt", b, n, NULL, &t);
    cr_assert_eq(t.input->format, PL_IN_ODT);
    cr_expect_str_eq(s, "I. MỤC ĐÍCH\n"
                        "1. Mục đích chung\n"
                        "II. MỤC TIÊU\n"
                        "1. Mục tiêu đến năm 2025\n"
                        "a) Trẻ em được hỗ trợ\n"
                        "b) Cha mẹ được tư vấn\n"
                        "- gạch đầu dòng\n"
                        "2. Mục tiêu đến năm 2030\n"
                        "Chỉ tiêu\n| Năm 2025\n| Năm 2030\n"
                        "Trẻ em được cung cấp thông tin, kiến thức (%)\n| 75\n| ≥ 80\n"
                        "Phấn đấu 90%\ttrẻ em\nđược hỗ trợ.\n");
    /* positions: line = paragraph, the line break does not start one */
    size_t off = (size_t)(strstr(s, "được hỗ trợ.") - s);
    pl_pos p = pl_text_pos_utf8(&t, off);
    cr_expect_eq(p.line, 15, "line %u", p.line);
    cr_expect_eq(p.col, 21, "col %u", p.col);
    pl_text_free(&t);
    /* the table's targets, as from the DOCX (a fragment that names no
     * programme: read against child labour's) */
    pl_error err = {0};
    pl_parse_options cl = {.program = "child-labour-2021"};
    pl_doc *d = pl_doc_parse("lists.odt", b, n, progs, &cl, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_assert_eq(d->ntargets, 3);
    cr_assert_not_null(d->targets[0].indicator);
    cr_expect_str_eq(d->targets[0].indicator->id, "comm.children");
    cr_expect_eq(d->targets[0].value_pos.line, 13); /* paragraph 13: "75" */
    cr_expect_eq(d->targets[1].value, 80.0);
    cr_expect_eq(d->targets[1].value_pos.line, 14);
    cr_expect_eq(d->targets[2].value, 90.0);
    cr_expect_eq(d->targets[2].value_pos.line, 15);
    pl_doc_free(d);
    /* --format-in odt, and an ODT without its mimetype member first */
    pl_parse_options o = {.format_in = "odt"};
    d = pl_doc_parse("lists", b, n, progs, &o, &err);
    cr_assert_not_null(d, "%s", err.message);
    pl_doc_free(d);
    free(b);
}

Test(input, odt_written_by_hand)
{
    /* what content.xml alone allows: automatic list styles, text:number
     * as shown, text:s, notes and deleted text dropped, a header cell */
    static const char content[] =
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
        " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
        " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
        " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">"
        "<office:automatic-styles><text:list-style style:name=\"L1\">"
        "<text:list-level-style-number text:level=\"1\" style:num-format=\"1\" style:num-suffix=\".\""
        " text:start-value=\"3\"/>"
        "<text:list-level-style-number text:level=\"2\" style:num-format=\"1\" style:num-suffix=\".\""
        " text:display-levels=\"2\"/></text:list-style></office:automatic-styles>"
        "<office:body><office:text>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>xoá</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "<text:list text:style-name=\"L1\"><text:list-item><text:p>Ba</text:p>"
        "<text:list><text:list-item><text:p>Một</text:p></text:list-item>"
        "<text:list-item><text:p>Hai</text:p></text:list-item></text:list></text:list-item>"
        "<text:list-item><text:p><text:number>IV.</text:number>Bốn</text:p></text:list-item></text:list>"
        "<text:p>a<text:s text:c=\"3\"/>b<text:note><text:note-body><text:p>chú thích</text:p>"
        "</text:note-body></text:note></text:p>"
        "</office:text></office:body></office:document-content>";
    bytes z = make_zip("content.xml", content, NULL);
    pl_text t;
    cr_expect_str_eq(text_of("h.odt", z.p, z.n, NULL, &t),
                     "3. Ba\n3.1. Một\n3.2. Hai\nIV. Bốn\na   b\n");
    cr_expect_eq(t.input->format, PL_IN_DOCX, "a zip without mimetype is sniffed as DOCX first");
    pl_text_free(&t);
    free(z.p);
}

static void expect_error(const char *name, const void *b, size_t n, pl_status st, const char *part)
{
    pl_error err = {0};
    pl_doc *d = pl_doc_parse(name, b, n, progs, NULL, &err);
    cr_assert_null(d, "%s: parsed", name);
    cr_assert_eq(err.status, st, "%s: status %d: %s", name, err.status, err.message);
    cr_assert(strncmp(err.message, name, strlen(name)) == 0 && err.message[strlen(name)] == ':',
              "does not name the file: %s", err.message);
    cr_assert_null(strchr(err.message, '\n'), "%s", err.message);
    cr_assert(strstr(err.message, part), "'%s' not in: %s", part, err.message);
}

static void expect_error_docx(const char *name, const void *b, size_t n, const char *part)
{
    expect_error(name, b, n, PL_ERR_ENCODING, part);
}

Test(input, docx_bad_files)
{
    size_t n;
    char *b = fixture("docx/lang-son-city-2024-draft.docx", &n);
    /* corrupt: cut in half, and bytes flipped in the compressed data */
    expect_error("half.docx", b, n / 2, PL_ERR_ENCODING, "corrupt zip archive");
    char *flip = malloc(n);
    memcpy(flip, b, n);
    for (size_t i = 200; i < 400 && i < n; i++)
        flip[i] ^= 0x5A;
    expect_error("flip.docx", flip, n, PL_ERR_ENCODING, "corrupt zip");
    free(flip);
    free(b);
    bytes other = make_zip("xl/workbook.xml", "<x/>", NULL);
    expect_error("xlsx.docx", other.p, other.n, PL_ERR_ENCODING, "without word/document.xml");
    free(other.p);
    /* a DOCTYPE with entities in document.xml */
    bytes lol = make_zip("word/document.xml",
                         "<!DOCTYPE w [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
                         "<w:document " W "><w:body><w:p><w:r><w:t>&b;&b;</w:t></w:r></w:p></w:body>"
                         "</w:document>",
                         NULL);
    expect_error("lol.docx", lol.p, lol.n, PL_ERR_ENCODING, "DOCTYPE not allowed");
    free(lol.p);
    const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of a .doc";
    expect_error("old.doc", ole, sizeof ole - 1, PL_ERR_ENCODING, "Word 97-2003");
}

/* Set the uncompressed size of every member, in the local headers and the
 * central directory (a zip that lies about its sizes). */
static void patch_sizes(bytes *z, uint32_t size)
{
    for (size_t i = 0; i + 30 < z->n; i++) {
        size_t at = 0;
        if (memcmp(z->p + i, "PK\x03\x04", 4) == 0)
            at = i + 22;
        else if (memcmp(z->p + i, "PK\x01\x02", 4) == 0)
            at = i + 24;
        if (at)
            for (int k = 0; k < 4; k++)
                z->p[at + (size_t)k] = (unsigned char)(size >> (8 * k));
    }
}

Test(input, docx_zip_bombs, .timeout = 60)
{
    /* declared huge: refused before anything is inflated */
    bytes z = make_zip("word/document.xml", DOCUMENT, NULL);
    patch_sizes(&z, 0x7FFFFFFFu);
    expect_error("declared.docx", z.p, z.n, PL_ERR_TOO_LARGE, "zip bomb");
    free(z.p);
    /* real: 80 MB of text compressed ~1000:1, declared as it is */
    size_t big = (size_t)80 * 1024 * 1024;
    char *xml = malloc(big + 1);
    const char head[] = "<w:document " W "><w:body><w:p><w:r><w:t>";
    const char tail[] = "</w:t></w:r></w:p></w:body></w:document>";
    memcpy(xml, head, sizeof head - 1);
    memset(xml + sizeof head - 1, 'a', big - (sizeof head - 1) - (sizeof tail - 1));
    memcpy(xml + big - (sizeof tail - 1), tail, sizeof tail);
    bytes bomb = make_zip("word/document.xml", xml, NULL);
    free(xml);
    cr_assert_lt(bomb.n, (size_t)1024 * 1024, "the bomb is small: %zu", bomb.n);
    expect_error("bomb.docx", bomb.p, bomb.n, PL_ERR_TOO_LARGE, "zip bomb");
    /* the same, lying that it is small: the inflate stops at the cap */
    patch_sizes(&bomb, 1000);
    pl_error err = {0};
    cr_assert_null(pl_doc_parse("liar.docx", bomb.p, bomb.n, progs, NULL, &err));
    cr_assert(err.status == PL_ERR_TOO_LARGE || err.status == PL_ERR_ENCODING, "%s", err.message);
    cr_assert(strncmp(err.message, "liar.docx: ", 11) == 0, "%s", err.message);
    free(bomb.p);
}

Test(input, docx_of_200_megabytes, .timeout = 60)
{
    /* a file above --max-size is refused while reading, whatever it holds */
    char path[] = "/tmp/planlint-big-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, "PK\x03\x04", 4), 4);
    cr_assert_eq(ftruncate(fd, (off_t)200 * 1024 * 1024), 0);
    close(fd);
    pl_error err = {0};
    pl_doc *d = pl_doc_read(path, progs, NULL, &err);
    unlink(path);
    cr_assert_null(d);
    cr_assert_eq(err.status, PL_ERR_TOO_LARGE, "%s", err.message);
    cr_assert(strncmp(err.message, path, strlen(path)) == 0, "%s", err.message);
}

/* ---- PDF ---------------------------------------------------------------------------- */

/* A one-page PDF whose content stream is `content` (a scan has an image
 * and no text operators; a line drawing will do). */
static pl_test_pdf make_pdf(const char *content)
{
    pl_test_pdf b = {0};
    static const char *const objs[] = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>"};
    for (size_t i = 0; i < sizeof objs / sizeof *objs; i++) {
        pl_test_pdf_obj_begin(&b);
        pl_test_pdf_put(&b, objs[i], strlen(objs[i]));
        pl_test_pdf_obj_end(&b);
    }
    pl_test_pdf_stream(&b, "", content, strlen(content));
    pl_test_pdf_finish(&b);
    return b;
}

Test(input, pdf_bad_files)
{
    size_t n;
    char *b = fixture("pdf/encrypted.pdf", &n);
    expect_error("locked.pdf", b, n, PL_ERR_ENCODING, "PDF is encrypted (password required)");
    free(b);
    pl_test_pdf scan = make_pdf("0.5 g 10 10 500 800 re f 0 0 m 595 842 l S");
    expect_error("scan.pdf", scan.p, scan.n, PL_ERR_ENCODING,
                 "PDF has no text: no text layer, and OCR read none on its 1 page (blank or "
                 "unreadable)");
    pl_test_pdf_free(&scan);
    const char junk[] = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n%%EOF";
    expect_error("junk.pdf", junk, sizeof junk - 1, PL_ERR_ENCODING, "PDF");
}

Test(input, pdf_lines_are_poppler_lines_and_headers_go)
{
    size_t n;
    char *b = fixture("pdf/lang-son-city-2024-draft.pdf", &n);
    pl_text t;
    const char *s = text_of("p.pdf", b, n, NULL, &t);
    cr_assert_eq(t.input->format, PL_IN_PDF);
    cr_expect_null(strstr(s, "Cổng thông tin"), "running header kept");
    cr_expect_null(strstr(s, "Trang 1\n"), "page-number footer kept");
    cr_expect_null(strstr(s, "Trang 2\n"), "page-number footer kept");
    /* a paragraph break found in the layout is a blank line in the text,
     * but not a line of the positions */
    const char *title = strstr(s, "Thực hiện Kế hoạch số 187");
    cr_assert_not_null(title);
    cr_expect(title > s + 2 && title[-1] == '\n' && title[-2] == '\n');
    pl_pos p = pl_text_pos_utf8(&t, (size_t)(title - s));
    cr_expect_eq(p.line, 8, "line %u", p.line); /* as `pdftotext FILE -` numbers it */
    cr_expect_eq(p.col, 1);
    pl_text_free(&t);
    free(b);
}

/* ---- choosing the format --------------------------------------------------------------- */

Test(input, format_is_chosen_by_content_not_name)
{
    size_t n;
    char *b = fixture("docx/hung-yen-province-2021-news.docx", &n);
    pl_text t;
    text_of("plan.txt", b, n, NULL, &t); /* a .docx saved as .txt */
    cr_expect_eq(t.input->format, PL_IN_DOCX);
    pl_text_free(&t);
    free(b);
    const char page[] = "\xEF\xBB\xBF  <!doctype HTML><p>x</p>";
    text_of("noext", page, sizeof page - 1, NULL, &t);
    cr_expect_eq(t.input->format, PL_IN_HTML);
    pl_text_free(&t);
    const char quote[] = "Kế hoạch nói về thẻ <html> trong trang web.";
    text_of("a.txt", quote, sizeof quote - 1, NULL, &t);
    cr_expect_eq(t.input->format, PL_IN_TEXT);
    pl_text_free(&t);
    /* forced: markup read as text */
    text_of("a.html", page, sizeof page - 1, "text", &t);
    cr_expect_eq(t.input->format, PL_IN_TEXT);
    cr_expect(strstr(t.utf8, "<p>x</p>"));
    pl_text_free(&t);
}

/* The result planlint-pdf sends back crosses a pipe from another process:
 * what arrives whole and valid is taken, what is cut short or holds text
 * that is not UTF-8 is refused (-2), not handed to the text stages, which
 * take valid UTF-8 for granted. */
static int pdf_result_round_trip(const char *text, size_t len, size_t cut)
{
    pl_pdf_result w = {0};
    pl_buf_put(&w.out, text, len);
    pl_buf_puts(&w.src, "source");
    pl_omap_add(&w.map, 0, 0);
    size_t page = 0;
    unsigned char ocr = 0;
    w.npages = 1;
    w.page_line = &page;
    w.page_ocr = &ocr;
    pl_buf wire = PL_BUF_INIT;
    pl_pdf_result_write(&w, &wire);
    if (cut)
        wire.len -= cut;
    pl_pdf_result r = {0};
    int rc = pl_pdf_result_read(&wire, &r);
    if (rc == 0) {
        cr_expect_eq(r.out.len, len);
        cr_expect(len == 0 || memcmp(r.out.data, text, len) == 0);
        cr_expect_eq(r.npages, 1);
    }
    pl_pdf_result_free(&r);
    w.page_line = NULL;
    w.page_ocr = NULL;
    pl_buf_free(&w.out);
    pl_buf_free(&w.src);
    pl_omap_free(&w.map);
    pl_buf_free(&wire);
    return rc;
}

Test(input, pdf_result_from_the_reader_is_checked)
{
    const char ok[] = "Kế hoạch số 12/KH-UBND";
    cr_expect_eq(pdf_result_round_trip(ok, strlen(ok), 0), 0);
    cr_expect_eq(pdf_result_round_trip("", 0, 0), 0);
    const char bad[] = "K\xe1\xbb ho\xff";
    cr_expect_eq(pdf_result_round_trip(bad, strlen(bad), 0), -2);
    cr_expect_eq(pdf_result_round_trip(ok, strlen(ok), 1), -2);
}

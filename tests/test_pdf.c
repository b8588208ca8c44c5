/* test_pdf.c - parser/input_pdf.c against hostile PDFs: each built here
 * object by object (no big file in the tree), each with a bound on time
 * and a clear one-line error or a document.
 *
 * Bounds are generous (a loaded CI machine, sanitizers): they catch the
 * quadratic and the unbounded, not a slow run.
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "doc.h"
#include "input.h"
#include "planlint.h"
#include "render.h"
#include "report.h"
#include "test_util.h"

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

TestSuite(pdf, .init = setup, .fini = teardown, .timeout = 300);

/* ---- building PDFs (test_util.h, pl_test_pdf) ------------------------------ */

static void stream_obj(pl_test_pdf *b, const char *dict, const char *data)
{
    pl_test_pdf_stream(b, dict, data, strlen(data));
}

/* Catalog (1), pages (2) with `n` kids numbered from `first_kid` by `step`. */
static void page_tree(pl_test_pdf *b, size_t n, size_t first_kid, size_t step)
{
    pl_test_pdf_obj_begin(b);
    pl_test_pdf_put(b, "<< /Type /Catalog /Pages 2 0 R >>", 34);
    pl_test_pdf_obj_end(b);
    pl_test_pdf_obj_begin(b);
    pl_test_pdf_put(b, "<< /Type /Pages /Kids [", 23);
    for (size_t i = 0; i < n; i++)
        pl_test_pdf_putf(b, "%zu 0 R ", first_kid + i * step);
    pl_test_pdf_putf(b, "] /Count %zu >>", n);
    pl_test_pdf_obj_end(b);
}

#define FONT                                                                                       \
    "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "              \
    "/Encoding /WinAnsiEncoding >> >> >>"

/* The same font with two letters WinAnsi lacks, by their glyph names
 * (poppler's text takes a character from its glyph name): \200 "ố",
 * \201 "ă". */
#define FONT_VI                                                                                    \
    "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "              \
    "/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding "                                 \
    "/Differences [128 /uni1ED1 /abreve] >> >> >> >>"

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Parse; return the document or NULL with err. */
static pl_doc *parse(const char *name, const pl_test_pdf *b, pl_error *err, double *secs)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pl_doc *d = pl_doc_parse(name, b->p, b->n, progs, NULL, err);
    *secs = seconds_since(&t0);
    return d;
}

/* ---- cases ------------------------------------------------------------------- */

Test(pdf, zero_pages_is_said_as_such)
{
    pl_test_pdf b = {0};
    page_tree(&b, 0, 3, 1);
    pl_test_pdf_finish(&b);
    pl_error err = {0};
    double s;
    pl_doc *d = parse("empty.pdf", &b, &err, &s);
    cr_assert_null(d);
    cr_expect_eq(err.status, PL_ERR_ENCODING);
    cr_expect_str_eq(err.message, "empty.pdf: PDF has no pages (an empty or damaged page tree)");
    pl_test_pdf_free(&b);
}

/* 10 000 pages, each with a running header, a page number and a line of
 * text (the middle one of three lines, away from the edges; it has
 * Vietnamese letters, so that the layer reads as Vietnamese and is not
 * sent to OCR): the running header and the numbers go, the text stays, and the
 * time grows linearly (the quadratic pass took 79 s here). */
Test(pdf, ten_thousand_pages_of_running_headers)
{
    enum { N = 10000 };
    pl_test_pdf b = {0};
    page_tree(&b, N, 3, 2);
    for (size_t i = 0; i < N; i++) {
        pl_test_pdf_obj_begin(&b);
        pl_test_pdf_putf(
            &b,
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %zu 0 R " FONT " >>",
            b.nobj + 1);
        pl_test_pdf_obj_end(&b);
        char content[512];
        snprintf(content, sizeof content,
                 "BT /F1 10 Tf 72 800 Td (Cong thong tin dien tu) Tj ET "
                 "BT /F1 12 Tf 72 700 Td (Ke hoach thuc hien) Tj ET "
                 "BT /F1 12 Tf 72 600 Td (Muc ti\\352u %zu l\\340 90%% tr\\352n to\\340n x\\343) Tj ET "
                 "BT /F1 12 Tf 72 500 Td (trong nam) Tj ET "
                 "BT /F1 10 Tf 290 40 Td (Trang %zu) Tj ET",
                 i, i + 1);
        stream_obj(&b, "", content);
    }
    pl_test_pdf_finish(&b);
    pl_error err = {0};
    double s;
    pl_doc *d = parse("many.pdf", &b, &err, &s);
    cr_assert_not_null(d, "%s", err.message);
    cr_expect_lt(s, 60.0, "10 000 pages took %.1f s", s);
    const char *flat = d->text.flat;
    cr_expect_null(strstr(flat, "Cong thong tin"), "running header kept");
    cr_expect_null(strstr(flat, "Trang 5"), "page number kept");
    cr_expect_not_null(strstr(flat, "tiêu 9999 là 90% trên toàn xã"), "the text layer was not read");
    cr_expect_null(pl_doc_note(d), "%s", pl_doc_note(d));
    pl_doc_free(d);
    pl_test_pdf_free(&b);
}

/* Form XObjects that draw the next one twice, 18 levels deep: 2^18 draws
 * of a line of text from a 5 KB file.  poppler runs for minutes and grows
 * to a gigabyte; the reader's child process is stopped at its deadline and
 * the error says so. */
Test(pdf, xobjects_drawing_each_other_are_stopped)
{
    enum { LEVELS = 18 };
    pl_test_pdf b = {0};
    page_tree(&b, 1, 3, 1);
    pl_test_pdf_obj_begin(&b); /* 3: the page draws X1 (object 4) */
    pl_test_pdf_put(&b,
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                    "/Resources << /XObject << /X 5 0 R >> >> >>",
                    112);
    pl_test_pdf_obj_end(&b);
    stream_obj(&b, "", "/X Do");
    for (int i = 0; i < LEVELS; i++) { /* object 5 + i draws 6 + i twice */
        char dict[512];
        if (i + 1 < LEVELS) {
            snprintf(dict, sizeof dict,
                     "/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                     "/Resources << /XObject << /X %d 0 R >> >>",
                     6 + i);
            stream_obj(&b, dict, "/X Do /X Do");
        } else {
            stream_obj(&b, "/Type /XObject /Subtype /Form /BBox [0 0 595 842] " FONT,
                       "BT /F1 12 Tf 72 700 Td (Muc tieu dat 90% tre em) Tj ET");
        }
    }
    pl_test_pdf_finish(&b);
    cr_expect_lt(b.n, 8000);
    pl_error err = {0};
    double s;
    pl_doc *d = parse("bomb.pdf", &b, &err, &s);
    cr_assert_null(d, "read in %.1f s", s);
    cr_expect_eq(err.status, PL_ERR_TOO_LARGE);
    cr_expect(strncmp(err.message, "bomb.pdf: reading the PDF was stopped", 37) == 0, "%s",
              err.message);
    cr_expect_null(strchr(err.message, '\n'));
    cr_expect_lt(s, 120.0, "stopped after %.1f s", s);
    pl_test_pdf_free(&b);
}

/* ---- signing stamps ------------------------------------------------------------ */

/* A signature widget at `rect` whose appearance draws `text` in `size` points. */
static void stamp_widget(pl_test_pdf *b, const char *rect, int size, const char *text)
{
    size_t ap = b->nobj + 2;
    pl_test_pdf_obj_begin(b);
    pl_test_pdf_putf(
        b,
        "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig%zu) /Rect [%s] /F 4 /P 3 0 R "
        "/AP << /N %zu 0 R >> >>",
        b->nobj, rect, ap);
    pl_test_pdf_obj_end(b);
    char data[256];
    snprintf(data, sizeof data, "BT /F1 %d Tf 1 5 Td (%s) Tj ET", size, text);
    stream_obj(b, "/Type /XObject /Subtype /Form /BBox [0 0 200 17] " FONT, data);
}

/* Catalog (1), pages (2), one page (3) in `font` whose widgets (the
 * objects `widgets`, made next by stamp_widget) are form fields, and its
 * contents (4). */
static void signed_page(pl_test_pdf *b, const char *font, const char *widgets, const char *content)
{
    pl_test_pdf_obj_begin(b);
    pl_test_pdf_putf(
        b, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /SigFlags 3 >> >>", widgets);
    pl_test_pdf_obj_end(b);
    pl_test_pdf_obj_begin(b);
    pl_test_pdf_putf(b, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pl_test_pdf_obj_end(b);
    pl_test_pdf_obj_begin(b);
    pl_test_pdf_putf(
        b,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s /Annots [%s] >>",
        font, widgets);
    pl_test_pdf_obj_end(b);
    stream_obj(b, "", content);
}

/* A document numbered and dated at signing, as Vietnamese e-government
 * systems do: the template's "So:      /SCT-CN" and "ngay      thang 4"
 * get "1629", "27" and the month "5" (over the draft's printed "4") from
 * small signature widgets that poppler's page text leaves out.  The digits
 * go in at their place; a widget drawing words (a signer's label) adds
 * nothing. */
Test(pdf, signing_stamps_fill_the_number_and_the_date)
{
    pl_test_pdf b = {0};
    signed_page(&b, FONT, "5 0 R 7 0 R 9 0 R 11 0 R",
               "BT /F1 12 Tf 72 760 Td (UBND TINH LAO CAI) Tj ET "
               "BT /F1 12 Tf 72 700 Td (So:   /SCT-CN) Tj ET "
               "BT /F1 12 Tf 300 700 Td (Lao Cai, ngay       thang 4 nam 2026) Tj ET "
               "BT /F1 12 Tf 72 500 Td (Ke hoach thuc hien) Tj ET");
    stamp_widget(&b, "91 695 100 712", 4, "1629");
    stamp_widget(&b, "378 695 398 712", 8, "27");
    stamp_widget(&b, "432 695 441 712", 8, "5");
    stamp_widget(&b, "300 560 420 577", 8, "Ky boi: Nguyen");
    pl_test_pdf_finish(&b);
    pl_error err = {0};
    double s;
    pl_doc *d = parse("signed.pdf", &b, &err, &s);
    cr_assert_not_null(d, "%s", err.message);
    const char *flat = d->text.flat;
    cr_expect_not_null(strstr(flat, "So: 1629 /SCT-CN"), "number stamp not read: %s", flat);
    cr_expect_not_null(strstr(flat, "ngay 27 thang 5 nam 2026"), "date stamps not read: %s", flat);
    cr_expect_null(strstr(flat, "Ky boi"), "a widget's words were taken: %s", flat);
    cr_expect_null(strstr(flat, " 4 "), "the covered month is still there: %s", flat);
    pl_doc_free(d);
    pl_test_pdf_free(&b);
}

/* The same stamps in a template whose blanks are wide: poppler's reading
 * order splits each row at the blank ("So:" / "/SCT-CN" and "ngay" /
 * "thang 4 nam 2026" come out as separate lines, the motto between them).
 * The stamp that fills the blank puts the row together again, in both
 * columns, and the month stamp still covers the printed "4" of the half
 * that moved.  Line numbers stay poppler's: the moved half leaves an
 * empty line. */
Test(pdf, a_stamp_joins_the_row_that_its_blank_split)
{
    pl_test_pdf b = {0};
    signed_page(&b, FONT_VI, "5 0 R 7 0 R 9 0 R",
               "BT /F1 12 Tf 80 780 Td (UBND TINH LAO CAI) Tj ET "
               "BT /F1 12 Tf 300 780 Td (CONG HOA XA HOI CHU NGHIA VIET NAM) Tj ET "
               "BT /F1 12 Tf 320 765 Td (Doc lap - Tu do - Hanh phuc) Tj ET "
               "BT /F1 12 Tf 90 730 Td (S\\200:) Tj ET "
               "BT /F1 12 Tf 125 730 Td (/SCT-CN) Tj ET "
               "BT /F1 12 Tf 300 730 Td (L\\340o Cai, ng\\340y) Tj ET "
               "BT /F1 12 Tf 400 730 Td (th\\341ng 4 n\\201m 2026) Tj ET "
               "BT /F1 14 Tf 200 680 Td (KE HOACH) Tj ET");
    stamp_widget(&b, "108 725 122 742", 4, "1629");
    stamp_widget(&b, "372 725 396 742", 8, "27");
    stamp_widget(&b, "428 725 438 742", 8, "5");
    pl_test_pdf_finish(&b);
    pl_error err = {0};
    double s;
    pl_doc *d = parse("split.pdf", &b, &err, &s);
    cr_assert_not_null(d, "%s", err.message);
    const char *flat = d->text.flat;
    cr_expect_not_null(strstr(flat, "Số: 1629 /SCT-CN"), "the number's row not joined: %s", flat);
    cr_expect_not_null(strstr(flat, "ngày 27 tháng 5 năm 2026"), "the date's row not joined: %s",
                       flat);
    cr_expect_null(strstr(flat, " 4 "), "the covered month is still there: %s", flat);
    cr_expect_str_eq(d->info.number ? d->info.number : "(null)", "1629/SCT-CN");
    pl_date dt = d->info.date;
    cr_expect(dt.year == 2026 && dt.month == 5 && dt.day == 27, "date %d-%d-%d", dt.year, dt.month,
              dt.day);
    pl_doc_free(d);
    pl_test_pdf_free(&b);
}

/* ---- a scanned copy ------------------------------------------------------------ */

/* The ocr_page calls of the last parse_fixture: "NAME 1/4, NAME 2/4, ". */
static char ocr_pages_heard[1024];

static void hear_ocr_page(void *arg, const char *name, size_t done, size_t total)
{
    size_t used = strlen(ocr_pages_heard);
    snprintf(ocr_pages_heard + used, sizeof ocr_pages_heard - used, "%s %zu/%zu, ", name, done,
             total);
    (void)arg;
}

static pl_doc *parse_fixture(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/pdf/%s", PL_SOURCE_DIR, name);
    size_t n = 0;
    char *bytes = pl_test_read_file(path, &n);
    cr_assert_not_null(bytes, "cannot read %s", path);
    pl_error err = {0};
    pl_parse_options opt = {.ocr_page = hear_ocr_page};
    ocr_pages_heard[0] = '\0';
    pl_doc *d = pl_doc_parse(name, bytes, n, progs, &opt, &err);
    free(bytes);
    cr_assert_not_null(d, "%s", err.message);
    return d;
}

/* The same plan as a text-layer PDF and as a scan of its first four pages
 * (scripts/make_scanned_fixture.sh): through OCR the scan gives the same
 * header and the same targets as the text layer's first pages, each
 * flagged as read through OCR on page 4, in JSON, XML and CSV alike.
 * The caller hears of each page as its OCR starts (a progress line), and
 * of none in a text-layer PDF. */
Test(pdf, a_scan_reads_as_its_text_copy, .timeout = 600)
{
    pl_doc *text = parse_fixture("hoang-duc-commune-2023-pdf.pdf");
    cr_expect_str_empty(ocr_pages_heard);
    pl_doc *scan = parse_fixture("hoang-duc-commune-2023-scan.pdf");
    cr_expect_str_eq(ocr_pages_heard,
                     "hoang-duc-commune-2023-scan.pdf 1/4, hoang-duc-commune-2023-scan.pdf 2/4, "
                     "hoang-duc-commune-2023-scan.pdf 3/4, hoang-duc-commune-2023-scan.pdf 4/4, ");
    cr_expect_str_eq(pl_input_read_name(text->text.input), "pdf");
    cr_expect_str_eq(pl_input_read_name(scan->text.input), "ocr");
    cr_expect_str_eq(scan->info.issuer, text->info.issuer);
    cr_expect_eq(scan->info.level, text->info.level);
    cr_expect_eq(scan->info.period_start, text->info.period_start);
    cr_expect_eq(scan->info.period_end, text->info.period_end);
    cr_expect_eq(scan->info.program, text->info.program);
    cr_expect_geq(scan->ntargets, 7, "OCR gave %zu targets", scan->ntargets);
    for (size_t i = 0; i < scan->ntargets; i++) {
        const pl_target *s = &scan->targets[i];
        int found = 0;
        for (size_t k = 0; k < text->ntargets && !found; k++) {
            const pl_target *t = &text->targets[k];
            found = s->indicator == t->indicator && s->year == t->year && s->cmp == t->cmp &&
                    s->value == t->value && s->objective == t->objective;
        }
        cr_expect(found, "OCR target %zu (%s %g) is not one of the text layer's", i,
                  s->indicator ? s->indicator->id : "-", s->value);
        int ocr = 0;
        cr_expect_eq(pl_input_page(scan->text.input, s->pos.line, &ocr), 4);
        cr_expect(ocr);
    }
    pl_buf xml = PL_BUF_INIT, csv = PL_BUF_INIT;
    cr_assert_eq(pl_render_doc_xml(&xml, scan), 0);
    pl_render_csv_header(&csv);
    pl_render_doc_csv(&csv, scan);
    cr_expect_not_null(strstr(xml.data, " read=\"ocr\""), "%s", xml.data);
    cr_expect_not_null(strstr(xml.data, " ocr=\"true\" page=\"4\""), "%s", xml.data);
    cr_expect_not_null(strstr(csv.data, ",read,indicator,"), "%s", csv.data);
    cr_expect_not_null(strstr(csv.data, ",ocr,page\r\n"), "%s", csv.data);
    cr_expect_not_null(strstr(csv.data, ",true,4\r\n"), "%s", csv.data);
    pl_buf_free(&xml);
    pl_buf_free(&csv);
    /* findings in OCR'd text say so, with their page */
    pl_error err = {0};
    pl_checker *ck = pl_checker_new(progs, NULL, &err);
    cr_assert_not_null(ck, "%s", err.message);
    pl_report *r = pl_check_doc(ck, scan, &err);
    cr_assert_not_null(r, "%s", err.message);
    cr_expect_gt(r->n, 0);
    for (size_t i = 0; i < r->n; i++) {
        int ocr = 0;
        unsigned page = pl_input_page(scan->text.input, r->items[i].pos.line, &ocr);
        cr_expect(r->items[i].ocr && page >= 1 && r->items[i].page == page,
                  "finding %s at line %u: ocr %d page %u", r->items[i].rule,
                  r->items[i].pos.line, r->items[i].ocr, r->items[i].page);
    }
    pl_buf json = PL_BUF_INIT;
    pl_render_findings_json(&json, r);
    cr_expect_not_null(strstr(json.data, "\"ocr\": true"), "%s", json.data);
    pl_buf_free(&json);
    pl_report_free(r);
    pl_checker_free(ck);
    pl_doc_free(text);
    pl_doc_free(scan);
}

/* ---- hostile scans --------------------------------------------------------------- */

/* `n` pages of `w` x `h` points with nothing on them: a scan whose images
 * are all blank, as far as the reader can tell. */
static void blank_pages(pl_test_pdf *b, size_t n, int w, int h)
{
    page_tree(b, n, 3, 1);
    for (size_t i = 0; i < n; i++) {
        pl_test_pdf_obj_begin(b);
        pl_test_pdf_putf(b, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] >>", w, h);
        pl_test_pdf_obj_end(b);
    }
    pl_test_pdf_finish(b);
}

/* 10 000 pages without text: OCR looks at the first PL_OCR_MAX_PAGES (60)
 * only, finds them blank, and the file is refused in one clear line, in
 * bounded time (each page drawn is 12 Mpx at most). */
Test(pdf, ten_thousand_blank_scanned_pages_are_refused_in_bounded_time, .timeout = 600)
{
    pl_test_pdf b = {0};
    blank_pages(&b, 10000, 595, 842);
    pl_error err = {0};
    double s;
    pl_doc *d = parse("blank-scan.pdf", &b, &err, &s);
    cr_assert_null(d);
    cr_expect_eq(err.status, PL_ERR_ENCODING);
    cr_expect_str_eq(err.message, "blank-scan.pdf: PDF has no text: no text layer, and OCR read "
                                  "none on its 10000 pages (blank or unreadable)");
    cr_expect_lt(s, 300.0, "took %.1f s", s);
    pl_test_pdf_free(&b);
}

/* A page of 20 000 x 20 000 points (7 metres a side): drawn for OCR at
 * the pixel cap, not at 300 dpi (83 000 x 83 000 pixels, 7 GB). */
Test(pdf, a_twenty_thousand_point_page_is_drawn_at_the_cap, .timeout = 300)
{
    pl_test_pdf b = {0};
    blank_pages(&b, 1, 20000, 20000);
    pl_error err = {0};
    double s;
    pl_doc *d = parse("huge-page.pdf", &b, &err, &s);
    cr_assert_null(d);
    cr_expect_str_eq(err.message, "huge-page.pdf: PDF has no text: no text layer, and OCR read "
                                  "none on its 1 page (blank or unreadable)");
    cr_expect_lt(s, 120.0, "took %.1f s", s);
    pl_test_pdf_free(&b);
}

/* One A4 page that is a scan of 1 200 x 1 700 random black and white
 * pixels, from a fixed seed. */
static void noise_pdf(pl_test_pdf *b)
{
    enum { W = 1200, H = 1700 };
    page_tree(b, 1, 3, 1);
    pl_test_pdf_obj_begin(b); /* 3: the page */
    pl_test_pdf_put(b,
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    "/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
                    114);
    pl_test_pdf_obj_end(b);
    stream_obj(b, "", "q 595 0 0 842 0 0 cm /Im1 Do Q"); /* 4 */
    pl_test_pdf_obj_begin(b);                            /* 5: the image */
    pl_test_pdf_putf(
        b,
        "<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        "/BitsPerComponent 8 /Length %d >>\nstream\n",
        W, H, W * H);
    unsigned char *px = malloc((size_t)W * H);
    cr_assert_not_null(px);
    unsigned long seed = 18015;
    for (size_t i = 0; i < (size_t)W * H; i++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        px[i] = (seed >> 33) & 1 ? 0 : 255;
    }
    pl_test_pdf_put(b, px, (size_t)W * H);
    free(px);
    pl_test_pdf_put(b, "\nendstream", 10);
    pl_test_pdf_obj_end(b);
    pl_test_pdf_finish(b);
}

/* A page with nothing but noise (issue 15).  OCR is bounded per page (the child's deadline and
 * Tesseract's own), and what it reads from noise is no plan: the file is
 * refused in one clear line, or read with the OCR note and no target or
 * header number invented from the specks. */
Test(pdf, a_page_of_noise_is_bounded_and_said, .timeout = 600)
{
    pl_test_pdf b = {0};
    noise_pdf(&b);
    pl_error err = {0};
    double s;
    pl_doc *d = parse("noise.pdf", &b, &err, &s);
    cr_log_info("noise page: %.1f s: %s", s, d ? pl_doc_note(d) : err.message);
    if (d) {
        cr_expect_not_null(pl_doc_note(d), "OCR'd text without the OCR note");
        cr_expect_eq(pl_doc_target_count(d), 0, "targets invented from noise");
        pl_doc_free(d);
    } else {
        cr_expect_eq(err.status, PL_ERR_ENCODING, "%s", err.message);
        cr_expect_null(strchr(err.message, '\n'), "%s", err.message);
        cr_expect_not_null(strstr(err.message, "noise.pdf: PDF has no text"), "%s", err.message);
    }
    cr_expect_lt(s, 150.0, "took %.1f s", s);
    /* the reader (the largest child so far) stayed far below its limit */
    struct rusage ru;
    cr_assert_eq(getrusage(RUSAGE_CHILDREN, &ru), 0);
    cr_log_info("noise page: largest child %ld MB", ru.ru_maxrss / 1024);
    cr_expect_lt(ru.ru_maxrss, 1536L * 1024, "the reader took %ld kB", ru.ru_maxrss);
    pl_test_pdf_free(&b);
}

/* Without the Vietnamese model (tesseract-ocr-vie: here, a TESSDATA_PREFIX
 * that holds none) a scan is refused in one line that names the Debian
 * package to install. */
Test(pdf, a_missing_ocr_model_names_the_debian_package)
{
    pl_test_pdf b = {0};
    noise_pdf(&b);
    setenv("TESSDATA_PREFIX", "/nonexistent/tessdata", 1);
    pl_error err = {0};
    double s;
    pl_doc *d = parse("scan.pdf", &b, &err, &s);
    unsetenv("TESSDATA_PREFIX");
    cr_assert_null(d);
    cr_expect_null(strchr(err.message, '\n'), "%s", err.message);
    cr_expect_not_null(strstr(err.message, "scan.pdf: PDF needs OCR"), "%s", err.message);
    cr_expect_not_null(strstr(err.message, "apt-get install tesseract-ocr-vie"), "%s", err.message);
    pl_test_pdf_free(&b);
}

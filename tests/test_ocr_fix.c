/* test_ocr_fix.c - Tesseract's misreadings on Vietnamese documents, mended
 * only where one reading is possible (parser/read/pdf/ocr_fix.c). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ocr_fix.h"

static void expect_fixed(const char *in, const char *want)
{
    pl_buf b = PL_BUF_INIT;
    pl_ocr_fix_line(in, &b);
    pl_buf_putc(&b, '\0');
    cr_expect_str_eq(b.data, want, "\"%s\"", in);
    pl_buf_free(&b);
}

/* The misread "Số:" of scans, only at the start of a line. */
Test(ocr_fix, so_opening_a_line)
{
    expect_fixed("S6: 15/KH-UBND", "Số: 15/KH-UBND");
    expect_fixed("Sô : 15/KH-UBND", "Số: 15/KH-UBND");
    expect_fixed("Căn cứ S6: 15", "Căn cứ S6: 15");
}

/* A day read "2I", a number "1O5", a year "2O26": letters inside a word
 * of digits are the digits they look like. */
Test(ocr_fix, letters_in_a_word_of_digits)
{
    expect_fixed("Lào Cai, ngày 2I tháng 7 năm 2026", "Lào Cai, ngày 21 tháng 7 năm 2026");
    expect_fixed("Số: 1O5/QĐ-UBND", "Số: 105/QĐ-UBND");
    expect_fixed("ngày l5/3/2O26,", "ngày 15/3/2026,");
    expect_fixed("(I2)", "(12)");
}

/* Words are not numbers: a run without a real digit, or with a letter
 * right before or after it, is left as read. */
Test(ocr_fix, words_stay_words)
{
    expect_fixed("Ol lO IO", "Ol lO IO");
    expect_fixed("COVID-19 và IOT", "COVID-19 và IOT");
    expect_fixed("mẫu 2Ia", "mẫu 2Ia");
    expect_fixed("tổ l2b", "tổ l2b");
    expect_fixed("Điều lO1x", "Điều lO1x");
    expect_fixed("Ủy ban 2Ố", "Ủy ban 2Ố");
}

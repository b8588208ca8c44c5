/* ocr_fix.c - see ocr_fix.h. */
#include "ocr_fix.h"

#include <string.h>

/* ---- vocabulary: what Tesseract reads wrong on Vietnamese headers -------- */

/* "Số:" opening a line, as the vie model misreads it on scans (tone mark
 * read as a digit or another mark).  Only at a line start and before a
 * colon, where nothing else can stand. */
static const char *const SO_MISREAD[] = {"S6:", "S6 :", "Sô:", "Sô :", "S0:", "Sỏ:", "Sỗ:",
                                         "Sộ:", "Sọ:", "Sớ:", "Sé:"};

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A letter the vie model puts for a digit. */
static char digit_for(char c)
{
    switch (c) {
    case 'I':
    case 'l':
        return '1';
    case 'O':
    case 'o':
        return '0';
    default:
        return 0;
    }
}

/* A byte that continues a word: an ASCII letter or digit, or any byte of a
 * multi-byte character (Vietnamese letters are all outside ASCII). */
static int wordish(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit((char)c) || c >= 0x80;
}

/* Length of the run at s of digits and digit-like letters, if it stands
 * alone as a word and holds a real digit; 0 otherwise. */
static size_t numeric_run(const char *s, int after_word)
{
    if (after_word)
        return 0;
    size_t n = 0;
    int digits = 0;
    while (is_digit(s[n]) || digit_for(s[n])) {
        digits += is_digit(s[n]);
        n++;
    }
    if (digits == 0 || wordish((unsigned char)s[n]))
        return 0;
    return n;
}

void pl_ocr_fix_line(const char *s, pl_buf *out)
{
    for (size_t k = 0; k < sizeof SO_MISREAD / sizeof *SO_MISREAD; k++) {
        size_t n = strlen(SO_MISREAD[k]);
        if (strncmp(s, SO_MISREAD[k], n) == 0) {
            pl_buf_puts(out, "Số:");
            s += n;
            break;
        }
    }
    for (size_t i = 0; s[i];) {
        size_t n = numeric_run(s + i, i > 0 && wordish((unsigned char)s[i - 1]));
        if (n == 0) {
            pl_buf_putc(out, s[i++]);
            continue;
        }
        for (size_t k = 0; k < n; k++, i++)
            pl_buf_putc(out, is_digit(s[i]) ? s[i] : digit_for(s[i]));
    }
}

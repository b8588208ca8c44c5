/* input.c - choose the reader by content and run it (see input.h). */
#include "input.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "error.h"
#include "re.h"
#include "uni.h"

/* HTML is recognised when its markers occur this close to the start. */
#define PL_SNIFF_BYTES 1024

/* ---- names -------------------------------------------------------------- */

static const struct {
    const char *name;
    int format;
} FORMATS[] = {{"auto", PL_IN_AUTO}, {"text", PL_IN_TEXT}, {"txt", PL_IN_TEXT},
               {"html", PL_IN_HTML}, {"htm", PL_IN_HTML},   {"docx", PL_IN_DOCX}, {"odt", PL_IN_ODT},
               {"pdf", PL_IN_PDF}};

/* Names users type for each encoding (the first is the canonical one). */
static const struct {
    const char *name;
    int enc;
} ENCODINGS[] = {
    {"auto", PL_ENC_AUTO},        {"utf-8", PL_ENC_UTF8},          {"utf8", PL_ENC_UTF8},
    {"utf-16le", PL_ENC_UTF16LE}, {"utf-16", PL_ENC_UTF16LE},      {"utf16le", PL_ENC_UTF16LE},
    {"utf-16be", PL_ENC_UTF16BE}, {"utf16be", PL_ENC_UTF16BE},     {"tcvn3", PL_ENC_TCVN3},
    {"abc", PL_ENC_TCVN3},        {"vntime", PL_ENC_TCVN3},        {".vntime", PL_ENC_TCVN3},
    {"tcvn5712-1", PL_ENC_VN1},   {"vn1", PL_ENC_VN1},             {"vni", PL_ENC_VNI},
    {"vni-windows", PL_ENC_VNI},  {"vni-win", PL_ENC_VNI},         {"viscii", PL_ENC_VISCII},
    {"cp1258", PL_ENC_CP1258},    {"windows-1258", PL_ENC_CP1258}, {"mojibake", PL_ENC_MOJIBAKE}};

int pl_input_format_parse(const char *name)
{
    for (size_t i = 0; name && i < sizeof FORMATS / sizeof *FORMATS; i++)
        if (strcasecmp(name, FORMATS[i].name) == 0)
            return FORMATS[i].format;
    return -1;
}

int pl_encoding_parse(const char *name)
{
    for (size_t i = 0; name && i < sizeof ENCODINGS / sizeof *ENCODINGS; i++)
        if (strcasecmp(name, ENCODINGS[i].name) == 0)
            return ENCODINGS[i].enc;
    return -1;
}

const char *pl_encoding_name(pl_encoding enc)
{
    for (size_t i = 0; i < sizeof ENCODINGS / sizeof *ENCODINGS; i++)
        if (ENCODINGS[i].enc == (int)enc)
            return ENCODINGS[i].name;
    return "?";
}

void pl_run_input_bytes(size_t bytes)
{
    pl_re_run_bytes(bytes);
}

int pl_parse_options_check(const pl_parse_options *opt, pl_error *err)
{
    /* opt may be NULL: the defaults */
    if (opt && opt->format_in && pl_input_format_parse(opt->format_in) < 0) {
        pl_error_set(err, PL_ERR_USAGE, "planlint", NULL,
                     "unknown input format '%s' (auto, text, html, docx, odt, pdf)", opt->format_in);
        return -1;
    }
    if (opt && opt->encoding && pl_encoding_parse(opt->encoding) < 0) {
        pl_error_set(err, PL_ERR_USAGE, "planlint", NULL,
                     "unknown encoding '%s' (auto, utf-8, utf-16le, utf-16be, tcvn3, tcvn5712-1, "
                     "vni, viscii, cp1258, mojibake)",
                     opt->encoding);
        return -1;
    }
    return 0;
}

/* ---- positions ---------------------------------------------------------- */

/* Line starts: 0 and the offset after each line end (LF, CR LF, a lone
 * CR) in s[0..len), in one pass.  Most texts hold no CR: their LFs are
 * found with memchr, not a test per byte.  The array is sized for lines
 * of 40 bytes on average, grown by doubling where they are shorter and
 * given back to its size at the end (it was counted in a pass of its
 * own before, each LF found twice). */
size_t *pl_input_line_starts(const char *s, size_t len, size_t *nlines)
{
    size_t cap = 16 + len / 40, n = 1;
    size_t *ls = malloc(cap * sizeof *ls);
    if (!ls)
        return NULL;
    ls[0] = 0;
    int cr = len > 0 && memchr(s, '\r', len) != NULL;
    for (size_t i = 0; i < len; i++) {
        if (!cr) {
            const char *p = memchr(s + i, '\n', len - i);
            if (!p)
                break;
            i = (size_t)(p - s);
        } else if (!(s[i] == '\n' || (s[i] == '\r' && !(i + 1 < len && s[i + 1] == '\n')))) {
            continue;
        }
        if (n == cap && PL_ARRAY_RESERVE(ls, cap, n + 1) != 0) {
            free(ls);
            return NULL;
        }
        ls[n++] = i + 1;
    }
    if (n < cap) {
        size_t *fit = realloc(ls, n * sizeof *ls);
        if (fit)
            ls = fit;
    }
    *nlines = n;
    return ls;
}

void pl_input_src_pos(pl_input_src *src, size_t off, size_t *byte, uint32_t *line,
                      uint32_t *col)
{
    if (off > src->len)
        off = src->len;
    size_t lo = 0, hi = src->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (src->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    size_t from = src->line_starts[lo];
    uint32_t c = 1;
    if (src->last_col > 0 && src->last_line == lo && src->last_off <= off) { /* on from the last one */
        from = src->last_off;
        c = src->last_col;
    } else if (src->last_col > 0 && src->last_line == lo && src->last_off - off < off - from) {
        c = src->last_col - (uint32_t)pl_utf8_count(src->text + off, src->last_off - off);
        from = off; /* a little before the last one: counted back */
    }
    c += (uint32_t)pl_utf8_count(src->text + from, off - from);
    src->last_line = lo;
    src->last_off = off;
    src->last_col = c;
    *line = (uint32_t)(lo + 1);
    *col = c;
    *byte = pl_omap_lookup(&src->map, off);
}

int pl_input_soft_break(pl_input_info *info, size_t off)
{
    if (info->nsoft > 0 && info->soft_breaks[info->nsoft - 1] >= off)
        return 0; /* kept ascending: a reader that rewinds drops the mark */
    if (PL_ARRAY_RESERVE(info->soft_breaks, info->capsoft, info->nsoft + 1) != 0)
        return -1;
    info->soft_breaks[info->nsoft++] = off;
    return 0;
}

unsigned pl_input_page(const pl_input_info *info, unsigned line, int *ocr)
{
    if (ocr)
        *ocr = 0;
    if (!info || !info->npages || !info->page_line || line == 0)
        return 0;
    size_t lo = 0, hi = info->npages; /* the last page starting at or before the line */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (info->page_line[mid] <= (size_t)line - 1)
            lo = mid;
        else
            hi = mid;
    }
    if (ocr && info->page_ocr)
        *ocr = info->page_ocr[lo];
    return (unsigned)(lo + 1);
}

const char *pl_input_read_name(const pl_input_info *info)
{
    if (!info)
        return "text";
    for (size_t q = 0; info->page_ocr && q < info->npages; q++)
        if (info->page_ocr[q])
            return "ocr";
    switch (info->format) {
    case PL_IN_HTML: return "html";
    case PL_IN_DOCX: return "docx";
    case PL_IN_ODT: return "odt";
    case PL_IN_PDF: return "pdf";
    default: return "text";
    }
}

int pl_input_keep_positions(const char *name, pl_buf *pos, pl_input_info *info, pl_error *err)
{
    pl_input_src *src = pos->failed ? NULL : calloc(1, sizeof *src);
    if (src) {
        info->src = src; /* freed with info */
        src->text = pl_buf_detach(pos, &src->len);
    }
    if (!src || !src->text ||
        !(src->line_starts = pl_input_line_starts(src->text, src->len, &src->nlines))) {
        pl_buf_free(pos);
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return -1;
    }
    return 0;
}

void pl_input_info_free(pl_input_info *info)
{
    if (!info)
        return;
    free(info->note);
    free(info->soft_breaks);
    free(info->page_line);
    free(info->page_ocr);
    if (info->src) {
        free(info->src->text);
        free(info->src->line_starts);
        pl_omap_free(&info->src->map);
        free(info->src);
    }
    free(info);
}

/* ---- choosing the reader ---------------------------------------------------- */

static int has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), k = strlen(ext);
    return n > k && strcasecmp(name + n - k, ext) == 0;
}

/* Case-insensitive search in the first PL_SNIFF_BYTES. */
static int near_start(const unsigned char *b, size_t n, const char *what)
{
    size_t k = strlen(what), m = n < PL_SNIFF_BYTES ? n : PL_SNIFF_BYTES;
    /* strncasecmp only where the first byte agrees (as it compares it):
     * a call at every byte of every plan's start showed in profiles */
    int first = tolower((unsigned char)what[0]);
    for (size_t i = 0; i + k <= m; i++)
        if (tolower(b[i]) == first && strncasecmp((const char *)b + i, what, k) == 0)
            return 1;
    return 0;
}

static int looks_html(const char *name, const unsigned char *b, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
        i++;
    if (i >= n || b[i] != '<')
        return 0; /* markup starts with a tag; a text that quotes "<html" does not */
    if (near_start(b, n, "<!doctype html") || near_start(b, n, "<html"))
        return 1;
    /* a fragment saved as .html: trust the name once the content is markup */
    return has_ext(name, ".html") || has_ext(name, ".htm") || has_ext(name, ".xhtml");
}

/* An OpenDocument text: its first zip member is "mimetype", stored, and
 * says so (ODF 1.2 part 3, 3.3).  A package without that is read as DOCX,
 * whose reader turns to ODT when it finds content.xml and no Word part. */
static int is_odt(const unsigned char *b, size_t n)
{
    static const char MIME[] = "mimetypeapplication/vnd.oasis.opendocument.text";
    return n >= 30 + sizeof MIME - 1 && memcmp(b + 30, MIME, sizeof MIME - 1) == 0;
}

static pl_input_format sniff(const char *name, const unsigned char *b, size_t n)
{
    if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
        return is_odt(b, n) ? PL_IN_ODT : PL_IN_DOCX;
    if (near_start(b, n, "%PDF-"))
        return PL_IN_PDF;
    if (looks_html(name, b, n))
        return PL_IN_HTML;
    return PL_IN_TEXT;
}

/* Files that are recognisably something planlint cannot read: one clear
 * line instead of a page of "invalid UTF-8". */
static int refuse_known(const char *name, const unsigned char *b, size_t n, pl_error *err)
{
    if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        pl_error_set(err, PL_ERR_ENCODING, name, NULL,
                     "a Word 97-2003 (.doc) file or a password-protected Office file: "
                     "save it as .docx without a password");
        return -1;
    }
    if (n >= 4 && (memcmp(b, "PK\x05\x06", 4) == 0 || memcmp(b, "PK\x07\x08", 4) == 0)) {
        pl_error_set(err, PL_ERR_ENCODING, name, NULL, "an empty or split zip archive, not a DOCX or ODT file");
        return -1;
    }
    if (n >= 5 && memcmp(b, "{\\rtf", 5) == 0) {
        pl_error_set(err, PL_ERR_ENCODING, name, NULL, "an RTF file: save it as .docx");
        return -1;
    }
    return 0;
}

/* Whether a decoded text holds nothing but blanks (spaces, tabs, line
 * ends): a text file as an editor saves it empty (a newline, CRLFs, a BOM,
 * in UTF-8 or UTF-16).  Stops at the first other byte, so a plan costs a
 * byte or two. */
static int only_blank(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return i == n;
}

/* Whether the bytes hold nothing but blanks after a UTF-8 or UTF-16 BOM (a
 * file saved empty) when a reader other than the text reader is forced
 * (--format-in html, docx, odt, pdf): the same empty file as for the text
 * reader, which asks its decoded text instead, never an empty page or a
 * broken archive.  Sniffing never sends such bytes to another reader. */
static int raw_blank(const unsigned char *b, size_t n)
{
    size_t i = 0, step = 1, lo = 0;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
        i = 3;
    } else if (n >= 2 && n % 2 == 0 &&
               ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        i = 2; /* UTF-16: a blank unit is the blank byte and a zero, LE or BE */
        step = 2;
        lo = b[0] == 0xFE;
    }
    while (i < n && only_blank((const char *)b + i + lo, 1) && (step == 1 || b[i + 1 - lo] == 0))
        i += step;
    return i == n;
}

/* ---- entry point ------------------------------------------------------------- */

/* pl_input_decode, and pl_input_decode_take when take is not NULL (*take
 * is bytes, which it may take over). */
static int decode(const char *name, const unsigned char *bytes, size_t len, unsigned char **take,
                  const pl_parse_options *opt, char **out, size_t *out_len, pl_omap *map,
                  pl_input_info **info, pl_error *err)
{
    *out = NULL;
    *info = NULL;
    if (pl_parse_options_check(opt, err) != 0)
        return -1;
    int fmt = opt && opt->format_in ? pl_input_format_parse(opt->format_in) : PL_IN_AUTO;
    int enc = opt && opt->encoding ? pl_encoding_parse(opt->encoding) : PL_ENC_AUTO;
    if (fmt == PL_IN_AUTO) {
        if (refuse_known(name, bytes, len, err) != 0)
            return -1;
        fmt = sniff(name, bytes, len);
    }
    if (fmt != PL_IN_TEXT && len > 0 && raw_blank(bytes, len)) {
        pl_error_set(err, PL_ERR_ENCODING, name, NULL, "no text: only blank lines (%zu bytes)", len);
        return -1;
    }
    pl_input_info *in = calloc(1, sizeof *in);
    if (!in) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return -1;
    }
    in->format = (pl_input_format)fmt;
    in->encoding = (pl_encoding)enc;
    pl_buf text = PL_BUF_INIT, note = PL_BUF_INIT;
    const unsigned char *as_is = NULL; /* the text is bytes[as_is - bytes .. len) */
    int rc;
    switch (fmt) {
    case PL_IN_HTML:
        rc = pl_input_html(name, bytes, len, in->encoding, &text, map, in, &note, err);
        break;
    case PL_IN_DOCX: rc = pl_input_docx(name, bytes, len, &text, in, &note, err); break;
    case PL_IN_ODT: rc = pl_input_odt(name, bytes, len, &text, in, &note, err); break;
    case PL_IN_PDF: rc = pl_input_pdf(name, bytes, len, opt, &text, map, in, &note, err); break;
    default:
        rc = pl_input_text(name, bytes, len, in->encoding, &text, map, &in->encoding, &in->nfc,
                           take ? &as_is : NULL, &note, err);
        break;
    }
    if (rc == 0 && (text.failed || note.failed || map->failed)) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        rc = -1;
    }
    /* a text of blank lines is an empty file, said (not read as a plan
     * without targets); 0 bytes in memory stay an empty plan (planlint.h) */
    size_t as_is_len = as_is ? len - (size_t)(as_is - bytes) : 0;
    if (rc == 0 && fmt == PL_IN_TEXT && len > 0 &&
        (as_is ? only_blank((const char *)as_is, as_is_len) : only_blank(text.data, text.len))) {
        pl_error_set(err, PL_ERR_ENCODING, name, NULL, "no text: only blank lines (%zu bytes)", len);
        rc = -1;
    }
    if (rc == 0 && note.len > 0)
        in->note = pl_buf_detach(&note, NULL);
    if (rc == 0 && as_is) {
        /* the input's own buffer is the text: its BOM moved out, with
         * the NUL after it (a C string, as pl_buf_detach's) */
        unsigned char *b = *take;
        if (as_is != b)
            memmove(b, as_is, as_is_len + 1);
        *take = NULL;
        *out = (char *)b;
        if (out_len)
            *out_len = as_is_len;
    } else if (rc == 0) {
        *out = pl_buf_detach(&text, out_len);
    }
    if (rc == 0 && !*out) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        rc = -1;
    }
    pl_buf_free(&text);
    pl_buf_free(&note);
    if (rc != 0) {
        pl_input_info_free(in);
        pl_omap_free(map);
        return -1;
    }
    *info = in;
    return 0;
}

int pl_input_decode(const char *name, const unsigned char *bytes, size_t len,
                    const pl_parse_options *opt, char **out, size_t *out_len, pl_omap *map,
                    pl_input_info **info, pl_error *err)
{
    return decode(name, bytes, len, NULL, opt, out, out_len, map, info, err);
}

int pl_input_decode_take(const char *name, unsigned char **bytes, size_t len,
                         const pl_parse_options *opt, char **out, size_t *out_len, pl_omap *map,
                         pl_input_info **info, pl_error *err)
{
    return decode(name, *bytes, len, bytes, opt, out, out_len, map, info, err);
}

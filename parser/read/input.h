/* input.h - the first stage of the pipeline: bytes as published -> UTF-8.
 *
 * Plans arrive as plain text (UTF-8, UTF-16, or a legacy Vietnamese
 * encoding), HTML pages, Word files and PDFs.  pl_input_decode looks at the
 * content (not the file name) to choose the reader, and every reader
 * produces the same thing: UTF-8 text whose lines the rest of the pipeline
 * treats like those of a text file, plus a map from that text back to a
 * position the user can find.
 *
 *   format   text: chosen by                   positions (pl_pos)
 *   -------  --------------------------------  ------------------------------
 *   text     no other magic; UTF-8 first,      byte: offset in the file;
 *            UTF-16 by BOM, legacy encodings   line, column: in the decoded
 *            by trial decoding (input_legacy)  text (columns are characters)
 *   html     "<!DOCTYPE html" / "<html" near   byte, line, column: in the HTML
 *            the start (or an .htm(l) name     source where the text appears
 *            with markup); input_html.c        verbatim; else the start of the
 *                                              source line libxml2 reports
 *   docx     "PK\3\4" + word/document.xml;     line = paragraph number (w:p,
 *            input_docx.c                      in order, table cells included),
 *                                              column = character in it;
 *                                              byte = offset in the text
 *   pdf      "%PDF-" in the first KiB;         line = line of the extracted
 *            input_pdf.c                       text (pages in order), column =
 *                                              character; byte = offset in it
 *
 * The chosen format, the encoding and a note for the user (an encoding
 * guessed with a close runner-up, repaired mojibake, pages without text)
 * are kept in pl_input_info; the library prints nothing, the CLI prints the
 * note (pl_doc_note).
 */
#ifndef PL_INPUT_H
#define PL_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "omap.h"
#include "planlint.h"

typedef enum pl_input_format {
    PL_IN_AUTO = 0,
    PL_IN_TEXT,
    PL_IN_HTML,
    PL_IN_DOCX,
    PL_IN_PDF,
    PL_IN_ODT
} pl_input_format;

/* Encodings of plain text (and of HTML given with --encoding). */
typedef enum pl_encoding {
    PL_ENC_AUTO = 0,
    PL_ENC_UTF8,
    PL_ENC_UTF16LE,
    PL_ENC_UTF16BE,
    PL_ENC_TCVN3,    /* ABC / .VnTime practice: glibc TCVN5712-1 above 0xA0, cp1252 below */
    PL_ENC_VN1,      /* glibc TCVN5712-1 as is (toned capitals in C0 and 0x80-0x9F) */
    PL_ENC_VNI,      /* VNI-Windows: base letter + diacritic byte */
    PL_ENC_VISCII,
    PL_ENC_CP1258,
    PL_ENC_MOJIBAKE, /* UTF-8 that was read as Windows-1252 and saved again */
    PL_ENC_COUNT
} pl_encoding;

/* Where line and column are counted when it is not in the extracted text
 * itself (HTML: the markup; DOCX: the text with paragraph-internal breaks
 * turned into spaces, so that line N is paragraph N). */
typedef struct pl_input_src {
    char *text;
    size_t len;
    size_t *line_starts;
    size_t nlines;
    pl_omap map; /* text -> input bytes (empty = identity) */
    /* The last position counted, so that positions asked in order along
     * one long line (a minified page, a Word paragraph of a megabyte) cost
     * the distance from the previous one, not from the line start: the
     * text path's pl_colcache, for the reader's own lines. */
    size_t last_line, last_off;
    uint32_t last_col; /* 0: none yet (a calloc'ed src starts empty) */
} pl_input_src;

typedef struct pl_input_info {
    pl_input_format format;
    pl_encoding encoding; /* of the text or the HTML source; AUTO for DOCX/PDF */
    char *note;           /* one line for the user, or NULL */
    pl_input_src *src;    /* NULL: positions are counted in the extracted text */
    /* Paragraphs the reader knows (HTML blocks, DOCX w:p, ODT text:p): each
     * line end of the text is a paragraph end, except the line breaks
     * inside a paragraph (w:br, <br>, text:line-break, <pre> lines) whose
     * '\n' offsets in the text are listed, ascending, in soft_breaks; the
     * text stage joins only those by the wrapping rules.  0 for plain text
     * and PDF, whose lines are all joined by the rules (text.c). */
    int paragraphs;
    /* The text is NFC with LF line ends already (plain UTF-8 text, found
     * by the validation: pl_input_text): the NFC stage takes it as it is. */
    int nfc;
    size_t *soft_breaks;
    size_t nsoft, capsoft;
    /* PDF: the line of info->src (0-based) where each page starts, and
     * which pages were read through OCR (NULL for other formats). */
    size_t npages;
    size_t *page_line;
    unsigned char *page_ocr;
} pl_input_info;

/* Record a line break inside a paragraph at text offset `off` (the '\n'
 * a reader is about to write).  0, or -1 when out of memory. */
int pl_input_soft_break(pl_input_info *info, size_t off);

/* Largest text any reader produces (after decompression or extraction):
 * the same cap as a plain-text input, so a small DOCX or PDF cannot grow
 * into more text than planlint would accept from a file. */
#define PL_INPUT_MAX_TEXT PL_DEFAULT_MAX_BYTES

/* Decode bytes[0..len) as published.  On success *out holds the UTF-8
 * text (NUL-terminated; *out_len without the NUL; caller frees), `map` maps
 * it to positions as in the table above, and *info is filled (caller frees
 * with pl_input_info_free).  Returns 0, or -1 with err filled: one line
 * naming `name` (and the byte offset where it applies), status
 * PL_ERR_ENCODING, PL_ERR_IO, PL_ERR_TOO_LARGE, PL_ERR_USAGE (unknown
 * format or encoding name) or PL_ERR_NOMEM. */
int pl_input_decode(const char *name, const unsigned char *bytes, size_t len,
                    const pl_parse_options *opt, char **out, size_t *out_len, pl_omap *map,
                    pl_input_info **info, pl_error *err);
/* The same on *bytes (malloc'd, (*bytes)[len] == 0), which it may take
 * over: where the text is the input's UTF-8 as it is (most plain text
 * plans), *out is that buffer (its BOM moved out) and *bytes becomes NULL,
 * so that the input is not copied; otherwise *bytes is left as it was. */
int pl_input_decode_take(const char *name, unsigned char **bytes, size_t len,
                         const pl_parse_options *opt, char **out, size_t *out_len, pl_omap *map,
                         pl_input_info **info, pl_error *err);
void pl_input_info_free(pl_input_info *info);

/* The page (1-based) of a position's line (1-based) in a PDF, and whether
 * that page was read through OCR; 0 when the input has no pages. */
unsigned pl_input_page(const pl_input_info *info, unsigned line, int *ocr);
/* How the text was obtained, for `document.read`: "text", "html", "docx",
 * "pdf", or "ocr" when any page was read through OCR. */
const char *pl_input_read_name(const pl_input_info *info);

/* Line and column of `src_off` in info->src (byte from its map). */
void pl_input_src_pos(pl_input_src *src, size_t src_off, size_t *byte, uint32_t *line,
                      uint32_t *col);

/* Names: "text", "html", "docx", "pdf" (and "auto"); "utf-8", "tcvn3", ...
 * (see pl_encoding_parse in input.c).  -1 when unknown. */
int pl_input_format_parse(const char *name);
int pl_encoding_parse(const char *name);
const char *pl_encoding_name(pl_encoding enc);

/* Line starts of s[0..len) (CR LF, CR, LF end lines).  NULL on failure. */
size_t *pl_input_line_starts(const char *s, size_t len, size_t *nlines);

/* Make `pos` (the reader's text with soft breaks as spaces, so that line
 * N is paragraph N) info->src: DOCX and ODT positions.  0, or -1 with err
 * filled (out of memory); pos is emptied either way. */
int pl_input_keep_positions(const char *name, pl_buf *pos, pl_input_info *info, pl_error *err);

/* ---- the readers (one file each) ---------------------------------------- */

/* input_legacy.c: plain text in any supported encoding -> UTF-8 + map to
 * bytes.  `enc` AUTO detects.  *used receives the encoding read; a note
 * (encoding guessed, mojibake repaired) is appended to `note`.  *nfc (nfc
 * may be NULL) is set to 1 when the text is the input's UTF-8 as it is
 * and already NFC with LF line ends (pl_utf8_validate_nfc), else 0.
 * as_is (may be NULL): where the text is the input's UTF-8 as it is, *as_is
 * is set to where it starts in b (after a BOM) and nothing is written to
 * `out` (the text is b[*as_is - b .. n)); otherwise it is left NULL. */
int pl_input_text(const char *name, const unsigned char *b, size_t n, pl_encoding enc,
                  pl_buf *out, pl_omap *map, pl_encoding *used, int *nfc,
                  const unsigned char **as_is, pl_buf *note, pl_error *err);

/* How much of a UTF-8 text reads as Vietnamese (the syllable test of the
 * encoding detector): words of letters, those with a letter outside ASCII,
 * and of these the valid syllables.  A PDF text layer whose fonts lost
 * their Unicode map fails it ("6ӕ 1105.+Ĉ.7"), so does an OCR layer that
 * lost every tone mark. */
void pl_vn_measure(const char *s, size_t n, size_t *words, size_t *accented, size_t *valid);

/* input_html.c */
int pl_input_html(const char *name, const unsigned char *b, size_t n, pl_encoding enc,
                  pl_buf *out, pl_omap *map, pl_input_info *info, pl_buf *note, pl_error *err);

/* input_docx.c */
int pl_input_docx(const char *name, const unsigned char *b, size_t n, pl_buf *out,
                  pl_input_info *info, pl_buf *note, pl_error *err);

/* input_odt.c */
int pl_input_odt(const char *name, const unsigned char *b, size_t n, pl_buf *out,
                 pl_input_info *info, pl_buf *note, pl_error *err);

/* input_pdf.c (opt: its ocr_page callback, NULL: none) */
int pl_input_pdf(const char *name, const unsigned char *b, size_t n,
                 const pl_parse_options *opt, pl_buf *out, pl_omap *map, pl_input_info *info,
                 pl_buf *note, pl_error *err);

#endif

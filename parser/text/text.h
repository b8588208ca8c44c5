/* text.h - the text pipeline: bytes -> UTF-8 -> NFC -> lines -> flat -> key.
 *
 *   bytes  the input exactly as given (owned copy), kept for a DOCX only
 *          (check -f docx writes it back); NULL after decoding otherwise
 *   utf8   decoded text; for UTF-8 input the bytes without a BOM.  Line and
 *          column numbers are counted here (a column is a code point).
 *   nfc    NFC, every line end turned into LF.  Line i of nfc is line i of
 *          the input, so line numbers need no map.
 *   flat   the running text: artefact lines dropped (page numbers, lone
 *          footnote digits, form feeds, signature stamps), wrapped lines
 *          joined into paragraphs with one space, whitespace folded,
 *          '*' emphasis removed, '|' cells split.  Paragraphs are separated
 *          by '\n'.  Case and accents kept: it is what output quotes.
 *   key    flat in matching form: lower case, one tone style (old style:
 *          "hòa", "thủy", "khỏe"), so patterns are written once.
 *
 * Each derived text carries a pl_omap back to the previous stage; pl_text_pos_*
 * compose them so that every position reported points at the input bytes.
 */
#ifndef PL_TEXT_H
#define PL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"
#include "omap.h"
#include "planlint.h"

typedef enum pl_line_kind {
    PL_LINE_TEXT = 0,
    PL_LINE_BLANK,
    PL_LINE_PAGENO,    /* a page number or a lone footnote digit */
    PL_LINE_SIGNATURE, /* digital-signature stamp: e-mail, ISO timestamp */
    PL_LINE_RULE       /* "-------" under a header, a lone "°" */
} pl_line_kind;

typedef struct pl_line {
    size_t off, len;  /* in nfc, without the LF */
    pl_line_kind kind;
    size_t indent;    /* leading spaces/tabs (bytes) */
} pl_line;

typedef enum pl_para_kind {
    PL_PARA_TEXT = 0,
    PL_PARA_HEADING,  /* "II. MỤC TIÊU", "1. Mục đích", "a) ...", "Mục tiêu 1:" */
    PL_PARA_BULLET    /* "- ...", "+ ...", "• ..." */
} pl_para_kind;

typedef struct pl_para {
    size_t flat_start, flat_end; /* in flat (end exclusive, no '\n') */
    size_t key_start, key_end;   /* in key */
    size_t first_line, last_line; /* 0-based input line indices */
    pl_para_kind kind;
    char label[24];      /* "II", "1", "1.2", "a", "-", "+", "Mục tiêu 1" ... */
    int style;           /* numbering style, see structure.c */
    long number;         /* the marker's ordinal (pl_marker.number) */
    int objective;       /* N of "Mục tiêu N", else 0 (pl_marker.objective) */
    size_t body;         /* offset in flat where the text after the label starts */
    int section;         /* index of the innermost section node, -1 if none */
    int marked;          /* the text stage read the marker of the paragraph's
                          * first line (joining lines asks it) and it holds
                          * for the paragraph: kind, label, style, number,
                          * objective and body are set (structure.c reads
                          * the others) */
} pl_para;


/* Last position computed, so that positions reported in order along one
 * very long line cost the distance from the previous one, not from the
 * line start (a 10 MB single line with thousands of findings). */
typedef struct pl_colcache {
    size_t line;    /* 0-based line index, SIZE_MAX when empty */
    size_t off;     /* utf8 offset on that line */
    uint32_t col;   /* its column */
} pl_colcache;

/* What the key pass learns of the words (text.c, stage 5), for the word
 * checks: the words of each tone style (1 old "hòa", 2 new "hoà"; flat
 * offsets of the first), and the places where the same one to
 * PL_REPEAT_MAX_WORDS words come twice in a row, only spaces between, in
 * one paragraph (key[a..b), in text order). */
#define PL_REPEAT_MAX_WORDS 3
typedef struct pl_style_count {
    size_t count;
    size_t first, first_end;
} pl_style_count;

typedef struct pl_repeat {
    size_t a, b;
} pl_repeat;

typedef struct pl_text {
    char *name;
    unsigned char *bytes; size_t nbytes;
    char *utf8; size_t utf8_len;   /* owned */
    pl_omap utf8_map;              /* utf8 -> bytes */
    size_t *line_starts; size_t nlines; /* line starts in utf8 */
    char *nfc; size_t nfc_len;
    pl_omap nfc_map;               /* nfc -> utf8 */
    pl_line *lines;                /* nlines entries, over nfc */
    char *flat; size_t flat_len;
    pl_omap flat_map;              /* flat -> nfc */
    char *key; size_t key_len;
    pl_omap key_map;               /* key -> flat */
    pl_para *paras; size_t nparas;
    pl_style_count styles[3];      /* [1] old style, [2] new; [0] unused */
    pl_repeat *repeats; size_t nrepeats, repeats_cap;
    struct pl_input_info *input;   /* what decode() read: format, encoding, note,
                                      where positions are counted (input.h) */
    pl_colcache *colcache;         /* owned; mutable behind const pl_text * */
} pl_text;

/* Run the pipeline on a copy of bytes[0..len).  Returns 0, or -1 with err
 * filled ("NAME: invalid UTF-8 at byte N (line L, column C)"). */
int pl_text_init(pl_text *t, const char *name, const void *bytes, size_t len, pl_error *err);
/* The same with parse options (input format and encoding; NULL = auto). */
int pl_text_init_opt(pl_text *t, const char *name, const void *bytes, size_t len,
                     const pl_parse_options *opt, pl_error *err);
/* The same on bytes[0..len) that the text takes over (malloc'd, with
 * bytes[len] == 0): no copy of the input is made.  bytes is freed with
 * the text, or at once when this fails. */
int pl_text_init_take(pl_text *t, const char *name, unsigned char *bytes, size_t len,
                      const pl_parse_options *opt, pl_error *err);
void pl_text_free(pl_text *t);

/* Position of a utf8 offset: for text, line and column in the decoded
 * text and the byte in the input; for HTML, DOCX and PDF see input.h. */
pl_pos pl_text_pos_utf8(const pl_text *t, size_t utf8_off);
pl_pos pl_text_pos_nfc(const pl_text *t, size_t nfc_off);
pl_pos pl_text_pos_flat(const pl_text *t, size_t flat_off);
pl_pos pl_text_pos_key(const pl_text *t, size_t key_off);
/* End (exclusive) of the text nfc[a..b) or flat[a..b): the position just
 * past its last character in the input as given, so that [start, end) is
 * what a finding about those words covers.  b <= a gives the position of a. */
pl_pos pl_text_end_nfc(const pl_text *t, size_t a, size_t b);
pl_pos pl_text_end_flat(const pl_text *t, size_t a, size_t b);
size_t pl_text_key_to_flat(const pl_text *t, size_t key_off);
/* flat offset -> key offset (first key byte at or after it). */
size_t pl_text_flat_to_key(const pl_text *t, size_t flat_off);
/* The flat offset of NFC offset nfc_off (the first at or after it). */
size_t pl_text_nfc_to_flat(const pl_text *t, size_t nfc_off);

/* Index of the paragraph containing flat offset `off` (or the last one
 * before it); -1 when there are none. */
long pl_text_para_at(const pl_text *t, size_t flat_off);

/* The one sentence scanner of the document analysis (header, citations,
 * targets): does the '.', '!' or '?' at flat[dot] end a sentence?  It does
 * when a space and a capital or a digit follow, unless the stop closes a
 * short abbreviation in capitals ("TP. Lạng Sơn", "Q. 1"); a short number
 * ("khoản 2. Tiếp", "xuống 0%. Phấn đấu") still ends one.  para_start: where the paragraph
 * starts in flat (the word before the stop is not read past it). */
int pl_text_sentence_end_at(const pl_text *t, size_t dot, size_t para_start);
/* The readers ask it of every byte of a paragraph: a byte that is no
 * stop is answered inline. */
static inline int pl_text_sentence_end(const pl_text *t, size_t dot, size_t para_start)
{
    char c = t->flat[dot];
    if (c != '.' && c != '!' && c != '?')
        return 0;
    return pl_text_sentence_end_at(t, dot, para_start);
}

/* The key form of a phrase of one line, s[0..n) UTF-8, as the key of a
 * text holding just that phrase: NFC, blanks folded to one space and
 * trimmed, lower case, old tone style.  It reads no markers and makes no
 * paragraphs, so the vocabulary loader can fold the words the markers
 * read (vocab.c).  malloc'ed, *key_len its length; NULL when out of
 * memory or s is not UTF-8. */
char *pl_text_key_of(const char *s, size_t n, size_t *key_len);


#endif

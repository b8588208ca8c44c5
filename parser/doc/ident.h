/* ident.h - is this the same document?  A document is known by its number
 * and its issuer; every module that compares them asks here, so that a
 * citation, a programme's decision and a plan in --plans agree. */
#ifndef PL_IDENT_H
#define PL_IDENT_H

#include <stddef.h>

#include "vocab.h"

/* ---- the shape of a document number (the regex skeleton, key text) ----
 * One definition for the header's "Số:" line, the sentence that names the
 * plan and the citations (Nghị định 30/2020, Phụ lục I II.3: the number,
 * the year for a legal document, the ký hiệu of type and issuer):
 *   "98/KH-UBND", "Số: 12/2021/QĐ-TTg", "20a/KH-THTM", "66.19/2026/NQ-CP",
 *   a doubled slash as printed "24/2026//NQ-CP";
 *   the ký hiệu's parts joined by '-' or '/' ("01/2004/TTLT/BVHTT-BYT"),
 *   on the header's line also spaced, never across a line end
 *   ("67 /TTr - UBND");
 *   the Party's and the Youth Union's form, the type after a hyphen
 *   ("05-CT/TW", "445-KL/TƯ", "225 - KH/TWĐTN-CTTN").
 * The digits are ASCII (a number is read with strtol).  A letter of a ký
 * hiệu: Latin, Đ, Ư ("TƯ"), '&' ("GD&ĐT"), and the Cyrillic letters an OCR
 * layer reads for their Latin twins ("ВСТ" for "BCT", pl_number_latin);
 * a part after the first may open with digits ("04/QĐ-1CAR").
 * Each part of the ký hiệu ends a word. */
#define PL_NUM_HSPACE "[^\\S\\n]*"
/* the number in a sentence: "66.4/2025/NQ-CP" */
#define PL_NUM_SERIAL "[0-9]{1,5}(?:\\.[0-9]{1,5})*"
/* the number on the header's "Số:" line, where no unit can follow it:
 * also "20a/KH-THTM" (in a sentence, "1m/s" is a unit) */
#define PL_NUM_SERIAL_LINE "[0-9]{1,5}[a-zđ]?(?:\\.[0-9]{1,5})*"
#define PL_NUM_YEAR "(?:\\s*/+\\s*[0-9]{4})?"
#define PL_NUM_SYM_CHAR                                                                            \
    "[a-zđư&\\x{430}\\x{432}\\x{435}\\x{43a}\\x{43c}\\x{43d}\\x{43e}\\x{440}\\x{441}\\x{442}"    \
    "\\x{443}\\x{445}]"
#define PL_NUM_SYM_PART PL_NUM_SYM_CHAR "(?:" PL_NUM_SYM_CHAR "|[0-9])*+(?![\\p{L}\\d])"
/* a later part may open with digits when letters follow, a company's
 * name that is a code ("04/QĐ-1CAR"); digits alone are no part ("-2021") */
#define PL_NUM_SYM_NEXT "[0-9]*+" PL_NUM_SYM_PART
/* the ký hiệu after the number's '/' (or the Party form's '-'), its parts
 * joined by `join` */
#define PL_NUM_SYMBOL_JOINED(join) PL_NUM_SYM_PART "(?:" join PL_NUM_SYM_NEXT ")*"
/* in a sentence the joins are tight: "12/QĐ-UBND - theo đó" is not one
 * ký hiệu; on the header's line they may be spaced ("67 /TTr - UBND") */
#define PL_NUM_SYMBOL PL_NUM_SYMBOL_JOINED("[-/]")
#define PL_NUM_SYMBOL_LINE PL_NUM_SYMBOL_JOINED(PL_NUM_HSPACE "[-/]" PL_NUM_HSPACE)
/* the Party form's hyphen between the number and the type: "225 - KH/" */
#define PL_NUM_PARTY_DASH PL_NUM_HSPACE "-" PL_NUM_HSPACE "(?=" PL_NUM_SYM_CHAR "+/)"
/* a whole number in a sentence, no groups */
#define PL_DOC_NUMBER                                                                              \
    PL_NUM_SERIAL "(?:" PL_NUM_YEAR "\\s*/+\\s*|" PL_NUM_PARTY_DASH ")" PL_NUM_SYMBOL

/* The date pattern, key text: "ngày 14/4/2017", "ngày 27 tháng 5 năm
 * 2021"; groups 1-4 the numeric form (day, separator, month, year), 5-7
 * the written one (day, month, year).  Its words are the lists day-words,
 * month-words and year-words (data/vocab/documents.xml).
 *   PL_DATE_SENTENCE: a whole date, as a citation writes it;
 *   PL_DATE_HEADER: a header's place-date line, whose written day and
 *     month a draft leaves blank, and whose words an OCR layer may misread
 *     (the lists *-word-misreads), taken only in the written shape.
 * Built once from the data; the string lives as long as the program. */
enum { PL_DATE_SENTENCE, PL_DATE_HEADER };
const char *pl_doc_date_pattern(int form);

/* The Latin letter whose Cyrillic twin starts s[i..] ("В" -> "B"), its
 * length in *len; NULL when s[i] is none. */
const char *pl_number_twin_at(const char *s, size_t i, size_t *len);
/* s with its Cyrillic twins written in Latin, in place (it only shrinks). */
void pl_number_latin(char *s);

/* Whether two document numbers are the same ("782/QĐ-TTg" vs
 * "782/qđ-ttg ", "24/2026//NQ-CP" vs "24/2026/NQ-CP"): case, accents,
 * spaces and a doubled '/' ignored.  NULL is never the same. */
int pl_same_number(const char *a, const char *b);
/* Whether two issuers name the same body ("Ủy ban nhân dân tỉnh X" vs
 * "UBND tỉnh X"), or one name contains the other ("UBND tỉnh" in a
 * citation that omits the province it means). */
int pl_same_issuer(const char *a, const char *b);

/* ---- document types (vocabulary list "document-types") ----
 * Key offsets: the type words and ký hiệu are matched in key text. */

/* The type named exactly by key[a..b) ("kế hoạch"), or NULL. */
const pl_vocab_entry *pl_doctype_named(const char *key, size_t a, size_t b);
/* The longest type name that key[a..b) starts with as whole words
 * ("biên bản kiểm tra" -> Biên bản), or NULL; *after: the offset after it. */
const pl_vocab_entry *pl_doctype_starting(const char *key, size_t a, size_t b, size_t *after);
/* The type whose abbreviation is key[a..b) as a ký hiệu writes it ("kh",
 * "qđ"), or NULL: a công văn's ký hiệu names its issuer instead. */
const pl_vocab_entry *pl_doctype_by_symbol(const char *key, size_t a, size_t b);
/* The official abbreviation, which labels a citation ("KH", "CV", "Luật"). */
const char *pl_doctype_abbr(const pl_vocab_entry *type);
/* The document's kind when its header names this type: the abbreviation,
 * or NULL for a type whose number names no type (công văn, luật). */
const char *pl_doctype_kind(const pl_vocab_entry *type);
/* The type names as a regex alternation, longest first. */
const char *pl_doctype_words(void);

#endif

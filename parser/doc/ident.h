/* ident.h - is this the same document?  A document is known by its number
 * and its issuer; every module that compares them asks here, so that a
 * citation, a programme's decision and a plan in --plans agree. */
#ifndef PL_IDENT_H
#define PL_IDENT_H

#include <stddef.h>

#include "vocab.h"

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

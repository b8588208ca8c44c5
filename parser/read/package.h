/* package.h - the parts of a zip package (DOCX, ODT), read with the
 * defences both readers need.
 *
 * Office files are zip archives of XML parts.  pl_package_read inflates
 * one part into memory, bounded whatever the archive declares: encrypted
 * parts are refused, a declared size above the cap or a compression ratio
 * above PL_PACKAGE_MAX_RATIO is a zip bomb, and a part that inflates past
 * what it declared is cut off at the cap and refused.  Part names are
 * found ignoring case (OPC: "Word/Document.xml" is "word/document.xml").
 * Errors are one line naming the file and the part.
 */
#ifndef PL_PACKAGE_H
#define PL_PACKAGE_H

#include <stddef.h>

#include "error.h"

typedef struct pl_package pl_package;

/* Open the archive in b[0..n) (not copied: b must outlive the package).
 * `what` names the format in errors ("DOCX").  NULL with err filled. */
pl_package *pl_package_open(const char *name, const char *what, const unsigned char *b, size_t n,
                            pl_error *err);
void pl_package_close(pl_package *pk);

/* Does the package hold a part of that name (case ignored)? */
int pl_package_has(pl_package *pk, const char *part);

/* Inflate `part` into *out (NUL-terminated, caller frees; *len without the
 * NUL), at most `cap` bytes.  A missing part is an error when `required`
 * ("a zip archive without PART (not a WHAT file)"), else *out is NULL and
 * 0 is returned.  -1 with err filled. */
int pl_package_read(pl_package *pk, const char *part, size_t cap, int required, char **out,
                    size_t *len, pl_error *err);

#endif

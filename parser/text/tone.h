/* tone.h - one tone-mark style for matching.
 *
 * Vietnamese has two accepted placements of the tone in open syllables
 * ending in oa, oe, uy: "kiểu cũ" hòa, khỏe, thủy and "kiểu mới" hoà, khoẻ,
 * thuỷ (docs/VIETNAMESE-TEXT.md §2).  NFC keeps them apart, so matching maps
 * both to the old style.  Only those three open clusters move; qu- is an
 * onset (quý is right in both styles), closed syllables (hoàng, khuỷu,
 * huỳnh) never vary.
 */
#ifndef PL_TONE_H
#define PL_TONE_H

#include <stddef.h>
#include <stdint.h>

/* Rewrite one lower-case word (code points, NFC) in the old style, in
 * place.  Returns 1 if it changed, 0 otherwise. */
int pl_tone_old_style(int32_t *cps, size_t n);
/* The same word in the new style (tone on the second vowel). */
int pl_tone_new_style(int32_t *cps, size_t n);
/* Which style a word shows: 1 old ("hòa"), 2 new ("hoà"), 0 neither. */
int pl_tone_style_of(const int32_t *cps, size_t n);

/* The plain vowel (a e o u y, lower case) of a vowel of the tone rule,
 * toned or not, in either case; 0 for anything else.  A word shows a
 * style only when its last two letters are o+a, o+e or u+y by this. */
int32_t pl_tone_plain(int32_t cp);

#endif

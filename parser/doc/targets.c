/* targets.c - the plan's targets: one number about one group for one year.
 *
 * Outline (pl_targets_extract):
 *   for each body paragraph:
 *     skip it if it sits in a situation / results section ("Thực trạng")
 *     for each sentence:
 *       find the percentages; cut the sentence into one segment per number
 *       keep the numbers that are targets (a target cue or the coverage
 *         form "X% <group> được <verb>"; no statistic cue such as "chiếm",
 *         "so với", "đã được")
 *       for each: comparator, group, predicate (borrowed from a later
 *         segment when several numbers share one: "90% A và 70% B được tập
 *         huấn"), year, objective, indicator
 *
 * All matching runs on the key text (lower case, one tone style); values
 * quoted in the output come from the flat text, positions from the map.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "marker.h"
#include "re.h"
#include "uni.h"
#include "vocab.h"

/* Numbers per sentence and sentences per paragraph have no natural bound;
 * these caps keep a pathological "1%1%1%..." line linear. */
#define PL_MAX_NUMBERS_PER_SENTENCE 64
/* A target's `text` is its sentence, cut to this many bytes around the
 * target when longer (as table rows are cut, TABLE_TEXT_MAX): one 3 MB
 * sentence copied for each of its targets gave 195 MB of JSON. */
#define PL_TARGET_TEXT_MAX 2000

enum {
    P_PERCENT,
    P_YEAR,
    P_RANGE_YEAR,
    P_CMP_BEFORE,
    P_RATE_WORD,
    P_PREDICATE,
    P_TARGET_CUE,
    P_STAT_CUE,
    P_ACHIEVED,
    P_SITUATION,
    P_OBJECTIVE,
    P_RELATIVE,
    P_LEADIN,
    P_RANGE_LOW,
    P_TIME_ONLY,
    P_CELL_VALUE,
    P_CELL_YEAR,
    P_CHANGE,
    P_PER_YEAR,
    P_BASE_YEAR,
    P_AT_LEAST_AFTER,
    P_ORIENTATION,
    P_COMBINED,
    P_CAPTION,
    P_CAPTION_END,
    P_PAST,
    P_PAREN_CHANGE,
    P_LEADIN_START,
    P_COVERAGE_VERB,
    P_HAVING,
    P_COUNT
};

/* ==== Patterns ============================================================
 * Every pattern is a skeleton (numbers, percent signs, years, unit
 * symbols, punctuation) around the words of data/vocab/targets.xml: a
 * "{list-name}" stands for that list's phrases, longest first
 * (pl_vocab_regex).  All run caseless on the key text (lower case, one
 * tone style), which is the form the lists are folded to, except
 * P_CELL_VALUE, which reads a table cell's NFC text: "{nfc:...}" adds the
 * new-tone spelling a writer may use there ("hoà" beside the key's "hòa").  Compiled once, on the first document. */
/* YEAR: every match of the pattern holds a year, "20\d\d", so it runs
 * only on a span that holds "20" (re_find, re_at). */
#define YEAR 1

static const struct {
    int id;
    const char *skeleton;
    int year; /* YEAR or 0 */
} PATTERNS[] = {
    /* 4,9% 90 % 4.9%: integer part of at most four digits (a longer run
     * is an identifier or garbage, not a percentage); not the tail of a
     * longer number or of a date like 24/24.  Its unit follows: '%', '‰',
     * or "/100.000" (a rate per 100 000: "500/100.000 trẻ em"). */
    {P_PERCENT, "(?<![\\d.,/])(\\d{1,4}(?:[.,]\\d{1,2})?)\\s?"
                "(%|‰|/\\s?100[.,\\s]?000(?!\\d)(?:\\s+{per100k-nouns}(?![\\p{L}\\d]))?)", 0},
    /* a "group" that only says when: "vào năm 2030", "(năm 2025)"; used
     * anchored (pl_re_at) */
    {P_TIME_ONLY, "[\\s(]*(?:{year-prepositions}\\s+)?(?:{year-words}\\s+)?"
                  "20\\d\\d[\\s)]*(?:{and-words}|,|;)?\\s*$", YEAR},
    /* a table cell that holds only a value: "90", "> 90%", "Trên 95 %",
     * "≤ 4,9"; used anchored on the NFC text of the cell */
    {P_CELL_VALUE, "(?:({nfc:cell-comparators}|>=|<=|≥|≤|>|<)\\s*)?(\\d{1,4}(?:[.,]\\d{1,2})?)\\s*(%)?$", 0},
    {P_CELL_YEAR, "(?<!\\d)20\\d\\d(?!\\d)", YEAR},
    /* the low end of a range right before a percentage: "80-90%",
     * "70 – 80%", "4 đến 5%", "80% đến 90%" */
    {P_RANGE_LOW, "(?<![\\d.,/])(\\d{1,4}(?:[.,]\\d{1,2})?)\\s?%?\\s*(?:-|–|—|{range-words})\\s*$", 0},
    /* a year the sentence assigns: "đến năm 2025", "năm 2030"; a footnote
     * digit may be glued to it ("năm 20301"); after a preposition the
     * word "năm" may be left out ("Đến 2025, ...", "60% vào 2030"), but
     * not at the end of a range ("2021 đến 2025") */
    {P_YEAR, "(?|(?:{year-prepositions}\\s+)?{year-words}\\s+(20\\d\\d)(?:\\d{1,2})?(?!\\d)|"
             "(?<![^\\s(,;:])(?<!\\d\\s){year-prepositions}\\s+(20\\d\\d)(?![\\d/.,]\\d|\\d))", YEAR},
    /* a period range: not a target year */
    {P_RANGE_YEAR, "{year-ranges}\\s+20\\d\\d\\s*[-–]\\s*(?:{year-words}\\s+)?20\\d\\d", YEAR},
    /* comparator words right before the number */
    {P_CMP_BEFORE, "({comparators})\\s*$", 0},
    /* a change by the figure, right before it (and its comparator):
     * "giảm 20% số trẻ em", "tăng từ 5 - 10%" */
    {P_CHANGE, "(?<![\\p{L}\\d])({change-verbs})(?:\\s+{change-fillers})?\\s*$", 0},
    /* a yearly change: "hằng năm giảm 5 - 10%", "giảm 2 - 3% mỗi năm",
     * "5%/năm" */
    {P_PER_YEAR, "{per-year}|/\\s*{year-words}\\b", 0},
    /* the base of a change: "so với năm 2020", "so với cuối năm 2020" */
    {P_BASE_YEAR, "{comparison-words}\\s+(?:\\S+\\s+){0,2}?{year-words}\\s+(20\\d\\d)", YEAR},
    /* "95% trở lên": at least; used anchored after the number */
    {P_AT_LEAST_AFTER, "\\s*({bounds-after})", 0},
    /* the year of an orientation, not of the objectives: "định hướng đến
     * năm 2030", "tầm nhìn đến năm 2045" */
    {P_ORIENTATION, "{horizon-words}\\s+{orientation-prepositions}\\s+{year-words}\\s+(20\\d\\d)", YEAR},
    /* a heading over both the objectives and the orientation: "MỤC TIÊU VÀ
     * ĐỊNH HƯỚNG ĐẾN NĂM 2030" */
    {P_COMBINED, "{objective-words}\\s*(?:{and-words}|,)\\s*{horizon-words}", 0},
    /* a comparison with the past: the sentence reports a result ("đạt
     * 98,9%, tăng 0,4% so với năm học trước", "đạt 100%, giữ ổn định như
     * các năm học trước") */
    {P_PAST, "{comparison-words}\\s+{past-periods}|{past-likenesses}", 0},
    /* a level reported with its change since a base, in a parenthesis
     * right after it: "đạt 31,7% (tăng 0,1% so với năm học 2020-2021)";
     * used anchored after the figure */
    {P_PAREN_CHANGE, "\\s*\\(\\s*(?:{change-verbs})\\s+\\d{1,4}(?:[.,]\\d{1,2})?\\s?%[^()]{0,60}?{comparison-words}", 0},
    /* a photo caption: its figures repeat the body's ("Ảnh minh họa: ...",
     * "Ảnh: ...", "Nguồn: ..."); used anchored */
    {P_CAPTION, "\\s*{caption-words}\\s*[:.(]", 0},
    /* a photo caption that names its photo at its end: "Giảm tỷ lệ ...
     * xuống còn 23% vào năm 2020 - Ảnh minh họa", "... (Ảnh: TTXVN)",
     * "... xã hội. Ảnh: M.L"; searched on a line of its own (do_paragraph).
     * Only the photo's words (caption-end-words, not "Nguồn": a target
     * may end with its source), after a dash, a '(' or a sentence's end
     * ("hình ảnh: pano, áp phích" is a list) */
    {P_CAPTION_END, "(?:[-–(]\\s*{caption-end-words}(?:\\s*:[^:;%]{0,40}?)?|"
                    "(?<=[.!?])\\s*{caption-end-words}\\s*:[^:;%]{1,40}?)\\s*\\)?\\s*$", 0},
    /* a rate whose group comes before the number */
    {P_RATE_WORD, "{rate-words}\\s+", 0},
    /* the predicate of a coverage target: "(sẽ|đều) được <verb>" */
    {P_PREDICATE, "(?:^|\\s)(?:{predicate-modals}\\s+)?{predicate-words}\\s+\\S", 0},
    /* a verb of doing after a group: "100% các cơ quan, đơn vị tổ chức
     * tốt ...", "90% trẻ em sử dụng áo phao" (a word before it, one after) */
    {P_COVERAGE_VERB, "\\S\\s+{coverage-verbs}\\s+\\S", 0},
    {P_TARGET_CUE, "{target-cues}", 0},
    /* statistics and results: "chiếm 29,1%", "so với", "ước đạt" */
    {P_STAT_CUE, "{statistic-verbs}\\s*$|{statistic-cues}", 0},
    /* a sentence stating what a place has: "huyện Vân Hồ có 95% trẻ em
     * ..." (searched up to the figure's end) */
    {P_HAVING, "(?<![\\p{L}])(?:{having-verbs})\\s+(?:(?:{comparators})\\s+)?\\d+(?:[.,]\\d+)?\\s*%", 0},
    /* a result already achieved in the segment: "đã được", "đã có" */
    {P_ACHIEVED, "(?:^|\\s){achieved}", 0},
    /* sections whose percentages are statistics, results or budget shares */
    {P_SITUATION, "{situation-headings}", 0},
    /* used anchored (pl_re_at), so no '^' */
    {P_OBJECTIVE, "{objective-words}\\s+(\\d{1,2})\\b", 0},
    {P_RELATIVE, "\\s*{comparison-words}", 0},
    /* a lead-in that gives the year of the targets after it: "đặt mục tiêu
     * đến năm 2025", "Kế hoạch đưa ra mục tiêu đến năm 2025:", "Định hướng
     * đến năm 2030:" (not a cited plan's "định hướng đến năm 2030") */
    /* a sentence that opens with its year sets it for what follows:
     * "Đến năm 2025, phấn đấu ...", "Cụ thể, đến năm 2020, ...", "Cụ thể
     * đến năm 2025; ..."; used anchored */
    {P_LEADIN_START, "(?:{lead-in-openers}\\s*,?\\s*)?{orientation-prepositions}\\s+{year-words}\\s+20\\d\\d\\s*[,;:]", YEAR},
    {P_LEADIN, "{lead-in-cues}[^.;:]{0,40}?{lead-in-prepositions}\\s+{year-words}\\s+20\\d\\d|"
               "(?:^|[.;:]\\s|\\n){lead-in-orientations}\\s+{year-words}\\s+20\\d\\d", YEAR},
};

static pl_re *pat[P_COUNT];
/* Per pattern id, its PATTERNS[] year flag (needs_year). */
static unsigned char year_pattern[P_COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;
/* P_YEAR's longest words before its year (year_from) */
static size_t year_before;

/* Patterns that are a phrase list alone ("{target-cues}"), or after a
 * blank or the text's start ("(?:^|\s){achieved}"), and are only asked
 * whether a span holds a match (has).  Interpreted, such a caseless
 * alternation costs hundreds of instructions a byte (target-cues alone
 * was 3.5 M of a 16 KB plan's 27 M), so where a match is bytewise
 * (pl_re_plain_key) the span is scanned for the phrases' bytes instead;
 * the skeletons above stay the definition, and the pattern runs where a
 * span is not plain. */
static const struct {
    int id;
    const char *list;
    int after_blank; /* "(?:^|\s)" before the phrase */
} PHRASE_PATTERNS[] = {
    {P_TARGET_CUE, "target-cues", 0},
    {P_SITUATION, "situation-headings", 0},
    {P_ACHIEVED, "achieved", 1},
};

/* A span is scanned once: at each byte the plain test (pl_re_plain_byte)
 * and, where a phrase may start, a hash of the next `lead` bytes looked up
 * in `starts`, a set of the phrases' first `lead` bytes; only where it
 * says yes are the phrases compared. */
#define PHRASE_LEAD_MAX 4
#define PHRASE_HASH_BITS 12

typedef struct phrase_set {
    const pl_vocab_list *list; /* NULL: not a phrase pattern */
    int after_blank;
    unsigned char first[256]; /* a phrase starts with this byte */
    size_t lead;              /* bytes every phrase starts with as is; 0: no hash */
    uint64_t starts[(1u << PHRASE_HASH_BITS) / 64];
} phrase_set;

static phrase_set phrases[P_COUNT];
/* P_PREDICATE's lists (find_predicate) */
static const pl_vocab_list *predicate_modals, *predicate_words;
/* "group-joins" and, per entry, whether it is trimmed at a group's end
 * (bit 0) and at its start (bit 1): joins_at, asked once (trim_span) */
static const pl_vocab_list *group_joins;
/* P_CMP_BEFORE's list, and the bytes its entries start with
 * (cmp_before_plain) */
static const pl_vocab_list *comparators;
static unsigned char comparator_first[256];
static unsigned char *join_ends;
static int joins_at(const pl_vocab_entry *w, int end);

static inline unsigned phrase_hash(const char *s, size_t lead)
{
    uint32_t x = 0;
    if (lead == PHRASE_LEAD_MAX)
        memcpy(&x, s, PHRASE_LEAD_MAX); /* one load */
    else
        for (size_t i = 0; i < lead; i++)
            x |= (uint32_t)(unsigned char)s[i] << (8 * i);
    return (x * 2654435761u) >> (32 - PHRASE_HASH_BITS);
}

static inline int may_start(const phrase_set *ps, const char *s)
{
    unsigned h = phrase_hash(s, ps->lead);
    return (ps->starts[h / 64] >> (h % 64)) & 1;
}

static void phrase_hash_init(phrase_set *ps)
{
    size_t lead = PHRASE_LEAD_MAX;
    for (size_t k = 0; k < ps->list->n; k++) {
        size_t f = pl_vocab_fixed_lead(ps->list->v[k].key);
        if (f < lead)
            lead = f;
    }
    ps->lead = lead;
    for (size_t k = 0; lead && k < ps->list->n; k++) {
        unsigned h = phrase_hash(ps->list->v[k].key, lead);
        ps->starts[h / 64] |= (uint64_t)1 << (h % 64);
    }
}

static void need_init(void);

static void compile(void)
{
    for (size_t i = 0; i < sizeof PATTERNS / sizeof *PATTERNS; i++) {
        char *re = pl_vocab_regex(PATTERNS[i].skeleton);
        if (!re) {
            fprintf(stderr, "planlint: out of memory building the target patterns\n");
            abort();
        }
        pat[PATTERNS[i].id] = pl_re_must(re);
        year_pattern[PATTERNS[i].id] = PATTERNS[i].year == YEAR;
        free(re);
    }
    group_joins = pl_vocab("group-joins");
    join_ends = calloc(group_joins->n + 1, 1);
    if (!join_ends) {
        fprintf(stderr, "planlint: out of memory building the target patterns\n");
        abort();
    }
    for (size_t i = 0; i < group_joins->n; i++)
        join_ends[i] = (unsigned char)(joins_at(&group_joins->v[i], 1) | joins_at(&group_joins->v[i], 0) << 1);
    comparators = pl_vocab("comparators");
    for (size_t k = 0; k < comparators->n; k++)
        comparator_first[(unsigned char)comparators->v[k].key[0]] = 1;
    const pl_vocab_list *years = pl_vocab("year-words"), *preps = pl_vocab("year-prepositions");
    size_t ly = 0, lp = 0;
    for (size_t k = 0; k < years->n; k++)
        if (years->v[k].key_len > ly)
            ly = years->v[k].key_len;
    for (size_t k = 0; k < preps->n; k++)
        if (preps->v[k].key_len > lp)
            lp = preps->v[k].key_len;
    /* an empty list is an empty alternation, which matches anywhere */
    year_before = years->n && preps->n ? lp + 1 + ly + 1 : 0;
    predicate_modals = pl_vocab("predicate-modals");
    predicate_words = pl_vocab("predicate-words");
    for (size_t i = 0; i < sizeof PHRASE_PATTERNS / sizeof *PHRASE_PATTERNS; i++) {
        phrase_set *ps = &phrases[PHRASE_PATTERNS[i].id];
        const pl_vocab_list *l = pl_vocab(PHRASE_PATTERNS[i].list);
        if (l->n == 0)
            continue; /* an empty alternation matches anywhere: the pattern says so */
        ps->list = l;
        ps->after_blank = PHRASE_PATTERNS[i].after_blank;
        for (size_t k = 0; k < l->n; k++)
            ps->first[(unsigned char)l->v[k].key[0]] = 1;
        phrase_hash_init(ps);
    }
    need_init();
}

static int phrase_at(const char *key, size_t i, size_t b, const char *w)
{
    return pl_vocab_phrase_end(key, i, b, w) != SIZE_MAX;
}

static int any_phrase_at(const phrase_set *ps, const char *key, size_t i, size_t b)
{
    if (i >= b || !ps->first[(unsigned char)key[i]])
        return 0;
    for (size_t k = 0; k < ps->list->n; k++) {
        const char *w = ps->list->v[k].key; /* its first two bytes, then the rest */
        if (key[i] == w[0] && (w[1] == ' ' || w[1] == '\0' || (i + 1 < b && key[i + 1] == w[1])) &&
            phrase_at(key, i, b, w))
            return 1;
    }
    return 0;
}

/* The bytes of the document's key text that are not plain
 * (pl_re_plain_until over the whole text), found once per document by
 * the thread that reads it: a sentence was asked again for each pattern
 * and figure (11 M of the 2 MB sample).  A byte not plain in a span is
 * not plain in the whole text, so a span without one of these is plain. */
typedef struct plain_marks {
    const char *key; /* the text they are of; NULL: none kept */
    size_t *at;
    size_t n;
} plain_marks;
static _Thread_local plain_marks marks;

static void marks_find(const char *key, size_t n)
{
    size_t cap = 0;
    marks = (plain_marks){key, NULL, 0};
    for (size_t i = 0; (i = pl_re_plain_until(key, i, n)) < n; i++) {
        if (marks.n == cap) {
            size_t *at = realloc(marks.at, (cap = cap ? 2 * cap : 64) * sizeof *at);
            if (!at) {
                free(marks.at);
                marks = (plain_marks){NULL, NULL, 0}; /* each span is asked */
                return;
            }
            marks.at = at;
        }
        marks.at[marks.n++] = i;
    }
}

static void marks_free(void)
{
    free(marks.at);
    marks = (plain_marks){NULL, NULL, 0};
}

/* pl_re_plain_key, by the document's marks when s is its key text. */
static int plain(const char *s, size_t a, size_t b)
{
    if (a >= b)
        return 1;
    if (s != marks.key)
        return pl_re_plain_key(s, a, b);
    size_t lo = 0, hi = marks.n; /* the first mark at or after a */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (marks.at[mid] < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == marks.n || marks.at[lo] >= b;
}

/* Whether key[a..b) holds a match of phrase pattern ps; -1 when the span
 * is not plain and the pattern must answer. */
static int has_phrase(const phrase_set *ps, const char *key, size_t a, size_t b)
{
    if (a >= b)
        return 0; /* no phrase is empty */
    if (!plain(key, a, b))
        return -1;
    size_t lead = ps->lead;
    if (lead) {
        size_t stop = b - a >= lead ? b - lead + 1 : a; /* a phrase starts before */
        for (size_t p = a; p < b; p++) {
            size_t q = p;
            if (ps->after_blank) {
                if (p == 0 && stop > 0 && may_start(ps, key) && any_phrase_at(ps, key, 0, b))
                    return 1; /* ^ */
                if (key[p] != ' ')
                    continue;
                q = p + 1;
            }
            /* the first byte by a table before the hash of the lead */
            if (q < stop && ps->first[(unsigned char)key[q]] && may_start(ps, key + q) &&
                any_phrase_at(ps, key, q, b))
                return 1;
        }
        return 0;
    }
    for (size_t p = a; p < b; p++) {
        if (!ps->after_blank) {
            if (any_phrase_at(ps, key, p, b))
                return 1;
            continue;
        }
        if ((p == 0 && any_phrase_at(ps, key, 0, b)) || /* ^ */
            (key[p] == ' ' && any_phrase_at(ps, key, p + 1, b)))
            return 1;
    }
    return 0;
}

/* ---- what a match needs ---------------------------------------------------
 * A pattern runs only where it can match.  Each entry of NEEDS names the
 * bytes every match of its pattern holds on a plain span of the key text
 * (pl_re_plain_key: a phrase matches only its own bytes and a run of
 * blanks is one space; the key text is lower case), read off the
 * skeleton:
 *   IN   a match holds one of the literals: pl_re_find and pl_re_at;
 *   AT   a match opens with one, after at most one space (a leading
 *        "\s*"): pl_re_at; pl_re_find asks IN;
 *   END  a match ends with one, then at most one space ("\s*$"):
 *        pl_re_find only.
 * A literal is `lit` alone (list NULL), or each entry of `list` with `lit`
 * after it ("năm" + " 20" for "{year-words}\s+20\d\d"); where an entry
 * has a space it may do without (pl_vocab_space_optional), only its bytes
 * before that space count and `lit` is dropped.  A list without entries
 * is an empty alternation, which matches anywhere: the pattern then runs
 * always.  Where no literal is found the span is asked whether it is
 * plain; where it is not, the pattern runs.  The IN test looks at the
 * bytes of [start, len), which hold every match (a look-behind reads
 * before start but takes nothing there). */
enum { NEED_IN = 1, NEED_AT, NEED_END };
#define NEED_ALTS 4

static const struct {
    int id;
    int kind;
    struct {
        const char *list; /* NULL: lit alone */
        const char *lit;
    } alt[NEED_ALTS];
} NEEDS[] = {
    /* "{comparison-words}\s+{past-periods}|{past-likenesses}" */
    {P_PAST, NEED_IN, {{"comparison-words", " "}, {"past-likenesses", ""}}},
    /* both branches: "{year-words}\s+(20\d\d)", "{year-prepositions}\s+(20\d\d)" */
    {P_YEAR, NEED_IN, {{"year-words", " 20"}, {"year-prepositions", " 20"}}},
    /* both branches end "{year-words}\s+20\d\d" */
    /* a cue or an orientation opens each branch, rarer than the year
     * both end with (asked too): 922 searches of the 2 MB sample, 117
     * matching, where a paragraph held "năm 20" */
    {P_LEADIN, NEED_IN, {{"lead-in-cues", ""}, {"lead-in-orientations", ""}}},
    {P_LEADIN_START, NEED_IN, {{"year-words", " 20"}}},
    /* these two open with a rarer phrase than the year they end with
     * (P_BASE_YEAR: 1 272 searches of the 2 MB sample, none matching,
     * where a sentence held "năm 20"); the year's "20" is asked too */
    {P_ORIENTATION, NEED_IN, {{"horizon-words", " "}}},
    {P_BASE_YEAR, NEED_IN, {{"comparison-words", " "}}},
    /* "{year-ranges}\s+20\d\d..." */
    {P_RANGE_YEAR, NEED_IN, {{"year-ranges", " 20"}}},
    /* "{statistic-verbs}\s*$|{statistic-cues}" */
    {P_STAT_CUE, NEED_IN, {{"statistic-verbs", ""}, {"statistic-cues", ""}}},
    /* "{rate-words}\s+" */
    {P_RATE_WORD, NEED_IN, {{"rate-words", " "}}},
    /* "(?<![\p{L}\d])({change-verbs})..." */
    {P_CHANGE, NEED_IN, {{"change-verbs", ""}}},
    /* "\S\s+{coverage-verbs}\s+\S" */
    {P_COVERAGE_VERB, NEED_IN, {{"coverage-verbs", " "}}},
    /* "(?<![\p{L}])(?:{having-verbs})\s+..." */
    {P_HAVING, NEED_IN, {{"having-verbs", " "}}},
    /* "{objective-words}\s*(?:{and-words}|,)\s*{horizon-words}" */
    {P_COMBINED, NEED_IN, {{"objective-words", ""}}},
    /* "{per-year}|/\s*{year-words}\b" */
    {P_PER_YEAR, NEED_IN, {{"per-year", ""}, {NULL, "/"}}},
    /* "\s*{comparison-words}" */
    {P_RELATIVE, NEED_AT, {{"comparison-words", ""}}},
    /* "\s*{caption-words}\s*[:.(]" */
    {P_CAPTION, NEED_AT, {{"caption-words", ""}}},
    /* "\s*({bounds-after})" */
    {P_AT_LEAST_AFTER, NEED_AT, {{"bounds-after", ""}}},
    /* "\s*\(\s*(?:{change-verbs})..." */
    {P_PAREN_CHANGE, NEED_AT, {{NULL, "("}}},
    /* "{objective-words}\s+(\d{1,2})\b" */
    {P_OBJECTIVE, NEED_AT, {{"objective-words", " "}}},
    /* "...(?:-|–|—|{range-words})\s*$" */
    {P_RANGE_LOW, NEED_END, {{NULL, "-"}, {NULL, "–"}, {NULL, "—"}, {"range-words", ""}}},
};

typedef struct need {
    int kind;       /* 0: no test, the pattern runs */
    char **lit;     /* the literals */
    size_t *len;
    size_t *anchor; /* the byte of each that memchr looks for (rarest) */
    size_t n;
    size_t longest; /* bytes */
} need;

/* How common a byte is in the key text, 0 to 2 (per mille of the 2 MB
 * sample's lower-cased text: 2 from 25, 1 from 9): a literal is looked
 * for by its rarest byte, since memchr stops at each occurrence. */
static int byte_rank(unsigned char c)
{
    static const unsigned char very[] = {0x20, 0xE1, 0xBB, 'n', 'h', 0xC3, 't', 'c', 'g', 'i', 0xBA};
    static const unsigned char common[] = {0xC4, 0x91, 0xA1, 'a', 'o', 'r', 'm', 'u', 'v', 'l', 0xC6, 0xA3};
    if (memchr(very, c, sizeof very))
        return 2;
    return memchr(common, c, sizeof common) ? 1 : 0;
}

/* Whether s[a..b) holds lit[0..n), looked for by its byte lit[at]. */
static int holds(const char *s, size_t a, size_t b, const char *lit, size_t n, size_t at)
{
    if (b - a < n)
        return 0;
    const char *lo = s + a + at, *hi = s + b - (n - at); /* where lit[at] may be */
    for (const char *p = lo; p <= hi; p++) {
        if ((p = memchr(p, lit[at], (size_t)(hi - p) + 1)) == NULL)
            return 0;
        if (memcmp(p - at, lit, n) == 0)
            return 1;
    }
    return 0;
}

static need needs[P_COUNT];
/* Tests turn the needs off to compare (pl_targets_pretests). */
static _Atomic int needs_off;

static int need_add(need *nd, const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    char *x = malloc(an + bn + 1);
    char **lit = realloc(nd->lit, (nd->n + 1) * sizeof *lit);
    if (lit)
        nd->lit = lit;
    size_t *len = realloc(nd->len, (nd->n + 1) * sizeof *len);
    if (len)
        nd->len = len;
    size_t *anchor = realloc(nd->anchor, (nd->n + 1) * sizeof *anchor);
    if (anchor)
        nd->anchor = anchor;
    if (!x || !lit || !len || !anchor) {
        free(x);
        return -1;
    }
    memcpy(x, a, an);
    memcpy(x + an, b, bn + 1);
    size_t best = 0;
    for (size_t i = 1; i < an + bn; i++)
        if (byte_rank((unsigned char)x[i]) < byte_rank((unsigned char)x[best]))
            best = i;
    nd->lit[nd->n] = x;
    nd->anchor[nd->n] = best;
    nd->len[nd->n++] = an + bn;
    if (an + bn > nd->longest)
        nd->longest = an + bn;
    return 0;
}

static void need_init(void)
{
    for (size_t i = 0; i < sizeof NEEDS / sizeof *NEEDS; i++) {
        need *nd = &needs[NEEDS[i].id];
        int ok = 1;
        for (int k = 0; k < NEED_ALTS && ok; k++) {
            const char *list = NEEDS[i].alt[k].list, *lit = NEEDS[i].alt[k].lit;
            if (!list) {
                if (lit && *lit && need_add(nd, lit, strlen(lit), "") != 0)
                    ok = 0;
                continue;
            }
            const pl_vocab_list *l = pl_vocab(list);
            if (l->n == 0)
                ok = 0; /* an empty alternation: no test */
            for (size_t e = 0; ok && e < l->n; e++) {
                const char *w = l->v[e].key;
                size_t lead = pl_vocab_fixed_lead(w);
                if (lead == 0 || need_add(nd, w, lead, lead == strlen(w) ? lit : "") != 0)
                    ok = 0;
            }
        }
        if (ok && nd->n)
            nd->kind = NEEDS[i].kind;
    }
}

/* Whether pattern p may match in s[start..len) (pl_re_find), or at start
 * (anchored): 0 only where no match can be (see NEEDS). */
static int may_match(int p, const char *s, size_t start, size_t len, int anchored)
{
    const need *nd = &needs[p];
    int kind = nd->kind == NEED_AT && !anchored ? NEED_IN : nd->kind;
    if (!kind || start > len || (kind == NEED_END && anchored) ||
        atomic_load_explicit(&needs_off, memory_order_relaxed))
        return 1;
    size_t plain_to = len;
    if (kind == NEED_IN) {
        for (size_t k = 0; k < nd->n; k++)
            if (holds(s, start, len, nd->lit[k], nd->len[k], nd->anchor[k]))
                return 1;
    } else if (kind == NEED_AT) {
        size_t at = start < len && s[start] == ' ' ? start + 1 : start;
        for (size_t k = 0; k < nd->n; k++)
            if (len - at >= nd->len[k] && memcmp(s + at, nd->lit[k], nd->len[k]) == 0)
                return 1;
        /* only the bytes a match opens with need be plain: the space,
         * the longest literal, and the two bytes after it that
         * pl_re_plain_byte reads to see a caseless twin (ſ, the Kelvin
         * sign) at its end */
        if (len - start > nd->longest + 3)
            plain_to = start + nd->longest + 3;
    } else {
        size_t e = len > start && s[len - 1] == ' ' ? len - 1 : len;
        for (size_t k = 0; k < nd->n; k++)
            if (e - start >= nd->len[k] && memcmp(s + e - nd->len[k], nd->lit[k], nd->len[k]) == 0)
                return 1;
    }
    return !plain(s, start, plain_to);
}

/* ---- small helpers ------------------------------------------------------ */

typedef struct span {
    size_t a, b; /* key offsets, half-open */
} span;

/* Where a search for P_PERCENT in key[a..b) may start, or b when it
 * cannot match.  A match holds its unit ('%', '‰' or the '/' of
 * "/100.000") and starts at most PERCENT_BEFORE bytes before it (four
 * digits and two decimals, \d being any decimal digit of up to four
 * bytes, a separator and a blank of up to three): the search starts there
 * before the first unit, so a sentence's words before its first figure,
 * and its tail after the last, are not interpreted (the look-behind still
 * sees the bytes before the start). */
#define PERCENT_BEFORE (4 * 4 + 1 + 2 * 4 + 3)

static size_t percent_from(const char *key, size_t a, size_t b)
{
    /* the first unit: memchr for each of its first bytes, each bounded by
     * the nearest found so far (a byte loop was 6 M of 4.6 MB of plans) */
    size_t u = b;
    const char *p = memchr(key + a, '%', b - a);
    if (p)
        u = (size_t)(p - key);
    if (u > a && (p = memchr(key + a, '/', u - a)) != NULL)
        u = (size_t)(p - key);
    for (size_t i = a; i < u && (p = memchr(key + i, '\xE2', u - i)) != NULL;) {
        size_t at = (size_t)(p - key);
        if (at + 2 < b && key[at + 1] == '\x80' && key[at + 2] == '\xB0') {
            u = at;
            break;
        }
        i = at + 1;
    }
    if (u >= b)
        return b;
    size_t from = u > a + PERCENT_BEFORE ? u - PERCENT_BEFORE : a;
    while (from < u && ((unsigned char)key[from] & 0xC0) == 0x80)
        from++;
    return from;
}

/* Whether s[a..b) holds "20": every match of the year patterns does
 * (their "20\d\d"), so where it does not they need not run.  A memchr
 * for the '2' and a look at the byte after it: glibc's memmem searches a
 * two-byte needle a byte at a time, memchr a vector at a time, and a '2'
 * is rare in the key text. */
/* Offset of the first "20" in s[a..b), or b: a year's pretest and where
 * P_YEAR's search may start (year_from) both begin with it. */
static size_t first_20(const char *s, size_t a, size_t b)
{
    if (b < a + 2)
        return b;
    const char *p = s + a, *last = s + b - 1; /* a '2' at last has no byte after it */
    while (p < last && (p = memchr(p, '2', (size_t)(last - p))) != NULL) {
        if (p[1] == '0')
            return (size_t)(p - s);
        p++;
    }
    return b;
}

static int needs_year(int p)
{
    return year_pattern[p];
}

/* Where a search for P_YEAR in s[a..b) may start.  On a plain span
 * (pl_re_plain_key: a phrase matches only its own bytes and \s+ one
 * space) every match ends its words before the year's "20" within
 * year_before bytes of its start ("(?:{year-prepositions}\s+)?
 * {year-words}\s+", or "{year-prepositions}\s+"): no match starts before
 * the first "20" of the span less that, and the search starts there, at a
 * character's start.  Searched from the span's start, a sentence's words
 * before its first year were interpreted (P_YEAR was 9.6 M of the 2 MB
 * sample, the costliest pattern).  `at`: the span's first "20"
 * (first_20). */
static size_t year_from_20(const char *s, size_t a, size_t b, size_t at)
{
    if (at >= b || !year_before || at <= a + year_before || !plain(s, a, b))
        return a;
    size_t from = at - year_before;
    while (from > a && ((unsigned char)s[from] & 0xC0) == 0x80)
        from--;
    return from;
}

static size_t year_from(const char *s, size_t a, size_t b)
{
    return year_from_20(s, a, b, first_20(s, a, b));
}

/* pl_re_find and pl_re_at of pattern p, after the pre-test. */
static int re_find(int p, const char *s, size_t len, size_t start, pl_match *m)
{
    size_t at20 = needs_year(p) ? first_20(s, start, len) : 0;
    if ((needs_year(p) && at20 >= len) || !may_match(p, s, start, len, 0))
        return 0;
    if (p == P_YEAR && !atomic_load_explicit(&needs_off, memory_order_relaxed))
        start = year_from_20(s, start, len, at20);
    return pl_re_find(pat[p], s, len, start, m);
}

static int re_at(int p, const char *s, size_t len, size_t start, pl_match *m)
{
    if ((needs_year(p) && first_20(s, start, len) >= len) || !may_match(p, s, start, len, 1))
        return 0;
    return pl_re_at(pat[p], s, len, start, m);
}

static int find_in(int p, const char *key, span s, pl_match *m)
{
    if (p == P_PERCENT && s.a < s.b && (s.a = percent_from(key, s.a, s.b)) >= s.b)
        return 0;
    return re_find(p, key, s.b, s.a, m);
}

/* Whether key[a..b) contains the word w (bytes): holds, memchr to each
 * byte that may start it, then the rest compared.  A memcmp at every byte cost
 * about 15 M of the 2 MB sample's 831 M (most of it has_figure's look for
 * "‰" and "/100" in every sentence), and libc's memmem as much. */
static int contains(const char *key, size_t a, size_t b, const char *w)
{
    size_t k = strlen(w);
    if (k == 0 || a > b)
        return a <= b;
    return holds(key, a, b, w, k, 0);
}

/* Whether key[a..b) contains a phrase of the list (as bytes: inside a
 * longer word too). */
static int contains_any(const char *key, size_t a, size_t b, const char *list)
{
    const pl_vocab_list *l = pl_vocab(list);
    for (size_t i = 0; i < l->n; i++)
        if (contains(key, a, b, l->v[i].key))
            return 1;
    return 0;
}

/* The entry of the list that key[..at) ends with (followed by `sep`, "" or
 * " "), or NULL. */
static const pl_vocab_entry *ends_with(const char *key, size_t lo, size_t at, const char *list,
                                       const char *sep)
{
    const pl_vocab_list *l = pl_vocab(list);
    size_t k = strlen(sep);
    for (size_t i = 0; i < l->n; i++) {
        size_t n = l->v[i].key_len;
        if (at >= lo + n + k && memcmp(key + at - n - k, l->v[i].key, n) == 0 &&
            memcmp(key + at - k, sep, k) == 0)
            return &l->v[i];
    }
    return NULL;
}

/* The length of the phrase of the list that key[at..end) opens with,
 * followed by a space, ',' or ':' (or the end), or 0. */
static size_t starts_with(const char *key, size_t at, size_t end, const char *list)
{
    const pl_vocab_list *l = pl_vocab(list);
    for (size_t i = 0; i < l->n; i++) { /* longest first */
        size_t n = l->v[i].key_len;
        if (end - at >= n && memcmp(key + at, l->v[i].key, n) == 0 &&
            (at + n == end || strchr(" ,:", key[at + n])))
            return n;
    }
    return 0;
}

/* Whether key[at..) is " và " (an "and-words" phrase between spaces). */
static int and_word_at(const char *key, size_t at, size_t end)
{
    size_t n = at + 1 < end && key[at] == ' ' ? starts_with(key, at + 1, end, "and-words") : 0;
    return n && at + 1 + n < end && key[at + 1 + n] == ' ';
}

/* Whether key[lo..at) ends with " và" (an "and-words" phrase after a
 * space). */
static int and_word_before(const char *key, size_t lo, size_t at)
{
    const pl_vocab_entry *w = ends_with(key, lo, at, "and-words", "");
    return w && at - w->key_len > lo && key[at - w->key_len - 1] == ' ';
}

/* P_PREDICATE without its "(?:^|\s)": "(?:{predicate-modals}\s+)?
 * {predicate-words}\s+\S" at key[q..b) of a plain span. */
static int predicate_at(const char *key, size_t q, size_t b)
{
    const pl_vocab_list *modals = predicate_modals, *words = predicate_words;
    for (size_t k = 0; k <= modals->n; k++) {
        size_t i = q;
        if (k < modals->n) { /* a modal first, then without */
            i = pl_vocab_phrase_end(key, q, b, modals->v[k].key);
            if (i >= b || key[i] != ' ')
                continue;
            i++;
        }
        for (size_t w = 0; w < words->n; w++) {
            size_t e = pl_vocab_phrase_end(key, i, b, words->v[w].key);
            if (e >= b || key[e] != ' ' || e + 1 >= b || key[e + 1] == ' ')
                continue;
            unsigned char c = (unsigned char)key[e + 1]; /* \S: a whole character */
            size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            if (e + 1 + n <= b)
                return 1;
        }
    }
    return 0;
}

/* The start of P_PREDICATE's first match in key[s.a..s.b): where a blank
 * (or the text's start) is followed by a predicate.  Scanned as bytes on a
 * plain span; the pattern answers elsewhere and when a list is empty.  1
 * and *start, or 0. */
static int find_predicate(const char *key, span s, size_t *start)
{
    if (s.a < s.b && predicate_modals->n && predicate_words->n && plain(key, s.a, s.b)) {
        for (size_t p = s.a; p < s.b; p++)
            if ((p == 0 && predicate_at(key, 0, s.b)) ||
                (key[p] == ' ' && predicate_at(key, p + 1, s.b))) {
                *start = p;
                return 1;
            }
        return 0;
    }
    pl_match m;
    if (!find_in(P_PREDICATE, key, s, &m))
        return 0;
    *start = m.start;
    return 1;
}

static int has(int p, const char *key, span s)
{
    if (phrases[p].list) {
        int r = has_phrase(&phrases[p], key, s.a, s.b);
        if (r >= 0)
            return r;
    }
    pl_match m;
    return find_in(p, key, s, &m);
}

int pl_targets_phrase_test(const char *list, const char *key, size_t a, size_t b, int *pattern)
{
    pthread_once(&once, compile);
    for (size_t i = 0; i < sizeof PHRASE_PATTERNS / sizeof *PHRASE_PATTERNS; i++) {
        int p = PHRASE_PATTERNS[i].id;
        if (strcmp(PHRASE_PATTERNS[i].list, list) != 0 || !phrases[p].list)
            continue;
        pl_match m;
        *pattern = pl_re_find(pat[p], key, b, a, &m);
        return has_phrase(&phrases[p], key, a, b);
    }
    return -2;
}

void pl_targets_pretests(int on)
{
    atomic_store(&needs_off, !on);
}

int pl_targets_pretest_test(const char *key, size_t a, size_t b, int *turned)
{
    pthread_once(&once, compile);
    int wrong = 0;
    for (int p = 0; p < P_COUNT; p++) {
        if (!needs[p].kind)
            continue;
        for (int anchored = 0; anchored <= 1; anchored++) {
            pl_match m;
            int says = may_match(p, key, a, b, anchored);
            int match = anchored ? pl_re_at(pat[p], key, b, a, &m) : pl_re_find(pat[p], key, b, a, &m);
            if (!says && match)
                wrong++;
            if (!says)
                (*turned)++;
        }
    }
    /* P_YEAR searched from where year_from starts it finds what a search
     * from a finds */
    pl_match m, y;
    size_t from = year_from(key, a, b);
    int found = pl_re_find(pat[P_YEAR], key, b, a, &m);
    if (found != pl_re_find(pat[P_YEAR], key, b, from, &y) ||
        (found && (m.start != y.start || m.end != y.end)))
        wrong++;
    return wrong;
}

/* Whether the join word w (at="end", "start" or "both") is trimmed at
 * the end (end=1) or at the start of a group. */
static int joins_at(const pl_vocab_entry *w, int end)
{
    const char *at = pl_vocab_attr(w, "at");
    return at && (strcmp(at, "both") == 0 || strcmp(at, end ? "end" : "start") == 0);
}

/* Trim spaces, punctuation and the words that glue targets together
 * ("group-joins": " và", "là ") at both ends of a key span. */
static span trim_span(const char *key, span s)
{
    static const char tails[] = ",;: ."; /* one byte each, in this order */
    static const char heads[] = ",;: -";
    const pl_vocab_list *joins = group_joins;
    int changed = 1;
    while (changed && s.b > s.a) {
        changed = 0;
        for (size_t i = 0; i < joins->n; i++) { /* " và" */
            size_t n = joins->v[i].key_len;
            if ((join_ends[i] & 1) && s.b - s.a >= n + 1 && key[s.b - n - 1] == ' ' &&
                memcmp(key + s.b - n, joins->v[i].key, n) == 0) {
                s.b -= n + 1;
                changed = 1;
            }
        }
        for (size_t i = 0; tails[i]; i++)
            if (s.b > s.a && key[s.b - 1] == tails[i]) {
                s.b--;
                changed = 1;
            }
        for (size_t i = 0; i < joins->n; i++) { /* "là " */
            size_t n = joins->v[i].key_len;
            if ((join_ends[i] & 2) && s.b - s.a >= n + 1 && key[s.a + n] == ' ' &&
                memcmp(key + s.a, joins->v[i].key, n) == 0) {
                s.a += n + 1;
                changed = 1;
            }
        }
        for (size_t i = 0; heads[i]; i++)
            if (s.b > s.a && key[s.a] == heads[i]) {
                s.a++;
                changed = 1;
            }
    }
    return s;
}

static char *flat_text(const pl_doc *doc, span s)
{
    size_t fa = pl_text_key_to_flat(&doc->text, s.a);
    size_t fb = s.b >= doc->text.key_len ? doc->text.flat_len : pl_text_key_to_flat(&doc->text, s.b);
    return pl_flat_copy(doc, fa, fb);
}

/* The sentence s as flat text; when longer than PL_TARGET_TEXT_MAX, the
 * window of that size around flat offset `at` (cut between characters),
 * with "…" where it was cut. */
static char *sentence_text(const pl_doc *doc, span s, size_t at)
{
    size_t fa = pl_text_key_to_flat(&doc->text, s.a);
    size_t fb = s.b >= doc->text.key_len ? doc->text.flat_len : pl_text_key_to_flat(&doc->text, s.b);
    if (fb <= fa || fb - fa <= PL_TARGET_TEXT_MAX)
        return pl_flat_copy(doc, fa, fb);
    const char *f = doc->text.flat;
    size_t a = at > fa + PL_TARGET_TEXT_MAX / 4 ? at - PL_TARGET_TEXT_MAX / 4 : fa;
    if (a > fb - PL_TARGET_TEXT_MAX)
        a = fb - PL_TARGET_TEXT_MAX;
    size_t b = a + PL_TARGET_TEXT_MAX;
    while (a > fa && ((unsigned char)f[a] & 0xC0) == 0x80)
        a--;
    while (b > a && b < fb && ((unsigned char)f[b] & 0xC0) == 0x80)
        b--;
    char *mid = pl_flat_copy(doc, a, b);
    if (!mid)
        return NULL;
    size_t n = strlen(mid);
    char *out = malloc(n + 7);
    if (out) {
        snprintf(out, n + 7, "%s%s%s", a > fa ? "…" : "", mid, b < fb ? "…" : "");
    }
    free(mid);
    return out;
}

static double parse_value(const char *s, size_t n)
{
    char buf[16];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = s[i] == ',' ? '.' : s[i]; /* decimal comma */
    buf[n] = '\0';
    return strtod(buf, NULL);
}

/* ---- one percentage ----------------------------------------------------- */

enum unit { U_PERCENT, U_PERMILLE, U_PER100K };

typedef struct number {
    span num;      /* "90%", or the whole range "80-90%" */
    int unit;      /* enum unit */
    size_t lead;   /* where its clause opens: the verb of a change or cmp_word.a */
    pl_change change; /* "giảm 20%": a change by the figure */
    int per_year;  /* "hằng năm giảm 5 - 10%" */
    span cmp_from; /* elided comparator: the words of the number before it */
    size_t verb_from; /* start of the words before the figure in its clause */
    span pre;      /* the words that say what the figure is about before it
                    * (verb_from to lead), or those of the figure it is
                    * elliptic for */
    size_t pre_own; /* after the "và" that ends the figure before's group
                     * ("96,5% trường học ... và 45% xã ..."), else 0 */
    span value;    /* "90", or the low end of a range */
    span high;     /* the high end of a range, else empty */
    span cmp_word; /* comparator words before it, empty if none */
    pl_cmp cmp;
    span seg;      /* from the comparator (or number) to the next number's start */
    int is_rate;   /* group before the number: "giảm tỷ lệ ... xuống 2%" */
    span group;
    span predicate; /* "được tập huấn ..." within seg, or empty */
    span shared;    /* a later segment's predicate this one shares */
    span clause;    /* rate: from "tỷ lệ"/"giảm" to the number */
    int elliptic;   /* subject taken from the number before it */
    int target;     /* emitted as a target */
    int after_target; /* the number before it in the sentence is a target */
    span qual;      /* "(khu vực nội thành)" right after the figure, or empty */
    int share;      /* the share a target count makes up ("phấn đấu có
                     * 130/159 xã ..., chiếm tỉ lệ 82%"): its group is the
                     * count's */
} number;

/* The comparator a "cmp" attribute names; PL_CMP_NONE for "none" (the
 * words that only say "this level") and when absent. */
static pl_cmp cmp_named(const char *name)
{
    static const struct {
        const char *name;
        pl_cmp cmp;
    } map[] = {{"lt", PL_CMP_LT}, {"le", PL_CMP_LE}, {"gt", PL_CMP_GT},
               {"ge", PL_CMP_GE}, {"eq", PL_CMP_EQ}};
    for (size_t i = 0; name && i < sizeof map / sizeof *map; i++)
        if (strcmp(name, map[i].name) == 0)
            return map[i].cmp;
    return PL_CMP_NONE;
}

/* The comparator its words give ("comparators"); "đạt", "là", "ở mức" and
 * a plain figure say only "this level": at least it on a coverage, at
 * most it on a lower-is-better rate (SPEC). */
static pl_cmp cmp_from_words(const char *w, size_t n, int lower)
{
    const pl_vocab_entry *e = pl_vocab_find(pl_vocab("comparators"), w, n);
    pl_cmp cmp = e ? cmp_named(pl_vocab_attr(e, "cmp")) : PL_CMP_NONE;
    if (cmp != PL_CMP_NONE)
        return cmp;
    /* a plain figure: at least that much coverage; at most that much of
     * a rate to lower */
    return lower ? PL_CMP_LE : PL_CMP_GE;
}

/* Comparator words that end right before the number (within the same
 * clause): "trên 90%", "xuống dưới 4%". */
/* P_CMP_BEFORE, "({comparators})\s*$", searched in key[look) by bytes
 * where the span is plain (pl_re_plain_key): the first start, then the
 * first comparator in the alternation's order, that ends the span or is
 * followed only by a space; interpreted, the caseless alternation tried
 * at each of 40 bytes cost some 9 000 instructions a number.  1 with group
 * 1 in *gs, *gl; 0 when there is none; -1 when the pattern must answer. */
static int cmp_before_plain(const char *key, span look, size_t *gs, size_t *gl)
{
    const pl_vocab_list *l = comparators;
    if (l->n == 0 || !plain(key, look.a, look.b))
        return -1;
    for (size_t s = look.a; s < look.b; s++) {
        if (!comparator_first[(unsigned char)key[s]])
            continue;
        for (size_t k = 0; k < l->n; k++) {
            size_t e = pl_vocab_phrase_end(key, s, look.b, l->v[k].key);
            if (e != SIZE_MAX && (e == look.b || (e + 1 == look.b && key[e] == ' '))) {
                *gs = s;
                *gl = e - s;
                return 1;
            }
        }
    }
    return 0;
}

static void find_comparator(const char *key, span before, number *nb)
{
    nb->cmp_word.a = nb->cmp_word.b = nb->num.a;
    size_t from = before.b > before.a + 40 ? before.b - 40 : before.a;
    while (from > before.a && ((unsigned char)key[from] & 0xC0) == 0x80)
        from++;
    pl_match m;
    span look = {from, nb->num.a};
    size_t gs, gl;
    int found = cmp_before_plain(key, look, &gs, &gl);
    if (found < 0 && (found = find_in(P_CMP_BEFORE, key, look, &m)) != 0)
        pl_match_group(&m, 1, &gs, &gl);
    if (found) {
        /* the match must start at a word boundary */
        if (gs == before.a || key[gs - 1] == ' ' || key[gs - 1] == ',' || key[gs - 1] == ';' ||
            key[gs - 1] == '(') {
            nb->cmp_word.a = gs;
            nb->cmp_word.b = gs + gl;
        }
    }
}

/* ---- sentences ---------------------------------------------------------- */

typedef struct ctx {
    pl_doc *doc;
    size_t cap;
    int carried_year;   /* year set by an earlier lead-in ("mục tiêu đến năm 2025:") */
    int carried_section;
    int context_year;   /* the year of the sentence a "Trong đó, ..." goes on from */
    span prev;          /* the last sentence that did not go on from another */
    int prev_top;       /* the top-level part it stands in */
    const pl_program *program;
    /* Per section, whether what stands under it is a situation and
     * whether it is under a heading that announces targets (0: not asked
     * yet, 1: no, 2: yes; under_heading).  One byte each, freed with the
     * pass; NULL (out of memory): asked each time. */
    unsigned char *situation, *target;
    /* The paragraph before the list items being read announced targets
     * ("Đồng thời cũng đề ra các mục tiêu cụ thể sau:"; lead_in_list). */
    int list_cue;
} ctx;

/* Year a span assigns to its targets ("đến năm 2025"), ignoring period
 * ranges and dates; the last one before `limit` wins, else the first
 * after it; 0 if none. */
/* The year of P_YEAR's group 1: its four digits (a footnote mark glued
 * to them, "năm 20301", is not part of it). */
static int year_at(const char *key, size_t gs)
{
    return (key[gs] - '0') * 1000 + (key[gs + 1] - '0') * 100 + (key[gs + 2] - '0') * 10 +
           (key[gs + 3] - '0');
}

/* Whether the year phrase at key[at..) is a figure's own ("... 95% vào
 * năm 2030", "6,8% (năm 2030)"): a figure ends right before it. */
static int year_of_a_figure(const char *key, size_t from, size_t at)
{
    while (at > from && (key[at - 1] == ' ' || key[at - 1] == '('))
        at--;
    size_t lo = at > from + 48 ? at - 48 : from;
    while (lo > from && ((unsigned char)key[lo] & 0xC0) == 0x80)
        lo++;
    pl_match m;
    while (lo < at && find_in(P_PERCENT, key, (span){lo, at}, &m)) {
        if (m.end == at)
            return 1;
        lo = m.end > lo ? m.end : lo + 1;
    }
    return 0;
}

/* Whether the year whose digits start at gs is the base of a change:
 * "so với năm 2020", "so với cuối năm 2020" ("giảm 10% so với năm 2020
 * vào năm 2025": 2025 is the target's). */
static int is_base_year(const char *key, size_t from, size_t gs)
{
    size_t lo = gs > from + 40 ? gs - 40 : from;
    while (lo > from && ((unsigned char)key[lo] & 0xC0) == 0x80)
        lo++;
    pl_match m;
    while (lo < gs && re_find(P_BASE_YEAR, key, gs + 4, lo, &m)) {
        size_t bs, bl;
        if (pl_match_group(&m, 1, &bs, &bl) && bs == gs)
            return 1;
        lo = m.start + 1;
    }
    return 0;
}

/* Year a span assigns (see year_in); with `skip_figures`, the years that
 * belong to a figure of their own ("xuống còn 7,3% vào năm 2025 và 6,8%
 * vào năm 2030; ... xuống dưới 10% ...") are not the sentence's. */
static int year_in_ex(const char *key, span s, size_t limit, int skip_figures)
{
    int before = 0, after = 0;
    pl_match m;
    size_t at = s.a;
    while (at < s.b && re_find(P_YEAR, key, s.b, at, &m)) {
        size_t gs, gl;
        pl_match_group(&m, 1, &gs, &gl);
        /* "tháng 6 năm 2024" is a date; "giai đoạn 2021 - năm 2025" a range */
        int is_date = ends_with(key, 0, m.start, "month-words", "") ||
                      (m.start >= 8 && memchr(key + m.start - 8, '/', 8));
        pl_match r;
        int in_range = m.start >= 2 && re_find(P_RANGE_YEAR, key, m.end, m.start > 30 ? m.start - 30 : s.a, &r) && r.end >= gs;
        /* "so với năm 2020", "so với cuối năm 2020": a base, never the
         * target's year */
        int is_base = is_base_year(key, s.a, gs);
        int own = skip_figures && year_of_a_figure(key, s.a, m.start);
        if (!is_date && !in_range && !is_base && !own) {
            int y = year_at(key, gs);
            if (m.start < limit)
                before = y;
            else if (!after)
                after = y;
        }
        at = m.end > at ? m.end : at + 1;
    }
    return before ? before : after;
}

static int year_in(const char *key, span s, size_t limit)
{
    return year_in_ex(key, s, limit, 0);
}

/* End year of a period range in the span ("giai đoạn 2021 - 2025" ->
 * 2025), 0 if none: a heading that names a period sets its targets' year. */
static int range_end(const char *key, span s)
{
    pl_match m;
    if (!find_in(P_RANGE_YEAR, key, s, &m))
        return 0;
    return year_at(key, m.end - 4);
}

static const pl_section *section_of(const pl_doc *doc, int idx)
{
    return idx >= 0 && (size_t)idx < doc->nsections ? &doc->sections[idx] : NULL;
}

static int key_of_title_has(const pl_doc *doc, const pl_section *s, int p)
{
    /* section titles are in flat form; match on the key of their paragraph */
    const pl_para *pa = &doc->text.paras[s->para];
    span sp = {pa->key_start, pa->key_end};
    return has(p, doc->text.key, sp);
}

/* Whether a heading's title opens with an orientation ("2. Định hướng
 * đến năm 2030", "Tầm nhìn đến năm 2045"). */
static int title_is_orientation(const pl_doc *doc, const pl_section *s)
{
    const pl_para *pa = &doc->text.paras[s->para];
    size_t k = pl_text_flat_to_key(&doc->text, pa->body);
    pl_match m;
    return re_at(P_ORIENTATION, doc->text.key, pa->key_end, k, &m);
}

/* The year of an orientation in the title ("định hướng đến năm 2030"), or 0. */
static int orientation_year(const char *key, span title)
{
    pl_match m;
    size_t gs, gl;
    if (!find_in(P_ORIENTATION, key, title, &m) || !pl_match_group(&m, 1, &gs, &gl))
        return 0;
    return year_at(key, gs);
}

/* The year the headings over a paragraph give its targets.  A heading
 * that names the objectives together with an orientation ("I. MỤC TIÊU
 * VÀ ĐỊNH HƯỚNG ĐẾN NĂM 2030", "Chương trình ... giai đoạn 2021 - 2025,
 * định hướng đến năm 2030") gives the orientation's year only to what
 * stands under the orientation ("2. Định hướng đến năm 2030"); the
 * objectives are for the period's end. */
static int section_year(const pl_doc *doc, int idx)
{
    int via_orientation = 0;
    for (const pl_section *s = section_of(doc, idx); s; s = section_of(doc, s->parent)) {
        const pl_para *pa = &doc->text.paras[s->para];
        span sp = {pa->key_start, pa->key_end};
        /* only the heading's own title, up to its first sentence */
        size_t end = sp.a + 160 < sp.b ? sp.a + 160 : sp.b;
        span title = {sp.a, end};
        via_orientation |= title_is_orientation(doc, s);
        int y = year_in(doc->text.key, title, title.b);
        if (y && !via_orientation && y == orientation_year(doc->text.key, title))
            y = 0;
        if (!y && !pl_style_is_bullet(s->style))
            y = range_end(doc->text.key, title); /* "1. Giai đoạn 2021 - 2025:" */
        if (y)
            return y;
    }
    return 0;
}

static int section_objective(const pl_doc *doc, int idx)
{
    for (const pl_section *s = section_of(doc, idx); s; s = section_of(doc, s->parent)) {
        if (s->objective)
            return s->objective;
        const pl_para *pa = &doc->text.paras[s->para];
        size_t fa = pl_text_flat_to_key(&doc->text, pa->body);
        pl_match m;
        if (re_at(P_OBJECTIVE, doc->text.key, pa->key_end, fa, &m)) {
            size_t gs, gl;
            pl_match_group(&m, 1, &gs, &gl);
            return atoi(doc->text.key + gs);
        }
    }
    return 0;
}

/* Whether a heading announces targets itself (1), or leaves it to the
 * heading above (-1). */
static int target_heading(const pl_doc *doc, const pl_section *s)
{
    return s->objective || s->style == PL_STYLE_OBJECTIVE || s->style == PL_STYLE_INDICATOR ||
                   key_of_title_has(doc, s, P_TARGET_CUE)
               ? 1
               : -1;
}

/* The title of a heading, its first 80 bytes (not its body text); a
 * heading that is only its marker ("PHẦN THỨ NHẤT") has its title on the
 * next paragraph ("ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN ..."). */
static span heading_title(const pl_doc *doc, const pl_section *s)
{
    enum { TITLE_BYTES = 80 };
    const pl_text *tx = &doc->text;
    const pl_para *pa = &tx->paras[s->para];
    size_t body = pl_text_flat_to_key(tx, pa->body);
    if (body >= pa->key_end && (size_t)s->para + 1 < tx->nparas &&
        tx->paras[s->para + 1].kind == PL_PARA_TEXT)
        pa = &tx->paras[s->para + 1];
    span t = {pa->key_start, pa->key_start + TITLE_BYTES < pa->key_end ? pa->key_start + TITLE_BYTES
                                                                       : pa->key_end};
    return t;
}

/* Whether a heading makes what stands under it a situation (1), not
 * one (0), or leaves it to the heading above (-1). */
static int situation_heading(const pl_doc *doc, const pl_section *s)
{
    if (s->objective || s->style == PL_STYLE_OBJECTIVE || s->style == PL_STYLE_INDICATOR)
        return 0;
    if (pl_style_is_bullet(s->style))
        return -1;
    span t = heading_title(doc, s);
    return has(P_SITUATION, doc->text.key, t) && !has(P_TARGET_CUE, doc->text.key, t) ? 1 : -1;
}

/* What the headings over section idx say, the nearest that says 1 or 0
 * (target_heading, situation_heading), or 0.  A section's answer is
 * remembered in memo (1: no, 2: yes; see ctx) for it and for every
 * heading the walk passed, which left it to the same answer: each
 * heading's title is read once per document, not once per paragraph and
 * descendant under it. */
static int under_heading(const pl_doc *doc, int idx, unsigned char *memo,
                         int (*says)(const pl_doc *, const pl_section *))
{
    int r = 0;
    const pl_section *s;
    for (s = section_of(doc, idx); s; s = section_of(doc, s->parent)) {
        if (memo && memo[s - doc->sections]) {
            r = memo[s - doc->sections] == 2;
            break;
        }
        int own = says(doc, s);
        if (own >= 0) {
            r = own;
            break;
        }
    }
    for (const pl_section *t = section_of(doc, idx); memo && t && t != s;
         t = section_of(doc, t->parent))
        memo[t - doc->sections] = (unsigned char)(1 + r);
    if (memo && s && !memo[s - doc->sections])
        memo[s - doc->sections] = (unsigned char)(1 + r);
    return r;
}

/* "Định hướng đến năm 2030: ..." stands outside the numbered objectives
 * (782/QĐ-TTg: "1. Mục tiêu" then "2. Định hướng đến năm 2030"). */
static int starts_orientation(const pl_doc *doc, size_t pi)
{
    const pl_para *p = &doc->text.paras[pi];
    size_t k = pl_text_flat_to_key(&doc->text, p->body);
    const pl_vocab_list *l = pl_vocab("orientation-openers");
    for (size_t i = 0; i < l->n; i++)
        if (p->key_end - k >= l->v[i].key_len &&
            memcmp(doc->text.key + k, l->v[i].key, l->v[i].key_len) == 0)
            return 1;
    return 0;
}

static int push_target(ctx *c, const pl_target *t)
{
    pl_doc *doc = c->doc;
    if (doc->ntargets == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        pl_target *p = realloc(doc->targets, nc * sizeof *p);
        if (!p)
            return -1;
        doc->targets = p;
        c->cap = nc;
    }
    doc->targets[doc->ntargets++] = *t;
    return 0;
}

/* The low end of a range that ends with the percentage matched by m, or
 * 0.  A range is narrow: its low end is at least half its high end, so
 * "Chỉ tiêu 1 - 90% cán bộ" is a numbered item, not a range from 1. */
static int range_low(const char *key, span sent, const pl_match *m, span *low)
{
    size_t from = m->start > sent.a + 24 ? m->start - 24 : sent.a;
    while (from > sent.a && ((unsigned char)key[from] & 0xC0) == 0x80)
        from++;
    pl_match r;
    if (!find_in(P_RANGE_LOW, key, (span){from, m->start}, &r))
        return 0;
    size_t gs, gl, hs, hl;
    pl_match_group(&r, 1, &gs, &gl);
    pl_match_group(m, 1, &hs, &hl);
    double lo = parse_value(key + gs, gl), hi = parse_value(key + hs, hl);
    if (!(lo < hi && lo * 2 >= hi))
        return 0;
    low->a = gs;
    low->b = gs + gl;
    return 1;
}

/* Find the numbers of a sentence (a range is one number). */
static size_t find_numbers(const char *key, span sent, number *nb, size_t max)
{
    size_t n = 0, at = sent.a;
    pl_match m;
    while (n < max && at < sent.b && find_in(P_PERCENT, key, (span){at, sent.b}, &m)) {
        span value, low;
        pl_match_group(&m, 1, &value.a, &value.b);
        value.b += value.a;
        size_t us, ul;
        pl_match_group(&m, 2, &us, &ul);
        int unit = key[us] == '%' ? U_PERCENT : key[us] == '/' ? U_PER100K : U_PERMILLE;
        at = m.end;
        if (range_low(key, sent, &m, &low)) {
            if (n > 0 && nb[n - 1].value.a == low.a && !(nb[n - 1].high.b > nb[n - 1].high.a)) {
                nb[n - 1].high = value; /* "80% đến 90%": one number */
                nb[n - 1].num.b = m.end;
                continue;
            }
            if (n == 0 || low.a >= nb[n - 1].num.b) {
                memset(&nb[n], 0, sizeof nb[n]);
                nb[n].num = (span){low.a, m.end};
                nb[n].value = low;
                nb[n].high = value;
                nb[n].unit = unit;
                n++;
                continue;
            }
        }
        memset(&nb[n], 0, sizeof nb[n]);
        nb[n].num = (span){m.start, m.end};
        nb[n].value = value;
        nb[n].unit = unit;
        n++;
    }
    return n;
}

/* The change a "change-verbs" entry makes. */
static pl_change change_of(const pl_vocab_entry *verb)
{
    const char *c = verb ? pl_vocab_attr(verb, "change") : NULL;
    return c && strcmp(c, "decrease") == 0 ? PL_CHANGE_DECREASE : PL_CHANGE_INCREASE;
}

/* "giảm 20% số trẻ em", "hằng năm tăng từ 5 - 10%": the verb right before
 * the figure (and its comparator) makes it a change; its clause opens at
 * the verb. */
static void find_change(const char *key, span before, number *nb)
{
    nb->lead = nb->cmp_word.a;
    size_t from = nb->cmp_word.a > before.a + 30 ? nb->cmp_word.a - 30 : before.a;
    while (from > before.a && ((unsigned char)key[from] & 0xC0) == 0x80)
        from++;
    /* "giảm xuống dưới 4,5%": the words before the figure name the level
     * reached, not the size of the change */
    const pl_vocab_entry *c =
        pl_vocab_find(comparators, key + nb->cmp_word.a, nb->cmp_word.b - nb->cmp_word.a);
    if (c && pl_vocab_attr(c, "reached"))
        return;
    pl_match m;
    if (!find_in(P_CHANGE, key, (span){from, nb->cmp_word.a}, &m))
        return;
    size_t gs, gl;
    pl_match_group(&m, 1, &gs, &gl);
    nb->change = change_of(pl_vocab_find(pl_vocab("change-verbs"), key + gs, gl));
    nb->lead = gs;
}

/* The clause around a change, from the last ',' ';' ':' before its verb
 * to the first after its figure: where "hằng năm" makes it yearly. */
static int is_per_year(const char *key, span sent, const number *nb, size_t lo)
{
    size_t a = nb->lead, b = nb->num.b;
    while (a > lo && a > sent.a && key[a - 1] != ',' && key[a - 1] != ';' && key[a - 1] != ':')
        a--;
    while (b < nb->seg.b && key[b] != ',' && key[b] != ';')
        b++;
    if (has(P_PER_YEAR, key, (span){a, b}))
        return 1;
    /* the sentence's first figure under an opening "Hằng năm," ("Hằng năm,
     * thành phố phấn đấu giảm ít nhất 5% số trẻ em ..."): the adverb
     * before the comma is the clause's */
    size_t open = sent.a;
    while (open < a && (key[open] == ' ' || key[open] == '-' || key[open] == '+'))
        open++;
    pl_match m;
    return lo == sent.a && a > open && key[a - 1] == ',' &&
           re_at(P_PER_YEAR, key, a - 1, open, &m) && m.end == a - 1;
}

static size_t skip_spaces(const char *key, size_t at, size_t end)
{
    while (at < end && key[at] == ' ')
        at++;
    return at;
}

/* The item of a list that key[a..b) stands in: back from a and on from b
 * to the nearest ';' (not including it), within `within`.  "99% trẻ em
 * hoàn thành cấp tiểu học; 45% xã có điểm vui chơi; ...": each item says
 * its own group, year and cue.  A caller that needs only the item's start
 * gives within.b = b, so nothing is scanned forward (and the other way). */
static span item_of(const char *key, span within, size_t a, size_t b)
{
    while (a > within.a && key[a - 1] != ';')
        a--;
    if (b < within.b) { /* memchr: a byte loop was 6 M of 4.6 MB of plans */
        const char *semi = memchr(key + b, ';', within.b - b);
        b = semi ? (size_t)(semi - key) : within.b;
    }
    return (span){a, b};
}

/* A yearly figure whose verb stands before its object: "duy trì mức giảm
 * số cuộc tảo hôn từ 2 đến 3% hằng năm". */
static void change_in_clause(const char *key, number *nb)
{
    const pl_vocab_list *verbs = pl_vocab("change-verbs");
    static const pl_change order[] = {PL_CHANGE_DECREASE, PL_CHANGE_INCREASE};
    for (size_t o = 0; o < sizeof order / sizeof *order; o++) /* a decrease first */
        for (size_t v = 0; v < verbs->n; v++) {
            const pl_vocab_entry *e = &verbs->v[v];
            if (change_of(e) != order[o])
                continue;
            for (size_t i = nb->verb_from; i + e->key_len + 1 <= nb->lead; i++)
                if (memcmp(key + i, e->key, e->key_len) == 0 && key[i + e->key_len] == ' ' &&
                    (i == nb->verb_from || key[i - 1] == ' ')) {
                    nb->change = order[o];
                    return;
                }
        }
}

/* "xuống dưới 10% (khu vực nội thành), 5% (khu vực ngoại thành)": a
 * parenthesis right after the figure says which part of the group it is
 * about. */
static void find_qualifier(const char *key, number *nb)
{
    size_t at = skip_spaces(key, nb->num.b, nb->seg.b);
    nb->qual.a = nb->qual.b = at;
    size_t k = at < nb->seg.b ? starts_with(key, at, nb->seg.b, "qualifier-openers") : 0;
    if (k) { /* "đối với nông thôn": up to the next clause, "và", or a time */
        size_t e = at + k;
        pl_match m;
        while (e < nb->seg.b && !strchr(",;.(", key[e]) && !and_word_at(key, e, nb->seg.b) &&
               !(key[e] == ' ' && re_at(P_YEAR, key, nb->seg.b, e + 1, &m)))
            e++;
        nb->qual.b = e;
        return;
    }
    if (at >= nb->seg.b || key[at] != '(')
        return;
    for (size_t i = at + 1; i < nb->seg.b && i < at + 80; i++)
        if (key[i] == ')') {
            nb->qual.b = i + 1;
            return;
        }
}

/* Whether a figure's group is only its qualifier, and perhaps a time:
 * "5% (khu vực ngoại thành) vào năm 2025". */
static int only_qualified(const char *key, const number *nb)
{
    if (nb->qual.b <= nb->qual.a || nb->group.a > nb->qual.a)
        return 0;
    size_t at = skip_spaces(key, nb->qual.b, nb->group.b);
    pl_match m;
    return at >= nb->group.b || key[at] == ',' || re_at(P_YEAR, key, nb->group.b, at, &m);
}

/* "giảm tỷ lệ suy dinh dưỡng ... xuống 2% so với năm 2024": a level's
 * word ("xuống", by="yes") before a figure measured from a base year names
 * the size of the cut, not the level reached: the figure is a change
 * whose verb opens its clause (change_in_clause).  So is a figure with no
 * comparator at all: "tăng tỷ lệ ... 7% so với năm 2024". */
static int reached_from_base(const char *key, span sent, const number *nb)
{
    const pl_vocab_entry *c =
        nb->cmp_word.b > nb->cmp_word.a
            ? pl_vocab_find(comparators, key + nb->cmp_word.a, nb->cmp_word.b - nb->cmp_word.a)
            : NULL;
    pl_match m;
    return (nb->cmp_word.b == nb->cmp_word.a || (c && pl_vocab_attr(c, "by"))) &&
           re_at(P_BASE_YEAR, key, sent.b, skip_spaces(key, nb->num.b, sent.b), &m);
}

/* Whether the figure's comparator sets a floor or a ceiling (aim="yes":
 * "tối thiểu 80%", "ít nhất 5%"): only a target does. */
static int aims(const char *key, const number *nb)
{
    const pl_vocab_entry *c =
        nb->cmp_word.b > nb->cmp_word.a
            ? pl_vocab_find(comparators, key + nb->cmp_word.a, nb->cmp_word.b - nb->cmp_word.a)
            : NULL;
    return c && pl_vocab_attr(c, "aim");
}

static void cut_segments(const char *key, span sent, number *nb, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        span before = {i ? nb[i - 1].num.b : sent.a, nb[i].num.a};
        find_comparator(key, before, &nb[i]);
        find_change(key, before, &nb[i]);
    }
    for (size_t i = 0; i < n; i++) {
        nb[i].seg.a = nb[i].lead;
        nb[i].seg.b = i + 1 < n ? nb[i + 1].lead : sent.b;
        find_qualifier(key, &nb[i]);
    }
    for (size_t i = 0; i < n; i++) {
        size_t lo = i ? nb[i - 1].num.b : sent.a, a = nb[i].lead;
        while (a > lo && key[a - 1] != ',' && key[a - 1] != ';' && key[a - 1] != ':')
            a--;
        nb[i].verb_from = a;
        nb[i].pre = (span){a, nb[i].lead};
        /* "96,5% trường học có dịch vụ hỗ trợ tâm lý và 45% xã có điểm
         * vui chơi": from the figure before, the words up to "và" are its
         * group (own_pre) */
        if (i > 0 && a == lo)
            for (size_t j = nb[i].lead; j-- > a;)
                if (and_word_at(key, j, nb[i].lead + 1)) {
                    nb[i].pre_own = j;
                    break;
                }
        pl_match m;
        if (!nb[i].change && re_at(P_PER_YEAR, key, sent.b, skip_spaces(key, nb[i].num.b, sent.b), &m))
            change_in_clause(key, &nb[i]); /* "giảm số cuộc tảo hôn từ 2 đến 3% hằng năm" */
        else if (!nb[i].change && reached_from_base(key, sent, &nb[i]))
            change_in_clause(key, &nb[i]); /* "giảm tỷ lệ ... xuống 2% so với năm 2024" */
        else if (!nb[i].change && aims(key, &nb[i]) &&
                 re_at(P_RELATIVE, key, sent.b, nb[i].num.b, &m))
            change_in_clause(key, &nb[i]); /* "tăng tỷ lệ ... tối thiểu 7% so với năm trước" */
        if (nb[i].change)
            nb[i].per_year = is_per_year(key, sent, &nb[i], lo);
    }
}

/* The clause a rate's group lives in: back from the number to the last
 * ';' / ':' or the previous number, then forward to "tỷ lệ". */
static void find_rate(const char *key, span sent, number *nb, size_t i, number *all)
{
    size_t lo = i ? all[i - 1].num.b : sent.a;
    size_t a = nb->cmp_word.a;
    while (a > lo && key[a - 1] != ';' && key[a - 1] != ':')
        a--;
    span clause = {a, nb->cmp_word.a};
    pl_match m;
    /* "giảm 2% tỷ lệ A và 1% tỷ lệ B": a figure right before a rate word
     * is the size of that rate's change; the rate word before it is the
     * figure before's */
    if (re_at(P_RATE_WORD, key, nb->seg.b, skip_spaces(key, nb->num.b, nb->seg.b), &m))
        return;
    if (!find_in(P_RATE_WORD, key, clause, &m))
        return;
    /* what follows the number must not be a group of its own */
    span after = trim_span(key, (span){nb->num.b, nb->seg.b});
    if (after.b - after.a > 2 && !(key[nb->num.b] == ';' || key[nb->num.b] == '.' ||
                                   (nb->num.b + 1 < nb->seg.b && key[nb->num.b + 1] == ';')))
        if (find_predicate(key, after, &(size_t){0}))
            return;
    nb->is_rate = 1;
    nb->clause.a = a;
    nb->clause.b = nb->num.b;
    nb->group.a = m.end;
    nb->group.b = nb->cmp_word.a;
    /* stop the group at the verb of change: "... từ 5 đến 17 tuổi xuống" */
    nb->group = trim_span(key, nb->group);
}

/* Whether the figure ends its clause: nothing after it but a connector
 * to the next clause ("và", ',', ';', '.') or the base of a change ("so
 * với năm 2020"). */
static int figure_ends_clause(const char *key, const number *nb)
{
    size_t at = skip_spaces(key, nb->num.b, nb->seg.b);
    if (at >= nb->seg.b || strchr(",;.", key[at]))
        return 1;
    pl_match m;
    return (at > 0 && and_word_at(key, at - 1, nb->seg.b)) ||
           re_at(P_RELATIVE, key, nb->seg.b, at, &m);
}

/* "phấn đấu có 130/159 xã, phường đạt tiêu chuẩn ..., chiếm tỉ lệ 82%":
 * a statistic verb of share (share="yes") right before the figure, with
 * nothing after the figure in its clause, after a cue that makes the
 * count a target (`share-target-cues`) in the same item.  1 and the
 * count's words (from the item's start to the verb) in *count, or 0. */
static int share_of_target(const char *key, span sent, const number *nb, span *count)
{
    if (nb->cmp_word.b > nb->cmp_word.a || nb->change || !figure_ends_clause(key, nb))
        return 0;
    size_t b = nb->lead;
    while (b > sent.a && key[b - 1] == ' ')
        b--;
    const pl_vocab_entry *v = ends_with(key, sent.a, b, "statistic-verbs", "");
    if (!v || !pl_vocab_attr(v, "share"))
        return 0;
    size_t verb = b - v->key_len, a = item_of(key, (span){sent.a, verb}, verb, verb).a;
    if (!contains_any(key, a, verb, "share-target-cues"))
        return 0;
    *count = trim_span(key, (span){a, verb});
    return count->b > count->a;
}

/* A figure after "và" that names a group of its own ("... và 45% xã có
 * điểm vui chơi") is not about the words before the "và": they are the
 * figure before's group.  One whose words after it are only a time ("và
 * 70% vào năm 2030") keeps them. */
static void own_pre(const char *key, number *nb)
{
    span g = nb->group;
    if (!nb->pre_own || g.b <= g.a || starts_with(key, g.a, g.b, "year-prepositions") ||
        starts_with(key, g.a, g.b, "year-words"))
        return;
    nb->pre.a = nb->pre_own;
}

static void find_group(const char *key, number *nb)
{
    span rest = {nb->num.b, nb->seg.b};
    /* "tử vong do đuối nước giảm ít nhất 10% và ...": the subject of a
     * change stands before its verb */
    span before = trim_span(key, (span){nb->verb_from, nb->lead});
    if (nb->change && before.b > before.a && figure_ends_clause(key, nb)) {
        nb->group = before;
        return;
    }
    /* the group ends with its clause: "60% trẻ em ... biết bơi; 150.000
     * ngôi nhà ..." */
    rest.b = item_of(key, rest, rest.a, rest.a).b;
    size_t ps;
    if (find_predicate(key, rest, &ps)) {
        size_t p = ps + (key[ps] == ' ' ? 1 : 0);
        nb->group = trim_span(key, (span){nb->num.b, p});
        nb->predicate = trim_span(key, (span){p, nb->seg.b});
    } else {
        nb->group = trim_span(key, rest);
    }
}

/* The base year of a change ("giảm 15% ... so với năm 2021"), 0 if none. */
static int base_year(const char *key, const number *nb)
{
    pl_match m;
    size_t gs, gl;
    if (!find_in(P_BASE_YEAR, key, (span){nb->num.b, nb->seg.b}, &m) ||
        !pl_match_group(&m, 1, &gs, &gl))
        return 0;
    return year_at(key, gs);
}

/* Is a change a target?  A yearly one, or one under a target heading or
 * cue, or with a year of its own ("giảm 10% ... năm 2025"); never one
 * measured against the past without a year ("tăng 0,4% so với năm học
 * trước", "so với cùng kỳ"): that is a result. */
/* Whether a modal of duty ("phải", "cần": change-modals) stands right
 * before the change verb at `at`, as a word of its own, and no word that
 * makes it a past or denied one (change-modal-blockers: "đã phải giảm
 * 30% lao động", "buộc phải", "không cần") stands right before it. */
static int duty_before(const char *key, size_t lo, size_t at)
{
    const pl_vocab_entry *w = ends_with(key, lo, at, "change-modals", " ");
    if (!w)
        return 0;
    size_t a = at - w->key_len - 1;
    if (a == lo || key[a - 1] == ',')
        return 1;
    if (key[a - 1] != ' ')
        return 0;
    const pl_vocab_entry *b = ends_with(key, lo, a, "change-modal-blockers", " ");
    if (!b)
        return 1;
    size_t ba = a - b->key_len - 1; /* the blocker is a word of its own */
    unsigned char ch = ba > lo ? (unsigned char)key[ba - 1] : ' ';
    return ch >= 0x80 || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
           (ch >= 'A' && ch <= 'Z');
}

static int is_change_target(const char *key, span sent, const number *nb, int in_targets)
{
    pl_match m;
    int relative = re_at(P_RELATIVE, key, nb->seg.b, nb->num.b, &m) ||
                   has(P_RELATIVE, key, (span){nb->num.b, nb->seg.b});
    if (relative && !base_year(key, nb) && !aims(key, nb))
        return 0;
    if (nb->per_year || in_targets || has(P_TARGET_CUE, key, (span){sent.a, nb->lead}) ||
        aims(key, nb) || duty_before(key, sent.a, nb->lead))
        return 1;
    span seg = {nb->num.b, nb->seg.b};
    return year_in(key, seg, seg.a) != 0; /* not its base year */
}

/* Whether "mục tiêu", "chỉ tiêu" (lead-in-cues) stands right before the
 * year phrase at `at`, or with one linking word between (year-cue-links:
 * "mục tiêu của năm 2016"): that year is the targets' own.  A cue further
 * back in the item ("Thực hiện mục tiêu Chương trình, năm 2019 tỷ lệ ...
 * giảm xuống 12%") does not name it. */
static int cue_before_year(const char *key, size_t lo, size_t at)
{
    if (ends_with(key, lo, at, "lead-in-cues", " "))
        return 1;
    const pl_vocab_entry *w = ends_with(key, lo, at, "year-cue-links", " ");
    return w && ends_with(key, lo, at - w->key_len - 1, "lead-in-cues", " ");
}

/* Whether the figure's clause dates it in the past: a bare "năm 2020"
 * (no "đến", "vào" before it) earlier than the plan's first year, or,
 * when the plan's period is unknown, than the year a lead-in set: "Năm
 * 2020, toàn tỉnh có 35% trẻ em biết bơi" after "mục tiêu đến năm 2025"
 * is a statistic. */
static int dated_in_past(const ctx *c, const char *key, span sent, const number *nb)
{
    const pl_docinfo *info = &c->doc->info;
    /* the plan's own year before a lead-in's: "Vào năm 2025, 97% ...; đến
     * năm 2030, ..." sets 2030, and a later "năm 2025 đạt 99,1%" in a plan
     * of 2021 is still ahead */
    int ref = info->period_start ? info->period_start
              : info->date.year  ? info->date.year
                                 : c->carried_year;
    if (!ref)
        return 0;
    pl_match m;
    size_t at = item_of(key, (span){sent.a, nb->lead}, nb->lead, nb->lead).a, gs, gl;
    const size_t item = at;
    while (at < nb->lead && re_find(P_YEAR, key, nb->lead, at, &m)) {
        /* "Một số mục tiêu của năm 2016 là giảm tỷ lệ ... xuống 5,5%": a
         * year named after "mục tiêu", "chỉ tiêu" is the targets' own */
        if (starts_with(key, m.start, nb->lead, "year-words") && pl_match_group(&m, 1, &gs, &gl) &&
            year_at(key, gs) < ref && !is_base_year(key, sent.a, gs) &&
            !cue_before_year(key, item, m.start))
            return 1;
        at = m.end > at ? m.end : at + 1;
    }
    return 0;
}

/* Whether key[a..b) names a year later than the plan's own date ("Năm
 * 2022, tỉnh có 95% ..." in a plan of 2021): what it has then is still
 * ahead.  0 when the plan's date is unknown. */
static int names_later_year(const ctx *c, const char *key, size_t a, size_t b)
{
    int own = c->doc->info.date.year;
    if (!own)
        return 0;
    pl_match m;
    size_t at = a, gs, gl;
    while (at < b && re_find(P_YEAR, key, b, at, &m)) {
        if (pl_match_group(&m, 1, &gs, &gl) && year_at(key, gs) > own && !is_base_year(key, a, gs))
            return 1;
        at = m.end > at ? m.end : at + 1;
    }
    return 0;
}

/* The coverage form with a verb of doing: the figure opens its sentence
 * or list item and its group goes on with one of coverage-verbs ("100%
 * các cơ quan, đơn vị tổ chức tốt các hoạt động ..."). */
static int opens_coverage_clause(const char *key, span sent, const number *nb)
{
    size_t a = nb->lead;
    while (a > sent.a && key[a - 1] != ';' && key[a - 1] != ':')
        a--;
    span before = trim_span(key, (span){a, nb->lead});
    pl_match m;
    return before.b <= before.a && find_in(P_COVERAGE_VERB, key, nb->group, &m);
}

/* Whether the sentence opens with a time that has passed or is now
 * ("Trong những năm qua, địa phương đã ...", "Hiện toàn tỉnh có ...";
 * `status-openers`): it reports results or the situation. */
static int opens_with_past(const char *key, span sent)
{
    size_t at = sent.a;
    while (at < sent.b && (key[at] == ' ' || key[at] == '-' || key[at] == '+'))
        at++;
    return at < sent.b && starts_with(key, at, sent.b, "status-openers") != 0;
}

/* Is the number a target, not a statistic? */
static int is_target(const ctx *c, const char *key, span sent, const number *nb, int in_targets)
{
    span before = {sent.a, nb->lead};
    size_t from = nb->lead > sent.a + 30 ? nb->lead - 30 : sent.a;
    while (from > sent.a && ((unsigned char)key[from] & 0xC0) == 0x80)
        from++;
    /* a cue of the item or clause before ("…; 100%", "giảm tỷ lệ … so với
     * năm 2024 và 100% …") is not this figure's */
    for (size_t i = nb->lead; i > from; i--)
        if (key[i - 1] == ';' || (key[i - 1] == ' ' && and_word_before(key, from, i - 1))) {
            from = i;
            break;
        }
    span near = {from, nb->lead};
    span seg = {nb->num.b, nb->seg.b};
    /* a result told in a later item ("...; nhờ vậy, đến nay số trường hợp
     * ... đã được kéo giảm") is not this figure's */
    span own = {seg.a, item_of(key, seg, seg.a, seg.a).b};
    if (has(P_ACHIEVED, key, own) || has(P_ACHIEVED, key, near))
        return 0;
    if (has(P_PAST, key, (span){nb->num.b, sent.b}) && !has(P_TARGET_CUE, key, before) &&
        !aims(key, nb))
        return 0;
    if (opens_with_past(key, sent) && !has(P_TARGET_CUE, key, before))
        return 0;
    pl_match pm;
    if (!nb->change && re_at(P_PAREN_CHANGE, key, sent.b, nb->num.b, &pm) &&
        !has(P_TARGET_CUE, key, before))
        return 0; /* "đạt 31,7% (tăng 0,1% so với năm học 2020-2021)" */
    if (nb->change)
        return nb->group.b > nb->group.a && is_change_target(key, sent, nb, in_targets);
    if (dated_in_past(c, key, sent, nb))
        return 0;
    if (has(P_STAT_CUE, key, near) && nb->cmp_word.a == nb->cmp_word.b && !nb->share)
        return 0;
    pl_match m;
    if (re_at(P_RELATIVE, key, seg.b, seg.a, &m))
        return 0; /* "tăng 5% so với năm 2020" */
    if (nb->group.b <= nb->group.a)
        return 0; /* a bare "100%" is not about anyone */
    if (in_targets || has(P_TARGET_CUE, key, before) || aims(key, nb))
        return 1;
    /* after a lead-in ("Cụ thể, đến năm 2020, ...", "đặt mục tiêu đến năm
     * 2025:") a figure about a group is a target; so is "70% các trường
     * trở lên ..." */
    if (c->carried_year || has(P_AT_LEAST_AFTER, key, nb->group))
        return 1;
    /* "Tỷ lệ huy động trẻ đạt 38% trẻ em nhà trẻ và 97% trẻ em mẫu giáo",
     * "B đạt 99% và C đạt 95%": the next figure of a list whose figure
     * before is a target, about a group of its own, is one too; so is a
     * figure about the subject of a target before it ("97% trẻ em hoàn
     * thành cấp tiểu học năm 2025 và đạt 99% vào năm 2030") */
    if (nb->after_target)
        return 1;
    /* "Năm 2018, huyện Vân Hồ có 95% trẻ em ...; 100% trẻ em ...": what a
     * place has, with no cue of a target: a result */
    if (has(P_HAVING, key, (span){sent.a, nb->num.b}) &&
        !names_later_year(c, key, sent.a, nb->num.b))
        return 0;
    return nb->predicate.b > nb->predicate.a || nb->shared.b > nb->shared.a || nb->is_rate ||
           opens_coverage_clause(key, sent, nb);
}

/* Whether a group only says when: "vào năm 2030", "(năm 2025)", and
 * perhaps the base of a change after it ("vào năm 2030 so với năm 2020"). */
static int only_time(const char *key, span g)
{
    pl_match m;
    if (find_in(P_BASE_YEAR, key, g, &m) && m.start > g.a)
        g.b = m.start;
    if (re_at(P_TIME_ONLY, key, g.b, g.a, &m))
        return 1;
    /* "… và đạt 100% vào năm 2030, trong đó …": the time, then a new clause */
    const char *comma = memchr(key + g.a, ',', g.b - g.a);
    return comma && re_at(P_TIME_ONLY, key, (size_t)(comma - key), g.a, &m);
}

/* A number with nothing after it but a time ("đạt trên 90% vào năm 2025
 * và trên 95% vào năm 2030"; "xuống 4,9%; đến năm 2030 xuống 4,5%") is
 * about what the number before it is about. */
static void share_subjects(const char *key, number *nb, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        number *prev = &nb[i - 1], *cur = &nb[i];
        pl_match m;
        int bare = cur->group.b <= cur->group.a || only_time(key, cur->group) ||
                   only_qualified(key, cur);
        if (cur->is_rate || !bare || (!prev->is_rate && prev->group.b <= prev->group.a))
            continue;
        /* "...; trẻ em từ 6 đến dưới 16 tuổi biết bơi đạt 80% năm 2025":
         * a clause that names its subject before the figure is not elided
         * ("...; đến năm 2030 xuống 4,5%" is) */
        size_t semi = item_of(key, (span){prev->num.b, cur->lead}, cur->lead, cur->lead).a;
        span own = trim_span(key, (span){semi, cur->lead});
        if (semi > prev->num.b && own.b > own.a &&
            !re_at(P_TIME_ONLY, key, own.b, own.a, &m))
            continue;
        cur->is_rate = prev->is_rate;
        cur->clause = prev->clause;
        cur->group = prev->group;
        cur->predicate = prev->predicate.b > prev->predicate.a ? prev->predicate : prev->shared;
        cur->elliptic = 1;
        /* "trẻ em ... biết kỹ năng an toàn trong môi trường nước đạt 80%
         * năm 2025 và 100% vào năm 2030": what the first figure's words
         * before it say, the second's are about too */
        cur->pre = prev->pre;
        /* "xuống dưới 5% vào năm 2025 và 4% vào năm 2030": the comparator
         * and the change are elided too */
        if (cur->cmp_word.a == cur->cmp_word.b)
            cur->cmp_from = prev->cmp_word.b > prev->cmp_word.a ? prev->cmp_word : prev->cmp_from;
        if (!cur->change) {
            cur->change = prev->change;
            cur->per_year = prev->per_year;
        }
    }
}

/* Whether key[a..b) holds a ';': the end of one item of a list. */
static int crosses_item(const char *key, size_t a, size_t b)
{
    return a < b && memchr(key + a, ';', b - a) != NULL;
}

/* The predicate several numbers share ("90% A và 70% B được tập huấn"):
 * a segment without one takes the next segment's, within one item of a
 * list: in "99% trẻ em hoàn thành cấp tiểu học; 45% xã có điểm vui chơi;
 * 90% trẻ em được nâng cao nhận thức" each item says its own. */
static void share_predicates(const char *key, number *nb, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        if (nb[i].is_rate || nb[i].predicate.b > nb[i].predicate.a)
            continue;
        if (i + 1 < n && !nb[i + 1].is_rate && !crosses_item(key, nb[i].num.b, nb[i + 1].lead))
            nb[i].shared = nb[i + 1].predicate.b > nb[i + 1].predicate.a ? nb[i + 1].predicate
                                                                         : nb[i + 1].shared;
    }
}

/* "Hằng năm giảm 15% số trẻ em tử vong và 10% số trẻ em bị thương do tai
 * nạn giao thông đường bộ": a figure with no verb or comparator of its
 * own, joined to a change by "và" or ',' in the same item, is a change
 * too (and yearly if that one is); the words after the last figure
 * ("do tai nạn giao thông") qualify both, so the first is classified
 * with the second's group. */
static void share_changes(const char *key, number *nb, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        number *prev = &nb[i - 1], *cur = &nb[i];
        if (cur->change || !prev->change || cur->is_rate || prev->is_rate ||
            cur->cmp_word.b > cur->cmp_word.a || crosses_item(key, prev->num.b, cur->lead))
            continue;
        size_t b = cur->lead;
        while (b > prev->num.b && key[b - 1] == ' ')
            b--;
        int joined = (b > prev->num.b && key[b - 1] == ',') ||
                     and_word_before(key, prev->num.b, b);
        if (!joined || cur->group.b <= cur->group.a)
            continue;
        cur->change = prev->change;
        cur->per_year = prev->per_year;
        if (prev->predicate.b <= prev->predicate.a)
            prev->shared = cur->group;
    }
}

/* "95% vào năm 2030", "4,5% (năm 2030)": the year right after the number
 * is its own, before any year earlier in the sentence. */
static int year_right_after(const char *key, const number *nb)
{
    size_t at = nb->num.b;
    while (at < nb->seg.b && (key[at] == ' ' || key[at] == '('))
        at++;
    pl_match m;
    size_t gs, gl;
    if (!re_at(P_YEAR, key, nb->seg.b, at, &m) || !pl_match_group(&m, 1, &gs, &gl))
        return 0;
    (void)gl;
    return year_at(key, gs);
}

/* The year in the rest of the figure's clause: "100% trường học đạt tiêu
 * chuẩn ... vào năm 2025".  Not one that opens the next figure's clause
 * ("90% A, đến năm 2030 đạt 100%", "đạt 99,1% và năm 2030 đạt 99,3%"),
 * nor past a ';'. */
static int year_in_own_clause(const char *key, const number *nb)
{
    span own = item_of(key, (span){nb->num.b, nb->seg.b}, nb->num.b, nb->num.b);
    size_t end = own.b;
    int y = year_in_ex(key, own, own.a, 1); /* not a later figure's own */
    if (!y || end < nb->seg.b)
        return y;
    pl_match m;
    size_t at = own.a, last_start = 0, last_end = 0;
    while (at < own.b && re_find(P_YEAR, key, own.b, at, &m)) {
        last_start = m.start;
        last_end = m.end;
        at = m.end;
    }
    span tail = trim_span(key, (span){last_end, own.b});
    size_t b = last_start;
    while (b > own.a && key[b - 1] == ' ')
        b--;
    /* ", đến năm 2030 đạt 100%", "và năm 2030 đạt 99,3%" */
    if (tail.b <= tail.a && b > own.a && (key[b - 1] == ',' || and_word_before(key, own.a, b)) &&
        nb->seg.b < own.b + 1 && last_start > own.a + 1)
        return 0;
    return y;
}

/* The year of a target: right after its figure ("95% vào năm 2030"),
 * else the sentence's (not a base year: "so với năm 2020"), its
 * heading's, a lead-in's, the plan's period end. */
static int target_year(ctx *c, span sent, const number *nb, int para_section)
{
    const char *key = c->doc->text.key;
    int y = year_right_after(key, nb);
    if (!y)
        y = year_in_own_clause(key, nb);
    if (!y)
        y = year_in_ex(key, sent, nb->num.a, 1);
    if (y && nb->change && y == base_year(key, nb))
        y = 0;
    if (!y && !nb->per_year) {
        /* "đạt tỷ lệ 100% trong giai đoạn 2021-2025": the end of the
         * period its own item names */
        y = range_end(key, item_of(key, sent, nb->lead, nb->num.b));
    }
    if (!y)
        y = c->context_year;
    if (!y)
        y = section_year(c->doc, para_section);
    if (!y)
        y = c->carried_year;
    if (!y)
        y = c->doc->info.period_end;
    return y;
}

static const char *unit_name(int unit)
{
    return unit == U_PERMILLE ? "‰" : unit == U_PER100K ? "per100k" : "%";
}

/* The indicator of the programme the clause is about (group and
 * predicate, or a rate's whole clause), NULL if none. */
static const pl_indicator *classify(ctx *c, const char *key, const number *nb, span pred)
{
    if (!c->program || !c->program->nindicators)
        return NULL;
    /* the group, then each other part after a space */
    span part[4];
    size_t np = 0, len = 0;
    part[np++] = nb->group;
    if (nb->is_rate)
        part[np++] = nb->clause;
    else if (pred.b > pred.a)
        part[np++] = pred;
    if (nb->qual.b > nb->qual.a) /* "(khu vực nội thành)" */
        part[np++] = nb->qual;
    if (!nb->is_rate && pred.b <= pred.a && nb->pre.b > nb->pre.a)
        /* the predicate before the figure: "hỗ trợ, can thiệp kịp thời
         * đối với 100% trẻ em có nguy cơ ..." */
        part[np++] = nb->pre;
    for (size_t i = 0; i < np; i++)
        len += part[i].b - part[i].a + (i > 0);
    /* joined and folded on the stack when short, as most clauses are
     * (three allocations a target before) */
    char jbuf[512], fbuf[2 * sizeof jbuf];
    char *cl = len < sizeof jbuf ? jbuf : malloc(len + 1), *w = cl;
    if (!cl)
        return NULL;
    for (size_t i = 0; i < np; i++) {
        if (i > 0)
            *w++ = ' ';
        memcpy(w, key + part[i].a, part[i].b - part[i].a);
        w += part[i].b - part[i].a;
    }
    *w = '\0';
    char *loose = pl_fold_loose_into(cl, len, fbuf, sizeof fbuf);
    if (cl != jbuf)
        free(cl);
    /* only indicators of the target's own kind: a rate per 100 000 is
     * never a percentage, a cut never a level */
    pl_kind kind = {unit_name(nb->unit), (pl_change)nb->change, nb->change && nb->per_year};
    const pl_indicator *ind = loose ? pl_program_match_target(c->program, loose, &kind) : NULL;
    pl_fold_loose_done(loose, fbuf);
    return ind;
}

/* Is the figure better lower?  The indicator says; else a rate of harm
 * ("tỷ lệ suy dinh dưỡng", "tỷ suất tử vong") or a rate being lowered. */
static int lower_is_better(const char *key, const number *nb, const pl_indicator *ind)
{
    if (ind)
        return ind->direction == PL_DIR_LOWER;
    if (!nb->is_rate || nb->change)
        return 0;
    span cl = nb->clause;
    if (contains_any(key, cl.a, cl.b, "lowering-words"))
        return 1;
    /* a decrease verb just before the clause: "giảm tỷ lệ ..." */
    const pl_vocab_list *verbs = pl_vocab("change-verbs");
    for (size_t i = 0; cl.a >= 8 && i < verbs->n; i++)
        if (change_of(&verbs->v[i]) == PL_CHANGE_DECREASE &&
            contains(key, cl.a - 8, cl.a, verbs->v[i].key))
            return 1;
    return contains_any(key, cl.a, cl.b, "harms");
}

static pl_cmp number_cmp(const char *key, const number *nb, int lower)
{
    pl_match m;
    size_t gs, gl;
    span w = nb->cmp_word.b > nb->cmp_word.a ? nb->cmp_word : nb->cmp_from;
    if (nb->change) /* the size of a change: at least it, or more */
        return w.b > w.a && cmp_from_words(key + w.a, w.b - w.a, 0) == PL_CMP_GT ? PL_CMP_GT
                                                                               : PL_CMP_GE;
    if (w.b > w.a)
        return cmp_from_words(key + w.a, w.b - w.a, lower);
    if (re_at(P_AT_LEAST_AFTER, key, nb->seg.b, nb->num.b, &m) &&
        pl_match_group(&m, 1, &gs, &gl)) { /* "95% trở lên", "5% trở xuống" */
        const pl_vocab_entry *e = pl_vocab_find(pl_vocab("bounds-after"), key + gs, gl);
        return e && cmp_named(pl_vocab_attr(e, "cmp")) == PL_CMP_GE ? PL_CMP_GE : PL_CMP_LE;
    }
    return lower ? PL_CMP_LE : PL_CMP_GE;
}

static int emit(ctx *c, span sent, number *nb, int para_section, int in_targets)
{
    pl_doc *doc = c->doc;
    const char *key = doc->text.key;
    if (!is_target(c, key, sent, nb, in_targets))
        return 0;
    nb->target = 1;
    span pred = nb->predicate.b > nb->predicate.a ? nb->predicate : nb->shared;

    pl_target t;
    memset(&t, 0, sizeof t);
    t.indicator = classify(c, key, nb, pred);
    int lower = lower_is_better(key, nb, t.indicator);
    t.cmp = number_cmp(key, nb, lower);
    span value = nb->value;
    if (nb->high.b > nb->high.a && !nb->change) {
        /* a range commits to its weaker end: at least the low end of a
         * coverage figure, at most the high end of a rate to lower (and
         * the smaller size of a change) */
        if (lower || t.cmp == PL_CMP_LE || t.cmp == PL_CMP_LT)
            value = nb->high;
        if (t.cmp == PL_CMP_EQ)
            t.cmp = lower ? PL_CMP_LE : PL_CMP_GE;
    }
    t.value = parse_value(key + value.a, value.b - value.a);
    snprintf(t.unit, sizeof t.unit, "%s", unit_name(nb->unit));
    t.change = nb->change;
    t.per_year = nb->change && nb->per_year;
    t.base_year = nb->change ? base_year(key, nb) : 0;
    span start = nb->is_rate && !nb->elliptic ? nb->clause : (span){nb->lead, nb->cmp_word.b};
    if (nb->is_rate && !nb->elliptic) {
        /* point at the verb or "tỷ lệ" that opens the rate phrase */
        pl_match m;
        span cl = trim_span(key, nb->clause);
        start.a = cl.a;
        if (find_in(P_RATE_WORD, key, cl, &m)) {
            start.a = m.start;
            const pl_vocab_entry *v = ends_with(key, cl.a, m.start, "rate-verbs", " ");
            if (v)
                start.a = m.start - v->key_len - 1;
        }
    }
    t.pos = pl_text_pos_key(&doc->text, start.a);
    t.value_pos = pl_text_pos_key(&doc->text, value.a);
    t.flat_start = pl_text_key_to_flat(&doc->text, start.a);
    t.flat_end = nb->seg.b < doc->text.key_len ? pl_text_key_to_flat(&doc->text, nb->seg.b)
                                               : doc->text.flat_len;
    t.para = (size_t)pl_text_para_at(&doc->text, t.flat_start);

    t.year = t.per_year ? 0 : target_year(c, sent, nb, para_section);
    t.objective = starts_orientation(doc, t.para) ? 0 : section_objective(doc, para_section);

    t.group = flat_text(doc, nb->group);
    t.text = sentence_text(doc, sent, t.flat_start);
    if (!t.group || !t.text || push_target(c, &t) != 0) {
        free(t.group);
        free(t.text);
        return -1;
    }
    return 0;
}

static int do_sentence(ctx *c, span sent, int para_section, int in_targets)
{
    const char *key = c->doc->text.key;
    number nb[PL_MAX_NUMBERS_PER_SENTENCE];
    size_t n = find_numbers(key, sent, nb, PL_MAX_NUMBERS_PER_SENTENCE);
    if (n == 0)
        return 0;
    cut_segments(key, sent, nb, n);
    for (size_t i = 0; i < n; i++) {
        /* "..., chiếm tỉ lệ 82%": a share, whose "tỉ lệ" names no rate */
        nb[i].share = share_of_target(key, sent, &nb[i], &nb[i].group);
        if (nb[i].share)
            continue;
        if (!nb[i].change)
            find_rate(key, sent, &nb[i], i, nb);
        if (!nb[i].is_rate) {
            find_group(key, &nb[i]);
            own_pre(key, &nb[i]);
        }
    }
    share_subjects(key, nb, n);
    share_predicates(key, nb, n);
    share_changes(key, nb, n);
    for (size_t i = 0; i < n; i++) {
        nb[i].after_target = i > 0 && nb[i - 1].target;
        if (emit(c, sent, &nb[i], para_section, in_targets) != 0)
            return -1;
    }
    return 0;
}

static int top_section(const pl_doc *doc, span para)
{
    long pi = pl_text_para_at(&doc->text, pl_text_key_to_flat(&doc->text, para.a));
    int top = pi >= 0 ? doc->text.paras[pi].section : -1;
    while (top >= 0 && doc->sections[top].parent >= 0)
        top = doc->sections[top].parent;
    return top;
}

/* A lead-in sets the year for what follows: "Kế hoạch đưa ra mục tiêu đến
 * năm 2025:", "Định hướng đến năm 2030:", "đặt mục tiêu đến năm 2025". */
static void update_carried_year(ctx *c, span para)
{
    const char *key = c->doc->text.key;
    pl_match m;
    if (!find_in(P_LEADIN, key, para, &m) && !re_at(P_LEADIN, key, para.b, para.a, &m) &&
        !re_at(P_LEADIN_START, key, para.b, para.a, &m))
        return;
    if (has(P_COMBINED, key, para))
        return; /* "MỤC TIÊU VÀ ĐỊNH HƯỚNG ĐẾN NĂM 2030": see section_year */
    int y = year_in(key, para, para.a + 200 < para.b ? para.a + 200 : para.b);
    if (y) {
        c->carried_year = y;
        c->carried_section = top_section(c->doc, para);
    }
}

/* Key offset of the end of the input line holding key offset at (no
 * further than end). */
static size_t caption_end(const pl_text *t, size_t at, size_t end)
{
    pl_pos pos = pl_text_pos_key(t, at);
    if (pos.line == 0 || pos.line > t->nlines)
        return end;
    const pl_line *l = &t->lines[pos.line - 1];
    size_t e = pl_text_flat_to_key(t, pl_text_nfc_to_flat(t, l->off + l->len));
    return e > at && e < end ? e : end;
}

/* Whether a sentence may hold a figure: a '%', '‰' or "/100". */
static int has_figure(const char *key, span s)
{
    return memchr(key + s.a, '%', s.b - s.a) || contains(key, s.a, s.b, "‰") ||
           contains(key, s.a, s.b, "/100");
}

/* Whether the sentence opens with "Trong đó", "Cùng với đó", ...
 * ("continuation-openers"). */
static int continues(const char *key, span sent)
{
    size_t k = starts_with(key, sent.a, sent.b, "continuation-openers");
    return k && sent.a + k < sent.b;
}

/* The stops of a paragraph's flat text, '.', '!' and '?', found with
 * memchr: pl_text_sentence_end answers 0 for every other byte, and asking
 * it of each byte was 8 M of the 2 MB sample.  next[k] is the first
 * occurrence of STOPS[k] at or after from[k] (the paragraph's flat end
 * when there is none); a position is searched again only once passed, so
 * each byte of a paragraph is searched once per stop, however many
 * sentences it has. */
static const char STOPS[3] = {'.', '!', '?'};

typedef struct stops {
    size_t next[3];
    int known[3];
} stops;

static size_t next_stop(const pl_text *t, stops *st, size_t i, size_t fb)
{
    size_t best = fb;
    for (int k = 0; k < 3; k++) {
        if (!st->known[k] || st->next[k] < i) {
            const char *q = i < fb ? memchr(t->flat + i, STOPS[k], fb - i) : NULL;
            st->next[k] = q ? (size_t)(q - t->flat) : fb;
            st->known[k] = 1;
        }
        if (st->next[k] < best)
            best = st->next[k];
    }
    return best;
}

/* Where the sentence that starts at key[at] ends (key offset, just past
 * its stop): the one sentence scanner, pl_text_sentence_end_at, reads the
 * flat text of paragraph p at each stop; b when no stop before it ends
 * one.  st: the paragraph's stops, zeroed before its first sentence. */
static size_t sentence_end(const pl_text *t, const pl_para *p, stops *st, size_t at, size_t b)
{
    size_t fb = pl_text_key_to_flat(t, b);
    for (size_t i = pl_text_key_to_flat(t, at); (i = next_stop(t, st, i, fb)) < fb; i++) {
        size_t end = pl_text_sentence_end_at(t, i, p->flat_start) ? pl_text_flat_to_key(t, i + 1) : 0;
        if (end > at) /* a sentence is never empty: the loop goes on */
            return end < b ? end : b;
    }
    return b;
}

/* under_heading's target_heading for paragraph p, asked once (*known:
 * -1 until then). */
static int targets_over(ctx *c, const pl_para *p, int *known)
{
    if (*known < 0)
        *known = under_heading(c->doc, p->section, c->target, target_heading);
    return *known;
}

/* Whether a paragraph that is no list item announces targets in the
 * items after it: it ends with ':' and holds a target cue, and no word of
 * a situation ("Đồng thời cũng đề ra các mục tiêu cụ thể sau:", not "Kết
 * quả thực hiện các chỉ tiêu như sau:"). */
/* The longest caption line, in key bytes (some 150 letters): a longer
 * line ending with "Ảnh: ..." is a paragraph with its photo's credit
 * glued on, whose figures are the body's own. */
#define CAPTION_MAX 400

static int lead_in_list(const char *key, span para)
{
    size_t b = para.b;
    while (b > para.a && key[b - 1] == ' ')
        b--;
    return b > para.a && key[b - 1] == ':' && has(P_TARGET_CUE, key, para) &&
           !has(P_SITUATION, key, para);
}

static int do_paragraph(ctx *c, size_t pi)
{
    pl_doc *doc = c->doc;
    const pl_para *p = &doc->text.paras[pi];
    const char *key = doc->text.key;
    /* a list item under a lead-in that announced targets is read as under
     * a target heading; the lead-in's cue reaches to the list's end */
    int item = pl_style_is_bullet(p->style), listed = item && c->list_cue;
    if (!item)
        c->list_cue = lead_in_list(key, (span){pl_text_flat_to_key(&doc->text, p->body), p->key_end});
    if (under_heading(doc, p->section, c->situation, situation_heading))
        return 0;
    /* the carried year does not leave the top-level part it was set in */
    int top = p->section;
    while (top >= 0 && doc->sections[top].parent >= 0)
        top = doc->sections[top].parent;
    if (top != c->carried_section && c->carried_section != -1) {
        c->carried_year = 0;
        c->carried_section = top;
    }
    /* whether a heading over the paragraph announces targets: asked only
     * for a sentence that needs it (one with a figure, or one that goes
     * on from the one before), since it reads the headings' paragraphs */
    int in_targets = -1;
    span para = {pl_text_flat_to_key(&doc->text, p->body), p->key_end};
    pl_match cap;
    if (p->first_line == p->last_line && para.b - para.a <= CAPTION_MAX && has_figure(key, para) &&
        find_in(P_CAPTION_END, key, para, &cap))
        return 0; /* a caption on a line of its own repeats the body's figures */
    size_t at = para.a;
    if (c->prev_top != top) { /* "Trong đó" does not reach into another part */
        c->prev = (span){0, 0};
        c->prev_top = top;
    }
    span *prev = &c->prev;
    stops st = {{0}, {0}};
    while (at < para.b) {
        size_t end = sentence_end(&doc->text, p, &st, at, para.b);
        span sent = {at, end};
        pl_match cm;
        if (re_at(P_CAPTION, key, end, at, &cm)) {
            /* a photo caption, glued to the paragraph after it: never a
             * target; it ends with its line */
            at = caption_end(&doc->text, at, end);
            while (at < para.b && key[at] == ' ')
                at++;
            continue;
        }
        int goes_on = prev->b > prev->a && continues(key, sent);
        c->context_year = goes_on ? year_in_ex(key, *prev, prev->b, 1) : 0;
        int cue = goes_on && (targets_over(c, p, &in_targets) || has(P_TARGET_CUE, key, *prev));
        if (has_figure(key, sent) &&
            do_sentence(c, sent, p->section, listed || targets_over(c, p, &in_targets) || cue) != 0)
            return -1;
        c->context_year = 0;
        update_carried_year(c, sent);
        if (!goes_on)
            *prev = sent;
        at = end;
        while (at < para.b && key[at] == ' ')
            at++;
    }
    return 0;
}

/* ---- tables -------------------------------------------------------------- */

/* Targets in tables: under "Chỉ tiêu | Năm 2025 | Năm 2030", the row
 * "Tỷ lệ trẻ em ... được tiếp cận giáo dục (%) | 90 | 95" holds two.  A
 * cell that holds only a value is a target about its row's label, for the
 * year its column's header names.  The readers write a row as its cells
 * joined by '|' on one line (HTML, text tables), or as its first cell and
 * then one line per later cell starting with '|' (DOCX).  A cell with a
 * sentence in it is read as prose by the paragraphs above. */

#define TABLE_MAX_CELLS 24
/* A label is a phrase; a longer cell is prose (and each target copies its
 * label and row: the caps keep a pathological row from multiplying). */
#define TABLE_LABEL_MAX 600
#define TABLE_TEXT_MAX 1200

typedef struct row {
    size_t first, last;               /* lines */
    span cell[TABLE_MAX_CELLS];       /* trimmed, in the NFC text */
    size_t n;
} row;

static span trim_nfc(const char *s, span x)
{
    while (x.a < x.b && (s[x.a] == ' ' || s[x.a] == '\t' || s[x.a] == '*'))
        x.a++;
    while (x.b > x.a && (s[x.b - 1] == ' ' || s[x.b - 1] == '\t' || s[x.b - 1] == '*'))
        x.b--;
    return x;
}

static span line_span(const pl_text *t, size_t li)
{
    return trim_nfc(t->nfc, (span){t->lines[li].off, t->lines[li].off + t->lines[li].len});
}

/* A DOCX later cell: the line starts with '|' and has no other. */
static int is_cell_line(const pl_text *t, size_t li)
{
    span l = line_span(t, li);
    return l.b > l.a && t->nfc[l.a] == '|' && !memchr(t->nfc + l.a + 1, '|', l.b - l.a - 1);
}

static void add_cell(const pl_text *t, row *r, span c)
{
    if (r->n < TABLE_MAX_CELLS)
        r->cell[r->n++] = trim_nfc(t->nfc, c);
}

/* The row starting at line li, if one does; *next is the line after it. */
static int read_row(const pl_text *t, size_t li, row *r, size_t *next)
{
    span l = line_span(t, li);
    r->n = 0;
    r->first = r->last = li;
    *next = li + 1;
    /* a row's first cell may be its ordinal alone ("1"), which the line
     * reader takes for a page number: the cells after it say otherwise */
    int ordinal = t->lines[li].kind == PL_LINE_PAGENO && li + 1 < t->nlines && is_cell_line(t, li + 1);
    if (l.b == l.a || (t->lines[li].kind != PL_LINE_TEXT && !ordinal) || is_cell_line(t, li))
        return 0;
    const char *bar = memchr(t->nfc + l.a, '|', l.b - l.a);
    if (bar) { /* "a | b | c" or "| a | b |" */
        size_t a = l.a;
        if (t->nfc[a] == '|')
            a++;
        for (size_t i = a; i <= l.b; i++)
            if (i == l.b || t->nfc[i] == '|') {
                if (!(i == l.b && i == a)) /* no empty cell after a closing '|' */
                    add_cell(t, r, (span){a, i});
                a = i + 1;
            }
    } else if (li + 1 < t->nlines && is_cell_line(t, li + 1)) {
        add_cell(t, r, l);
        size_t k = li + 1;
        for (; k < t->nlines && is_cell_line(t, k); k++) {
            span c = line_span(t, k);
            add_cell(t, r, (span){c.a + 1, c.b});
        }
        r->last = k - 1;
        *next = k;
    }
    return r->n >= 2;
}

typedef struct cell_value {
    span value;
    span cmp; /* empty if none */
    int percent;
} cell_value;

static int read_value(const pl_text *t, span c, cell_value *v)
{
    pl_match m;
    if (c.b <= c.a || !re_at(P_CELL_VALUE, t->nfc, c.b, c.a, &m))
        return 0;
    size_t gs, gl;
    memset(v, 0, sizeof *v);
    if (pl_match_group(&m, 1, &gs, &gl))
        v->cmp = (span){gs, gs + gl};
    pl_match_group(&m, 2, &gs, &gl);
    v->value = (span){gs, gs + gl};
    v->percent = pl_match_group(&m, 3, &gs, &gl);
    return 1;
}

static size_t letters_in(const char *s, span c)
{
    size_t n = 0;
    for (size_t i = c.a; i < c.b;) {
        int32_t cp;
        int k = pl_utf8_next(s, c.b, i, &cp);
        if (k < 0)
            break;
        n += pl_is_letter(cp) != 0;
        i += (size_t)k;
    }
    return n;
}

/* The row's label: its longest cell with words in it, not a value. */
static long row_label(const pl_text *t, const row *r)
{
    long best = -1;
    size_t most = 2;
    cell_value v;
    for (size_t i = 0; i < r->n; i++) {
        if (r->cell[i].b - r->cell[i].a > TABLE_LABEL_MAX)
            continue;
        size_t n = letters_in(t->nfc, r->cell[i]);
        if (n > most && !read_value(t, r->cell[i], &v)) {
            most = n;
            best = (long)i;
        }
    }
    return best;
}

static int has_byte(const char *s, span c, char b)
{
    return c.b > c.a && memchr(s + c.a, b, c.b - c.a) != NULL;
}

/* The last year a cell names ("Năm 2025", "Giai đoạn 2021-2025"), or 0. */
static int cell_year(const pl_text *t, span c)
{
    pl_match m;
    int y = 0;
    for (size_t at = c.a; at < c.b && re_find(P_CELL_YEAR, t->nfc, c.b, at, &m);
         at = m.end)
        y = (int)strtol(t->nfc + m.start, NULL, 10);
    return y;
}

/* A header: a row with a year in some cell and no value in any. */
static int is_header(const pl_text *t, const row *r)
{
    int years = 0;
    cell_value v;
    for (size_t i = 0; i < r->n; i++) {
        int y = cell_year(t, r->cell[i]);
        if (read_value(t, r->cell[i], &v) && !(y && !v.percent))
            return 0;
        years |= y != 0;
    }
    return years;
}

/* Header cell over column col, aligned from the right (a merged first
 * header cell leaves the header a cell short). */
static const span *header_cell(const row *h, const row *r, size_t col)
{
    if (!h || r->n - col > h->n)
        return NULL;
    return &h->cell[h->n - (r->n - col)];
}

/* Key offset of NFC offset off (the table code reads cells in the NFC
 * text; words are compared in the key's lower case, as in prose). */
static size_t nfc_to_key(const pl_text *t, size_t off)
{
    return pl_text_flat_to_key(t, pl_text_nfc_to_flat(t, off));
}

static pl_cmp cell_cmp(const pl_text *t, span c, const pl_indicator *ind)
{
    static const struct {
        const char *sym;
        pl_cmp cmp;
    } map[] = {{">=", PL_CMP_GE}, {"<=", PL_CMP_LE}, {"≥", PL_CMP_GE},
               {"≤", PL_CMP_LE},  {">", PL_CMP_GT},  {"<", PL_CMP_LT}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (c.b - c.a == strlen(map[i].sym) && memcmp(t->nfc + c.a, map[i].sym, c.b - c.a) == 0)
            return map[i].cmp;
    if (c.b > c.a) { /* trên, dưới, ít nhất, tối đa, ...: as in prose */
        size_t ka = nfc_to_key(t, c.a), kb = nfc_to_key(t, c.b);
        return cmp_from_words(t->key + ka, kb - ka, ind && ind->direction == PL_DIR_LOWER);
    }
    /* a bare value: the level to reach, in the indicator's direction */
    return ind && ind->direction == PL_DIR_LOWER ? PL_CMP_LE : PL_CMP_GE;
}

static char *row_text(const pl_text *t, const row *r)
{
    span all = {r->cell[0].a, r->cell[r->n - 1].b};
    if (all.b - all.a > TABLE_TEXT_MAX) { /* cut at a character boundary */
        all.b = all.a + TABLE_TEXT_MAX;
        while (all.b > all.a && ((unsigned char)t->nfc[all.b] & 0xC0) == 0x80)
            all.b--;
    }
    char *s = pl_strndup(t->nfc + all.a, all.b - all.a);
    for (char *p = s; p && *p; p++)
        if (*p == '\n')
            *p = ' ';
    return s;
}

static int emit_cell(ctx *c, const row *r, size_t col, const cell_value *v, long label,
                     const row *header, const pl_para *para)
{
    pl_doc *doc = c->doc;
    const pl_text *t = &doc->text;
    span lab = r->cell[label];
    pl_target tg;
    memset(&tg, 0, sizeof tg);
    char *loose = pl_fold_loose(t->nfc + lab.a, lab.b - lab.a);
    if (!loose)
        return -1;
    pl_kind kind = {"%", PL_CHANGE_NONE, 0}; /* table cells are percentages */
    if (c->program && c->program->nindicators)
        tg.indicator = pl_program_match_target(c->program, loose, &kind);
    free(loose);
    tg.value = parse_value(t->nfc + v->value.a, v->value.b - v->value.a);
    tg.cmp = cell_cmp(t, v->cmp, tg.indicator);
    memcpy(tg.unit, "%", 2);
    const span *hc = header_cell(header, r, col);
    tg.year = hc ? cell_year(t, *hc) : 0;
    if (!tg.year)
        tg.year = section_year(doc, para->section);
    if (!tg.year)
        tg.year = doc->info.period_end;
    tg.objective = section_objective(doc, para->section);
    tg.pos = pl_text_pos_nfc(t, lab.a);
    tg.value_pos = pl_text_pos_nfc(t, v->value.a);
    tg.flat_start = pl_text_nfc_to_flat(t, lab.a);
    tg.flat_end = pl_text_nfc_to_flat(t, r->cell[col].b);
    long pi = pl_text_para_at(t, tg.flat_start);
    tg.para = pi < 0 ? 0 : (size_t)pi;
    tg.group = pl_strndup(t->nfc + lab.a, lab.b - lab.a);
    tg.text = row_text(t, r);
    if (!tg.group || !tg.text || push_target(c, &tg) != 0) {
        free(tg.group);
        free(tg.text);
        return -1;
    }
    return 0;
}

/* Is the row's figure a percentage?  2: a '%' says so, in the cell, in
 * the label ("(%)"), in the column's header or a unit cell ("ĐVT: %"); 1:
 * the label names a rate ("Tỷ lệ"); 0: not one. */
static int percent_row(const pl_text *t, const row *r, const cell_value *v, long label,
                       const span *hc)
{
    if (v->percent || has_byte(t->nfc, r->cell[label], '%') || (hc && has_byte(t->nfc, *hc, '%')))
        return 2;
    for (size_t i = 0; i < r->n; i++)
        if (r->cell[i].b - r->cell[i].a == 1 && t->nfc[r->cell[i].a] == '%')
            return 2;
    size_t k = nfc_to_key(t, r->cell[label].a), kb = nfc_to_key(t, r->cell[label].b);
    const pl_vocab_list *rate = pl_vocab("rate-label-words");
    for (size_t i = 0; i < rate->n; i++)
        if (kb - k >= rate->v[i].key_len && memcmp(t->key + k, rate->v[i].key, rate->v[i].key_len) == 0)
            return 1;
    return 0;
}

static int do_row(ctx *c, const row *r, const row *header)
{
    pl_doc *doc = c->doc;
    long label = row_label(&doc->text, r);
    if (label < 0)
        return 0;
    /* the label's paragraph: an ordinal cell before it may stand outside
     * any */
    long pi = pl_text_para_at(&doc->text, pl_text_nfc_to_flat(&doc->text, r->cell[label].a));
    if (pi < (long)doc->info.header_end || (size_t)pi >= doc->info.end_start)
        return 0;
    const pl_para *para = &doc->text.paras[pi];
    if (under_heading(doc, para->section, c->situation, situation_heading))
        return 0;
    for (size_t col = 0; col < r->n; col++) {
        cell_value v;
        /* a row reads label, then figures: a number before the label
         * is its ordinal ("TT") */
        if ((long)col <= label || !read_value(&doc->text, r->cell[col], &v))
            continue;
        const span *hc = header_cell(header, r, col);
        int percent = percent_row(&doc->text, r, &v, label, hc);
        if (!percent)
            continue;
        /* a count or a year, not a share, unless a '%' says it is one
         * ("105" under "%": a value out of range, for the checks) */
        if (percent < 2 && parse_value(doc->text.nfc + v.value.a, v.value.b - v.value.a) > 100)
            continue;
        if (emit_cell(c, r, col, &v, label, header, para) != 0)
            return -1;
    }
    return 0;
}

static int do_tables(ctx *c)
{
    const pl_text *t = &c->doc->text;
    if (!memchr(t->nfc, '|', t->nfc_len))
        return 0; /* both forms of a row have a '|': most plans have no table */
    row r, header;
    int have_header = 0;
    for (size_t li = 0, next; li < t->nlines; li = next) {
        if (!read_row(t, li, &r, &next)) {
            if (t->lines[li].kind == PL_LINE_TEXT && !is_cell_line(t, li))
                have_header = 0; /* prose between tables */
            continue;
        }
        if (is_header(t, &r)) {
            header = r;
            have_header = 1;
            continue;
        }
        if (do_row(c, &r, have_header ? &header : NULL) != 0)
            return -1;
    }
    return 0;
}

/* Document order: table targets were found after the prose ones. */
static int by_position(const void *a, const void *b)
{
    const pl_target *x = a, *y = b;
    if (x->flat_start != y->flat_start)
        return x->flat_start < y->flat_start ? -1 : 1;
    return x->value_pos.byte < y->value_pos.byte ? -1 : x->value_pos.byte > y->value_pos.byte;
}

/* A headline: a one-line paragraph without a label or a closing stop
 * ("Phấn đấu 90% trẻ em biết bơi"), the first of the body or of a news
 * item. */
static int is_headline(const pl_doc *doc, size_t pi)
{
    const pl_para *p = &doc->text.paras[pi];
    if (p->style != PL_STYLE_NONE || p->first_line != p->last_line)
        return 0;
    if (pi != doc->info.header_end && doc->info.form != PL_FORM_SUMMARY)
        return 0;
    size_t b = p->key_end;
    while (b > p->key_start && doc->text.key[b - 1] == ' ')
        b--;
    return b > p->key_start && !strchr(".;:!?", doc->text.key[b - 1]);
}

static int same_figure(const pl_target *a, const pl_target *b)
{
    return a->value == b->value && a->cmp == b->cmp && a->change == b->change &&
           strcmp(a->unit, b->unit) == 0;
}

/* A headline repeats a target of the body: the body's is the target. */
static void drop_headlines(pl_doc *doc, size_t from)
{
    size_t k = from;
    for (size_t i = from; i < doc->ntargets; i++) {
        pl_target *t = &doc->targets[i];
        int repeat = 0;
        if (is_headline(doc, t->para))
            for (size_t j = from; j < doc->ntargets && !repeat; j++)
                repeat = j != i && doc->targets[j].para != t->para &&
                         same_figure(t, &doc->targets[j]);
        if (repeat) {
            free(t->group);
            free(t->text);
        } else {
            doc->targets[k++] = *t;
        }
    }
    doc->ntargets = k;
}

int pl_targets_extract(pl_doc *doc)
{
    pthread_once(&once, compile);
    /* indicators come only from the programme the plan implements: a plan
     * of a programme planlint does not know has none (docs/CONTRACT.md §3.5) */
    ctx c = {doc, 0, 0, -1, 0, {0, 0}, -2, doc->info.program, NULL, NULL, 0};
    if (doc->nsections) {
        c.situation = calloc(doc->nsections, 1);
        c.target = calloc(doc->nsections, 1);
    }
    marks_find(doc->text.key, doc->text.key_len);
    int r = 0;
    for (size_t i = doc->info.header_end; i < doc->info.end_start && i < doc->text.nparas; i++)
        if (do_paragraph(&c, i) != 0) {
            r = -1;
            break;
        }
    size_t prose = 0; /* the targets found in prose, before the tables' */
    if (r == 0) {
        drop_headlines(doc, 0);
        prose = doc->ntargets;
        r = do_tables(&c);
    }
    marks_free();
    free(c.situation);
    free(c.target);
    if (r != 0)
        return -1;
    if (doc->ntargets > prose)
        qsort(doc->targets, doc->ntargets, sizeof *doc->targets, by_position);
    return 0;
}

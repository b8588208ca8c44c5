/* header.c - the document's own fields (docs/CONTRACT.md §3.2).
 *
 * Where each field comes from, most trusted first:
 *   1. the header block of Nghị định 30/2020 (Điều 8, docs/VIETNAMESE-TEXT.md
 *      §5.1-§5.2): issuer lines ("ỦY BAN NHÂN DÂN / TỈNH CÀ MAU"), "Số: 98/KH-UBND",
 *      "Cà Mau, ngày 13 tháng 7 năm 2021", the type-name line "KẾ HOẠCH" and
 *      the summary (trích yếu) under it;
 *   2. the issuing sentence of the body: "Ủy ban nhân dân xã Hoằng Đức ban
 *      hành Kế hoạch ...", "Ngày 29/9/2021, Ủy ban nhân dân tỉnh ban hành Kế
 *      hoạch số 151/KH-UBND ...", "Kế hoạch 104/KH-TLĐ ... do Tổng Liên đoàn
 *      Lao động Việt Nam ban hành";
 *   3. for summaries only, the first people's committee and locality the text
 *      names ("UBND tỉnh giao ...", "tỉnh Bình Thuận đặt mục tiêu ...").
 * A field no source states stays unknown: nothing is guessed, and a draft's
 * blanks ("Số:   /KH-UBND", "ngày   tháng 6") are reported as placeholders.
 *
 * Patterns run on the key text (lower case, old tone style: "hòa", "ủy");
 * values are copied from the flat text so that they keep their capitals.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "doc.h"
#include "ident.h"
#include "marker.h"
#include "vocab.h"
#include "input.h"
#include "phrases.h"
#include "re.h"
#include "uni.h"

/* ---- vocabulary ----------------------------------------------------------
 * Every word comes from the vocabulary data: document types, "số", bodies,
 * units and openers from data/vocab/documents.xml (through vocab.h and
 * ident.h), the header's cues (motto, place-name stops, "Kính gửi", the
 * issuing verb, period and news-item words) from data/vocab/header.xml,
 * "của" from data/vocab/citations.xml.  Only the shapes of a number, a
 * date and a range of years stay here, in compile(). */

typedef pl_vocab_entry doc_type;

typedef pl_vocab_entry unit;   /* "units": name, level */
typedef pl_vocab_entry agency; /* "national-bodies", "departments": name */

static pl_level level_named(const char *s)
{
    static const struct {
        const char *name;
        pl_level level;
    } LEVELS[] = {{"national", PL_LEVEL_NATIONAL},
                  {"province", PL_LEVEL_PROVINCE},
                  {"district", PL_LEVEL_DISTRICT},
                  {"commune", PL_LEVEL_COMMUNE}};
    for (size_t i = 0; s && i < sizeof LEVELS / sizeof *LEVELS; i++)
        if (strcmp(s, LEVELS[i].name) == 0)
            return LEVELS[i].level;
    return PL_LEVEL_UNKNOWN;
}

static pl_level unit_level(const unit *u)
{
    return level_named(pl_vocab_attr(u, "level"));
}

static const char *unit_name(const unit *u)
{
    return pl_vocab_attr_or_phrase(u, "name");
}

/* How far the header block and the issuing sentence are looked for. */
#define HEADER_MAX_PARAS 25  /* the header block sits in the first paragraphs */
#define NUMBER_MAX_PARAS 8   /* "Số:" without a type-name line */
#define LETTER_MAX_PARAS 6   /* "Số:" to "Kính gửi" in a công văn */
#define LETTER_PARA_MAX_BYTES 300 /* a header line, or a V/v summary over a few */
#define ISSUING_MAX_PARAS 12 /* the issuing sentence opens the body */
#define PLACEHOLDER_LINES 15 /* draft blanks when no header block was found */
#define NAME_MAX_WORDS 6     /* "Bà Rịa - Vũng Tàu" is 4 */
#define NUMBER_WRAP_PARAS 12 /* how far the rest of a wrapped number may stand */

#define NPOS ((size_t)-1)
#define PLAIN_PARAS 48 /* para_plain remembers its answer for these */

/* The regex skeleton of a period after its word ("giai đoạn 2021 - 2025",
 * "từ năm 2021 đến năm 2025"): group 1 its first year, 2 its last.  The
 * document's own period (title, issuing sentence) is also read from a
 * copy that lost its hyphens ("GIAI ĐOẠN 20212025"). */
#define PERIOD_YEARS_WITH(q) \
    "\\s*(?:từ\\s+)?(?:năm\\s+)?(\\d{4})\\s*(?:[-–—]|đến(?:\\s+năm)?)" q "\\s*(\\d{4})(?!\\d)"
#define PERIOD_YEARS PERIOD_YEARS_WITH("")
#define PERIOD_YEARS_LOOSE PERIOD_YEARS_WITH("?") /* the separator lost */

#define COUNT(a) (sizeof(a) / sizeof *(a))

static const char *words(const char *list)
{
    return pl_vocab_alternation(pl_vocab(list));
}

/* ---- patterns ----------------------------------------------------------- */

/* The shape of a document number (PL_DOC_NUMBER and its parts) is
 * ident.h's, shared with the citations. */

enum {
    R_SO,         /* "Số: 98/KH-UBND", "Số:   /KH-UBND" (group 1 number, 2 ký hiệu) */
    R_DATE,       /* "ngày 13 tháng 7 năm 2021", "ngày 29/9/2021"; day and month optional */
    R_COMMITTEE,  /* "Ủy ban nhân dân tỉnh", "UBND TP." (group 1 unit) */
    R_PLACE,      /* "tỉnh ", "thành phố " before a name (group 1 unit) */
    R_ISSUE_FWD,  /* "ban hành Kế hoạch" (group 1 type) */
    R_ISSUE_BACK, /* "do ... ban hành" (group 1 issuer) */
    R_REF,        /* "Kế hoạch số 151/KH-UBND" (group 1 type, 2 number) */
    R_NUM_AFTER,  /* " số 151/KH-UBND" right after a type word (group 1) */
    R_PERIOD,     /* "giai đoạn 2021 – 2025" */
    R_RANGE,      /* "2021-2025" */
    R_HORIZON,    /* "định hướng đến năm 2030", "tầm nhìn đến năm 2045" */
    R_UNTIL,      /* "đến năm 2020": the last year of a plan titled so */
    R_TYPE_ANY,   /* a type name anywhere ("... triển khai kế hoạch ...") */
    R_ANNUAL,     /* "năm 2024" (not "đến năm", not a date) */
    R_APPROVED,   /* "phê duyệt Chương trình ... giai đoạn 2021-2025" */
    R_APPROVED_PASSIVE, /* "Kế hoạch ... giai đoạn 2020 - 2025 vừa được ... phê duyệt" */
    R_APPROVING_VERB, /* an approving verb as R_APPROVED_PASSIVE ends: its pre-test */
    R_SUMMARY,    /* signals of a news item or summary */
    R_DAY_MONTH,  /* "Ngày 13/3," a news item's day without its year */
    R_PH_NUMBER,  /* raw line: "Số:   /KH-UBND" (group 1 the slash) */
    R_PH_DATE,    /* raw line: "ngày   tháng 6 năm 2024" */
    R_COUNT
};

static pl_re *re[R_COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The national bodies ("national-bodies") as one phrase set, built once a
 * process: find_issuer scans a span once for all of them instead of once
 * for each (NULL when it could not be built: each is looked for alone). */
#define BODIES_MAX 256
static pl_phrases *national_set;
/* Tests turn the phrase set and the patterns' pretests off to compare
 * (pl_header_pretests). */
static _Atomic int pretests_off;

/* ---- pretests -------------------------------------------------------------
 * Some patterns open every match with a word of a list: R_SO "số" (or an
 * OCR layer's misreading of it), R_ISSUE_FWD "ban hành", R_APPROVED and
 * R_APPROVING_VERB an approving verb.  On a plain span of the key text
 * (pl_re_plain_key: a phrase matches only its own bytes, a run of blanks
 * is one space) such a match opens with one of the list's keys as bytes
 * (up to a space the key may do without: pl_vocab_space_optional), so no
 * match starts before the first of them: the search starts there, or not
 * at all when there is none.  A span that is not plain is searched from
 * its start. */
#define LEADS_MAX 64
#define LEADS_FIRST 4
typedef struct leads {
    const char *lit[LEADS_MAX];
    size_t len[LEADS_MAX];
    size_t n;
    unsigned char first[LEADS_FIRST]; /* the bytes they open with */
    size_t nfirst;
    int ok;     /* 0: no test (too many keys, or an empty one) */
    int spaced; /* a key holds a space */
} leads;

enum { L_NUMBER, L_ISSUING, L_APPROVING, L_COUNT };
static leads lead[L_COUNT];

static void leads_add(leads *l, const char *list)
{
    const pl_vocab_list *v = pl_vocab(list);
    if (v->n == 0)
        l->ok = 0; /* an empty alternation matches anywhere */
    for (size_t i = 0; i < v->n && l->ok; i++) {
        const char *w = v->v[i].key;
        size_t n = pl_vocab_fixed_lead(w);
        if (n == 0 || l->n == LEADS_MAX) {
            l->ok = 0;
            break;
        }
        unsigned char c = (unsigned char)w[0];
        if (!memchr(l->first, c, l->nfirst)) {
            if (l->nfirst == LEADS_FIRST) {
                l->ok = 0;
                break;
            }
            l->first[l->nfirst++] = c;
        }
        if (memchr(w, ' ', n))
            l->spaced = 1;
        l->lit[l->n] = w;
        l->len[l->n++] = n;
    }
}

static void build_leads(void)
{
    static const struct {
        int id;
        const char *lists[2];
    } LEADS[] = {{L_NUMBER, {"number-words", "number-word-misreads"}},
                 {L_ISSUING, {"issuing-verbs", NULL}},
                 {L_APPROVING, {"approving-verbs", NULL}}};
    for (size_t i = 0; i < sizeof LEADS / sizeof *LEADS; i++) {
        leads *l = &lead[LEADS[i].id];
        l->ok = 1;
        for (size_t k = 0; k < 2 && LEADS[i].lists[k]; k++)
            leads_add(l, LEADS[i].lists[k]);
    }
}

/* The first offset in key[a..b) where a key of `l` stands whole inside
 * [a, b), or b. */
static size_t first_lead(const leads *l, const char *key, size_t a, size_t b)
{
    size_t best = b;
    for (size_t f = 0; f < l->nfirst; f++)
        for (const char *p = key + a, *end; p < key + best; p++) {
            end = key + best;
            if ((p = memchr(p, l->first[f], (size_t)(end - p))) == NULL)
                break;
            size_t at = (size_t)(p - key), k;
            for (k = 0; k < l->n; k++)
                if (l->len[k] <= b - at && memcmp(p, l->lit[k], l->len[k]) == 0)
                    break;
            if (k < l->n) {
                best = at;
                break;
            }
        }
    return best;
}

static void build_bodies(void)
{
    const pl_vocab_list *l = pl_vocab("national-bodies");
    if (l->n == 0 || l->n > BODIES_MAX || (national_set = pl_phrases_new(l->n)) == NULL)
        return;
    for (size_t i = 0; i < l->n; i++)
        pl_phrases_add(national_set, l->v[i].key, l->v[i].key_len);
    pl_phrases_build(national_set);
}

/* Patterns run on key text, except the placeholders' (R_PH_*), which run
 * on the raw NFC lines where the blanks are: those take the NFC form of
 * the alternations (both tone styles; pl_re_must is caseless). */
static void compile(void)
{
    const char *number_word = words("number-words");
    /* the header's number line: the number (ident.h), or a blank to fill
     * in ("Số:   /KH-UBND"), or an OCR layer's reading of handwritten
     * digits ("Số: đế /QĐ-XPVPHC": the ký hiệu is read, the number is
     * not); group 1 is unset then.  An OCR layer's "Sô:" (number-word-misreads)
     * is read with its colon.  A wrapped number run into the
     * place-date line ("BYT-Hà Nội") keeps "BYT" and leaves its hyphen
     * dangling (number_rest). */
    re[R_SO] = pl_re_must_of("(?<![\\p{L}\\d])(?:(?:", number_word, ")\\s*:?|(?:",
                             words("number-word-misreads"), ")\\s*:)"
                             /* a copy that lost the type before the body's
                              * part keeps its hyphen: "Số: 1281/-UBND" */
                             "\\s*(?|(" PL_NUM_SERIAL_LINE PL_NUM_YEAR ")?\\s*/+\\s*(?:-(?=" PL_NUM_SYM_CHAR "))?"
                             "|(" PL_NUM_SERIAL_LINE ")" PL_NUM_PARTY_DASH
                             /* the type glued to the number: "176KHLT/BVCSTE-MT-..." */
                             "|([0-9]{1,5})(?=" PL_NUM_SYM_CHAR "{2,}" PL_NUM_HSPACE "/)"
                             "|(?<=:|:\\s)\\p{L}{1,3}" PL_NUM_HSPACE "/+" PL_NUM_HSPACE ")"
                             "(" PL_NUM_SYMBOL_LINE ")",
                             NULL);
    /* numeric dates keep one separator: 29/9/2021, 07.06.2016, 29-9-2021 */
    re[R_DATE] = pl_re_must_of("(?<![\\p{L}])", pl_doc_date_pattern(PL_DATE_HEADER), NULL);
    const char *units = words("units");
    /* "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ... TỈNH": a copy that runs the
     * motto's column into the issuer's */
    re[R_COMMITTEE] = pl_re_must_of("(?<![\\p{L}])(?:", words("committees"), ")\\s+(?:(?:",
                              words("nation-line"), ")\\s+(?:(?:", words("motto-line"),
                              ")\\s+)?)?(", units, "|", words("unit-misreads"),
                              ")(?![\\p{L}\\d])", NULL);
    re[R_PLACE] = pl_re_must_of("(?<![\\p{L}])(", units, ")(?![\\p{L}\\d])", NULL);
    const char *issuing = words("issuing-verbs");
    re[R_ISSUE_FWD] =
        pl_re_must_of("(?<![\\p{L}])(?:", issuing, ")\\s+(", pl_doctype_words(), ")(?![\\p{L}])", NULL);
    re[R_ISSUE_BACK] = pl_re_must_of("(?<![\\p{L}])(?:", words("issued-by"),
                               ")\\s+([^.;\\n]{2,80}?)\\s+(?:", issuing, ")(?![\\p{L}])", NULL);
    re[R_REF] = pl_re_must_of("(?<![\\p{L}])(", pl_doctype_words(), ")\\s*(?:(?:", number_word,
                        ")\\s*:?\\s*)?(" PL_DOC_NUMBER ")", NULL);
    re[R_NUM_AFTER] = pl_re_must_of("\\s*(?:(?:", number_word, ")\\s*:?\\s*)?(" PL_DOC_NUMBER ")", NULL);
    re[R_PERIOD] = pl_re_must_of("(?:", words("period-words"),
                           ")" PERIOD_YEARS_LOOSE,
                           NULL);
    re[R_RANGE] =
        pl_re_must("(?<![\\d/.])((?:19|20)\\d\\d)\\s*[-–—]\\s*((?:19|20)\\d\\d)(?![\\d/])");
    re[R_HORIZON] = pl_re_must_of("(?:", words("horizon-words"), ")\\s+(?:", words("until-words"),
                                  ")\\s+(?:năm\\s+)?(\\d{4})(?!\\d)", NULL);
    re[R_UNTIL] = pl_re_must_of("(?<![\\p{L}])(?:", words("until-words"), ")\\s+(?:năm\\s+)?"
                                "((?:19|20)\\d\\d)(?![\\d/])", NULL);
    re[R_TYPE_ANY] = pl_re_must_of("(?<![\\p{L}])(?:", pl_doctype_words(), ")(?![\\p{L}])", NULL);
    re[R_ANNUAL] = pl_re_must("(?<!đến )(?<!tới )(?<!\\d )(?<![\\p{L}])năm\\s+((?:19|20)\\d\\d)"
                              "(?![\\d/])");
    /* the period of the programme or plan an opening sentence approves;
     * the gap stops at a sentence end so that a later period is not taken */
    re[R_APPROVED] = pl_re_must_of("(?<![\\p{L}])(?:", words("approving-verbs"), ")\\s+(?:",
                                   pl_doctype_words(), ")(?![\\p{L}])[^.;\\n]{0,300}?(?:",
                                   words("period-words"),
                                   ")" PERIOD_YEARS,
                                   NULL);
    /* the same told in the passive: the plan first, its approval after
     * ("Kế hoạch hành động quốc gia ... giai đoạn 2020 – 2025 vừa được Thủ
     * tướng phê duyệt") */
    re[R_APPROVED_PASSIVE] = pl_re_must_of("(?<![\\p{L}])(?:", pl_doctype_words(),
                                           ")(?![\\p{L}])[^.;\\n]{0,300}?(?:", words("period-words"),
                                           ")" PERIOD_YEARS
                                           "[^.;\\n]{0,40}?(?<![\\p{L}])(?:", words("passive-markers"),
                                           ")(?![\\p{L}])[^.;\\n]{0,40}?(?:",
                                           words("approving-verbs"), ")(?![\\p{L}])",
                                           NULL);
    /* every match of R_APPROVED_PASSIVE holds one; the passive pattern's
     * lazy gaps cost about 280 000 instructions on an opening paragraph
     * without it */
    re[R_APPROVING_VERB] = pl_re_must_of("(?:", words("approving-verbs"), ")(?![\\p{L}])", NULL);
    re[R_DAY_MONTH] = pl_re_must("ngày\\s*\\d{1,2}\\s*([/.-])\\s*\\d{1,2}(?!\\d)(?!\\s*\\1\\s*\\d)\\s*,");
    re[R_SUMMARY] = pl_re_must_of("(?<![\\p{L}])(?:", words("summary-cues"), ")(?![\\p{L}])", NULL);
    /* blanks are spaces, or dots, an ellipsis or underscores to write on:
     * "Số:   /KH-UBND", "Số: ......./KH-UBND", "ngày …. tháng ….", "ngày __" */
    /* possessive runs: a line of a million dots is read once, not retried */
    re[R_PH_NUMBER] = pl_re_must_of("(?<![\\p{L}\\d])(?:", pl_vocab_nfc_alternation(pl_vocab("number-words")),
                              ")[^\\S\\n]*+:?[^\\S\\n]*+([.…_][.…_\\s]*+)?"
                              /* "Số:   /KH-UBND"; a party's "Số     -CTr/TU";
                               * the ký hiệu opens with a capital, so the
                               * words "số/ngày" are no blank */
                              "(?|(/)\\s*+(?-i:\\p{Lu})|(-)(?=(?-i:\\p{Lu})\\p{L}*+\\s*/))", NULL);
    re[R_PH_DATE] = pl_re_must("(?<![\\p{L}])ngày([\\s.…_]*+)(?:(\\d{1,2})[\\s.…_]*+)?tháng([\\s.…_]*+)"
                               "(?:(\\d{1,2})[\\s.…_]*+)?năm([^\\S\\n]*+)(\\d{4})?");
    build_bodies();
    build_leads();
}

/* ---- small helpers ------------------------------------------------------ */

typedef struct span {
    size_t a, b; /* key offsets, b exclusive; a == b: empty */
} span;

/* The issuing sentence of the body and what it says of the document it
 * issues (pass 2). */
typedef struct issuing {
    span sentence, subject, scope;
    const doc_type *described; /* the type word of the described document */
    span described_number;     /* its number, empty if not stated */
} issuing;

/* What the passes below find before any field is set. */
typedef struct header {
    long type_para;  /* the type-name line "KẾ HOẠCH", -1 */
    int type_inline; /* the type-name paragraph carries the title too */
    const doc_type *type;
    long title_para;  /* the summary under it, -1 */
    long number_para; /* "Số: ...", -1 */
    pl_match so;      /* its match of R_SO */
    size_t block_end; /* first paragraph after the header block; 0 = no block */
    size_t block_line; /* the input line where the issuer block may begin */
    span top;         /* header block before the type name: issuer, Số, date */
    span title;
    issuing iss; /* the issuing sentence */
    /* the issuer block of a header on one line (one_line_block), found
     * with the block */
    span one_line[3];
    size_t one_line_n;
    /* the issuing event's date told before its issuer (date_before_issuer):
     * 0 not yet asked, 1 found (in date_before), -1 none */
    int date_before_state;
    pl_match date_before;
    /* whether the key span of paragraph i is plain (pl_re_plain_key), for
     * the first paragraphs: 0 not yet asked, 1 yes, -1 no */
    signed char plain[PLAIN_PARAS];
} header;

/* Whether paragraph pi's key span is plain, asked once a document. */
static int para_plain(const pl_text *t, header *h, size_t pi)
{
    const pl_para *p = &t->paras[pi];
    if (pi < PLAIN_PARAS && h->plain[pi])
        return h->plain[pi] > 0;
    int plain = pl_re_plain_until(t->key, p->key_start, p->key_end) >= p->key_end;
    if (pi < PLAIN_PARAS)
        h->plain[pi] = plain ? 1 : -1;
    return plain;
}

/* Where a search in key[..len) for a match of a pattern that opens with a
 * key of list `id` may start, to find the first match that starts in
 * key[a..b) (b: no match can, see "pretests"); `plain`: whether key[a..b)
 * is plain.  b ends a paragraph: a key without a space cannot go on over
 * the line end after it, and a key with one only when b ends the subject
 * too. */
static size_t key_lead_from(int id, const char *key, size_t a, size_t b, size_t len, int plain)
{
    const leads *l = &lead[id];
    if (atomic_load_explicit(&pretests_off, memory_order_relaxed) || !l->ok || a >= b ||
        (b < len && (key[b] != '\n' || l->spaced)) || !plain)
        return a;
    return first_lead(l, key, a, b);
}

/* key_lead_from in paragraph pi, from a to its end. */
static size_t lead_from(const pl_text *t, header *h, size_t pi, int id, size_t a, size_t len)
{
    size_t b = t->paras[pi].key_end;
    return a < b ? key_lead_from(id, t->key, a, b, len, para_plain(t, h, pi)) : a;
}

static int group(const pl_match *m, int i, size_t *a, size_t *b)
{
    size_t s, n;
    if (!pl_match_group(m, i, &s, &n))
        return 0;
    *a = s;
    *b = s + n;
    return 1;
}

static int digits_value(const char *s, size_t a, size_t b)
{
    int v = 0;
    for (size_t i = a; i < b && i < a + 5; i++)
        if (s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (s[i] - '0');
    return v;
}

static int group_int(const pl_text *t, const pl_match *m, int i)
{
    size_t a = 0, b = 0;
    return group(m, i, &a, &b) ? digits_value(t->key, a, b) : 0;
}

static int key_starts(const pl_text *t, size_t at, size_t end, const char *word)
{
    size_t n = strlen(word);
    if (at + n > end || memcmp(t->key + at, word, n) != 0)
        return 0;
    /* a whole word: what follows is not a letter */
    int32_t cp = ' ';
    if (at + n < end)
        pl_utf8_next(t->key, end, at + n, &cp);
    return !pl_is_letter(cp);
}

/* The entry of vocabulary list `list` that key[at..end) starts with as a
 * whole word (key_starts), or NULL; the list is longest first. */
static const pl_vocab_entry *key_starts_any(const pl_text *t, size_t at, size_t end, const char *list)
{
    const pl_vocab_list *l = pl_vocab(list);
    for (size_t i = 0; i < l->n; i++)
        if (key_starts(t, at, end, l->v[i].key))
            return &l->v[i];
    return NULL;
}

/* Does key[a..b) hold nothing after entry e of motto-starts that it
 * starts with but spaces and a table's bars, up to its end or its cell's
 * end? */
static int motto_alone(const pl_text *t, size_t a, size_t b, const pl_vocab_entry *e)
{
    size_t end = a + e->key_len;
    while (end < b && (t->key[end] == ' ' || t->key[end] == '|'))
        end++;
    return end == b || t->key[end] == '\n';
}

/* Does key[a..b) start with a line of the motto of kind `line` ("nation":
 * "Cộng hòa ...", "motto": "Độc lập ...")?  An organisation's name in the
 * motto's place (attribute org: "ĐOÀN TNCS HỒ CHÍ MINH") is one only
 * alone on its line or in its cell: a body's name may begin with it
 * ("ĐOÀN TNCS HỒ CHÍ MINH TỈNH LÀO CAI"). */
static int motto_line(const pl_text *t, size_t a, size_t b, const char *line)
{
    const pl_vocab_entry *e = key_starts_any(t, a, b, "motto-starts");
    const char *kind = e ? pl_vocab_attr(e, "line") : NULL;
    if (!kind || strcmp(kind, line) != 0)
        return 0;
    return !pl_vocab_attr(e, "org") || motto_alone(t, a, b, e);
}

static int is_sep(char c) { return c == ' ' || c == '-' || c == '&'; }

/* key[at..end) starts with `phrase` as a whole word when the separators a
 * header writes or drops for want of room (' ', '-', '&') are ignored on
 * both sides: "lao động-tb&xh" is "lao động - tbxh".  The offset after
 * it, or 0.  (Bytes compare alike: the separators are ASCII.) */
static size_t starts_loosely(const pl_text *t, size_t at, size_t end, const char *phrase)
{
    size_t i = at;
    for (const char *p = phrase; *p; p++) {
        if (is_sep(*p))
            continue;
        while (i < end && is_sep(t->key[i]))
            i++;
        if (i >= end || t->key[i] != *p)
            return 0;
        i++;
    }
    int32_t cp = ' ';
    if (i < end)
        pl_utf8_next(t->key, end, i, &cp);
    return pl_is_letter(cp) ? 0 : i;
}

/* The first entry of vocabulary list `list` that key[at..end) starts with
 * loosely (starts_loosely), the offset after it in *after; NULL if none. */
static const pl_vocab_entry *starts_loosely_any(const pl_text *t, size_t at, size_t end,
                                                const char *list, size_t *after)
{
    const pl_vocab_list *l = pl_vocab(list);
    for (size_t i = 0; i < l->n; i++) {
        size_t e = starts_loosely(t, at, end, l->v[i].key);
        if (e) {
            *after = e;
            return &l->v[i];
        }
    }
    return NULL;
}

/* Is flat[at] on an input line of legacy text with no capital at all?
 * The ABC fonts' capitals (.VnTimeH) store every letter in lower case, so
 * the header lines typed in them ("ubnd tØnh h−ng yªn") decode to lower
 * case: there the names of places are recognised without their capitals,
 * up to the end of that line.  Returns the flat offset of the line's end,
 * or 0 when the line is not one of those. */
static size_t caps_font_line(const pl_text *t, size_t at)
{
    if (!t->input || (t->input->encoding != PL_ENC_TCVN3 && t->input->encoding != PL_ENC_VN1))
        return 0;
    size_t nfc = pl_omap_lookup(&t->flat_map, at), lo = 0, hi = t->nlines;
    while (hi - lo > 1) { /* the line holding nfc */
        size_t mid = lo + (hi - lo) / 2;
        if (t->lines[mid].off <= nfc)
            lo = mid;
        else
            hi = mid;
    }
    const pl_line *ln = &t->lines[lo];
    for (size_t i = ln->off; i < ln->off + ln->len;) {
        int32_t cp;
        int k = pl_utf8_next(t->nfc, ln->off + ln->len, i, &cp);
        if (k < 0 || pl_is_upper(cp))
            return 0;
        i += (size_t)k;
    }
    return pl_text_nfc_to_flat(t, ln->off + ln->len);
}

static span para_key(const pl_text *t, size_t i)
{
    span s = {t->paras[i].key_start, t->paras[i].key_end};
    return s;
}

static const doc_type *type_by_name(const pl_text *t, size_t a, size_t b)
{
    return pl_doctype_named(t->key, a, b);
}

/* The type part of a ký hiệu ("kh" in "kh-ubnd"), checked against the
 * official abbreviations; NULL for a công văn ("bgdđt-gdtrh"). */
static const doc_type *type_by_symbol(const pl_text *t, size_t a, size_t b)
{
    size_t e = a;
    while (e < b && t->key[e] != '-' && t->key[e] != '/' && t->key[e] != ' ')
        e++;
    return pl_doctype_by_symbol(t->key, a, e);
}

/* The key offset after the first n words of key[a..b). */
static size_t after_words(const pl_text *t, size_t a, size_t b, size_t n)
{
    while (a < b && t->key[a] == ' ')
        a++;
    for (; n > 0 && a < b; n--) {
        while (a < b && t->key[a] != ' ')
            a++;
        if (n > 1)
            while (a < b && t->key[a] == ' ')
                a++;
    }
    return a;
}

/* A type name with its marks lost or misread: "BIẾN BẢN" from an OCR
 * layer, "BIEN BAN" typed without them, and only when one type folds to
 * it.  Alone on its line (after == NULL), or, for a title line in
 * capitals, opening it ("BIẾN BẢN KIỂỀM TRA": an OCR layer misreads the
 * subject too); *after is then where the name ends in the key text. */
static const doc_type *type_without_marks(const pl_text *t, span s, size_t *after)
{
    enum { TYPE_LINE_MAX_BYTES = 40, TITLE_LINE_MAX_BYTES = 400 };
    if (s.b - s.a > (after ? TITLE_LINE_MAX_BYTES : TYPE_LINE_MAX_BYTES))
        return NULL;
    /* folded on the stack, the line and each name (a line a plan, some
     * thirty names: as many allocations) */
    char lbuf[2 * TITLE_LINE_MAX_BYTES + 2], nbuf[128];
    char *line = pl_fold_loose_into(t->key + s.a, s.b - s.a, lbuf, sizeof lbuf);
    if (!line)
        return NULL;
    const pl_vocab_list *types = pl_vocab("document-types");
    const doc_type *found = NULL;
    size_t found_words = 0, found_len = 0;
    int n = 0;
    for (size_t k = 0; k < types->n; k++) {
        char *name = pl_fold_loose_into(types->v[k].key, types->v[k].key_len, nbuf, sizeof nbuf);
        size_t len = name ? strlen(name) : 0;
        int match = name && strncmp(name, line, len) == 0 &&
                    (line[len] == '\0' || (after && line[len] == ' '));
        if (match && len > found_len) { /* the longest name wins */
            found = NULL;
            found_len = len;
            n = 0;
        }
        if (match && len == found_len && found != &types->v[k]) {
            /* two spellings of one type ("biên bản", a variant) are one */
            if (!found || strcmp(pl_vocab_attr_or_phrase(found, "abbr"),
                                 pl_vocab_attr_or_phrase(&types->v[k], "abbr")) != 0)
                n++;
            found = &types->v[k];
            found_words = 1;
            for (size_t c = 0; c < len; c++)
                found_words += name[c] == ' ';
        }
        pl_fold_loose_done(name, nbuf);
    }
    pl_fold_loose_done(line, lbuf);
    if (n != 1)
        return NULL;
    if (after)
        *after = after_words(t, s.a, s.b, found_words);
    return found;
}

/* key[s.a..s.b) opens with a type name, or is one without its marks. */
static const doc_type *starts_with_type(const pl_text *t, span s)
{
    const doc_type *ty = pl_doctype_starting(t->key, s.a, s.b, NULL);
    return ty ? ty : type_without_marks(t, s, NULL);
}

/* The unit written key[a..b); an OCR misreading of one is only matched
 * after the committee words (R_COMMITTEE), so any other caller finds it in
 * "units" first. */
static const unit *unit_of(const pl_text *t, size_t a, size_t b)
{
    const unit *u = pl_vocab_find(pl_vocab("units"), t->key + a, b - a);
    return u ? u : pl_vocab_find(pl_vocab("unit-misreads"), t->key + a, b - a);
}

/* A name written in capitals in the header ("HOẰNG HÓA"), or in the lower
 * case codes of a legacy capitals font ("hưng yên", caps_font_line), is
 * given the capitals of running text ("Hoằng Hóa"); other names are kept
 * as written. */
/* The vowels of Vietnamese, lower case, every tone: a syllable has one, an
 * abbreviation ("TNHH", "MTV", "PCGD", "UBND") has none. */
static const char vowels[] = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩị"
                             "oòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ";

static int is_vowel(int32_t cp)
{
    cp = pl_lower(cp);
    for (size_t i = 0; vowels[i];) {
        int32_t v;
        int k = pl_utf8_next(vowels, sizeof vowels - 1, i, &v);
        if (k < 0)
            return 0;
        if (v == cp)
            return 1;
        i += (size_t)k;
    }
    return 0;
}

/* Does the word flat[i..) (up to `b`) have no vowel before its first
 * digit or its end: an abbreviation ("TNHH") or a code ("1CAR", "F48")? */
static int abbreviation_at(const char *flat, size_t i, size_t b)
{
    while (i < b) {
        int32_t cp;
        int k = pl_utf8_next(flat, b, i, &cp);
        if (k < 0 || (!pl_is_letter(cp) && !pl_is_mark(cp)))
            break;
        if (is_vowel(cp))
            return 0;
        i += (size_t)k;
    }
    return 1;
}

static char *copy_name(const pl_text *t, size_t a, size_t b)
{
    if (pl_has_lower(t->flat, a, b) && !caps_font_line(t, a))
        return pl_strndup(t->flat + a, b - a);
    pl_buf out = PL_BUF_INIT;
    int word_start = 1, keep = 0;
    for (size_t i = a; i < b;) {
        int32_t cp;
        int k = pl_utf8_next(t->flat, b, i, &cp);
        if (k < 0)
            break;
        /* a word that opens with a digit is a code or a brand ("1CAR"):
         * kept as written, like an abbreviation */
        if (word_start && (pl_is_letter(cp) || pl_is_digit(cp)))
            keep = !caps_font_line(t, a) && abbreviation_at(t->flat, i, b);
        pl_buf_put_cp(&out, !pl_is_letter(cp) || keep ? cp : word_start ? pl_upper(cp) : pl_lower(cp));
        word_start = !pl_is_letter(cp) && !pl_is_mark(cp) && !pl_is_digit(cp);
        i += (size_t)k;
    }
    return pl_buf_detach(&out, NULL);
}

/* ---- names of places ---------------------------------------------------- */

/* End of the word starting at flat[i] (letters, marks, digits). */
static size_t word_end(const pl_text *t, size_t i, size_t limit)
{
    while (i < limit) {
        int32_t cp;
        int k = pl_utf8_next(t->flat, limit, i, &cp);
        if (k < 0 || !(pl_is_letter(cp) || pl_is_mark(cp) || pl_is_digit(cp)))
            break;
        i += (size_t)k;
    }
    return i;
}

/* Does the word flat[flat_at..flat_end) end a place name (name-stops)?
 * A stop of two words ("Quyết định") is matched on to the end of the line,
 * so that the place it would cut keeps its name ("XÃ QUYẾT THẮNG").
 * word: its place in the name (0 first); limit: the end of the line. */
static int is_name_stop(const pl_text *t, size_t flat_at, size_t flat_end, int word, size_t limit)
{
    size_t k = pl_text_flat_to_key(t, flat_at), ke = pl_text_flat_to_key(t, flat_end);
    size_t kl = pl_text_flat_to_key(t, limit);
    const pl_vocab_entry *e = key_starts_any(t, k, kl, "name-stops");
    if (!e)
        return 0;
    if (word == 0 && pl_vocab_attr(e, "within"))
        return 0; /* "XÃ CỘNG HÒA" */
    const char *before = pl_vocab_attr(e, "before");
    if (!before)
        return 1;
    size_t at = ke, after = 0;
    while (at < kl && t->key[at] == ' ')
        at++;
    /* "... PHÒNG GIÁO DỤC", not "Hải Phòng" */
    return starts_loosely_any(t, at, kl, before, &after) != NULL;
}

/* A place name starting at flat[a]: capitalised syllables ("Hưng Yên",
 * "Bà Rịa - Vũng Tàu") or a ward number ("Phường 8").  Returns its end, or
 * `a` when there is none ("Ủy ban nhân dân tỉnh ban hành ..."). */
static size_t scan_name(const pl_text *t, size_t a, size_t limit)
{
    size_t end = a, i = a, line_end = caps_font_line(t, a);
    int caseless = line_end > a;
    if (caseless && line_end < limit)
        limit = line_end;
    for (int words = 0; words < NAME_MAX_WORDS && i < limit; words++) {
        int32_t cp;
        if (pl_utf8_next(t->flat, limit, i, &cp) < 0)
            break;
        size_t e = word_end(t, i, limit);
        if (e == i || !(pl_is_upper(cp) || (words == 0 && pl_is_digit(cp)) || caseless) ||
            is_name_stop(t, i, e, words, limit))
            break;
        end = e;
        if (pl_is_digit(cp))
            break; /* "Quận 3": a number is the whole name */
        /* next word: after one space, or after " - " inside a name */
        if (e + 1 < limit && t->flat[e] == ' ' && t->flat[e + 1] != '-')
            i = e + 1;
        else if (e + 3 < limit && memcmp(t->flat + e, " - ", 3) == 0)
            i = e + 3;
        else
            break;
    }
    return end;
}

/* ---- issuers ------------------------------------------------------------ */

typedef struct issuer {
    const unit *unit;      /* a people's committee, or NULL */
    const agency *agency;  /* a national body, or NULL */
    const agency *dept;    /* a department of the committee, or NULL */
    const pl_vocab_entry *dept_head; /* "department-heads": Sở, Phòng */
    size_t name_a, name_b; /* flat span of the committee's place name */
    size_t key_end;        /* end of the mention in key */
    size_t key_start;
} issuer;

static int issuer_known(const issuer *is)
{
    return is->unit || is->agency || is->dept;
}

/* Where a name after key[key_end] starts in the flat text (spaces
 * skipped), with the end of its line in *limit. */
static size_t name_start(const pl_text *t, size_t key_end, size_t *limit)
{
    size_t fa = pl_text_key_to_flat(t, key_end);
    while (fa < t->flat_len && t->flat[fa] == ' ')
        fa++;
    size_t e = fa;
    while (e < t->flat_len && t->flat[e] != '\n')
        e++;
    *limit = e;
    return fa;
}

/* The place name after key offset key_end (spaces skipped), up to the end
 * of its line and not past flat offset `stop`: its flat span in
 * is->name_a..name_b, empty when there is none. */
static void place_after(const pl_text *t, size_t key_end, size_t stop, issuer *is)
{
    size_t limit = 0, fa = name_start(t, key_end, &limit);
    is->name_a = fa;
    is->name_b = scan_name(t, fa, limit < stop ? limit : stop);
}

/* The unit word of a match whose group 1 is one (R_COMMITTEE, R_PLACE)
 * and the place name after it (place_after). */
static void unit_and_place(const pl_text *t, const pl_match *m, size_t stop, issuer *is)
{
    size_t a = 0, b = 0;
    group(m, 1, &a, &b);
    is->unit = unit_of(t, a, b);
    place_after(t, m->end, stop, is);
}

/* The committee mention at a match of R_COMMITTEE. */
static issuer committee_at(const pl_text *t, const pl_match *m)
{
    issuer is = {0};
    is.key_start = m->start;
    is.key_end = m->end;
    unit_and_place(t, m, NPOS, &is);
    if (is.name_b > is.name_a)
        is.key_end = pl_text_flat_to_key(t, is.name_b);
    return is;
}

/* A department line right after the committee's ("... TỈNH LẠNG SƠN / SỞ
 * LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"): the department issues the plan. */
static void find_department(const pl_text *t, size_t end, issuer *is)
{
    size_t k = is->key_end;
    while (k < end && (t->key[k] == ' ' || t->key[k] == '\n'))
        k++;
    /* two columns on one line ("UBND TỈNH X     CỘNG HÒA XÃ HỘI ...", then
     * "SỞ ...     Độc lập - ..."): the department opens the next line */
    const char *nl;
    if (motto_line(t, k, end, "nation") && (nl = memchr(t->key + k, '\n', end - k)) != NULL) {
        k = (size_t)(nl - t->key);
        while (k < end && (t->key[k] == ' ' || t->key[k] == '\n'))
            k++;
    }
    const pl_vocab_entry *head = key_starts_any(t, k, end, "department-heads");
    if (!head)
        return;
    k += head->key_len + 1;
    size_t e = 0;
    const agency *d = starts_loosely_any(t, k, end, "departments", &e);
    if (d) {
        is->dept = d;
        is->dept_head = head;
        is->key_end = e;
    }
}

static size_t find_phrase(const pl_text *t, size_t a, size_t b, const char *phrase);

/* The last department named in running text in key[a..b), with the place
 * after it: "Sở Lao động - Thương binh và Xã hội Hải Phòng vừa ban hành
 * ...", "Sở Y tế tỉnh Quảng Nam ban hành ...". */
static issuer department_in(const pl_text *t, size_t a, size_t b)
{
    issuer best = {0};
    const pl_vocab_list *heads = pl_vocab("department-heads");
    for (size_t h = 0; h < heads->n; h++)
        for (size_t at = a, p; at < b && (p = find_phrase(t, at, b, heads->v[h].key)) != NPOS;) {
            at = p + heads->v[h].key_len;
            size_t k = at;
            while (k < b && t->key[k] == ' ')
                k++;
            size_t e = 0;
            const agency *d = starts_loosely_any(t, k, b, "departments", &e);
            if (!d || p < best.key_start)
                continue;
            issuer is = {0};
            is.dept = d;
            is.dept_head = &heads->v[h];
            is.key_start = p;
            is.key_end = e;
            size_t k2 = e;
            while (k2 < b && t->key[k2] == ' ')
                k2++;
            pl_match m;
            size_t bk = pl_text_key_to_flat(t, b);
            if (pl_re_at(re[R_PLACE], t->key, b, k2, &m))
                unit_and_place(t, &m, bk, &is);
            else
                place_after(t, e, bk, &is);
            if (is.unit && is.name_b <= is.name_a)
                is.unit = NULL;
            best = is;
        }
    return best;
}

/* Does the phrase stand at key[i] as whole words (key[..b))? */
static int whole_phrase_at(const pl_text *t, size_t i, size_t b, const char *phrase)
{
    int32_t before = ' ';
    if (i > 0) {
        size_t k = i - 1;
        while (k > 0 && ((unsigned char)t->key[k] & 0xC0) == 0x80)
            k--;
        pl_utf8_next(t->key, t->key_len, k, &before);
    }
    return !pl_is_letter(before) && key_starts(t, i, b, phrase);
}

/* First occurrence of an agency phrase in key[a..b) as whole words. */
static size_t find_phrase(const pl_text *t, size_t a, size_t b, const char *phrase)
{
    size_t n = strlen(phrase);
    for (size_t i = a; i + n <= b; i++) {
        const char *hit = pl_mem_find(t->key + i, b - i, phrase, n);
        if (!hit)
            return NPOS;
        i = (size_t)(hit - t->key);
        if (whole_phrase_at(t, i, b, phrase))
            return i;
    }
    return NPOS;
}

/* Does key[at] open its line or table cell (spaces aside)?  The issuer
 * block names its body at the head of a line; a library's list of related
 * documents above the header ("- 1Quyết định 41/QĐ-TTg ... do Thủ tướng
 * Chính phủ ban hành") names bodies inside sentences. */
static int opens_line_or_cell(const pl_text *t, size_t at)
{
    while (at > 0 && t->key[at - 1] == ' ')
        at--;
    return at == 0 || t->key[at - 1] == '\n' || t->key[at - 1] == '|';
}

enum { ANYWHERE = 0, LAST = 1, LINE_HEADS = 2 };

/* find_issuer's look for the national bodies in key[a..b) by one scan of
 * the phrase set: the same occurrences find_phrase would give each body's
 * loop (the first whole-word one at or after where its last search
 * stopped, in order), weighed against `best` in the same order (bodies
 * in list order, each body's occurrences in text order). */
typedef struct body_scan {
    const pl_text *t;
    size_t a, b;
    int last, heads;
    const pl_vocab_list *agencies;
    size_t next[BODIES_MAX]; /* where body i's next search starts; NPOS: done */
    size_t stop;             /* ANYWHERE, LINE_HEADS: no later start can win */
    long found;              /* the winning body so far, -1 */
    size_t fa, fe;           /* its span */
} body_scan;

static int body_hit(void *arg, size_t id, size_t at)
{
    body_scan *sc = arg;
    size_t p = sc->a + at;
    if (!sc->last && p >= sc->stop)
        return 1;
    if (sc->next[id] == NPOS || p < sc->next[id] ||
        !whole_phrase_at(sc->t, p, sc->b, sc->agencies->v[id].key))
        return 0;
    size_t e = p + sc->agencies->v[id].key_len;
    if (sc->heads && !opens_line_or_cell(sc->t, p)) {
        sc->next[id] = e;
        return 0;
    }
    if (!sc->last) {
        /* the first one found starts first (a body of a lower id first at
         * one start): no later one can win */
        sc->found = (long)id;
        sc->fa = p;
        sc->fe = e;
        return 1;
    }
    sc->next[id] = e;
    if (sc->found < 0 || e > sc->fe || (e == sc->fe && (long)id < sc->found)) {
        sc->found = (long)id;
        sc->fa = p;
        sc->fe = e;
    }
    return 0;
}

static issuer bodies_in(const pl_text *t, size_t a, size_t b, int how, issuer best,
                        const pl_vocab_list *agencies)
{
    body_scan sc;
    sc.t = t;
    sc.a = a;
    sc.b = b;
    sc.last = how == LAST;
    sc.heads = how == LINE_HEADS;
    sc.agencies = agencies;
    for (size_t i = 0; i < agencies->n; i++)
        sc.next[i] = a;
    sc.stop = !sc.last && issuer_known(&best) ? best.key_start : NPOS;
    sc.found = -1;
    sc.fa = sc.fe = 0;
    if (a < b)
        pl_phrases_scan(national_set, t->key + a, b - a, body_hit, &sc);
    if (sc.found < 0 ||
        (issuer_known(&best) && (sc.last ? sc.fe <= best.key_end : sc.fa >= best.key_start)))
        return best;
    issuer ag = {0};
    ag.agency = &agencies->v[sc.found];
    ag.key_start = sc.fa;
    ag.key_end = sc.fe;
    return ag;
}

/* The issuer mentioned in key[a..b): the first one, or the last one
 * (LAST: the subject nearest to "ban hành"); with LINE_HEADS only a
 * mention that opens its line or cell (the header block). */
static issuer find_issuer(const pl_text *t, size_t a, size_t b, int how)
{
    issuer best = {0};
    pl_match m;
    int last = how == LAST, heads = how == LINE_HEADS;
    for (size_t at = a; at < b && pl_re_find(re[R_COMMITTEE], t->key, b, at, &m); at = m.end) {
        if (heads && !opens_line_or_cell(t, m.start))
            continue;
        best = committee_at(t, &m);
        if (!last)
            break;
    }
    const pl_vocab_list *agencies = pl_vocab("national-bodies");
    if (national_set && agencies->n <= BODIES_MAX &&
        !atomic_load_explicit(&pretests_off, memory_order_relaxed)) {
        best = bodies_in(t, a, b, how, best, agencies);
    } else {
        for (size_t i = 0; i < agencies->n; i++) {
            for (size_t at = a; at < b;) {
                size_t p = find_phrase(t, at, b, agencies->v[i].key);
                if (p == NPOS)
                    break;
                size_t e = p + agencies->v[i].key_len;
                if (heads && !opens_line_or_cell(t, p)) {
                    at = e;
                    continue;
                }
                int better = !issuer_known(&best) || (last ? e > best.key_end : p < best.key_start);
                if (better) {
                    issuer ag = {0};
                    ag.agency = &agencies->v[i];
                    ag.key_start = p;
                    ag.key_end = e;
                    best = ag;
                }
                if (!last)
                    break;
                at = e;
            }
        }
    }
    if (!issuer_known(&best) && last)
        best = department_in(t, a, b);
    return best;
}

/* A place name after the same unit word in key[a..b) ("trên địa bàn tỉnh
 * Hưng Yên"), for a committee mentioned without one. */
static int find_place(const pl_text *t, size_t a, size_t b, const unit *u, issuer *is)
{
    pl_match m;
    for (size_t at = a; at < b && pl_re_find(re[R_PLACE], t->key, b, at, &m); at = m.end) {
        size_t ua = 0, ub = 0;
        group(&m, 1, &ua, &ub);
        const unit *found = unit_of(t, ua, ub);
        if (!found || strcmp(unit_name(found), unit_name(u)) != 0)
            continue;
        size_t limit = 0, fa = name_start(t, m.end, &limit);
        size_t fb = scan_name(t, fa, limit);
        if (fb > fa) {
            is->name_a = fa;
            is->name_b = fb;
            return 1;
        }
    }
    return 0;
}

/* The level of the bodies of unit `u` named flat[a..b): a centrally-run
 * city is a province ("thành phố Hà Nội"), another city a district. */
static pl_level place_level(const pl_text *t, const unit *u, size_t a, size_t b)
{
    pl_level lv = unit_level(u);
    const char *central = pl_vocab_attr(u, "central-cities");
    if (!central || strcmp(central, "yes") != 0)
        return lv;
    size_t ka = pl_text_flat_to_key(t, a), kb = pl_text_flat_to_key(t, b);
    return pl_vocab_find(pl_vocab("central-cities"), t->key + ka, kb - ka) ? PL_LEVEL_PROVINCE
                                                                          : PL_LEVEL_DISTRICT;
}

static pl_level committee_level(const pl_text *t, const issuer *is)
{
    return place_level(t, is->unit, is->name_a, is->name_b);
}

/* Fill issuer, level and locality; "UBND <unit> <Name>" for a committee
 * (Nghị định 30 abbreviates Ủy ban nhân dân as UBND). */
static int set_issuer(pl_doc *doc, const issuer *is)
{
    pl_docinfo *in = &doc->info;
    const pl_text *t = &doc->text;
    if (is->agency) {
        const char *name = pl_vocab_attr_or_phrase(is->agency, "name");
        in->issuer = pl_strndup(name, strlen(name));
        in->level = PL_LEVEL_NATIONAL;
        return in->issuer ? 0 : -1;
    }
    pl_buf b = PL_BUF_INIT;
    if (is->dept) { /* "Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn" */
        pl_buf_puts(&b, pl_vocab_attr_or_phrase(is->dept_head, "name"));
        pl_buf_putc(&b, ' ');
        pl_buf_puts(&b, pl_vocab_attr_or_phrase(is->dept, "name"));
        pl_buf_putc(&b, ' ');
    } else {
        pl_buf_puts(&b, pl_vocab_attr_or_phrase(&pl_vocab("committees")->v[0], "name"));
        pl_buf_putc(&b, ' ');
    }
    if (is->unit)
        pl_buf_puts(&b, unit_name(is->unit));
    if (is->name_b > is->name_a) {
        in->locality = copy_name(t, is->name_a, is->name_b);
        if (!in->locality) {
            pl_buf_free(&b);
            return -1;
        }
        if (is->unit)
            pl_buf_putc(&b, ' ');
        pl_buf_puts(&b, in->locality);
    }
    if (!is->unit) /* "Sở Y tế Quảng Nam": the department's own level */
        in->level = level_named(pl_vocab_attr(is->dept_head, "level"));
    else if (is->name_b > is->name_a)
        in->level = committee_level(t, is);
    else
        in->level = unit_level(is->unit);
    /* a department named without a place ends with its name */
    if (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = '\0';
    in->issuer = pl_buf_detach(&b, NULL);
    return in->issuer ? 0 : -1;
}

/* ---- the issuer block --------------------------------------------------
 * Nghị định 30/2020 (Phụ lục I, II.2): the top left of the first page
 * names the issuing body in capitals, under the body that manages it:
 *   "UBND TỈNH LÀO CAI / SỞ CÔNG THƯƠNG"  the department of the province
 *   "BỘ CÔNG THƯƠNG / CỤC HÓA CHẤT"       a department of the ministry
 *   "ỦY BAN NHÂN DÂN / TỈNH LÀO CAI"      one body over two lines
 *   "CHÍNH PHỦ"                           a body with none above it
 * The lowest body issues the document.  It is read line by line, as a
 * clerk reads it, before the motto, "Số:" or the type name. */

#define BLOCK_MAX_LINES 8
#define BLOCK_MAX_BODIES 4

typedef struct block_body {
    span line[BLOCK_MAX_LINES];   /* key spans of its lines, top down */
    size_t nline;
    const pl_vocab_entry *head;   /* "body-heads" entry ("sở"), or NULL */
    const pl_vocab_entry *whole;  /* a national body it names, or NULL */
    size_t head_end;              /* key offset after the head */
    const unit *unit;             /* a unit word in the name ("TỈNH"), or NULL */
    size_t unit_a, unit_b;        /* its key span */
    size_t unit_line;             /* the line it is on */
    size_t place_a, place_b;      /* flat span of the place after it */
} block_body;

/* Key span of input line `li`, without the cell bar and spaces. */
static span line_key(const pl_text *t, size_t li)
{
    const pl_line *l = &t->lines[li];
    span s = {pl_text_flat_to_key(t, pl_text_nfc_to_flat(t, l->off)),
              pl_text_flat_to_key(t, pl_text_nfc_to_flat(t, l->off + l->len))};
    while (s.a < s.b && (t->key[s.a] == ' ' || t->key[s.a] == '|' || t->key[s.a] == '\n'))
        s.a++;
    while (s.b > s.a && (t->key[s.b - 1] == ' ' || t->key[s.b - 1] == '\n'))
        s.b--;
    return s;
}

/* First `phrase` in key[a..b), even glued to the word before it (a PDF
 * copy that runs two columns together: "lào caicộng hòa xã hội"). */
static size_t find_glued(const pl_text *t, size_t a, size_t b, const char *phrase)
{
    size_t n = strlen(phrase);
    const char *hit = a < b && n > 0 ? pl_mem_find(t->key + a, b - a, phrase, n) : NULL;
    return hit ? (size_t)(hit - t->key) : n == 0 && a <= b ? a : NPOS;
}

static int opens_with_bar(const pl_text *t, size_t li)
{
    const pl_line *l = &t->lines[li];
    size_t i = 0;
    while (i < l->len && (t->nfc[l->off + i] == ' ' || t->nfc[l->off + i] == '\t'))
        i++;
    return i < l->len && t->nfc[l->off + i] == '|';
}

/* A Markdown table row on one line ("| CÔNG TY CỔ PHẦN X | QUY CHẾ ... |"):
 * s (the line's key span, first bar stripped) is cut to its first cell; 1
 * when the line is such a row. */
static int first_cell(const pl_text *t, size_t li, span *s)
{
    /* the text splits paragraphs at a bar: the cells are paragraphs */
    const char *bar = opens_with_bar(t, li) ? memchr(t->key + s->a, '\n', s->b - s->a) : NULL;
    if (!bar)
        return 0;
    s->b = (size_t)(bar - t->key);
    while (s->b > s->a && t->key[s->b - 1] == ' ')
        s->b--;
    return 1;
}

/* A Markdown copy's decoration above the header: a heading line ("# Bản
 * Thảo") or a rule ("---", "***").  It stands for no body. */
static int markdown_decoration(const pl_text *t, size_t li)
{
    const pl_line *l = &t->lines[li];
    const char *p = t->nfc + l->off, *e = p + l->len;
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    if (p < e && *p == '#') {
        while (p < e && *p == '#')
            p++;
        return p < e && *p == ' ';
    }
    size_t marks = 0;
    for (; p < e; p++) {
        if (*p == '-' || *p == '=' || *p == '*' || *p == '_')
            marks++;
        else if (*p != ' ' && *p != '\t' && *p != '\r')
            return 0;
    }
    return marks >= 3;
}

/* The rule a copy writes under a name, left at the end of its line or
 * cell ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG -------"): cut from s. */
static void cut_rule(const pl_text *t, span *s)
{
    size_t e = s->b, marks = 0;
    while (e > s->a && (t->key[e - 1] == '-' || t->key[e - 1] == '*' || t->key[e - 1] == '=' ||
                        t->key[e - 1] == '_')) {
        e--;
        marks++;
    }
    if (marks < 3 || (e > s->a && t->key[e - 1] != ' '))
        return;
    while (e > s->a && t->key[e - 1] == ' ')
        e--;
    s->b = e;
}

/* Line li is a table cell right of the first ("| CỘNG HÒA ...", a Word
 * table's later cell on its own line): the issuer block is the first
 * column. */
static int in_right_cell(const pl_text *t, size_t li)
{
    return opens_with_bar(t, li);
}

/* Does the issuer block end at this line?  It is in capitals; the motto,
 * "Số:", the place-date line and the type name come after it. */
static int ends_block(const pl_text *t, span s)
{
    size_t fa = pl_text_key_to_flat(t, s.a), fb = pl_text_key_to_flat(t, s.b);
    int32_t cp;
    pl_utf8_next(t->key, s.b, s.a, &cp);
    return pl_has_lower(t->flat, fa, fb) || !pl_is_letter(cp) ||
           key_starts_any(t, s.a, s.b, "number-words") || starts_with_type(t, s);
}

/* Record the unit word key[ua..ub) of body bd on line li when a place name
 * follows it; 1 when one does. */
static int set_unit(const pl_text *t, block_body *bd, size_t li, size_t ua, size_t ub)
{
    span s = bd->line[li];
    size_t fa = pl_text_key_to_flat(t, ub);
    while (fa < t->flat_len && t->flat[fa] == ' ')
        fa++;
    size_t fb = scan_name(t, fa, pl_text_key_to_flat(t, s.b));
    if (fb <= fa)
        return 0;
    bd->unit = unit_of(t, ua, ub);
    bd->unit_a = ua;
    bd->unit_b = ub;
    bd->unit_line = li;
    bd->place_a = fa;
    bd->place_b = fb;
    return 1;
}

/* A committee or council whose unit word an OCR layer misread ("ỦY BAN
 * NHÂN DÂN / TĨNH LÀO CAI"): the word right after its head, on its line
 * or opening the next, is read as the unit meant. */
static void find_misread_unit(const pl_text *t, block_body *bd)
{
    const char *lv = bd->head ? pl_vocab_attr(bd->head, "level") : NULL;
    if (!lv || strcmp(lv, "unit") != 0)
        return;
    size_t li = 0, at = bd->head_end;
    while (at < bd->line[0].b && t->key[at] == ' ')
        at++;
    if (at == bd->line[0].b && bd->nline > 1)
        at = bd->line[li = 1].a;
    size_t end = at;
    if (pl_vocab_prefix(pl_vocab("unit-misreads"), t->key, at, bd->line[li].b, &end))
        set_unit(t, bd, li, at, end);
}

/* A head whose name holds its unit ("TỈNH ỦY LÀO CAI", "HUYỆN ỦY X":
 * attribute place="after"): the name after it on its line is the place. */
static void find_place_after_head(const pl_text *t, block_body *bd)
{
    const char *after = bd->head ? pl_vocab_attr(bd->head, "place") : NULL;
    if (!after || strcmp(after, "after") != 0)
        return;
    size_t fa = pl_text_key_to_flat(t, bd->head_end);
    while (fa < t->flat_len && t->flat[fa] == ' ')
        fa++;
    size_t fb = scan_name(t, fa, pl_text_key_to_flat(t, bd->line[0].b));
    if (fb > fa) {
        bd->place_a = fa;
        bd->place_b = fb;
    }
}

/* A unit word in key[a..b) followed by a place name: "tỉnh Lào Cai". */
static void find_unit(const pl_text *t, block_body *bd)
{
    for (size_t li = 0; li < bd->nline && !bd->unit; li++) {
        span s = bd->line[li];
        pl_match m;
        size_t from = li == 0 ? bd->head_end : s.a;
        for (size_t at = from; at < s.b && pl_re_find(re[R_PLACE], t->key, s.b, at, &m);
             at = m.end) {
            if (pl_vocab_prefix(pl_vocab("not-places"), t->key, m.start, s.b, NULL))
                continue;
            size_t ua = 0, ub = 0;
            group(&m, 1, &ua, &ub);
            set_unit(t, bd, li, ua, ub);
        }
    }
    if (!bd->unit)
        find_misread_unit(t, bd);
    if (!bd->unit)
        find_place_after_head(t, bd);
}

static int body_known(const block_body *bd)
{
    return bd->head || bd->whole || bd->unit;
}

/* The lists whose phrases a copy may break over two lines. */
static const char *const broken_lists[] = {"body-heads", "national-bodies", "nation-line",
                                           "motto-line"};

/* A web copy breaks a header line inside a name ("ỦY / BAN NHÂN DÂN",
 * "THỦ / TƯỚNG CHÍNH PHỦ", "ỦY BAN THƯỜNG VỤ / QUỐC HỘI", "CỘNG / HÒA XÃ
 * HỘI ..."): line li (key span s) and the next line of its paragraph are
 * one line when a phrase of the header runs across the break.  Returns
 * the index of the last line taken, and the joined span in *s. */
static size_t join_broken(const pl_text *t, size_t li, span *s)
{
    size_t next = li + 1;
    while (next < t->nlines && line_key(t, next).b <= line_key(t, next).a)
        next++;
    if (next >= t->nlines)
        return li;
    span n = line_key(t, next);
    for (size_t k = s->b; k < n.a; k++)
        if (t->key[k] != ' ')
            return li; /* another paragraph or a cell bar between */
    for (size_t i = 0; i < COUNT(broken_lists); i++) {
        size_t end = 0;
        if (pl_vocab_prefix(pl_vocab(broken_lists[i]), t->key, s->a, n.b, &end) && end > s->b) {
            s->b = n.b;
            return next;
        }
    }
    return li;
}

/* A copy's note above the header, in square brackets, on one line or a
 * few ("[Bản trích chữ tự động bằng pdftotext từ ... ]", "[OCR] [...]"):
 * the index of its last line, or NPOS when line li opens none. */
static size_t note_end(const pl_text *t, size_t li)
{
    enum { NOTE_MAX_LINES = 4 };
    const pl_line *l = &t->lines[li];
    size_t i = 0;
    while (i < l->len && (t->nfc[l->off + i] == ' ' || t->nfc[l->off + i] == '\t'))
        i++;
    if (i == l->len || t->nfc[l->off + i] != '[')
        return NPOS;
    for (size_t k = li; k < t->nlines && k < li + NOTE_MAX_LINES; k++) {
        const pl_line *m = &t->lines[k];
        size_t e = m->len;
        while (e > 0 && (t->nfc[m->off + e - 1] == ' ' || t->nfc[m->off + e - 1] == '\t' ||
                         t->nfc[m->off + e - 1] == '\r'))
            e--;
        if (e > 0 && t->nfc[m->off + e - 1] == ']')
            return k;
    }
    return NPOS;
}

/* Lines that are no part of the block wherever they stand: a page number
 * or a page marker ("===== TRANG 1 ====="), a digital signature's line,
 * a library's banner alone on its line (copy-banners). */
static int stray_line(const pl_text *t, size_t li)
{
    if (t->lines[li].kind == PL_LINE_PAGENO || t->lines[li].kind == PL_LINE_SIGNATURE)
        return 1;
    span s = line_key(t, li);
    /* a number of four digits or more alone on its line, longer than a
     * page number's (up to three digits: PL_LINE_PAGENO above): a page's
     * view count or an id above the copy ("1843").  A number in a body's
     * name shares its line ("QUÂN KHU 7", "BỆNH VIỆN 175"). */
    size_t d = s.a;
    while (d < s.b && t->key[d] >= '0' && t->key[d] <= '9')
        d++;
    if (d == s.b && s.b - s.a >= 4)
        return 1;
    const pl_vocab_entry *e = key_starts_any(t, s.a, s.b, "copy-banners");
    return e && s.a + e->key_len == s.b;
}

/* Where the issuer block may begin.  A signed scan prints the signature's
 * stamp above it: the signer in capitals, then the signing time ("BỘ
 * CHÍNH TRỊ / BỘ CHÍNH TRỊ / 28-07-2026 18:08:51 +07:00", read as a
 * signature line): the block begins after the stamp's last line, when
 * that comes before the motto and "Số". */
static size_t block_start(const pl_text *t, size_t from)
{
    size_t start = from;
    for (size_t li = from, seen = 0; li < t->nlines && seen < BLOCK_MAX_LINES; li++) {
        if (t->lines[li].kind == PL_LINE_SIGNATURE) {
            start = li + 1;
            continue;
        }
        span s = line_key(t, li);
        if (s.b <= s.a || stray_line(t, li))
            continue;
        seen++;
        if (motto_line(t, s.a, s.b, "nation") || motto_line(t, s.a, s.b, "motto") ||
            key_starts_any(t, s.a, s.b, "number-words"))
            break;
    }
    return start;
}

/* The body-heads entry an OCR misreading at the start of key[s.a..s.b)
 * stands for ("HUYỆN ÚY" for "HUYỆN ỦY": list body-misreads), the key
 * offset after the misreading in *end; NULL if none.  It wins over a
 * shorter head that the misreading begins with ("BAN"). */
static const pl_vocab_entry *misread_head(const pl_text *t, span s, size_t *end)
{
    const pl_vocab_entry *m = pl_vocab_prefix(pl_vocab("body-misreads"), t->key, s.a, s.b, end);
    const char *meant = m ? pl_vocab_attr(m, "body") : NULL;
    const pl_vocab_list *heads = pl_vocab("body-heads");
    for (size_t i = 0; meant && i < heads->n; i++)
        if (strcmp(heads->v[i].phrase, meant) == 0)
            return &heads->v[i];
    return NULL;
}

/* Where a second body opens in key[from..s.b): a department's head with
 * a department's name after it, after a space; NPOS if none.  A copy that
 * runs the block's two lines into one ("UBND HUYỆN THÁI THỤY PHÒNG GIÁO
 * DỤC & ĐÀO TẠO") has the managing body first, then the issuing one. */
static size_t second_body_at(const pl_text *t, span s, size_t from)
{
    for (size_t k = from; k + 1 < s.b; k++) {
        if (t->key[k] != ' ' || t->key[k + 1] == ' ')
            continue;
        const pl_vocab_entry *d = key_starts_any(t, k + 1, s.b, "department-heads");
        if (!d)
            continue;
        size_t after = k + 1 + d->key_len, e = 0;
        while (after < s.b && t->key[after] == ' ')
            after++;
        if (starts_loosely_any(t, after, s.b, "departments", &e))
            return k + 1;
    }
    return NPOS;
}

/* Line s of the issuer block (its key span) read into out[0..*n): a new
 * body when it opens with a head, else a further line of the body above.
 * 1 when the block ends before it (mixed case, the motto, "Số:", a type
 * name) or there is no room for another body. */
static int block_line(const pl_text *t, span s, block_body *out, size_t *n, size_t max)
{
    cut_rule(t, &s);
    /* a copy that runs the columns together: "UBND TỈNH X CỘNG HÒA ..." */
    size_t motto = NPOS;
    const pl_vocab_list *glued = pl_vocab("motto-glued");
    for (size_t i = 0; i < glued->n; i++) {
        size_t at = find_glued(t, s.a, s.b, glued->v[i].key);
        if (at < motto)
            motto = at;
    }
    if (motto != NPOS && motto > s.a) {
        s.b = motto;
        /* and the bar of the cell it stood in ("BẢO HIỂM XÃ HỘI VIỆT NAM |
         * CỘNG HÒA ...") */
        while (s.b > s.a &&
               (t->key[s.b - 1] == ' ' || t->key[s.b - 1] == '|' || t->key[s.b - 1] == '\n'))
            s.b--;
    }
    /* the block's names are written in capitals (Nghị định 30, Phụ lục I):
     * a line in lower case above the first body that names no body
     * ("KẾ HOẠCH số 44 Tổ chức tiếp xúc cử tri ...", "Ngày 07/12/2023": a
     * page's title and date over the document) is none of it */
    size_t he = s.a, we = s.a;
    const pl_vocab_entry *head = pl_vocab_prefix(pl_vocab("body-heads"), t->key, s.a, s.b, &he);
    const pl_vocab_entry *whole = pl_vocab_prefix(pl_vocab("national-bodies"), t->key, s.a, s.b, &we);
    size_t me = s.a;
    const pl_vocab_entry *misread = whole ? NULL : misread_head(t, s, &me);
    if (misread && (!head || me > he)) { /* "BAN CHẮÁP HÀNH ...", not "BAN" */
        head = misread;
        he = me;
    }
    if (*n == 0 && !head && !whole &&
        pl_has_lower(t->flat, pl_text_key_to_flat(t, s.a), pl_text_key_to_flat(t, s.b)))
        return 0;
    if (ends_block(t, s))
        return 1;
    size_t second = head && !whole ? second_body_at(t, s, he) : NPOS;
    if (second != NPOS) {
        span first = {s.a, second}, rest = {second, s.b};
        while (first.b > first.a && t->key[first.b - 1] == ' ')
            first.b--;
        if (block_line(t, first, out, n, max))
            return 1;
        return block_line(t, rest, out, n, max);
    }
    if (*n == 0 || head || whole) {
        if (*n == max)
            return 1;
        block_body *bd = &out[(*n)++];
        memset(bd, 0, sizeof *bd);
        bd->head = head;
        bd->head_end = head ? he : s.a;
        bd->whole = whole && we == s.b ? whole : NULL;
    }
    /* "ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI": one body over two lines */
    block_body *last = &out[*n - 1];
    if (last->nline < BLOCK_MAX_LINES)
        last->line[last->nline++] = s;
    return 0;
}

/* The units and places of the bodies read. */
static void finish_bodies(const pl_text *t, block_body *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (out[i].nline > 1)
            out[i].whole = NULL;
        if (!out[i].whole)
            find_unit(t, &out[i]);
    }
}

/* Do none of out[0..n) open with a body's head or name a national body?
 * (Their units are not read yet.) */
static int unnamed_bodies(const block_body *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (out[i].head || out[i].whole)
            return 0;
    return 1;
}

/* The bodies of the issuer block, top down; their number. */
static size_t read_bodies(const pl_text *t, size_t from, block_body *out, size_t max)
{
    size_t n = 0;
    for (size_t li = block_start(t, from), seen = 0; li < t->nlines && seen < BLOCK_MAX_LINES; li++) {
        size_t note = n == 0 ? note_end(t, li) : NPOS;
        if (note != NPOS) {
            li = note;
            continue;
        }
        span s = line_key(t, li);
        if (s.b <= s.a || markdown_decoration(t, li) || stray_line(t, li))
            continue;
        seen++;
        li = join_broken(t, li, &s);
        /* the motto stands beside the block, its two lines interleaved
         * with the block's when a table's rows or a copy's columns are read
         * in turn; the block ends by its second line at the latest.  Above
         * any body it is a cover page's ("CỘNG HÒA ... / Độc lập ... /
         * CÔNG TY TNHH ... / PHƯƠNG ÁN"): the block follows it. */
        if (motto_line(t, s.a, s.b, "motto") && n > 0)
            break;
        if (motto_line(t, s.a, s.b, "motto"))
            continue;
        if (motto_line(t, s.a, s.b, "nation") || (!first_cell(t, li, &s) && in_right_cell(t, li)))
            continue;
        if (block_line(t, s, out, &n, max)) {
            /* a page's heading in capitals that names no body, then lines
             * in lower case ("SỰ KIỆN NỔI BẬT / <br> KẾ HOẠCH<br> Tổ chức
             * ..."), above the block: the block begins after them, before
             * "Số:" and the type name */
            if (n == 0 || !unnamed_bodies(out, n) || key_starts_any(t, s.a, s.b, "number-words") ||
                starts_with_type(t, s))
                break;
            n = 0;
        }
    }
    finish_bodies(t, out, n);
    return n;
}

static const char *head_attr(const block_body *bd, const char *attr)
{
    return bd->head ? pl_vocab_attr(bd->head, attr) : NULL;
}

/* The level of body i: a unit in its name decides ("LIÊN ĐOÀN LAO ĐỘNG
 * TỈNH ..."), else its head ("BỘ", "SỞ"), else the body above it. */
static pl_level body_level(const pl_text *t, const block_body *bodies, size_t i)
{
    const block_body *bd = &bodies[i];
    if (bd->whole)
        return PL_LEVEL_NATIONAL;
    if (bd->unit)
        return place_level(t, bd->unit, bd->place_a, bd->place_b);
    const char *lv = head_attr(bd, "level");
    if (lv && strcmp(lv, "none") == 0)
        return PL_LEVEL_UNKNOWN;
    pl_level l = level_named(lv);
    if (l == PL_LEVEL_UNKNOWN && i == 0 && bd->head && bd->nline > 0) {
        /* a department's office at the top of its block, its committee
         * not written ("PHÒNG GD&ĐT BẢO LÂM" over a school): the level of
         * that kind of office (department-heads: a Phòng is a district's) */
        const pl_vocab_entry *d = key_starts_any(t, bd->line[0].a, bd->line[0].b, "department-heads");
        if (d)
            l = level_named(pl_vocab_attr(d, "level"));
    }
    if (l != PL_LEVEL_UNKNOWN || i == 0)
        return l;
    return body_level(t, bodies, i - 1);
}

/* "Sở Công Thương", "UBND tỉnh Lào Cai": the head as issuers write it,
 * then the name, its unit word in lower case and place names capitalised. */
/* How the words after a body's head are written when the block has them
 * in capitals.  A head whose name goes on with the body's field ("CỤC
 * HÓA CHẤT", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO": body-heads case="field") takes
 * Nghị định 30's capitals (Phụ lục II, I.2): the first word of the name
 * and of each field joined by "và", '-' or ',' ("Cục Kỹ thuật an toàn và
 * Môi trường công nghiệp"), the words of a proper name (name-proper-words:
 * "Việt Nam"), abbreviations as written; the other words lower case.
 * Other heads ("CÔNG TY", "TRƯỜNG") go on with a proper name, given the
 * capitals of a place name (copy_name). */
typedef struct name_case {
    int field;    /* the head's name goes on with a field */
    int cap_next; /* the next word opens the name or a field */
    size_t end;   /* key offset where the whole name ends (its last line) */
} name_case;

enum { NC_LOWER, NC_FIRST, NC_KEEP, NC_PROPER };

/* Does a word of field-joins ("và") stand in key[a..b)?  A comma opens a
 * field of a name in an enumeration that "và" closes ("Văn hóa, Thể thao
 * và Du lịch", Nghị định 30, Phụ lục II); without one it joins the words
 * of one field ("Cục Bảo vệ, chăm sóc trẻ em", "Cục Phòng, chống tệ nạn xã
 * hội"). */
static int joined_later(const pl_text *t, size_t a, size_t b)
{
    const pl_vocab_list *l = pl_vocab("field-joins");
    for (size_t i = 0; i < l->n; i++)
        if (find_phrase(t, a, b, l->v[i].key) != NPOS)
            return 1;
    return 0;
}

static char *field_name(const pl_text *t, size_t a, size_t b, name_case *nc)
{
    if (pl_has_lower(t->flat, a, b) && !caps_font_line(t, a)) {
        nc->cap_next = 0;
        return pl_strndup(t->flat + a, b - a);
    }
    pl_buf out = PL_BUF_INIT;
    int word_start = 1, mode = NC_LOWER;
    size_t proper_end = a, kb = pl_text_flat_to_key(t, b);
    for (size_t i = a; i < b;) {
        int32_t cp;
        int k = pl_utf8_next(t->flat, b, i, &cp);
        if (k < 0)
            break;
        if (word_start && (pl_is_letter(cp) || pl_is_digit(cp))) {
            size_t ki = pl_text_flat_to_key(t, i), e = ki;
            int join = key_starts_any(t, ki, kb, "field-joins") != NULL;
            const pl_vocab_entry *body =
                i < proper_end ? NULL : pl_vocab_prefix(pl_vocab("national-bodies"), t->key, ki, kb, &e);
            if (body) { /* "... - BỘ Y TẾ" in a joint name: as the body writes itself */
                pl_buf_puts(&out, pl_vocab_attr_or_phrase(body, "name"));
                i = pl_text_key_to_flat(t, e);
                nc->cap_next = 0;
                word_start = 0;
                continue;
            }
            if (i < proper_end) {
                mode = NC_PROPER;
            } else if (pl_vocab_prefix(pl_vocab("name-proper-words"), t->key, ki, kb, &e)) {
                mode = NC_PROPER;
                proper_end = pl_text_key_to_flat(t, e);
            } else if (!caps_font_line(t, a) && abbreviation_at(t->flat, i, b)) {
                mode = NC_KEEP;
            } else {
                mode = nc->cap_next && !join ? NC_FIRST : NC_LOWER;
            }
            nc->cap_next = join;
        } else if (cp == '-' || (cp == ',' && joined_later(t, pl_text_flat_to_key(t, i), nc->end > kb ? nc->end : kb))) {
            nc->cap_next = 1;
        }
        int start = word_start;
        word_start = !pl_is_letter(cp) && !pl_is_mark(cp) && !pl_is_digit(cp);
        if (!pl_is_letter(cp) || mode == NC_KEEP)
            pl_buf_put_cp(&out, cp);
        else
            pl_buf_put_cp(&out, start && mode != NC_LOWER ? pl_upper(cp) : pl_lower(cp));
        i += (size_t)k;
    }
    return pl_buf_detach(&out, NULL);
}

static void put_words(const pl_text *t, size_t ka, size_t kb, pl_buf *out, name_case *nc)
{
    if (ka >= kb)
        return;
    size_t fa = pl_text_key_to_flat(t, ka), fb = pl_text_key_to_flat(t, kb);
    char *w = nc->field ? field_name(t, fa, fb, nc) : copy_name(t, fa, fb);
    pl_buf_putc(out, ' ');
    pl_buf_puts(out, w ? w : "");
    free(w);
}

static void put_place(const pl_text *t, const unit *u, size_t fa, size_t fb, pl_buf *out)
{
    char *place = copy_name(t, fa, fb);
    pl_buf_putc(out, ' ');
    pl_buf_puts(out, unit_name(u));
    pl_buf_putc(out, ' ');
    pl_buf_puts(out, place ? place : "");
    free(place);
}

/* A committee or council named inside a body's name after its head ("ĐẢNG
 * ỦY ỦY BAN NHÂN DÂN TỈNH": the Party committee of the provincial
 * People's Committee) is written as issuers write it, "UBND tỉnh", and
 * the unit word that ends the name with no place after it is returned in
 * *bare: the body above names the place ("ĐẢNG BỘ TỈNH LÀO CAI").  The key
 * offset after what was written, or k when nothing was. */
static size_t put_inner_committee(const pl_text *t, const block_body *bd, size_t k, size_t end,
                                  pl_buf *out, const unit **bare)
{
    size_t he = 0;
    const pl_vocab_entry *inner = pl_vocab_prefix(pl_vocab("body-heads"), t->key, k, end, &he);
    const char *lv = inner ? pl_vocab_attr(inner, "level") : NULL;
    if (!lv || strcmp(lv, "unit") != 0)
        return k;
    size_t ua = he;
    while (ua < end && t->key[ua] == ' ')
        ua++;
    size_t ub = ua;
    while (ub < end && t->key[ub] != ' ')
        ub++;
    const unit *u = ub > ua ? unit_of(t, ua, ub) : NULL;
    if (bd->unit && bd->unit_line == 0 && bd->unit_a == ua) {
        /* "ỦY BAN NHÂN DÂN TỈNH LÀO CAI": its unit and place follow */
        pl_buf_putc(out, ' ');
        pl_buf_puts(out, pl_vocab_attr_or_phrase(inner, "name"));
        return ua;
    }
    size_t after = ub;
    while (after < end && t->key[after] == ' ')
        after++;
    if (!u || after != end)
        return k; /* no unit: written as it stands */
    pl_buf_putc(out, ' ');
    pl_buf_puts(out, pl_vocab_attr_or_phrase(inner, "name"));
    pl_buf_putc(out, ' ');
    pl_buf_puts(out, unit_name(u));
    *bare = u;
    return end;
}

static void put_body_name_bare(const pl_text *t, const block_body *bd, pl_buf *out,
                               const unit **bare)
{
    if (bd->whole) {
        pl_buf_putc(out, ' ');
        pl_buf_puts(out, pl_vocab_attr_or_phrase(bd->whole, "name"));
        return;
    }
    size_t k = bd->line[0].a;
    const char *cs = head_attr(bd, "case");
    name_case nc = {cs && strcmp(cs, "field") == 0, 1, bd->nline ? bd->line[bd->nline - 1].b : 0};
    if (bd->head) {
        pl_buf_putc(out, ' ');
        pl_buf_puts(out, pl_vocab_attr_or_phrase(bd->head, "name"));
        k = bd->head_end;
        /* "TRƯỜNG: THCS MÔNG ÂN": a colon after the head is a form's */
        while (k < bd->line[0].b && (t->key[k] == ' ' || (k == bd->head_end && t->key[k] == ':')))
            k++;
        size_t e = 0;
        const agency *d = starts_loosely_any(t, k, bd->line[0].b, "departments", &e);
        if (d) {
            pl_buf_putc(out, ' ');
            pl_buf_puts(out, pl_vocab_attr_or_phrase(d, "name"));
            k = e;
            nc.field = 0; /* a place may follow: "SỞ CÔNG THƯƠNG LÀO CAI" */
        }
        if (bare && bd->nline == 1) {
            size_t after = put_inner_committee(t, bd, k, bd->line[0].b, out, bare);
            if (after != k)
                nc.cap_next = 0;
            k = after;
        }
    }
    for (size_t li = 0; li < bd->nline; li++) {
        span s = bd->line[li];
        size_t from = li == 0 ? k : s.a;
        if (bd->unit && bd->unit_line == li) {
            put_words(t, from, bd->unit_a, out, &nc);
            put_place(t, bd->unit, bd->place_a, bd->place_b, out);
            nc.cap_next = 0;
            put_words(t, pl_text_flat_to_key(t, bd->place_b), s.b, out, &nc);
        } else if (li == 0 && !bd->unit && bd->place_b > bd->place_a) {
            /* a head whose name holds its unit is named by its place
             * (find_place_after_head): "TỈNH ỦY LÀO CAI ĐẢNG CỘNG SẢN VIỆT
             * NAM", the party's line run into the name's, ends at "CAI" */
            put_words(t, from, pl_text_flat_to_key(t, bd->place_b), out, &nc);
        } else {
            put_words(t, from, s.b, out, &nc);
        }
    }
}

static void put_body_name(const pl_text *t, const block_body *bd, pl_buf *out)
{
    put_body_name_bare(t, bd, out, NULL);
}

/* One space between words, none at the ends: the name is built from
 * pieces of several lines. */
static void squeeze_spaces(char *s)
{
    size_t j = 0;
    for (size_t i = 0; s[i]; i++) {
        int space = s[i] == ' ' || s[i] == '\n';
        if (space && (j == 0 || s[j - 1] == ' ' || s[j - 1] == '('))
            continue;
        s[j++] = space ? ' ' : s[i];
    }
    while (j > 0 && s[j - 1] == ' ')
        j--;
    s[j] = '\0';
}

/* The unit word that alone follows the head of body bd, a body of a unit
 * named with no place ("CÔNG AN XÃ"); NULL otherwise. */
static const unit *bare_unit_word(const pl_text *t, const block_body *bd)
{
    const char *lv = head_attr(bd, "level");
    if (!bd->head || bd->unit || bd->whole || bd->nline != 1 || !lv || strcmp(lv, "unit") != 0)
        return NULL;
    span s = bd->line[0];
    size_t k = bd->head_end;
    while (k < s.b && t->key[k] == ' ')
        k++;
    return k < s.b ? unit_of(t, k, s.b) : NULL;
}

/* The issuing body with what the one above adds to its name:
 * "Sở Công Thương tỉnh Lào Cai", "Văn phòng UBND tỉnh Lào Cai", "Cục Hóa
 * Chất (Bộ Công Thương)". */
static void put_issuer_name(const pl_text *t, const block_body *lower, const block_body *upper, pl_buf *out)
{
    const unit *bare = NULL;
    /* "UBND XÃ AN BÌNH / CÔNG AN XÃ": a body of a unit named by its unit
     * word alone is the unit's of the body above: "Công an xã An Bình" */
    const unit *u = upper && upper->unit && upper->place_b > upper->place_a ? bare_unit_word(t, lower) : NULL;
    if (u && strcmp(unit_name(u), unit_name(upper->unit)) == 0) {
        pl_buf_putc(out, ' ');
        pl_buf_puts(out, pl_vocab_attr_or_phrase(lower->head, "name"));
        put_place(t, upper->unit, upper->place_a, upper->place_b, out);
        return;
    }
    put_body_name_bare(t, lower, out, upper ? &bare : NULL);
    /* "Đảng ủy UBND tỉnh" under "ĐẢNG BỘ TỈNH LÀO CAI": the place the name
     * lacks is the one the body above names with the same unit */
    if (bare && upper->unit && upper->place_b > upper->place_a &&
        strcmp(unit_name(bare), unit_name(upper->unit)) == 0) {
        char *place = copy_name(t, upper->place_a, upper->place_b);
        pl_buf_putc(out, ' ');
        pl_buf_puts(out, place ? place : "");
        free(place);
        return;
    }
    if (!upper || !body_known(upper) || lower->whole || lower->unit)
        return;
    const char *joins = lower->head ? pl_vocab_attr(lower->head, "joins") : "paren";
    if (!joins)
        return;
    /* a department of a body other than a people's committee: "Phòng
     * Cảnh sát ... (Công an tỉnh Lào Cai)" */
    if (strcmp(joins, "place") == 0 && upper->head && !head_attr(upper, "members"))
        joins = "paren";
    if (strcmp(joins, "place") == 0 && upper->unit) {
        put_place(t, upper->unit, upper->place_a, upper->place_b, out);
    } else if (strcmp(joins, "of") == 0) {
        pl_buf_putc(out, ' ');
        put_body_name(t, upper, out);
    } else {
        pl_buf_puts(out, " (");
        put_body_name(t, upper, out);
        pl_buf_putc(out, ')');
    }
}

/* Can body bd issue a document in its own name, with no body above it: a
 * national body ("BỘ Y TẾ") or a people's committee or council?  Such a
 * body is never the managed one of a block. */
static int top_body(const block_body *bd)
{
    if (bd->whole)
        return 1;
    const char *lv = head_attr(bd, "level");
    return lv && !head_attr(bd, "joins") && (strcmp(lv, "national") == 0 || strcmp(lv, "unit") == 0);
}

/* A joint document (văn bản liên tịch, Nghị định 30, Phụ lục I, II.2)
 * names each issuing body at the top, none managing another ("BỘ CÔNG AN
 * - BỘ QUỐC PHÒNG - BỘ Y TẾ ..."): its issuer is all of them. */
static int joint_block(const pl_text *t, const block_body *bodies, size_t n)
{
    if (n < 2)
        return 0;
    int national = 0, local = 0;
    pl_level unit_lv = PL_LEVEL_UNKNOWN;
    for (size_t i = 0; i < n; i++) {
        if (!top_body(&bodies[i]))
            return 0;
        const char *lv = head_attr(&bodies[i], "level");
        /* a body of a unit whose unit word names no place ("UBND XÃ AN
         * BÌNH / CÔNG AN XÃ") is the unit's own, managed by the one above */
        if (bare_unit_word(t, &bodies[i]))
            return 0;
        national |= bodies[i].whole != NULL || (lv && strcmp(lv, "national") == 0);
        local |= bodies[i].unit != NULL;
        /* a body of a unit over one of a lower unit manages it ("LIÊN
         * ĐOÀN LAO ĐỘNG TỈNH THANH HÓA / LIÊN ĐOÀN LAO ĐỘNG HUYỆN YÊN
         * ĐỊNH") */
        if (bodies[i].unit) {
            pl_level lv_i = place_level(t, bodies[i].unit, bodies[i].place_a, bodies[i].place_b);
            if (unit_lv != PL_LEVEL_UNKNOWN && lv_i != unit_lv)
                return 0;
            unit_lv = lv_i;
        }
    }
    /* a national body over its branch in a unit ("BẢO HIỂM XÃ HỘI VIỆT
     * NAM / BẢO HIỂM XÃ HỘI TỈNH LÀO CAI") manages it: the joint bodies of
     * a block are of one rank */
    return !(national && local);
}

static void put_joint_name(const pl_text *t, const block_body *bodies, size_t n, pl_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            pl_buf_puts(out, " -");
        put_body_name(t, &bodies[i], out);
    }
}

/* ---- a header on one line ------------------------------------------------
 * A document site's text of a PDF may run the whole header onto one line
 * (tailieu.vn: "1. BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do
 * Hạnh phúc Số: 5556/QĐ-BYT Hà Nội, ngày 04 tháng 12 năm 2021 QUYẾT ĐỊNH
 * VỀ VIỆC ..."), the page's list number first, the rows of the two
 * columns one after the other: the issuer block's lines stand before the
 * nation line, between it and the motto line, and between that and
 * "Số:"; the type name in capitals follows the place-date line. */

#define MOTTO_LINE_MAX_BYTES 64 /* a motto line's first word to its last, in key bytes */
#define ONE_LINE_MAX_BYTES 400   /* the line's start to its "Số:": block and motto */

/* The line of the motto of kind `line` ("nation", "motto") in key[a..b):
 * from a phrase of motto-starts to the first phrase of motto-ends of the
 * same line after it (the end may lie inside the start: "Đảng Cộng sản
 * Việt Nam"), the words between garbled or not ("CỘNG HÒA XàHỘI", "Độc
 * lập  Tự do  Hạnh phúc"); of the starts before that end, the last ("ỦY
 * BAN NHÂN DÂN XÃ CỘNG HÒA CỘNG HÒA XÃ HỘI ...").  1 when found. */
static int motto_span(const pl_text *t, size_t a, size_t b, const char *line, span *out)
{
    const pl_vocab_list *starts = pl_vocab("motto-starts"), *ends = pl_vocab("motto-ends");
    size_t best = NPOS;
    for (size_t i = 0; i < ends->n; i++) {
        const char *kind = pl_vocab_attr(&ends->v[i], "line");
        if (!kind || strcmp(kind, line) != 0)
            continue;
        for (size_t at = a, p; (p = find_glued(t, at, b, ends->v[i].key)) != NPOS; at = p + 1) {
            size_t end = p + ends->v[i].key_len, from = end > a + MOTTO_LINE_MAX_BYTES
                                                            ? end - MOTTO_LINE_MAX_BYTES
                                                            : a;
            if (end >= best)
                break;
            size_t start = NPOS;
            for (size_t k = 0; k < starts->n; k++) {
                const char *sk = pl_vocab_attr(&starts->v[k], "line");
                if (!sk || strcmp(sk, line) != 0)
                    continue;
                for (size_t q, f = from; (q = find_glued(t, f, end, starts->v[k].key)) != NPOS; f = q + 1)
                    if (start == NPOS || q > start)
                        start = q;
            }
            if (start != NPOS) {
                best = end;
                out->a = start;
                out->b = end;
                break;
            }
        }
    }
    return best != NPOS;
}

/* Does a line of the motto stand in key[a..b)? */
static int motto_within(const pl_text *t, size_t a, size_t b)
{
    span s;
    return motto_span(t, a, b, "nation", &s) || motto_span(t, a, b, "motto", &s);
}

/* Trim spaces and the rules a copy draws under a name from key[s.a..s.b). */
static span trim_rules(const pl_text *t, span s)
{
    while (s.a < s.b && strchr(" -_=*", t->key[s.a]))
        s.a++;
    while (s.b > s.a && strchr(" -_=*", t->key[s.b - 1]))
        s.b--;
    return s;
}

/* The issuer block's lines of a header on one line: the key spans before,
 * between and after the motto's lines, up to "Số:", in out; their number
 * (0 when the header's "Số:" does not follow the motto on the line its
 * paragraph opens). */
static size_t one_line_block(const pl_text *t, const header *h, span out[3])
{
    if (h->number_para < 0)
        return 0;
    const pl_para *p = &t->paras[h->number_para];
    size_t a = pl_text_flat_to_key(t, p->body), b = h->so.start;
    if (a >= b || b - a > ONE_LINE_MAX_BYTES || b >= line_key(t, p->first_line).b)
        return 0;
    span nation = {b, b}, motto = {b, b};
    int has_nation = motto_span(t, a, b, "nation", &nation),
        has_motto = motto_span(t, a, b, "motto", &motto);
    if (!has_nation && !has_motto)
        return 0;
    if (!has_nation)
        nation = (span){motto.a, motto.a};
    if (!has_motto || motto.a < nation.b)
        motto = (span){b, b};
    span cut[3] = {{a, nation.a}, {nation.b, motto.a}, {motto.b, b}};
    size_t n = 0;
    for (size_t i = 0; i < 3; i++) {
        span s = trim_rules(t, cut[i]);
        if (s.b > s.a)
            out[n++] = s;
    }
    return n;
}

/* The bodies of a header on one line (h->one_line); their number. */
static size_t one_line_bodies(const pl_text *t, const header *h, block_body *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < h->one_line_n; i++)
        if (block_line(t, h->one_line[i], out, &n, max))
            break;
    finish_bodies(t, out, n);
    return n;
}

/* Issuer, level and locality from the issuer block: 1 when it names one,
 * 0 when there is none to read (mixed case, no known body: a form, a list
 * of laws), -1 out of memory. */
static int bodies_known(const block_body *bodies, size_t n)
{
    return n > 0 && (body_known(&bodies[n - 1]) || (n > 1 && body_known(&bodies[n - 2])));
}

/* The organisation a mass organisation's header names in the motto's
 * place ("ĐOÀN TNCS HỒ CHÍ MINH" beside "BAN CHẤP HÀNH TRUNG ƯƠNG / ***",
 * list motto-starts, attribute org), on a line of its own among the
 * header's first lines, before or after "Số:"; NULL if none. */
static const char *motto_org(const pl_text *t, const header *h)
{
    enum { ORG_LINES_MAX = 12 };
    for (size_t li = h->block_line, seen = 0; li < t->nlines && seen < ORG_LINES_MAX; li++) {
        span s = line_key(t, li);
        if (s.b <= s.a || stray_line(t, li))
            continue;
        seen++;
        li = join_broken(t, li, &s);
        /* each cell of a table's row ("| BAN CHẤP HÀNH TRUNG ƯƠNG | ĐOÀN
         * TNCS HỒ CHÍ MINH |"): the text splits them at the bars */
        for (size_t a = s.a; a < s.b;) {
            while (a < s.b && (t->key[a] == ' ' || t->key[a] == '|' || t->key[a] == '\n'))
                a++;
            const pl_vocab_entry *e = key_starts_any(t, a, s.b, "motto-starts");
            const char *org = e ? pl_vocab_attr(e, "org") : NULL;
            if (org && motto_alone(t, a, s.b, e))
                return org;
            const char *nl = a < s.b ? memchr(t->key + a, '\n', s.b - a) : NULL;
            if (!nl)
                break;
            a = (size_t)(nl - t->key);
        }
    }
    return NULL;
}

/* Does name[0..len) end with the words of org, case and accents folded
 * ("Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh" and "Đoàn TNCS Hồ
 * Chí Minh")?  -1 out of memory. */
static int ends_with_org(const char *name, size_t len, const char *org)
{
    char nbuf[256], obuf[128];
    char *n = pl_fold_loose_into(name, len, nbuf, sizeof nbuf);
    char *o = n ? pl_fold_loose_into(org, strlen(org), obuf, sizeof obuf) : NULL;
    int r = -1;
    if (n && o) {
        size_t nl = strlen(n), ol = strlen(o);
        while (nl > 0 && n[nl - 1] == ' ')
            nl--;
        r = ol > 0 && nl >= ol && memcmp(n + nl - ol, o, ol) == 0 &&
            (nl == ol || n[nl - ol - 1] == ' ');
    }
    if (o)
        pl_fold_loose_done(o, obuf);
    if (n)
        pl_fold_loose_done(n, nbuf);
    return r;
}

static int block_issuer(pl_doc *doc, const header *h)
{
    const pl_text *t = &doc->text;
    block_body bodies[BLOCK_MAX_BODIES];
    size_t n = one_line_bodies(t, h, bodies, BLOCK_MAX_BODIES);
    if (!bodies_known(bodies, n))
        n = read_bodies(t, h->block_line, bodies, BLOCK_MAX_BODIES);
    if (!bodies_known(bodies, n))
        return 0;
    const block_body *lower = &bodies[n - 1], *upper = n > 1 ? &bodies[n - 2] : NULL;
    pl_buf b = PL_BUF_INIT;
    if (joint_block(t, bodies, n))
        put_joint_name(t, bodies, n, &b);
    else
        put_issuer_name(t, lower, upper, &b);
    /* the organisation in the motto's place ends the name, unless the
     * block's own line named it ("BAN CHẤP HÀNH TRUNG ƯƠNG ĐOÀN TNCS HỒ
     * CHÍ MINH") */
    const char *org = head_attr(lower, "org") ? motto_org(t, h) : NULL;
    int named = org && b.len > 0 ? ends_with_org(b.data, b.len, org) : 0;
    if (named < 0) {
        pl_buf_free(&b);
        return -1;
    }
    if (org && !named) {
        pl_buf_putc(&b, ' ');
        pl_buf_puts(&b, org);
    }
    pl_docinfo *in = &doc->info;
    in->level = body_level(t, bodies, n - 1);
    const block_body *placed = lower->place_b > lower->place_a ? lower
                               : upper && upper->place_b > upper->place_a ? upper
                                                                           : NULL;
    if (placed && in->level != PL_LEVEL_NATIONAL &&
        (in->locality = copy_name(t, placed->place_a, placed->place_b)) == NULL) {
        pl_buf_free(&b);
        return -1;
    }
    in->issuer = pl_buf_detach(&b, NULL);
    if (!in->issuer)
        return -1;
    squeeze_spaces(in->issuer);
    return 1;
}

/* ---- pass 1: the header block ------------------------------------------- */

/* "KẾ HOẠCH" alone in capitals, or a title in capitals that starts with
 * the type name ("KẾ HOẠCH THỰC HIỆN ..."). */
static const doc_type *type_line(const pl_text *t, size_t i, int *inline_title)
{
    const pl_para *p = &t->paras[i];
    if (p->kind != PL_PARA_TEXT || pl_has_lower(t->flat, p->flat_start, p->flat_end))
        return NULL;
    size_t after = p->key_end;
    const doc_type *ty = pl_doctype_starting(t->key, p->key_start, p->key_end, &after);
    if (!ty)
        ty = type_without_marks(t, para_key(t, i), &after);
    *inline_title = ty && after < p->key_end;
    return ty;
}

static int starts_body(const pl_text *t, size_t i)
{
    return key_starts_any(t, t->paras[i].key_start, t->paras[i].key_end, "body-openers") != NULL;
}

/* Does key[at] open a line of the input (after spaces and a cell bar)?
 * A text copy's header lines are one paragraph when no blank line parts
 * them. */
static int opens_input_line(const pl_text *t, size_t at)
{
    for (size_t li = 0; li < t->nlines; li++) {
        span s = line_key(t, li);
        if (s.a == at && s.b > s.a)
            return 1;
        if (s.a > at)
            break;
    }
    return 0;
}

/* Is this match of R_SO the header's "Số:", not "Kế hoạch số 187/..."?  The
 * header's stands in a plain paragraph (not an item of a list of laws) and
 * opens it or its input line ("Số 2449-CV/ĐU" under a party's issuer
 * block), has a colon, or is a blank to fill in; after a type name only as
 * the number line of a law ("Luật số: 69/2025/QH15"). */
static int header_so(const pl_text *t, size_t para, const pl_match *m)
{
    size_t ps = t->paras[para].key_start;
    int colon = memchr(t->key + m->start, ':', m->end - m->start) != NULL;
    /* a header on one line, after the page's list number ("1. BỘ Y TẾ
     * CỘNG HÒA ... Hạnh phúc Số: 5556/QĐ-BYT ..."): "Số:" after the motto */
    if (t->paras[para].kind != PL_PARA_TEXT)
        return colon && m->start - ps <= ONE_LINE_MAX_BYTES && motto_within(t, ps, m->start);
    const pl_vocab_list *types = pl_vocab("document-types");
    for (size_t k = 0; k < types->n; k++) {
        size_t n = types->v[k].key_len + 1;
        if (m->start >= ps + n && memcmp(t->key + m->start - n, types->v[k].key, n - 1) == 0)
            return colon && m->start == ps + n;
    }
    size_t g1a = 0, g1b = 0;
    return m->start == ps || colon || !group(m, 1, &g1a, &g1b) || opens_input_line(t, m->start);
}

/* A paragraph of a công văn's header: short (the V/v summary, the motto,
 * the place-date line), not "Kính gửi", a clause opener or the body. */
static int letter_header_para(const pl_text *t, size_t i)
{
    const pl_para *p = &t->paras[i];
    return p->kind == PL_PARA_TEXT && p->key_end - p->key_start <= LETTER_PARA_MAX_BYTES &&
           !starts_body(t, i) && !key_starts_any(t, p->key_start, p->key_end, "salutations") &&
           !pl_vocab_prefix(pl_vocab("clause-openers"), t->key, p->key_start, p->key_end, NULL);
}

/* Where a search of R_SO in key[..reach) may start to find the first match
 * that starts in key[at..b) (b: none can): at its first number word (see
 * lead_from), when a '/' follows it, as one follows every match's start
 * (the number's, or the ký hiệu's after the Party form's dash or a number
 * glued to it, in a look-ahead). */
static size_t key_so_from(const char *key, size_t at, size_t b, size_t reach, int plain)
{
    at = key_lead_from(L_NUMBER, key, at, b, reach, plain);
    if (at < b && !atomic_load_explicit(&pretests_off, memory_order_relaxed) &&
        !memchr(key + at, '/', reach - at))
        return b;
    return at;
}

static size_t so_from(const pl_text *t, header *h, size_t pi, size_t at, size_t reach)
{
    size_t b = t->paras[pi].key_end;
    return at < b ? key_so_from(t->key, at, b, reach, para_plain(t, h, pi)) : at;
}

static long find_number_para(const pl_text *t, header *h, size_t from, size_t limit, pl_match *out)
{
    for (size_t i = from; i < limit; i++) {
        span s = para_key(t, i);
        /* "Số:" may end its line with the number on the next ("Số:\n607/QĐ-UBND") */
        size_t reach = i + 1 < t->nparas ? t->paras[i + 1].key_end : s.b;
        pl_match m;
        for (size_t at = s.a; at < s.b && (at = so_from(t, h, i, at, reach)) < s.b &&
                              pl_re_find(re[R_SO], t->key, reach, at, &m);
             at = m.end)
            if (m.start < s.b && header_so(t, i, &m)) {
                *out = m;
                return (long)i;
            }
    }
    return -1;
}

/* A title in capitals broken over paragraphs ("PHÁT TRIỂN TRƯỜNG TIỂU
 * HỌC TÂN MỸ" / "GIAI ĐOẠN 2020-2025"): the plain paragraphs in capitals
 * right under it continue it.  A heading ("I. MỤC ĐÍCH"), a bullet or a
 * line with lower case ends it. */
static void extend_title(const pl_text *t, header *h)
{
    enum { TITLE_MAX_PARAS = 3 };
    size_t i = h->block_end;
    for (size_t n = 1; n < TITLE_MAX_PARAS && i < t->nparas; n++, i++) {
        const pl_para *p = &t->paras[i];
        if (p->kind != PL_PARA_TEXT || p->key_end <= p->key_start ||
            pl_has_lower(t->flat, p->flat_start, p->flat_end) || starts_body(t, i))
            break;
        h->title.b = p->key_end;
        h->block_end = i + 1;
    }
}

/* The key offset after the words in capitals that open key[a..b). */
static size_t capitals_end(const pl_text *t, size_t a, size_t b)
{
    size_t end = a;
    for (size_t k = a; k < b;) {
        while (k < b && t->key[k] == ' ')
            k++;
        size_t w = k;
        while (w < b && t->key[w] != ' ')
            w++;
        if (w == k || pl_has_lower(t->flat, pl_text_key_to_flat(t, k), pl_text_key_to_flat(t, w)))
            break;
        end = k = w;
    }
    return end;
}

/* A header on one line: the type name in capitals right after the
 * place-date line, the title the capitals after it. */
static void one_line_type(const pl_text *t, header *h)
{
    if (h->type_para >= 0 || h->one_line_n == 0)
        return;
    const pl_para *p = &t->paras[h->number_para];
    pl_match m;
    if (!pl_re_find(re[R_DATE], t->key, p->key_end, h->so.end, &m))
        return;
    size_t at = m.end, after = p->key_end;
    while (at < p->key_end && t->key[at] == ' ')
        at++;
    const doc_type *ty = pl_doctype_starting(t->key, at, p->key_end, &after);
    if (!ty || capitals_end(t, at, p->key_end) < at + ty->key_len)
        return;
    h->type = ty;
    h->title.a = at + ty->key_len;
    h->title.b = capitals_end(t, h->title.a, p->key_end);
}

static void find_block(const pl_doc *doc, header *h)
{
    const pl_text *t = &doc->text;
    size_t limit = t->nparas < HEADER_MAX_PARAS ? t->nparas : HEADER_MAX_PARAS;
    h->type_para = h->title_para = h->number_para = -1;
    for (size_t i = 0; i < limit && h->type_para < 0; i++)
        if ((h->type = type_line(t, i, &h->type_inline)) != NULL)
            h->type_para = (long)i;
    /* "Số:" stands above the type name, or right under it in a document
     * whose type name opens the page ("PHƯƠNG ÁN NỔ MÌN / Số: 01/PANM-MS") */
    size_t so_limit = h->type_para >= 0 ? (size_t)h->type_para + 2
                                        : (limit < NUMBER_MAX_PARAS ? limit : NUMBER_MAX_PARAS);
    if (so_limit > limit)
        so_limit = limit;
    h->number_para = find_number_para(t, h, 0, so_limit, &h->so);
    /* a copy's heading in capitals above the header ("NGHỊ QUYẾT SỐ
     * 26-NQ/TU NGÀY 05/12/2025 CỦA TỈNH ỦY LÀO CAI" over a note, then the
     * issuer block, "Số 26-NQ/TU" and "NGHỊ QUYẾT"): the type name stands
     * under "Số:" (Nghị định 30), or right above it on a page it opens,
     * so a type line with the header's "Số" further down and another
     * type line under that is a heading, the later one the type name */
    if (h->type_para >= 0 && h->number_para < 0 && so_limit < limit) {
        pl_match so;
        size_t until = so_limit + NUMBER_MAX_PARAS < limit ? so_limit + NUMBER_MAX_PARAS : limit;
        long np = find_number_para(t, h, so_limit, until, &so);
        for (size_t i = np >= 0 ? (size_t)np + 1 : limit; i < limit; i++) {
            int inline_title = 0;
            const doc_type *ty = type_line(t, i, &inline_title);
            if (ty) {
                h->type = ty;
                h->type_inline = inline_title;
                h->type_para = (long)i;
                h->number_para = np;
                h->so = so;
                /* the issuer block: the paragraphs without lower case
                 * right above "Số" */
                size_t b = (size_t)np;
                while (b > so_limit && !pl_has_lower(t->flat, t->paras[b - 1].flat_start,
                                                     t->paras[b - 1].flat_end))
                    b--;
                h->block_line = t->paras[b].first_line;
                break;
            }
        }
    }
    h->one_line_n = one_line_block(t, h, h->one_line);

    if (h->type_para >= 0) {
        size_t tp = (size_t)h->type_para;
        h->block_end = tp + 1;
        h->top.b = t->paras[tp].key_start;
        if (h->type_inline) {
            h->title_para = h->type_para;
            h->title.a = t->paras[tp].key_start + h->type->key_len;
            h->title.b = t->paras[tp].key_end;
        } else if (tp + 1 < t->nparas && t->paras[tp + 1].kind == PL_PARA_TEXT &&
                   !starts_body(t, tp + 1)) {
            h->title_para = (long)tp + 1;
            h->title = para_key(t, tp + 1);
            h->block_end = tp + 2;
            extend_title(t, h);
        }
    } else if (h->number_para >= 0) {
        /* no type-name line (a công văn): the place-date line follows
         * "Số:", after the "V/v" summary and the motto, before "Kính gửi"
         * and the body */
        size_t np = (size_t)h->number_para, e = np + 1;
        while (e < t->nparas && e < np + LETTER_MAX_PARAS && letter_header_para(t, e))
            e++;
        h->block_end = e > np + 2 ? e : (np + 2 < t->nparas ? np + 2 : t->nparas);
        h->top.b = t->paras[h->block_end - 1].key_end;
    }
    one_line_type(t, h);
    if (doc->info.header_end > h->block_end && h->block_end > 0)
        h->block_end = doc->info.header_end;
}

/* ---- pass 2: the issuing sentence --------------------------------------- */

/* The sentence around key offset `at` in paragraph `pi`, as a key span
 * (sentences end as pl_text_sentence_end says). */
static span sentence_around(const pl_text *t, size_t pi, size_t at)
{
    const pl_para *p = &t->paras[pi];
    size_t f = pl_text_key_to_flat(t, at);
    size_t a = f, b = f;
    while (a > p->body && !pl_text_sentence_end(t, a - 1, p->flat_start))
        a--;
    while (a < f && t->flat[a] == ' ')
        a++;
    while (b < p->flat_end && !pl_text_sentence_end(t, b, p->flat_start))
        b++;
    if (b < p->flat_end)
        b++; /* keep the full stop */
    span s = {pl_text_flat_to_key(t, a), pl_text_flat_to_key(t, b)};
    return s;
}

/* Does "của " stand right before key offset `at` (not before `from`)? */
static int after_issuer_lead(const pl_text *t, size_t from, size_t at)
{
    const pl_vocab_list *l = pl_vocab("issuer-leads");
    for (size_t i = 0; i < l->n; i++) {
        size_t n = l->v[i].key_len + 1;
        if (at >= from + n && memcmp(t->key + at - n, l->v[i].key, n - 1) == 0 &&
            t->key[at - 1] == ' ')
            return 1;
    }
    return 0;
}

/* "... ban hành Kế hoạch thực hiện Chương trình ... (Kế hoạch số
 * 187/KH-UBND, ngày 13/9/2021)": the number of the described document in
 * a parenthesis of the issuing sentence that names its type again. */
static void number_in_parenthesis(const pl_text *t, size_t a, size_t b, header *h)
{
    for (const char *p; a < b && (p = memchr(t->key + a, '(', b - a)) != NULL;) {
        size_t at = (size_t)(p - t->key) + 1;
        while (at < b && t->key[at] == ' ')
            at++;
        pl_match r;
        size_t ta = 0, tb = 0;
        if (pl_re_at(re[R_REF], t->key, b, at, &r) && group(&r, 1, &ta, &tb) &&
            type_by_name(t, ta, tb) == h->iss.described) {
            group(&r, 2, &h->iss.described_number.a, &h->iss.described_number.b);
            return;
        }
        a = at;
    }
}

/* "<issuer> ban hành Kế hoạch [số N]": the described document follows. */
static int issuing_forward(const pl_text *t, size_t pi, header *h)
{
    span ps = para_key(t, pi);
    pl_match m, n;
    size_t from = lead_from(t, h, pi, L_ISSUING, ps.a, ps.b);
    if (from >= ps.b || !pl_re_find(re[R_ISSUE_FWD], t->key, ps.b, from, &m))
        return 0;
    size_t ta = 0, tb = 0;
    group(&m, 1, &ta, &tb);
    h->iss.sentence = sentence_around(t, pi, m.start);
    h->iss.subject.a = h->iss.sentence.a;
    h->iss.subject.b = m.start;
    /* "... của UBND tỉnh ban hành Quy chế ...": the issuer of a cited
     * document, not a sentence about this plan */
    issuer is = find_issuer(t, h->iss.subject.a, h->iss.subject.b, LAST);
    if (issuer_known(&is) && after_issuer_lead(t, h->iss.subject.a, is.key_start)) {
        memset(&h->iss.sentence, 0, sizeof h->iss.sentence);
        memset(&h->iss.subject, 0, sizeof h->iss.subject);
        return 0;
    }
    h->iss.described = type_by_name(t, ta, tb);
    if (pl_re_at(re[R_NUM_AFTER], t->key, ps.b, tb, &n))
        group(&n, 1, &h->iss.described_number.a, &h->iss.described_number.b);
    else
        number_in_parenthesis(t, tb, h->iss.sentence.b, h);
    h->iss.scope.a = m.start;
    h->iss.scope.b = h->iss.sentence.b;
    return 1;
}

/* "Kế hoạch 104/KH-TLĐ ... do <issuer> ban hành": the described document
 * is the first one the sentence names. */
static int issuing_backward(const pl_text *t, size_t pi, header *h)
{
    span ps = para_key(t, pi);
    pl_match m, r;
    /* every match holds the issuing verb */
    if (lead_from(t, h, pi, L_ISSUING, ps.a, ps.b) >= ps.b ||
        !pl_re_find(re[R_ISSUE_BACK], t->key, ps.b, ps.a, &m))
        return 0;
    span sentence = sentence_around(t, pi, m.start);
    /* "Kinh phí do ... ban hành" names no document: not the issuing sentence */
    if (!pl_re_find(re[R_REF], t->key, m.start, sentence.a, &r))
        return 0;
    size_t ta = 0, tb = 0;
    group(&r, 1, &ta, &tb);
    h->iss.described = type_by_name(t, ta, tb);
    group(&r, 2, &h->iss.described_number.a, &h->iss.described_number.b);
    h->iss.sentence = sentence;
    group(&m, 1, &h->iss.subject.a, &h->iss.subject.b);
    h->iss.scope.a = r.start;
    h->iss.scope.b = sentence.b;
    return 1;
}

static void find_issuing_sentence(const pl_doc *doc, header *h)
{
    const pl_text *t = &doc->text;
    size_t end = doc->info.end_start < t->nparas ? doc->info.end_start : t->nparas;
    if (end > h->block_end + ISSUING_MAX_PARAS)
        end = h->block_end + ISSUING_MAX_PARAS;
    for (size_t i = h->block_end; i < end; i++) {
        if (!issuing_forward(t, i, h) && !issuing_backward(t, i, h))
            continue;
        if (h->iss.described_number.b > h->iss.described_number.a)
            return;
        /* a headline that tells the event without the number ("Hải Dương
         * ban hành kế hoạch công tác trẻ em năm 2024") over the sentence
         * that tells it with the number ("Ngày 13/3, UBND tỉnh Hải Dương
         * ban hành Kế hoạch số 894/KH-UBND ..."): the later one */
        issuing first = h->iss;
        for (size_t k = i + 1; k < end; k++) {
            if ((issuing_forward(t, k, h) || issuing_backward(t, k, h)) &&
                h->iss.described_number.b > h->iss.described_number.a)
                return;
            h->iss = first;
        }
        return;
    }
}

/* ---- form --------------------------------------------------------------- */

/* Does the national motto's second line ("Độc lập - Tự do - Hạnh phúc")
 * stand among the first lines, beside the issuer block?  A document's
 * header has it even when OCR lost its number and type name ("số: 34ÚŸ
 * mCT-KHCN"); a news item or a summary never opens with it. */
static int motto_at_top(const pl_text *t)
{
    enum { MOTTO_MAX_LINES = 8 };
    const pl_vocab_list *motto = pl_vocab("motto-line");
    for (size_t li = 0, seen = 0; li < t->nlines && seen < MOTTO_MAX_LINES; li++) {
        size_t note = note_end(t, li);
        if (note != NPOS) {
            li = note;
            continue;
        }
        span s = line_key(t, li);
        if (s.b <= s.a || stray_line(t, li))
            continue;
        seen++;
        for (size_t i = 0; i < motto->n; i++)
            if (find_glued(t, s.a, s.b, motto->v[i].key) != NPOS)
                return 1;
    }
    return 0;
}

/* The date of the issuing event told before its issuer in the issuing
 * sentence ("Để ..., ngày 05/5/2022, Uỷ ban nhân dân tỉnh đã ban hành Kế
 * hoạch số 78/KH-UBND ..."): a whole date followed by a comma and the
 * issuer, not a cited document's ("Quyết định số 782/QĐ-TTg ngày
 * 27/5/2021 của Thủ tướng, ..."); 1 with its match in *out. */
static int find_date_before_issuer(const pl_text *t, const header *h, pl_match *out)
{
    pl_match m;
    for (size_t at = h->iss.subject.a;
         at < h->iss.subject.b && pl_re_find(re[R_DATE], t->key, h->iss.subject.b, at, &m); at = m.end) {
        size_t k = m.end;
        int comma = 0;
        while (k < h->iss.subject.b && (t->key[k] == ' ' || t->key[k] == ','))
            comma |= t->key[k++] == ',';
        if (!comma || (m.gs[1] == (size_t)-1 && (m.gs[5] == (size_t)-1 || m.gs[6] == (size_t)-1)))
            continue;
        issuer is = find_issuer(t, k, h->iss.subject.b, ANYWHERE);
        if (issuer_known(&is) && is.key_start == k) {
            *out = m;
            return 1;
        }
    }
    return 0;
}

/* date_before_issuer, asked once per document: both the form and the
 * date of a summary ask it. */
static int date_before_issuer(const pl_text *t, header *h, pl_match *out)
{
    if (h->date_before_state == 0)
        h->date_before_state = find_date_before_issuer(t, h, &h->date_before) ? 1 : -1;
    if (h->date_before_state < 0)
        return 0;
    *out = h->date_before;
    return 1;
}

static pl_form find_form(const pl_doc *doc, header *h)
{
    const pl_text *t = &doc->text;
    pl_match m;
    if (h->type_para >= 0 || h->number_para >= 0 || motto_at_top(t))
        return PL_FORM_DOCUMENT; /* a header block: the plan itself, maybe a draft */
    if (pl_re_find(re[R_SUMMARY], t->key, t->key_len, 0, &m))
        return PL_FORM_SUMMARY;
    /* "Ngày 29/9/2021, Ủy ban nhân dân tỉnh ban hành ..." reports an event,
     * and so does "Ngày 13/3, UBND tỉnh ... ban hành ..." (the year left
     * to the page's date) */
    if (h->iss.sentence.b > h->iss.sentence.a &&
        (pl_re_at(re[R_DATE], t->key, h->iss.sentence.b, h->iss.sentence.a, &m) ||
         pl_re_at(re[R_DAY_MONTH], t->key, h->iss.sentence.b, h->iss.sentence.a, &m) ||
         date_before_issuer(t, h, &m)))
        return PL_FORM_SUMMARY;
    return PL_FORM_DOCUMENT;
}

/* ---- the number ---------------------------------------------------------
 * The ký hiệu is written in Latin capitals and Đ.  An OCR layer may read a
 * capital as its Cyrillic twin ("ВСТ-ВТC" for "BCT-BTC"), and a long ký
 * hiệu of a joint document wraps: "Số: 24 /HDLN-BCA-BQP-BYT-" with
 * "BCT-BTC-VKSNDTC-TANDTC" on a line of its own further down the column
 * (a two-column header read row by row puts the place-date line between). */

/* Is flat[a..b) the rest of a ký hiệu alone on its paragraph: capitals
 * (or their twins), digits, '&', parts joined by '-' ("XMC",
 * "ВСТ-ВТC-VKSNDTC-TANDTC")? */
static int symbol_rest(const pl_text *t, size_t a, size_t b)
{
    size_t letters = 0, n;
    for (size_t i = a; i < b;) {
        int32_t cp;
        if (pl_number_twin_at(t->flat, i, &n) && i + n <= b) {
            letters++;
            i += n;
            continue;
        }
        int k = pl_utf8_next(t->flat, b, i, &cp);
        if (k < 0)
            return 0;
        if ((cp >= 'A' && cp <= 'Z') || cp == 0x110 /* Đ */)
            letters++;
        else if (!((cp >= '0' && cp <= '9') || cp == '&' || (cp == '-' && i > a && i + 1 < b)))
            return 0;
        i += (size_t)k;
    }
    return letters >= 2;
}

/* The paragraph holding the rest of a number whose ký hiệu ends on a
 * dangling hyphen at key offset `end`, before the type name; -1. */
static long number_rest(const pl_text *t, const header *h, size_t end)
{
    while (end < t->key_len && t->key[end] == ' ')
        end++;
    if (end >= t->key_len || t->key[end] != '-')
        return -1;
    long from = pl_text_para_at(t, pl_text_key_to_flat(t, end));
    for (long p = from + 1; p >= 1 && (size_t)p < t->nparas && p <= from + NUMBER_WRAP_PARAS; p++) {
        if (p == h->type_para)
            break;
        if (symbol_rest(t, t->paras[p].flat_start, t->paras[p].flat_end))
            return p;
    }
    return -1;
}

static int after_place(const pl_text *t, size_t from, size_t at);

static int is_capital(int32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || cp == 0x110 /* Đ */;
}

/* A ký hiệu run into the place-date line, a PDF's two cells glued on one
 * line ("Số: 134 /KH-UBNDLào Cai, ngày 26 tháng 3 năm 2026"): the number's
 * pattern stops at its last whole part ("KH"), before "-UBNDLào".  Parts
 * in capitals after it belong to the ký hiệu, the last one up to the
 * capital that opens the place ("UBND" of "UBNDLào": a capital followed
 * by lower case), when the place-date line's date follows the place.
 * Returns the key offset where the ký hiệu ends (kb when nothing is
 * glued). */
static size_t glued_symbol_end(const pl_text *t, size_t kb)
{
    size_t f = pl_text_key_to_flat(t, kb), end = kb;
    while (f < t->flat_len && t->flat[f] == '-') {
        size_t g = f + 1, last = g, caps = 0;
        int32_t cp = 0;
        int k = 0;
        while (g < t->flat_len && (k = pl_utf8_next(t->flat, t->flat_len, g, &cp)) > 0 &&
               is_capital(cp)) {
            last = g;
            caps++;
            g += (size_t)k;
        }
        if (caps < 2)
            return end;
        if (k > 0 && cp == '-') { /* a whole part: "-BQL-" */
            f = g;
            continue;
        }
        if (caps < 3 || k <= 0 || !pl_is_lower(cp))
            return end;
        /* "UBND|Lào Cai, ngày ...": the date after the place */
        size_t kl = pl_text_flat_to_key(t, last), e = kl;
        while (e < t->key_len && t->key[e] != '\n' && t->key[e] != ',')
            e++;
        pl_match m;
        if (e >= t->key_len || t->key[e] != ',' ||
            !pl_re_find(re[R_DATE], t->key, e + 80 < t->key_len ? e + 80 : t->key_len, e, &m) ||
            !after_place(t, kl, m.start))
            return end;
        return kl;
    }
    return end;
}

/* The number of the header's "Số:" line, spaces removed, its wrapped rest
 * joined, Cyrillic twins in Latin; NULL out of memory. */
static char *header_number(const pl_text *t, const header *h, size_t na, size_t kb)
{
    char *num = pl_flat_compact(t, pl_text_key_to_flat(t, na), pl_text_key_to_flat(t, kb));
    long rest = num ? number_rest(t, h, kb) : -1;
    if (rest >= 0) {
        char *tail = pl_flat_compact(t, t->paras[rest].flat_start, t->paras[rest].flat_end);
        pl_buf b = PL_BUF_INIT;
        pl_buf_puts(&b, num);
        pl_buf_putc(&b, '-');
        pl_buf_puts(&b, tail ? tail : "");
        free(num);
        num = tail ? pl_buf_detach(&b, NULL) : NULL;
        if (!tail)
            pl_buf_free(&b);
        free(tail);
    }
    if (num)
        pl_number_latin(num);
    return num;
}

/* ---- fields ------------------------------------------------------------- */

static int set_kind(pl_docinfo *in, const doc_type *ty)
{
    const char *kind = ty ? pl_doctype_kind(ty) : NULL;
    if (!kind || in->kind)
        return 0;
    in->kind = pl_strndup(kind, strlen(kind));
    return in->kind ? 0 : -1;
}

static int take_kind_and_number(pl_doc *doc, const header *h)
{
    const pl_text *t = &doc->text;
    pl_docinfo *in = &doc->info;
    if (in->form == PL_FORM_DOCUMENT) {
        if (set_kind(in, h->type) != 0)
            return -1;
        if (h->number_para >= 0) {
            size_t na = 0, nb = 0, ka = 0, kb = 0;
            group(&h->so, 2, &ka, &kb);
            if (set_kind(in, type_by_symbol(t, ka, kb)) != 0)
                return -1;
            if (group(&h->so, 1, &na, &nb)) {
                in->number = header_number(t, h, na, glued_symbol_end(t, kb));
                if (!in->number)
                    return -1;
            }
        }
    }
    /* "CHỈ THỊ SỐ 19/CT-TTG": a title in capitals that carries the number */
    pl_match m;
    if (in->form == PL_FORM_DOCUMENT && !in->number && h->type_inline && h->number_para < 0 &&
        pl_re_at(re[R_NUM_AFTER], t->key, h->title.b, h->title.a, &m)) {
        size_t na = 0, nb = 0;
        group(&m, 1, &na, &nb);
        in->number = pl_flat_compact(t, pl_text_key_to_flat(t, na), pl_text_key_to_flat(t, nb));
        if (!in->number)
            return -1;
    }
    /* a summary's kind is that of the plan it describes; a document's
     * comes from its own header only, never from a sentence of its body */
    if (in->form == PL_FORM_SUMMARY && set_kind(in, h->iss.described) != 0)
        return -1;
    if (in->form == PL_FORM_SUMMARY && h->iss.described_number.b > h->iss.described_number.a) {
        in->number = pl_flat_compact(t, pl_text_key_to_flat(t, h->iss.described_number.a),
                                  pl_text_key_to_flat(t, h->iss.described_number.b));
        if (!in->number)
            return -1;
    }
    return 0;
}

static int take_issuer(pl_doc *doc, const header *h)
{
    const pl_text *t = &doc->text;
    issuer is = {0};
    if (doc->info.form == PL_FORM_DOCUMENT) {
        int r = block_issuer(doc, h);
        if (r != 0)
            return r < 0 ? -1 : 0;
    }
    if (doc->info.form == PL_FORM_DOCUMENT && h->top.b > h->top.a) {
        is = find_issuer(t, h->top.a, h->top.b, LINE_HEADS);
        if (is.unit)
            find_department(t, h->top.b, &is);
    }
    if (!issuer_known(&is) && h->iss.subject.b > h->iss.subject.a)
        is = find_issuer(t, h->iss.subject.a, h->iss.subject.b, LAST);
    if (!issuer_known(&is) && doc->info.form == PL_FORM_SUMMARY)
        is = find_issuer(t, 0,
                         t->paras && doc->info.end_start < t->nparas
                             ? t->paras[doc->info.end_start].key_start
                             : t->key_len,
                         ANYWHERE);
    if (!issuer_known(&is))
        return 0;
    /* "Ủy ban nhân dân tỉnh ban hành ...": the name is stated elsewhere */
    if (is.unit && is.name_b == is.name_a && !find_place(t, h->iss.scope.a, h->iss.scope.b, is.unit, &is) &&
        !find_place(t, h->title.a, h->title.b, is.unit, &is) && doc->info.form == PL_FORM_SUMMARY)
        find_place(t, 0, t->key_len, is.unit, &is);
    return set_issuer(doc, &is);
}

/* ---- a committee whose block lost its place ----------------------------
 * A library's copy of a header often keeps "ỦY BAN NHÂN DÂN" and loses
 * the line under it ("TỈNH QUẢNG BÌNH"), or breaks the lines so that the
 * block reads as nothing.  The document still says who issued it, twice:
 * its ký hiệu ends in the committee's abbreviation ("Số: 138/KH-UBND"),
 * and its place-date line names the place ("Hà Nội, ngày ..."), which the
 * title then names with its unit ("... THÀNH PHỐ HÀ NỘI GIAI ĐOẠN ...") or
 * the issuing sentence with its unit alone ("Ủy ban nhân dân tỉnh ban
 * hành ...").  Only when all three agree are issuer, level and
 * locality filled. */

/* Does the number's ký hiệu end in the committee's abbreviation, or is
 * the issuer read so far the bare committee? */
static int committee_without_place(const pl_docinfo *in)
{
    const char *committee = pl_vocab_attr_or_phrase(&pl_vocab("committees")->v[0], "name");
    if (in->issuer && strcmp(in->issuer, committee) == 0)
        return 1;
    const char *dash = in->number ? strrchr(in->number, '-') : NULL;
    return dash && strcmp(dash + 1, committee) == 0;
}

/* Key span of the place before ", ngày" on the place-date line in top. */
static int date_line_place(const pl_text *t, span top, span *place)
{
    pl_match m;
    if (top.b <= top.a || !pl_re_find(re[R_DATE], t->key, top.b, top.a, &m))
        return 0;
    size_t e = m.start;
    while (e > top.a && t->key[e - 1] == ' ')
        e--;
    if (e == top.a || t->key[e - 1] != ',')
        return 0;
    e--;
    size_t a = e;
    while (a > top.a && t->key[a - 1] != '\n' && t->key[a - 1] != '|')
        a--;
    while (a < e && t->key[a] == ' ')
        a++;
    place->a = a;
    place->b = e;
    return e > a;
}

/* The unit word before the place in key[s.a..s.b) ("thành phố hà nội"),
 * the place's flat span in *fa..*fb. */
static const unit *unit_before_place(const pl_text *t, span s, span place, size_t *fa, size_t *fb)
{
    pl_match m;
    size_t n = place.b - place.a;
    for (size_t at = s.a; at < s.b && pl_re_find(re[R_PLACE], t->key, s.b, at, &m); at = m.end) {
        size_t ua = 0, ub = 0, k = m.end;
        group(&m, 1, &ua, &ub);
        while (k < s.b && t->key[k] == ' ')
            k++;
        if (k + n > s.b || memcmp(t->key + k, t->key + place.a, n) != 0 ||
            (k + n < s.b && t->key[k + n] != ' ' && t->key[k + n] != ','))
            continue;
        const unit *u = unit_of(t, ua, ub);
        if (!u)
            continue;
        *fa = pl_text_key_to_flat(t, k);
        *fb = pl_text_key_to_flat(t, k + n);
        return u;
    }
    return NULL;
}

/* The first unit word in key[s.a..s.b) with no name after it ("Ủy ban
 * nhân dân tỉnh ban hành Kế hoạch"), NULL if none; *named counts those
 * with a name ("trên địa bàn huyện Tủa Chùa"). */
static const unit *bare_unit_in(const pl_text *t, span s, int *named)
{
    pl_match m;
    const unit *bare = NULL;
    for (size_t at = s.a; at < s.b && pl_re_find(re[R_PLACE], t->key, s.b, at, &m); at = m.end) {
        size_t ua = 0, ub = 0;
        group(&m, 1, &ua, &ub);
        const unit *u = unit_of(t, ua, ub);
        size_t limit = 0, fa = name_start(t, m.end, &limit);
        if (!u)
            continue;
        if (scan_name(t, fa, limit) > fa)
            (*named)++;
        else if (!bare)
            bare = u;
    }
    return bare;
}

/* A place-date line whose place carries its unit word ("Thành phố Hồ Chí
 * Minh, ngày 13 tháng 5 năm 2014", "TP. Lạng Sơn, ngày ..."): it names the
 * committee's unit and place by itself.  The unit, the name's flat span
 * in *fa..*fb; NULL when the place opens with no unit word and a name. */
static const unit *place_with_unit(const pl_text *t, span place, size_t *fa, size_t *fb)
{
    pl_match m;
    size_t ua = 0, ub = 0;
    if (!pl_re_at(re[R_PLACE], t->key, place.b, place.a, &m) || !group(&m, 1, &ua, &ub))
        return NULL;
    const unit *u = unit_of(t, ua, ub);
    size_t a = pl_text_key_to_flat(t, m.end), b = pl_text_key_to_flat(t, place.b);
    while (a < b && t->flat[a] == ' ')
        a++;
    if (!u || scan_name(t, a, b) != b || b <= a)
        return NULL;
    *fa = a;
    *fb = b;
    return u;
}

static int committee_by_place(pl_doc *doc, const header *h)
{
    const pl_text *t = &doc->text;
    pl_docinfo *in = &doc->info;
    span place, title = h->title;
    size_t fa = 0, fb = 0;
    if (in->level != PL_LEVEL_UNKNOWN || in->locality || !committee_without_place(in) ||
        !date_line_place(t, h->top, &place))
        return 0;
    if (title.b <= title.a && h->block_end < t->nparas) /* no type line: the paragraph after the block */
        title = para_key(t, h->block_end);
    const unit *u = place_with_unit(t, place, &fa, &fb);
    if (!u)
        u = unit_before_place(t, title, place, &fa, &fb);
    if (!u) {
        /* a copy that lost the title keeps the lines under the place-date
         * line: a decision's authority line names the committee with its
         * unit and place ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ") */
        span rest = {place.b, h->top.b};
        u = unit_before_place(t, rest, place, &fa, &fb);
    }
    if (!u) {
        /* the issuing sentence names the unit but not its name ("Ủy ban
         * nhân dân tỉnh ban hành ..."): the place-date line names it, for
         * its place is the unit where the issuing body sits (Nghị định
         * 30/2020, Phụ lục I) */
        /* a title in capitals cannot tell a name from the next words
         * ("TỈNH GIAI ĐOẠN"); one in mixed case that names a place other
         * than the date line's leaves the issuer unsure */
        int named = 0;
        if (title.b > title.a && pl_has_lower(t->flat, pl_text_key_to_flat(t, title.a),
                                              pl_text_key_to_flat(t, title.b)))
            (void)bare_unit_in(t, title, &named);
        u = bare_unit_in(t, h->iss.sentence, &named);
        if (!u || named)
            return 0;
        fa = pl_text_key_to_flat(t, place.a);
        fb = pl_text_key_to_flat(t, place.b);
    }
    issuer is = {.unit = u, .name_a = fa, .name_b = fb};
    free(in->issuer); /* the bare committee, or a block read as nothing */
    in->issuer = NULL;
    return set_issuer(doc, &is);
}

/* The level vocabulary list `list` gives the ký hiệu part s[0..n) ("TW",
 * "TTg") in *l, PL_LEVEL_UNKNOWN when it lists none; -1 when out of
 * memory. */
static int symbol_part_level(const char *s, size_t n, const char *list, pl_level *l)
{
    size_t kn = 0;
    char *key = pl_text_key_of(s, n, &kn);
    if (!key)
        return -1;
    const pl_vocab_entry *e = pl_vocab_find(pl_vocab(list), key, kn);
    free(key);
    *l = e ? level_named(pl_vocab_attr(e, "level")) : PL_LEVEL_UNKNOWN;
    return 0;
}

/* ---- a party document's ký hiệu ---------------------------------------
 * A party document's number ends in its issuing body ("31-CTr/TW":
 * number, type, then the body, Hướng dẫn 36-HD/VPTW), where a state
 * document's ends in type and body ("98/KH-UBND").  A body of the list
 * party-issuers after the number's last '/' gives the level: when the
 * issuer block gave none (OCR that misread the body's name), and over the
 * block's when they differ (the issuing line misread, the body above read
 * in its place).  -1 when out of memory. */
static int level_from_party_number(pl_docinfo *in)
{
    if (!in->number)
        return 0;
    const char *slash = strrchr(in->number, '/');
    if (!slash || !memchr(in->number, '-', (size_t)(slash - in->number)))
        return 0;
    pl_level l;
    if (symbol_part_level(slash + 1, strlen(slash + 1), "party-issuers", &l) != 0)
        return -1;
    if (l == PL_LEVEL_UNKNOWN || l == in->level)
        return 0;
    /* a block read at another level misread its issuing line ("ĐẢNG BỘ
     * TỈNH YÊN BÁI / HUYỆN ỨY YÊN BÌNH" read as the province's): the
     * place it gave is the body above's */
    if (in->level != PL_LEVEL_UNKNOWN) {
        free(in->locality);
        in->locality = NULL;
    }
    in->level = l;
    return 0;
}

/* A state document whose header names no body ("Số: 23/QĐ-TTg" under a
 * news summary), or a body of no level known ("VIỆN KIỂM SÁT NHÂN DÂN"
 * whose "TỐI CAO" a copy lost, over "Số: 01/2009/CT-VKSTC"): a part of its
 * ký hiệu in the list state-issuers ("TTg", "VKSTC") gives the level.  -1
 * when out of memory. */
static int level_from_state_number(pl_docinfo *in)
{
    if (!in->number || in->level != PL_LEVEL_UNKNOWN)
        return 0;
    const char *slash = strrchr(in->number, '/');
    if (!slash)
        return 0;
    for (const char *p = slash + 1; *p;) {
        size_t len = strcspn(p, "-");
        pl_level l;
        if (symbol_part_level(p, len, "state-issuers", &l) != 0)
            return -1;
        if (l != PL_LEVEL_UNKNOWN) {
            in->level = l;
            return 0;
        }
        p += len + (p[len] == '-');
    }
    return 0;
}

static int date_from(const pl_text *t, const pl_match *m, pl_date *d)
{
    int numeric = m->gs[1] != (size_t)-1;
    d->day = group_int(t, m, numeric ? 1 : 5);
    d->month = group_int(t, m, numeric ? 3 : 6);
    d->year = group_int(t, m, numeric ? 4 : 7);
    if (d->day > 31 || d->month > 12 || d->year < 1945 || d->year > 2100) {
        memset(d, 0, sizeof *d);
        return 0;
    }
    return 1;
}

/* Where the place-date line can no longer be: at "Kính gửi" after the
 * number, when a copy runs the header and the letter's body into one
 * paragraph (an OCR layer's lines joined) and the body cites other
 * documents' dates. */
static size_t header_date_end(const pl_text *t, const header *h)
{
    size_t end = h->top.b, from = h->number_para >= 0 ? h->so.end : h->top.a;
    const pl_vocab_list *l = pl_vocab("salutations");
    for (size_t i = 0; i < l->n && from < end; i++) {
        size_t at = find_phrase(t, from, end, l->v[i].key);
        if (at != NPOS)
            end = at;
    }
    return end;
}

/* A document's date is the one in its header block (a draft's may be
 * partial: "ngày   tháng 6 năm 2024" gives June 2024).  Signature stamps
 * ("2023-04-27T13:49:52+0700") are not used: they date the signing of one
 * copy, not the plan.  A summary's date is the date of the issuing event,
 * never the page's own "Đăng ngày". */
/* Is the date at key[at] the place-date line's ("Hà Nội, ngày ...")? */
static int after_place(const pl_text *t, size_t from, size_t at)
{
    while (at > from && t->key[at - 1] == ' ')
        at--;
    return at > from && t->key[at - 1] == ',';
}

/* Does the date at key[at] open its line or table cell ("ngày 02 tháng
 * 4 năm 2022" whose place was lost)? */
static int opens_line(const pl_text *t, size_t from, size_t at)
{
    while (at > from && t->key[at - 1] == ' ')
        at--;
    return at == from || t->key[at - 1] == '\n' || t->key[at - 1] == '|';
}

/* Does the date at key[at] follow the header's "Số: 12/KH-UBND" with
 * nothing between (the two lines joined into one paragraph)? */
static int follows_number(const pl_text *t, const header *h, size_t at)
{
    if (h->number_para < 0 || at < h->so.end)
        return 0;
    for (size_t i = h->so.end; i < at; i++)
        if (t->key[i] != ' ' && t->key[i] != ',' && t->key[i] != '|' && t->key[i] != '\n')
            return 0;
    return 1;
}

/* The date of a document's header block.  Nghị định 30 puts it on the
 * place-date line, after a place and a comma, level with "Số:"; a web
 * page's copy may carry the page's own date above the header ("Ngày 25
 * tháng 01 năm 2025" over the menu).  So a date after a place wins, then
 * the first from the "Số:" line on, then the first in the block; a date
 * inside a sentence ("công văn số 13821/CHQ-GSQL ngày 16 tháng 3 năm
 * 2026" in a letter whose own date OCR could not read) is another
 * document's, never the header's. */
static int header_date(const pl_text *t, const header *h, pl_match *out)
{
    pl_match m;
    int first = 0, after_so = 0;
    size_t so = h->number_para >= 0 ? t->paras[h->number_para].key_start : h->top.b;
    size_t end = header_date_end(t, h);
    for (size_t at = h->top.a; at < end && pl_re_find(re[R_DATE], t->key, end, at, &m);
         at = m.end) {
        if (after_place(t, h->top.a, m.start)) {
            *out = m;
            return 1;
        }
        if (!opens_line(t, h->top.a, m.start) && !follows_number(t, h, m.start))
            continue;
        if (!after_so && m.start >= so) {
            after_so = 1;
            if (first)
                *out = m;
        }
        if (!first) {
            first = 1;
            *out = m;
        }
    }
    return first;
}

static void take_date(pl_doc *doc, header *h)
{
    const pl_text *t = &doc->text;
    pl_match m;
    int found = 0;
    if (doc->info.form == PL_FORM_DOCUMENT) {
        found = header_date(t, h, &m);
    } else if (h->iss.sentence.b > h->iss.sentence.a) {
        found = pl_re_at(re[R_DATE], t->key, h->iss.sentence.b, h->iss.sentence.a, &m) ||
                date_before_issuer(t, h, &m);
        if (!found && h->iss.described_number.b > h->iss.described_number.a) {
            size_t at = h->iss.described_number.b;
            while (at < h->iss.sentence.b && (t->key[at] == ' ' || t->key[at] == ','))
                at++;
            found = pl_re_at(re[R_DATE], t->key, h->iss.sentence.b, at, &m);
        }
        /* a summary states a whole date or none */
        if (found && m.gs[1] == (size_t)-1 && (m.gs[5] == (size_t)-1 || m.gs[6] == (size_t)-1))
            found = 0;
    }
    if (found && date_from(t, &m, &doc->info.date))
        doc->info.date_pos = pl_text_pos_key(t, m.start);
}

/* Take "a - b" as the period when it can be one (a plan runs at most 30
 * years, after 1945); 1 when taken. */
static int set_period(pl_docinfo *in, int a, int b)
{
    if (a < 1945 || b <= a || b - a > 30)
        return 0;
    in->period_start = a;
    in->period_end = b;
    return 1;
}

/* Period and horizon stated in key[a..b); fills only what is still unknown. */
static void period_in(const pl_text *t, span s, pl_docinfo *in)
{
    pl_match m;
    if (s.b <= s.a)
        return;
    if (!in->period_start && (pl_re_find(re[R_PERIOD], t->key, s.b, s.a, &m) ||
                              pl_re_find(re[R_RANGE], t->key, s.b, s.a, &m))) {
        set_period(in, group_int(t, &m, 1), group_int(t, &m, 2));
    }
    /* an annual plan: "... trên địa bàn thành phố Lạng Sơn năm 2024" */
    if (!in->period_start && pl_re_find(re[R_ANNUAL], t->key, s.b, s.a, &m))
        in->period_start = in->period_end = group_int(t, &m, 1);
    size_t horizon_year = NPOS, ya = 0, yb = 0; /* where the horizon's year stands */
    /* the horizon, and its year for the loop below */
    if ((!in->horizon || (!in->period_start && !in->period_end)) &&
        pl_re_find(re[R_HORIZON], t->key, s.b, s.a, &m)) {
        if (group(&m, 1, &ya, &yb))
            horizon_year = ya;
        if (!in->horizon)
            in->horizon = group_int(t, &m, 1);
    }
    /* "KẾ HOẠCH HÀNH ĐỘNG ... VỀ DINH DƯỠNG ĐẾN NĂM 2020": a plan that
     * names only the year it runs to; its first year is not stated.  The
     * horizon's own "đến năm 2030" is not it. */
    for (size_t at = s.a; !in->period_start && !in->period_end &&
                          pl_re_find(re[R_UNTIL], t->key, s.b, at, &m);
         at = m.end) {
        if (group(&m, 1, &ya, &yb) && ya != horizon_year)
            in->period_end = group_int(t, &m, 1);
    }
}

/* The horizon that follows an approved period: "giai đoạn 2021-2025,
 * định hướng đến năm 2030". */
static void approved_horizon(const pl_text *t, size_t at, size_t end, pl_docinfo *in)
{
    pl_match m;
    while (at < end && (t->key[at] == ',' || t->key[at] == ' '))
        at++;
    if (!in->horizon && pl_re_at(re[R_HORIZON], t->key, end, at, &m))
        in->horizon = group_int(t, &m, 1);
}

/* A text with no period of its own (a news item, a plan titled without
 * one) that opens by naming the programme it carries out takes that
 * programme's period: "Thủ tướng Chính phủ đã phê duyệt Chương trình ...
 * giai đoạn 2021-2025", or in the passive "Kế hoạch ... giai đoạn 2020 –
 * 2025 vừa được Thủ tướng phê duyệt".  Only the opening paragraphs count: a period
 * approved further down is some other document's. */
static void approved_period(const pl_text *t, header *h, size_t from, size_t end, pl_docinfo *in)
{
    enum { OPENING_PARAGRAPHS = 3 };
    size_t last = from + OPENING_PARAGRAPHS < end ? from + OPENING_PARAGRAPHS : end;
    for (size_t i = from; i < last && !in->period_start; i++) {
        pl_match m;
        span s = para_key(t, i);
        /* both open with an approving verb, and every match of
         * R_APPROVED_PASSIVE holds one */
        size_t verb = lead_from(t, h, i, L_APPROVING, s.a, s.b);
        if (verb >= s.b ||
            (!pl_re_find(re[R_APPROVED], t->key, s.b, verb, &m) &&
             (!pl_re_find(re[R_APPROVING_VERB], t->key, s.b, verb, &m) ||
              !pl_re_find(re[R_APPROVED_PASSIVE], t->key, s.b, s.a, &m))))
            continue;
        /* a title that named only its last year ("... ĐẾN NĂM 2025") takes
         * the first year of an approved period that ends then */
        if (in->period_end && group_int(t, &m, 2) != in->period_end)
            continue;
        if (set_period(in, group_int(t, &m, 1), group_int(t, &m, 2)))
            approved_horizon(t, m.end, s.b, in);
    }
}

/* Whether a headline speaks of a plan and its time: it opens with a type
 * name ("Chương trình hành động quốc gia vì trẻ em giai đoạn 2012 -
 * 2020"), names one further on ("Quảng Nam triển khai kế hoạch ... năm
 * 2025"), or names a period ("Hà Nội tiếp tục phòng, chống tai nạn
 * thương tích ... giai đoạn 2021-2025"). */
static int headline_names_plan(const pl_text *t, size_t pi)
{
    span s = para_key(t, pi);
    if (starts_with_type(t, s))
        return 1;
    /* the other two only on a headline: one line, no label ("I. KẾT QUẢ
     * THỰC HIỆN GIAI ĐOẠN 2016-2020" is a heading), no closing stop */
    const pl_para *p = &t->paras[pi];
    size_t b = s.b;
    while (b > s.a && t->key[b - 1] == ' ')
        b--;
    if (p->style != PL_STYLE_NONE || p->first_line != p->last_line || b == s.a ||
        strchr(".;:!?", t->key[b - 1]))
        return 0;
    pl_match m;
    return pl_re_find(re[R_TYPE_ANY], t->key, s.b, s.a, &m) ||
           pl_re_find(re[R_PERIOD], t->key, s.b, s.a, &m);
}

static void take_period(pl_doc *doc, header *h)
{
    const pl_text *t = &doc->text;
    pl_docinfo *in = &doc->info;
    period_in(t, h->title, in);
    period_in(t, h->iss.scope, in);
    /* the headline of a news item, or of a text with no header block that
     * names the document it is about ("Chương trình hành động quốc gia vì
     * trẻ em giai đoạn 2012 - 2020") */
    if ((in->form == PL_FORM_SUMMARY || (h->type_para < 0 && h->number_para < 0)) &&
        t->nparas > 0 && headline_names_plan(t, 0))
        period_in(t, para_key(t, 0), in);
    size_t end = in->end_start < t->nparas ? in->end_start : t->nparas;
    if (!in->period_start)
        approved_period(t, h, h->block_end, end, in);
    /* "Định hướng đến năm 2030: ..." opening a paragraph of the body */
    for (size_t i = h->block_end; i < end && !in->horizon; i++) {
        pl_match m;
        size_t body = pl_text_flat_to_key(t, t->paras[i].body);
        if (pl_re_at(re[R_HORIZON], t->key, t->paras[i].key_end, body, &m))
            in->horizon = group_int(t, &m, 1);
    }
    if (in->horizon && in->horizon <= in->period_end)
        in->horizon = 0; /* "đến năm 2025" inside the period is no horizon */
}

/* ---- placeholders ------------------------------------------------------- */

static int add_placeholder(pl_docinfo *in, const char *field, pl_pos pos, pl_pos end)
{
    if (PL_ARRAY_RESERVE(in->placeholders, in->capplaceholders, in->nplaceholders + 1) != 0)
        return -1;
    pl_placeholder *p = in->placeholders;
    memset(&p[in->nplaceholders], 0, sizeof *p);
    size_t n = strlen(field);
    memcpy(p[in->nplaceholders].field, field, n < sizeof p->field ? n : sizeof p->field - 1);
    p[in->nplaceholders].pos = pos;
    p[in->nplaceholders].end = end;
    in->nplaceholders++;
    return 0;
}

/* A draft leaves the number and the day (often the month) blank for the
 * office to fill in at signing (docs/VIETNAMESE-TEXT.md §5.2, §6.4).  Columns
 * are taken on the raw lines, where the blank is. */
static int take_placeholders(pl_doc *doc, const header *h)
{
    const pl_text *t = &doc->text;
    size_t last = PLACEHOLDER_LINES;
    if (h->block_end > 0)
        last = t->paras[h->block_end - 1].last_line + 1;
    if (last > t->nlines)
        last = t->nlines;
    if (last == 0)
        return 0;
    size_t len = t->lines[last - 1].off + t->lines[last - 1].len;
    pl_match m;
    size_t a = 0, b = 0;
    /* at the dots when there are some, else at the '/' after the gap;
     * none when the number was read */
    if (!doc->info.number && pl_re_find(re[R_PH_NUMBER], t->nfc, len, 0, &m) &&
        (group(&m, 1, &a, &b) || group(&m, 2, &a, &b)) &&
        add_placeholder(&doc->info, "number", pl_text_pos_nfc(t, a), pl_text_end_nfc(t, a, b)) != 0)
        return -1;
    if (!pl_re_find(re[R_PH_DATE], t->nfc, len, 0, &m))
        return 0;
    static const struct {
        int blank, value;
        const char *field;
    } parts[] = {{1, 2, "day"}, {3, 4, "month"}, {5, 6, "year"}};
    for (size_t i = 0; i < COUNT(parts); i++)
        if (!group(&m, parts[i].value, &a, &b) && group(&m, parts[i].blank, &a, &b) &&
            add_placeholder(&doc->info, parts[i].field, pl_text_pos_nfc(t, a),
                            pl_text_end_nfc(t, a, b)) != 0)
            return -1;
    return 0;
}

/* ---- driver ------------------------------------------------------------- */

void pl_header_pretests(int on)
{
    atomic_store(&pretests_off, !on);
}

int pl_header_pretest_test(const char *key, size_t a, size_t b, size_t len, int *turned)
{
    pthread_once(&once, compile);
    static const struct {
        int re, id, opens; /* opens: the search starts at the key found */
    } P[] = {{R_SO, L_NUMBER, 1},
             {R_ISSUE_FWD, L_ISSUING, 1},
             {R_ISSUE_BACK, L_ISSUING, 0},
             {R_APPROVED, L_APPROVING, 1},
             {R_APPROVING_VERB, L_APPROVING, 1}};
    int plain = pl_re_plain_until(key, a, b) >= b, wrong = 0;
    for (size_t i = 0; i < COUNT(P); i++) {
        pl_match m, n;
        int found = pl_re_find(re[P[i].re], key, len, a, &m) && m.start < b;
        size_t from = P[i].re == R_SO ? key_so_from(key, a, b, len, plain)
                                      : key_lead_from(P[i].id, key, a, b, len, plain);
        if (from >= b) {
            (*turned)++;
            wrong += found;
        } else if (P[i].opens && from > a) {
            (*turned)++;
            int again = pl_re_find(re[P[i].re], key, len, from, &n) && n.start < b;
            wrong += again != found || (found && (n.start != m.start || n.end != m.end));
        }
    }
    return wrong;
}

int pl_header_extract(pl_doc *doc)
{
    pthread_once(&once, compile);
    header h;
    memset(&h, 0, sizeof h);
    find_block(doc, &h);
    find_issuing_sentence(doc, &h);
    doc->info.form = find_form(doc, &h);
    if (take_kind_and_number(doc, &h) != 0 || take_issuer(doc, &h) != 0)
        return -1;
    if (doc->info.form == PL_FORM_DOCUMENT && committee_by_place(doc, &h) != 0)
        return -1;
    if (doc->info.form == PL_FORM_DOCUMENT && level_from_party_number(&doc->info) != 0)
        return -1;
    if (doc->info.form == PL_FORM_DOCUMENT && level_from_state_number(&doc->info) != 0)
        return -1;
    take_date(doc, &h);
    take_period(doc, &h);
    if (doc->info.form == PL_FORM_DOCUMENT && take_placeholders(doc, &h) != 0)
        return -1;
    return 0;
}

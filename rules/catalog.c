/* catalog.c - the checker's data: rules, messages, required parts,
 * off-topic phrases (the XML files of data/rules/, embedded in the library and
 * validated against data/schema/rules.xsd).
 *
 * Outline (pl_catalog_load):
 *   rules.xml     severities, forms, descriptions, parameters, word lists;
 *                 every rule the code implements must be there and nothing
 *                 else
 *   messages.xml  finding texts by id and language
 *   sections.xml  required parts and the phrases that name them
 *   offtopic.xml  topics, the programmes they belong to, their phrases
 * Phrases are turned into key form once here, so that matching is a plain
 * byte comparison against the document's key text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "embedded.h"
#include "hash.h"
#include "phrases.h"
#include "prebuilt.h"
#include "rules.h"
#include "tone.h"
#include "uni.h"
#include "xml.h"

const char *const pl_rule_ids[PL_R_COUNT] = {
    "value-out-of-range", "missing-target",     "weaker-than-parent", "trend-inconsistent",
    "conflicting-targets", "draft-placeholder", "citation-order",     "citation-mismatch",
    "missing-section",    "numbering",          "duplicate-word",     "off-topic",
    "unrealistic-target", "unrecognised-target", "style-mixed",
    "parent-not-found",
};

int pl_rule_lookup(const char *id)
{
    for (int i = 0; i < PL_R_COUNT; i++)
        if (strcmp(pl_rule_ids[i], id) == 0)
            return i;
    return -1;
}

/* ---- key form and phrase matching -------------------------------------- */

/* Longest letter run the tone rule treats as a word (as text.c does). */
#define PL_KEY_WORD_MAX 16

static void flush_word(pl_buf *out, int32_t *w, size_t n)
{
    if (n <= PL_KEY_WORD_MAX)
        pl_tone_old_style(w, n);
    for (size_t i = 0; i < n; i++)
        pl_buf_put_cp(out, w[i]);
}

char *pl_key_form(const char *s)
{
    char *nfc = pl_nfc_dup(s, strlen(s));
    if (!nfc)
        return NULL;
    pl_buf out = PL_BUF_INIT;
    int32_t w[PL_KEY_WORD_MAX + 1];
    size_t wn = 0, len = strlen(nfc);
    int space = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int k = pl_utf8_next(nfc, len, i, &cp);
        if (k < 0)
            break;
        i += (size_t)k;
        if (pl_is_letter(cp)) {
            if (wn == PL_KEY_WORD_MAX + 1) {
                flush_word(&out, w, wn);
                wn = 0;
            }
            if (space && out.len > 0)
                pl_buf_putc(&out, ' ');
            space = 0;
            w[wn++] = pl_lower(cp);
            continue;
        }
        flush_word(&out, w, wn);
        wn = 0;
        if (pl_is_space(cp) || cp == '\n' || cp == '\r') {
            space = 1;
            continue;
        }
        if (space && out.len > 0)
            pl_buf_putc(&out, ' ');
        space = 0;
        pl_buf_put_cp(&out, cp);
    }
    flush_word(&out, w, wn);
    free(nfc);
    if (out.failed) {
        pl_buf_free(&out);
        return NULL;
    }
    size_t n;
    char *r = pl_buf_detach(&out, &n);
    return r ? r : calloc(1, 1);
}

static int is_word_cp(int32_t cp) { return cp >= 0 && (pl_is_letter(cp) || pl_is_digit(cp)); }

/* The code point that ends just before `at` (at > a). */
static int32_t cp_before(const char *s, size_t a, size_t at)
{
    size_t i = at;
    int steps = 0;
    while (i > a && steps < 4) {
        i--;
        steps++;
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            break;
    }
    int32_t cp;
    if (pl_utf8_next(s, at, i, &cp) < 0)
        return -1;
    return cp;
}

int pl_key_phrase_at(const char *key, size_t a, size_t b, size_t at, const char *phrase,
                     size_t plen)
{
    if (plen == 0 || at < a || at + plen > b || memcmp(key + at, phrase, plen) != 0)
        return 0;
    int32_t first, last, cp;
    pl_utf8_next(phrase, plen, 0, &first);
    last = cp_before(phrase, 0, plen);
    if (is_word_cp(first) && at > a && is_word_cp(cp_before(key, a, at)))
        return 0;
    if (is_word_cp(last) && at + plen < b && pl_utf8_next(key, b, at + plen, &cp) > 0 &&
        is_word_cp(cp))
        return 0;
    return 1;
}

size_t pl_key_find(const char *key, size_t a, size_t b, const char *phrase)
{
    size_t plen = strlen(phrase);
    if (plen == 0 || b < a || b - a < plen)
        return (size_t)-1;
    for (size_t at = a; at + plen <= b;) {
        /* the whole phrase, not its first byte: a first letter like 't'
         * or 'c' stops a memchr every few bytes of Vietnamese text */
        const char *hit = pl_mem_find(key + at, b - at, phrase, plen);
        if (!hit)
            break;
        at = (size_t)(hit - key);
        if (pl_key_phrase_at(key, a, b, at, phrase, plen))
            return at;
        at++;
    }
    return (size_t)-1;
}

/* ---- loading ------------------------------------------------------------ */

typedef struct loader {
    const char *name; /* "data/rules/rules.xml" for errors */
    pl_error *err;
} loader;

static int fail(const loader *ld, const pl_xml_node *n, const char *what)
{
    pl_error_set(ld->err, PL_ERR_DATA, ld->name, NULL, "line %d: %s", n ? pl_xml_line(n) : 0,
                 what);
    return -1;
}

static int nomem(const loader *ld)
{
    pl_error_set(ld->err, PL_ERR_NOMEM, ld->name, NULL, "out of memory");
    return -1;
}

static char *dup_str(const char *s) { return s ? strdup(s) : NULL; }

static int lang_of(const pl_xml_node *n)
{
    const char *l = pl_xml_attr(n, "lang");
    return l ? pl_lang_parse(l) : -1;
}

/* Both languages of <elem lang="vi|en"> children into out[2]. */
static int load_localized(const loader *ld, const pl_xml_node *parent, const char *elem,
                          char *out[2])
{
    for (pl_xml_node *c = pl_xml_first(parent, elem); c; c = pl_xml_next(c, elem)) {
        int l = lang_of(c);
        if (l < 0 || out[l])
            return fail(ld, c, "each language once (vi, en)");
        if (!(out[l] = dup_str(pl_xml_text(c))))
            return nomem(ld);
    }
    if (!out[PL_LANG_VI] || !out[PL_LANG_EN])
        return fail(ld, parent, "a text in each language (vi, en) is required");
    return 0;
}

/* Children <elem> as key-form phrases. */
static int load_phrases(const loader *ld, const pl_xml_node *parent, const char *elem,
                        char ***out, size_t *n)
{
    size_t count = 0;
    for (pl_xml_node *c = pl_xml_first(parent, elem); c; c = pl_xml_next(c, elem))
        count++;
    if (count == 0)
        return 0;
    if (!(*out = calloc(count, sizeof **out)))
        return nomem(ld);
    for (pl_xml_node *c = pl_xml_first(parent, elem); c; c = pl_xml_next(c, elem)) {
        /* the embedded phrases were folded at build time (prebuilt.h) */
        const char *t = pl_xml_text(c);
        char *k = pl_prebuilt_dup(&pl_prebuilt_rule_keys, t, strlen(t), NULL);
        if (!k)
            k = pl_key_form(t);
        if (!k)
            return nomem(ld);
        (*out)[(*n)++] = k;
        if (!*k)
            return fail(ld, c, "empty phrase");
    }
    return 0;
}

/* The build validated every embedded rule file against schema/rules.xsd
 * (data/check_data.c) and made its tree (data/gen_trees.c). */
static pl_xml_node *parse_embedded(const loader *ld, const char *file)
{
    const pl_embedded_file *f = pl_embedded_find(file);
    if (!f) {
        pl_error_set(ld->err, PL_ERR_DATA, ld->name, NULL,
                     "not embedded in the library (PLANLINT_DATA_FILES)");
        return NULL;
    }
    return pl_embedded_tree(f, ld->name, ld->err);
}

static int load_rule(const loader *ld, pl_catalog *cat, const pl_xml_node *n, int *seen)
{
    int id = pl_rule_lookup(pl_xml_attr(n, "id"));
    if (id < 0)
        return fail(ld, n, "rule without an implementation");
    if (seen[id]++)
        return fail(ld, n, "rule listed twice");
    pl_rule_meta *m = &cat->rules[id];
    m->severity = (pl_severity)pl_severity_parse(pl_xml_attr(n, "severity"));
    const char *forms = pl_xml_attr(n, "forms");
    m->documents_only = forms && strcmp(forms, "document") == 0;
    if (load_localized(ld, n, "description", m->description) != 0)
        return -1;
    for (pl_xml_node *p = pl_xml_first(n, "param"); p; p = pl_xml_next(p, "param"))
        if (strcmp(pl_xml_attr(p, "name"), "full-gap") == 0)
            cat->full_gap = strtod(pl_xml_attr(p, "value"), NULL);
    return 0;
}

static int load_skips(const loader *ld, pl_catalog *cat, const pl_xml_node *rule)
{
    static const char *const levels[] = {"", "national", "province", "district", "commune"};
    for (pl_xml_node *s = pl_xml_first(rule, "skip"); s; s = pl_xml_next(s, "skip")) {
        if (PL_ARRAY_RESERVE(cat->skips, cat->capskips, cat->nskips + 1) != 0)
            return nomem(ld);
        pl_skip *k = &cat->skips[cat->nskips++];
        k->level = PL_LEVEL_UNKNOWN;
        for (int i = 1; i < 5; i++)
            if (strcmp(pl_xml_attr(s, "level"), levels[i]) == 0)
                k->level = (pl_level)i;
        if (!(k->indicator = dup_str(pl_xml_attr(s, "indicator"))))
            return nomem(ld);
    }
    return 0;
}

static int load_rules(pl_catalog *cat, pl_error *err)
{
    loader ld = {"data/rules/rules.xml", err};
    pl_xml_node *root = parse_embedded(&ld, "rules/rules.xml");
    if (!root)
        return -1;
    int seen[PL_R_COUNT] = {0}, rc = 0;
    for (pl_xml_node *n = pl_xml_first(root, "rule"); n && rc == 0; n = pl_xml_next(n, "rule")) {
        rc = load_rule(&ld, cat, n, seen);
        if (rc == 0)
            rc = load_skips(&ld, cat, n);
        if (rc == 0 && pl_rule_lookup(pl_xml_attr(n, "id")) == PL_R_DUPLICATE_WORD)
            rc = load_phrases(&ld, n, "allow", &cat->allow, &cat->nallow);
    }
    for (int i = 0; i < PL_R_COUNT && rc == 0; i++)
        if (!seen[i]) {
            pl_error_set(err, PL_ERR_DATA, ld.name, NULL, "rule '%s' is not described",
                         pl_rule_ids[i]);
            rc = -1;
        }
    pl_xml_free(root);
    return rc;
}

/* FNV-1a of a message id. */
static size_t msg_hash(const char *id)
{
    return pl_fnv1a(id);
}

/* Message ids are looked up for every finding and every value formatted
 * (tens of thousands on a corpus): by a hash, not a scan with strcmp.
 * The first message of an id wins, as a scan would find it. */
static int index_messages(pl_catalog *cat, const loader *ld)
{
    size_t slots = 16;
    while (slots < 2 * cat->nmessages)
        slots *= 2;
    if (!(cat->msg_slots = calloc(slots, sizeof *cat->msg_slots)))
        return nomem(ld);
    cat->msg_mask = slots - 1;
    for (size_t i = 0; i < cat->nmessages; i++) {
        size_t h = msg_hash(cat->messages[i].id) & cat->msg_mask;
        int dup = 0;
        while (cat->msg_slots[h] && !dup) {
            dup = strcmp(cat->messages[cat->msg_slots[h] - 1].id, cat->messages[i].id) == 0;
            h = (h + 1) & cat->msg_mask;
        }
        if (!dup)
            cat->msg_slots[h] = i + 1;
    }
    return 0;
}

static int load_messages(pl_catalog *cat, pl_error *err)
{
    loader ld = {"data/rules/messages.xml", err};
    pl_xml_node *root = parse_embedded(&ld, "rules/messages.xml");
    if (!root)
        return -1;
    int rc = 0;
    for (pl_xml_node *n = pl_xml_first(root, "message"); n && rc == 0;
         n = pl_xml_next(n, "message")) {
        if (PL_ARRAY_RESERVE(cat->messages, cat->capmessages, cat->nmessages + 1) != 0) {
            rc = nomem(&ld);
            break;
        }
        pl_message *m = &cat->messages[cat->nmessages++];
        memset(m, 0, sizeof *m);
        /* message texts keep their spaces: " (national value …)" */
        if (!(m->id = dup_str(pl_xml_attr(n, "id"))))
            rc = nomem(&ld);
        else
            rc = load_localized(&ld, n, "text", m->text);
    }
    pl_xml_free(root);
    if (rc == 0)
        rc = index_messages(cat, &ld);
    return rc;
}

static int load_parts(pl_catalog *cat, pl_error *err)
{
    loader ld = {"data/rules/sections.xml", err};
    pl_xml_node *root = parse_embedded(&ld, "rules/sections.xml");
    if (!root)
        return -1;
    int rc = 0;
    for (pl_xml_node *n = pl_xml_first(root, "part"); n && rc == 0; n = pl_xml_next(n, "part")) {
        if (PL_ARRAY_RESERVE(cat->parts, cat->capparts, cat->nparts + 1) != 0) {
            rc = nomem(&ld);
            break;
        }
        pl_part *p = &cat->parts[cat->nparts++];
        memset(p, 0, sizeof *p);
        if (!(p->id = dup_str(pl_xml_attr(n, "id"))))
            rc = nomem(&ld);
        if (rc == 0)
            rc = load_localized(&ld, n, "label", p->label);
        if (rc == 0)
            rc = load_phrases(&ld, n, "phrase", &p->phrases, &p->nphrases);
    }
    pl_xml_free(root);
    return rc;
}

static int load_belongs(const loader *ld, const pl_xml_node *n, pl_topic *t)
{
    for (pl_xml_node *b = pl_xml_first(n, "belongs"); b; b = pl_xml_next(b, "belongs")) {
        if (PL_ARRAY_RESERVE(t->belongs, t->capbelongs, t->nbelongs + 1) != 0)
            return nomem(ld);
        if (!(t->belongs[t->nbelongs] = dup_str(pl_xml_attr(b, "program"))))
            return nomem(ld);
        t->nbelongs++;
    }
    return 0;
}

static int load_topics(pl_catalog *cat, pl_error *err)
{
    loader ld = {"data/rules/offtopic.xml", err};
    pl_xml_node *root = parse_embedded(&ld, "rules/offtopic.xml");
    if (!root)
        return -1;
    int rc = 0;
    for (pl_xml_node *n = pl_xml_first(root, "topic"); n && rc == 0;
         n = pl_xml_next(n, "topic")) {
        if (PL_ARRAY_RESERVE(cat->topics, cat->captopics, cat->ntopics + 1) != 0) {
            rc = nomem(&ld);
            break;
        }
        pl_topic *t = &cat->topics[cat->ntopics++];
        memset(t, 0, sizeof *t);
        if (!(t->id = dup_str(pl_xml_attr(n, "id"))))
            rc = nomem(&ld);
        if (rc == 0)
            rc = load_localized(&ld, n, "label", t->label);
        if (rc == 0)
            rc = load_belongs(&ld, n, t);
        if (rc == 0)
            rc = load_phrases(&ld, n, "phrase", &t->phrases, &t->nphrases);
    }
    pl_xml_free(root);
    return rc;
}

static int belongs(const pl_topic *tp, const char *program)
{
    for (size_t i = 0; i < tp->nbelongs; i++)
        if (strcmp(tp->belongs[i], program) == 0)
            return 1;
    return 0;
}

static void topic_set_free(pl_topic_set *ts)
{
    if (!ts)
        return;
    free(ts->program);
    free(ts->list);
    pl_phrases_free(ts->set);
    free(ts);
}

static pl_topic_set *topic_set_make(const pl_catalog *cat, const char *program)
{
    size_t total = 0;
    for (size_t k = 0; k < cat->ntopics; k++)
        total += cat->topics[k].nphrases;
    pl_topic_set *ts = calloc(1, sizeof *ts);
    if (!ts)
        return NULL;
    ts->program = strdup(program);
    ts->list = malloc((total + 1) * sizeof *ts->list);
    ts->set = pl_phrases_new(total);
    if (!ts->program || !ts->list || !ts->set) {
        topic_set_free(ts);
        return NULL;
    }
    for (size_t k = 0; k < cat->ntopics; k++) {
        const pl_topic *tp = &cat->topics[k];
        if (belongs(tp, program))
            continue;
        for (size_t i = 0; i < tp->nphrases; i++) {
            pl_topic_phrase *t = &ts->list[ts->n++];
            *t = (pl_topic_phrase){tp, tp->phrases[i], strlen(tp->phrases[i])};
            pl_phrases_add(ts->set, t->ph, t->len);
        }
    }
    pl_phrases_build(ts->set);
    return ts;
}

const pl_topic_set *pl_catalog_topic_set(const pl_catalog *cat, const char *program)
{
    /* the sets are no part of what the catalogue says: a const catalogue
     * keeps them */
    pl_catalog *m = (pl_catalog *)(uintptr_t)cat;
    pthread_mutex_lock(&m->topic_lock);
    pl_topic_set *ts = m->topic_sets;
    while (ts && strcmp(ts->program, program) != 0)
        ts = ts->next;
    if (!ts && (ts = topic_set_make(cat, program)) != NULL) {
        ts->next = m->topic_sets;
        m->topic_sets = ts;
    }
    pthread_mutex_unlock(&m->topic_lock);
    return ts;
}

pl_catalog *pl_catalog_load(pl_error *err)
{
    pl_catalog *cat = calloc(1, sizeof *cat);
    if (cat && pthread_mutex_init(&cat->topic_lock, NULL) != 0) {
        free(cat);
        cat = NULL;
    }
    if (!cat) {
        pl_error_set(err, PL_ERR_NOMEM, "rules", NULL, "out of memory");
        return NULL;
    }
    cat->full_gap = 25;
    if (load_rules(cat, err) != 0 || load_messages(cat, err) != 0 || load_parts(cat, err) != 0 ||
        load_topics(cat, err) != 0) {
        pl_catalog_free(cat);
        return NULL;
    }
    return cat;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void pl_catalog_free(pl_catalog *cat)
{
    if (!cat)
        return;
    for (int i = 0; i < PL_R_COUNT; i++)
        for (int l = 0; l < 2; l++)
            free(cat->rules[i].description[l]);
    for (size_t i = 0; i < cat->nskips; i++)
        free(cat->skips[i].indicator);
    free(cat->skips);
    free_strings(cat->allow, cat->nallow);
    for (size_t i = 0; i < cat->nparts; i++) {
        free(cat->parts[i].id);
        free(cat->parts[i].label[0]);
        free(cat->parts[i].label[1]);
        free_strings(cat->parts[i].phrases, cat->parts[i].nphrases);
    }
    free(cat->parts);
    for (size_t i = 0; i < cat->ntopics; i++) {
        free(cat->topics[i].id);
        free(cat->topics[i].label[0]);
        free(cat->topics[i].label[1]);
        free_strings(cat->topics[i].belongs, cat->topics[i].nbelongs);
        free_strings(cat->topics[i].phrases, cat->topics[i].nphrases);
    }
    free(cat->topics);
    while (cat->topic_sets) {
        pl_topic_set *next = cat->topic_sets->next;
        topic_set_free(cat->topic_sets);
        cat->topic_sets = next;
    }
    pthread_mutex_destroy(&cat->topic_lock);
    for (size_t i = 0; i < cat->nmessages; i++) {
        free(cat->messages[i].id);
        free(cat->messages[i].text[0]);
        free(cat->messages[i].text[1]);
    }
    free(cat->messages);
    free(cat->msg_slots);
    free(cat);
}

const char *pl_catalog_message(const pl_catalog *cat, const char *id, pl_lang lang)
{
    if (!cat->msg_slots)
        return "";
    for (size_t h = msg_hash(id) & cat->msg_mask; cat->msg_slots[h]; h = (h + 1) & cat->msg_mask) {
        const pl_message *m = &cat->messages[cat->msg_slots[h] - 1];
        if (strcmp(m->id, id) == 0)
            return m->text[lang == PL_LANG_EN];
    }
    return "";
}

/* ---- names -------------------------------------------------------------- */

static const char *const SEVERITY_NAMES[] = {"off", "info", "warning", "error", "never"};

int pl_severity_parse(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < 5; i++)
        if (strcmp(name, SEVERITY_NAMES[i]) == 0)
            return i;
    return -1;
}

const char *pl_severity_name(pl_severity s)
{
    return (unsigned)s < 5 ? SEVERITY_NAMES[s] : "?";
}

int pl_lang_parse(const char *name)
{
    if (!name)
        return -1;
    if (strcmp(name, "vi") == 0)
        return PL_LANG_VI;
    if (strcmp(name, "en") == 0)
        return PL_LANG_EN;
    return -1;
}

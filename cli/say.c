/* say.c - messages in the user's language (say.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "say.h"

static pl_lang lang = PL_LANG_VI;
static int lang_given;

pl_lang cli_lang_from_env(int *chosen)
{
    static const char *const VARS[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    *chosen = 0;
    const char *v = NULL;
    for (size_t i = 0; i < sizeof VARS / sizeof *VARS && !(v && *v); i++)
        v = getenv(VARS[i]);
    if (!v || !*v || strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 || strncmp(v, "C.", 2) == 0)
        return PL_LANG_VI;
    *chosen = 1;
    /* "vi", "vi_VN", "vi_VN.UTF-8", "vi@..." but not "vim" */
    if (strncmp(v, "vi", 2) == 0 && strchr("_.@", v[2] ? v[2] : '_'))
        return PL_LANG_VI;
    return PL_LANG_EN;
}

void cli_lang_init(int argc, char **argv)
{
    int chosen;
    lang = cli_lang_from_env(&chosen);
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *v = NULL;
        if (strncmp(argv[i], "--lang=", 7) == 0)
            v = argv[i] + 7;
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            v = argv[++i];
        int l = v ? pl_lang_parse(v) : -1;
        if (l >= 0) {
            lang = (pl_lang)l;
            lang_given = 1;
        }
    }
}

pl_lang cli_lang(void)
{
    return lang;
}

int cli_lang_given(void)
{
    return lang_given;
}

void cli_lang_set(pl_lang l)
{
    lang = l;
}

const char *cli_text(cli_msg id)
{
    if ((unsigned)id >= CLI_MSG_COUNT)
        return "";
    return cli_message_text(id, lang == PL_LANG_EN);
}

/* Call put(ctx, piece, len) for each piece of template t with its
 * placeholders {1}..{n} replaced by args (NULL: nothing). */
static void expand_text(const char *t, const char *const *args, unsigned n,
                        void (*put)(void *ctx, const char *s, size_t n), void *ctx)
{
    while (*t) {
        const char *brace = strchr(t, '{');
        if (!brace) {
            put(ctx, t, strlen(t));
            return;
        }
        put(ctx, t, (size_t)(brace - t));
        /* the generator let only {1}..{9} through */
        unsigned k = (unsigned)(brace[1] - '1');
        const char *a = k < n ? args[k] : NULL;
        if (a)
            put(ctx, a, strlen(a));
        t = brace + 3;
    }
}

static void expand(cli_msg id, const char *const args[3],
                   void (*put)(void *ctx, const char *s, size_t n), void *ctx)
{
    expand_text(cli_text(id), args, 3, put, ctx);
}

static void put_file(void *ctx, const char *s, size_t n)
{
    fwrite(s, 1, n, (FILE *)ctx);
}

void cli_put(FILE *out, cli_msg id, const char *a1, const char *a2, const char *a3)
{
    const char *args[3] = {a1, a2, a3};
    expand(id, args, put_file, out);
}

typedef struct sized {
    char *buf;
    size_t n, len;
} sized;

/* Append, cut on a character boundary when the buffer is full. */
static void put_buf(void *ctx, const char *s, size_t n)
{
    sized *b = ctx;
    size_t room = b->n - 1 - b->len;
    if (n > room) {
        n = room;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

const char *cli_format(char *buf, size_t n, cli_msg id, const char *a1, const char *a2,
                       const char *a3)
{
    const char *args[3] = {a1, a2, a3};
    sized b = {buf, n, 0};
    if (n == 0)
        return "";
    buf[0] = '\0';
    expand(id, args, put_buf, &b);
    return buf;
}

const char *cli_strerror(int errnum)
{
    static const struct {
        int errnum;
        cli_msg msg;
    } KNOWN[] = {
        {ENOENT, CLI_MSG_ERRNO_ENOENT}, {EACCES, CLI_MSG_ERRNO_EACCES},
        {ENOSPC, CLI_MSG_ERRNO_ENOSPC}, {EISDIR, CLI_MSG_ERRNO_EISDIR},
        {ENOTDIR, CLI_MSG_ERRNO_ENOTDIR}, {EROFS, CLI_MSG_ERRNO_EROFS},
        {EPIPE, CLI_MSG_ERRNO_EPIPE},   {EDQUOT, CLI_MSG_ERRNO_EDQUOT},
        {EIO, CLI_MSG_ERRNO_EIO},       {EFBIG, CLI_MSG_ERRNO_EFBIG},
        {ELOOP, CLI_MSG_ERRNO_ELOOP},   {ENAMETOOLONG, CLI_MSG_ERRNO_ENAMETOOLONG},
    };
    for (size_t i = 0; i < sizeof KNOWN / sizeof *KNOWN; i++)
        if (KNOWN[i].errnum == errnum)
            return cli_text(KNOWN[i].msg);
    return strerror(errnum);
}

/* ---- what the library says (messages lib.*) --------------------------- */

/* Placeholders a pattern may have, and the work one match may do: a
 * message is at most a few hundred bytes and patterns have few
 * placeholders, but a bound keeps a hostile file name from making the
 * backtracking slow. */
#define LIB_MAX_CAPS 9
#define LIB_MAX_STEPS 20000
/* Depth of translating what a placeholder matched. */
#define LIB_MAX_DEPTH 3

typedef struct capture {
    const char *s[LIB_MAX_CAPS];
    size_t n[LIB_MAX_CAPS];
    long steps;
} capture;

/* Whether English pattern pat matches all of s, each {k} at least one
 * byte; the matches go into c. */
static int match(const char *pat, const char *s, capture *c)
{
    while (*pat) {
        if (++c->steps > LIB_MAX_STEPS)
            return 0;
        if (pat[0] == '{') {
            unsigned k = (unsigned)(pat[1] - '1');
            for (size_t len = 1; s[len - 1]; len++) {
                c->s[k] = s;
                c->n[k] = len;
                if (match(pat + 3, s + len, c))
                    return 1;
            }
            return 0;
        }
        if (*pat++ != *s++)
            return 0;
    }
    return *s == '\0';
}

/* The message whose English is the whole of en (lib.*, and errno.* for
 * what a placeholder matched: a system reason is never a whole message),
 * with its placeholders' matches translated in turn; 1 when there was one. */
static int translate(const char *en, sized *out, int depth)
{
    for (int id = 0; id < CLI_MSG_COUNT && depth < LIB_MAX_DEPTH; id++) {
        const char *name = cli_message_id(id);
        if (strncmp(name, "lib.", 4) != 0 && (depth == 0 || strncmp(name, "errno.", 6) != 0))
            continue;
        capture c = {{0}, {0}, 0};
        if (!match(cli_message_text(id, PL_LANG_EN), en, &c))
            continue;
        char parts[LIB_MAX_CAPS][512];
        const char *args[LIB_MAX_CAPS] = {0};
        for (unsigned k = 0; k < LIB_MAX_CAPS; k++) {
            if (!c.s[k])
                continue;
            char raw[512];
            snprintf(raw, sizeof raw, "%.*s", (int)c.n[k], c.s[k]);
            sized part = {parts[k], sizeof parts[k], 0};
            parts[k][0] = '\0';
            if (!translate(raw, &part, depth + 1))
                put_buf(&part, raw, strlen(raw));
            args[k] = parts[k];
        }
        expand_text(cli_message_text(id, PL_LANG_VI), args, LIB_MAX_CAPS, put_buf, out);
        return 1;
    }
    return 0;
}

const char *cli_library_text(const char *en, char *buf, size_t n)
{
    if (n == 0)
        return "";
    sized b = {buf, n, 0};
    buf[0] = '\0';
    if (lang == PL_LANG_EN || !translate(en, &b, 0))
        snprintf(buf, n, "%s", en);
    return buf;
}

const char *cli_library_error(const char *en, char *buf, size_t n)
{
    if (n == 0)
        return "";
    if (lang == PL_LANG_EN) {
        snprintf(buf, n, "%s", en);
        return buf;
    }
    /* "NAME: REASON": the name is kept as written, the reason translated.
     * They are split at the last ": " after which the rest is a whole
     * message: a reason may hold ": " itself ("cannot open: REASON"), and
     * so may a name, but a name is never translated. */
    for (const char *p = en + strlen(en); p > en;) {
        while (--p > en && !(p[0] == ':' && p[1] == ' '))
            ;
        if (p == en)
            break;
        size_t head = (size_t)(p - en) + 2;
        if (head >= n)
            break;
        sized b = {buf, n, head};
        memcpy(buf, en, head);
        buf[head] = '\0';
        if (translate(p + 2, &b, 0))
            return buf;
    }
    return cli_library_text(en, buf, n);
}

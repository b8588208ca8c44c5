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
    return cli_messages[id][lang == PL_LANG_EN];
}

/* Call put(ctx, piece, len) for each piece of message id with its
 * placeholders replaced. */
static void expand(cli_msg id, const char *const args[3],
                   void (*put)(void *ctx, const char *s, size_t n), void *ctx)
{
    const char *t = cli_text(id);
    while (*t) {
        const char *brace = strchr(t, '{');
        if (!brace) {
            put(ctx, t, strlen(t));
            return;
        }
        put(ctx, t, (size_t)(brace - t));
        /* the generator let only {1}..{9} through */
        unsigned k = (unsigned)(brace[1] - '1');
        const char *a = k < 3 ? args[k] : NULL;
        if (a)
            put(ctx, a, strlen(a));
        t = brace + 3;
    }
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
    };
    for (size_t i = 0; i < sizeof KNOWN / sizeof *KNOWN; i++)
        if (KNOWN[i].errnum == errnum)
            return cli_text(KNOWN[i].msg);
    return strerror(errnum);
}

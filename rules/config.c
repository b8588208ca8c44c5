/* config.c - rule severities, fail-on level and language: from the
 * command line (pl_config_set_*) and from `.planlint` files.
 *
 * The file format is documented in planlint.h ("checking").  Only the
 * nearest file applies (the plan's directory, then its ancestors): a
 * directory of plans under review says how its plans are checked, whatever
 * a directory higher up says.  Rule ids are checked when the settings are
 * applied (pl_settings_apply), where the rule table is known.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "escape.h"
#include "rules.h"
#include "array.h"
#include "uni.h"

#define PL_CONFIG_NAME ".planlint"
/* Directories walked up from a plan looking for PL_CONFIG_NAME.  Deeper
 * trees than this stop the search, they do not fail it. */
#define PL_CONFIG_MAX_ASCENT 64
/* Longest line of a configuration file; a longer one is an error. */
#define PL_CONFIG_MAX_LINE 1024
/* A configuration file larger than this is not a configuration file. */
#define PL_CONFIG_MAX_BYTES (64 * 1024)

pl_config *pl_config_new(void)
{
    pl_config *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->fail_on = -1;
    c->lang = -1;
    c->default_lang = -1;
    c->use_files = 1;
    return c;
}

void pl_config_free(pl_config *cfg)
{
    if (!cfg)
        return;
    for (size_t i = 0; i < cfg->nrules; i++) {
        free(cfg->rules[i].rule);
        free(cfg->rules[i].origin);
    }
    free(cfg->rules);
    free(cfg->program);
    free(cfg);
}

/* "MESSAGE 'ARG' (HINT)" as a usage error. */
static void usage(pl_error *err, const char *what, const char *arg, const char *hint)
{
    if (!err)
        return;
    err->status = PL_ERR_USAGE;
    snprintf(err->message, sizeof err->message, "%s '%s'%s%s%s", what, arg, hint ? " (" : "",
             hint ? hint : "", hint ? ")" : "");
}

static int add_rule(pl_config *c, const char *id, size_t idlen, pl_severity sev,
                    const char *origin)
{
    if (PL_ARRAY_RESERVE(c->rules, c->caprules, c->nrules + 1) != 0)
        return -1;
    pl_setting *s = &c->rules[c->nrules];
    s->rule = malloc(idlen + 1);
    s->origin = origin ? strdup(origin) : NULL;
    if (!s->rule || (origin && !s->origin)) {
        free(s->rule);
        free(s->origin);
        return -1;
    }
    memcpy(s->rule, id, idlen);
    s->rule[idlen] = '\0';
    s->severity = sev;
    c->nrules++;
    return 0;
}

static int rule_severity(const char *v)
{
    int s = pl_severity_parse(v);
    return s >= PL_SEV_OFF && s <= PL_SEV_ERROR ? s : -1;
}

int pl_config_set_rule(pl_config *cfg, const char *spec, pl_error *err)
{
    PL_ASSERT_ARG(cfg, err, -1);
    PL_ASSERT_ARG(spec, err, -1);
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec) {
        usage(err, "invalid --rule", spec, "expected ID=off|info|warning|error");
        return -1;
    }
    int sev = rule_severity(eq + 1);
    if (sev < 0) {
        usage(err, "invalid --rule", spec, "severity is off, info, warning or error");
        return -1;
    }
    if (add_rule(cfg, spec, (size_t)(eq - spec), (pl_severity)sev, NULL) != 0) {
        usage(err, "out of memory at", spec, NULL);
        return -1;
    }
    return 0;
}

int pl_config_set_fail_on(pl_config *cfg, const char *level, pl_error *err)
{
    PL_ASSERT_ARG(cfg, err, -1);
    PL_ASSERT_ARG(level, err, -1);
    int s = pl_severity_parse(level);
    if (s < PL_SEV_INFO) {
        usage(err, "invalid --fail-on", level, "error, warning, info or never");
        return -1;
    }
    cfg->fail_on = s;
    return 0;
}

int pl_config_set_lang(pl_config *cfg, const char *lang, pl_error *err)
{
    PL_ASSERT_ARG(cfg, err, -1);
    PL_ASSERT_ARG(lang, err, -1);
    int l = pl_lang_parse(lang);
    if (l < 0) {
        usage(err, "invalid --lang", lang, "vi or en");
        return -1;
    }
    cfg->lang = l;
    return 0;
}

int pl_config_set_default_lang(pl_config *cfg, pl_lang lang)
{
    if (!cfg || (lang != PL_LANG_VI && lang != PL_LANG_EN))
        return -1;
    cfg->default_lang = lang;
    return 0;
}

void pl_config_use_files(pl_config *cfg, int on)
{
    if (cfg)
        cfg->use_files = on;
}

pl_config *pl_config_copy(const pl_config *cfg)
{
    pl_config *c = pl_config_new();
    if (!c || !cfg)
        return c;
    c->fail_on = cfg->fail_on;
    c->lang = cfg->lang;
    c->default_lang = cfg->default_lang;
    c->use_files = cfg->use_files;
    if (cfg->program && !(c->program = strdup(cfg->program))) {
        pl_config_free(c);
        return NULL;
    }
    for (size_t i = 0; i < cfg->nrules; i++) {
        const pl_setting *s = &cfg->rules[i];
        if (add_rule(c, s->rule, strlen(s->rule), s->severity, s->origin) != 0) {
            pl_config_free(c);
            return NULL;
        }
    }
    return c;
}

/* ---- .planlint files ---------------------------------------------------- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* "FILE:LINE: WHAT 'ARG'" (just WHAT when arg is NULL), the argument
 * (text of the file) escaped. */
static int file_error(pl_error *err, const char *path, int line, const char *what,
                      const char *arg)
{
    pl_buf a = PL_BUF_INIT;
    pl_esc_visible_str(&a, arg);
    pl_error_set_line(err, PL_ERR_DATA, path, line, "%s%s%s%s", what, arg ? " '" : "",
                      arg ? pl_buf_cstr(&a) : "", arg ? "'" : "");
    pl_buf_free(&a);
    return -1;
}

/* One "key = value" line. */
static int apply_line(pl_config *cfg, const char *path, int lineno, char *line, pl_error *err)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    char *s = trim(line);
    if (*s == '\0')
        return 0;
    char *eq = strchr(s, '=');
    if (!eq)
        return file_error(err, path, lineno, "expected key = value, got", s);
    *eq = '\0';
    char *key = trim(s), *value = trim(eq + 1);
    if (strcmp(key, "fail-on") == 0) {
        int v = pl_severity_parse(value);
        if (v < PL_SEV_INFO)
            return file_error(err, path, lineno, "fail-on is error, warning, info or never, not",
                              value);
        cfg->fail_on = v;
    } else if (strcmp(key, "lang") == 0) {
        int v = pl_lang_parse(value);
        if (v < 0)
            return file_error(err, path, lineno, "lang is vi or en, not", value);
        cfg->lang = v;
    } else if (strcmp(key, "program") == 0) {
        char *p = strdup(value);
        if (!p)
            return file_error(err, path, lineno, "out of memory at", key);
        free(cfg->program);
        cfg->program = p;
    } else {
        int v = rule_severity(value);
        if (v < 0)
            return file_error(err, path, lineno, "severity is off, info, warning or error, not",
                              value);
        char origin[PATH_MAX + 16];
        snprintf(origin, sizeof origin, "%s:%d", path, lineno);
        if (add_rule(cfg, key, strlen(key), (pl_severity)v, origin) != 0)
            return file_error(err, path, lineno, "out of memory at", key);
    }
    return 0;
}

/* The whole file, if it is a regular file of at most PL_CONFIG_MAX_BYTES:
 * opened without blocking (a FIFO would wait for a writer for ever) and
 * checked on the descriptor, so that what is checked is what is read. */
static char *read_regular(const char *path, size_t *len, pl_error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        pl_error_set(err, PL_ERR_IO, path, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) != 0)
        pl_error_set(err, PL_ERR_IO, path, NULL, "cannot read: %s", strerror(errno));
    else if (!S_ISREG(st.st_mode))
        pl_error_set(err, PL_ERR_DATA, path, NULL,
                     "not a regular file (a configuration is a text file)");
    else if (st.st_size > PL_CONFIG_MAX_BYTES)
        pl_error_set(err, PL_ERR_DATA, path, NULL, "larger than %d bytes: not a configuration",
                     PL_CONFIG_MAX_BYTES);
    else if (!(buf = malloc(PL_CONFIG_MAX_BYTES + 2)))
        pl_error_set(err, PL_ERR_NOMEM, path, NULL, "out of memory");
    size_t n = 0;
    while (buf && n <= PL_CONFIG_MAX_BYTES) { /* one byte past: the file may have grown */
        ssize_t got = read(fd, buf + n, PL_CONFIG_MAX_BYTES + 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            pl_error_set(err, PL_ERR_IO, path, NULL, "read error: %s", strerror(errno));
            free(buf);
            buf = NULL;
        }
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (buf && n > PL_CONFIG_MAX_BYTES) {
        pl_error_set(err, PL_ERR_DATA, path, NULL, "larger than %d bytes: not a configuration",
                     PL_CONFIG_MAX_BYTES);
        free(buf);
        return NULL;
    }
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

/* Line `lineno` (s[0..n), no newline) checked as text, then applied. */
static int text_line(pl_config *cfg, const char *path, int lineno, char *s, size_t n, pl_error *err)
{
    if (memchr(s, '\0', n))
        return file_error(err, path, lineno, "NUL byte: not a text file", NULL);
    if (pl_utf8_validate(s, n) != n)
        return file_error(err, path, lineno, "invalid UTF-8 (the file must be UTF-8)", NULL);
    if (n > PL_CONFIG_MAX_LINE)
        return file_error(err, path, lineno, "line too long", NULL);
    if (lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3; /* a BOM */
    return apply_line(cfg, path, lineno, s, err);
}

int pl_config_load_file(pl_config *cfg, const char *path, pl_error *err)
{
    PL_ASSERT_ARG(cfg, err, -1);
    PL_ASSERT_ARG(path, err, -1);
    size_t len = 0;
    char *text = read_regular(path, &len, err);
    if (!text)
        return -1;
    int rc = 0, lineno = 0;
    for (size_t at = 0; rc == 0 && at < len;) {
        char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        text[end] = '\0';
        rc = text_line(cfg, path, ++lineno, text + at, end - at, err);
        at = end + 1;
    }
    free(text);
    return rc;
}

/* ---- discovery ---------------------------------------------------------- */

/* The directory holding `source`, absolute and without symbolic links or
 * "..", so that walking up is walking up the real tree. */
static char *start_dir(const char *source)
{
    const char *slash = strcmp(source, "-") == 0 ? NULL : strrchr(source, '/');
    if (!slash)
        return realpath(".", NULL);
    if (slash == source)
        return strdup("/");
    char *dir = pl_strndup(source, (size_t)(slash - source));
    char *real = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    return real;
}

/* Whether st is the user's home directory ($HOME). */
static int is_home(const struct stat *st)
{
    const char *home = getenv("HOME");
    struct stat h;
    return home && *home && stat(home, &h) == 0 && h.st_dev == st->st_dev && h.st_ino == st->st_ino;
}

/* Whether dir/name exists (a file or a directory: .git is either). */
static int has_entry(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat st;
    int n = snprintf(path, sizeof path, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", name);
    return n > 0 && (size_t)n < sizeof path && lstat(path, &st) == 0;
}

/* dir/.planlint when it is there and owned by the user: 1 and *found
 * set; 0 when there is none (or a directory of that name, which is not a
 * configuration and must not hide the one above); -1 to stop (owned by
 * someone else, or out of memory). */
static int config_in(const char *dir, char **found)
{
    char path[PATH_MAX + sizeof PL_CONFIG_NAME + 1];
    struct stat st;
    int n = snprintf(path, sizeof path, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", PL_CONFIG_NAME);
    if (n <= 0 || (size_t)n >= sizeof path || lstat(path, &st) != 0)
        return 0;
    if (S_ISDIR(st.st_mode))
        return 0;
    if (st.st_uid != geteuid())
        return -1;
    *found = strdup(path); /* not a regular file: pl_config_load_file says so */
    return *found ? 1 : -1;
}

char *pl_config_find_for(const char *source)
{
    char *dir = start_dir(source);
    if (!dir)
        return NULL;
    char *found = NULL;
    for (int i = 0; i < PL_CONFIG_MAX_ASCENT; i++) {
        struct stat st;
        /* a directory someone else owns: neither its file nor those above */
        if (stat(dir, &st) != 0 || st.st_uid != geteuid())
            break;
        if (config_in(dir, &found) != 0 || is_home(&st) || has_entry(dir, ".git"))
            break;
        char *slash = strrchr(dir, '/');
        if (!slash || strcmp(dir, "/") == 0)
            break;
        if (slash == dir)
            dir[1] = '\0';
        else
            *slash = '\0';
    }
    free(dir);
    return found;
}

/* ---- settings ----------------------------------------------------------- */

/* "FILE:LINE: unknown rule 'ID' (...)" for a file, without the place for
 * the command line. */
static void unknown_rule(pl_error *err, const pl_setting *st)
{
    if (!err)
        return;
    pl_buf t = PL_BUF_INIT;
    pl_buf_puts(&t, st->origin ? ": unknown rule '" : "unknown rule '");
    pl_esc_visible_str(&t, st->rule);
    pl_buf_puts(&t, "' (see 'planlint rules')");
    const char *tail = t.failed ? ": out of memory" : pl_buf_cstr(&t);
    if (st->origin) {
        pl_error_fill(err, PL_ERR_DATA, st->origin, tail);
    } else {
        err->status = PL_ERR_USAGE;
        snprintf(err->message, sizeof err->message, "%s", tail);
    }
    pl_buf_free(&t);
}

int pl_settings_apply(pl_settings *s, const pl_config *cfg, pl_error *err)
{
    if (!cfg)
        return 0;
    for (size_t i = 0; i < cfg->nrules; i++) {
        const pl_setting *st = &cfg->rules[i];
        int id = pl_rule_lookup(st->rule);
        if (id < 0) {
            unknown_rule(err, st);
            return -1;
        }
        s->severity[id] = st->severity;
    }
    if (cfg->fail_on >= 0)
        s->fail_on = (pl_severity)cfg->fail_on;
    if (cfg->lang >= 0)
        s->lang = (pl_lang)cfg->lang;
    if (cfg->program)
        s->program = cfg->program;
    return 0;
}

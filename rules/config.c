/* config.c - rule severities, fail-on level and language: from the
 * command line (pl_config_set_*) and from `.planlint` files.
 *
 * The file format is documented in planlint.h ("checking").  Only the
 * nearest file applies (the plan's directory, then its ancestors): a
 * directory of plans under review says how its plans are checked, whatever
 * a directory higher up says.  Rule ids are checked when the settings are
 * applied (pl_settings_apply), where the rule table is known.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules.h"
#include "array.h"

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
    int l = pl_lang_parse(lang);
    if (l < 0) {
        usage(err, "invalid --lang", lang, "vi or en");
        return -1;
    }
    cfg->lang = l;
    return 0;
}

void pl_config_use_files(pl_config *cfg, int on) { cfg->use_files = on; }

pl_config *pl_config_copy(const pl_config *cfg)
{
    pl_config *c = pl_config_new();
    if (!c || !cfg)
        return c;
    c->fail_on = cfg->fail_on;
    c->lang = cfg->lang;
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

static int file_error(pl_error *err, const char *path, int line, const char *what,
                      const char *arg)
{
    if (err) {
        err->status = PL_ERR_DATA;
        snprintf(err->message, sizeof err->message, "%s:%d: %s '%s'", path, line, what, arg);
    }
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

int pl_config_load_file(pl_config *cfg, const char *path, pl_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        if (err) {
            err->status = PL_ERR_IO;
            snprintf(err->message, sizeof err->message, "%s: cannot open: %s", path,
                     strerror(errno));
        }
        return -1;
    }
    char line[PL_CONFIG_MAX_LINE + 2];
    int lineno = 0, rc = 0;
    long total = 0;
    while (rc == 0 && fgets(line, sizeof line, fp)) {
        lineno++;
        total += (long)strlen(line);
        if (total > PL_CONFIG_MAX_BYTES)
            rc = file_error(err, path, lineno, "file too large, stopped at", "");
        else if (strlen(line) > PL_CONFIG_MAX_LINE && !strchr(line, '\n'))
            rc = file_error(err, path, lineno, "line too long", "");
        else
            rc = apply_line(cfg, path, lineno, lineno == 1 && memcmp(line, "\xEF\xBB\xBF", 3) == 0
                                                   ? line + 3
                                                   : line,
                            err);
    }
    fclose(fp);
    return rc;
}

/* ---- discovery ---------------------------------------------------------- */

/* The directory holding `source`, made absolute by prefixing the current
 * directory (lexically: "a/../b" stays as written, which only repeats a
 * directory in the walk up). */
static char *start_dir(const char *source)
{
    char cwd[PATH_MAX];
    const char *slash = strcmp(source, "-") == 0 ? NULL : strrchr(source, '/');
    size_t n = slash ? (size_t)(slash - source) : 0;
    if (slash && source[0] == '/')
        return n == 0 ? strdup("/") : pl_strndup(source, n);
    if (!getcwd(cwd, sizeof cwd))
        return NULL;
    if (!slash)
        return strdup(cwd);
    size_t len = strlen(cwd) + 1 + n + 1;
    char *dir = malloc(len);
    if (dir)
        snprintf(dir, len, "%s/%.*s", cwd, (int)n, source);
    return dir;
}

char *pl_config_find_for(const char *source)
{
    char *dir = start_dir(source);
    if (!dir)
        return NULL;
    char path[PATH_MAX + sizeof PL_CONFIG_NAME + 1];
    char *found = NULL;
    for (int i = 0; i < PL_CONFIG_MAX_ASCENT && !found; i++) {
        int n = snprintf(path, sizeof path, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "",
                         PL_CONFIG_NAME);
        if (n > 0 && (size_t)n < sizeof path) {
            FILE *fp = fopen(path, "rb");
            if (fp) {
                fclose(fp);
                found = strdup(path);
                break;
            }
        }
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

int pl_settings_apply(pl_settings *s, const pl_config *cfg, pl_error *err)
{
    if (!cfg)
        return 0;
    for (size_t i = 0; i < cfg->nrules; i++) {
        const pl_setting *st = &cfg->rules[i];
        int id = pl_rule_lookup(st->rule);
        if (id < 0) {
            if (err) {
                err->status = st->origin ? PL_ERR_DATA : PL_ERR_USAGE;
                snprintf(err->message, sizeof err->message, "%s%sunknown rule '%s' (see 'planlint rules')",
                         st->origin ? st->origin : "", st->origin ? ": " : "", st->rule);
            }
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

/* source.c - reading inputs and walking directories. */
#define _DEFAULT_SOURCE /* d_type, DT_* */
#define _POSIX_C_SOURCE 200809L
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "error.h"

static int holds_plan_files(const char *dir);

/* What a path that is not a regular file is, for the error message.  A
 * directory reaches the reader when it was named where a file is wanted
 * (--parent), or when it was given to walk and holds no plan file at all
 * (pl_expand_inputs keeps it for this message: pointed at the wrong
 * folder, a run must not end in silence with exit status 0). */
static const char *file_kind(const char *path, mode_t m)
{
    if (S_ISDIR(m))
        return holds_plan_files(path) ? "is a directory"
                                      : "a directory holding no plan files (.txt, .md, .html, "
                                        ".htm, .docx, .odt, .pdf, or no extension)";
    if (S_ISFIFO(m))
        return "is a FIFO (named pipe), not a regular file";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "is a device, not a regular file";
    if (S_ISSOCK(m))
        return "is a socket, not a regular file";
    return "is not a regular file";
}

/* Open `path` for reading, refusing anything but a regular file.  The
 * open is non-blocking, so a FIFO with no writer (one left in a walked
 * directory) cannot hang the run before fstat sees what it is; a regular
 * file's reads do not block whatever the flag says.  *size: its size.
 * -1 with err filled. */
static int open_regular(const char *path, size_t *size, pl_error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        pl_error_set(err, PL_ERR_IO, path, NULL, "cannot open: %s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        pl_error_set(err, PL_ERR_IO, path, NULL, "cannot read: %s", strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        pl_error_set(err, PL_ERR_IO, path, NULL, "%s", file_kind(path, st.st_mode));
        close(fd);
        return -1;
    }
    *size = st.st_size > 0 ? (size_t)st.st_size : 0;
    return fd;
}

/* Up to `want` bytes into buf: what fread does for standard input, and
 * read(2), again after a signal, for a file (no stdio buffer to fill and
 * copy from).  *error set on a read error. */
static size_t read_some(FILE *f, int fd, char *buf, size_t want, int *error)
{
    if (f)
        return fread(buf, 1, want, f);
    for (;;) {
        ssize_t got = read(fd, buf, want);
        if (got >= 0)
            return (size_t)got;
        if (errno != EINTR) {
            *error = 1;
            return 0;
        }
    }
}

char *pl_source_read(const char *path, size_t max, size_t *len, pl_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    size_t size = 0;
    int fd = is_stdin ? -1 : open_regular(path, &size, err);
    if (!is_stdin && fd < 0)
        return NULL;
    FILE *f = is_stdin ? stdin : NULL;
    /* a file's size and one byte (its end seen in one read more), up to
     * one byte past the limit; standard input from 64 KiB */
    size_t cap = is_stdin || size >= max ? 65536 : size + 1, n = 0;
    int rerr = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (n == cap) {
            if (cap > max) /* read one byte past the limit to know it is exceeded */
                break;
            size_t nc = cap * 2;
            char *p = realloc(buf, nc + 1);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap = nc;
        }
        size_t got = read_some(f, fd, buf + n, cap - n, &rerr);
        n += got;
        if (got == 0)
            break;
    }
    if (is_stdin)
        rerr = ferror(stdin);
    else
        close(fd);
    if (!buf) {
        pl_error_set(err, PL_ERR_NOMEM, path, NULL, "out of memory");
        return NULL;
    }
    if (rerr) {
        free(buf);
        pl_error_set(err, PL_ERR_IO, path, NULL, "read error");
        return NULL;
    }
    if (n > max) {
        free(buf);
        pl_error_set(err, PL_ERR_TOO_LARGE, path, NULL,
                     "input is larger than the limit of %zu bytes (see --max-size)", max);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int pl_is_plan_file(const char *name)
{
    PL_ASSERT_ARG_NOERR(name, 0);
    static const char *const exts[] = {".txt", ".text", ".md",  ".html",
                                       ".htm", ".xhtml", ".docx", ".odt", ".pdf"};
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (base[0] == '.')
        return 0;
    const char *dot = strrchr(base, '.');
    if (!dot)
        return 1;
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
        if (strcasecmp(dot, exts[i]) == 0)
            return 1;
    return 0;
}

typedef struct path_list {
    char **v;
    size_t n, cap;
} path_list;

static int push(path_list *l, const char *s)
{
    if (PL_ARRAY_RESERVE(l->v, l->cap, l->n + 2) != 0) /* and the NULL after it */
        return -1;
    l->v[l->n] = strdup(s);
    if (!l->v[l->n])
        return -1;
    l->n++;
    l->v[l->n] = NULL;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_dir(const char *p)
{
    struct stat st;
    return strcmp(p, "-") != 0 && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Walk a directory tree without recursion (a work list of directories), so
 * deep trees cannot exhaust the stack; entries are sorted for a stable
 * order.  Symbolic links to directories are not followed (no cycles).
 * A root that gives no file at all is kept itself, so that reading it
 * says so (file_kind).  `first`: stop at the first file (or unreadable
 * directory) found, the question of holds_plan_files. */
static int walk(path_list *out, const char *root, int first)
{
    size_t before = out->n;
    path_list todo = {0};
    if (push(&todo, root) != 0)
        return -1;
    size_t next = 0;
    int rc = 0;
    while (next < todo.n && rc == 0 && !(first && out->n > before)) {
        const char *dir = todo.v[next++];
        DIR *d = opendir(dir);
        if (!d) {
            rc = push(out, dir); /* reading it reports the error */
            continue;
        }
        path_list files = {0}, dirs = {0};
        struct dirent *e;
        while (rc == 0 && !(first && files.n > 0) && (e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            size_t n = strlen(dir) + strlen(e->d_name) + 2;
            char *p = malloc(n);
            if (!p) {
                rc = -1;
                break;
            }
            snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
            /* the entry's type as the directory gives it, or lstat's
             * when it gives none: a stat per file showed in system time */
            struct stat st;
            int known = e->d_type != DT_UNKNOWN;
            int lstat_ok = !known && lstat(p, &st) == 0;
            int dir_entry = known ? e->d_type == DT_DIR : lstat_ok && S_ISDIR(st.st_mode);
            int link = known ? e->d_type == DT_LNK : lstat_ok && S_ISLNK(st.st_mode);
            if (dir_entry)
                rc = push(&dirs, p);
            else if (pl_is_plan_file(p) && !(link && is_dir(p)))
                rc = push(&files, p);
            free(p);
        }
        closedir(d);
        if (files.n)
            qsort(files.v, files.n, sizeof *files.v, cmp_str);
        if (dirs.n)
            qsort(dirs.v, dirs.n, sizeof *dirs.v, cmp_str);
        for (size_t i = 0; i < files.n && rc == 0; i++)
            rc = push(out, files.v[i]);
        for (size_t i = 0; i < dirs.n && rc == 0; i++)
            rc = push(&todo, dirs.v[i]);
        pl_paths_free(files.v);
        pl_paths_free(dirs.v);
    }
    pl_paths_free(todo.v);
    if (rc == 0 && out->n == before)
        rc = push(out, root);
    return rc;
}

/* Whether walking dir finds any file (the walk's own rule), walking only
 * until the first. */
static int holds_plan_files(const char *dir)
{
    path_list l = {0};
    int found = walk(&l, dir, 1) != 0 || (l.n > 0 && strcmp(l.v[0], dir) != 0);
    pl_paths_free(l.v);
    return found;
}

long pl_expand_inputs(char *const *operands, size_t n, char ***out)
{
    PL_ASSERT_ARG_NOERR(out, -1);
    PL_ASSERT_ARG_NOERR(operands || n == 0, -1);
    path_list l = {0};
    if (push(&l, "") != 0) /* allocate; removed below */
        return -1;
    free(l.v[0]);
    l.n = 0;
    l.v[0] = NULL;
    for (size_t i = 0; i < n; i++) {
        int rc = is_dir(operands[i]) ? walk(&l, operands[i], 0) : push(&l, operands[i]);
        if (rc != 0) {
            pl_paths_free(l.v);
            return -1;
        }
    }
    *out = l.v;
    return (long)l.n;
}

void pl_paths_free(char **paths)
{
    if (!paths)
        return;
    for (size_t i = 0; paths[i]; i++)
        free(paths[i]);
    free(paths);
}

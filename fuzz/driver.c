/* driver.c - replay fuzz inputs without libFuzzer.
 *
 *   replay_TARGET PATH...
 *
 * Calls the target's LLVMFuzzerTestOneInput on every regular file of each
 * directory given (not recursively, in name order) and on each file given,
 * so that the fuzz corpora and the regression inputs run as ordinary tests
 * under any compiler and sanitizer.  A crash is the target's abort; a path
 * that cannot be read is an error (exit 1), so a mistyped corpus directory
 * does not pass silently. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional in a target: weak, so targets without it still link. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Whole file; NULL on failure.  malloc(0) is avoided so an empty file is
 * a valid (non-NULL) empty buffer. */
static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        uint8_t *p = realloc(buf, cap * 2);
        if (!p) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = p;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int run_file(const char *path)
{
    size_t len = 0;
    uint8_t *data = read_file(path, &len);
    if (!data) {
        fprintf(stderr, "replay: %s: cannot read: %s\n", path, strerror(errno));
        return -1;
    }
    /* a copy of exactly `len` bytes, so ASan sees reads past the end */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(data);
        return -1;
    }
    memcpy(exact, data, len);
    free(data);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted regular files of `dir` (full paths, NULL-terminated). */
static char **list_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t n = 0, cap = 64;
    char **v = malloc(cap * sizeof *v);
    struct dirent *e;
    while (v && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(len);
        struct stat st;
        if (!path)
            break;
        snprintf(path, len, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (n + 1 >= cap) {
            char **p = realloc(v, 2 * cap * sizeof *v);
            if (!p) {
                free(path);
                break;
            }
            v = p;
            cap *= 2;
        }
        v[n++] = path;
    }
    closedir(d);
    if (!v)
        return NULL;
    qsort(v, n, sizeof *v, cmp_names);
    v[n] = NULL;
    *count = n;
    return v;
}

static int run_path(const char *path, size_t *ran)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*ran)++;
        return run_file(path);
    }
    size_t n = 0;
    char **files = list_dir(path, &n);
    if (!files) {
        fprintf(stderr, "replay: %s: cannot list: %s\n", path, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (run_file(files[i]) != 0)
            rc = -1;
        free(files[i]);
    }
    free(files);
    *ran += n;
    printf("replay: %s: %zu inputs\n", path, n);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR|FILE...\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    size_t ran = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++)
        if (run_path(argv[i], &ran) != 0)
            rc = 1;
    printf("replay: %zu inputs, %s\n", ran, rc ? "with errors" : "all passed");
    return rc;
}

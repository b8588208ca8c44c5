/* output.c - `-o FILE` and standard output, written without losing data
 * (output.h). */
#define _XOPEN_SOURCE 700 /* realpath, mkstemp, fchmod */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "progress.h"

/* A write error is reported once per run: a full disk fails every write
 * after the first, and one line says it. */
static int write_error_reported;

/* A message is written whole under standard error's lock, on a line of
 * its own: the progress line (progress.h), drawn from other threads under
 * the same lock, is erased first and cannot cut in. */
static void message_begin(void)
{
    flockfile(stderr);
    pl_progress_clear();
}

static void message_end(void)
{
    funlockfile(stderr);
}

/* "planlint: OUT: what[: reason]"; returns -1. */
static int report(const char *path, cli_msg what, int errnum)
{
    char name[CLI_NAME_MAX];
    message_begin();
    fprintf(stderr, "planlint: %s: %s%s%s\n",
            path ? cli_name(path, name, sizeof name) : cli_text(CLI_MSG_FILE_STANDARD_OUTPUT),
            cli_text(what), errnum ? ": " : "", errnum ? cli_strerror(errnum) : "");
    message_end();
    return -1;
}

void cli_report_error(const pl_error *err)
{
    char said[2 * sizeof err->message];
    cli_report_said(cli_library_error(err->message, said, sizeof said));
}

void cli_report_said(const char *said)
{
    message_begin();
    fprintf(stderr, "planlint: %s\n", said);
    message_end();
}

void cli_report_file(const char *path, cli_msg id, const char *a1)
{
    char name[CLI_NAME_MAX];
    message_begin();
    fputs("planlint: ", stderr);
    if (path)
        fprintf(stderr, "%s: ", cli_name(path, name, sizeof name));
    cli_put(stderr, id, a1, NULL, NULL);
    fputc('\n', stderr);
    message_end();
}

void cli_report_note(const char *path, const char *note)
{
    char said[2048];
    cli_report_file(path, CLI_MSG_FILE_NOTE, cli_library_text(note, said, sizeof said));
}

/* Whether `st` is the file of one of the inputs. */
static const char *same_as_input(const struct stat *st, char *const *inputs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct stat in;
        int ok = strcmp(inputs[i], "-") == 0 ? fstat(STDIN_FILENO, &in) : stat(inputs[i], &in);
        if (ok == 0 && in.st_dev == st->st_dev && in.st_ino == st->st_ino)
            return inputs[i];
    }
    return NULL;
}

/* Permissions for a new output: what fopen would give (0666 less the
 * umask), or the old file's when it is replaced.  Called before any
 * thread starts (umask is process-wide). */
static mode_t output_mode(const struct stat *old)
{
    if (old)
        return old->st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

static void forget_temp(cli_output *o)
{
    free(o->tmp);
    free(o->target);
    o->tmp = o->target = NULL;
}

/* A temporary file beside o->target ("DIR/.NAME.planlint-XXXXXX"). */
static int open_temp(cli_output *o, const struct stat *old)
{
    const char *slash = strrchr(o->target, '/');
    size_t dirlen = slash ? (size_t)(slash - o->target) + 1 : 0;
    size_t n = strlen(o->target) + sizeof "..planlint-XXXXXX";
    if (!(o->tmp = malloc(n))) {
        forget_temp(o);
        return report(o->path, CLI_MSG_FILE_OUT_OF_MEMORY, 0);
    }
    snprintf(o->tmp, n, "%.*s.%s.planlint-XXXXXX", (int)dirlen, o->target, o->target + dirlen);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        forget_temp(o);
        return report(o->path, CLI_MSG_FILE_CANNOT_CREATE_TEMP, e);
    }
    if (fchmod(fd, output_mode(old)) != 0 || !(o->fp = fdopen(fd, "wb"))) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        forget_temp(o);
        return report(o->path, CLI_MSG_FILE_CANNOT_OPEN_WRITE, e);
    }
    return 0;
}

/* Written in place: a device, a pipe, a dangling symbolic link. */
static int open_in_place(cli_output *o)
{
    o->fp = fopen(o->path, "wb");
    return o->fp ? 0 : report(o->path, CLI_MSG_FILE_CANNOT_OPEN_WRITE, errno);
}

/* Output that goes to a file or a pipe, not a terminal, is written in
 * blocks of this size: the 4 KB stdio gives a file cost one write(2) per
 * 4 KB (7 200 of them for the 29 MB report of the 100 MB corpus). */
#define CLI_OUTPUT_BUFFER (64 * 1024)

/* Before anything is written to fp.  The buffer is static (glibc takes
 * the size only with a buffer given; the one output of a run may be
 * standard output, flushed at exit) and pages in as it fills. */
static void block_buffer(FILE *fp)
{
    static char buffer[CLI_OUTPUT_BUFFER];
    static int taken;
    if (!taken && !isatty(fileno(fp)) && setvbuf(fp, buffer, _IOFBF, sizeof buffer) == 0)
        taken = 1;
}

static int opened(cli_output *o, int rc)
{
    if (rc == 0 && o->fp)
        block_buffer(o->fp);
    return rc;
}

static int open_output(cli_output *o, const char *path, char *const *inputs, size_t n);

int cli_output_open(cli_output *o, const char *path, char *const *inputs, size_t n)
{
    return opened(o, open_output(o, path, inputs, n));
}

static int open_output(cli_output *o, const char *path, char *const *inputs, size_t n)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    o->path = path;
    struct stat st, lst;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT)
            return report(path, CLI_MSG_FILE_CANNOT_OPEN_WRITE, errno);
        if (lstat(path, &lst) == 0)
            return open_in_place(o);
        o->target = strdup(path);
        return o->target ? open_temp(o, NULL) : report(path, CLI_MSG_FILE_OUT_OF_MEMORY, 0);
    }
    const char *in = same_as_input(&st, inputs, n);
    if (in) {
        char input[CLI_NAME_MAX];
        cli_report_file(path, CLI_MSG_FILE_IS_INPUT, cli_name(in, input, sizeof input));
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        return report(path, CLI_MSG_FILE_CANNOT_OPEN_WRITE, EISDIR);
    if (!S_ISREG(st.st_mode)) /* nothing to rename over */
        return open_in_place(o);
    /* replace the file a symbolic link leads to, not the link */
    o->target = realpath(path, NULL);
    return o->target ? open_temp(o, &st) : report(path, CLI_MSG_FILE_CANNOT_OPEN_WRITE, errno);
}

int cli_output_write_error(cli_output *o)
{
    int e = errno;
    if (!write_error_reported)
        report(o ? o->path : NULL, CLI_MSG_FILE_CANNOT_WRITE, e);
    write_error_reported = 1;
    return -1;
}

int cli_output_close(cli_output *o, int keep)
{
    if (!o->fp)
        return 0;
    int rc = 0;
    if (o->fp == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout))
            rc = cli_output_write_error(o);
        o->fp = NULL;
        return rc;
    }
    if (keep && (fflush(o->fp) != 0 || ferror(o->fp)))
        rc = cli_output_write_error(o), keep = 0;
    if (fclose(o->fp) != 0 && keep)
        rc = cli_output_write_error(o), keep = 0;
    o->fp = NULL;
    if (o->tmp && keep && rename(o->tmp, o->target) != 0) {
        rc = report(o->path, CLI_MSG_FILE_CANNOT_REPLACE, errno);
        keep = 0;
    }
    if (o->tmp && !keep)
        unlink(o->tmp);
    forget_temp(o);
    return rc;
}

int cli_stdout_close(int status)
{
    int failed = fflush(stdout) != 0;
    int e = failed ? errno : 0;
    failed |= ferror(stdout) != 0;
    if (fclose(stdout) != 0 && !failed)
        failed = 1, e = errno;
    if (failed && !write_error_reported) {
        report(NULL, CLI_MSG_FILE_CANNOT_WRITE, e);
        write_error_reported = 1;
    }
    return failed ? 2 : status;
}

/* Length of the UTF-8 sequence at s (1-4) when it is well formed (no
 * overlong form, surrogate or code point above U+10FFFF), else 0. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (s[0] >= 0xF8)
        n = 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && s[0] == 0xE0 && s[1] < 0xA0) || (n == 3 && s[0] == 0xED && s[1] >= 0xA0) ||
        (n == 4 && s[0] == 0xF0 && s[1] < 0x90) || (n == 4 && s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    if (n == 2 && s[0] == 0xC2 && s[1] < 0xA0)
        return 0; /* C1 controls: shown escaped like C0 */
    return n;
}

const char *cli_name(const char *name, char *buf, size_t n)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && o + 5 < n;) {
        size_t k = *p < 0x80 ? (*p >= 0x20 && *p != 0x7F) : utf8_len(p);
        if (k == 0) {
            o += (size_t)snprintf(buf + o, n - o, "\\x%02x", *p);
            p++;
        } else if (o + k < n) {
            memcpy(buf + o, p, k);
            o += k;
            p += k;
        } else {
            break;
        }
    }
    buf[o] = '\0';
    return buf;
}

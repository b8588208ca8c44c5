/* pdf_main.c - planlint-pdf: read one PDF for planlint.
 *
 *   planlint-pdf NAME < FILE.pdf 3> RESULT
 *
 * Started by the library (parser/read/input_pdf.c through util/child.c),
 * one process per PDF: the PDF's bytes on standard input, NAME (the file
 * name, for messages), and on file descriptor 3 the ticks of each page and
 * then the result (parser/read/pdf_result.h).  The process limits its own
 * address space and CPU time first; the parent kills it when a page takes
 * too long.  Standard output is not used (the parent points it at
 * /dev/null): a library printing there cannot damage the result.
 *
 * Exit status: 0 the result was sent (reading may still have failed: the
 * result says why), 2 a usage error, 3 out of memory, 4 the result could
 * not be written, 5 standard input could not be read.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "buf.h"
#include "child.h"
#include "pdf_result.h"

#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer (the sanitizer builds): fontconfig, which cairo loads to
 * subset fonts when a page is drawn again for its signing stamps, keeps
 * its configuration until the process ends and nobody frees it.  Not a
 * leak of ours; anything of ours is still reported. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}
#endif

/* All of standard input; -1 on a read error. */
static int read_stdin(pl_buf *b)
{
    unsigned char chunk[65536];
    for (;;) {
        ssize_t got = read(0, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            return 0;
        pl_buf_put(b, chunk, (size_t)got);
        if (b->failed)
            return 0;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: planlint-pdf NAME < FILE.pdf 3> RESULT\n"
                        "(planlint starts it to read each PDF)\n");
        return 2;
    }
    pl_child *c = pl_child_begin(&PL_PDF_LIMITS);
    if (!c) {
        fprintf(stderr, "planlint-pdf: file descriptor %d is not open (planlint starts this "
                        "program; run `planlint extract FILE.pdf` instead)\n",
                PL_CHILD_FD);
        return 2;
    }
    pl_buf in = PL_BUF_INIT;
    if (read_stdin(&in) != 0)
        return 5;
    if (in.failed)
        return 3;
    pl_pdf_result r = {0};
    (void)pl_pdf_read(argv[1], (const unsigned char *)(in.data ? in.data : ""), in.len, c, &r);
    pl_buf_free(&in);
    pl_buf out = PL_BUF_INIT;
    pl_pdf_result_write(&r, &out);
    pl_pdf_result_free(&r);
    if (out.failed)
        return 3;
    int rc = pl_child_finish(c, &out);
    pl_buf_free(&out);
    return rc == 0 ? 0 : 4;
}

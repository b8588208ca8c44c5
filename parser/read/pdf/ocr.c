/* ocr.c - Tesseract behind one small interface (see ocr.h). */
#include "ocr.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>
#include <unistd.h>

struct pl_ocr {
    TessBaseAPI *api;
};

/* Tesseract says why a model does not load ("Error opening data file
 * ...", four lines) on stderr, before its debug_file can be set; planlint
 * says it in one line (naming the package), so stderr points at
 * /dev/null while the model loads.  Returns the saved descriptor. */
static int quiet_stderr(void)
{
    fflush(stderr);
    int saved = dup(2), null = open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0)
        dup2(null, 2);
    if (null >= 0)
        close(null);
    return saved;
}

static void restore_stderr(int saved)
{
    if (saved < 0)
        return;
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
}

pl_ocr *pl_ocr_new(const char *lang, char *why, size_t whylen)
{
    pl_ocr *o = calloc(1, sizeof *o);
    if (!o) {
        snprintf(why, whylen, "out of memory");
        return NULL;
    }
    o->api = TessBaseAPICreate();
    /* NULL: Tesseract's own data path (or TESSDATA_PREFIX) */
    int saved = quiet_stderr();
    int failed = !o->api || TessBaseAPIInit3(o->api, NULL, lang) != 0;
    restore_stderr(saved);
    if (failed) {
        snprintf(why, whylen, "Tesseract cannot load its '%s' model", lang);
        pl_ocr_free(o);
        return NULL;
    }
    /* a page of plain text in one column or two: automatic segmentation */
    TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
    /* no debug or warning lines of its own on stderr */
    TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
    return o;
}

void pl_ocr_free(pl_ocr *o)
{
    if (!o)
        return;
    if (o->api) {
        TessBaseAPIEnd(o->api);
        TessBaseAPIDelete(o->api);
    }
    free(o);
}

int pl_ocr_page(pl_ocr *o, const unsigned char *grey, int w, int h, int stride, int dpi,
                int deadline_ms, pl_buf *text)
{
    TessBaseAPISetImage(o->api, grey, w, h, 1, stride);
    TessBaseAPISetSourceResolution(o->api, dpi);
    ETEXT_DESC *monitor = TessMonitorCreate();
    if (!monitor)
        return -1;
    TessMonitorSetDeadlineMSecs(monitor, deadline_ms);
    int rc = TessBaseAPIRecognize(o->api, monitor);
    int stopped = rc != 0;
    char *s = TessBaseAPIGetUTF8Text(o->api);
    TessMonitorDelete(monitor);
    if (s) {
        /* Tesseract separates blocks with a blank line and ends the page
         * with a form feed: keep lines, drop the form feed */
        for (const char *c = s; *c; c++)
            if (*c != '\f')
                pl_buf_putc(text, *c);
        if (text->len && text->data[text->len - 1] != '\n')
            pl_buf_putc(text, '\n');
        TessDeleteText(s);
    }
    TessBaseAPIClear(o->api);
    return s ? stopped : -1;
}

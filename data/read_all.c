/* read_all.c - see read_all.h. */
#include "read_all.h"

#include <stdio.h>

int pl_read_all(const char *path, pl_buf *out)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return -1;
    }
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        pl_buf_put(out, chunk, n);
    int bad = ferror(fp) || out->failed;
    fclose(fp);
    if (bad)
        fprintf(stderr, "%s: read error\n", path);
    return bad ? -1 : 0;
}

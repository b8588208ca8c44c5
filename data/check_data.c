/* check_data.c - a build step: every data file embedded into the library is
 * valid against its schema (data/schema/), or the build stops naming the
 * file and the line.
 *
 *     planlint_check_data STAMP BASE SCHEMA:FILE...
 *
 * Checking here, once, instead of at every start of every process saves
 * parsing and applying the schemas each time planlint runs (the largest
 * fixed cost after loading shared libraries; docs/PERFORMANCE.md).  Files a
 * user loads at run time (pl_programs_load_file) are still checked then.
 * Uses util/xml.c, the same parser and limits as the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "read_all.h"
#include "xml.h"

/* One "SCHEMA:FILE" pair, both relative to base.  0 when valid. */
static int check_pair(const char *base, const char *pair)
{
    const char *colon = strchr(pair, ':');
    if (!colon) {
        fprintf(stderr, "planlint_check_data: '%s' is not SCHEMA:FILE\n", pair);
        return -1;
    }
    char xsd_path[4096], xml_path[4096];
    snprintf(xsd_path, sizeof xsd_path, "%s/%.*s", base, (int)(colon - pair), pair);
    snprintf(xml_path, sizeof xml_path, "%s/%s", base, colon + 1);
    pl_buf xsd = PL_BUF_INIT, xml = PL_BUF_INIT;
    int rc = -1;
    if (pl_read_all(xsd_path, &xsd) == 0 && pl_read_all(xml_path, &xml) == 0) {
        pl_error err = {0};
        pl_xml_node *root = pl_xml_parse(xml_path, xml.data, xml.len, xsd.data, xsd.len, &err);
        if (root) {
            pl_xml_free(root);
            rc = 0;
        } else {
            fprintf(stderr, "%s\n", err.message);
        }
    }
    pl_buf_free(&xsd);
    pl_buf_free(&xml);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: planlint_check_data STAMP BASE SCHEMA:FILE...\n");
        return 2;
    }
    int bad = 0;
    for (int i = 3; i < argc; i++)
        bad |= check_pair(argv[2], argv[i]) != 0;
    if (bad)
        return 1;
    FILE *stamp = fopen(argv[1], "w");
    if (!stamp || fputs("checked\n", stamp) == EOF || fclose(stamp) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}

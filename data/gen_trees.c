/* gen_trees.c - a build step: the tree of every embedded XML data file as a
 * C table (pl_xml_image, util/xml.h), so that planlint reads its data
 * without parsing XML at every start.
 *
 *     planlint_gen_trees OUTPUT.c BASE FILE...
 *
 * FILE... are the embedded files in the order of pl_embedded_files
 * (CMakeLists.txt, PLANLINT_DATA_FILES): OUTPUT.c defines
 * pl_embedded_trees[] in that order, an image for each file whose name
 * ends in ".xml" and NULL for the others (the schemas, only ever used as
 * bytes).  The files were checked against their schemas by the step before
 * (data/check_data.c); this one parses them with the same util/xml.c that
 * a process uses for a user's file, and tests/test_embedded.c checks that
 * each image gives back the tree pl_xml_parse makes of the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "read_all.h"
#include "xml.h"

/* The image of one tree while it is being written. */
typedef struct image {
    pl_buf strings; /* the pool: "" first, then each distinct string once */
    pl_xml_image_node *nodes;
    size_t nnodes, nodes_cap;
    uint32_t *attrs; /* name, value, ... */
    size_t nattrs, attrs_cap; /* entries, twice the pairs */
    int failed;
} image;

/* Offset of s in the pool, added when it is not there yet.  A linear
 * search: a data file holds a few hundred distinct strings, and this runs
 * once per build. */
static uint32_t intern(image *im, const char *s)
{
    size_t n = strlen(s) + 1;
    for (size_t at = 0; at < im->strings.len;) {
        const char *p = im->strings.data + at;
        size_t pn = strlen(p) + 1;
        if (pn == n && memcmp(p, s, n) == 0)
            return (uint32_t)at;
        at += pn;
    }
    size_t at = im->strings.len;
    pl_buf_put(&im->strings, s, n);
    if (im->strings.failed || at > UINT32_MAX - n)
        im->failed = 1;
    return (uint32_t)at;
}

/* Append node n (its parent at index parent) and return its index. */
static uint32_t add_node(image *im, const pl_xml_node *n, uint32_t parent)
{
    pl_xml_image_node in = {0};
    in.name = intern(im, pl_xml_name(n));
    in.text = intern(im, pl_xml_text(n));
    in.attrs = (uint32_t)(im->nattrs / 2);
    in.nattrs = (uint32_t)pl_xml_nattrs(n);
    in.line = (uint32_t)pl_xml_line(n);
    in.parent = parent;
    in.first = in.next = PL_XML_IMAGE_NONE;
    if (PL_ARRAY_RESERVE(im->attrs, im->attrs_cap, im->nattrs + 2 * in.nattrs) != 0 ||
        PL_ARRAY_RESERVE(im->nodes, im->nodes_cap, im->nnodes + 1) != 0) {
        im->failed = 1;
        return PL_XML_IMAGE_NONE;
    }
    for (size_t i = 0; i < in.nattrs; i++) {
        im->attrs[im->nattrs++] = intern(im, pl_xml_attr_name(n, i));
        im->attrs[im->nattrs++] = intern(im, pl_xml_attr_value(n, i));
    }
    im->nodes[im->nnodes++] = in;
    return (uint32_t)(im->nnodes - 1);
}

/* Walk the tree in document order (iteratively, as the library does),
 * linking each node to its parent, first child and next sibling. */
static void build(image *im, const pl_xml_node *root)
{
    intern(im, "");
    uint32_t cur = add_node(im, root, PL_XML_IMAGE_NONE);
    const pl_xml_node *n = root;
    while (!im->failed) {
        const pl_xml_node *child = pl_xml_first(n, NULL);
        if (child) {
            uint32_t c = add_node(im, child, cur);
            if (!im->failed)
                im->nodes[cur].first = c;
            n = child;
            cur = c;
            continue;
        }
        /* no child: on to the next sibling of n or of its nearest ancestor */
        while (n != root && pl_xml_next(n, NULL) == NULL) {
            n = pl_xml_parent(n);
            cur = im->nodes[cur].parent;
        }
        if (n == root)
            return;
        const pl_xml_node *sib = pl_xml_next(n, NULL);
        uint32_t s = add_node(im, sib, im->nodes[cur].parent);
        if (!im->failed)
            im->nodes[cur].next = s;
        n = sib;
        cur = s;
    }
}

/* ---- writing C ---------------------------------------------------------- */

static void put_bytes(FILE *out, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(out, "0x%02x,%s", (unsigned char)p[i], i % 16 == 15 || i + 1 == n ? "\n" : "");
}

static void write_image(FILE *out, size_t k, const char *name, const image *im)
{
    fprintf(out, "/* %s */\nstatic const char pl_tree_str_%zu[] = {\n", name, k);
    put_bytes(out, im->strings.data, im->strings.len);
    fprintf(out, "};\n\nstatic const pl_xml_image_node pl_tree_nodes_%zu[] = {\n", k);
    for (size_t i = 0; i < im->nnodes; i++) {
        const pl_xml_image_node *n = &im->nodes[i];
        fprintf(out, "    {%u, %u, %u, %u, %u, %uu, %uu, %uu},\n", (unsigned)n->name,
                (unsigned)n->text, (unsigned)n->attrs, (unsigned)n->nattrs, (unsigned)n->line,
                (unsigned)n->parent, (unsigned)n->first, (unsigned)n->next);
    }
    fprintf(out, "};\n\nstatic const uint32_t pl_tree_attrs_%zu[] = {\n", k);
    for (size_t i = 0; i < im->nattrs; i += 2)
        fprintf(out, "    %u, %u,\n", (unsigned)im->attrs[i], (unsigned)im->attrs[i + 1]);
    fprintf(out, "    0, 0 /* no empty array in C */\n};\n\n");
    fprintf(out,
            "static const pl_xml_image pl_tree_%zu = {\"%s\", pl_tree_str_%zu, %zu,\n"
            "    pl_tree_nodes_%zu, %zu, pl_tree_attrs_%zu, %zu};\n\n",
            k, name, k, im->strings.len, k, im->nnodes, k, im->nattrs / 2);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), ns = strlen(suffix);
    return n >= ns && strcmp(s + n - ns, suffix) == 0;
}

/* Parse one file and write its image.  0, or -1 after saying why. */
static int one_file(FILE *out, size_t k, const char *base, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", base, name);
    pl_buf xml = PL_BUF_INIT;
    if (pl_read_all(path, &xml) != 0) {
        pl_buf_free(&xml);
        return -1;
    }
    pl_error err = {0};
    pl_xml_node *root = pl_xml_parse(path, xml.data ? xml.data : "", xml.len, NULL, 0, &err);
    pl_buf_free(&xml);
    if (!root) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    image im = {PL_BUF_INIT, NULL, 0, 0, NULL, 0, 0, 0};
    build(&im, root);
    pl_xml_free(root);
    int rc = im.failed ? -1 : 0;
    if (rc == 0)
        write_image(out, k, name, &im);
    else
        fprintf(stderr, "%s: out of memory\n", path);
    pl_buf_free(&im.strings);
    free(im.nodes);
    free(im.attrs);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: planlint_gen_trees OUTPUT.c BASE FILE...\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    fprintf(out, "/* Generated by data/gen_trees.c from the files under data/; do not edit. */\n"
                 "#include <stddef.h>\n#include <stdint.h>\n\n#include \"embedded.h\"\n"
                 "#include \"xml.h\"\n\n");
    int bad = 0;
    for (int i = 3; i < argc && !bad; i++)
        if (ends_with(argv[i], ".xml"))
            bad = one_file(out, (size_t)i, argv[2], argv[i]) != 0;
    fprintf(out, "const pl_xml_image *const pl_embedded_trees[] = {\n");
    for (int i = 3; i < argc && !bad; i++)
        if (ends_with(argv[i], ".xml"))
            fprintf(out, "    &pl_tree_%d, /* %s */\n", i, argv[i]);
        else
            fprintf(out, "    NULL, /* %s */\n", argv[i]);
    fprintf(out, "    NULL\n};\n\nconst size_t pl_embedded_tree_count = %d;\n", argc - 3);
    if (fclose(out) != 0 || bad) {
        if (!bad)
            perror(argv[1]);
        remove(argv[1]);
        return 1;
    }
    return 0;
}

/* test_embedded.c - the build-time trees of the embedded data files
 * (util/embedded.c, data/gen_trees.c, pl_xml_from_image in util/xml.c).
 *
 * planlint reads its built-in programmes, rules and vocabulary from tree
 * images made at build time instead of parsing their XML at every start.
 * These tests hold the two paths together: every embedded XML file has an
 * image, and the tree made from it is the tree pl_xml_parse makes of the
 * file's bytes (what pl_programs_load_file and pl_vocab_add still use), node
 * for node, so the fast path cannot drift from the XML one.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "embedded.h"
#include "xml.h"

static int is_xml(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* Same shape at one node: number of children, and whether it has a next
 * sibling (with the walk in step, this checks every link). */
static size_t children(const pl_xml_node *n)
{
    size_t k = 0;
    for (const pl_xml_node *c = pl_xml_first(n, NULL); c; c = pl_xml_next(c, NULL))
        k++;
    return k;
}

static void assert_same_node(const char *file, const pl_xml_node *a, const pl_xml_node *b)
{
    cr_assert_str_eq(pl_xml_name(a), pl_xml_name(b), "%s line %d", file, pl_xml_line(a));
    cr_assert_eq(pl_xml_line(a), pl_xml_line(b), "%s <%s>", file, pl_xml_name(a));
    cr_assert_str_eq(pl_xml_text(a), pl_xml_text(b), "%s line %d", file, pl_xml_line(a));
    cr_assert_eq(pl_xml_nattrs(a), pl_xml_nattrs(b), "%s line %d", file, pl_xml_line(a));
    for (size_t i = 0; i < pl_xml_nattrs(a); i++) {
        cr_assert_str_eq(pl_xml_attr_name(a, i), pl_xml_attr_name(b, i), "%s line %d", file,
                         pl_xml_line(a));
        cr_assert_str_eq(pl_xml_attr_value(a, i), pl_xml_attr_value(b, i), "%s line %d", file,
                         pl_xml_line(a));
    }
    cr_assert_eq(children(a), children(b), "%s line %d", file, pl_xml_line(a));
    cr_assert_eq(pl_xml_next(a, NULL) == NULL, pl_xml_next(b, NULL) == NULL, "%s line %d", file,
                 pl_xml_line(a));
}

/* The whole trees, walked side by side; returns the number of nodes. */
static size_t assert_same_tree(const char *file, const pl_xml_node *ra, const pl_xml_node *rb)
{
    size_t count = 0;
    const pl_xml_node *a = ra, *b = rb;
    while (a && b) {
        assert_same_node(file, a, b);
        count++;
        a = pl_xml_walk_next(ra, a);
        b = pl_xml_walk_next(rb, b);
    }
    cr_assert(a == NULL && b == NULL, "%s: one tree has more nodes", file);
    return count;
}

Test(embedded, every_xml_file_has_an_image)
{
    cr_assert_eq(pl_embedded_tree_count, pl_embedded_count);
    size_t images = 0;
    for (size_t i = 0; i < pl_embedded_count; i++) {
        const pl_embedded_file *f = &pl_embedded_files[i];
        const pl_xml_image *img = pl_embedded_trees[i];
        if (is_xml(f->name)) {
            cr_assert_not_null(img, "%s has no image", f->name);
            cr_assert_str_eq(img->name, f->name);
            images++;
        } else {
            cr_assert_null(img, "%s is not XML data", f->name);
        }
    }
    cr_assert_gt(images, 10, "programmes, rules and vocabulary: %zu images", images);
}

Test(embedded, image_is_the_parsed_tree)
{
    for (size_t i = 0; i < pl_embedded_count; i++) {
        const pl_embedded_file *f = &pl_embedded_files[i];
        if (!is_xml(f->name))
            continue;
        pl_error err = {0};
        pl_xml_node *parsed =
            pl_xml_parse(f->name, (const char *)f->data, f->len, NULL, 0, &err);
        cr_assert_not_null(parsed, "%s", err.message);
        pl_xml_node *fast = pl_embedded_tree(f, NULL, &err);
        cr_assert_not_null(fast, "%s", err.message);
        size_t n = assert_same_tree(f->name, parsed, fast);
        cr_assert_eq(n, pl_embedded_trees[i]->nnodes, "%s: every node of the image is used",
                     f->name);
        pl_xml_free(parsed);
        pl_xml_free(fast);
    }
}

Test(embedded, file_without_image_is_parsed)
{
    /* a schema is embedded as bytes only; asking for its tree parses it */
    const pl_embedded_file *f = pl_embedded_find("schema/vocab.xsd");
    cr_assert_not_null(f);
    pl_error err = {0};
    pl_xml_node *root = pl_embedded_tree(f, NULL, &err);
    cr_assert_not_null(root, "%s", err.message);
    cr_assert_str_eq(pl_xml_name(root), "schema");
    pl_xml_free(root);
}

Test(embedded, inconsistent_image_is_refused)
{
    static const char strings[] = "\0a\0x\0v"; /* "", "a", "x", "v" and a final NUL */
    static const uint32_t attrs[] = {3, 5};
    pl_xml_image_node nodes[] = {
        {1, 0, 0, 1, 1, PL_XML_IMAGE_NONE, 1, PL_XML_IMAGE_NONE},
        {1, 5, 0, 0, 2, 0, PL_XML_IMAGE_NONE, PL_XML_IMAGE_NONE},
    };
    pl_xml_image img = {"t.xml", strings, sizeof strings, nodes, 2, attrs, 1};
    pl_error err = {0};
    pl_xml_node *root = pl_xml_from_image(&img, &err);
    cr_assert_not_null(root, "%s", err.message);
    cr_assert_str_eq(pl_xml_attr(root, "x"), "v");
    cr_assert_str_eq(pl_xml_text(pl_xml_first(root, "a")), "v");
    cr_assert_eq(pl_xml_parent(pl_xml_first(root, NULL)), root);
    cr_assert_eq(pl_xml_line(pl_xml_first(root, NULL)), 2);
    pl_xml_free(root);

    nodes[1].text = sizeof strings; /* past the pool */
    cr_assert_null(pl_xml_from_image(&img, &err));
    cr_assert_eq(err.status, PL_ERR_DATA);
    nodes[1].text = 0;
    nodes[1].next = 7; /* no such node */
    cr_assert_null(pl_xml_from_image(&img, &err));
    nodes[1].next = PL_XML_IMAGE_NONE;
    nodes[1].nattrs = 2; /* more attributes than the image holds */
    cr_assert_null(pl_xml_from_image(&img, &err));
    cr_assert_eq(err.status, PL_ERR_DATA);
}

/* The walk the generators and these tests use: document order, and a walk
 * from an inner element stays inside it. */
Test(embedded, walk_visits_a_subtree_in_document_order)
{
    static const char xml[] = "<a><b><c/><c2/></b><d><e/></d></a>";
    pl_error err = {0};
    pl_xml_node *root = pl_xml_parse("walk.xml", xml, sizeof xml - 1, NULL, 0, &err);
    cr_assert_not_null(root, "%s", err.message);
    char seen[16] = "";
    for (const pl_xml_node *n = root; n; n = pl_xml_walk_next(root, n))
        strcat(seen, pl_xml_name(n));
    cr_expect_str_eq(seen, "abcc2de");
    const pl_xml_node *b = pl_xml_first(root, "b");
    seen[0] = '\0';
    for (const pl_xml_node *n = b; n; n = pl_xml_walk_next(b, n))
        strcat(seen, pl_xml_name(n));
    cr_expect_str_eq(seen, "bcc2");
    pl_xml_free(root);
}

/* citations.c - documents the plan cites. */
#include "doc.h"

int pl_citations_extract(pl_doc *doc)
{
    (void)doc;
    return 0;
}

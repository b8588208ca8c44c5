/* header.c - document fields (kind, number, issuer, level, date, period ...). */
#include "doc.h"

int pl_header_extract(pl_doc *doc)
{
    (void)doc;
    return 0;
}

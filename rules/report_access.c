/* report_access.c - public accessors over findings that the check pages
 * added (the others are in report.c). */
#include "report.h"

size_t pl_finding_byte(const pl_finding *f)
{
    return f->pos.byte;
}

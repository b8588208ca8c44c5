/* version.c - the version of the library a program runs with, beside the
 * header's PL_VERSION (which says what it was compiled against). */
#include "planlint.h"

const char *pl_version(void)
{
    return PL_VERSION;
}

long pl_version_number(void)
{
    return PL_VERSION_NUMBER;
}

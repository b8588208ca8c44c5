/* header_c99.c - planlint.h as a C99 program includes it: compiled with
 * -std=c99 -pedantic -Wall -Wextra -Werror (tests/CMakeLists.txt), linked
 * to the shared library, run as a test: the header's version is the
 * library's, and the NULL rule holds through the shared library. */
#include "planlint.h"

#include <stdio.h>
#include <string.h>

int main(void)
{
    if (strcmp(pl_version(), PL_VERSION) != 0 || pl_version_number() != PL_VERSION_NUMBER) {
        fprintf(stderr, "header %s, library %s\n", PL_VERSION, pl_version());
        return 1;
    }
    return pl_doc_header(NULL) == NULL && pl_doc_target(NULL, 0) == NULL ? 0 : 1;
}

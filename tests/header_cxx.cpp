// header_cxx.cpp - planlint.h as a C++ program includes it: compiled by
// g++ as C++98 with -pedantic -Wall -Wextra -Werror (tests/CMakeLists.txt),
// linked to the shared library (extern "C" names), run as a test.
#include "planlint.h"

#include <cstring>

int main()
{
    pl_error err;
    pl_programs *ps = pl_programs_new_builtin(&err);
    if (!ps)
        return 1;
    static const char plan[] = "Số: 1/KH-UBND\n";
    pl_doc *doc = pl_doc_parse("plan.txt", plan, sizeof plan - 1, ps, NULL, &err);
    int ok = doc && std::strcmp(pl_version(), PL_VERSION) == 0 &&
             std::strcmp(pl_doc_source(doc), "plan.txt") == 0 && pl_doc_header(doc) != NULL;
    pl_doc_free(doc);
    pl_programs_free(ps);
    return ok ? 0 : 1;
}

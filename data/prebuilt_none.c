/* prebuilt_none.c - empty build-time folds (util/prebuilt.h), for the
 * program that makes the real ones (data/gen_prebuilt.c): everything is
 * folded and every pattern compiled at run time. */
#include "prebuilt.h"

const char pl_prebuilt_strings[] = "";

const pl_prebuilt_table pl_prebuilt_keys = {NULL, 0, NULL, 0};
const pl_prebuilt_table pl_prebuilt_loose = {NULL, 0, NULL, 0};
const pl_prebuilt_table pl_prebuilt_rule_keys = {NULL, 0, NULL, 0};
const pl_prebuilt_table pl_prebuilt_alternations = {NULL, 0, NULL, 0};
const pl_prebuilt_table pl_prebuilt_nfc_alternations = {NULL, 0, NULL, 0};
const pl_prebuilt_codes pl_prebuilt_patterns = {NULL, 0, NULL, 0, NULL, 0};

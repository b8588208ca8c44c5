# replay.cmake - the fuzz corpora replayed as ordinary tests, with the
# normal compiler (and the sanitizers when PLANLINT_SANITIZE=ON).  Included
# from tests/CMakeLists.txt.
#
# For each fuzz target NAME (the list in fuzz/CMakeLists.txt), replay_NAME
# is fuzz/fuzz_NAME.c with the standalone main of fuzz/driver.c, and the
# test replay_NAME runs it over fuzz/corpus/NAME/ (seeds and regress-*
# crash reproducers) and the seed directories of PLANLINT_REPLAY_SEEDS_NAME
# below: the inputs of that target's kind that the tree already has (the
# same ones scripts/fuzz.sh starts the fuzzer from).  Paths are relative to
# the source directory.
set(PLANLINT_REPLAY_TARGETS parse extract check html docx odt pdf legacy program config)

# Text plans: the shared seeds and the real plans.
set(PLANLINT_REPLAY_SEEDS_parse fuzz/corpus/parse corpus/plans)
set(PLANLINT_REPLAY_SEEDS_extract fuzz/corpus/parse corpus/plans)
set(PLANLINT_REPLAY_SEEDS_check fuzz/corpus/parse corpus/plans)
# One reader each: the published-format fixtures (tests/fixtures/).
set(PLANLINT_REPLAY_SEEDS_html tests/fixtures/html)
set(PLANLINT_REPLAY_SEEDS_docx tests/fixtures/docx)
set(PLANLINT_REPLAY_SEEDS_odt tests/fixtures/odt)
set(PLANLINT_REPLAY_SEEDS_pdf tests/fixtures/pdf)
set(PLANLINT_REPLAY_SEEDS_legacy) # its inputs start with an encoding byte: own corpus only
# Data files: the programmes shipped in data/programs/.
set(PLANLINT_REPLAY_SEEDS_program data/programs)
set(PLANLINT_REPLAY_SEEDS_config)

foreach(name IN LISTS PLANLINT_REPLAY_TARGETS)
  add_executable(replay_${name} ${PROJECT_SOURCE_DIR}/fuzz/fuzz_${name}.c
                 ${PROJECT_SOURCE_DIR}/fuzz/driver.c)
  target_link_libraries(replay_${name} PRIVATE planlint_internal)
  target_compile_options(replay_${name} PRIVATE ${PLANLINT_WARNINGS})
  target_compile_definitions(replay_${name} PRIVATE _POSIX_C_SOURCE=200809L)

  set(dirs)
  foreach(dir IN LISTS PLANLINT_REPLAY_SEEDS_${name})
    list(APPEND dirs ${PROJECT_SOURCE_DIR}/${dir})
  endforeach()
  # fuzz/corpus/NAME/ first, unless it is already among the seeds (parse)
  set(own ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
  if(EXISTS ${own} AND NOT own IN_LIST dirs)
    list(PREPEND dirs ${own})
  endif()
  if(NOT dirs)
    message(FATAL_ERROR "replay_${name}: no corpus (fuzz/corpus/${name}/ is missing)")
  endif()
  add_test(NAME replay_${name} COMMAND replay_${name} ${dirs})
  # a replay takes under a second (ASan included): a hang fails in two
  # minutes; PDFs start planlint-pdf for each parse and the scanned fixture
  # goes through OCR (seconds a page, a minute on a loaded machine)
  if(name STREQUAL "pdf")
    set_tests_properties(replay_${name} PROPERTIES TIMEOUT 600)
  else()
    set_tests_properties(replay_${name} PROPERTIES TIMEOUT 120)
  endif()
endforeach()

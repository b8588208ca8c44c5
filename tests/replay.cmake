# replay.cmake - the fuzz corpora replayed as ordinary tests, with the
# normal compiler (and the sanitizers when PLANLINT_SANITIZE=ON).  Included
# from tests/CMakeLists.txt.
#
# For each fuzz target NAME (the list in fuzz/CMakeLists.txt), replay_NAME
# is fuzz/fuzz_NAME.c with the standalone main of fuzz/driver.c, and the
# test replay_NAME runs it over fuzz/corpus/NAME/ (seeds and regress-*
# crash reproducers), the shared seeds in fuzz/corpus/parse/ and the real
# plans in corpus/plans/.
set(PLANLINT_REPLAY_TARGETS parse extract)

foreach(name IN LISTS PLANLINT_REPLAY_TARGETS)
  add_executable(replay_${name} ${PROJECT_SOURCE_DIR}/fuzz/fuzz_${name}.c
                 ${PROJECT_SOURCE_DIR}/fuzz/driver.c)
  target_link_libraries(replay_${name} PRIVATE planlint)
  target_compile_options(replay_${name} PRIVATE ${PLANLINT_WARNINGS})
  target_compile_definitions(replay_${name} PRIVATE _POSIX_C_SOURCE=200809L)

  set(dirs ${PROJECT_SOURCE_DIR}/fuzz/corpus/parse ${PROJECT_SOURCE_DIR}/corpus/plans)
  if(NOT name STREQUAL "parse" AND EXISTS ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
    list(PREPEND dirs ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
  endif()
  add_test(NAME replay_${name} COMMAND replay_${name} ${dirs})
  # a replay takes under a second (ASan included): a hang fails in two minutes
  set_tests_properties(replay_${name} PROPERTIES TIMEOUT 120)
endforeach()

# PlanlintEmbed.cmake - planlint_embed(): compile data files into the library.
#
#   planlint_embed(OUTPUT <file.c> BASE <dir> FILES <f1> <f2> ... [DEPENDS <extra>...])
#
# Adds a custom command that writes <file.c> (see cmake/embed.cmake for
# what it holds and a complete example).  FILES are relative to BASE (or
# absolute); an entry's name is its path relative to BASE.  Every file and
# the generator script are dependencies, so editing a data file regenerates
# the source and rebuilds the library.  List <file.c> among the target's
# sources.

# Captured at include time: inside the function CMAKE_CURRENT_LIST_DIR is the
# caller's directory.
set(_PLANLINT_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/embed.cmake")

function(planlint_embed)
  cmake_parse_arguments(PE "" "OUTPUT;BASE" "FILES;DEPENDS" ${ARGN})
  if(NOT PE_OUTPUT OR NOT PE_BASE)
    message(FATAL_ERROR "planlint_embed: OUTPUT and BASE are required")
  endif()
  set(_abs "")
  foreach(_f IN LISTS PE_FILES)
    if(NOT IS_ABSOLUTE "${_f}")
      set(_f "${PE_BASE}/${_f}")
    endif()
    if(_f MATCHES "\\|")
      message(FATAL_ERROR "planlint_embed: '|' not allowed in a data file path: ${_f}")
    endif()
    list(APPEND _abs "${_f}")
  endforeach()
  string(JOIN "|" _joined ${_abs})
  add_custom_command(
    OUTPUT "${PE_OUTPUT}"
    COMMAND "${CMAKE_COMMAND}" "-DOUTPUT=${PE_OUTPUT}" "-DBASE=${PE_BASE}"
            "-DFILES=${_joined}" -P "${_PLANLINT_EMBED_SCRIPT}"
    DEPENDS ${_abs} "${_PLANLINT_EMBED_SCRIPT}" ${PE_DEPENDS}
    COMMENT "Embedding data files into ${PE_OUTPUT}"
    VERBATIM)
endfunction()

# Each layer is one static library; its modules (kiosk/emrtd, drivers/pcsc, …) live in
# subdirectories with a CMakeLists.txt of their own that adds sources with target_sources().
# A module is picked up by existing: adding one never edits the layer's file.
function(kiosk_add_modules)
  cmake_parse_arguments(ARG "" "" "EXCLUDE" ${ARGN})
  file(GLOB _entries LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}
       ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT _entries)
  foreach(_entry IN LISTS _entries)
    if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${_entry}
       AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${_entry}/CMakeLists.txt
       AND NOT _entry IN_LIST ARG_EXCLUDE)
      add_subdirectory(${_entry})
    endif()
  endforeach()
endfunction()

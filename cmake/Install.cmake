# cmake --install: the three programs in bin/, the search page (every file of web/ at build
# time) in share/fynd/web/, man pages generated from --help in share/man/man1/, the API
# description, README and systemd unit example in share/doc/fynd/. The programs need no
# file from the source or build tree: data is compiled in, the page is found beside them.
set(FYND_PROGRAMS fynd-index fynd-query)
if(TARGET fynd-serve)
  list(APPEND FYND_PROGRAMS fynd-serve)
endif()
install(TARGETS ${FYND_PROGRAMS} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

file(GLOB _fynd_web_files CONFIGURE_DEPENDS LIST_DIRECTORIES false ${PROJECT_SOURCE_DIR}/web/*)
list(FILTER _fynd_web_files EXCLUDE REGEX "/\\.[^/]*$")
install(FILES ${_fynd_web_files} DESTINATION ${FYND_INSTALL_WEBDIR})
install(FILES ${PROJECT_SOURCE_DIR}/web/openapi.json ${PROJECT_SOURCE_DIR}/README.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/fynd-serve.service
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# One man page per program, written by help2man from its --help and --version at build time.
set(_fynd_man_names
  "fynd-index=index Swedish project documents into a fynd index"
  "fynd-query=search a fynd index, with facets, statistics and similar projects"
  "fynd-serve=JSON search service and search page over a fynd index")
if(FYND_HELP2MAN)
  set(_fynd_man_pages "")
  foreach(entry IN LISTS _fynd_man_names)
    string(REGEX REPLACE "=.*" "" prog "${entry}")
    string(REGEX REPLACE "^[^=]*=" "" name "${entry}")
    if(NOT TARGET ${prog})
      continue()
    endif()
    set(page ${PROJECT_BINARY_DIR}/man/${prog}.1)
    add_custom_command(OUTPUT ${page}.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
      COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
              ${FYND_HELP2MAN} --no-info --section=1 "--name=${name}"
              --version-string=${PROJECT_VERSION} --output=${page} $<TARGET_FILE:${prog}>
      COMMAND ${FYND_GZIP} -9nf ${page}
      DEPENDS ${prog}
      COMMENT "Man page ${prog}.1 from --help"
      VERBATIM)
    list(APPEND _fynd_man_pages ${page}.gz)
  endforeach()
  add_custom_target(fynd_man_pages ALL DEPENDS ${_fynd_man_pages})
  install(FILES ${_fynd_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found (scripts/setup.sh installs it): no man pages are installed")
endif()

# cpack -G DEB (from the release build): fynd_<version>_<arch>.deb installing under /usr.
# Library dependencies come from dpkg-shlibdeps on the programs themselves, so a library
# linked later needs no change here; data read at run time is listed by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME fynd)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "fynd maintainers <fynd@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The Analyzer opens /usr/share/hunspell/sv_SE.{aff,dic} at run time (core/swedish_lexicon.cpp).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hunspell-sv")
# CPack puts the summary line first and indents these lines.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "fynd indexes Swedish project documents (web pages, PDF reports, project-bank
records) into one Xapian index and searches it with Swedish inflections,
compounds, facets by funder, region, year and theme, statistics and similar
projects.

fynd-index builds the index, fynd-query searches it on the command line and
fynd-serve offers a JSON API and a search page.")

include(CPack)

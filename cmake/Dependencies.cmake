# Every dependency is a Debian package; scripts/setup.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(xapian REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# fynd-serve's connections: Boost.Asio (header-only, libboost-dev).
find_package(Boost 1.74 REQUIRED)
pkg_check_modules(HUNSPELL REQUIRED IMPORTED_TARGET hunspell)
# Spreadsheets: libcsv (CSV parsing), libzip + pugixml (XLSX parts).
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(PUGIXML REQUIRED IMPORTED_TARGET pugixml)
find_path(LIBCSV_INCLUDE_DIR csv.h REQUIRED)
find_library(LIBCSV_LIBRARY csv REQUIRED)
if(NOT TARGET fynd::csv)
  add_library(fynd::csv INTERFACE IMPORTED)
  target_include_directories(fynd::csv INTERFACE ${LIBCSV_INCLUDE_DIR})
  target_link_libraries(fynd::csv INTERFACE ${LIBCSV_LIBRARY})
endif()
# The programs' allocator (FYND_JEMALLOC); fynd_allocator is empty without it.
add_library(fynd_allocator INTERFACE)
if(FYND_JEMALLOC)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
  target_link_libraries(fynd_allocator INTERFACE PkgConfig::JEMALLOC)
endif()
if(FYND_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
# Man pages are written from each program's --help (help2man); without it none are built.
find_program(FYND_HELP2MAN help2man)
find_program(FYND_GZIP gzip REQUIRED)
# Remote shards: stock xapian-tcpsrv (Debian: xapian-tools) serves them; the shard tests
# start two and skip when it is missing.
find_program(FYND_XAPIAN_TCPSRV xapian-tcpsrv)

# Xapian's package config exports plain variables; wrap them in a target.
if(NOT TARGET fynd::xapian)
  add_library(fynd::xapian INTERFACE IMPORTED)
  target_include_directories(fynd::xapian INTERFACE ${XAPIAN_INCLUDE_DIR})
  target_link_libraries(fynd::xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()

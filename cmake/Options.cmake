# Build switches, one place. Every target links fynd_options and fynd_warnings.
option(FYND_BUILD_TESTS "Build the GoogleTest suites" ON)
option(FYND_BUILD_BENCH "Build the benchmarks in bench/" ON)
option(FYND_ENABLE_ASAN "Build with AddressSanitizer" OFF)
option(FYND_ENABLE_UBSAN "Build with UndefinedBehaviorSanitizer" OFF)
option(FYND_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
# The indexer and the service allocate and free many small strings and map nodes from
# several threads; jemalloc (Debian's libjemalloc-dev) does that with less CPU than glibc's
# malloc (docs/performance.md, "The allocator"). Sanitizer and fuzz builds keep their own.
if(FYND_ENABLE_ASAN OR FYND_FUZZ)
  set(_fynd_jemalloc_default OFF)
else()
  set(_fynd_jemalloc_default ON)
endif()
option(FYND_JEMALLOC "Link the programs with jemalloc" ${_fynd_jemalloc_default})

add_library(fynd_options INTERFACE)
target_compile_features(fynd_options INTERFACE cxx_std_20)
target_compile_definitions(fynd_options INTERFACE FYND_VERSION="${PROJECT_VERSION}")

# Install layout (GNU directories under CMAKE_INSTALL_PREFIX): programs in bin/, the search
# page in share/fynd/web/, man pages in share/man/man1/, the rest in share/doc/fynd/.
include(GNUInstallDirs)
set(FYND_INSTALL_WEBDIR "${CMAKE_INSTALL_DATADIR}/fynd/web" CACHE STRING
  "Where the search page is installed, relative to the prefix (fynd-serve looks there)")
cmake_path(ABSOLUTE_PATH FYND_INSTALL_WEBDIR BASE_DIRECTORY "${CMAKE_INSTALL_PREFIX}"
  OUTPUT_VARIABLE FYND_INSTALL_FULL_WEBDIR)

# Build switches, one place. Every target links fynd_options and fynd_warnings.
option(FYND_BUILD_TESTS "Build the GoogleTest suites" ON)
option(FYND_BUILD_BENCH "Build the benchmarks in bench/" ON)
option(FYND_ENABLE_ASAN "Build with AddressSanitizer" OFF)
option(FYND_ENABLE_UBSAN "Build with UndefinedBehaviorSanitizer" OFF)
option(FYND_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)

add_library(fynd_options INTERFACE)
target_compile_features(fynd_options INTERFACE cxx_std_20)
target_compile_definitions(fynd_options INTERFACE FYND_VERSION="${PROJECT_VERSION}")

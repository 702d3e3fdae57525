# libFuzzer targets (fuzz/). With FYND_FUZZ=ON (clang only, see the "fuzz" preset) every
# library is instrumented for coverage and the targets link libFuzzer's driver; without it
# each target is built as a replay program that runs its corpus and regression inputs.
option(FYND_FUZZ "Build the libFuzzer targets in fuzz/ (clang, -fsanitize=fuzzer,address,undefined)" OFF)

if(FYND_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "FYND_FUZZ needs clang (configure with the fuzz preset or CXX=clang++)")
  endif()
  if(NOT FYND_ENABLE_ASAN OR NOT FYND_ENABLE_UBSAN)
    message(FATAL_ERROR "FYND_FUZZ needs FYND_ENABLE_ASAN=ON and FYND_ENABLE_UBSAN=ON")
  endif()
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=fuzzer)
  check_cxx_source_compiles([=[
    #include <cstddef>
    #include <cstdint>
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }]=] FYND_HAVE_LIBFUZZER)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(NOT FYND_HAVE_LIBFUZZER)
    message(FATAL_ERROR "clang cannot link -fsanitize=fuzzer: install libclang-rt-14-dev (scripts/setup.sh --fuzz)")
  endif()
  # Coverage instrumentation for every library; the driver itself links into fuzz targets only.
  target_compile_options(fynd_options INTERFACE -fsanitize=fuzzer-no-link)
  target_link_options(fynd_options INTERFACE -fsanitize=fuzzer-no-link)
endif()

add_library(fynd_warnings INTERFACE)
target_compile_options(fynd_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough
  $<$<BOOL:${FYND_WARNINGS_AS_ERRORS}>:-Werror>)

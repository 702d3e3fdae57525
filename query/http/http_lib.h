/** Includes cpp-httplib as a system header, so its own warnings do not drown fynd's. */
#pragma once
#pragma GCC system_header

#include <httplib.h>

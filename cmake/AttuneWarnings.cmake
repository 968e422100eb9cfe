# SPDX-License-Identifier: GPL-3.0-or-later
# attune_warnings: the warning set for Attune's own code (third-party headers are SYSTEM).
add_library(attune_warnings INTERFACE)
target_compile_options(attune_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor -Wold-style-cast
  $<$<BOOL:${ATTUNE_WERROR}>:-Werror>
  # GCC 12's -Wrestrict misfires on std::string concatenation at -O3 (GCC bug 105329): keep the
  # warning visible, but do not let a compiler bug fail the build.
  $<$<AND:$<BOOL:${ATTUNE_WERROR}>,$<CXX_COMPILER_ID:GNU>>:-Wno-error=restrict>)

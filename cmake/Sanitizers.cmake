# SPDX-License-Identifier: GPL-3.0-or-later
# ATTUNE_SANITIZE turns on ASan + UBSan for every target (the `asan` preset).
if(ATTUNE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
# Fuzz builds instrument all code for coverage; the fuzzer executables add the libFuzzer main.
if(ATTUNE_BUILD_FUZZERS)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

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

# A sanitizer build runs several times slower than the build the tests' time limits were set
# for. ATTUNE_TEST_TIME_SCALE is the factor; a tests directory calls attune_scale_test_timeouts()
# after its add_test calls (CMake 3.25 cannot set another directory's test properties), and
# scales the limits it passes to catch_discover_tests itself.
if(ATTUNE_SANITIZE)
  set(ATTUNE_TEST_TIME_SCALE 10)
else()
  set(ATTUNE_TEST_TIME_SCALE 1)
endif()
function(attune_scale_test_timeouts)
  if(ATTUNE_TEST_TIME_SCALE EQUAL 1)
    return()
  endif()
  get_property(tests DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} PROPERTY TESTS)
  foreach(test IN LISTS tests)
    get_test_property(${test} TIMEOUT limit)
    if(limit)
      math(EXPR limit "${limit} * ${ATTUNE_TEST_TIME_SCALE}")
      set_tests_properties(${test} PROPERTIES TIMEOUT ${limit})
    endif()
  endforeach()
endfunction()

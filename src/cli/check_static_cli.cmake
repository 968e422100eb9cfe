# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a statically linked attune-cli (ATTUNE_STATIC_CLI) still needs one of the shared
# libraries whose start-up cost the option removes: a link-order change would otherwise bring
# them back silently, or load a second copy beside the static one.
execute_process(COMMAND readelf -d ${BINARY} OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_static_cli: readelf -d ${BINARY} failed")
endif()
foreach(lib icu sqlite3 crypto ssl pugixml glpk zip stdc\\+\\+ gmp amd colamd suitesparse
    readstat xlsxwriter)
  if(dynamic MATCHES "NEEDED[^\n]*\\[lib${lib}")
    message(FATAL_ERROR "check_static_cli: ${BINARY} still needs a shared lib${lib}:\n${dynamic}")
  endif()
endforeach()

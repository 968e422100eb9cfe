# SPDX-License-Identifier: GPL-3.0-or-later
# core.io_json_schema: writes the sample project and dataset JSON (write_json_schema_samples)
# into a fresh OUT folder, then validates them against docs/schemas/ with Debian's jsonschema
# (validate_json_schema.py); the bad-*.json copies must be rejected.
#   cmake -DWRITER=… -DVALIDATOR=… -DSCHEMAS=… -DSCHEMES=… -DOUT=… -P check_json_schema.cmake
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${WRITER} ${OUT} ${SCHEMES} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "write_json_schema_samples failed: ${rc}")
endif()
file(GLOB datasets ${OUT}/dataset-*.json)
file(GLOB bad_datasets ${OUT}/bad-dataset-*.json)
file(GLOB bad_projects ${OUT}/bad-project-*.json)
set(projects ${OUT}/project.json ${OUT}/project-text.json ${OUT}/project-subset.json)
foreach(kind project dataset)
  if(kind STREQUAL "project")
    set(good ${projects})
    set(bad ${bad_projects})
  else()
    set(good ${datasets})
    set(bad ${bad_datasets})
  endif()
  execute_process(COMMAND /usr/bin/python3 ${VALIDATOR} ${SCHEMAS}/attune-${kind}.schema.json
                          ${good} --reject ${bad} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the ${kind} JSON does not match docs/schemas/attune-${kind}.schema.json")
  endif()
endforeach()

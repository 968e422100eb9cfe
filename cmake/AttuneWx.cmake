# SPDX-License-Identifier: GPL-3.0-or-later
# attune::wx — wxWidgets 3.2 (GTK3) with wxStyledTextCtrl, wrapped in one INTERFACE target so
# that wx's include path reaches only the targets that link it (never attune_core).
find_package(wxWidgets 3.2 REQUIRED COMPONENTS webview stc aui html adv core base)
add_library(attune_wx INTERFACE)
add_library(attune::wx ALIAS attune_wx)
target_include_directories(attune_wx SYSTEM INTERFACE ${wxWidgets_INCLUDE_DIRS})
target_compile_definitions(attune_wx INTERFACE ${wxWidgets_DEFINITIONS})
target_compile_options(attune_wx INTERFACE ${wxWidgets_CXX_FLAGS})
target_link_libraries(attune_wx INTERFACE ${wxWidgets_LIBRARIES})

# SPDX-License-Identifier: GPL-3.0-or-later
# The layers' include rules, checked on every source file (run by ctest as layers/includes):
#   storage/  includes nothing of board/ or app/ (it knows no board on screen, no window);
#   board/    includes nothing of app/;
#   the widget-free part of board/ (helpboard_board) includes no header of its widgets (helpboard_widgets).
# Widget headers of Qt itself are kept out by the libraries' links (storage and helpboard_board do not link
# QtWidgets, so such an include does not compile). Usage:
#   cmake -DROOT=<source dir> -DBOARD_CORE=<helpboard_board sources, |-separated> -DBOARD_WIDGETS=<helpboard_widgets
#         sources, |-separated> -P checklayers.cmake
cmake_minimum_required(VERSION 3.25) # policies of this CMake in script mode (IN_LIST)
foreach(required ROOT BOARD_CORE BOARD_WIDGETS)
    if(NOT DEFINED ${required})
        message(FATAL_ERROR "checklayers: ${required} is not set")
    endif()
endforeach()
string(REPLACE "|" ";" core "${BOARD_CORE}")
string(REPLACE "|" ";" widgets "${BOARD_WIDGETS}")

# The widget headers of board/, by their path from the source root ("board/boardview.h").
set(widget_headers "")
foreach(source IN LISTS widgets)
    if(source MATCHES "\\.h$")
        cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${ROOT}/board" OUTPUT_VARIABLE path)
        cmake_path(RELATIVE_PATH path BASE_DIRECTORY "${ROOT}")
        list(APPEND widget_headers "${path}")
    endif()
endforeach()
set(core_files "")
foreach(source IN LISTS core)
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${ROOT}/board" OUTPUT_VARIABLE path)
    list(APPEND core_files "${path}")
endforeach()

set(broken "")
# Each include of @file, as the path from the source root it names (quoted includes are relative to the file).
function(includes_of file out)
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    cmake_path(GET file PARENT_PATH folder)
    set(result "")
    foreach(line IN LISTS lines)
        if(line MATCHES "#[ \t]*include[ \t]*\"([^\"]+)\"")
            cmake_path(ABSOLUTE_PATH CMAKE_MATCH_1 BASE_DIRECTORY "${folder}" NORMALIZE OUTPUT_VARIABLE path)
            cmake_path(RELATIVE_PATH path BASE_DIRECTORY "${ROOT}")
            list(APPEND result "${path}")
        elseif(line MATCHES "#[ \t]*include[ \t]*<([^>]+)>")
            list(APPEND result "${CMAKE_MATCH_1}")
        endif()
    endforeach()
    set(${out} "${result}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE storage_files "${ROOT}/storage/*.h" "${ROOT}/storage/*.cpp")
file(GLOB_RECURSE board_files "${ROOT}/board/*.h" "${ROOT}/board/*.cpp")
foreach(file IN LISTS storage_files board_files)
    cmake_path(RELATIVE_PATH file BASE_DIRECTORY "${ROOT}" OUTPUT_VARIABLE shown)
    includes_of("${file}" included)
    foreach(include IN LISTS included)
        if(shown MATCHES "^storage/" AND include MATCHES "^(board|app)/")
            list(APPEND broken "${shown} includes ${include}: storage/ knows nothing of the board's views or the app")
        elseif(shown MATCHES "^board/" AND include MATCHES "^app/")
            list(APPEND broken "${shown} includes ${include}: board/ knows nothing of the app")
        elseif(file IN_LIST core_files AND include IN_LIST widget_headers)
            list(APPEND broken "${shown} includes ${include}: the widget-free part of board/ uses no widget")
        endif()
    endforeach()
endforeach()

list(LENGTH storage_files storage_count)
list(LENGTH board_files board_count)
if(storage_count EQUAL 0 OR board_count EQUAL 0)
    message(FATAL_ERROR "checklayers: no source found under ${ROOT}")
endif()
if(broken)
    list(JOIN broken "\n  " text)
    message(FATAL_ERROR "Includes across the layers the wrong way:\n  ${text}")
endif()
message(STATUS "checklayers: ${storage_count} storage and ${board_count} board files keep to their layers")

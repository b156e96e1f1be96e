# SPDX-License-Identifier: GPL-3.0-or-later
# The layers' include rules, checked on the text of every source file under storage/ and board/ (run by ctest as
# layers/includes). The libraries' include paths (helpboard_sees in the top CMakeLists.txt) already refuse most of
# these at compile time; this check also catches a quoted "../" include, which no include path can stop.
# Widget headers of Qt itself are kept out by the libraries' links (storage and helpboard_board do not link
# QtWidgets, so such an include does not compile).
#
# Usage: cmake -DROOT=<source dir> [-DSELFTEST=ON] -P checklayers.cmake
# With SELFTEST, ROOT is a fixture tree whose files say "expect: <rule>" for the rule they break: the check passes
# when it refuses exactly those files for exactly those rules.
cmake_minimum_required(VERSION 3.25) # policies of this CMake in script mode (IN_LIST)
if(NOT DEFINED ROOT)
    message(FATAL_ERROR "checklayers: ROOT is not set")
endif()

# Each rule, ~-separated: name, the files it applies to, the includes they may not have (both regexes on paths from the source
# root), and why.
set(rules
    "storage-up~^storage/~^(board|app)/~storage/ knows nothing of the board's views or the app"
    "api-engine~^storage/[^/]+$~^storage/(sqlite|exchange)/~storage's public API shows no engine, no import or export"
    "exchange-engine~^storage/exchange/~^storage/sqlite/~import and export go through storage's public API"
    "engine-exchange~^storage/sqlite/~^storage/exchange/~the SQLite engine knows nothing of import and export"
    "board-app~^board/~^app/~board/ knows nothing of the app"
    "board-engine~^board/~^storage/(sqlite|exchange)/~board/ uses storage's public API only"
    "core-widgets~^board/(model|rules|actions|sync|sla|metrics)/~^board/widgets/~the widget-free part of board/ uses no widget"
    "rules-state~^board/rules/~^board/(model|actions|sync|sla)/~rules/ are plain rules on records: no models or saves"
    "sla-pure~^board/sla/~^board/(model|actions|sync|metrics)/~the service-level clocks are pure: no models or saves"
    "metrics-pure~^board/metrics/~^board/(model|actions|sync)/~the metrics are pure: no models or saves"
    "model-changes~^board/model/~^board/(actions|sync)/~models show the board: they neither change nor save it"
    "sync-actions~^board/sync/~^board/actions/~the saver and poller know no actions (app/ connects them)"
    "common-views~^board/widgets/common/~^board/widgets/(board|cardeditor|dialogs)/~the common pieces use no one view"
)

# Each include of @file, as the paths from the source root it may name: a quoted include relative to the file, and as
# written (the compiler looks along the include path too); an angle include as written; ".." taken out of both.
function(includes_of file out)
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    cmake_path(GET file PARENT_PATH folder)
    set(result "")
    foreach(line IN LISTS lines)
        if(line MATCHES "#[ \t]*include[ \t]*\"([^\"]+)\"")
            set(written "${CMAKE_MATCH_1}")
            cmake_path(ABSOLUTE_PATH written BASE_DIRECTORY "${folder}" NORMALIZE OUTPUT_VARIABLE path)
            cmake_path(RELATIVE_PATH path BASE_DIRECTORY "${ROOT}")
            cmake_path(NORMAL_PATH written)
            list(APPEND result "${path}" "${written}")
        elseif(line MATCHES "#[ \t]*include[ \t]*<([^>]+)>")
            set(written "${CMAKE_MATCH_1}")
            cmake_path(NORMAL_PATH written)
            list(APPEND result "${written}")
        endif()
    endforeach()
    set(${out} "${result}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE files "${ROOT}/storage/*.h" "${ROOT}/storage/*.cpp" "${ROOT}/board/*.h" "${ROOT}/board/*.cpp")
list(LENGTH files count)
if(count EQUAL 0)
    message(FATAL_ERROR "checklayers: no source found under ${ROOT}")
endif()

set(broken "")   # what to show: "<file> includes <header>: <why>"
set(refused "")  # what the self-test compares: "<file>:<rule>"
set(expected "")
foreach(file IN LISTS files)
    cmake_path(RELATIVE_PATH file BASE_DIRECTORY "${ROOT}" OUTPUT_VARIABLE shown)
    if(SELFTEST)
        file(STRINGS "${file}" expect REGEX "expect: [a-z-]+")
        foreach(line IN LISTS expect)
            string(REGEX MATCH "expect: ([a-z-]+)" ignored "${line}")
            list(APPEND expected "${shown}:${CMAKE_MATCH_1}")
        endforeach()
    endif()
    includes_of("${file}" included)
    foreach(include IN LISTS included)
        foreach(rule IN LISTS rules)
            string(REPLACE "~" ";" parts "${rule}")
            list(GET parts 0 name)
            list(GET parts 1 from)
            list(GET parts 2 to)
            list(GET parts 3 why)
            if(shown MATCHES "${from}" AND include MATCHES "${to}")
                list(APPEND broken "${shown} includes ${include}: ${why} (${name})")
                list(APPEND refused "${shown}:${name}")
            endif()
        endforeach()
    endforeach()
endforeach()

if(SELFTEST)
    list(REMOVE_DUPLICATES refused)
    list(SORT refused)
    list(SORT expected)
    list(LENGTH rules rule_count)
    set(unbroken_rules "")
    foreach(rule IN LISTS rules)
        string(REGEX MATCH "^[^~]+" name "${rule}")
        if(NOT expected MATCHES "(^|;)[^;]*:${name}(;|$)")
            list(APPEND unbroken_rules "${name}")
        endif()
    endforeach()
    if(unbroken_rules)
        message(FATAL_ERROR "checklayers self-test: no fixture breaks ${unbroken_rules}")
    endif()
    if(NOT refused STREQUAL expected)
        list(JOIN broken "\n  " text)
        message(FATAL_ERROR "checklayers self-test: expected refusals\n  ${expected}\nbut the check said\n  ${text}")
    endif()
    message(STATUS "checklayers self-test: each of the ${rule_count} rules refused its fixture, nothing else refused")
    return()
endif()

if(broken)
    list(JOIN broken "\n  " text)
    message(FATAL_ERROR "Includes across the layers the wrong way:\n  ${text}")
endif()
message(STATUS "checklayers: ${count} files under storage/ and board/ keep to their layers")

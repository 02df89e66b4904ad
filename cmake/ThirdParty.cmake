# Third-party code: Dear ImGui from a Debian source package (path given by the set-up script),
# and Debian's header-only libraries, staged for em++ which cannot see /usr/include.
set(B2B_IMGUI_DIR "" CACHE PATH "Dear ImGui 1.90.1 sources (unpacked Debian source package)")
if(NOT EXISTS "${B2B_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "B2B_IMGUI_DIR='${B2B_IMGUI_DIR}' has no imgui.cpp; run ./dev test or scripts/install-deps.sh")
endif()

# em++ uses its own sysroot; adding /usr/include would pull in glibc headers, so stage only
# the header-only libraries we use.
add_library(b2b_header_libs INTERFACE)
if(EMSCRIPTEN)
  set(staged "${CMAKE_BINARY_DIR}/staged-include")
  file(MAKE_DIRECTORY "${staged}")
  foreach(lib cereal rapidjson doctest)
    if(NOT EXISTS "/usr/include/${lib}")
      message(FATAL_ERROR "/usr/include/${lib} missing: install the Debian -dev package")
    endif()
    file(CREATE_LINK "/usr/include/${lib}" "${staged}/${lib}" SYMBOLIC)
  endforeach()
  target_include_directories(b2b_header_libs SYSTEM INTERFACE "${staged}")
endif()

# Dear ImGui core (no backends): builds natively too, so views and the widget registry are
# tested with g++. The test-engine hooks feed the widget registry.
add_library(imgui STATIC
  ${B2B_IMGUI_DIR}/imgui.cpp ${B2B_IMGUI_DIR}/imgui_draw.cpp
  ${B2B_IMGUI_DIR}/imgui_widgets.cpp ${B2B_IMGUI_DIR}/imgui_tables.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${B2B_IMGUI_DIR} ${CMAKE_SOURCE_DIR}/client/ui/imgui_config)
target_compile_definitions(imgui PUBLIC IMGUI_USER_CONFIG="b2b_imconfig.h")

# The browser app (included from client/CMakeLists.txt in the em++ build): links SDL2 built for
# wasm, writes everything the browser downloads into ${CMAKE_BINARY_DIR}/dist, and prints its size.
set(B2B_SDL2_PREFIX "" CACHE PATH "SDL2 built for wasm (install prefix)")
if(NOT EXISTS "${B2B_SDL2_PREFIX}/lib/libSDL2.a")
  message(FATAL_ERROR "B2B_SDL2_PREFIX='${B2B_SDL2_PREFIX}' has no lib/libSDL2.a; run scripts/install-deps.sh")
endif()
set(B2B_DIST_DIR "${CMAKE_BINARY_DIR}/dist")

add_executable(b2b_client
  ${CMAKE_SOURCE_DIR}/client/platform/web_main.cpp
  ${CMAKE_SOURCE_DIR}/client/platform/web_http.cpp
  ${CMAKE_SOURCE_DIR}/client/platform/web_text_input.cpp
  ${CMAKE_SOURCE_DIR}/client/platform/web_device.cpp
  ${B2B_IMGUI_DIR}/backends/imgui_impl_sdl2.cpp
  ${B2B_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(b2b_client PRIVATE ${B2B_IMGUI_DIR}/backends ${B2B_SDL2_PREFIX}/include/SDL2)
target_link_libraries(b2b_client PRIVATE b2b_client_ui ${B2B_SDL2_PREFIX}/lib/libSDL2.a)
add_dependencies(b2b_client ui_font)
set_target_properties(b2b_client PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${B2B_DIST_DIR}")
target_link_options(b2b_client PRIVATE
  -sENVIRONMENT=web
  -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1 -sMALLOC=emmalloc
  "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free','_b2b_widgets_json','_b2b_frame_count','_b2b_font_has_glyphs','_b2b_on_http_response','_b2b_text_input','_b2b_key_event','_b2b_wants_text_input','_b2b_set_keyboard_inset']"
  "-sEXPORTED_RUNTIME_METHODS=['UTF8ToString','stringToUTF8','lengthBytesUTF8','ccall']"
  "--embed-file=${B2B_UI_FONT}@/assets/ui-font.ttf")
set_property(TARGET b2b_client APPEND PROPERTY LINK_DEPENDS "${B2B_UI_FONT}")

# Our own page, loader and styles next to the compiled app.
file(GLOB B2B_WEB_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/*")
set(B2B_DIST_WEB_FILES "")
foreach(web_file ${B2B_WEB_FILES})
  get_filename_component(name "${web_file}" NAME)
  add_custom_command(OUTPUT "${B2B_DIST_DIR}/${name}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${web_file}" "${B2B_DIST_DIR}/${name}"
    DEPENDS "${web_file}")
  list(APPEND B2B_DIST_WEB_FILES "${B2B_DIST_DIR}/${name}")
endforeach()
add_custom_target(b2b_web_files ALL DEPENDS ${B2B_DIST_WEB_FILES})

add_custom_target(download_size ALL
  COMMAND bash "${CMAKE_SOURCE_DIR}/scripts/download-size.sh" "${B2B_DIST_DIR}"
  DEPENDS b2b_client b2b_web_files
  COMMENT "What the browser downloads")

# The browser app (included from client/CMakeLists.txt in the em++ build): links SDL2 built for
# wasm, writes everything the browser downloads into ${CMAKE_BINARY_DIR}/dist, and prints its size.
if(CMAKE_SCRIPT_MODE_FILE)
  # Run as `cmake -P` by the b2b_service_worker target below: writes dist/sw.js from web/sw.js.in
  # with the shell files and a version hashed from their contents (and the template's).
  string(REPLACE "," ";" shell_files "${B2B_SHELL_FILES}")
  set(digest_input "")
  set(B2B_SHELL_FILES "")
  foreach(name IN LISTS shell_files ITEMS sw.js.in)
    if(name STREQUAL "sw.js.in")
      file(SHA256 "${B2B_SW_TEMPLATE}" hash)
    else()
      file(SHA256 "${B2B_DIST_DIR}/${name}" hash)
      list(APPEND B2B_SHELL_FILES "\"${name}\"")
    endif()
    string(APPEND digest_input "${name} ${hash}\n")
  endforeach()
  string(SHA256 B2B_SHELL_VERSION "${digest_input}")
  string(SUBSTRING "${B2B_SHELL_VERSION}" 0 16 B2B_SHELL_VERSION)
  list(JOIN B2B_SHELL_FILES ", " B2B_SHELL_FILES)
  file(READ "${B2B_SW_TEMPLATE}" template)
  string(CONFIGURE "${template}" service_worker @ONLY)
  file(WRITE "${B2B_DIST_DIR}/sw.js" "${service_worker}")
  return()
endif()

set(B2B_SDL2_PREFIX "" CACHE PATH "SDL2 built for wasm (install prefix)")
if(NOT EXISTS "${B2B_SDL2_PREFIX}/lib/libSDL2.a")
  message(FATAL_ERROR "B2B_SDL2_PREFIX='${B2B_SDL2_PREFIX}' has no lib/libSDL2.a; run scripts/install-deps.sh")
endif()
set(B2B_DIST_DIR "${CMAKE_BINARY_DIR}/dist")

set(B2B_WEB_CLIENT_SOURCES
  ${CMAKE_SOURCE_DIR}/client/platform/web_main.cpp
  ${CMAKE_SOURCE_DIR}/client/platform/web_http.cpp
  ${CMAKE_SOURCE_DIR}/client/platform/web_text_input.cpp
  ${CMAKE_SOURCE_DIR}/client/platform/web_device.cpp
  ${CMAKE_SOURCE_DIR}/client/platform/web_storage.cpp
  ${CMAKE_SOURCE_DIR}/client/platform/web_embed.cpp
  ${B2B_IMGUI_DIR}/backends/imgui_impl_sdl2.cpp
  ${B2B_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
# Two builds of the app: b2b_client speaks our own protocol only; b2b_client_adapters also has the Vendure
# and Medusa adapters (B2B_WEB_ADAPTERS), which cost some 45 KiB gzipped that a buyer of a shop speaking
# our protocol need not download. web/index.html picks one by the page's ?backend=.
add_executable(b2b_client ${B2B_WEB_CLIENT_SOURCES})
add_executable(b2b_client_adapters ${B2B_WEB_CLIENT_SOURCES})
target_compile_definitions(b2b_client_adapters PRIVATE B2B_WEB_ADAPTERS)
# The own-protocol app with its function names kept (--profiling-funcs adds a names section and leaves the
# code as it is), for the download benchmark's breakdown of the wasm by component (bench/size.mjs).
add_executable(b2b_client_named EXCLUDE_FROM_ALL ${B2B_WEB_CLIENT_SOURCES})
foreach(target b2b_client b2b_client_adapters b2b_client_named)
  target_include_directories(${target} PRIVATE ${B2B_IMGUI_DIR}/backends ${B2B_SDL2_PREFIX}/include/SDL2)
  target_link_libraries(${target} PRIVATE b2b_client_ui ${B2B_SDL2_PREFIX}/lib/libSDL2.a)
  add_dependencies(${target} ui_font)
  target_link_options(${target} PRIVATE
    -sENVIRONMENT=web
    -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sALLOW_MEMORY_GROWTH=1 -sMALLOC=emmalloc
    "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free','_b2b_widgets_json','_b2b_frame_count','_b2b_frame_cpu_ms','_b2b_font_has_glyphs','_b2b_on_http_response','_b2b_network_hint','_b2b_storage_lost','_b2b_sync_status_json','_b2b_host_connected','_b2b_host_message','_b2b_text_input','_b2b_key_event','_b2b_wants_text_input','_b2b_set_keyboard_inset']"
    "-sEXPORTED_RUNTIME_METHODS=['UTF8ToString','stringToUTF8','lengthBytesUTF8','ccall','addRunDependency','removeRunDependency']"
    # No file system: the font is compiled in, storage goes through IndexedDB (web/storage.js).
    -sFILESYSTEM=0)
endforeach()
set_target_properties(b2b_client b2b_client_adapters PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${B2B_DIST_DIR}")
set_target_properties(b2b_client_named PROPERTIES OUTPUT_NAME b2b_client SUFFIX ".js"
                                                  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bench-named")
target_link_options(b2b_client_named PRIVATE --profiling-funcs)

# Our own page, loader and styles next to the compiled app.
# web/examples/ (a partner portal, a procurement system) is served by its own server, not by the shop.
file(GLOB B2B_WEB_FILES LIST_DIRECTORIES false CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/*")
list(FILTER B2B_WEB_FILES EXCLUDE REGEX "\\.in$")  # templates are filled in below, not served as they are
set(B2B_DIST_WEB_FILES "")
foreach(web_file ${B2B_WEB_FILES})
  get_filename_component(name "${web_file}" NAME)
  add_custom_command(OUTPUT "${B2B_DIST_DIR}/${name}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${web_file}" "${B2B_DIST_DIR}/${name}"
    DEPENDS "${web_file}")
  list(APPEND B2B_DIST_WEB_FILES "${B2B_DIST_DIR}/${name}")
endforeach()
add_custom_target(b2b_web_files ALL DEPENDS ${B2B_DIST_WEB_FILES})

# The service worker precaches every file above plus the compiled app, under a version that changes
# whenever any of them does (so the browser installs the new shell and drops the old one).
set(B2B_SW_TEMPLATE "${CMAKE_SOURCE_DIR}/web/sw.js.in")
# Both builds are listed; the worker keeps the one its page uses (sw.js?build=, see web/sw.js.in).
set(b2b_shell_files b2b_client.js b2b_client.wasm b2b_client_adapters.js b2b_client_adapters.wasm)
foreach(web_file ${B2B_WEB_FILES})
  get_filename_component(name "${web_file}" NAME)
  # embed.js is for partner portals' pages, which the app's own service worker never serves.
  if(NOT name STREQUAL "embed.js")
    list(APPEND b2b_shell_files "${name}")
  endif()
endforeach()
list(JOIN b2b_shell_files "," b2b_shell_files)
add_custom_command(OUTPUT "${B2B_DIST_DIR}/sw.js"
  COMMAND ${CMAKE_COMMAND} "-DB2B_DIST_DIR=${B2B_DIST_DIR}" "-DB2B_SW_TEMPLATE=${B2B_SW_TEMPLATE}"
          "-DB2B_SHELL_FILES=${b2b_shell_files}" -P "${CMAKE_CURRENT_LIST_FILE}"
  DEPENDS "${B2B_SW_TEMPLATE}" "${CMAKE_CURRENT_LIST_FILE}" b2b_client b2b_client_adapters ${B2B_WEB_FILES}
  COMMENT "Service worker for this version of the app shell"
  VERBATIM)
add_custom_target(b2b_service_worker ALL DEPENDS "${B2B_DIST_DIR}/sw.js")
add_dependencies(b2b_service_worker b2b_web_files)

add_custom_target(download_size ALL
  COMMAND bash "${CMAKE_SOURCE_DIR}/scripts/download-size.sh" "${B2B_DIST_DIR}"
  DEPENDS b2b_client b2b_client_adapters b2b_web_files b2b_service_worker
  COMMENT "What the browser downloads")

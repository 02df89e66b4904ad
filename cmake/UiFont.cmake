# The UI font: Noto Sans from Debian, subset to the glyphs the UI can show (Latin-1, Latin
# Extended-A for Polish, typographic punctuation). ImGui's built-in font has no Polish letters.
set(B2B_FONT_SOURCE "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf" CACHE FILEPATH "UI font source")
set(B2B_UI_FONT "${CMAKE_BINARY_DIR}/assets/ui-font.ttf")
# Keep in sync with kUiGlyphRanges in client/ui/theme.cpp.
set(B2B_FONT_UNICODES "U+0020-007E,U+00A0-00FF,U+0100-017F,U+2013-2014,U+2018-201E,U+2022,U+2026,U+20AC,U+2212")
# Debian's python3, which has python3-fonttools (a python3 earlier on PATH may not).
find_program(DEBIAN_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
add_custom_command(
  OUTPUT "${B2B_UI_FONT}"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_BINARY_DIR}/assets"
  COMMAND ${DEBIAN_PYTHON3} -m fontTools.subset "${B2B_FONT_SOURCE}" "--unicodes=${B2B_FONT_UNICODES}"
          --no-hinting --layout-features= --output-file=${B2B_UI_FONT}
  DEPENDS "${B2B_FONT_SOURCE}"
  COMMENT "Subsetting the UI font")
# The same bytes compiled into the client (client/ui/theme.cpp reads them): no file to fetch or open.
set(B2B_UI_FONT_SOURCE "${CMAKE_BINARY_DIR}/assets/ui_font_ttf.cpp")
add_custom_command(
  OUTPUT "${B2B_UI_FONT_SOURCE}"
  COMMAND ${CMAKE_COMMAND} "-DB2B_EMBED_INPUT=${B2B_UI_FONT}" "-DB2B_EMBED_OUTPUT=${B2B_UI_FONT_SOURCE}"
          -DB2B_EMBED_SYMBOL=b2b_ui_font_ttf -P "${CMAKE_CURRENT_LIST_DIR}/EmbedFile.cmake"
  DEPENDS "${B2B_UI_FONT}" "${CMAKE_CURRENT_LIST_DIR}/EmbedFile.cmake"
  COMMENT "Compiling the UI font into the client")
add_custom_target(ui_font DEPENDS "${B2B_UI_FONT}" "${B2B_UI_FONT_SOURCE}")

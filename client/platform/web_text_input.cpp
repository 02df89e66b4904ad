// Feeds ImGui from the page's hidden <textarea>: SDL2 under Emscripten shows no on-screen keyboard
// and sees no IME text, so web/text_input.js reads the textarea and calls these.
#include "platform/web_text_input.hpp"

#include <emscripten.h>

#include "imgui.h"
#include "platform/keyboard_inset.hpp"

namespace {

// DOM keyCode -> ImGui key; ImGuiKey_None for keys the textarea handles itself (text).
ImGuiKey imgui_key(int key_code) {
  switch (key_code) {
    case 8:
      return ImGuiKey_Backspace;
    case 9:
      return ImGuiKey_Tab;
    case 13:
      return ImGuiKey_Enter;
    case 16:
      return ImGuiMod_Shift;
    case 17:
      return ImGuiMod_Ctrl;
    case 18:
      return ImGuiMod_Alt;
    case 27:
      return ImGuiKey_Escape;
    case 35:
      return ImGuiKey_End;
    case 36:
      return ImGuiKey_Home;
    case 37:
      return ImGuiKey_LeftArrow;
    case 38:
      return ImGuiKey_UpArrow;
    case 39:
      return ImGuiKey_RightArrow;
    case 40:
      return ImGuiKey_DownArrow;
    case 46:
      return ImGuiKey_Delete;
    case 65:
      return ImGuiKey_A;
    case 89:
      return ImGuiKey_Y;
    case 90:
      return ImGuiKey_Z;
    default:
      return ImGuiKey_None;
  }
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void b2b_text_input(const char* utf8) {
  // The page may call before main() has created the context.
  if (ImGui::GetCurrentContext() && utf8) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

EMSCRIPTEN_KEEPALIVE void b2b_key_event(int key_code, int down) {
  const ImGuiKey key = imgui_key(key_code);
  if (ImGui::GetCurrentContext() && key != ImGuiKey_None) ImGui::GetIO().AddKeyEvent(key, down != 0);
}

EMSCRIPTEN_KEEPALIVE int b2b_wants_text_input() {
  return ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void b2b_set_keyboard_inset(double css_px) {
  b2b::client::set_keyboard_inset_px(static_cast<float>(css_px));
}

}  // extern "C"

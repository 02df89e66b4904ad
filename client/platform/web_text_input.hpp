// What the page's text-input bridge (web/text_input.js) calls: text and editing keys typed into its
// hidden <textarea> (phones' on-screen keyboards, IMEs, desktop keyboards while a field is edited).
#pragma once

extern "C" {

// Text the user inserted (UTF-8), for the active ImGui text field.
void b2b_text_input(const char* utf8);

// An editing key went down (1) or up (0). key_code is the DOM KeyboardEvent.keyCode: Backspace 8,
// Tab 9, Enter 13, Shift 16, Ctrl 17, Alt 18, Escape 27, End 35, Home 36, arrows 37-40, Delete 46,
// A 65, Y 89, Z 90 (the last three for Ctrl+A/Y/Z). Other codes are ignored.
void b2b_key_event(int key_code, int down);

// 1 while ImGui edits a text field (the page keeps its <textarea> focused only then), else 0.
int b2b_wants_text_input();

// The height of the on-screen keyboard over the bottom of the canvas, in CSS px (0 when closed).
void b2b_set_keyboard_inset(double css_px);
}

// How much of the bottom of the canvas the on-screen keyboard covers, in CSS px, as the page
// measures it (web/text_input.js via b2b_set_keyboard_inset); views read it to keep fields visible.
#pragma once

namespace b2b::client {

namespace detail {
inline float g_keyboard_inset_px = 0;  // one UI thread: no synchronisation needed
}  // namespace detail

inline float keyboard_inset_px() { return detail::g_keyboard_inset_px; }

inline void set_keyboard_inset_px(float css_px) { detail::g_keyboard_inset_px = css_px > 0 ? css_px : 0; }

}  // namespace b2b::client

// Reads the local date and a persistent random device id from the browser.
#include "web_device.hpp"

#include <emscripten.h>

#include <cstdlib>

// clang-format off
EM_JS(int, b2b_js_today, (), {
  const d = new Date();
  return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
});

// Storage can be blocked (partitioned iframes, private modes): then the id lives for this page only.
EM_JS(char*, b2b_js_device_id, (), {
  const fresh = function() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function(b) { return b.toString(16).padStart(2, "0"); }).join("");
  };
  let id = null;
  try {
    id = localStorage.getItem("b2b.device_id");
    if (!id) {
      id = fresh();
      localStorage.setItem("b2b.device_id", id);
    }
  } catch (e) {
    id = fresh();
  }
  const size = lengthBytesUTF8(id) + 1;
  const ptr = _malloc(size);
  stringToUTF8(id, ptr, size);
  return ptr;
});
// clang-format on

namespace b2b::client {

AppState initial_state() {
  AppState state;
  const int today = b2b_js_today();
  state.today = {today / 10000, today / 100 % 100, today % 100};
  char* id = b2b_js_device_id();
  state.device_id = id;
  std::free(id);
  return state;
}

}  // namespace b2b::client

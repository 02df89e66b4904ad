// Bridges the store's embedding and punchout effects to web/embed_client.js and the loader.
#include "web_embed.hpp"

#include <emscripten.h>

#include <cmath>
#include <cstdlib>

#include "b2b/embed.hpp"
#include "core/widget_registry.hpp"

// clang-format off
EM_JS(void, b2b_js_embed_app_started, (), {
  if (window.B2BEmbedClient) B2BEmbedClient.appStarted();
});

EM_JS(void, b2b_js_post_to_host, (const char* json), {
  if (window.B2BEmbedClient) B2BEmbedClient.post(UTF8ToString(json));
});

EM_JS(void, b2b_js_submit_form, (const char* json), {
  if (window.B2BEmbedClient) B2BEmbedClient.submitForm(UTF8ToString(json));
});

EM_JS(char*, b2b_js_take_start_token, (), {
  const token = Module.b2bStartToken || "";
  Module.b2bStartToken = "";
  const size = lengthBytesUTF8(token) + 1;
  const ptr = _malloc(size);
  stringToUTF8(token, ptr, size);
  return ptr;
});
// clang-format on

namespace b2b::client {

void embed_app_started() { b2b_js_embed_app_started(); }

void post_to_host(const std::string& json) { b2b_js_post_to_host(json.c_str()); }

void submit_browser_form(const backend::PunchoutForm& form) {
  std::string json = "{\"method\":";
  append_json_string(json, form.method);
  json += ",\"action\":";
  append_json_string(json, form.action);
  json += ",\"target\":";
  append_json_string(json, form.target);
  json += ",\"fields\":[";
  for (std::size_t i = 0; i < form.fields.size(); ++i) {
    if (i > 0) json += ',';
    json += '[';
    append_json_string(json, form.fields[i].first);
    json += ',';
    append_json_string(json, form.fields[i].second);
    json += ']';
  }
  json += "]}";
  b2b_js_submit_form(json.c_str());
}

std::string take_start_token() {
  char* token = b2b_js_take_start_token();
  std::string result = token;
  std::free(token);
  return result;
}

void report_preferred_height(float css_px) {
  static int reported = -1;
  const int height = static_cast<int>(std::ceil(css_px));
  if (height <= 0 || height == reported) return;
  reported = height;
  b2b_js_post_to_host(embed::resize_message(height).c_str());
}

}  // namespace b2b::client

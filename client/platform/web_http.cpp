// The fetch bridge: EM_JS starts a request, an exported function delivers the response. Records for
// the device's storage go to web/storage.js.
#include "web_http.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include "web_embed.hpp"
#include "web_storage.hpp"

// The API base comes from the page (Module.b2bApiBase: "" for the same origin).
// Status 0 means no response: network error, offline, or blocked by CORS.
// clang-format off
EM_JS(void, b2b_js_fetch, (int request_id, const char* method, const char* path, const char* headers, const char* body),
      {
        const base = Module.b2bApiBase || "";
        const init = {method : UTF8ToString(method), headers : {}};
        for (const line of UTF8ToString(headers).split("\n")) {
          const colon = line.indexOf(":");
          if (colon > 0) init.headers[line.slice(0, colon)] = line.slice(colon + 1).trim();
        }
        const text = UTF8ToString(body);
        if (init.method !== "GET" && init.method !== "HEAD") init.body = text;
        const deliver = function(status, responseText, headerText) {
          const size = lengthBytesUTF8(responseText) + 1;
          const ptr = _malloc(size);
          stringToUTF8(responseText, ptr, size);
          const headerSize = lengthBytesUTF8(headerText) + 1;
          const headerPtr = _malloc(headerSize);
          stringToUTF8(headerText, headerPtr, headerSize);
          _b2b_on_http_response(request_id, status, ptr, headerPtr);
          _free(ptr);
          _free(headerPtr);
        };
        fetch(base + UTF8ToString(path), init)
            .then(function(response) {
              let headerText = "";
              response.headers.forEach(function(value, name) { headerText += name + ": " + value + "\n"; });
              return response.text().then(function(t) { deliver(response.status, t, headerText); });
            })
            .catch(function(error) { deliver(0, String(error), ""); });
      });

EM_JS(char*, b2b_js_page_setting, (const char* name), {
  const value = Module[UTF8ToString(name)];
  const text = typeof value === "string" ? value : "";
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
// clang-format on

namespace b2b::client {

namespace {

std::string page_setting(const char* name) {
  char* value = b2b_js_page_setting(name);
  std::string text = value ? value : "";
  std::free(value);
  return text;
}

HttpHeaders parse_header_lines(const char* text) {
  HttpHeaders headers;
  std::string_view rest = text ? text : "";
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return headers;
}

}  // namespace

std::string page_backend_kind() { return page_setting("b2bBackend"); }
std::string page_backend_key() { return page_setting("b2bBackendKey"); }

void WebEffectRunner::run(const Effect& effect) {
  if (const auto* record = std::get_if<StoreRecord>(&effect)) {
    put_browser_record(*record);
    return;
  }
  if (const auto* message = std::get_if<PostToHost>(&effect)) {
    post_to_host(message->json);
    return;
  }
  if (const auto* form = std::get_if<SubmitForm>(&effect)) {
    submit_browser_form(form->form);
    return;
  }
  if (const auto* send = std::get_if<SendHttp>(&effect)) {
    const int id = next_request_id_++;
    if (!gateway_) {
      in_flight_[id] = {send->purpose, send->tag, nullptr};
      fetch(id, send->request);
      return;
    }
    in_flight_[id] = {send->purpose, send->tag, gateway_->open(send->request)};
    continue_exchange(id);
  }
}

void WebEffectRunner::fetch(int request_id, const HttpRequest& request) {
  std::string headers;
  for (const auto& [name, value] : request.headers) headers += name + ": " + value + "\n";
  b2b_js_fetch(request_id, request.method.c_str(), request.path.c_str(), headers.c_str(), request.body.c_str());
}

void WebEffectRunner::continue_exchange(int request_id) {
  const auto found = in_flight_.find(request_id);
  if (found == in_flight_.end()) return;
  if (const auto call = found->second.exchange->next_call()) {
    fetch(request_id, *call);
    return;
  }
  const InFlight request = found->second;
  in_flight_.erase(found);
  if (store_) store_->dispatch(HttpResponded{request.purpose, request.tag, request.exchange->answer()});
}

void WebEffectRunner::on_http_response(int request_id, int status, const char* body, const char* headers) {
  const auto found = in_flight_.find(request_id);
  if (found == in_flight_.end() || !store_) return;
  HttpResponse response;
  response.status = status;
  response.body = body ? body : "";
  response.headers = parse_header_lines(headers);
  if (found->second.exchange) {
    found->second.exchange->take(response);
    continue_exchange(request_id);
    return;
  }
  const InFlight request = found->second;
  in_flight_.erase(found);
  store_->dispatch(HttpResponded{request.purpose, request.tag, std::move(response)});
}

}  // namespace b2b::client

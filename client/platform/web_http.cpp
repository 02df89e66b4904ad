// The fetch bridge: EM_JS starts a request, an exported function delivers the response. Records for
// the device's storage go to web/storage.js.
#include "web_http.hpp"

#include <emscripten.h>

#include <string>

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
        const deliver = function(status, responseText) {
          const size = lengthBytesUTF8(responseText) + 1;
          const ptr = _malloc(size);
          stringToUTF8(responseText, ptr, size);
          _b2b_on_http_response(request_id, status, ptr);
          _free(ptr);
        };
        fetch(base + UTF8ToString(path), init)
            .then(function(response) { return response.text().then(function(t) { deliver(response.status, t); }); })
            .catch(function(error) { deliver(0, String(error)); });
      });
// clang-format on

namespace b2b::client {

void WebEffectRunner::run(const Effect& effect) {
  if (const auto* record = std::get_if<StoreRecord>(&effect)) {
    put_browser_record(record->name, record->bytes);
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
    in_flight_[id] = {send->purpose, send->tag};
    std::string headers;
    for (const auto& [name, value] : send->request.headers) headers += name + ": " + value + "\n";
    b2b_js_fetch(id, send->request.method.c_str(), send->request.path.c_str(), headers.c_str(),
                 send->request.body.c_str());
  }
}

void WebEffectRunner::on_http_response(int request_id, int status, const char* body) {
  const auto found = in_flight_.find(request_id);
  if (found == in_flight_.end() || !store_) return;
  const InFlight request = found->second;
  in_flight_.erase(found);
  HttpResponse response;
  response.status = status;
  response.body = body ? body : "";
  store_->dispatch(HttpResponded{request.purpose, request.tag, std::move(response)});
}

}  // namespace b2b::client

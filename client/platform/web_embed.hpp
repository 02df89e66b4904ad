// The app's side of embedding and punchout in the browser (web/embed_client.js): messages to the portal,
// punchout forms, the start token of a punchout link, and the iframe's preferred height.
#pragma once
#include <string>

#include "b2b/backend/shop_protocol.hpp"

namespace b2b::client {

// Tells web/embed_client.js the store runs: it connects the portal (HostConnected) once allowed.
void embed_app_started();
// A PostToHost effect: posted to the portal's checked origin only.
void post_to_host(const std::string& json);
// A SubmitForm effect: the browser posts the form (leaving the app).
void submit_browser_form(const backend::PunchoutForm& form);
// The one-time token of a punchout start link (?start=...), taken once; empty if none.
std::string take_start_token();
// Posts a resize message when the preferred height changed by a whole pixel.
void report_preferred_height(float css_px);

}  // namespace b2b::client

// Reads a cXML PunchOutSetupRequest (tinyxml2): who sends it with which shared secret, who the buyer is,
// and where the cart goes back. Strict: a missing or empty element is an error that names it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "b2b/punchout.hpp"
#include "b2b/result.hpp"

namespace b2b::mock {

struct CxmlSetupRequest {
  std::string payload_id;
  punchout::Credential sender;  // Header/Sender/Credential
  std::string shared_secret;    // Header/Sender/Credential/SharedSecret
  std::vector<punchout::Credential> from;
  std::vector<punchout::Credential> to;
  std::string operation;  // create, edit or inspect
  std::string buyer_cookie;
  std::string browser_form_post_url;  // an absolute http(s) URL
};

// ErrorKind::Validation for anything wrong, with field = the element's path ("cXML/Request/
// PunchOutSetupRequest/BuyerCookie") and a message naming it; the shared secret is not checked here.
Result<CxmlSetupRequest> parse_cxml_setup_request(std::string_view xml);

}  // namespace b2b::mock

// The cXML setup request parser on tinyxml2, which expands no external entities (a DOCTYPE is kept as
// an unknown node and never fetched), so a request cannot make the server read files or URLs.
#include "cxml_setup.hpp"

#include <tinyxml2.h>

#include "b2b/http.hpp"

namespace b2b::mock {
namespace {

constexpr const char* kRequest = "cXML/Request/PunchOutSetupRequest";

Error invalid(const std::string& path, const std::string& message) {
  return Error{ErrorKind::Validation, path, message};
}

Error missing(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return invalid(path, "missing element " + path.substr(slash + 1) + " (" + path + ")");
}

std::string trimmed(const char* text) {
  if (!text) return "";
  std::string out = text;
  out.erase(0, out.find_first_not_of(" \t\r\n"));
  out.erase(out.find_last_not_of(" \t\r\n") + 1);
  return out;
}

// The element's text, trimmed; an element with child elements instead of text has none.
std::string text_of(const tinyxml2::XMLElement* element) { return trimmed(element ? element->GetText() : nullptr); }

// Every Credential of a Header party (From, To): at least one, each with a domain and an Identity.
Result<std::vector<punchout::Credential>> credentials(const tinyxml2::XMLElement* header, const char* party) {
  const std::string path = std::string("cXML/Header/") + party;
  const tinyxml2::XMLElement* element = header->FirstChildElement(party);
  if (!element) return missing(path);
  std::vector<punchout::Credential> found;
  for (const auto* credential = element->FirstChildElement("Credential"); credential;
       credential = credential->NextSiblingElement("Credential")) {
    punchout::Credential entry{trimmed(credential->Attribute("domain")),
                               text_of(credential->FirstChildElement("Identity"))};
    if (entry.domain.empty()) return invalid(path + "/Credential", "a Credential of " + path + " has no domain");
    if (entry.identity.empty()) return missing(path + "/Credential/Identity");
    found.push_back(std::move(entry));
  }
  if (found.empty()) return missing(path + "/Credential");
  return found;
}

}  // namespace

Result<CxmlSetupRequest> parse_cxml_setup_request(std::string_view xml) {
  tinyxml2::XMLDocument document;
  if (document.Parse(xml.data(), xml.size()) != tinyxml2::XML_SUCCESS) {
    return invalid("cXML", std::string("malformed XML: ") + document.ErrorStr());
  }
  const tinyxml2::XMLElement* root = document.RootElement();
  if (!root || std::string(root->Name()) != "cXML") {
    return invalid("cXML",
                   std::string("not a cXML document (the root element is ") + (root ? root->Name() : "missing") + ")");
  }
  CxmlSetupRequest request;
  request.payload_id = trimmed(root->Attribute("payloadID"));

  const tinyxml2::XMLElement* header = root->FirstChildElement("Header");
  if (!header) return missing("cXML/Header");
  auto from = credentials(header, "From");
  if (!from) return from.error();
  request.from = std::move(from.value());
  auto to = credentials(header, "To");
  if (!to) return to.error();
  request.to = std::move(to.value());
  const tinyxml2::XMLElement* sender = header->FirstChildElement("Sender");
  if (!sender) return missing("cXML/Header/Sender");
  const tinyxml2::XMLElement* sender_credential = sender->FirstChildElement("Credential");
  if (!sender_credential) return missing("cXML/Header/Sender/Credential");
  request.sender = {trimmed(sender_credential->Attribute("domain")),
                    text_of(sender_credential->FirstChildElement("Identity"))};
  if (request.sender.identity.empty()) return missing("cXML/Header/Sender/Credential/Identity");
  const tinyxml2::XMLElement* secret = sender_credential->FirstChildElement("SharedSecret");
  if (!secret) return missing("cXML/Header/Sender/Credential/SharedSecret");
  request.shared_secret = text_of(secret);

  const tinyxml2::XMLElement* wrapper = root->FirstChildElement("Request");
  if (!wrapper) return missing("cXML/Request");
  const tinyxml2::XMLElement* setup = wrapper->FirstChildElement("PunchOutSetupRequest");
  if (!setup) return missing(kRequest);
  request.operation = trimmed(setup->Attribute("operation"));
  if (request.operation != "create" && request.operation != "edit" && request.operation != "inspect") {
    return invalid(
        std::string(kRequest) + "@operation",
        "PunchOutSetupRequest's operation must be create, edit or inspect, not \"" + request.operation + "\"");
  }
  const std::string cookie_path = std::string(kRequest) + "/BuyerCookie";
  const tinyxml2::XMLElement* cookie = setup->FirstChildElement("BuyerCookie");
  if (!cookie) return missing(cookie_path);
  request.buyer_cookie = text_of(cookie);
  if (request.buyer_cookie.empty())
    return invalid(cookie_path, "the element BuyerCookie (" + cookie_path + ") is empty");
  const std::string url_path = std::string(kRequest) + "/BrowserFormPost/URL";
  const tinyxml2::XMLElement* form_post = setup->FirstChildElement("BrowserFormPost");
  if (!form_post) return missing(std::string(kRequest) + "/BrowserFormPost");
  const tinyxml2::XMLElement* url = form_post->FirstChildElement("URL");
  if (!url) return missing(url_path);
  request.browser_form_post_url = text_of(url);
  if (!is_absolute_http_url(request.browser_form_post_url)) {
    return invalid(url_path, "BrowserFormPost/URL must be an absolute http(s) URL");
  }
  return request;
}

}  // namespace b2b::mock

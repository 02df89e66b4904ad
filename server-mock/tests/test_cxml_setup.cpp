// The cXML PunchOutSetupRequest parser: a request as Ariba sends it, and each way one can be malformed
// or incomplete, every one named by the element that is wrong.
#include <doctest/doctest.h>

#include <string>

#include "cxml_setup.hpp"

using namespace b2b;
using namespace b2b::mock;

namespace {

// A setup request in the shape procurement networks send; parts can be swapped for the subcases.
struct Request {
  std::string from = R"(<From><Credential domain="NetworkID"><Identity>AN01000000001</Identity></Credential>)"
                     R"(<Credential domain="DUNS"><Identity>123456789</Identity></Credential></From>)";
  std::string to = R"(<To><Credential domain="NetworkID"><Identity>hurtownia-techniczna</Identity></Credential></To>)";
  std::string sender = R"(<Sender><Credential domain="NetworkID"><Identity>budmax-ariba</Identity>)"
                       R"(<SharedSecret>punchout-cxml-1</SharedSecret></Credential>)"
                       R"(<UserAgent>Ariba Network 1.0</UserAgent></Sender>)";
  std::string operation = "create";
  std::string cookie = "<BuyerCookie>34234234ADFSDF234234</BuyerCookie>";
  std::string form_post =
      "<BrowserFormPost><URL>https://s1.ariba.com/punchout/return?id=7&amp;x=1</URL></BrowserFormPost>";

  std::string text() const {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">
<cXML payloadID="1767225600.123@ariba.com" timestamp="2026-01-01T00:00:00+00:00" xml:lang="en-US">
  <Header>)" +
           from + to + sender + R"(</Header>
  <Request deploymentMode="production">
    <PunchOutSetupRequest operation=")" +
           operation + R"(">)" + cookie + R"(
      <Extrinsic name="UserEmail">kupiec1@budmax.pl</Extrinsic>
      )" + form_post +
           R"(
      <Contact role="endUser"><Name xml:lang="pl">Łukasz Wróbel</Name></Contact>
    </PunchOutSetupRequest>
  </Request>
</cXML>
)";
  }
};

void check_refused(const Request& request, const std::string& field, const std::string& words) {
  const auto parsed = parse_cxml_setup_request(request.text());
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().kind == ErrorKind::Validation);
  CHECK(parsed.error().field == field);
  CHECK_MESSAGE(parsed.error().message.find(words) != std::string::npos, parsed.error().message);
}

}  // namespace

TEST_CASE("a PunchOutSetupRequest as a procurement network sends it is read whole") {
  const auto parsed = parse_cxml_setup_request(Request{}.text());
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
  const CxmlSetupRequest& request = parsed.value();
  CHECK(request.payload_id == "1767225600.123@ariba.com");
  CHECK(request.sender.domain == "NetworkID");
  CHECK(request.sender.identity == "budmax-ariba");
  CHECK(request.shared_secret == "punchout-cxml-1");
  REQUIRE(request.from.size() == 2);
  CHECK(request.from[0].domain == "NetworkID");
  CHECK(request.from[0].identity == "AN01000000001");
  CHECK(request.from[1].domain == "DUNS");
  CHECK(request.from[1].identity == "123456789");
  REQUIRE(request.to.size() == 1);
  CHECK(request.to[0].identity == "hurtownia-techniczna");
  CHECK(request.operation == "create");
  CHECK(request.buyer_cookie == "34234234ADFSDF234234");
  CHECK(request.browser_form_post_url == "https://s1.ariba.com/punchout/return?id=7&x=1");  // entities decoded

  SUBCASE("edit and inspect are operations too") {
    for (const char* operation : {"edit", "inspect"}) {
      Request other;
      other.operation = operation;
      const auto read = parse_cxml_setup_request(other.text());
      REQUIRE(read.ok());
      CHECK(read.value().operation == operation);
    }
  }
  SUBCASE("a wrong secret is read as it is: checking it is the server's job") {
    Request other;
    other.sender = R"(<Sender><Credential domain="NetworkID"><Identity>budmax-ariba</Identity>)"
                   R"(<SharedSecret>zgadnij</SharedSecret></Credential></Sender>)";
    const auto read = parse_cxml_setup_request(other.text());
    REQUIRE(read.ok());
    CHECK(read.value().shared_secret == "zgadnij");
  }
}

TEST_CASE("a malformed document is refused with the XML parser's reason") {
  SUBCASE("unclosed element") {
    const auto parsed = parse_cxml_setup_request("<cXML><Header></cXML>");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().field == "cXML");
    CHECK(parsed.error().message.rfind("malformed XML: ", 0) == 0);
  }
  SUBCASE("not XML at all, and empty") {
    CHECK(parse_cxml_setup_request("USERNAME=budmax-sap").error().message.rfind("malformed XML", 0) == 0);
    CHECK(parse_cxml_setup_request("").error().message.rfind("malformed XML", 0) == 0);
  }
  SUBCASE("another root element") {
    const auto parsed = parse_cxml_setup_request("<?xml version=\"1.0\"?><order/>");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == "not a cXML document (the root element is order)");
  }
  SUBCASE("an external entity is not expanded") {
    Request request;
    request.cookie = "<BuyerCookie>&xxe;</BuyerCookie>";
    const std::string text = "<?xml version=\"1.0\"?><!DOCTYPE cXML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
                             request.text().substr(request.text().find("<cXML "));
    const auto parsed = parse_cxml_setup_request(text);
    if (parsed.ok()) CHECK(parsed.value().buyer_cookie.find("root:") == std::string::npos);
  }
}

TEST_CASE("a setup request without what the punchout needs names the missing element") {
  Request request;
  SUBCASE("no BrowserFormPost") {
    request.form_post = "";
    check_refused(request, "cXML/Request/PunchOutSetupRequest/BrowserFormPost", "missing element BrowserFormPost");
  }
  SUBCASE("BrowserFormPost without a URL") {
    request.form_post = "<BrowserFormPost/>";
    check_refused(request, "cXML/Request/PunchOutSetupRequest/BrowserFormPost/URL", "missing element URL");
  }
  SUBCASE("a URL that is not absolute http(s)") {
    request.form_post = "<BrowserFormPost><URL>javascript:alert(1)</URL></BrowserFormPost>";
    check_refused(request, "cXML/Request/PunchOutSetupRequest/BrowserFormPost/URL", "absolute http(s) URL");
  }
  SUBCASE("no BuyerCookie, or an empty one") {
    request.cookie = "";
    check_refused(request, "cXML/Request/PunchOutSetupRequest/BuyerCookie", "missing element BuyerCookie");
    request.cookie = "<BuyerCookie> </BuyerCookie>";
    check_refused(request, "cXML/Request/PunchOutSetupRequest/BuyerCookie", "is empty");
  }
  SUBCASE("an unknown operation") {
    request.operation = "delete";
    check_refused(request, "cXML/Request/PunchOutSetupRequest@operation", "create, edit or inspect");
  }
  SUBCASE("no SharedSecret") {
    request.sender =
        R"(<Sender><Credential domain="NetworkID"><Identity>budmax-ariba</Identity></Credential></Sender>)";
    check_refused(request, "cXML/Header/Sender/Credential/SharedSecret", "missing element SharedSecret");
  }
  SUBCASE("From without a credential") {
    request.from = "<From/>";
    check_refused(request, "cXML/Header/From/Credential", "missing element Credential");
  }
  SUBCASE("To missing") {
    request.to = "";
    check_refused(request, "cXML/Header/To", "missing element To");
  }
}

// Health endpoint request building and response parsing (sans-IO).
#include "b2b/protocol/health.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace b2b::protocol {

HttpRequest build_health_request() {
  HttpRequest request;
  request.method = "GET";
  request.path = "/api/v1/health";
  request.headers.emplace_back("Accept", "application/json");
  return request;
}

Result<HealthInfo> parse_health_response(const HttpResponse& response) {
  if (response.status == 0) return Error{ErrorKind::Network, "", "no response from the server"};
  if (response.status >= 500) {
    return Error{ErrorKind::Server, "", "server error (HTTP " + std::to_string(response.status) + ")"};
  }
  if (response.status != 200) {
    return Error{ErrorKind::Server, "", "unexpected HTTP status " + std::to_string(response.status)};
  }
  rapidjson::Document doc;
  doc.Parse(response.body.c_str(), response.body.size());
  if (doc.HasParseError()) return Error{ErrorKind::Decode, "", "response is not valid JSON"};
  if (!doc.IsObject()) return Error{ErrorKind::Decode, "", "expected an object"};

  HealthInfo info;
  const auto server = doc.FindMember("server");
  if (server == doc.MemberEnd()) return Error{ErrorKind::Decode, "server", "missing"};
  if (!server->value.IsString()) return Error{ErrorKind::Decode, "server", "expected string"};
  info.server.assign(server->value.GetString(), server->value.GetStringLength());

  const auto version = doc.FindMember("protocol_version");
  if (version == doc.MemberEnd()) return Error{ErrorKind::Decode, "protocol_version", "missing"};
  if (!version->value.IsInt()) return Error{ErrorKind::Decode, "protocol_version", "expected integer"};
  info.protocol_version = version->value.GetInt();
  if (info.protocol_version != kProtocolVersion) {
    return Error{ErrorKind::Decode, "protocol_version",
                 "server speaks protocol " + std::to_string(info.protocol_version) + ", this client speaks " +
                     std::to_string(kProtocolVersion)};
  }
  return info;
}

std::string encode_health(const HealthInfo& info) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("server");
  writer.String(info.server.c_str(), static_cast<rapidjson::SizeType>(info.server.size()));
  writer.Key("protocol_version");
  writer.Int(info.protocol_version);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace b2b::protocol

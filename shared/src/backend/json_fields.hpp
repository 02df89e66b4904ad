// Field readers for the JSON that foreign shops answer (Vendure, Medusa): each names the path of what is
// missing or of the wrong type, so a shop that changed its answer gets an error saying where.
#pragma once
#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>

#include "b2b/domain.hpp"
#include "b2b/result.hpp"

namespace b2b::backend::json {

using Value = rapidjson::Value;

Error decode_error(std::string field, std::string message);
// The member's text, or nullptr when it is absent or not a string.
const char* member_string(const Value& object, const char* name);
Result<std::string> read_string(const Value& object, const char* name, const std::string& path);
Result<std::int64_t> read_int(const Value& object, const char* name, const std::string& path);
Result<const Value*> read_array(const Value& object, const char* name, const std::string& path);
Result<const Value*> read_object(const Value& object, const char* name, const std::string& path);
Result<VatRate> vat_for_percent(std::int64_t percent, const std::string& field);
// "2026-11-28T15:04:05.123Z" as Unix seconds; nullopt when it is not such a UTC instant.
std::optional<std::int64_t> unix_of_instant(const std::string& text);
// Catalog cursors that are the offset of the next page, as decimal text; empty is the first page.
std::optional<std::int64_t> offset_of(const std::string& cursor);
std::string fold_case(std::string text);

}  // namespace b2b::backend::json

// Result<T>: a value or an Error that names what went wrong; the library never throws past its API.
#pragma once
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace b2b {

enum class ErrorKind { Network, Auth, Forbidden, Validation, Conflict, Server, Decode, Overflow, NotFound };

// One field's problem in a validation error from a backend.
struct FieldError {
  std::string field;    // e.g. "checkout.po_number"
  std::string code;     // machine-readable, e.g. "required", for the UI to translate
  std::string message;  // the backend's own words
};

struct Error {
  ErrorKind kind;
  std::string field;                    // path of the offending field, e.g. "cart.lines[3].quantity"; empty if none
  std::string message;                  // what is wrong, for people
  std::vector<FieldError> fields = {};  // every field problem, for ErrorKind::Validation
};

template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}
  Result(Error error) : data_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<T>(data_); }
  T& value() { return std::get<T>(data_); }
  const Error& error() const { return std::get<Error>(data_); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace b2b

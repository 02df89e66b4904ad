// Result<T>: a value or an Error that names what went wrong; the library never throws past its API.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace b2b {

enum class ErrorKind { Network, Auth, Forbidden, Validation, Conflict, Server, Decode, Overflow };

struct Error {
  ErrorKind kind;
  std::string field;    // path of the offending field, e.g. "cart.lines[3].quantity"; empty if none
  std::string message;  // what is wrong, for people
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

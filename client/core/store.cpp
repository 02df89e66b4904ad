// The pure update function and the store that drains actions and runs effects.
#include "store.hpp"

#include "b2b/protocol/health.hpp"

namespace b2b::client {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

Transition check_server(AppState state) {
  state.server.connection = Connection::Checking;
  state.server.problem = {};
  return {std::move(state), {SendHttp{HttpPurpose::Health, protocol::build_health_request()}}};
}

}  // namespace

Action response_action(HttpPurpose purpose, HttpResponse response) {
  switch (purpose) {
    case HttpPurpose::Health:
      return HealthResponseReceived{std::move(response)};
  }
  return HealthResponseReceived{std::move(response)};
}

Transition update(AppState state, const Action& action) {
  return std::visit(
      Overloaded{
          [&](const AppStarted&) { return check_server(std::move(state)); },
          [&](const CheckServer&) {
            if (state.server.connection == Connection::Checking) return Transition{std::move(state), {}};
            return check_server(std::move(state));
          },
          [&](const SetLocale& set) {
            state.locale = set.locale;
            return Transition{std::move(state), {}};
          },
          [&](const HealthResponseReceived& received) {
            auto health = protocol::parse_health_response(received.response);
            if (health) {
              state.server = {Connection::Online, health.value().server, health.value().protocol_version, {}};
            } else {
              state.server = {Connection::Offline, "", 0, health.error()};
            }
            return Transition{std::move(state), {}};
          },
      },
      action);
}

void Store::process() {
  // Effects may dispatch synchronously (e.g. a failing transport); the loop drains those too.
  while (!queue_.empty()) {
    Action action = std::move(queue_.front());
    queue_.pop_front();
    Transition next = update(std::move(state_), action);
    state_ = std::move(next.state);
    for (const Effect& effect : next.effects) runner_.run(effect);
  }
}

}  // namespace b2b::client

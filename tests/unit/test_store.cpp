// The store: the pure update function for each action, and the store running effects.
#include <doctest/doctest.h>

#include "b2b/protocol/health.hpp"
#include "core/store.hpp"

using namespace b2b;
using namespace b2b::client;

namespace {

// Records effects; a test answers them by dispatching what a transport would.
struct RecordingRunner : EffectRunner {
  std::vector<Effect> effects;
  void run(const Effect& effect) override { effects.push_back(effect); }
};

HttpResponse healthy() { return {200, {}, protocol::encode_health({"server-mock 0.1.0", protocol::kProtocolVersion})}; }

}  // namespace

TEST_CASE("AppStarted checks the server") {
  const Transition next = update(AppState{}, AppStarted{});
  CHECK(next.state.server.connection == Connection::Checking);
  REQUIRE(next.effects.size() == 1);
  const auto& send = std::get<SendHttp>(next.effects[0]);
  CHECK(send.purpose == HttpPurpose::Health);
  CHECK(send.request.path == "/api/v1/health");
}

TEST_CASE("SetLocale switches the language and nothing else") {
  AppState state;
  state.server.connection = Connection::Online;
  const Transition next = update(state, SetLocale{Locale::en});
  CHECK(next.state.locale == Locale::en);
  CHECK(next.state.server.connection == Connection::Online);
  CHECK(next.effects.empty());
}

TEST_CASE("CheckServer") {
  SUBCASE("sends a health request when idle") {
    AppState state;
    state.server = {Connection::Offline, "", 0, Error{ErrorKind::Network, "", "old problem"}};
    const Transition next = update(state, CheckServer{});
    CHECK(next.state.server.connection == Connection::Checking);
    CHECK(next.state.server.problem.message.empty());
    CHECK(next.effects.size() == 1);
  }
  SUBCASE("does not send a second request while one is under way") {
    AppState state;
    state.server.connection = Connection::Checking;
    CHECK(update(state, CheckServer{}).effects.empty());
  }
}

TEST_CASE("HealthResponseReceived") {
  AppState checking;
  checking.server.connection = Connection::Checking;
  SUBCASE("a healthy answer means online, with the server's name") {
    const Transition next = update(checking, HealthResponseReceived{healthy()});
    CHECK(next.state.server.connection == Connection::Online);
    CHECK(next.state.server.server == "server-mock 0.1.0");
    CHECK(next.state.server.protocol_version == protocol::kProtocolVersion);
  }
  SUBCASE("no response means offline, saying why") {
    const Transition next = update(checking, HealthResponseReceived{{0, {}, "TypeError: Failed to fetch"}});
    CHECK(next.state.server.connection == Connection::Offline);
    CHECK(next.state.server.problem.kind == ErrorKind::Network);
  }
  SUBCASE("a malformed answer names the field") {
    const Transition next = update(checking, HealthResponseReceived{{200, {}, R"({"server":1})"}});
    CHECK(next.state.server.connection == Connection::Offline);
    CHECK(next.state.server.problem.kind == ErrorKind::Decode);
    CHECK(next.state.server.problem.field == "server");
    CHECK(next.state.server.problem.message == "expected string");
  }
}

TEST_CASE("Store applies queued actions in process() and hands effects to the runner") {
  RecordingRunner runner;
  Store store(runner);
  store.dispatch(AppStarted{});
  CHECK(store.state().server.connection == Connection::Unknown);  // nothing happens until process()
  store.process();
  CHECK(store.state().server.connection == Connection::Checking);
  REQUIRE(runner.effects.size() == 1);

  const auto& send = std::get<SendHttp>(runner.effects[0]);
  store.dispatch(response_action(send.purpose, healthy()));
  store.dispatch(SetLocale{Locale::en});
  store.process();
  CHECK(store.state().server.connection == Connection::Online);
  CHECK(store.state().locale == Locale::en);
}

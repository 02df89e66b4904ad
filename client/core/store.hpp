// The application store: plain state, actions as types, a pure update function that returns
// the next state and the effects (HTTP, storage) to run as data. Views draw from const state.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "b2b/http.hpp"
#include "b2b/locale.hpp"
#include "b2b/result.hpp"

namespace b2b::client {

// --- State -----------------------------------------------------------------------------------
enum class Connection { Unknown, Checking, Online, Offline };

struct ServerStatus {
  Connection connection = Connection::Unknown;
  std::string server;  // who answered, when online
  int protocol_version = 0;
  Error problem{};  // why not online, when offline
};

struct AppState {
  Locale locale = Locale::pl;
  ServerStatus server;
};

// --- Actions ---------------------------------------------------------------------------------
struct AppStarted {};
struct SetLocale {
  Locale locale;
};
struct CheckServer {};
struct HealthResponseReceived {
  HttpResponse response;
};
using Action = std::variant<AppStarted, SetLocale, CheckServer, HealthResponseReceived>;

// --- Effects ---------------------------------------------------------------------------------
// What an HTTP response is for, so the effects runner knows which action carries it back.
enum class HttpPurpose { Health };

struct SendHttp {
  HttpPurpose purpose;
  HttpRequest request;
};
using Effect = std::variant<SendHttp>;

// The action that delivers an HTTP response for the given purpose back to the store.
Action response_action(HttpPurpose purpose, HttpResponse response);

struct Transition {
  AppState state;
  std::vector<Effect> effects;
};

// Pure: no I/O, no clocks, no globals.
Transition update(AppState state, const Action& action);

// --- Store -----------------------------------------------------------------------------------
// Runs effects; it may dispatch actions back (now or later) with the function it is given.
class EffectRunner {
 public:
  virtual ~EffectRunner() = default;
  virtual void run(const Effect& effect) = 0;
};

class Store {
 public:
  explicit Store(EffectRunner& runner, AppState initial = {}) : runner_(runner), state_(std::move(initial)) {}

  const AppState& state() const { return state_; }

  // Queues the action; it takes effect in process(), so a frame draws one consistent state.
  void dispatch(Action action) { queue_.push_back(std::move(action)); }

  // Applies queued actions (and any they cause) and hands their effects to the runner.
  void process();

 private:
  EffectRunner& runner_;
  AppState state_;
  std::deque<Action> queue_;
};

}  // namespace b2b::client

// What the browser knows that the pure store must be given: today's date and this device's id.
#pragma once
#include "core/store.hpp"

namespace b2b::client {

// A fresh state with today's local date and a device id kept in localStorage (random per
// browser profile; idempotency keys start with it, so two devices never share a key).
AppState initial_state();

}  // namespace b2b::client

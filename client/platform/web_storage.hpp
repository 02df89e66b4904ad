// The device's storage in the browser (web/storage.js, IndexedDB): the records loaded before main(),
// written through on every change, and the ones this build cannot read kept aside, never dropped.
#pragma once
#include <optional>
#include <string>

#include "core/store.hpp"

namespace b2b::client {

// The state restored from the stored records over `fresh` (today, device id); a record that cannot be
// read is kept aside under another name and reported in state.storage.
AppState restore_from_browser_storage(AppState fresh);

// Writes a record (StoreRecord effects) as durably as it asks. A no-op when storage is unavailable.
void put_browser_record(const StoreRecord& record);

// Tells the store when the browser's online/offline events fire (hints only: requests decide).
void watch_network_events();

}  // namespace b2b::client

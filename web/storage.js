// The client's storage in the browser (window.B2BStorage): an IndexedDB bridge that loads the stored
// records before the app starts (a first visit need not wait), writes them through in call order, and lets
// one tab write at a time.
(function () {
  "use strict";

  const DB_NAME = "b2b-client";
  const STORE = "records";
  const RECORD_NAMES = ["state", "catalog"];  // what load() hands to the app as Module.b2bStored
  const LOCK_NAME = "b2b-client-writer";
  const CHANNEL_NAME = "b2b-client";
  const TAKE_OVER_FLAG = "b2b-client-take-over";  // sessionStorage: "Use here" survives its own reload
  // Some browsers never answer indexedDB.open in private or embedded contexts.
  const OPEN_TIMEOUT_MS = 10000;
  // A reload releases the previous document's lock a moment after the new one asks: no overlay for that.
  const OVERLAY_GRACE_MS = 400;
  // A tab that does not hand over (hung, frozen in the background) loses the lock anyway after this.
  const STEAL_AFTER_MS = 3000;

  // What the app starts from when nothing was read.
  const nothingStored = (available, problem) => ({ available, problem, records: { state: null, catalog: null } });
  const unavailable = (problem) => nothingStored(false, problem);

  function problemText(error) {
    if (!error) return "IndexedDB failed";
    if (error.name && error.name !== "Error") return "IndexedDB cannot be used here (" + error.name + ")";
    return error.message || String(error);
  }

  // --- The database --------------------------------------------------------------------------

  let dbPromise = null;
  let storageProblem = "";  // set once the database cannot be opened: writes are skipped quietly then

  function openDatabase() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error("IndexedDB did not answer")), OPEN_TIMEOUT_MS);
      let request;
      try {
        if (typeof indexedDB === "undefined" || !indexedDB) throw new Error("IndexedDB is not available in this browser");
        request = indexedDB.open(DB_NAME, 1);
      } catch (error) {
        fail(error);
        return;
      }
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        const db = request.result;
        if (settled) {
          db.close();
          return;
        }
        settled = true;
        clearTimeout(timer);
        // Never stand in the way of a newer version of the app upgrading the database in another tab.
        db.onversionchange = () => {
          db.close();
          dbPromise = null;
        };
        db.onclose = () => { dbPromise = null; };  // e.g. the user cleared the site's data: reopen on next use
        resolve(db);
      };
      request.onerror = () => fail(request.error);
      request.onblocked = () => fail(new Error("IndexedDB is blocked by another tab of this app"));
    });
    dbPromise.catch((error) => {
      storageProblem = problemText(error);
      dbPromise = null;
    });
    return dbPromise;
  }

  // Runs `body(store)` in one transaction; resolves with what body returned once it is committed.
  // durability "strict": on disk when this resolves, so even a power cut keeps it; "relaxed": handed to the
  // operating system, so a killed tab or browser keeps it (IndexedDB commits in order either way).
  function transaction(mode, body, durability = "default") {
    return openDatabase().then((db) => new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode, { durability });
      const result = body(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result.value);
      tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
    }));
  }

  function asBytes(value) {
    if (value instanceof Uint8Array) return value;
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return null;
  }

  function load() {
    return transaction("readonly", (store) => {
      const result = { value: {} };
      for (const name of RECORD_NAMES) {
        store.get(name).onsuccess = (event) => { result.value[name] = event.target.result; };
      }
      return result;
    }).then((raw) => {
      const records = {};
      for (const name of RECORD_NAMES) {
        const value = raw[name];
        records[name] = value === undefined ? null : asBytes(value);
        if (value !== undefined && records[name] === null) keepAside(name, "the stored value is not bytes");
      }
      return { available: true, problem: "", records };
    }, (error) => unavailable(storageProblem || problemText(error)));
  }

  // --- Writes: one queue per record name -------------------------------------------------------
  // A put that finds an earlier one of the same record still in flight waits, and a newer put
  // replaces it while it waits: typing writes the latest state, not every keystroke's (as strictly
  // as the strictest of the puts it stands for).

  const queues = new Map();  // name -> { running: number, ops: [{kind, bytes and durability | reason, resolve}] }
  let pending = 0;
  let writing = true;  // false once another tab has taken over
  let idleWaiters = [];
  // Writes start once this resolves: at once after a start from load(); after a first visit's quick start,
  // once this tab holds the writer lock and has found the database still empty (see start()).
  let writesMayStart = Promise.resolve();

  function copyOf(bytes) {
    // The caller's view usually points into the wasm heap, which changes under it (and IndexedDB
    // would clone the whole heap behind a subarray).
    const view = asBytes(bytes);
    return view ? view.slice() : null;
  }

  function perform(name, op) {
    return writesMayStart.then(() => (storageProblem ? null : write(name, op)));
  }

  function write(name, op) {
    if (op.kind === "put") {
      return transaction("readwrite", (store) => {
        store.put(op.bytes, name);
        return { value: undefined };
      }, op.durability);
    }
    return transaction("readwrite", (store) => {
      const result = { value: null };
      store.get(name).onsuccess = (event) => {
        const value = event.target.result;
        if (value === undefined) return;
        const at = new Date().toISOString();
        const base = "kept-aside:" + name + ":" + at;
        // Two records set aside within one millisecond must not overwrite each other.
        const tryKey = (n) => {
          const key = n === 1 ? base : base + "#" + n;
          store.count(key).onsuccess = (counted) => {
            if (counted.target.result) return tryKey(n + 1);
            store.put({ bytes: value, reason: String(op.reason), at }, key);
            store.delete(name);
            result.value = key;
          };
        };
        tryKey(1);
      };
      return result;
    }, "strict");
  }

  function pump(name, queue, all) {
    while (queue.ops.length && (all || queue.running === 0)) {
      const op = queue.ops.shift();
      ++queue.running;
      perform(name, op).then(op.resolve, (error) => {
        const what = op.kind === "put" ? "writing" : "setting aside";
        const why = error ? (error.name && error.name !== "Error" ? error.name + ": " : "") + error.message : "unknown error";
        console.error("B2BStorage: " + what + ' the record "' + name + '" failed: ' + why);
        op.resolve(null);
      }).then(() => {
        --queue.running;
        --pending;
        pump(name, queue, false);
        if (pending === 0) {
          const waiters = idleWaiters;
          idleWaiters = [];
          waiters.forEach((resolve) => resolve());
        }
      });
    }
  }

  function enqueue(name, op) {
    let queue = queues.get(name);
    if (!queue) queues.set(name, (queue = { running: 0, ops: [] }));
    const last = queue.ops[queue.ops.length - 1];
    if (op.kind === "put" && last && last.kind === "put") {
      last.bytes = op.bytes;
      if (op.durability === "strict") last.durability = "strict";
      return;
    }
    queue.ops.push(op);
    ++pending;
    pump(name, queue, false);
  }

  // durability: "strict" (the default) or "relaxed", see transaction().
  function put(name, bytes, durability = "strict") {
    if (durability !== "strict" && durability !== "relaxed") {
      console.error('B2BStorage: put("' + name + '") durability must be "strict" or "relaxed", got ' + String(durability) + ": written strictly");
      durability = "strict";
    }
    if (!writing || storageProblem) return;
    const copy = copyOf(bytes);
    if (!copy) {
      // Thrown into the wasm this would abort the app; the record simply is not written.
      console.error('B2BStorage: put("' + name + '") needs a Uint8Array, got ' + Object.prototype.toString.call(bytes));
      return;
    }
    enqueue(name, { kind: "put", bytes: copy, durability, resolve: () => {} });
  }

  // Resolves with the key the record was moved to, or null when there was nothing to move.
  function keepAside(name, why) {
    if (!writing || storageProblem) return Promise.resolve(null);
    return new Promise((resolve) => enqueue(name, { kind: "keep-aside", reason: why, resolve }));
  }

  function flush() {
    return pending === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
  }

  // A hidden page may be killed without another event: start every waiting write now (IndexedDB
  // commits transactions of one store in the order they were created, so the order holds).
  function writeEverythingNow() {
    queues.forEach((queue, name) => pump(name, queue, true));
  }
  addEventListener("pagehide", writeEverythingNow);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") writeEverythingNow();
  });

  // --- One writing tab -----------------------------------------------------------------------

  const overlay = document.getElementById("other-tab");
  const overlayButton = document.getElementById("other-tab-button");
  const TEXTS = {
    elsewhere: ["Aplikacja jest otwarta w innej karcie.", "The app is open in another tab."],
    moved: ["Aplikacja została otwarta w innej karcie.", "The app was opened in another tab."],
  };
  let onOverlayButton = null;

  function showOverlay(kind, action) {
    if (!overlay) return;
    overlay.dataset.state = kind;
    document.getElementById("other-tab-pl").textContent = TEXTS[kind][0];
    document.getElementById("other-tab-en").textContent = TEXTS[kind][1];
    overlayButton.disabled = false;
    onOverlayButton = action;
    overlay.hidden = false;
    overlayButton.focus();
  }
  function hideOverlay() {
    if (overlay) overlay.hidden = true;
  }
  if (overlayButton) {
    overlayButton.addEventListener("click", () => {
      if (!onOverlayButton) return;
      overlayButton.disabled = true;
      onOverlayButton();
    });
  }

  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL_NAME) : null;
  let lockState = "none";  // "waiting", "held", "releasing", "released"
  let takingOver = false;
  let releaseLock = null;
  let acquired = null;

  // Reads and clears the flag, or sets it.
  function takeOverFlag(set) {
    try {
      if (set) return sessionStorage.setItem(TAKE_OVER_FLAG, "1");
      const had = sessionStorage.getItem(TAKE_OVER_FLAG) === "1";
      sessionStorage.removeItem(TAKE_OVER_FLAG);
      return had;
    } catch (error) {
      return false;  // no sessionStorage (sandboxed frame): "Use here" then needs a second press
    }
  }

  function stopThisTab() {
    if (lockState === "released") return;
    writing = false;
    lockState = "released";
    // Nothing the app does here may be kept any more: stop it drawing, syncing and sending.
    if (window.Module && typeof Module.pauseMainLoop === "function") Module.pauseMainLoop();
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    showOverlay("moved", () => {
      takeOverFlag(true);
      location.reload();
    });
  }

  // Another tab pressed "Use here": keep what is being written, then let go.
  function handOver() {
    if (lockState !== "held") return;
    lockState = "releasing";
    writing = false;
    writeEverythingNow();
    flush().then(() => {
      const release = releaseLock;
      releaseLock = null;
      if (release) release();
      stopThisTab();
    });
  }

  function acquire() {
    if (acquired) return acquired;
    // Opening (in a new profile: creating) the database reads nothing, so it need not wait for the lock;
    // load() then finds it open. A failure is reported by load().
    openDatabase().catch(() => {});
    acquired = new Promise((resolve) => {
      if (!navigator.locks || typeof navigator.locks.request !== "function") {
        resolve();
        return;
      }
      const granted = () => {
        if (lockState === "held") return;
        lockState = "held";
        takeOverFlag(false);
        hideOverlay();
        resolve();
      };
      // Resolves with null when `ifAvailable` found the lock taken. The lock is ours until the
      // promise given back to the lock manager resolves.
      const request = (options) => {
        let mine = false;
        const hold = (lock) => {
          if (!lock) return null;
          mine = true;
          return new Promise((release) => {
            releaseLock = release;
            granted();
          });
        };
        const failed = (error) => {
          if (mine) stopThisTab();  // stolen by a tab that waited for us in vain
          else if (!error || error.name !== "AbortError") granted();  // locks refused here (opaque origin): go on alone
          return undefined;
        };
        try {
          return navigator.locks.request(LOCK_NAME, options, hold).catch(failed);
        } catch (error) {
          return Promise.resolve(failed(error));
        }
      };
      if (channel) channel.onmessage = (event) => {
        if (event.data && event.data.type === "take-over") handOver();
      };

      const waitInLine = () => {
        lockState = "waiting";
        const queued = new AbortController();
        request({ signal: queued.signal });  // also granted when the other tab simply closes
        const takeOver = () => {
          if (takingOver) return;
          takingOver = true;
          if (overlayButton) overlayButton.disabled = true;
          if (channel) channel.postMessage({ type: "take-over" });
          setTimeout(() => {
            if (lockState !== "waiting") return;
            queued.abort();
            request({ steal: true });
          }, channel ? STEAL_AFTER_MS : 0);
        };
        setTimeout(() => {
          if (lockState !== "waiting") return;
          showOverlay("elsewhere", takeOver);
          if (takingOver) overlayButton.disabled = true;
        }, OVERLAY_GRACE_MS);
        if (takeOverFlag(false)) takeOver();
      };
      request({ ifAvailable: true }).then((result) => {
        if (result === null && lockState === "none") waitInLine();
      });
    });
    return acquired;
  }

  // --- Starting ------------------------------------------------------------------------------

  // What the app starts from (it becomes Module.b2bStored). A first visit, with no database of this app
  // yet, starts at once with nothing stored instead of waiting some 100 ms for the database to be created
  // and the writer lock to be granted. Its writes wait until both are done and the database is still empty;
  // should another tab have stored records meanwhile, this one reloads to start from them.
  function start() {
    const fromTheDatabase = () => acquire().then(load);
    let listed;
    try {
      // Reading indexedDB itself throws where a browser blocks storage (a third-party frame); load() says why.
      if (!indexedDB || typeof indexedDB.databases !== "function") return fromTheDatabase();
      // index.html asked already, while the scripts downloaded; an answer taken later asks again.
      listed = window.B2B_DATABASES || indexedDB.databases();
      window.B2B_DATABASES = null;
    } catch (error) {
      return fromTheDatabase();
    }
    return listed.then((databases) => {
      if (databases.some((database) => database.name === DB_NAME)) return fromTheDatabase();
      const empty = nothingStored(true, "");
      writesMayStart = fromTheDatabase().then((found) => {
        if (!found.available) return lost(empty, found.problem);
        if (found.records.state || found.records.catalog) {
          location.reload();
          return new Promise(() => {});  // nothing of this start is written over them
        }
        return undefined;
      });
      return empty;
    }, fromTheDatabase);
  }

  // The storage failed after the app read what it starts from: it says so as if it had failed before.
  function lost(startedFrom, problem) {
    storageProblem = storageProblem || problem;
    startedFrom.available = false;
    startedFrom.problem = problem;
    // Before main() the app reads the changed object; after it, the store is told.
    if (window.b2bReady === true && window.Module && typeof Module.ccall === "function") {
      Module.ccall("b2b_storage_lost", null, ["string"], [problem]);
    }
  }

  window.B2BStorage = {
    start,
    acquire,
    load,
    put,
    keepAside,
    flush,
    pendingWrites: () => pending,
  };
})();

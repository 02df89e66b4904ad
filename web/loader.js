// Starts the client: checks WebAssembly (with its exceptions) and WebGL2, downloads the wasm with a
// progress bar, holds main() until the browser storage is loaded, registers the offline service worker,
// and explains failures.
(function () {
  "use strict";
  const progress = document.getElementById("progress");
  const loadingText = document.getElementById("loading-text");

  function showProblem(pl, en) {
    document.getElementById("loading").hidden = true;
    document.getElementById("problem-pl").textContent = pl;
    document.getElementById("problem-en").textContent = en;
    document.getElementById("problem").hidden = false;
  }

  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    showProblem("Ta przeglądarka nie obsługuje WebAssembly. Zaktualizuj ją lub użyj innej.",
                "This browser does not support WebAssembly. Update it or use another browser.");
    return;
  }
  // The app's C++ uses WebAssembly's own exceptions (Chrome 95, Firefox 100, Safari 15.2); an older browser
  // would fail to compile it with a message nobody could act on. The bytes: a module whose one function
  // is an empty `try` block.
  const tryBlockModule = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
                                         0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x07, 0x01, 0x05, 0x00, 0x06,
                                         0x40, 0x0b, 0x0b]);
  if (!WebAssembly.validate(tryBlockModule)) {
    showProblem("Ta przeglądarka jest za stara dla tej aplikacji (brak wyjątków WebAssembly). Zaktualizuj ją lub użyj innej.",
                "This browser is too old for this app (it lacks WebAssembly exceptions). Update it or use another browser.");
    return;
  }
  // A browser without WebGL 2 is told at once. One that has it but refuses a context (a blocked GPU,
  // WebGL turned off) is told by the app when it asks for its context: a trial context here would cost
  // a phone some 150 ms of a blocked page on every start.
  function reportNoWebGL2() {
    showProblem("Ta przeglądarka lub urządzenie nie obsługuje WebGL 2 (może być wyłączone w ustawieniach).",
                "This browser or device does not support WebGL 2 (it may be turned off in the settings).");
  }
  if (typeof WebGL2RenderingContext !== "function") {
    reportNoWebGL2();
    return;
  }

  // Where the shop backend is: ?api=http://host:port, else the page's own origin.
  const params = new URLSearchParams(location.search);
  // Which build of the app to run: index.html chose it by ?backend= (and preloads it).
  const build = window.B2B_BUILD || "b2b_client";
  // A punchout start link (?start=<one-time token>): taken once, and removed from the address so a
  // reload or a bookmark does not try to use it again.
  const startToken = params.get("start") || "";
  if (startToken) {
    params.delete("start");
    const rest = params.toString();
    history.replaceState(null, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
  }

  // Downloads and compiles the wasm at once, compiling while the bytes arrive where the browser can; one
  // copy of the stream only counts bytes, so the bar shows real progress.
  async function compileWithProgress(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    const total = Number(response.headers.get("Content-Length")) || 0;
    if (!response.body || !total || !WebAssembly.compileStreaming) {
      return WebAssembly.compile(await response.arrayBuffer());
    }
    const [counted, compiled] = response.body.tee();
    (async () => {
      const reader = counted.getReader();
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.length;
        progress.style.width = Math.round((100 * Math.min(received, total)) / total) + "%";
      }
    })().catch(() => {});
    return WebAssembly.compileStreaming(new Response(compiled, { headers: { "Content-Type": "application/wasm" } }));
  }

  // Only where browsers allow service workers, and never on plain http to another host, where
  // register() would just fail.
  function registerServiceWorker() {
    const loopback = location.protocol === "http:" && (location.hostname === "127.0.0.1" || location.hostname === "localhost");
    if (!("serviceWorker" in navigator) || !(location.protocol === "https:" || loopback)) return;
    const hadWorker = navigator.serviceWorker.controller !== null;
    navigator.serviceWorker.register("sw.js?build=" + build).then((registration) => {
      // register() does not look for a new version, and Chromium's own check after a navigation can
      // come a minute later. Everything this page needs is loaded, so a new shell may take over now
      // (for the next start). Offline the check fails quietly.
      if (hadWorker) registration.update().catch(() => {});
    }, (error) => {
      console.warn("The app will not start offline: the service worker failed: " + error.message);
    });
  }

  // The app and its wasm download while this tab waits for the writer lock and reads IndexedDB (a first
  // visit finds nothing to read and waits for neither); main() waits through a run dependency, so C++ finds
  // Module.b2bStored from its first line.
  const storageReady = (window.B2BStorage
    ? B2BStorage.start()
    : Promise.resolve({ available: false, problem: "storage.js did not load", records: { state: null, catalog: null } }))
    .catch((error) => ({ available: false, problem: String(error), records: { state: null, catalog: null } }))
    .then((stored) => { Module.b2bStored = stored; });

  window.Module = {
    canvas: document.getElementById("canvas"),
    b2bApiBase: params.get("api") || "",
    // Which kind of shop the API base is ("own", "vendure" or "medusa") and its key (Vendure's channel token,
    // Medusa's publishable API key).
    b2bBackend: params.get("backend") || "",
    b2bBackendKey: params.get("key") || "",
    b2bStartToken: startToken,
    instantiateWasm: function (imports, onInstance) {
      wasmModule
        .then((module) => WebAssembly.instantiate(module, imports).then((instance) => onInstance(instance, module)))
        .catch((error) => showProblem("Nie udało się pobrać aplikacji: " + error.message,
                                      "The app could not be downloaded: " + error.message));
      return {};
    },
    preRun: [function waitForStorage() {
      if (Module.b2bStored) return;
      Module.addRunDependency("b2b-storage");
      storageReady.then(() => Module.removeRunDependency("b2b-storage"));
    }],
    onRuntimeInitialized: function () {
      window.b2bReady = true;  // exported functions may be called from now on
      loadingText.textContent = "";
      progress.style.width = "100%";
      // Hide the overlay once the first frame is drawn; only then let the service worker download
      // the shell (again) for offline use, so it does not compete with this first start.
      (function waitForFirstFrame() {
        if (Module._b2b_frame_count() > 0) {
          document.getElementById("loading").hidden = true;
          registerServiceWorker();
        } else {
          requestAnimationFrame(waitForFirstFrame);
        }
      })();
    },
    b2bReportNoWebGL2: reportNoWebGL2,
    onAbort: function (what) {
      showProblem("Aplikacja zatrzymała się z błędem: " + what, "The app stopped with an error: " + what);
    },
    print: (text) => console.log(text),
    printErr: (text) => console.error(text),
  };

  if (window.B2BEmbedClient) B2BEmbedClient.start(params.get("api") || "", params.get("backend") || "");

  // The wasm downloads and compiles while the build's script downloads, not after it; the response comes
  // from index.html's preload when the browser started it there.
  const wasmModule = compileWithProgress(build + ".wasm");
  wasmModule.catch(() => {});  // reported by instantiateWasm

  const script = document.createElement("script");
  script.src = build + ".js";
  script.onerror = () => showProblem("Nie udało się pobrać aplikacji (" + build + ".js).",
                                     "The app could not be downloaded (" + build + ".js).");
  document.body.appendChild(script);
})();

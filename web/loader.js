// Starts the client: checks WebAssembly and WebGL2, downloads the wasm with a progress bar,
// and shows a clear message (Polish and English) when anything fails.
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
  if (!document.createElement("canvas").getContext("webgl2")) {
    showProblem("Ta przeglądarka lub urządzenie nie obsługuje WebGL 2 (może być wyłączone w ustawieniach).",
                "This browser or device does not support WebGL 2 (it may be turned off in the settings).");
    return;
  }

  // Where the shop backend is: ?api=http://host:port, else the page's own origin.
  const params = new URLSearchParams(location.search);

  // Downloads the wasm itself so the bar shows real progress.
  async function fetchWithProgress(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    const total = Number(response.headers.get("Content-Length")) || 0;
    if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const bytes = new Uint8Array(total);
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received + value.length > total) throw new Error(url + ": longer than Content-Length");
      bytes.set(value, received);
      received += value.length;
      progress.style.width = Math.round((100 * received) / total) + "%";
    }
    return bytes.subarray(0, received);
  }

  window.Module = {
    canvas: document.getElementById("canvas"),
    b2bApiBase: params.get("api") || "",
    instantiateWasm: function (imports, onInstance) {
      fetchWithProgress("b2b_client.wasm")
        .then((bytes) => WebAssembly.instantiate(bytes, imports))
        .then((result) => onInstance(result.instance, result.module))
        .catch((error) => showProblem("Nie udało się pobrać aplikacji: " + error.message,
                                      "The app could not be downloaded: " + error.message));
      return {};
    },
    onRuntimeInitialized: function () {
      window.b2bReady = true;  // exported functions may be called from now on
      loadingText.textContent = "";
      progress.style.width = "100%";
      // Hide the overlay once the first frame is drawn.
      (function waitForFirstFrame() {
        if (Module._b2b_frame_count() > 0) document.getElementById("loading").hidden = true;
        else requestAnimationFrame(waitForFirstFrame);
      })();
    },
    onAbort: function (what) {
      showProblem("Aplikacja zatrzymała się z błędem: " + what, "The app stopped with an error: " + what);
    },
    print: (text) => console.log(text),
    printErr: (text) => console.error(text),
  };

  const script = document.createElement("script");
  script.src = "b2b_client.js";
  script.onerror = () => showProblem("Nie udało się pobrać aplikacji (b2b_client.js).",
                                     "The app could not be downloaded (b2b_client.js).");
  document.body.appendChild(script);
})();

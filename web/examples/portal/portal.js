// The example portal's script: loads embed.js from the shop, gets a start token from the portal's own server
// (unless ?handoff=0), mounts the ordering client and shows what it reports. Tests read window.portalHandle/portalEvents.
(function () {
  "use strict";
  const params = new URLSearchParams(location.search);
  const shop = (params.get("shop") || "http://127.0.0.1:8080").replace(/\/+$/, "");
  const handoff = params.get("handoff") !== "0";
  const heightMode = params.get("height") === "content" ? "content" : "container";
  const locale = params.get("locale") === "en" ? "en" : "pl";

  const $ = (id) => document.getElementById(id);
  const touchpoints = {};
  let touchpointTotal = 0;
  window.portalEvents = [];
  document.body.classList.add("height-" + heightMode);

  function status(id, text, bad) {
    $(id).textContent = text;
    $(id).classList.toggle("bad", Boolean(bad));
  }

  function showEvent(type, data) {
    window.portalEvents.push({ type, data });
    const item = document.createElement("li");
    item.dataset.type = type;
    const time = document.createElement("time");
    time.textContent = new Date().toLocaleTimeString() + " ";
    const name = document.createElement("b");
    name.textContent = type;
    const body = document.createElement("pre");
    body.textContent = JSON.stringify(data, null, 1);
    item.append(time, name, body);
    $("event-log").prepend(item);
    // The page may stay open for a working day; the array keeps everything, the list only the recent part.
    while ($("event-log").children.length > 300) $("event-log").lastElementChild.remove();

    if (type === "touchpoint") {
      touchpointTotal += 1;
      touchpoints[data.kind] = (touchpoints[data.kind] || 0) + 1;
      $("touchpoint-count").textContent = String(touchpointTotal);
      $("touchpoint-kinds").replaceChildren(...Object.keys(touchpoints).sort().map((kind) => {
        const li = document.createElement("li");
        li.textContent = kind + ": " + touchpoints[kind];
        return li;
      }));
    }
  }

  function loadEmbedScript() {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = shop + "/embed.js";
      script.onload = () => (window.B2BOrdering ? resolve() : reject(new Error(script.src + " did not define B2BOrdering")));
      script.onerror = () => reject(new Error("cannot load " + script.src + " (is the shop running?)"));
      document.head.appendChild(script);
    });
  }

  // The portal's server holds the shop session; the browser only ever sees a one-time start token.
  async function fetchStartToken() {
    const response = await fetch("/portal-api/handoff", { cache: "no-store" });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || typeof body.start_token !== "string") {
      throw new Error(body.error || "the portal server answered HTTP " + response.status);
    }
    return body.start_token;
  }

  async function start() {
    $("handoff").checked = handoff;
    const token = handoff
      ? fetchStartToken().then((t) => {
          status("handoff-status", "Token startowy otrzymany / Start token received");
          return t;
        }, (error) => {
          status("handoff-status", "Bez logowania przez portal / No portal sign-in: " + error.message, true);
          return null;
        })
      : Promise.resolve(null);
    if (!handoff) status("handoff-status", "Klient pokaże własne logowanie / The client shows its own sign-in");

    const [startToken] = await Promise.all([token, loadEmbedScript()]);
    const options = {
      src: shop + "/",
      locale,
      height: heightMode,
      minHeight: 480,
      maxHeight: 4000,
      onEvent: showEvent,
    };
    if (startToken) options.auth = { start_token: startToken };
    window.portalHandle = B2BOrdering.mount($("ordering"), options);
    window.portalHandle.ready.then((data) => {
      if (data.embedded_storage !== "available") {
        status("control-status", "Pamięć przeglądarki w ramce: " + data.embedded_storage +
               " / Browser storage in the frame: " + data.embedded_storage);
      }
    }, () => {});
  }

  // Each demo button reports a refused argument where the partner can see it.
  function control(action) {
    return (event) => {
      if (event) event.preventDefault();
      try {
        if (!window.portalHandle) throw new Error("the client is not mounted yet");
        const id = action();
        status("control-status", "Wysłano / Sent (" + id + ")");
      } catch (error) {
        status("control-status", error.message, true);
      }
    };
  }

  $("open-product-form").addEventListener("submit", control(() => portalHandle.openProduct($("sku").value.trim())));
  $("prefill").addEventListener("click", control(() => {
    const lines = $("prefill-lines").value.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
      const [sku, quantity] = l.split(/[\s;,]+/);
      return { sku, quantity: Number(quantity || 1) };
    });
    const name = $("prefill-name").value.trim();
    return portalHandle.prefillCart(lines, name || undefined);
  }));
  $("locale-pl").addEventListener("click", control(() => portalHandle.setLocale("pl")));
  $("locale-en").addEventListener("click", control(() => portalHandle.setLocale("en")));
  // The start token is used once, at init: switching sign-in modes means starting the client again.
  $("handoff").addEventListener("change", () => {
    params.set("handoff", $("handoff").checked ? "1" : "0");
    location.search = params.toString();
  });
  $("panel-toggle").addEventListener("click", () => {
    const open = document.body.classList.toggle("panel-open");
    $("panel-toggle").setAttribute("aria-expanded", String(open));
  });

  start().catch((error) => {
    $("mount-problem").textContent = "Nie można osadzić zamówień / Cannot embed ordering: " + error.message;
    $("mount-problem").hidden = false;
  });
})();

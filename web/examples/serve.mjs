// A dependency-free server for the example partner portal and procurement pages (web/examples/): static files, the
// portal's session handoff and the procurement system's punchout start and return, on loopback only.
// node web/examples/serve.mjs --port 8081 --host localhost --shop http://127.0.0.1:8080 [--user E-MAIL --password P]
import http from "node:http";
import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const MAX_BODY = 1024 * 1024;
const SHOP_TIMEOUT_MS = 15000;
// The buyer's punchout credentials as server-mock seeds them (docs/embedding.md, "Punchout").
const CXML = { from: "budmax-ariba", to: "hurtownia-techniczna", sender: "budmax-ariba", secret: "punchout-cxml-1" };
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
                ".json": "application/json; charset=utf-8", ".ico": "image/x-icon" };

function usage(problem) {
  process.stderr.write(`serve.mjs: ${problem}\nusage: node web/examples/serve.mjs [--port N] [--host localhost|127.0.0.1] ` +
                       `[--shop URL] [--user E-MAIL] [--password PASSWORD]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { port: 8081, host: "localhost", shop: "http://127.0.0.1:8080", user: "kupiec1@budmax.pl",
                    password: "haslo-buyer-1" };
  for (let i = 0; i < argv.length; ++i) {
    const name = argv[i].replace(/^--/, "");
    if (!argv[i].startsWith("--") || !(name in options)) usage(`unknown option ${argv[i]}`);
    if (i + 1 >= argv.length) usage(`${argv[i]} needs a value`);
    options[name] = argv[++i];
  }
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port: expected 0 to 65535, got '${options.port}'`);
  options.port = port;
  // Only loopback: the handoff route hands out sessions of a real user to whoever asks.
  if (options.host !== "localhost" && options.host !== "127.0.0.1") usage("--host must be localhost or 127.0.0.1");
  let shop;
  try {
    shop = new URL(options.shop);
  } catch {
    usage(`--shop: not a URL: '${options.shop}'`);
  }
  if (shop.protocol !== "http:" && shop.protocol !== "https:") usage("--shop must be an http(s) URL");
  options.shop = shop.href.replace(/\/+$/, "");
  return options;
}

const options = parseArgs(process.argv.slice(2));
let baseUrl = "";  // http://HOST:PORT once listening

// --- Small helpers -----------------------------------------------------------------------------------------

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store",
                          "X-Content-Type-Options": "nosniff", ...headers });
  res.end(body);
}

function sendJson(res, status, value) {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(value));
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const escapeXml = escapeHtml;

function decodeXml(text) {
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, cdata) => cdata.replace(/&/g, "&amp;").replace(/</g, "&lt;"))
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, entity) => {
      const named = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[entity.toLowerCase()];
      if (named) return named;
      const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }).trim();
}

// The text of the first <tag> in xml (tags, CDATA and entities resolved), or "" — enough for a demo's cXML.
function xmlText(xml, tag) {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  return match ? decodeXml(match[1]) : "";
}

function xmlAttribute(attributes, name) {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? decodeXml(match[2] ?? match[3]) : "";
}

// Reads the whole body; over MAX_BODY it is still read (so the client sees the answer) but kept nowhere.
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
      else if (size > 16 * MAX_BODY) req.destroy();  // not a browser form: stop listening
    });
    req.on("end", () => {
      if (size > MAX_BODY) reject(new HttpError(413, `the request body is over ${MAX_BODY} bytes`));
      else resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

async function readForm(req) {
  const type = (req.headers["content-type"] || "").split(";")[0].trim().toLowerCase();
  if (Number(req.headers["content-length"]) > MAX_BODY) {
    req.resume();
    throw new HttpError(413, `the request body is over ${MAX_BODY} bytes`);
  }
  const body = await readBody(req);
  if (type !== "application/x-www-form-urlencoded") {
    throw new HttpError(415, "expected an application/x-www-form-urlencoded form");
  }
  return [...new URLSearchParams(body)];
}

// --- Talking to the shop -------------------------------------------------------------------------------------

async function shopRequest(method, route, { headers = {}, body } = {}) {
  const url = options.shop + route;
  let response;
  try {
    response = await fetch(url, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(SHOP_TIMEOUT_MS) });
  } catch (error) {
    const cause = error.cause ? `: ${error.cause.code || error.cause.message}` : "";
    throw new HttpError(502, `cannot reach the shop at ${options.shop} (${method} ${route}): ${error.message}${cause}`);
  }
  return { response, text: await response.text() };
}

function shopJson(route, status, text) {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(502, `the shop answered ${route} with HTTP ${status} and no JSON`);
  }
}

// The shop's error envelope message (docs/protocol.md), else the status.
function shopProblem(route, status, text) {
  let message = "";
  try {
    message = JSON.parse(text).error.message;
  } catch { /* no envelope */ }
  return `the shop answered ${route} with HTTP ${status}${message ? ": " + message : ""}`;
}

// The portal's service session with the shop, shared by every handoff until the shop refuses it.
let sessionToken = null;
let loggingIn = null;

async function logIn() {
  const route = "/api/v1/auth/login";
  const { response, text } = await shopRequest("POST", route, {
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ protocol_version: 1, type: "credentials", data: { email: options.user, password: options.password } }),
  });
  if (!response.ok) throw new HttpError(502, `the portal's sign-in as ${options.user} failed: ${shopProblem(route, response.status, text)}`);
  const body = shopJson(route, response.status, text);
  const token = (body.data && body.data.token) || body.token;
  if (typeof token !== "string" || !token) throw new HttpError(502, `the shop answered ${route} without a token`);
  return token;
}

async function session() {
  if (sessionToken) return sessionToken;
  loggingIn ??= logIn().finally(() => { loggingIn = null; });
  sessionToken = await loggingIn;
  return sessionToken;
}

async function startToken(retried = false) {
  const route = "/api/v1/auth/start-tokens";
  const token = await session();
  const { response, text } = await shopRequest("POST", route, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status === 401 && !retried) {
    // The cached session expired or was logged out: sign in again once.
    if (sessionToken === token) sessionToken = null;
    return startToken(true);
  }
  if (!response.ok) throw new HttpError(502, shopProblem(route, response.status, text));
  const body = shopJson(route, response.status, text);
  const data = body.data && typeof body.data === "object" ? body.data : body;
  if (typeof data.start_token !== "string" || !data.start_token) {
    throw new HttpError(502, `the shop answered ${route} without a start_token`);
  }
  return { start_token: data.start_token, expires_at: data.expires_at };
}

// --- Punchout ---------------------------------------------------------------------------------------------

const received = { oci: null, cxml: null, cxml_form: null, buyer_cookie: null, buyer_cookie_received: null };
const buyerCookies = new Set();  // of the sessions started here, to recognise the carts coming back

function setupRequest(buyerCookie) {
  const timestamp = new Date().toISOString();
  const payloadId = `${Date.now()}.${randomUUID()}@procurement.example`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">
<cXML payloadID="${escapeXml(payloadId)}" timestamp="${escapeXml(timestamp)}" xml:lang="pl-PL">
  <Header>
    <From><Credential domain="NetworkID"><Identity>${escapeXml(CXML.from)}</Identity></Credential></From>
    <To><Credential domain="NetworkID"><Identity>${escapeXml(CXML.to)}</Identity></Credential></To>
    <Sender>
      <Credential domain="NetworkID"><Identity>${escapeXml(CXML.sender)}</Identity><SharedSecret>${escapeXml(CXML.secret)}</SharedSecret></Credential>
      <UserAgent>Zakupy demo (web/examples/serve.mjs)</UserAgent>
    </Sender>
  </Header>
  <Request deploymentMode="test">
    <PunchOutSetupRequest operation="create">
      <BuyerCookie>${escapeXml(buyerCookie)}</BuyerCookie>
      <Extrinsic name="UserEmail">${escapeXml(options.user)}</Extrinsic>
      <BrowserFormPost><URL>${escapeXml(baseUrl + "/procurement/cxml-return")}</URL></BrowserFormPost>
      <SupplierSetup><URL>${escapeXml(options.shop + "/punchout/cxml")}</URL></SupplierSetup>
    </PunchOutSetupRequest>
  </Request>
</cXML>
`;
}

async function startCxml() {
  const route = "/punchout/cxml";
  const buyerCookie = randomUUID();
  const { response, text } = await shopRequest("POST", route, {
    headers: { "Content-Type": "text/xml; charset=utf-8" }, body: setupRequest(buyerCookie),
  });
  const statusMatch = /<Status\b([^>]*?)(?:\/>|>([\s\S]*?)<\/Status>)/.exec(text);
  const code = statusMatch ? xmlAttribute(statusMatch[1], "code") : "";
  const startPage = /<StartPage\b[^>]*>([\s\S]*?)<\/StartPage>/.exec(text);
  const startUrl = startPage ? xmlText(startPage[1], "URL") : "";
  if (!response.ok || code !== "200" || !startUrl) {
    const statusText = statusMatch
      ? `cXML Status ${code} ${xmlAttribute(statusMatch[1], "text")}${statusMatch[2] ? ": " + decodeXml(statusMatch[2]) : ""}`
      : "no cXML Status";
    throw new HttpError(502, `the shop refused the PunchOutSetupRequest (HTTP ${response.status}, ${statusText.trim()})`);
  }
  let url;
  try {
    url = new URL(startUrl);
  } catch {
    throw new HttpError(502, `the shop's StartPage URL is not a URL: ${startUrl}`);
  }
  // The browser is sent there: never to a javascript: or data: URL.
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new HttpError(502, `the shop's StartPage URL is not http(s)`);
  buyerCookies.add(buyerCookie);
  received.buyer_cookie = buyerCookie;
  return { start_url: url.href };
}

// OCI fields are NEW_ITEM-<FIELD>[<line>], long texts NEW_ITEM-LONGTEXT_<line>:132[] (one value per row of text).
function ociLines(pairs) {
  const lines = new Map();
  for (const [name, value] of pairs) {
    const match = /^NEW_ITEM-(?:LONGTEXT_(\d+):132\[\]|([A-Z_]+)\[(\d+)\])$/i.exec(name);
    if (!match) continue;
    const index = Number(match[1] ?? match[3]);
    if (!lines.has(index)) lines.set(index, { LONGTEXT: "" });
    const line = lines.get(index);
    if (match[1] !== undefined) line.LONGTEXT += value;
    else line[match[2].toUpperCase()] = value;
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
}

function cxmlItems(xml) {
  const items = [];
  for (const match of xml.matchAll(/<ItemIn\b([^>]*)>([\s\S]*?)<\/ItemIn>/g)) {
    const body = match[2];
    const price = /<UnitPrice>\s*<Money\b([^>]*)>([\s\S]*?)<\/Money>/.exec(body);
    items.push({
      quantity: xmlAttribute(match[1], "quantity"),
      sku: xmlText(body, "SupplierPartID"),
      description: xmlText(body, "Description"),
      unit: xmlText(body, "UnitOfMeasure"),
      price: price ? decodeXml(price[2]) : "",
      currency: price ? xmlAttribute(price[1], "currency") : "",
    });
  }
  return items;
}

function table(headings, rows) {
  const head = headings.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell ?? "")}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function cartPage(kind, summary, itemsTable, pairs) {
  const raw = pairs.map(([name, value]) => [name, value.length > 2000 ? value.slice(0, 2000) + "…" : value]);
  return `<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Koszyk przyjęty / Cart received</title>
<style>body{font:15px/1.4 system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}
th,td{border:1px solid #c9c2b4;padding:4px 8px;text-align:left;vertical-align:top}th{background:#efe9de}
pre{white-space:pre-wrap;word-break:break-all}</style></head>
<body><h1>Koszyk przyjęty / Cart received</h1>
<p>${escapeHtml(kind)}${summary ? " · " + escapeHtml(summary) : ""}</p>
${itemsTable}
<details><summary>Pola formularza / Form fields</summary>${table(["name", "value"], raw)}</details>
<p><a href="/procurement/">Wróć / Back</a></p></body></html>`;
}

function ociReturn(pairs) {
  received.oci = pairs;
  const fields = ["VENDORMAT", "DESCRIPTION", "QUANTITY", "UNIT", "PRICE", "PRICEUNIT", "CURRENCY", "LEADTIME",
                  "MATGROUP", "EXT_PRODUCT_ID", "LONGTEXT"];
  const lines = ociLines(pairs);
  const okCode = pairs.find(([name]) => name === "~OkCode");
  return cartPage(`OCI: ${lines.length} pozycji / items`, okCode ? `~OkCode=${okCode[1]}` : "",
                  table(["#", ...fields], lines.map((line, i) => [String(i + 1), ...fields.map((f) => line[f])])), pairs);
}

function cxmlReturn(pairs) {
  const encoded = pairs.find(([name]) => name.toLowerCase() === "cxml-urlencoded");
  const base64 = pairs.find(([name]) => name.toLowerCase() === "cxml-base64");
  const xml = encoded ? encoded[1] : base64 ? Buffer.from(base64[1], "base64").toString("utf8") : null;
  if (xml === null) throw new HttpError(400, "the form has no cXML-urlencoded field");
  received.cxml_form = pairs;
  received.cxml = xml;
  const cookie = xmlText(xml, "BuyerCookie");
  received.buyer_cookie_received = cookie;
  const total = /<Total>\s*<Money\b([^>]*)>([\s\S]*?)<\/Money>/.exec(xml);
  const items = cxmlItems(xml);
  const summary = [
    total ? `Razem / Total: ${decodeXml(total[2])} ${xmlAttribute(total[1], "currency")}` : "",
    buyerCookies.has(cookie) ? "BuyerCookie OK" : `BuyerCookie ${JSON.stringify(cookie)} nie pochodzi stąd / was not issued here`,
  ].filter(Boolean).join(" · ");
  return cartPage(`cXML PunchOutOrderMessage: ${items.length} pozycji / items`, summary,
                  table(["#", "SupplierPartID", "Description", "quantity", "UnitOfMeasure", "UnitPrice", "currency"],
                        items.map((it, i) => [String(i + 1), it.sku, it.description, it.quantity, it.unit, it.price, it.currency])),
                  pairs);
}

// --- Routing ----------------------------------------------------------------------------------------------

async function serveStatic(req, res, pathname) {
  let relative;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    throw new HttpError(400, "bad URL encoding");
  }
  if (relative.includes("\0") || relative.split("/").includes("..")) throw new HttpError(404, "not found");
  let file = path.join(ROOT, relative);
  if (!file.startsWith(ROOT + path.sep)) throw new HttpError(404, "not found");
  if (relative.endsWith("/")) file = path.join(file, "index.html");
  const info = await stat(file).catch(() => null);
  if (info && info.isDirectory()) {
    res.writeHead(301, { Location: pathname + "/" });
    return res.end();
  }
  if (!info || !info.isFile() || path.basename(file) === "serve.mjs") throw new HttpError(404, `${pathname}: not found`);
  const type = TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
  const body = await readFile(file);
  res.writeHead(200, { "Content-Type": type, "Content-Length": body.length, "Cache-Control": "no-cache",
                       "X-Content-Type-Options": "nosniff" });
  res.end(req.method === "HEAD" ? undefined : body);
}

const routes = {
  "GET /portal-api/handoff": async (req, res) => sendJson(res, 200, await startToken()),
  "GET /procurement/config": async (req, res) => sendJson(res, 200, { shop: options.shop }),
  "GET /procurement/received": async (req, res) => {
    const { oci, cxml, cxml_form, buyer_cookie, buyer_cookie_received } = received;
    sendJson(res, 200, { oci, cxml, buyer_cookie, buyer_cookie_received, cxml_form });
  },
  "POST /procurement/cxml-start": async (req, res) => {
    await readBody(req);  // nothing is taken from the browser: the request is built here
    sendJson(res, 200, await startCxml());
  },
  "POST /procurement/oci-return": async (req, res) =>
    send(res, 200, "text/html; charset=utf-8", ociReturn(await readForm(req))),
  "POST /procurement/cxml-return": async (req, res) =>
    send(res, 200, "text/html; charset=utf-8", cxmlReturn(await readForm(req))),
};

async function handle(req, res) {
  const { pathname } = new URL(req.url, "http://localhost");
  const route = routes[`${req.method} ${pathname}`];
  if (route) return route(req, res);
  if (Object.keys(routes).some((key) => key.endsWith(" " + pathname))) {
    const allow = Object.keys(routes).filter((key) => key.endsWith(" " + pathname)).map((key) => key.split(" ")[0]);
    req.resume();
    res.setHeader("Allow", allow.join(", "));
    throw new HttpError(405, `${req.method} is not allowed here; use ${allow.join(" or ")}`);
  }
  if (pathname === "/favicon.ico") {  // browsers ask for it on every page; a 404 would be noise in tests' consoles
    res.writeHead(204, { "Cache-Control": "max-age=86400" });
    return res.end();
  }
  if (pathname === "/" || pathname === "/portal" || pathname === "/procurement") {
    res.writeHead(302, { Location: pathname === "/" ? "/portal/" : pathname + "/" });
    return res.end();
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    req.resume();
    throw new HttpError(405, `${req.method} is not allowed here`);
  }
  if (pathname.startsWith("/portal/") || pathname.startsWith("/procurement/")) return serveStatic(req, res, pathname);
  throw new HttpError(404, `${pathname}: not found`);
}

const servers = [];

function listener(req, res) {
  handle(req, res).catch((error) => {
    const status = error instanceof HttpError ? error.status : 500;
    if (status === 500) console.error(error);
    if (res.headersSent) return res.destroy();
    const message = error instanceof HttpError ? error.message : "internal error: " + error.message;
    // A form posted by the browser gets a page; everything else (fetch, tests) JSON naming the problem.
    if ((req.headers.accept || "").includes("text/html") && req.method === "POST") {
      send(res, status, "text/html; charset=utf-8",
           `<!doctype html><meta charset="utf-8"><title>${status}</title><h1>${status}</h1><p>${escapeHtml(message)}</p>`,
           status === 413 ? { Connection: "close" } : {});
    } else {
      sendJson(res, status, { error: message });
    }
  });
}

function listen(host, port) {
  return new Promise((resolve, reject) => {
    const server = http.createServer(listener);
    server.once("error", reject);
    server.listen(port, host, () => {
      servers.push(server);
      resolve(server.address().port);
    });
  });
}

// "localhost" is 127.0.0.1 and ::1; a browser may try either, so both answer (::1 where the machine has it).
const port = await listen(options.host === "localhost" ? "127.0.0.1" : options.host, options.port).catch((error) => {
  process.stderr.write(`serve.mjs: cannot listen on ${options.host}:${options.port}: ${error.message}\n`);
  process.exit(1);
});
if (options.host === "localhost") await listen("::1", port).catch(() => {});
baseUrl = `http://${options.host}:${port}`;
process.stdout.write(`portal listening on ${baseUrl}\n`);

// Idle keep-alive connections to the shop would keep Node running after the servers close.
function stop() {
  let open = servers.length;
  for (const server of servers) {
    server.close(() => {
      if (--open === 0) process.exit(0);
    });
    server.closeAllConnections();
  }
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

// A webhook receiver for trying Faultline's alerts by hand (docs/alerts.md): listens on 127.0.0.1:PORT, checks each
// request's X-Faultline-Signature against the secret in the file SECRET_FILE and its X-Faultline-Timestamp against
// the clock (at most 5 minutes old), prints the verdict of the check and the body, and answers 204 (401 when the
// check fails). Node's standard library only.
//   node deploy/alerts/webhook-receiver.mjs PORT SECRET_FILE
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [port, secretFile] = process.argv.slice(2);
if (!port || !secretFile) {
  console.error("usage: node deploy/alerts/webhook-receiver.mjs PORT SECRET_FILE");
  process.exit(2);
}
const secret = readFileSync(secretFile, "utf8").trim();
const MAX_AGE_SECONDS = 300;

function verified(timestamp, body, signature) {
  const age = Math.abs(Date.now() / 1000 - Number(timestamp));
  if (!Number.isFinite(age) || age > MAX_AGE_SECONDS) return false;
  const expected = "sha256=" + createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  const given = Buffer.from(signature ?? "");
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const ok = verified(request.headers["x-faultline-timestamp"], body, request.headers["x-faultline-signature"]);
    console.log(`${new Date().toISOString()} ${request.method} ${request.url} alert=${request.headers["x-faultline-alert-id"]} signature=${ok ? "valid" : "INVALID"}`);
    console.log(body);
    response.writeHead(ok ? 204 : 401).end();
  });
}).listen(Number(port), "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${port}`));

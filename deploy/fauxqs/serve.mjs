// Serves fauxqs's SNS and SQS APIs on loopback only: its own CLI (startFauxqs) always listens on every interface,
// and nothing in it checks credentials. Copied next to node_modules by deploy/fauxqs.sh, run with FAUXQS_PORT set.
import { buildApp } from "fauxqs";

const port = Number.parseInt(process.env.FAUXQS_PORT ?? "", 10);
if (!Number.isInteger(port) || port <= 0) {
  console.error("FAUXQS_PORT must be a port number");
  process.exit(2);
}
// Request logging off: one line per API call would flood the log while tests poll their queues.
const app = buildApp({ logger: false, host: "localhost", defaultRegion: "us-east-1" });
const address = await app.listen({ port, host: "127.0.0.1" });
console.log(`fauxqs listening on ${address}`);

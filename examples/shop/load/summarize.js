#!/usr/bin/env node
// node summarize.js <dir> [startEpochMs]
// Reads <dir>/responses.jsonl (shop-processor.js) and <dir>/report.json (artillery run --output) and writes
// <dir>/summary.json: totals and one entry per second (requests, errors, p99). An error is a response other
// than 2xx, or a request that got no response at all (Artillery's errors.* counters: ETIMEDOUT, ECONNRESET...).
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const lines = fs.existsSync(path.join(dir, 'responses.jsonl'))
  ? fs.readFileSync(path.join(dir, 'responses.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  : [];
const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
const counters = report.aggregate.counters || {};
const noResponse = Object.entries(counters).filter(([k]) => k.startsWith('errors.'))
  .reduce((sum, [, v]) => sum + v, 0);

const p = (values, q) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const isError = (l) => !(l.status >= 200 && l.status < 300);

const start = Number(process.argv[3]) || (lines.length ? Math.min(...lines.map((l) => l.t)) : 0);
const perSecond = new Map();
for (const l of lines) {
  const s = Math.floor((l.t - start) / 1000);
  if (!perSecond.has(s)) perSecond.set(s, []);
  perSecond.get(s).push(l);
}
const seconds = [...perSecond.keys()].sort((a, b) => a - b).map((s) => {
  const ls = perSecond.get(s);
  return {
    second: s,
    responses: ls.length,
    errors: ls.filter(isError).length,
    p99Ms: p(ls.map((l) => l.latencyMs).filter((v) => v !== null), 0.99),
  };
});
const latencies = lines.map((l) => l.latencyMs).filter((v) => v !== null);
const errorResponses = lines.filter(isError).length;
const requests = lines.length + noResponse;
const errors = errorResponses + noResponse;
const byStatus = {};
for (const l of lines) byStatus[l.status] = (byStatus[l.status] || 0) + 1;
for (const [k, v] of Object.entries(counters)) if (k.startsWith('errors.')) byStatus[k] = v;
const summary = {
  requests,
  errors,
  errorRate: requests ? errors / requests : 0,
  p50Ms: p(latencies, 0.5),
  p99Ms: p(latencies, 0.99),
  maxMs: latencies.length ? Math.max(...latencies) : null,
  byStatus,
  ordersAcknowledged: lines.filter((l) => l.request === 'place-order' && l.orderId).length,
  startEpochMs: start,
  seconds,
};
fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
process.stdout.write(JSON.stringify({ requests, errors, errorRate: summary.errorRate, p99Ms: summary.p99Ms }) + '\n');

// The plugin's lines as the observer reads them (observer/.../load/LoadResponse.java). Run: npm test (Node 20).
'use strict';
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

process.env.LOCAL_WORKER_ID = '1'; // the plugin records only in Artillery's workers
const { Plugin } = require('..');

function hooks() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-plugin-')), 'responses.csv');
  const script = { config: { plugins: { faultline: { responsesFile: file } } }, scenarios: [{ flow: [] }] };
  Plugin(script, null);
  const lines = () => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));
  return { processor: script.config.processor, lines };
}

const next = () => {};

test('an answer is recorded with its route: the URL path as written, without target and query', () => {
  const { processor, lines } = hooks();
  const context = { vars: {} };
  const request = { url: 'http://127.0.0.1:8080/items/{{ id }}?page=1', method: 'GET' };
  processor.faultlineBeforeRequest(request, context, null, next);
  const answer = { statusCode: 405, timings: { start: 1000, phases: { total: 7 } } };
  processor.faultlineAfterResponse(request, answer, context, null, next);
  assert.deepStrictEqual(lines(), [['1000', '405', '7', '', 'GET /items/{{ id }}', '']]);
});

test('a request without an answer is recorded once, with its error code and the name of the request', () => {
  const { processor, lines } = hooks();
  const context = { vars: {} };
  processor.faultlineBeforeRequest({ name: 'create, order', url: '/orders', method: 'post' }, context, null, next);
  const timeout = Object.assign(new Error('Timeout awaiting'), { code: 'ETIMEDOUT' });
  processor.faultlineOnError(timeout, {}, context, null, next);
  processor.faultlineOnError(timeout, {}, context, null, next); // Artillery may call the error hooks twice
  const recorded = lines();
  assert.strictEqual(recorded.length, 1);
  assert.strictEqual(recorded[0].length, 6);
  assert.deepStrictEqual([recorded[0][1], recorded[0][4], recorded[0][5]], ['0', 'create order', 'ETIMEDOUT']);
});

// The plugin's lines as the observer reads them (observer/.../load/LoadResponse.java). Run: npm test (Node 20).
'use strict';
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

process.env.LOCAL_WORKER_ID = '1'; // the plugin records only in Artillery's workers
const { Plugin } = require('..');

function hooks(extra = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-plugin-'));
  const file = path.join(dir, 'responses.csv');
  const settings = Object.assign({ responsesFile: file }, extra.orderIdField ? { orderIdField: extra.orderIdField } : {},
    extra.writes ? { writesFile: path.join(dir, 'writes.jsonl') } : {});
  const script = { config: { plugins: { faultline: settings } }, scenarios: [{ flow: [] }] };
  Plugin(script, null);
  const lines = () => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));
  const writes = () => {
    const writesFile = path.join(dir, 'writes.jsonl');
    return fs.existsSync(writesFile)
      ? fs.readFileSync(writesFile, 'utf8').trim().split('\n').filter((l) => l).map((l) => JSON.parse(l)) : [];
  };
  return { processor: script.config.processor, lines, writes, dir };
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

// A POST as Artillery hands it to afterResponse: templated in place, so req.json is what was sent.
function post(processor, json, answer) {
  const context = { vars: {} };
  const request = { url: 'http://127.0.0.1:8080/items', method: 'POST', json };
  processor.faultlineBeforeRequest(request, context, null, next);
  processor.faultlineAfterResponse(request, Object.assign({ timings: { start: 2000, phases: { total: 3 } } }, answer),
    context, null, next);
}

test('an acknowledged write is recorded with what was sent and what the answer said', () => {
  const { processor, lines, writes } = hooks({ orderIdField: 'id', writes: true });
  post(processor, { sku: 'a-1', qty: 2 }, { statusCode: 201, body: '{"id":7,"sku":"a-1","qty":2}' });
  assert.deepStrictEqual(lines(), [['2000', '201', '3', '7', 'POST /items', '']]);
  assert.deepStrictEqual(writes(), [{ id: '7', sent: { sku: 'a-1', qty: 2 }, acknowledged: { id: 7, sku: 'a-1', qty: 2 } }]);
});

test('a string body that is JSON counts as sent; a failed or id-less answer is no acknowledged write', () => {
  const { processor, writes } = hooks({ orderIdField: 'id', writes: true });
  const context = { vars: {} };
  const request = { url: '/items', method: 'POST', body: '{"sku":"b"}' };
  processor.faultlineBeforeRequest(request, context, null, next);
  processor.faultlineAfterResponse(request, { statusCode: 200, body: { id: 'x-1' } }, context, null, next);
  post(processor, { sku: 'c' }, { statusCode: 503, body: '{"id":"x-2"}' });
  post(processor, { sku: 'd' }, { statusCode: 201, body: '{"other":"x-3"}' });
  post(processor, { sku: 'e' }, { statusCode: 201, body: 'created' });
  assert.deepStrictEqual(writes(), [{ id: 'x-1', sent: { sku: 'b' }, acknowledged: { id: 'x-1' } }]);
});

test('without writesFile no second file is written (a load without orderIdField asks for none)', () => {
  const { processor, lines, dir } = hooks({ orderIdField: 'id' });
  post(processor, { sku: 'a' }, { statusCode: 201, body: '{"id":"1"}' });
  assert.deepStrictEqual(lines()[0][3], '1');
  assert.deepStrictEqual(fs.readdirSync(dir), ['responses.csv']);
});

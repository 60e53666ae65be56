#!/usr/bin/env node
// node verify-orders.js <acked-orders.txt> [endpoint] [table]
// Reads every acknowledged order back from the shop's DynamoDB API (BatchGetItem, consistent reads, 100 keys a
// call) and prints {"acknowledged":n,"found":n,"missing":[...],"mismatched":[...]}: missing = acknowledged but not
// stored; mismatched = stored under the key with another order id. Exit 0 only when both are empty.
// The endpoint is dynalite, which checks no signature; the Authorization header only has to be well formed.
'use strict';
const fs = require('fs');

const [ackedPath, endpoint = 'http://127.0.0.1:18110', table = 'shop-orders'] = process.argv.slice(2);
const acked = new Map();
if (fs.existsSync(ackedPath)) {
  for (const line of fs.readFileSync(ackedPath, 'utf8').split('\n').filter(Boolean)) {
    const [key, orderId] = line.split(' ');
    acked.set(key, orderId);
  }
}

async function batchGet(keys) {
  const found = new Map();
  let pending = keys.map((k) => ({ idempotencyKey: { S: k } }));
  for (let attempt = 0; pending.length > 0 && attempt < 10; attempt++) {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': 'DynamoDB_20120810.BatchGetItem',
        'X-Amz-Date': '20250101T000000Z',
        Authorization: 'AWS4-HMAC-SHA256 Credential=shop/20250101/us-east-1/dynamodb/aws4_request, '
          + 'SignedHeaders=host;x-amz-date, Signature=00',
      },
      body: JSON.stringify({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true,
        ProjectionExpression: 'idempotencyKey, orderId' } } }),
      signal: AbortSignal.timeout(10000),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`BatchGetItem: HTTP ${res.status} ${JSON.stringify(body)}`);
    for (const item of (body.Responses && body.Responses[table]) || []) {
      found.set(item.idempotencyKey.S, item.orderId.S);
    }
    pending = (body.UnprocessedKeys && body.UnprocessedKeys[table] && body.UnprocessedKeys[table].Keys) || [];
  }
  if (pending.length > 0) throw new Error(`${pending.length} keys still unprocessed after 10 attempts`);
  return found;
}

(async () => {
  const keys = [...acked.keys()];
  const stored = new Map();
  for (let i = 0; i < keys.length; i += 100) {
    for (const [k, v] of await batchGet(keys.slice(i, i + 100))) stored.set(k, v);
  }
  const missing = keys.filter((k) => !stored.has(k)).map((k) => ({ idempotencyKey: k, orderId: acked.get(k) }));
  const mismatched = keys.filter((k) => stored.has(k) && stored.get(k) !== acked.get(k))
    .map((k) => ({ idempotencyKey: k, acknowledged: acked.get(k), stored: stored.get(k) }));
  process.stdout.write(JSON.stringify({ acknowledged: keys.length, found: keys.length - missing.length,
    missing, mismatched }) + '\n');
  process.exit(missing.length === 0 && mismatched.length === 0 ? 0 : 1);
})().catch((e) => {
  process.stderr.write(`verify-orders: ${e.message}\n`);
  process.exit(2);
});

// Artillery hooks for shop-load.yml. Writes, under $SHOP_LOAD_DIR:
//   responses.jsonl  one JSON line per response: t (epoch ms), request, status, latencyMs, ids, servedBy
//   acked-orders.txt one line per acknowledged order (201 or 200): "<idempotencyKey> <orderId>"
// Lines are short single appends, so the writes of Artillery's worker threads do not interleave.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const dir = process.env.SHOP_LOAD_DIR || '.';
const responsesFile = path.join(dir, 'responses.jsonl');
const ackedFile = path.join(dir, 'acked-orders.txt');

function pickIds(context, events, done) {
  context.vars.userId = `u-${1 + crypto.randomInt(50)}`;
  context.vars.productId = `p-${1 + crypto.randomInt(20)}`;
  context.vars.quantity = 1 + crypto.randomInt(3);
  context.vars.idempotencyKey = crypto.randomUUID();
  return done();
}

function recordResponse(req, res, context, events, done) {
  const phases = res.timings && res.timings.phases;
  const line = {
    t: Date.now(),
    request: req.name,
    status: res.statusCode,
    latencyMs: phases && phases.total !== undefined ? Math.round(phases.total) : null,
    userId: context.vars.userId,
    productId: context.vars.productId,
    servedBy: res.headers['x-served-by'] || null,
  };
  if (req.name === 'place-order') {
    line.idempotencyKey = context.vars.idempotencyKey;
    if (res.statusCode === 201 || res.statusCode === 200) {
      try {
        line.orderId = JSON.parse(res.body).orderId;
        fs.appendFileSync(ackedFile, `${line.idempotencyKey} ${line.orderId}\n`);
      } catch (e) {
        line.bodyError = String(e.message || e);
      }
    }
  }
  fs.appendFileSync(responsesFile, JSON.stringify(line) + '\n');
  return done();
}

module.exports = { pickIds, recordResponse };

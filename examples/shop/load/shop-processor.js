// Artillery hooks for shop-load.yml. Appends, under $SHOP_LOAD_DIR, one line per acknowledged order (201 or 200) to
// acked-orders.txt: "<idempotencyKey> <orderId>", which verify-orders.js reads back from DynamoDB. Every response
// itself (status, latency, route, or the error of a request without one) is recorded by Faultline's Artillery
// plugin, which the observer (or bench/shop-check.sh) switches on.
// Lines are short single appends, so the writes of Artillery's worker threads do not interleave.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const dir = process.env.SHOP_LOAD_DIR || '.';
const ackedFile = path.join(dir, 'acked-orders.txt');

function pickIds(context, events, done) {
  context.vars.userId = `u-${1 + crypto.randomInt(50)}`;
  context.vars.productId = `p-${1 + crypto.randomInt(20)}`;
  context.vars.quantity = 1 + crypto.randomInt(3);
  context.vars.idempotencyKey = crypto.randomUUID();
  return done();
}

function recordAcknowledgedOrder(req, res, context, events, done) {
  if (req.name === 'place-order' && (res.statusCode === 201 || res.statusCode === 200)) {
    try {
      const orderId = JSON.parse(res.body).orderId;
      fs.appendFileSync(ackedFile, `${context.vars.idempotencyKey} ${orderId}\n`);
    } catch (e) {
      // An acknowledgement without a readable order id: nothing to read back; the status is recorded by the plugin.
    }
  }
  return done();
}

module.exports = { pickIds, recordAcknowledgedOrder };

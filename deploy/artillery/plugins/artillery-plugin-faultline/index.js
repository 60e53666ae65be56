// Faultline's Artillery plugin: records every response of a load test for the observer.
// Enabled by the observer, which runs the load test (observer/.../load/ArtilleryCommand.java), with
// ARTILLERY_PLUGIN_PATH pointing at deploy/artillery/plugins and
// --overrides '{"config":{"plugins":{"faultline":{"responsesFile":...}}}}', so it works
// with a generated script and with a user's own script (whose processor and hooks stay as they are).
//
// One line per request, appended to responsesFile (the observer's format, observer/.../load/LoadResponse.java):
//   epochMillis,status,latencyMillis,orderId,route,errorCode
// epochMillis: when the request was sent; status 0: no response (connection refused or reset, timeout), with
// latencyMillis the time until the error (for a timeout, the timeout); orderId: with orderIdField set, that field of
// a 2xx JSON answer (the write it acknowledged), else empty; route: the request's name, else its method and URL path
// as written in the script (before templating, without the query), so that /items/{{ id }} is one route;
// errorCode: for status 0, Node's or got's error code (ETIMEDOUT, ECONNREFUSED, ECONNRESET, ...), else empty.
// Commas and line breaks are removed from the free-text fields, so a line always has six fields.
// Each line is one short O_APPEND write, so the lines of Artillery's worker threads do not interleave.
//
// With writesFile set too (the observer sets it with orderIdField), every acknowledged write (a line with an
// orderId) is also appended there as one JSON line, for the observer's content read-back
// (observer/.../load/AcknowledgedWritesFile.java):
//   {"id":"<orderId>","sent":<the request's JSON body or null>,"acknowledged":<the JSON answer>}
// so that a write whose id was later reissued to another record is caught by comparing content, not only ids.
'use strict';
const fs = require('fs');

const SENT_AT = '$faultlineSentAt';
const ROUTE = '$faultlineRoute';

const csvSafe = (value) =>
  (value === null || value === undefined ? '' : String(value).replace(/\s*[,\r\n]+\s*/g, ' ').trim());

// Artillery hands beforeRequest the request before templating, with the target prepended to a relative url.
function routeOf(req) {
  if (req.name) {
    return csvSafe(req.name);
  }
  const url = String(req.url || req.uri || '');
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] || '/';
  return csvSafe(`${String(req.method || 'GET').toUpperCase()} ${path}`);
}

function FaultlinePlugin(script, events) {
  // Artillery 2 loads plugins in the main process too; only workers send requests.
  if (typeof process.env.LOCAL_WORKER_ID === 'undefined') {
    return;
  }
  const settings = (script.config.plugins && script.config.plugins.faultline) || {};
  const responsesFile = settings.responsesFile;
  if (!responsesFile) {
    throw new Error('artillery-plugin-faultline: config.plugins.faultline.responsesFile is required');
  }
  const orderIdField = settings.orderIdField || null;
  const writesFile = settings.writesFile || null;

  const append = (sentAt, status, latencyMillis, orderId, route, errorCode) => {
    const id = orderId === null || orderId === undefined ? '' : String(orderId).replace(/[,\r\n]/g, '');
    const latency = Math.max(0, Math.round(latencyMillis));
    fs.appendFileSync(responsesFile,
      `${sentAt},${status},${latency},${id},${csvSafe(route)},${csvSafe(errorCode)}\n`);
  };

  const jsonOf = (value) => {
    if (value === null || value === undefined || typeof value === 'boolean') {
      return null;
    }
    if (typeof value === 'object' && !Buffer.isBuffer(value)) {
      return value;
    }
    try {
      return JSON.parse(String(value));
    } catch (e) {
      return null; // not JSON: nothing to compare
    }
  };

  // The acknowledged write of a 2xx JSON answer carrying orderIdField: its id and the answer; null otherwise.
  const acknowledgementOf = (res) => {
    if (!orderIdField || res.statusCode < 200 || res.statusCode >= 300) {
      return null;
    }
    const body = jsonOf(res.body);
    if (!body || typeof body !== 'object' || body[orderIdField] === undefined || body[orderIdField] === null) {
      return null;
    }
    return { id: String(body[orderIdField]), body };
  };

  // By the time afterResponse runs Artillery has templated the request in place: req.json (or req.body) is what
  // was sent.
  const recordWrite = (req, ack) => {
    if (!writesFile || !ack || ack.id.replace(/[,\r\n]/g, '') === '') {
      return;
    }
    const sent = jsonOf(req.json !== undefined && req.json !== true ? req.json : req.body);
    const line = JSON.stringify({ id: ack.id.replace(/[,\r\n]/g, ''), sent, acknowledged: ack.body });
    fs.appendFileSync(writesFile, `${line}\n`);
  };

  function faultlineBeforeRequest(req, context, ee, next) {
    context.vars[SENT_AT] = Date.now();
    context.vars[ROUTE] = routeOf(req);
    return next();
  }

  function faultlineAfterResponse(req, res, context, ee, next) {
    const now = Date.now();
    const phases = res.timings && res.timings.phases;
    const latency = phases && phases.total !== undefined ? phases.total : now - (context.vars[SENT_AT] || now);
    const sentAt = res.timings && res.timings.start ? Math.round(res.timings.start) : now - Math.round(latency);
    delete context.vars[SENT_AT]; // answered: an error hook run later for this request (a failed capture) adds nothing
    const ack = acknowledgementOf(res);
    append(sentAt, res.statusCode, latency, ack && ack.id, context.vars[ROUTE], null);
    recordWrite(req, ack);
    return next();
  }

  // Artillery may run a scenario's error hooks twice for one failed request (its 'error' event and the rejected
  // promise): the request's send time, cleared by the first line written, makes a second call a no-op.
  function faultlineOnError(err, req, context, ee, next) {
    const sentAt = context.vars[SENT_AT];
    if (sentAt !== undefined) {
      delete context.vars[SENT_AT];
      append(sentAt, 0, Date.now() - sentAt, null, context.vars[ROUTE], (err && (err.code || err.name)) || 'error');
    }
    return next();
  }

  if (!script.config.processor) {
    script.config.processor = {};
  }
  Object.assign(script.config.processor, { faultlineBeforeRequest, faultlineAfterResponse, faultlineOnError });
  for (const scenario of script.scenarios || []) {
    scenario.beforeRequest = [].concat(scenario.beforeRequest || [], 'faultlineBeforeRequest');
    scenario.afterResponse = [].concat(scenario.afterResponse || [], 'faultlineAfterResponse');
    scenario.onError = [].concat(scenario.onError || [], 'faultlineOnError');
  }
}

module.exports = { Plugin: FaultlinePlugin };

// Faultline's live page. The page holds no data and no secret: the operator gives a token once, it is kept in this
// tab's sessionStorage and sent in the Authorization header of every call, the event stream included (fetch reads
// the text/event-stream body: EventSource cannot send a header, and a token in a URL would end up in logs).
'use strict';

const TOKEN_KEY = 'faultline.token';
const RECONNECT_MS = 2000;
const HISTORY_LIMIT = 10;

let reporterUrl = null;
let lastRunStates = '';
let streamAbort = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === null || v === undefined) return;
    if (k === 'class') node.className = v; else if (k.startsWith('data-')) node.setAttribute(k, v); else node[k] = v;
  });
  // Every text from the API goes in as text, never as markup: run and probe names come from experiment files.
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c === null ? '' : String(c))));
  return node;
}

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(path, options = {}) {
  const headers = Object.assign({Authorization: 'Bearer ' + token()}, options.headers || {});
  return fetch(path, Object.assign({}, options, {headers}));
}

async function errorText(response) {
  try { const body = await response.json(); return body.error || response.statusText; }
  catch (e) { return response.statusText; }
}

function time(instant) { return instant ? new Date(instant).toLocaleTimeString() : ''; }

// ---- sign-in -------------------------------------------------------------------------------------------------
async function connect() {
  const check = await api('/api/v1/agents');
  if (check.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    document.getElementById('sign-in-error').textContent = 'The token was refused: ' + await errorText(check);
    return;
  }
  document.getElementById('sign-in').hidden = true;
  document.getElementById('live').hidden = false;
  renderAgents(await check.json());
  loadHistory();
  loadLatch();
  stream();
  setInterval(() => { loadAgents(); loadLatch(); }, 5000);
}

document.getElementById('sign-in').addEventListener('submit', event => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, document.getElementById('token').value);
  document.getElementById('token').value = '';
  document.getElementById('sign-in-error').textContent = '';
  connect();
});

// ---- agents --------------------------------------------------------------------------------------------------
async function loadAgents() {
  const response = await api('/api/v1/agents');
  if (response.ok) renderAgents(await response.json());
}

function renderAgents(agents) {
  const body = document.querySelector('#agents tbody');
  body.replaceChildren(...agents.map(a => el('tr', {'data-agent': a.agentId},
    el('td', {class: 'mono'}, a.agentId), el('td', {}, a.hostname), el('td', {}, a.live ? 'yes' : 'no'),
    el('td', {}, time(a.lastHeartbeat)),
    el('td', {}, (a.containers || []).map(c => el('div', {class: 'target', 'data-target': c.name},
      c.name + ' (' + c.state + ')'))))));
}

// ---- recent runs ---------------------------------------------------------------------------------------------
async function loadHistory() {
  const response = await api('/api/v1/runs?limit=' + HISTORY_LIMIT);
  const error = document.getElementById('verdicts-error');
  if (!response.ok) { error.textContent = 'Run history: ' + await errorText(response); return; }
  error.textContent = '';
  const page = await response.json();
  document.querySelector('#verdicts tbody').replaceChildren(...page.runs.map(run => el('tr', {'data-run': run.runId},
    el('td', {class: 'mono'}, run.runId), el('td', {}, run.experimentName), el('td', {}, time(run.createdAt)),
    el('td', {class: 'state'}, run.state),
    el('td', {class: 'verdict' + (run.verdict ? ' verdict-' + run.verdict.verdict : '')},
      run.verdict ? run.verdict.verdict : ''),
    el('td', {}, run.verdict ? reportLink(run) : ''))));
}

function reportLink(run) {
  const href = (reporterUrl || '') + '/api/v1/reports/' + encodeURIComponent(run.runId) + '?format=html';
  const link = el('a', {class: 'report-link', href}, 'report');
  // The reporter wants the token too, which a plain link cannot send: the report comes through the orchestrator
  // (GET /api/v1/runs/{runId}/report, same origin, with the header) into a sandboxed frame.
  link.addEventListener('click', event => { event.preventDefault(); openReport(run); });
  return link;
}

async function openReport(run) {
  const dialog = document.getElementById('report-dialog');
  document.getElementById('report-title').textContent = run.experimentName + ' — ' + run.runId;
  const response = await api('/api/v1/runs/' + encodeURIComponent(run.runId) + '/report');
  document.getElementById('report-frame').srcdoc = response.ok ? await response.text()
    : '<p>The report could not be read: ' + escapeHtml(await errorText(response)) + '</p>';
  dialog.showModal();
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}

document.getElementById('report-close').addEventListener('click', () => document.getElementById('report-dialog').close());

// ---- active runs, live -----------------------------------------------------------------------------------------
async function stream() {
  const status = document.getElementById('stream-status');
  streamAbort = new AbortController();
  try {
    const response = await api('/api/v1/stream', {headers: {Accept: 'text/event-stream'}, signal: streamAbort.signal});
    if (!response.ok) {
      status.dataset.state = 'error';
      status.textContent = 'stream refused: ' + await errorText(response);
      if (response.status === 401 || response.status === 403) return;
    } else {
      status.dataset.state = 'live';
      status.textContent = 'live';
      await readEvents(response.body, data => render(JSON.parse(data)));
      status.dataset.state = 'error';
      status.textContent = 'stream ended, reconnecting';
    }
  } catch (e) {
    status.dataset.state = 'error';
    status.textContent = 'stream lost, reconnecting';
  }
  setTimeout(stream, RECONNECT_MS);
}

// The text/event-stream format: events end with a blank line; their data lines are joined with newlines.
async function readEvents(body, onData) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter(line => line.startsWith('data:'))
        .map(line => line.slice(5).replace(/^ /, '')).join('\n');
      if (data) onData(data);
    }
  }
}

function render(snapshot) {
  reporterUrl = snapshot.reporterUrl;
  const runs = snapshot.runs;
  document.getElementById('no-runs').hidden = runs.length > 0;
  document.getElementById('runs').replaceChildren(...runs.map(run => runCard(run, snapshot.at)));
  // A run started, ended or got its verdict: the history below changes too.
  const states = runs.map(r => r.runId + ':' + r.state).join(',');
  if (states !== lastRunStates) { lastRunStates = states; loadHistory(); }
}

function runCard(run, at) {
  const start = Date.parse(run.createdAt), end = Date.parse(run.observeUntil), now = Date.parse(at);
  const percent = Math.max(0, Math.min(100, 100 * (now - start) / Math.max(1, end - start)));
  const done = id => ({
    injected: run.injected.find(f => f.faultId === id), failed: run.failed.find(f => f.faultId === id),
    reverted: run.reverted.find(f => f.faultId === id)});
  const faults = run.plan.map(f => {
    const d = done(f.faultId);
    const state = d.failed ? 'failed' : d.reverted ? 'reverted' : d.injected ? 'injected' : 'planned';
    return el('tr', {class: 'fault', 'data-fault': f.faultId, 'data-state': state},
      el('td', {}, (f.fault && f.fault.type) || (d.injected && d.injected.faultType) || ''), el('td', {}, f.target.containerName), el('td', {class: 'fault-state'}, state),
      el('td', {}, d.injected ? time(d.injected.injectedAt) : ''),
      el('td', {}, d.failed ? d.failed.detail || d.failed.reason || '' : ''));
  });
  const probes = ((run.progress && run.progress.probes) || []).map(p => el('tr', {class: 'probe', 'data-probe': p.probe},
    el('td', {}, p.probe), el('td', {class: 'probe-state state-' + p.state}, p.state),
    el('td', {class: 'availability'}, p.availabilityPercent === null || p.availabilityPercent === undefined ? ''
      : p.availabilityPercent.toFixed(1) + ' %'),
    el('td', {}, p.samples + ' samples, ' + p.failed + ' failed'),
    el('td', {}, p.lastError || (p.lastStatus ? 'HTTP ' + p.lastStatus : ''))));
  return el('article', {class: 'run', 'data-run': run.runId, 'data-phase': run.phase},
    el('h3', {}, el('span', {}, run.experimentName), el('code', {}, run.runId),
      el('span', {class: 'phase', 'data-phase': run.phase}, run.phase),
      run.verdict ? el('span', {class: 'verdict verdict-' + run.verdict.verdict}, run.verdict.verdict) : ''),
    el('div', {class: 'meter', title: 'from the start to the end of the observation window'},
      el('div', {style: 'width:' + percent.toFixed(1) + '%'})),
    el('div', {class: 'window'}, 'injecting at ' + time(run.injectAt) + ', observing until ' + time(run.observeUntil)
      + (run.abortReason ? ' — aborted: ' + run.abortReason : '')),
    el('table', {class: 'faults'}, el('thead', {}, el('tr', {}, ['fault', 'target', 'state', 'injected', 'error']
      .map(h => el('th', {}, h)))), el('tbody', {}, faults)),
    probes.length ? el('table', {class: 'probes'}, el('thead', {}, el('tr', {},
      ['probe', 'state', 'availability', 'samples', 'last'].map(h => el('th', {}, h)))), el('tbody', {}, probes)) : '',
    run.breaches.length ? el('p', {class: 'breaches error'}, run.breaches.length + ' SLO breach(es)') : '');
}

// ---- halt ----------------------------------------------------------------------------------------------------
document.getElementById('halt').addEventListener('click', async () => {
  const result = document.getElementById('halt-result');
  const reason = document.getElementById('halt-reason').value.trim() || 'operator halt from the live page';
  if (!confirm('Halt everything? Every agent reverts every fault it has in effect, every run still going is'
      + ' aborted, and schedules start nothing until POST /api/v1/resume.\n\nReason: ' + reason)) {
    result.className = '';
    result.textContent = 'Halt cancelled: nothing was sent.';
    return;
  }
  const response = await api('/api/v1/halt?reason=' + encodeURIComponent(reason), {method: 'POST'});
  if (response.ok) {
    const answer = await response.json();
    result.className = '';
    result.textContent = 'Halted by ' + answer.operator + ' at ' + time(answer.haltedAt) + '; aborted runs: '
      + (answer.abortedRuns.length ? answer.abortedRuns.join(', ') : 'none') + '.';
    loadLatch();
  } else {
    result.className = 'error';
    result.textContent = (response.status === 403 ? 'Not allowed (403): ' : 'Halt failed (' + response.status + '): ')
      + await errorText(response);
  }
});

// ---- the halt latch and resume -------------------------------------------------------------------------------
async function loadLatch() {
  const response = await api('/api/v1/halt');
  const state = document.getElementById('latch-state');
  if (!response.ok) { state.textContent = 'Halt latch unknown: ' + await errorText(response); return; }
  renderLatch(await response.json());
}

function renderLatch(answer) {
  document.getElementById('latch').dataset.halted = String(answer.halted);
  document.getElementById('resume').hidden = !answer.halted;
  document.getElementById('latch-state').textContent = answer.halted
    ? 'Schedules held since ' + time(answer.latch.engagedAt) + ': halted by ' + answer.latch.operator + ' ('
      + answer.latch.reason + '). No schedule starts a run until an operator resumes them.'
    : 'Schedules run as planned: no halt holds them.';
}

document.getElementById('resume').addEventListener('click', async () => {
  const result = document.getElementById('resume-result');
  if (!confirm('Resume the schedules? They start runs again from their next occurrence; the runs the halt'
      + ' aborted are not restarted.')) {
    result.className = '';
    result.textContent = 'Resume cancelled: the schedules stay held.';
    return;
  }
  const response = await api('/api/v1/resume', {method: 'POST'});
  if (response.ok) {
    const answer = await response.json();
    result.className = '';
    result.textContent = answer.wasHalted ? 'Resumed by ' + answer.operator + ' at ' + time(answer.resumedAt) + '.'
      : 'Nothing was held.';
  } else {
    result.className = 'error';
    result.textContent = (response.status === 403 ? 'Not allowed (403): ' : 'Resume failed (' + response.status + '): ')
      + await errorText(response);
  }
  loadLatch();
});

if (token()) connect();

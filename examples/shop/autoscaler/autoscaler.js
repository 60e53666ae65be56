'use strict';
// The shop's autoscaler: target tracking on the product service's request rate per replica (HAProxy's counter
// for the backend), like ECS Service Auto Scaling with ALBRequestCountPerTarget. It is part of the system under
// test, not of Faultline. Every AUTOSCALER_INTERVAL it measures, decides (policy.js), and makes the running
// replicas match the desired count through the Docker API: a new replica is a copy of the template container
// (image, environment, labels) on the shop's network under the alias HAProxy's server-template resolves; a
// replica that died is replaced. Only the replicas it created are ever removed (the compose ones are its minimum).
// A scale-out needs AUTOSCALER_SCALE_OUT_DATAPOINTS consecutive evaluations above the target (a CloudWatch
// alarm's datapoints), the rate taken over the last AUTOSCALER_WINDOW_SECONDS.
// Every scaling activity is logged with its cause and served as JSON on GET /activities, in the shape of
// Application Auto Scaling's DescribeScalingActivities (camelCase). POST /suspend and /resume switch scaling off
// and on (AWS: SuspendedState), for the negative control; on resume the desired count restarts from the replicas
// running then. A second target-tracking policy on CPU (ECSServiceAverageCPUUtilization's analogue: the replicas'
// CPU in percent of one core, from Docker's stats) is off unless AUTOSCALER_CPU_TARGET_PERCENT is set or
// POST /policies/cpu?target=N switches it on (DELETE /policies/cpu: off again); with both, the policy asking for
// the most replicas scales out and a scale-in needs both (policy.js combine), as ECS combines policies.
const http = require('node:http');
const { decide, above, combine, cpuPercent, rate, backendRequests } = require('./policy');

const env = (name, fallback) => process.env[name] ?? fallback;
const seconds = (name, fallback) => Number(env(name, fallback)) * 1000;
const config = {
  template: env('AUTOSCALER_TEMPLATE_CONTAINER', 'shop-product-1'),
  serviceLabel: env('AUTOSCALER_SERVICE_LABEL', 'faultline.service=shop-product'),
  namePrefix: env('AUTOSCALER_NAME_PREFIX', 'shop-product-'),
  hostnamePrefix: env('AUTOSCALER_HOSTNAME_PREFIX', 'product-'),
  network: env('AUTOSCALER_NETWORK', 'faultline-shop'),
  alias: env('AUTOSCALER_ALIAS', 'product-scaled'),
  stats: env('AUTOSCALER_STATS_URL', 'http://haproxy:8404/stats;csv'),
  backend: env('AUTOSCALER_BACKEND', 'product'),
  target: Number(env('AUTOSCALER_TARGET_PER_REPLICA', '10')),
  min: Number(env('AUTOSCALER_MIN', '2')),
  max: Number(env('AUTOSCALER_MAX', '4')),
  intervalMs: seconds('AUTOSCALER_INTERVAL_SECONDS', '1'),
  windowMs: seconds('AUTOSCALER_WINDOW_SECONDS', '3'),
  datapoints: Number(env('AUTOSCALER_SCALE_OUT_DATAPOINTS', '3')),
  scaleOutCooldownMs: seconds('AUTOSCALER_SCALE_OUT_COOLDOWN_SECONDS', '10'),
  scaleInCooldownMs: seconds('AUTOSCALER_SCALE_IN_COOLDOWN_SECONDS', '60'),
  port: Number(env('AUTOSCALER_PORT', '8080')),
  suspended: env('AUTOSCALER_SUSPENDED', 'false') === 'true',
  cpuTarget: Number(env('AUTOSCALER_CPU_TARGET_PERCENT', '0')),
};
const SCALED_BY = 'faultline.scaled-by';
const ME = 'shop-autoscaler';

function docker(method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ socketPath: '/var/run/docker.sock', method, path,
      headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        if (res.statusCode >= 300) {
          reject(new Error(`Docker ${method} ${path}: ${res.statusCode} ${text.trim()}`));
        } else {
          resolve(text ? JSON.parse(text) : null);
        }
      });
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`Docker ${method} ${path}: timeout`)));
    if (data) req.write(data);
    req.end();
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { timeout: 2000 }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${url}: ${res.statusCode}`))));
    }).on('error', reject).on('timeout', function onTimeout() { this.destroy(new Error(`${url}: timeout`)); });
  });
}

const activities = [];
let nextActivity = 1;
function activity(fromCount, desiredCount, cause, description) {
  const a = { activityId: `${ME}-${nextActivity++}`, resourceId: config.serviceLabel, startTime: new Date().toISOString(),
    endTime: null, statusCode: 'InProgress', cause, description, fromCount, desiredCount };
  activities.push(a);
  console.log(`${a.startTime} activity ${a.activityId}: ${description} (cause: ${cause})`);
  return a;
}
function finish(a, statusCode, message) {
  a.endTime = new Date().toISOString();
  a.statusCode = statusCode;
  if (message) a.statusMessage = message;
  console.log(`${a.endTime} activity ${a.activityId}: ${statusCode}${message ? `: ${message}` : ''}`);
}

async function replicas() {
  const filters = encodeURIComponent(JSON.stringify({ label: [config.serviceLabel] }));
  return docker('GET', `/containers/json?all=true&filters=${filters}`);
}

function indexOf(container) {
  const name = container.Names[0].replace(/^\//, '');
  return name.startsWith(config.namePrefix) ? Number(name.substring(config.namePrefix.length)) || 0 : 0;
}

async function launch() {
  const template = await docker('GET', `/containers/${config.template}/json`);
  const taken = (await replicas()).map(indexOf);
  const index = Math.max(0, ...taken) + 1;
  const labels = Object.fromEntries(Object.entries(template.Config.Labels || {})
    .filter(([key]) => !key.startsWith('com.docker.compose.')));
  labels[SCALED_BY] = ME;
  const name = `${config.namePrefix}${index}`;
  const hostname = `${config.hostnamePrefix}${index}`;
  const created = await docker('POST', `/containers/create?name=${encodeURIComponent(name)}`, {
    Image: template.Config.Image, Env: template.Config.Env, Labels: labels, Hostname: hostname,
    HostConfig: { RestartPolicy: { Name: 'unless-stopped' }, NetworkMode: config.network },
    NetworkingConfig: { EndpointsConfig: { [config.network]: { Aliases: [config.alias, hostname] } } },
  });
  await docker('POST', `/containers/${created.Id}/start`);
  return name;
}

async function remove(container) {
  await docker('POST', `/containers/${container.Id}/stop?t=5`).catch(() => {});
  await docker('DELETE', `/containers/${container.Id}?force=true`);
  return container.Names[0].replace(/^\//, '');
}

let desired = null;
let lastScaleOutAt = null;
let lastScaleInAt = null;
let aboveCount = 0;
let cpuAboveCount = 0;
const counter = [];

/** The running replicas' CPU summed, in percent of one core; null when a replica's stats could not be read. */
async function cpuTotal(running) {
  const percents = await Promise.all(running.map((c) => docker('GET', `/containers/${c.Id}/stats?stream=false`)
    .then(cpuPercent).catch(() => null)));
  return percents.some((p) => p === null) ? null : percents.reduce((a, b) => a + b, 0);
}

async function tick() {
  const now = Date.now();
  const all = await replicas();
  const running = all.filter((c) => c.State === 'running');
  if (desired === null) {
    desired = Math.min(config.max, Math.max(config.min, running.length));
  }
  counter.push({ at: now, total: backendRequests(await get(config.stats), config.backend) });
  // Keep the newest sample at least a window old as the base, so the rate always spans a whole window.
  while (counter.length > 2 && counter[1].at <= now - config.windowMs) counter.shift();
  const measured = rate(counter);
  if (!config.suspended && measured !== null && now - counter[0].at >= config.windowMs) {
    const common = { desired, min: config.min, max: config.max, now, lastScaleOutAt, lastScaleInAt,
      scaleOutCooldownMs: config.scaleOutCooldownMs, scaleInCooldownMs: config.scaleInCooldownMs,
      datapoints: config.datapoints };
    aboveCount = above(measured, config.target, desired) ? aboveCount + 1 : 0;
    const changes = [decide({ ...common, metricTotal: measured, target: config.target, above: aboveCount })];
    if (config.cpuTarget > 0) {
      const cpu = await cpuTotal(running);
      if (cpu !== null) {
        cpuAboveCount = above(cpu, config.cpuTarget, desired) ? cpuAboveCount + 1 : 0;
        changes.push(decide({ ...common, metricTotal: cpu, target: config.cpuTarget, above: cpuAboveCount,
          metricName: 'CPU', unit: ' %' }));
      }
    }
    const change = combine(changes, desired);
    if (change) {
      const from = desired;
      desired = change.desired;
      if (desired > from) lastScaleOutAt = now; else lastScaleInAt = now;
      aboveCount = 0;
      cpuAboveCount = 0;
      await converge(all, running, activity(from, desired, change.cause,
        `Setting desired count to ${desired} (from ${from}).`));
      return;
    }
  }
  if (running.length !== desired && !config.suspended) {
    await converge(all, running, activity(desired, desired,
      `running count ${running.length} differs from desired count ${desired}`,
      `Replacing replicas to reach desired count ${desired}.`));
  }
}

/** Starts or removes replicas until the running count is the desired one; stopped scaled replicas are removed. */
async function converge(all, running, a) {
  try {
    const done = [];
    for (const dead of all.filter((c) => c.State !== 'running' && c.Labels[SCALED_BY] === ME)) {
      done.push(`removed stopped ${await remove(dead)}`);
    }
    for (let n = running.length; n < desired; n++) {
      done.push(`started ${await launch()}`);
    }
    const removable = running.filter((c) => c.Labels[SCALED_BY] === ME).sort((x, y) => indexOf(y) - indexOf(x));
    for (let n = running.length; n > desired && removable.length > 0; n--) {
      done.push(`removed ${await remove(removable.shift())}`);
    }
    finish(a, 'Successful', done.join(', '));
  } catch (e) {
    finish(a, 'Failed', e.message);
  }
}

let busy = false;
setInterval(() => {
  if (busy) return; // one tick at a time: a slow container start must not start a second one
  busy = true;
  tick().catch((e) => console.error(`${new Date().toISOString()} tick failed: ${e.message}`)).finally(() => { busy = false; });
}, config.intervalMs);

http.createServer((req, res) => {
  const send = (code, body) => {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET' && req.url === '/activities') {
    send(200, { activities, desiredCount: desired, suspended: config.suspended, cpuTargetPercent: config.cpuTarget });
  } else if (req.method === 'GET' && req.url === '/health') {
    send(200, { status: 'UP' });
  } else if (req.method === 'POST' && (req.url === '/suspend' || req.url === '/resume')) {
    config.suspended = req.url === '/suspend';
    if (!config.suspended) {
      // The replicas may have been changed by hand while suspended: scaling resumes from what runs now.
      desired = null;
      counter.length = 0;
      aboveCount = 0;
    }
    console.log(`${new Date().toISOString()} scaling ${config.suspended ? 'suspended' : 'resumed'}`);
    send(200, { suspended: config.suspended });
  } else if (req.url.startsWith('/policies/cpu') && (req.method === 'POST' || req.method === 'DELETE')) {
    const target = req.method === 'DELETE' ? 0 : Number(new URL(req.url, 'http://x').searchParams.get('target'));
    if (!(target >= 0) || !Number.isFinite(target)) {
      send(400, { error: 'target must be a percent of one core (POST /policies/cpu?target=60)' });
      return;
    }
    config.cpuTarget = target;
    cpuAboveCount = 0;
    console.log(`${new Date().toISOString()} CPU policy ${target > 0 ? `on, target ${target} %` : 'off'}`);
    send(200, { cpuTargetPercent: target });
  } else {
    send(404, { error: 'not found' });
  }
}).listen(config.port, () => console.log(`autoscaler on :${config.port}: ${JSON.stringify(config)}`));

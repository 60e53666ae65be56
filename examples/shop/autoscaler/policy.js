'use strict';
// Target tracking, the way ECS Service Auto Scaling does it: keep the metric per replica near the target by
// setting desired = ceil(total / target), within [min, max]; scale out at once after the scale-out cooldown,
// scale in one step at a time only after the (longer) scale-in cooldown, and never while a scale-out's cooldown
// runs. Pure: the caller measures and acts; tests drive it with numbers.

/**
 * @param {object} p
 * @param {number} p.metricTotal   the measured metric summed over the service (requests/s here)
 * @param {number} p.target        the target value per replica
 * @param {number} p.desired       the current desired count
 * @param {number} p.min           minimum desired count
 * @param {number} p.max           maximum desired count
 * @param {number} p.now           ms since the epoch
 * @param {number|null} p.lastScaleOutAt  when desired last went up (ms), null if never
 * @param {number|null} p.lastScaleInAt   when desired last went down (ms), null if never
 * @param {number} p.scaleOutCooldownMs
 * @param {number} p.scaleInCooldownMs
 * @param {number} [p.above]      consecutive evaluations so far (this one included) whose metric asked for more
 *                                replicas; a scale-out needs p.datapoints of them, like a CloudWatch alarm's
 *                                "N of N datapoints", so one burst does not scale and a step is measured whole
 * @param {number} [p.datapoints] evaluations above the target needed to scale out (default 1)
 * @param {string} [p.metricName] the metric in the cause's words (default "request rate")
 * @param {string} [p.unit]       its unit after a number (default "/s")
 * @returns {{desired: number, cause: string}|null} a new desired count and why, or null to leave it
 */
function decide(p) {
  const wanted = Math.min(p.max, Math.max(p.min, Math.ceil(p.metricTotal / p.target)));
  const perReplica = p.metricTotal / p.desired;
  const name = p.metricName ?? 'request rate';
  const unit = p.unit ?? '/s';
  const metric = `${name} ${p.metricTotal.toFixed(1)}${unit} over ${p.desired} replica(s) = ${perReplica.toFixed(1)}${unit} per replica`;
  if (p.desired < p.min) {
    return { desired: p.min, cause: `desired count ${p.desired} below the minimum ${p.min}` };
  }
  if (p.desired > p.max) {
    return { desired: p.max, cause: `desired count ${p.desired} above the maximum ${p.max}` };
  }
  if (wanted > p.desired) {
    if ((p.above ?? 1) < (p.datapoints ?? 1)) {
      return null;
    }
    if (p.lastScaleOutAt != null && p.now - p.lastScaleOutAt < p.scaleOutCooldownMs) {
      return null;
    }
    return { desired: wanted, cause: `${metric} above the target ${p.target}${unit}: scale out to ${wanted}` };
  }
  if (wanted < p.desired) {
    const since = Math.max(p.lastScaleOutAt ?? -Infinity, p.lastScaleInAt ?? -Infinity);
    if (p.now - since < p.scaleInCooldownMs) {
      return null;
    }
    return { desired: p.desired - 1, cause: `${metric} below the target ${p.target}${unit}: scale in to ${p.desired - 1}` };
  }
  return null;
}

/**
 * Several target-tracking policies on one service, combined as ECS Service Auto Scaling does: the policy asking for
 * the most replicas scales out; a scale-in happens only when every policy that measured asks for it (the smallest
 * step wins, here always one). Policies whose decision is null (inside their target, in a cooldown, too few
 * datapoints) keep the count, so they block a scale-in but do not prevent another policy's scale-out.
 * @param {Array<{desired: number, cause: string}|null>} changes one decision per measured policy
 * @param {number} desired the current desired count
 * @returns {{desired: number, cause: string}|null}
 */
function combine(changes, desired) {
  const outs = changes.filter((c) => c && c.desired > desired);
  if (outs.length > 0) {
    return outs.reduce((a, b) => (b.desired > a.desired ? b : a));
  }
  if (changes.length > 0 && changes.every((c) => c && c.desired < desired)) {
    return changes.reduce((a, b) => (b.desired > a.desired ? b : a));
  }
  return null;
}

/**
 * A container's CPU use in percent of one core from one Docker stats answer (GET /containers/{id}/stats?stream=false:
 * cpu_stats and precpu_stats about a second apart), computed as the docker CLI does: container CPU time over host
 * CPU time between the two, times the online CPUs. Null when the answer lacks a previous sample.
 */
function cpuPercent(stats) {
  const cpu = stats?.cpu_stats;
  const pre = stats?.precpu_stats;
  if (!cpu?.cpu_usage || !pre?.cpu_usage || cpu.system_cpu_usage == null || pre.system_cpu_usage == null) {
    return null;
  }
  const container = cpu.cpu_usage.total_usage - pre.cpu_usage.total_usage;
  const system = cpu.system_cpu_usage - pre.system_cpu_usage;
  if (system <= 0 || container < 0) {
    return null;
  }
  const cpus = cpu.online_cpus || cpu.cpu_usage.percpu_usage?.length || 1;
  return (container / system) * cpus * 100;
}

/** Whether the metric asks for more replicas than desired (counted for the datapoints of decide). */
function above(metricTotal, target, desired) {
  return Math.ceil(metricTotal / target) > desired;
}

/** Requests per second from counter samples [{at, total}] (oldest first) over the window they span. */
function rate(samples) {
  if (samples.length < 2) {
    return null;
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  const seconds = (last.at - first.at) / 1000;
  if (seconds <= 0 || last.total < first.total) {
    return null; // a counter that went backwards: HAProxy restarted, the growth is unknown
  }
  return (last.total - first.total) / seconds;
}

/** The backend's request counter from HAProxy's stats CSV: req_tot (HTTP requests), else stot (sessions). */
function backendRequests(csv, backend) {
  const lines = csv.split('\n');
  if (!lines[0] || !lines[0].startsWith('#')) {
    throw new Error('not an HAProxy stats CSV');
  }
  const header = lines[0].substring(1).trim().split(',');
  const px = header.indexOf('pxname');
  const sv = header.indexOf('svname');
  const req = header.indexOf('req_tot') >= 0 ? header.indexOf('req_tot') : header.indexOf('stot');
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    if (f[px] === backend && f[sv] === 'BACKEND') {
      return Number(f[req] || 0);
    }
  }
  throw new Error(`backend ${backend} not in the stats`);
}

module.exports = { decide, above, combine, cpuPercent, rate, backendRequests };

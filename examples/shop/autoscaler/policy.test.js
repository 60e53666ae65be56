'use strict';
// node --test examples/shop/autoscaler (run by examples/shop/shop.sh build)
const test = require('node:test');
const assert = require('node:assert');
const { decide, above, combine, cpuPercent, rate, backendRequests } = require('./policy');

const base = { target: 10, desired: 2, min: 2, max: 4, now: 100_000, lastScaleOutAt: null, lastScaleInAt: null,
  scaleOutCooldownMs: 10_000, scaleInCooldownMs: 60_000 };

test('scales out to ceil(total / target), capped at max', () => {
  assert.strictEqual(decide({ ...base, metricTotal: 31 }).desired, 4);
  assert.strictEqual(decide({ ...base, metricTotal: 25 }).desired, 3);
  assert.strictEqual(decide({ ...base, metricTotal: 400 }).desired, 4);
  assert.match(decide({ ...base, metricTotal: 25 }).cause, /above the target 10\/s: scale out to 3/);
});

test('leaves the count alone inside the target and during the scale-out cooldown', () => {
  assert.strictEqual(decide({ ...base, metricTotal: 20 }), null);
  assert.strictEqual(decide({ ...base, desired: 3, metricTotal: 40, lastScaleOutAt: 95_000 }), null);
  assert.strictEqual(decide({ ...base, desired: 3, metricTotal: 40, lastScaleOutAt: 85_000 }).desired, 4);
});

test('scales out only after enough consecutive datapoints above the target', () => {
  assert.strictEqual(decide({ ...base, metricTotal: 40, above: 2, datapoints: 3 }), null);
  assert.strictEqual(decide({ ...base, metricTotal: 40, above: 3, datapoints: 3 }).desired, 4);
  assert.strictEqual(above(40, 10, 2), true);
  assert.strictEqual(above(20, 10, 2), false);
});

test('scales in one step only after the scale-in cooldown since the last change, never below min', () => {
  assert.strictEqual(decide({ ...base, desired: 4, metricTotal: 5, lastScaleOutAt: 60_000 }), null);
  assert.strictEqual(decide({ ...base, desired: 4, metricTotal: 5, lastScaleOutAt: 30_000 }).desired, 3);
  assert.strictEqual(decide({ ...base, desired: 2, metricTotal: 0 }), null);
  assert.strictEqual(decide({ ...base, desired: 1, metricTotal: 0 }).desired, 2);
});

test('rate over the window; unknown for one sample or a counter reset', () => {
  assert.strictEqual(rate([{ at: 0, total: 100 }, { at: 5000, total: 150 }, { at: 10_000, total: 200 }]), 10);
  assert.strictEqual(rate([{ at: 0, total: 100 }]), null);
  assert.strictEqual(rate([{ at: 0, total: 100 }, { at: 1000, total: 5 }]), null);
});

test('reads the backend request counter from the stats CSV', () => {
  const csv = '# pxname,svname,stot,req_tot,status\nproduct,product-1,7,70,UP\nproduct,BACKEND,9,90,UP\n';
  assert.strictEqual(backendRequests(csv, 'product'), 90);
  assert.throws(() => backendRequests(csv, 'user'), /not in the stats/);
  assert.throws(() => backendRequests('<html>', 'product'), /not an HAProxy stats CSV/);
});

test('a CPU policy names its metric and unit in the cause', () => {
  const cpu = decide({ ...base, target: 50, metricTotal: 170, metricName: 'CPU', unit: ' %' });
  assert.strictEqual(cpu.desired, 4);
  assert.match(cpu.cause, /^CPU 170.0 % over 2 replica\(s\) = 85.0 % per replica above the target 50 %: scale out to 4$/);
});

test('policies combined: the largest scale-out wins, a scale-in needs every policy', () => {
  const out3 = { desired: 3, cause: 'cpu' };
  const out4 = { desired: 4, cause: 'requests' };
  const in1 = { desired: 1, cause: 'cpu in' };
  assert.strictEqual(combine([out3, out4], 2), out4);
  assert.strictEqual(combine([null, out3], 2), out3);
  assert.strictEqual(combine([in1, null], 2), null);
  assert.strictEqual(combine([in1, { desired: 1, cause: 'requests in' }], 2).desired, 1);
  assert.strictEqual(combine([in1, out3], 2), out3);
  assert.strictEqual(combine([], 2), null);
});

test('CPU percent of one core from a Docker stats answer, as the docker CLI computes it', () => {
  const stats = { cpu_stats: { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 12_000_000_000, online_cpus: 2 },
    precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 10_000_000_000 } };
  assert.strictEqual(cpuPercent(stats), 50);
  assert.strictEqual(cpuPercent({ cpu_stats: stats.cpu_stats, precpu_stats: {} }), null);
  assert.strictEqual(cpuPercent({}), null);
});

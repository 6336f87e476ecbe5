// Subscription load: SUBSCRIBERS WebSocket clients (graphql-transport-ws), each with one
// linkChanged subscription on one department, while a writer sends RATE updateLink mutations a
// second for SECONDS seconds over HTTP. Each update's extraData carries its sequence number and the
// time it was sent, so every subscriber can tell which updates it got and how late.
// Prints one JSON object with the figures. Run by bench/subscriptions.sh (needs `ws` in bench/node_modules).
import WebSocket from 'ws';
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

if (!isMainThread) {
  await subscriberWorker(workerData);
} else {

const url = process.env.URL ?? 'http://127.0.0.1:8193';
const subscribers = Number(process.env.SUBSCRIBERS ?? 1000);
const rate = Number(process.env.RATE ?? 200);
const seconds = Number(process.env.SECONDS ?? 30);
const links = Number(process.env.LINKS ?? 200);
const settleMs = Number(process.env.SETTLE_MS ?? 10000);
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

function post(query, variables = {}) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query, variables });
    const req = http.request(url + '/graphql', {
      method: 'POST', agent, headers: {
        'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
        ...(process.env.TOKEN ? { authorization: `Bearer ${process.env.TOKEN}` } : {}),
      },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        try {
          const json = JSON.parse(text);
          if (json.errors) reject(new Error(JSON.stringify(json.errors))); else resolve(json.data);
        } catch (e) { reject(new Error(text)); }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function metric(name) {
  const text = await new Promise((resolve, reject) => {
    http.get(url + '/q/metrics', { agent }, (res) => {
      let t = ''; res.setEncoding('utf8'); res.on('data', (c) => { t += c; }); res.on('end', () => resolve(t));
    }).on('error', reject);
  });
  const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- data: one department with LINKS employees linked to it -------------------------------------
const dept = (await post('mutation($n: String!) { createDepartment(name: $n) { id } }', { n: `bench-subs-${Date.now()}` }))
  .createDepartment.id;
const employees = [];
for (let i = 0; i < links; i++) {
  const e = (await post('mutation($n: String!) { createEmployee(name: $n) { id } }', { n: `bench-${i}` })).createEmployee.id;
  await post('mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e, extraData: "0") { extraData } }', { d: dept, e });
  employees.push(e);
}

// --- subscribers: in WORKERS worker threads, so that reading events never delays the writer ----
const workers = Number(process.env.WORKERS ?? 2);
const total = rate * seconds;
const counters = new Int32Array(new SharedArrayBuffer(4 * workers)); // events delivered, per worker
const startedBefore = await metric('relgraph_events_subscriptions_total');
const wsUrl = url.replace(/^http/, 'ws') + '/graphql';
const threads = [];
for (let w = 0; w < workers; w++) {
  const count = Math.floor(subscribers / workers) + (w < subscribers % workers ? 1 : 0);
  const worker = new Worker(new URL(import.meta.url), { workerData: { w, count, total, wsUrl, dept, counters } });
  threads.push({ worker, ready: new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); }) });
}
await Promise.all(threads.map((t) => t.ready));
// wait until the server has started every subscription
for (let t = 0; t < 600 && (await metric('relgraph_events_subscriptions_total')) - startedBefore < subscribers; t++) await sleep(100);
const subscribed = (await metric('relgraph_events_subscriptions_total')) - startedBefore;

// --- warm-up: WARMUP_SECONDS at 2 updates a second, not measured (a fresh JVM runs cold code) ----
const warmupSeconds = Number(process.env.WARMUP_SECONDS ?? 10);
for (let i = 0; i < warmupSeconds * 2; i++) {
  await post('mutation($d: ID!, $e: ID!, $x: String) { updateLink(departmentId: $d, employeeId: $e, extraData: $x) { extraData } }',
    { d: dept, e: employees[i % employees.length], x: `0:${Date.now()}` });
  await sleep(500);
}
await sleep(2000);

// --- writer: RATE updates a second, paced by the clock, on the links in turn ----------------------
let sent = 0; let acknowledged = 0; let failed = 0;
const acked = new Uint8Array(total + 1);
const failures = [];
const startedAt = Date.now();
const inflight = new Set();
while (sent < total) {
  const due = startedAt + (sent * 1000) / rate;
  const wait = due - Date.now();
  if (wait > 0) await sleep(wait);
  const seq = ++sent;
  const e = employees[seq % employees.length];
  const p = post('mutation($d: ID!, $e: ID!, $x: String) { updateLink(departmentId: $d, employeeId: $e, extraData: $x) { extraData } }',
    { d: dept, e, x: `${seq}:${Date.now()}` })
    .then(() => { acknowledged++; acked[seq] = 1; }, (err) => { failed++; if (failures.length < 3) failures.push(String(err.message).slice(0, 200)); })
    .finally(() => inflight.delete(p));
  inflight.add(p);
}
await Promise.all(inflight);
const writeSeconds = (Date.now() - startedAt) / 1000;

// --- settle: wait until every acknowledged update reached every subscriber, or SETTLE_MS ----------
const expected = acknowledged * subscribers;
const settleStart = Date.now();
const deliveredSoFar = () => counters.reduce((a, b) => a + b, 0);
while (deliveredSoFar() < expected && Date.now() - settleStart < settleMs) await sleep(100);
const overflows = await metric('relgraph_events_overflows_total');
const socketWaits = await metric('relgraph_events_socket_waits_total');

const reports = await Promise.all(threads.map((t) => new Promise((resolve) => {
  t.worker.once('message', resolve);
  t.worker.postMessage({ acked });
})));
const histogram = new Uint32Array(600001);
let delivered = 0; let duplicates = 0; let foreign = 0; let errors = 0; let completes = 0; let closes = 0; let maxMs = 0;
const errorSamples = [];
for (const r of reports) {
  delivered += r.delivered; duplicates += r.duplicates; foreign += r.foreign; errors += r.errors; completes += r.completes;
  closes += r.closes; maxMs = Math.max(maxMs, r.maxMs); errorSamples.push(...r.errorSamples.slice(0, 1));
  const h = new Uint32Array(r.histogram);
  for (let b = 0; b < h.length; b++) histogram[b] += h[b];
}
function percentile(p) {
  const n = histogram.reduce((a, b) => a + b, 0);
  const target = Math.ceil(n * p);
  let seen = 0;
  for (let b = 0; b < histogram.length; b++) { seen += histogram[b]; if (seen >= target) return b / 10; }
  return NaN;
}
console.log(JSON.stringify({
  subscribers, subscribed, workers, rate, seconds, links, sent, acknowledged, failed, failures, writeSeconds,
  expected, delivered, lost: expected - delivered, duplicates, foreign, errors, errorSamples, completes, closes, overflows, socketWaits,
  p50ms: percentile(0.5), p99ms: percentile(0.99), p999ms: percentile(0.999), maxMs,
}));
process.exit(0);
}

// --- a worker: COUNT subscribers ---------------------------------------------------------------
async function subscriberWorker({ w, count, total, wsUrl, dept, counters }) {
  const got = Array.from({ length: count }, () => new Uint8Array(total + 1));
  const histogram = new Uint32Array(600001); // 0.1 ms buckets up to 60 s
  let duplicates = 0; let foreign = 0; let errors = 0; let completes = 0; let closes = 0; let maxMs = 0;
  const errorSamples = [];
  const query = 'subscription($d: ID) { linkChanged(departmentId: $d) { kind employeeId extraData } }';
  const marker = '"extraData":"';
  const sockets = [];
  function open(i) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
      ws.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('{"type":"next"') && !text.includes('"errors"')) {
          // the hot path reads the one field it needs without parsing the whole message
          const at = text.indexOf(marker);
          const end = text.indexOf('"', at + marker.length);
          const x = text.slice(at + marker.length, end);
          const colon = x.indexOf(':');
          if (at < 0 || colon < 0) { foreign++; return; }
          const seq = Number(x.slice(0, colon));
          if (seq === 0) return; // warm-up
          const ms = Date.now() - Number(x.slice(colon + 1));
          if (got[i][seq]) { duplicates++; return; }
          got[i][seq] = 1;
          Atomics.add(counters, w, 1);
          histogram[Math.min(600000, Math.max(0, Math.round(ms * 10)))]++;
          if (ms > maxMs) maxMs = ms;
          return;
        }
        const m = JSON.parse(text);
        if (m.type === 'connection_ack') {
          ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: { d: dept } } }));
          resolve(ws);
        } else if (m.type === 'next') {
          errors++;
          if (errorSamples.length < 3) errorSamples.push(m.payload.errors[0].message);
        } else if (m.type === 'ping') {
          ws.send(JSON.stringify({ type: 'pong' }));
        } else if (m.type === 'complete') {
          completes++;
        } else if (m.type === 'error') {
          errors++;
        }
      });
      ws.on('close', () => { closes++; });
      ws.on('error', reject);
    });
  }
  for (let i = 0; i < count; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 50); j++) batch.push(open(j));
    sockets.push(...await Promise.all(batch));
  }
  parentPort.postMessage('ready');
  parentPort.once('message', ({ acked }) => {
    let delivered = 0;
    for (const row of got) for (let seq = 1; seq <= total; seq++) if (row[seq] && acked[seq]) delivered++;
    for (const ws of sockets) ws.close();
    parentPort.postMessage({ delivered, duplicates, foreign, errors, errorSamples, completes, closes, maxMs, histogram: histogram.buffer },
      [histogram.buffer]);
  });
}

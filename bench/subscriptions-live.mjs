// Live query load: SUBSCRIBERS WebSocket clients (graphql-transport-ws), each with one live query of
// Q1's shape on one of DEPARTMENTS departments (subscriber i on department i % DEPARTMENTS, so
// DEPARTMENTS distinct queries), while a writer sends RATE updateLink mutations a second for SECONDS
// seconds over HTTP, spread over the departments. Each update's extraData carries its sequence number
// and the time it was sent: a subscriber seeing a sequence number for the first time measures its
// latency (updates superseded before a message are never seen: coalescing). At the end every
// subscriber's last answer is compared with a fresh query of its department (stale = different; a
// subscription that was refused or ended with an error counts as an error, not as stale).
// Prints one JSON object. Run by bench/subscriptions-live.sh (needs `ws` in bench/node_modules).
import WebSocket from 'ws';
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const LIVE = 'subscription Q1($id: ID!) { department(id: $id) { id name employeeLinks(first: 50) { extraData employee { id name } } } }';

if (!isMainThread) {
  await subscriberWorker(workerData);
} else {

const url = process.env.URL ?? 'http://127.0.0.1:8194';
const subscribers = Number(process.env.SUBSCRIBERS ?? 1000);
const departments = Number(process.env.DEPARTMENTS ?? 50);
const linksPer = Number(process.env.LINKS ?? 10);
const rate = Number(process.env.RATE ?? 200);
const seconds = Number(process.env.SECONDS ?? 30);
const settleMs = Number(process.env.SETTLE_MS ?? 5000);
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

// --- data: DEPARTMENTS departments, LINKS employees linked to each ---------------------------------
const depts = [];
const stamp = Date.now();
for (let d = 0; d < departments; d++) {
  const id = (await post('mutation($n: String!) { createDepartment(name: $n) { id } }', { n: `bench-live-${stamp}-${d}` })).createDepartment.id;
  const emps = [];
  for (let i = 0; i < linksPer; i++) {
    const e = (await post('mutation($n: String!) { createEmployee(name: $n) { id } }', { n: `live-${d}-${i}` })).createEmployee.id;
    await post('mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e, extraData: "0") { extraData } }', { d: id, e });
    emps.push(e);
  }
  depts.push({ id, emps });
}

// --- subscribers, in WORKERS worker threads ----------------------------------------------------------
const workers = Number(process.env.WORKERS ?? 2);
const total = rate * seconds;
const counters = new Int32Array(new SharedArrayBuffer(4 * workers)); // first answers received, per worker
const wsUrl = url.replace(/^http/, 'ws') + '/graphql';
const threads = [];
let from = 0;
for (let w = 0; w < workers; w++) {
  const count = Math.floor(subscribers / workers) + (w < subscribers % workers ? 1 : 0);
  const ids = Array.from({ length: count }, (_, k) => depts[(from + k) % departments].id);
  from += count;
  const worker = new Worker(new URL(import.meta.url), { workerData: { w, ids, total, wsUrl, counters } });
  threads.push({ worker, ready: new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); }) });
}
await Promise.all(threads.map((t) => t.ready));
for (let t = 0; t < 600 && counters.reduce((a, b) => a + b, 0) < subscribers; t++) await sleep(100);
const subscribed = await metric('relgraph_live_subscribers');
const liveQueries = await metric('relgraph_live_queries');

// --- warm-up: WARMUP_SECONDS at 10 updates a second, not measured ----------------------------------
const warmupSeconds = Number(process.env.WARMUP_SECONDS ?? 10);
for (let i = 0; i < warmupSeconds * 10; i++) {
  const d = depts[i % departments];
  await post('mutation($d: ID!, $e: ID!, $x: String) { updateLink(departmentId: $d, employeeId: $e, extraData: $x) { extraData } }',
    { d: d.id, e: d.emps[i % linksPer], x: `0:${i}` });
  await sleep(100);
}
await sleep(2000);

// --- writer: RATE updates a second, paced by the clock, over the departments in turn -----------------
const runsBefore = await metric('relgraph_live_runs_total');
const messagesBefore = await metric('relgraph_live_messages_total');
let sent = 0; let acknowledged = 0; let failed = 0;
const failures = [];
const startedAt = Date.now();
const inflight = new Set();
while (sent < total) {
  const due = startedAt + (sent * 1000) / rate;
  const wait = due - Date.now();
  if (wait > 0) await sleep(wait);
  const seq = ++sent;
  const d = depts[seq % departments];
  const e = d.emps[Math.floor(seq / departments) % linksPer];
  const p = post('mutation($d: ID!, $e: ID!, $x: String) { updateLink(departmentId: $d, employeeId: $e, extraData: $x) { extraData } }',
    { d: d.id, e, x: `${seq}:${Date.now()}` })
    .then(() => { acknowledged++; }, (err) => { failed++; if (failures.length < 3) failures.push(String(err.message).slice(0, 200)); })
    .finally(() => inflight.delete(p));
  inflight.add(p);
}
await Promise.all(inflight);
const writeSeconds = (Date.now() - startedAt) / 1000;
await sleep(settleMs);
const runs = (await metric('relgraph_live_runs_total')) - runsBefore;
const messages = (await metric('relgraph_live_messages_total')) - messagesBefore;

// --- the truth: a fresh query of every department ------------------------------------------------------
const fresh = {};
for (const d of depts) fresh[d.id] = JSON.stringify(await post(LIVE.replace('subscription', 'query'), { id: d.id }));

const reports = await Promise.all(threads.map((t) => new Promise((resolve) => {
  t.worker.once('message', resolve);
  t.worker.postMessage({ fresh });
})));
const histogram = new Uint32Array(600001);
let seen = 0; let stale = 0; let errors = 0; let received = 0; let maxMs = 0;
const errorSamples = [];
for (const r of reports) {
  seen += r.seen; stale += r.stale; errors += r.errors; received += r.received; maxMs = Math.max(maxMs, r.maxMs);
  errorSamples.push(...r.errorSamples.slice(0, 1));
  const h = new Uint32Array(r.histogram);
  for (let b = 0; b < h.length; b++) histogram[b] += h[b];
}
function percentile(p) {
  const n = histogram.reduce((a, b) => a + b, 0);
  const target = Math.ceil(n * p);
  let s = 0;
  for (let b = 0; b < histogram.length; b++) { s += histogram[b]; if (s >= target) return b === histogram.length - 1 ? '≥ 60000' : b / 10; }
  return NaN;
}
console.log(JSON.stringify({
  subscribers, subscribed, departments, liveQueries, rate, seconds, sent, acknowledged, failed, failures, writeSeconds,
  messagesReceived: received, messagesSent: messages, updatesSeen: seen, stale, errors, errorSamples,
  runs, statementsPerWrite: acknowledged ? Math.round((runs / acknowledged) * 1000) / 1000 : null,
  p50ms: percentile(0.5), p99ms: percentile(0.99), p999ms: percentile(0.999), maxMs,
}));
process.exit(0);
}

// --- a worker: one live query per id -------------------------------------------------------------------
async function subscriberWorker({ w, ids, total, wsUrl, counters }) {
  const count = ids.length;
  const got = Array.from({ length: count }, () => new Uint8Array(total + 1));
  const last = new Array(count).fill(null);
  const ended = new Uint8Array(count); // refused or ended with an error (counted as errors, not as stale)
  const histogram = new Uint32Array(600001); // 0.1 ms buckets up to 60 s
  let errors = 0; let received = 0; let seen = 0; let maxMs = 0;
  const errorSamples = [];
  const sockets = [];
  function open(i) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
      let first = true;
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
      ws.on('message', (data) => {
        const now = Date.now();
        const m = JSON.parse(data.toString());
        if (m.type === 'next' && !m.payload.errors) {
          received++;
          last[i] = JSON.stringify(m.payload.data);
          if (first) { first = false; Atomics.add(counters, w, 1); }
          for (const link of m.payload.data.department.employeeLinks) {
            const x = link.extraData ?? '0:0';
            const colon = x.indexOf(':');
            const seq = Number(x.slice(0, colon));
            if (seq <= 0 || seq > total || got[i][seq]) continue;
            got[i][seq] = 1;
            seen++;
            const ms = now - Number(x.slice(colon + 1));
            histogram[Math.min(600000, Math.max(0, Math.round(ms * 10)))]++;
            if (ms > maxMs) maxMs = ms;
          }
        } else if (m.type === 'connection_ack') {
          ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: LIVE, variables: { id: ids[i] } } }));
          resolve(ws);
        } else if (m.type === 'ping') {
          ws.send(JSON.stringify({ type: 'pong' }));
        } else if (m.type === 'next' || m.type === 'error') {
          errors++;
          ended[i] = 1;
          if (first) { first = false; Atomics.add(counters, w, 1); }
          if (errorSamples.length < 3) errorSamples.push(JSON.stringify(m.payload).slice(0, 200));
        }
      });
      ws.on('error', reject);
    });
  }
  for (let i = 0; i < count; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 50); j++) batch.push(open(j));
    sockets.push(...await Promise.all(batch));
  }
  parentPort.postMessage('ready');
  parentPort.once('message', ({ fresh }) => {
    let stale = 0;
    for (let i = 0; i < count; i++) if (!ended[i] && last[i] !== fresh[ids[i]]) stale++;
    for (const ws of sockets) ws.close();
    parentPort.postMessage({ seen, stale, errors, errorSamples, received, maxMs, histogram: histogram.buffer }, [histogram.buffer]);
  });
}

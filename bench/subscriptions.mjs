// Subscription load, for event subscriptions (KIND=events) or live queries (KIND=live): SUBSCRIBERS
// WebSocket clients (graphql-transport-ws) in WORKERS worker threads, while a writer sends RATE
// updateLink mutations a second for SECONDS seconds over HTTP. Each update's extraData carries its
// sequence number and the time it was sent, so a subscriber can tell which updates it saw and how late.
// - events: one linkChanged subscription per client on one department of LINKS links; every
//   acknowledged update must reach every subscriber (lost = expected - delivered).
// - live: one live query of Q1's shape per client, client i on department i % DEPARTMENTS (so
//   DEPARTMENTS distinct queries), LINKS links each, the writes spread over the departments; a
//   subscriber seeing a sequence number for the first time measures its latency (updates superseded
//   before a message are never seen: coalescing); at the end every subscriber's last answer is
//   compared with a fresh query (stale = different; a subscription refused or ended with an error
//   counts as an error, not as stale).
// Prints one JSON object with the figures. Run by bench/subscriptions.sh (needs `ws` in bench/node_modules).
import WebSocket from 'ws';
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const LIVE = 'subscription Q1($id: ID!) { department(id: $id) { id name employeeLinks(first: 50) { extraData employee { id name } } } }';
const EVENTS = 'subscription($d: ID) { linkChanged(departmentId: $d) { kind employeeId extraData } }';
const UPDATE = 'mutation($d: ID!, $e: ID!, $x: String) { updateLink(departmentId: $d, employeeId: $e, extraData: $x) { extraData } }';
const HISTOGRAM = 600001; // 0.1 ms buckets up to 60 s

if (!isMainThread) {
  await (workerData.kind === 'live' ? liveWorker(workerData) : eventsWorker(workerData));
} else {

const kind = process.env.KIND ?? 'events';
const live = kind === 'live';
const url = process.env.URL ?? 'http://127.0.0.1:8193';
const subscribers = Number(process.env.SUBSCRIBERS ?? 1000);
const departments = live ? Number(process.env.DEPARTMENTS ?? 50) : 1;
const linksPer = Number(process.env.LINKS ?? (live ? 10 : 200));
const rate = Number(process.env.RATE ?? 200);
const seconds = Number(process.env.SECONDS ?? 30);
const settleMs = Number(process.env.SETTLE_MS ?? (live ? 5000 : 10000));
const workers = Number(process.env.WORKERS ?? 2);
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

// --- data: DEPARTMENTS departments, LINKS employees linked to each ------------------------------
const depts = [];
const stamp = Date.now();
for (let d = 0; d < departments; d++) {
  const id = (await post('mutation($n: String!) { createDepartment(name: $n) { id } }', { n: `bench-${kind}-${stamp}-${d}` })).createDepartment.id;
  const emps = [];
  for (let i = 0; i < linksPer; i++) {
    const e = (await post('mutation($n: String!) { createEmployee(name: $n) { id } }', { n: `${kind}-${d}-${i}` })).createEmployee.id;
    await post('mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e, extraData: "0") { extraData } }', { d: id, e });
    emps.push(e);
  }
  depts.push({ id, emps });
}
// the link update number seq goes to
const target = (seq) => {
  const d = depts[seq % departments];
  return { d: d.id, e: d.emps[Math.floor(seq / departments) % linksPer] };
};

// --- subscribers, in worker threads, so that reading messages never delays the writer ----------------
const total = rate * seconds;
const counters = new Int32Array(new SharedArrayBuffer(4 * workers)); // events delivered / first answers, per worker
const startedBefore = await metric('relgraph_events_subscriptions_total');
const wsUrl = url.replace(/^http/, 'ws') + '/graphql';
const threads = [];
let from = 0;
for (let w = 0; w < workers; w++) {
  const count = Math.floor(subscribers / workers) + (w < subscribers % workers ? 1 : 0);
  const ids = Array.from({ length: count }, (_, k) => depts[(from + k) % departments].id);
  from += count;
  const worker = new Worker(new URL(import.meta.url), { workerData: { kind, w, ids, total, wsUrl, counters } });
  threads.push({ worker, ready: new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); }) });
}
await Promise.all(threads.map((t) => t.ready));
// wait until the server has started every subscription (events) / every subscriber has its first answer (live)
const settled = async () => (live ? counters.reduce((a, b) => a + b, 0)
  : (await metric('relgraph_events_subscriptions_total')) - startedBefore) >= subscribers;
for (let t = 0; t < 600 && !(await settled()); t++) await sleep(100);
const subscribed = live ? await metric('relgraph_live_subscribers') : (await metric('relgraph_events_subscriptions_total')) - startedBefore;
const liveQueries = await metric('relgraph_live_queries');
const selections = await metric('relgraph_events_selections');

// --- warm-up: WARMUP_SECONDS at 10 updates a second, not measured (a fresh JVM runs cold code) ------
const warmupSeconds = Number(process.env.WARMUP_SECONDS ?? 10);
for (let i = 0; i < warmupSeconds * 10; i++) {
  await post(UPDATE, { ...target(i), x: `0:${Date.now()}` });
  await sleep(100);
}
await sleep(2000);

// --- writer: RATE updates a second, paced by the clock -------------------------------------------------
const runsBefore = await metric('relgraph_live_runs_total');
const messagesBefore = await metric('relgraph_live_messages_total');
const answersBefore = await metric('relgraph_events_answers_total');
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
  const p = post(UPDATE, { ...target(seq), x: `${seq}:${Date.now()}` })
    .then(() => { acknowledged++; acked[seq] = 1; }, (err) => { failed++; if (failures.length < 3) failures.push(String(err.message).slice(0, 200)); })
    .finally(() => inflight.delete(p));
  inflight.add(p);
}
await Promise.all(inflight);
const writeSeconds = (Date.now() - startedAt) / 1000;

// --- settle: events until every acknowledged update reached every subscriber (or SETTLE_MS); live SETTLE_MS
const expected = acknowledged * subscribers;
const settleStart = Date.now();
if (live) {
  await sleep(settleMs);
} else {
  while (counters.reduce((a, b) => a + b, 0) < expected && Date.now() - settleStart < settleMs) await sleep(100);
}
const runs = (await metric('relgraph_live_runs_total')) - runsBefore;
const messages = (await metric('relgraph_live_messages_total')) - messagesBefore;
const answers = (await metric('relgraph_events_answers_total')) - answersBefore;
const overflows = await metric('relgraph_events_overflows_total');
const socketWaits = await metric('relgraph_events_socket_waits_total');

// --- the truth for live queries: a fresh query of every department ------------------------------------
const fresh = {};
if (live) for (const d of depts) fresh[d.id] = JSON.stringify(await post(LIVE.replace('subscription', 'query'), { id: d.id }));

const reports = await Promise.all(threads.map((t) => new Promise((resolve) => {
  t.worker.once('message', resolve);
  t.worker.postMessage({ acked, fresh });
})));
const histogram = new Uint32Array(HISTOGRAM);
const sum = (key) => reports.reduce((a, r) => a + r[key], 0);
const maxMs = Math.max(0, ...reports.map((r) => r.maxMs));
const errorSamples = reports.flatMap((r) => r.errorSamples.slice(0, 1));
for (const r of reports) {
  const h = new Uint32Array(r.histogram);
  for (let b = 0; b < h.length; b++) histogram[b] += h[b];
}
function percentile(p) {
  const n = histogram.reduce((a, b) => a + b, 0);
  const want = Math.ceil(n * p);
  let seen = 0;
  for (let b = 0; b < histogram.length; b++) { seen += histogram[b]; if (seen >= want) return b === histogram.length - 1 ? '≥ 60000' : b / 10; }
  return NaN;
}
const common = {
  kind, subscribers, subscribed, workers, departments, links: linksPer, rate, seconds, sent, acknowledged, failed, failures, writeSeconds,
  errors: sum('errors'), errorSamples, p50ms: percentile(0.5), p99ms: percentile(0.99), p999ms: percentile(0.999), maxMs,
};
console.log(JSON.stringify(live ? {
  ...common, liveQueries, messagesReceived: sum('received'), messagesSent: messages, updatesSeen: sum('seen'), stale: sum('stale'),
  runs, statementsPerWrite: acknowledged ? Math.round((runs / acknowledged) * 1000) / 1000 : null,
} : {
  ...common, selections, answers, expected, delivered: sum('delivered'), lost: expected - sum('delivered'), duplicates: sum('duplicates'),
  foreign: sum('foreign'), completes: sum('completes'), closes: sum('closes'), overflows, socketWaits,
}));
process.exit(0);
}

// --- a worker's sockets: one subscription each, opened 50 at a time ----------------------------------------
async function openAll(count, wsUrl, onMessage, subscribe) {
  const sockets = [];
  function open(i) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
      ws.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('{"type":"connection_ack"')) {
          ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: subscribe(i) }));
          resolve(ws);
        } else if (text.startsWith('{"type":"ping"')) {
          ws.send(JSON.stringify({ type: 'pong' }));
        } else {
          onMessage(i, text);
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
  return sockets;
}

function record(histogram, ms, state) {
  histogram[Math.min(HISTOGRAM - 1, Math.max(0, Math.round(ms * 10)))]++;
  if (ms > state.maxMs) state.maxMs = ms;
}

// --- events: count every update each subscriber got, once --------------------------------------------------
async function eventsWorker({ w, ids, total, wsUrl, counters }) {
  const count = ids.length;
  const got = Array.from({ length: count }, () => new Uint8Array(total + 1));
  const histogram = new Uint32Array(HISTOGRAM);
  const s = { duplicates: 0, foreign: 0, errors: 0, completes: 0, closes: 0, maxMs: 0, errorSamples: [] };
  const marker = '"extraData":"';
  const sockets = await openAll(count, wsUrl, (i, text) => {
    if (text.startsWith('{"type":"next"') && !text.includes('"errors"')) {
      // the hot path reads the one field it needs without parsing the whole message
      const at = text.indexOf(marker);
      const end = text.indexOf('"', at + marker.length);
      const x = text.slice(at + marker.length, end);
      const colon = x.indexOf(':');
      if (at < 0 || colon < 0) { s.foreign++; return; }
      const seq = Number(x.slice(0, colon));
      if (seq === 0) return; // warm-up
      if (got[i][seq]) { s.duplicates++; return; }
      got[i][seq] = 1;
      Atomics.add(counters, w, 1);
      record(histogram, Date.now() - Number(x.slice(colon + 1)), s);
      return;
    }
    const m = JSON.parse(text);
    if (m.type === 'complete') s.completes++;
    else if (m.type === 'next' || m.type === 'error') {
      s.errors++;
      if (s.errorSamples.length < 3) s.errorSamples.push(JSON.stringify(m.payload).slice(0, 200));
    }
  }, (i) => ({ query: EVENTS, variables: { d: ids[i] } }));
  for (const ws of sockets) ws.on('close', () => { s.closes++; });
  parentPort.postMessage('ready');
  parentPort.once('message', ({ acked }) => {
    let delivered = 0;
    for (const row of got) for (let seq = 1; seq <= total; seq++) if (row[seq] && acked[seq]) delivered++;
    for (const ws of sockets) ws.close();
    parentPort.postMessage({ ...s, delivered, histogram: histogram.buffer }, [histogram.buffer]);
  });
}

// --- live: the first sight of each update, and each subscriber's last answer ---------------------------------
async function liveWorker({ w, ids, total, wsUrl, counters }) {
  const count = ids.length;
  const got = Array.from({ length: count }, () => new Uint8Array(total + 1));
  const last = new Array(count).fill(null);
  const first = new Uint8Array(count).fill(1);
  const ended = new Uint8Array(count); // refused or ended with an error (counted as errors, not as stale)
  const histogram = new Uint32Array(HISTOGRAM);
  const s = { errors: 0, received: 0, seen: 0, maxMs: 0, errorSamples: [] };
  const sockets = await openAll(count, wsUrl, (i, text) => {
    const now = Date.now();
    const m = JSON.parse(text);
    if (m.type === 'next' && !m.payload.errors) {
      s.received++;
      last[i] = JSON.stringify(m.payload.data);
      if (first[i]) { first[i] = 0; Atomics.add(counters, w, 1); }
      for (const link of m.payload.data.department.employeeLinks) {
        const x = link.extraData ?? '0:0';
        const colon = x.indexOf(':');
        const seq = Number(x.slice(0, colon));
        if (seq <= 0 || seq > total || got[i][seq]) continue;
        got[i][seq] = 1;
        s.seen++;
        record(histogram, now - Number(x.slice(colon + 1)), s);
      }
    } else if (m.type === 'next' || m.type === 'error') {
      s.errors++;
      ended[i] = 1;
      if (first[i]) { first[i] = 0; Atomics.add(counters, w, 1); }
      if (s.errorSamples.length < 3) s.errorSamples.push(JSON.stringify(m.payload).slice(0, 200));
    }
  }, (i) => ({ query: LIVE, variables: { id: ids[i] } }));
  parentPort.postMessage('ready');
  parentPort.once('message', ({ fresh }) => {
    let stale = 0;
    for (let i = 0; i < count; i++) if (!ended[i] && last[i] !== fresh[ids[i]]) stale++;
    for (const ws of sockets) ws.close();
    parentPort.postMessage({ ...s, stale, histogram: histogram.buffer }, [histogram.buffer]);
  });
}

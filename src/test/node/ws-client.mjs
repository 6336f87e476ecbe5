// The graphql-ws client library (what Apollo Client and urql use for subscriptions) against a running server.
// Usage: node ws-client.mjs http://127.0.0.1:8080/graphql <admin token>
// Prints one JSON line per step: {step, ok, detail}; exits 1 if a step failed.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [http, token] = process.argv.slice(2);
const ws = http.replace(/^http/, 'ws');
const results = [];
const step = (name, ok, detail) => results.push({ step: name, ok, detail });
const client = (params) => createClient({ url: ws, webSocketImpl: WebSocket, connectionParams: params, retryAttempts: 0, lazy: true });
const post = async (query, variables) => (await fetch(http, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query, variables }),
})).json();
const withTimeout = (p, ms, what) => Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))]);

const anonymous = client({});
try {
  // 1. a subscription sees a change made over HTTP
  const name = `ws-${Date.now()}`;
  const created = await post('mutation($n: String!) { createDepartment(name: $n) { id } }', { n: name });
  const id = created.data.createDepartment.id;
  const events = anonymous.iterate({ query: `subscription { departmentChanged(id: ${id}) { kind department { name } } }` });
  const first = events.next();
  let event;
  for (let i = 0; i < 50 && !event; i++) { // the subscription starts in the background: rename until one arrives
    await post('mutation($id: ID!, $n: String!) { renameDepartment(id: $id, name: $n) { id } }', { id, n: `${name}-${i}` });
    event = await Promise.race([first, new Promise((r) => setTimeout(() => r(undefined), 200))]);
  }
  step('subscription', !!event && event.value?.data?.departmentChanged?.kind === 'RENAMED', event?.value ?? 'no event');
  await events.return?.();

  // 2. a query over the socket
  const q = await withTimeout(anonymous.iterate({ query: `{ department(id: ${id}) { id } }` }).next(), 10000, 'answer');
  step('query over the socket', q.value?.data?.department?.id === String(id), q.value);

  // 3. a subscription the server refuses (validation) ends with an error, and the client stays usable
  let refusal;
  try {
    for await (const x of anonymous.iterate({ query: 'subscription { noSuchField }' })) { refusal = x; break; }
  } catch (e) {
    refusal = e;
  }
  const errors = Array.isArray(refusal) ? refusal : refusal?.errors;
  step('refused subscription', Array.isArray(errors) && errors.length > 0 && !!errors[0].message, refusal);

  // 4. a mutation over the socket without a token is refused with UNAUTHORIZED
  // (graphql-ws hands an operation the server ends with an error message to the caller as a thrown array)
  const m = await withTimeout(anonymous.iterate({ query: 'mutation { createDepartment(name: "ws-no-token") { id } }' }).next()
    .then((x) => x.value?.errors, (e) => e), 10000, 'answer');
  step('unauthorized mutation', Array.isArray(m) && m[0]?.extensions?.code === 'UNAUTHORIZED', m);

  // 5. with the token in connection_init it is allowed
  const admin = client({ Authorization: `Bearer ${token}` });
  const n = `ws-token-${Date.now()}`;
  const ok = await withTimeout(admin.iterate({ query: 'mutation($n: String!) { createDepartment(name: $n) { name } }', variables: { n } }).next(), 10000, 'answer');
  step('mutation with the token in connection_init', ok.value?.data?.createDepartment?.name === n, ok.value);
  await admin.dispose();
} catch (e) {
  step('unexpected', false, String(e?.stack ?? e));
} finally {
  await anonymous.dispose();
}
for (const r of results) console.log(JSON.stringify(r));
process.exit(results.every((r) => r.ok) ? 0 : 1);

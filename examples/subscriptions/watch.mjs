// Runs one subscription over graphql-transport-ws and prints each event, with nothing but Node:
//   node --experimental-websocket examples/subscriptions/watch.mjs FILE.graphql ['{"var": "value"}'] [ws://localhost:8080/graphql]
// (Node 22 and later have WebSocket without the flag.) Stop with Ctrl-C.
import { readFileSync } from 'node:fs';

const [file, variables = '{}', url = 'ws://localhost:8080/graphql'] = process.argv.slice(2);
const ws = new WebSocket(url, 'graphql-transport-ws');
ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
ws.onmessage = ({ data }) => {
  const m = JSON.parse(data);
  if (m.type === 'connection_ack') {
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: readFileSync(file, 'utf8'), variables: JSON.parse(variables) } }));
  } else if (m.type === 'ping') {
    ws.send(JSON.stringify({ type: 'pong' }));
  } else if (m.type === 'next') {
    console.log(JSON.stringify(m.payload));
  } else if (m.type === 'error' || m.type === 'complete') {
    console.log(m.type, JSON.stringify(m.payload ?? {}));
    ws.close();
  }
};
ws.onclose = ({ code, reason }) => { if (code !== 1000) console.error('closed', code, reason); process.exit(code === 1000 ? 0 : 1); };

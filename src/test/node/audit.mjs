// The GraphQL-over-HTTP spec's own audit suite (graphql-http's auditServer) against a running server.
// Usage: node audit.mjs http://127.0.0.1:8080/graphql  → one JSON line per audit: {id, name, status, reason}
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}
const results = await auditServer({ url });
for (const r of results) {
  console.log(JSON.stringify({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? null }));
}

// The registry benchmark's baseline: a bare node:http server that answers every request with the
// same small JSON body (what no real endpoint can beat on this machine).
import { createServer } from "node:http";

const body = JSON.stringify({ id: 1, schema: '{"type":"string"}' });
const server = createServer((req, res) => {
  req.resume();
  req.once("end", () => {
    res.writeHead(200, { "content-type": "application/vnd.schemaregistry.v1+json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(Number(process.argv[2]), "127.0.0.1", () => process.send?.("ready"));

// A RabbitMQ destination as one string for the adapter contract: "<vhost>/<name>", each part
// URI-encoded, so the default vhost "/" and names with slashes stay unambiguous.
export function rabbitDestination(vhost: string, name: string): string {
  return `${encodeURIComponent(vhost)}/${encodeURIComponent(name)}`;
}

export function parseRabbitDestination(destination: string): { vhost: string; name: string } {
  const at = destination.indexOf("/");
  if (at < 0) return { vhost: "/", name: destination };
  return { vhost: decodeURIComponent(destination.slice(0, at)), name: decodeURIComponent(destination.slice(at + 1)) };
}

/**
 * DNS rebinding and cross-site requests: a page on another site can make the browser talk to
 * 127.0.0.1, but its requests carry that site's name in Host (rebinding) or Origin (fetch, forms,
 * EventSource). Only our own address, by IP or as localhost, with our port, is let through.
 */
import type { IncomingHttpHeaders } from 'node:http';

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Undefined when the request may be served; otherwise why not, in one line. */
export function refusal(headers: IncomingHttpHeaders, port: number): string | undefined {
  const hosts = allowedHosts(port);
  const host = headers.host?.toLowerCase();
  if (!host || !hosts.includes(host)) return `Host ${JSON.stringify(headers.host ?? '')} is not this server's (it answers to ${hosts.join(' or ')} only).`;
  const origin = headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) return `Origin ${JSON.stringify(origin)} is not this server's.`;
  return undefined;
}

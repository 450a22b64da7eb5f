import { isIP } from 'node:net';

/** How the HTTP listener is protected in transit. */
export type TransportSecurity = { mode: 'loopback' } | { mode: 'https'; certFile: string; keyFile: string } | { mode: 'behind-tls-proxy' };

const VARIABLES = 'CROSSLANE_TLS_CERT and CROSSLANE_TLS_KEY (PEM files) to serve HTTPS, or CROSSLANE_BEHIND_TLS_PROXY=true';

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, their IPv4-mapped form, and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h) || h === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * Decides whether the API may listen on `host` and how (issue 17: member
 * data must be encrypted in transit). On a loopback address plain HTTP
 * never leaves the machine. Anywhere else it serves HTTPS with the given
 * certificate and key, or plain HTTP only when the operator says a
 * TLS-terminating proxy is in front; otherwise it refuses, naming the
 * variables, rather than put member data on the network in clear.
 * Example: transportSecurity({ host: '0.0.0.0' }) throws; transportSecurity({ host: '127.0.0.1' }) is { mode: 'loopback' }.
 */
export function transportSecurity(env: { host: string; tlsCert?: string; tlsKey?: string; behindTlsProxy?: string }): TransportSecurity {
  const cert = env.tlsCert?.trim() || undefined;
  const key = env.tlsKey?.trim() || undefined;
  if (cert && key) return { mode: 'https', certFile: cert, keyFile: key };
  if (cert || key) {
    throw new Error(
      `${cert ? 'CROSSLANE_TLS_CERT' : 'CROSSLANE_TLS_KEY'} is set but ${cert ? 'CROSSLANE_TLS_KEY' : 'CROSSLANE_TLS_CERT'} is not: HTTPS needs both (PEM files)`,
    );
  }
  if (isLoopbackHost(env.host)) return { mode: 'loopback' };
  const proxy = env.behindTlsProxy?.trim().toLowerCase();
  if (proxy === 'true') return { mode: 'behind-tls-proxy' };
  if (proxy && proxy !== 'false') throw new Error(`CROSSLANE_BEHIND_TLS_PROXY must be true or false; got "${env.behindTlsProxy}"`);
  throw new Error(
    `Refusing to serve plain HTTP on HOST=${env.host}, which other machines can reach: member data must be encrypted in transit. ` +
      `Set ${VARIABLES} when a TLS-terminating proxy is in front (docs/operations.md, "TLS"); or set HOST=127.0.0.1.`,
  );
}

import { describe, expect, it } from 'vitest';
import { isLoopbackHost, transportSecurity } from './transport-security';

describe('transportSecurity', () => {
  it('serves plain HTTP on a loopback address, the npm start default', () => {
    for (const host of ['127.0.0.1', '127.8.0.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(transportSecurity({ host }), host).toEqual({ mode: 'loopback' });
  });

  it('refuses a non-loopback HOST without TLS or a declared proxy, naming the variables', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'crosslane.example.com']) {
      expect(() => transportSecurity({ host }), host).toThrow(/CROSSLANE_TLS_CERT and CROSSLANE_TLS_KEY.*CROSSLANE_BEHIND_TLS_PROXY=true/);
      expect(() => transportSecurity({ host, behindTlsProxy: 'false' }), host).toThrow(/Refusing to serve plain HTTP on HOST=/);
    }
  });

  it('serves HTTPS with a certificate and a key, on any host', () => {
    expect(transportSecurity({ host: '0.0.0.0', tlsCert: '/etc/c.pem', tlsKey: '/etc/k.pem' })).toEqual({
      mode: 'https',
      certFile: '/etc/c.pem',
      keyFile: '/etc/k.pem',
    });
    expect(transportSecurity({ host: '127.0.0.1', tlsCert: '/c', tlsKey: '/k' }).mode).toBe('https');
  });

  it('serves plain HTTP on a public HOST only when a TLS proxy is declared in front', () => {
    expect(transportSecurity({ host: '0.0.0.0', behindTlsProxy: 'true' })).toEqual({ mode: 'behind-tls-proxy' });
    expect(() => transportSecurity({ host: '0.0.0.0', behindTlsProxy: 'yes' })).toThrow(
      'CROSSLANE_BEHIND_TLS_PROXY must be true or false; got "yes"',
    );
  });

  it('refuses half a TLS configuration rather than fall back to clear text', () => {
    expect(() => transportSecurity({ host: '127.0.0.1', tlsCert: '/c' })).toThrow(
      'CROSSLANE_TLS_CERT is set but CROSSLANE_TLS_KEY is not: HTTPS needs both (PEM files)',
    );
    expect(() => transportSecurity({ host: '0.0.0.0', tlsKey: '/k', behindTlsProxy: 'true' })).toThrow(
      /CROSSLANE_TLS_KEY is set but CROSSLANE_TLS_CERT/,
    );
  });

  it('knows loopback from reachable addresses', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('::2')).toBe(false);
  });
});

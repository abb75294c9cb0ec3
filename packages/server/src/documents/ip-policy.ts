// Which IP addresses a server-side download may reach: refuses loopback, private, link-local, CGNAT,
// unspecified, multicast/reserved and cloud metadata addresses (also when embedded in IPv6 forms).
import net from 'node:net';

/** Why an address is not public, or null when it is. */
export function blockedReason(address: string): string | null {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (net.isIPv4(ip)) return v4Reason(v4Bytes(ip));
  if (net.isIPv6(ip)) return v6Reason(v6Bytes(ip));
  return 'not an IP address';
}

function v4Bytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

function v4Reason([a, b, c, d]: number[]): string | null {
  if (a === 169 && b === 254 && c === 169 && d === 254) return 'cloud metadata address';
  if (a === 0) return 'unspecified address (0.0.0.0/8)';
  if (a === 127) return 'loopback address';
  if (a === 10) return 'private address (10.0.0.0/8)';
  if (a === 172 && b >= 16 && b <= 31) return 'private address (172.16.0.0/12)';
  if (a === 192 && b === 168) return 'private address (192.168.0.0/16)';
  if (a === 169 && b === 254) return 'link-local address';
  if (a === 100 && b >= 64 && b <= 127) return 'shared CGNAT address (100.64.0.0/10)';
  if (a === 192 && b === 0 && c === 0) return 'IETF protocol assignment (192.0.0.0/24)';
  if (a === 198 && (b === 18 || b === 19)) return 'benchmarking address (198.18.0.0/15)';
  if (a >= 224) return 'multicast or reserved address';
  return null;
}

/** 16 bytes of an IPv6 address (handles :: compression and a trailing dotted IPv4 part). */
function v6Bytes(ip: string): number[] {
  let s = ip.toLowerCase();
  const dotted = s.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = v4Bytes(dotted[1]);
    s = s.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail.length > 0 ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => {
    const n = parseInt(g || '0', 16);
    return [(n >> 8) & 0xff, n & 0xff];
  });
}

function v6Reason(b: number[]): string | null {
  const zeroUpTo = (n: number) => b.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(15) && b[15] === 0) return 'unspecified address (::)';
  if (zeroUpTo(15) && b[15] === 1) return 'loopback address (::1)';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) embed an IPv4 address.
  if (zeroUpTo(10) && b[10] === 0xff && b[11] === 0xff) return v4Reason(b.slice(12));
  if (zeroUpTo(12)) return v4Reason(b.slice(12));
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b.slice(4, 12).every((x) => x === 0)) return v4Reason(b.slice(12));
  if (b[0] === 0x20 && b[1] === 0x02) return v4Reason(b.slice(2, 6)); // 6to4
  if ((b[0] & 0xfe) === 0xfc) return b[0] === 0xfd && b[1] === 0x00 && b[2] === 0x0e && b[3] === 0xc2 ? 'cloud metadata address' : 'unique local address (fc00::/7)';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'link-local address (fe80::/10)';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return 'site-local address (fec0::/10)';
  if (b[0] === 0xff) return 'multicast address';
  return null;
}

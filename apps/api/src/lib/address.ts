import { isIPv6 } from 'node:net';

/**
 * The key that per-address limits count a caller under: an IPv4 address as it is (also when written
 * IPv4-mapped, `::ffff:192.0.2.1`), an IPv6 address by its /64 prefix. One IPv6 subscriber usually
 * gets a whole /64 (RFC 6177), so counting full addresses would give each caller ~2^64 fresh buckets.
 * (@fastify/rate-limit, behind the routes' `rateLimit` options, does the same by default; this is for
 * Portico's own counters.)
 */
export function addressKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower case without leading zeros (zone id dropped). */
function expandIPv6(ip: string): string[] {
  const address = ip.split('%')[0] as string;
  const [head = '', tail] = address.split('::') as [string, string | undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  // An embedded IPv4 tail (`::1.2.3.4`) counts as two groups; only the first four matter here.
  const toGroups = (part: string) =>
    groups(part).flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));
  const left = toGroups(head);
  const right = tail === undefined ? [] : toGroups(tail);
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((group) =>
    Number.parseInt(group, 16).toString(16),
  );
}

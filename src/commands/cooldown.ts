// A per-user cooldown so one member cannot flood a channel: at most `limit` commands in any
// `windowMs`. Memory holds only users active within the window (and at most maxUsers of them);
// the clock is injectable for tests.
// It lives in each process: behind several HTTP replicas it is per replica, which is enough to
// stop a flood from one client, not a global quota.
export interface Cooldown {
  /** Milliseconds the user must wait, or 0 when the command may run now (and is counted). */
  take(userId: string): number;
  /** Users it holds an entry for (for tests and diagnostics). */
  size(): number;
}

export function createCooldown({
  limit = 5,
  windowMs = 10_000,
  maxUsers = 50_000,
  now = () => Date.now(),
} = {}): Cooldown {
  const recent = new Map<string, number[]>();
  return {
    take(userId) {
      const t = now();
      // Users whose last counted command has left the window are not limited, so their entries
      // say nothing: drop them. Map order is the order of last counted commands (see below), so
      // they are all at the front; memory stays with the users of the last windowMs.
      for (const [id, ts] of recent) {
        if (t - ts[ts.length - 1]! < windowMs) break;
        recent.delete(id);
      }
      const times = (recent.get(userId) ?? []).filter((x) => t - x < windowMs);
      if (times.length >= limit) {
        recent.set(userId, times);
        return windowMs - (t - times[0]!);
      }
      times.push(t);
      recent.delete(userId); // re-insert: Map order doubles as least-recently-used order
      recent.set(userId, times);
      if (recent.size > maxUsers) recent.delete(recent.keys().next().value!);
      return 0;
    },
    size: () => recent.size,
  };
}

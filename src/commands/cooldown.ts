// A per-user cooldown so one member cannot flood a channel: at most `limit` commands in any
// `windowMs`. Memory is bounded (old users are swept), and the clock is injectable for tests.
// It lives in each process: behind several HTTP replicas it is per replica, which is enough to
// stop a flood from one client, not a global quota.
export interface Cooldown {
  /** Milliseconds the user must wait, or 0 when the command may run now (and is counted). */
  take(userId: string): number;
}

export function createCooldown({ limit = 5, windowMs = 10_000, maxUsers = 50_000, now = () => Date.now() } = {}): Cooldown {
  const recent = new Map<string, number[]>();
  return {
    take(userId) {
      const t = now();
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
  };
}

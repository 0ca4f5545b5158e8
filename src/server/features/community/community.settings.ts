// The community's settings, read from the environment once at start (README lists them).
import { ConfigError } from '../../config.ts';

export interface CommunitySettings {
  /** How long after posting its author may edit a post. */
  editWindowMinutes: number;
  /** Accounts younger than this are "new" and get the stricter posting limit. */
  newAccountDays: number;
  newAccountPostsPerHour: number;
  postsPerHour: number;
}

function int(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(name, `must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function communitySettings(env: Record<string, string | undefined>): CommunitySettings {
  return {
    editWindowMinutes: int(env, 'LOTUS_COMMUNITY_EDIT_MINUTES', 30, 0, 10_080),
    newAccountDays: int(env, 'LOTUS_COMMUNITY_NEW_ACCOUNT_DAYS', 7, 0, 365),
    newAccountPostsPerHour: int(env, 'LOTUS_COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR', 5, 1, 10_000),
    postsPerHour: int(env, 'LOTUS_COMMUNITY_POSTS_PER_HOUR', 60, 1, 100_000),
  };
}

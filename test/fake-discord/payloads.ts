// Discord API objects for the fake Discord: ids, the bot user, one guild with one text channel,
// and the INTERACTION_CREATE payloads (slash command, autocomplete, button) the fake dispatches.
// Shapes follow Discord's API v10 closely enough for discord.js to build its structures from them.
import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A fresh, time-ordered snowflake (never repeats within a process); `at` back-dates it. */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** An interaction token: opaque, URL-safe, long like the real ones. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
}

export interface FakeIds {
  applicationId: string;
  botUserId: string;
  guildId: string;
  channelId: string;
  userId: string;
}

export function botUser(ids: FakeIds) {
  return {
    id: ids.botUserId,
    username: 'incident-desk',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
    verified: true,
    mfa_enabled: false,
    flags: 0,
  };
}

export function humanUser(ids: FakeIds) {
  return {
    id: ids.userId,
    username: 'tester',
    discriminator: '0',
    global_name: 'Tester',
    avatar: null,
    public_flags: 0,
  };
}

export function textChannel(ids: FakeIds) {
  return {
    id: ids.channelId,
    type: 0,
    guild_id: ids.guildId,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    parent_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function member(user: object, joinedAt: string) {
  return {
    user,
    roles: [],
    nick: null,
    avatar: null,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
  };
}

/** The GUILD_CREATE payload: one guild, its @everyone role, one text channel and the bot as member. */
export function guild(ids: FakeIds) {
  const joinedAt = new Date().toISOString();
  return {
    id: ids.guildId,
    name: 'Fake Guild',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: ids.userId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: ids.guildId,
        name: '@everyone',
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: '1071698660929',
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    max_members: 500000,
    max_video_channel_users: 25,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [member(botUser(ids), joinedAt)],
    channels: [textChannel(ids)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** Fields every guild interaction carries; without entitlements/authorizing_integration_owners discord.js drops it. */
function base(ids: FakeIds, type: number, id: string, token: string) {
  return {
    id,
    application_id: ids.applicationId,
    type,
    token,
    version: 1,
    guild_id: ids.guildId,
    guild: { id: ids.guildId, locale: 'en-US', features: [] },
    channel_id: ids.channelId,
    channel: {
      id: ids.channelId,
      type: 0,
      guild_id: ids.guildId,
      name: 'general',
      permissions: '1071698660929',
      flags: 0,
    },
    member: { ...member(humanUser(ids), '2019-11-01T00:00:00.000Z'), permissions: '1071698660929' },
    app_permissions: '1071698660929',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': ids.guildId },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

export type RawInteraction = ReturnType<typeof base> & {
  data: Record<string, unknown>;
  message?: Record<string, unknown>;
};

/** Option name → string value, as Discord sends STRING (type 3) options. */
export type StringOptions = Record<string, string>;

function stringOptions(options: StringOptions, focused?: string) {
  return Object.entries(options).map(([name, value]) =>
    name === focused ? { name, type: 3, value, focused: true } : { name, type: 3, value },
  );
}

/** type 2 APPLICATION_COMMAND, data.type 1 CHAT_INPUT. */
export function chatInputInteraction(
  ids: FakeIds,
  commandId: string,
  name: string,
  options: StringOptions,
  id = snowflake(),
  token = interactionToken(),
): RawInteraction {
  const data: Record<string, unknown> = { id: commandId, name, type: 1, guild_id: ids.guildId };
  if (Object.keys(options).length > 0) data.options = stringOptions(options);
  return { ...base(ids, 2, id, token), data };
}

/** type 4 APPLICATION_COMMAND_AUTOCOMPLETE: the option being typed has focused: true. */
export function autocompleteInteraction(
  ids: FakeIds,
  commandId: string,
  name: string,
  options: StringOptions,
  focused: string,
  id = snowflake(),
  token = interactionToken(),
): RawInteraction {
  return {
    ...base(ids, 4, id, token),
    data: { id: commandId, name, type: 1, guild_id: ids.guildId, options: stringOptions(options, focused) },
  };
}

/** A message as Discord sends it in a component interaction: the bot's earlier reply. */
export function botMessage(
  ids: FakeIds,
  content: { embeds?: unknown[]; components?: unknown[]; content?: string; flags?: number },
  id = snowflake(),
) {
  return {
    id,
    channel_id: ids.channelId,
    guild_id: ids.guildId,
    author: botUser(ids),
    content: content.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    attachments: [],
    embeds: content.embeds ?? [],
    components: content.components ?? [],
    reactions: [],
    pinned: false,
    type: 20,
    flags: content.flags ?? 0,
    application_id: ids.applicationId,
    webhook_id: ids.applicationId,
  };
}

/** type 3 MESSAGE_COMPONENT for a button (component_type 2) on `message`, pressed by `by` (default: the tester). */
export function buttonInteraction(
  ids: FakeIds,
  customId: string,
  message: Record<string, unknown>,
  by?: string,
  id = snowflake(),
  token = interactionToken(),
): RawInteraction {
  return asUser({ ...base(ids, 3, id, token), data: { custom_id: customId, component_type: 2 }, message }, by);
}

/** type 3 MESSAGE_COMPONENT for a string select (component_type 3) with the chosen values. */
export function selectInteraction(
  ids: FakeIds,
  customId: string,
  values: string[],
  message: Record<string, unknown>,
  by?: string,
  id = snowflake(),
  token = interactionToken(),
): RawInteraction {
  return asUser({ ...base(ids, 3, id, token), data: { custom_id: customId, component_type: 3, values }, message }, by);
}

/** type 2 APPLICATION_COMMAND, data.type 3 MESSAGE: a message command on `target` (resolved, as Discord sends it). */
export function messageCommandInteraction(
  ids: FakeIds,
  commandId: string,
  name: string,
  target: Record<string, unknown>,
  id = snowflake(),
  token = interactionToken(),
): RawInteraction {
  const targetId = String(target.id);
  return {
    ...base(ids, 2, id, token),
    data: {
      id: commandId,
      name,
      type: 3,
      guild_id: ids.guildId,
      target_id: targetId,
      resolved: { messages: { [targetId]: target } },
    },
  };
}

/** A member's message in the guild's channel, as a message command's target. */
export function memberMessage(ids: FakeIds, content: string, embeds: unknown[] = [], id = snowflake()) {
  return {
    ...botMessage(ids, { content, embeds }, id),
    author: humanUser(ids),
    type: 0,
    application_id: undefined,
    webhook_id: undefined,
  };
}

/** type 5 MODAL_SUBMIT: a form sent back, its text fields by custom_id, opened from a button on `message`. */
export function modalSubmitInteraction(
  ids: FakeIds,
  customId: string,
  fields: Record<string, string>,
  message?: Record<string, unknown>,
  by?: string,
  id = snowflake(),
  token = interactionToken(),
): RawInteraction {
  const components = Object.entries(fields).map(([custom_id, value]) => ({
    type: 1,
    components: [{ type: 4, custom_id, value }],
  }));
  return asUser(
    { ...base(ids, 5, id, token), data: { custom_id: customId, components }, ...(message ? { message } : {}) },
    by,
  );
}

/** The same interaction from another member of the guild. */
function asUser(raw: RawInteraction, userId?: string): RawInteraction {
  if (!userId) return raw;
  const user = {
    id: userId,
    username: `member-${userId.slice(-4)}`,
    discriminator: '0',
    global_name: null,
    avatar: null,
    public_flags: 0,
  };
  return { ...raw, member: { ...raw.member, user } };
}

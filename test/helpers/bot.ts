// One loaded bot per test file: the real knowledge base, commands and dispatcher.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCore } from '../../src/answers/core.ts';
import type { Logger } from 'pino';
import type { Cooldown } from '../../src/commands/cooldown.ts';
import { createDispatcher, type Dispatcher } from '../../src/commands/dispatch.ts';
import type { Curator } from '../../src/curator/curator.ts';
import { createDesk, type Desk } from '../../src/desk.ts';
import { loadCommands } from '../../src/commands/load.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/kb/load.ts';
import { LIMITS } from '../../src/discord-api.ts';
import type { MessagePayload } from '../../src/render/discord.ts';

export const core = createCore();
export const commands = await loadCommands();
export const errors: unknown[] = [];
export const dispatcher = createDispatcher(commands, core, { error: (obj: unknown) => void errors.push(obj) } as never);

/** For tests that send many interactions as one user: a cooldown that never holds anyone back. */
export const NO_COOLDOWN: Cooldown = { take: async () => 0 };

/** The desk the transports take, over a dispatcher; nothing recorded unless a curator is given. */
export function deskOf(
  d: Dispatcher = dispatcher,
  cooldown: Cooldown = NO_COOLDOWN,
  curator: Curator | null = null,
  log: Pick<Logger, 'warn' | 'error'> = {
    warn: (obj: unknown) => void errors.push(obj),
    error: (obj: unknown) => void errors.push(obj),
  } as never,
): Desk {
  return createDesk({ dispatcher: d, core, log, cooldown, curator });
}
export const desk = deskOf();

const articles = core.kb.sources.map((s) => readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, s.file), 'utf8'));

/** A reply's enabled and disabled buttons, with their labels and custom_ids. */
export function buttonsOf(reply: {
  message: MessagePayload;
}): Array<{ label: string; custom_id: string; disabled?: boolean }> {
  return reply.message.components.flatMap((r) => r.components).filter((c) => c.type === 2 && 'custom_id' in c) as never;
}

/** A reply's select menus. */
export function menusOf(reply: {
  message: MessagePayload;
}): Array<{ custom_id: string; options: Array<{ label: string; value: string }> }> {
  return reply.message.components.flatMap((r) => r.components).filter((c) => c.type === 3) as never;
}

/**
 * Every block-quoted passage in a message, re-joined across its lines, as a reader sees it: bold
 * markers ("Show in context" bolds the quoted words) and markdown escapes removed.
 */
export function quotedPassages(message: MessagePayload): string[] {
  const texts = message.embeds.flatMap((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)]);
  const out: string[] = [];
  for (const t of texts) {
    let current: string[] = [];
    for (const line of [...t.split('\n'), '']) {
      if (line.startsWith('> ')) current.push(line.slice(2));
      else if (current.length) {
        out.push(
          current
            .join('\n')
            .replace(/\*\*/g, '')
            .replace(/\\([*_~|`\\])/g, '$1'),
        );
        current = [];
      }
    }
  }
  return out;
}

export function isVerbatim(passage: string): boolean {
  return articles.some((a) => a.includes(passage));
}

/** Throws with the reason when a message breaks one of Discord's limits or could ping anyone. */
export function assertDiscordValid(message: MessagePayload): void {
  const fail = (why: string) => {
    throw new Error(`invalid message: ${why}`);
  };
  if (JSON.stringify(message.allowed_mentions) !== JSON.stringify({ parse: [] })) fail('mentions not disabled');
  if ((message.content ?? '').length > LIMITS.content) fail('content too long');
  if (message.embeds.length < 1 || message.embeds.length > 10) fail('embed count');
  for (const e of message.embeds) {
    let total = 0;
    if ((e.title ?? '').length > LIMITS.title) fail('title too long');
    if ((e.description ?? '').length > LIMITS.description) fail('description too long');
    if ((e.fields ?? []).length > LIMITS.fields) fail('too many fields');
    if ((e.footer?.text ?? '').length > LIMITS.footer) fail('footer too long');
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length;
    for (const f of e.fields ?? []) {
      if (f.name.length === 0 || f.name.length > LIMITS.fieldName) fail('field name length');
      if (f.value.length === 0 || f.value.length > LIMITS.fieldValue) fail(`field value length ${f.value.length}`);
      total += f.name.length + f.value.length;
    }
    if (total > LIMITS.embedTotal) fail(`embed total ${total}`);
  }
  if (message.components.length > LIMITS.rows) fail('too many rows');
  for (const row of message.components) {
    if (row.components.length > LIMITS.buttonsPerRow) fail('too many buttons in a row');
    if (row.components.some((c) => c.type === 3) && row.components.length !== 1) fail('a select menu shares its row');
    for (const b of row.components) {
      if ('custom_id' in b && (b.custom_id.length === 0 || b.custom_id.length > LIMITS.customId))
        fail('custom_id length');
      if (b.type === 2 && 'label' in b && (b.label ?? '').length > LIMITS.buttonLabel) fail('button label length');
      if (b.type === 3) {
        if (b.options.length === 0 || b.options.length > LIMITS.selectOptions) fail('select option count');
        for (const o of b.options)
          if (
            o.label.length > LIMITS.selectLabel ||
            o.value.length > LIMITS.selectValue ||
            (o.description ?? '').length > LIMITS.selectDescription
          )
            fail('select option length');
        if (new Set(b.options.map((o) => o.value)).size !== b.options.length) fail('select option values repeat');
      }
    }
  }
  const ids = message.components.flatMap((r) => r.components).map((c) => ('custom_id' in c ? c.custom_id : ''));
  if (new Set(ids).size !== ids.length) fail('custom_ids repeat');
  const visible = JSON.stringify(message.embeds);
  if (/@(everyone|here)/.test(visible)) fail('a bare @everyone/@here is visible');
}

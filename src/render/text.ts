// A Discord message payload as plain terminal text, for the console and the one-shot CLI: the
// same payload the bot would send, so what you see locally is what Discord users get. Buttons and
// menus are listed numbered, as the console lets you press and pick them.
import type { MessagePayload } from './discord.ts';

export interface Controls {
  buttons: Array<{ label: string; customId: string }>;
  menus: Array<{ placeholder: string; customId: string; options: Array<{ label: string; value: string }> }>;
}

/** The message's enabled buttons and its menus, in order. */
export function controlsOf(message: MessagePayload): Controls {
  const controls: Controls = { buttons: [], menus: [] };
  for (const row of message.components) {
    for (const c of row.components) {
      if (c.type === 2 && 'custom_id' in c && !c.disabled)
        controls.buttons.push({ label: c.label ?? '', customId: c.custom_id });
      if (c.type === 3)
        controls.menus.push({
          placeholder: c.placeholder ?? 'Pick one',
          customId: c.custom_id,
          options: c.options.map((o) => ({ label: o.label, value: o.value })),
        });
    }
  }
  return controls;
}

export function toText(message: MessagePayload): string {
  const out: string[] = [];
  for (const e of message.embeds) {
    if (e.title) out.push(`■ ${e.title}`, '');
    if (e.description) out.push(e.description, '');
    for (const f of e.fields ?? []) out.push(`▸ ${f.name}`, f.value, '');
    if (e.footer?.text) out.push(`— ${e.footer.text}`);
  }
  if (message.content) out.unshift(message.content, '');
  const { buttons, menus } = controlsOf(message);
  if (buttons.length > 0)
    out.push(
      `${buttons.map((b, i) => `[${i + 1}] ${b.label}`).join('  ')}   (type /press <n>; /next, /prev turn pages)`,
    );
  menus.forEach((m, i) =>
    out.push(
      `menu ${i + 1}: ${m.placeholder} — /pick ${i + 1} <n> with n from 1 to ${m.options.length} (/pick ${i + 1} lists them)`,
    ),
  );
  if (message.flags === 64) out.push('(only you can see this)');
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

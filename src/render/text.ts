// A Discord message payload as plain terminal text, for the console and the one-shot CLI: the
// same payload the bot would send, so what you see locally is what Discord users get.
import type { MessagePayload } from './discord.ts';

export function toText(message: MessagePayload): string {
  const out: string[] = [];
  for (const e of message.embeds) {
    if (e.title) out.push(`■ ${e.title}`, '');
    if (e.description) out.push(e.description, '');
    for (const f of e.fields ?? []) out.push(`▸ ${f.name}`, f.value, '');
    if (e.footer?.text) out.push(`— ${e.footer.text}`);
  }
  if (message.content) out.unshift(message.content, '');
  const buttons = message.components.flatMap((row) => row.components.map((b) => ('label' in b && b.label ? (b.disabled ? `(${b.label})` : `[${b.label}]`) : '')));
  if (buttons.length > 0) out.push(`${buttons.join(' ')}   (type /next or /prev to turn the page)`);
  if (message.flags === 64) out.push('(only you can see this)');
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

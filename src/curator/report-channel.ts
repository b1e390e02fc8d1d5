// Problem reports posted to the moderators' channel (REPORT_CHANNEL_ID) as the bot, mentions off,
// the member's text quoted as plain text (markdown neutralised, pings defused). It needs the bot token; the HTTP
// endpoint without one records reports but does not post them. Posting is fire-and-forget: a
// failure is one warning (never with the token), and the report is in the database anyway.
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { KnowledgeBase } from '../kb/load.ts';
import { echo } from '../answers/text-input.ts';
import { clip, defuse } from '../render/discord.ts';
import { entryInfo } from './gaps.ts';
import type { ReportRecord } from './records.ts';

export function reportPoster(
  config: Pick<Config, 'REPORT_CHANNEL_ID' | 'DISCORD_TOKEN' | 'DISCORD_API_URL'>,
  log: Pick<Logger, 'warn'>,
): (r: ReportRecord, kb: KnowledgeBase) => boolean {
  const channel = config.REPORT_CHANNEL_ID;
  const token = config.DISCORD_TOKEN;
  if (!channel) return () => false;
  if (!token) {
    log.warn('REPORT_CHANNEL_ID is set but DISCORD_TOKEN is not: reports are recorded, not posted to the channel');
    return () => false;
  }
  const url = `${config.DISCORD_API_URL.replace(/\/+$/, '')}/v10/channels/${channel}/messages`;
  return (r, kb) => {
    const entry = r.entry ? entryInfo(kb, r.entry.kind, r.entry.id) : undefined;
    const fields = [
      ...(entry ? [{ name: 'About', value: clip(`${defuse(entry.label)} (${entry.kind}:${entry.id})`, 1024) }] : []),
      ...(r.replyTitle ? [{ name: 'Reply', value: clip(defuse(r.replyTitle), 1024) }] : []),
      { name: 'Fix it in', value: entry ? entry.extend : 'knowledge/ (a missing fact: a new entry)' },
    ];
    const body = {
      embeds: [
        {
          title: 'Problem report',
          description: `> ${echo(r.text, 3_500)}`,
          color: 0xef6c00,
          fields,
          footer: { text: `knowledge base ${r.kbVersion}` },
          timestamp: new Date(r.at).toISOString(),
        },
      ],
      allowed_mentions: { parse: [] },
    };
    fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bot ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
      .then(async (res) => {
        if (!res.ok)
          log.warn(
            { status: res.status, channel },
            `could not post a problem report to REPORT_CHANNEL_ID (${res.status})`,
          );
        await res.body?.cancel();
      })
      .catch((err: unknown) =>
        log.warn({ problem: (err as Error)?.message ?? String(err), channel }, 'could not post a problem report'),
      );
    return true;
  };
}

// /gaps [days] — for moderators (Manage Server): what members asked that the bot could not answer
// well in the last week, the answers they voted 👎, their problem reports, and for each the entry a
// curator would extend. Private, and only this server's own records. The records are read in
// `load` (the database), so `execute` stays a pure function of them.
import { gapsAnswer } from '../src/answers/gaps.ts';
import { defineCommand, OptionType } from '../src/commands/command.ts';

const DAY = 86_400_000;
const daysOf = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 90 ? v : 7);

export default defineCommand({
  data: {
    name: 'gaps',
    description: 'For moderators: questions the bot could not answer well, 👎 answers and problem reports',
    description_localizations: { hi: 'मॉडरेटरों के लिए: जिन सवालों का अच्छा जवाब नहीं मिला, 👎 जवाब और रिपोर्टें' },
    options: [
      {
        type: OptionType.Integer,
        name: 'days',
        description: 'How far back to look, in days (default 7)',
        description_localizations: { hi: 'कितने दिन पीछे तक देखें (डिफ़ॉल्ट 7)' },
        min_value: 1,
        max_value: 90,
      },
    ],
    // Manage Server (1 << 5): server admins can change who sees it in Server Settings → Integrations.
    default_member_permissions: '32',
    // A server's own records, for its moderators: installed with the server, used in the server.
    integration_types: [0],
    contexts: [0],
  } as const,
  example: '/gaps',
  load: (options, services) => services.gaps(daysOf(options.days) * DAY),
  execute: (options, _core, context) =>
    gapsAnswer(context.loaded as Parameters<typeof gapsAnswer>[0], daysOf(options.days)),
});

// The fixed words of a reply in the reader's language: English, or Hindi when Discord says the
// member's client is in Hindi (`interaction.locale` "hi"). Only the bot's own words change —
// verdict labels, headings, buttons, refusals, errors, dates; what the knowledge base says and
// every quote stay in English, verbatim, and a Hindi reply says so.
//
// The render layer asks for a label by key, and passes the answer's fixed texts (a refusal's title
// and body, an error) through `text()`: an exact English string, or a pattern with a number or
// a name in it, becomes its Hindi; anything else (curated text) is left as it is.
import type { Verdict } from '../kb/schema.ts';

export type Locale = 'en' | 'hi';

/** Discord's locale as ours: "hi" is Hindi; anything else reads English. */
export const localeOf = (discordLocale: unknown): Locale => (discordLocale === 'hi' ? 'hi' : 'en');

export interface Strings {
  verdict: Record<Verdict, string>;
  didYouMean: string;
  checkedAgainst: string;
  reversed: string;
  date: string;
  aboutTheDate: string;
  sources: string;
  defaultSources: string;
  page(i: number, n: number): string;
  moreQuotes(n: number): string;
  /** A footer line saying the quotes are English (Hindi only). */
  quotesNote: string | null;
  claim(verdict: Verdict): string;
  buttons: { context: string; dated: string; helpful: string; notRight: string; report: string };
  form: { title: string; label: string; placeholder: string };
  /** A fixed English text of the bot's, in this language (curated text comes back unchanged). */
  text(english: string): string;
  /** A date as the knowledge base words it ("Tuesday 29 October 2019", "early September 2019"). */
  dateText(english: string): string;
}

const EN: Strings = {
  verdict: {
    supported: '✅ Supported',
    contradicted: '❌ Contradicted',
    disputed: '⚖️ Disputed',
    unverified: '❔ Unverified',
  },
  didYouMean: '**Did you mean one of these?** Press one to get its answer.',
  checkedAgainst: 'Checked against',
  reversed: 'Your claim says the reverse of that wording, so the verdict is reversed too.',
  date: 'Date',
  aboutTheDate: 'About the date',
  sources: 'Sources',
  defaultSources: 'Sources: two articles, The Indian Express (3 Nov 2019) and an undated New Delhi wire report',
  page: (i, n) => `page ${i} of ${n}`,
  moreQuotes: (n) => `${n} more quote${n > 1 ? 's' : ''} not shown`,
  quotesNote: null,
  claim: (v) => `Claim (${v})`,
  buttons: {
    context: 'Show in context',
    dated: 'How was this dated?',
    helpful: '👍 Helpful',
    notRight: '👎 Not right',
    report: 'Report a problem',
  },
  form: {
    title: 'Report a problem',
    label: 'What is wrong?',
    placeholder: 'A wrong quote, a wrong verdict, a missing fact… and what the articles say instead',
  },
  text: (s) => s,
  dateText: (s) => s,
};

const HI_VERDICT: Record<Verdict, string> = {
  supported: 'समर्थित',
  contradicted: 'खंडित',
  disputed: 'विवादित',
  unverified: 'अपुष्ट',
};

const HI_MONTHS: Record<string, string> = {
  January: 'जनवरी',
  February: 'फ़रवरी',
  March: 'मार्च',
  April: 'अप्रैल',
  May: 'मई',
  June: 'जून',
  July: 'जुलाई',
  August: 'अगस्त',
  September: 'सितंबर',
  October: 'अक्टूबर',
  November: 'नवंबर',
  December: 'दिसंबर',
  Jan: 'जनवरी',
  Feb: 'फ़रवरी',
  Mar: 'मार्च',
  Apr: 'अप्रैल',
  Jun: 'जून',
  Jul: 'जुलाई',
  Aug: 'अगस्त',
  Sep: 'सितंबर',
  Sept: 'सितंबर',
  Oct: 'अक्टूबर',
  Nov: 'नवंबर',
  Dec: 'दिसंबर',
};
const HI_WEEKDAYS: Record<string, string> = {
  Monday: 'सोमवार',
  Tuesday: 'मंगलवार',
  Wednesday: 'बुधवार',
  Thursday: 'गुरुवार',
  Friday: 'शुक्रवार',
  Saturday: 'शनिवार',
  Sunday: 'रविवार',
};

/** 2019 → २०१९ */
export const devanagariDigits = (s: string): string => s.replace(/\d/g, (d) => String.fromCharCode(0x966 + Number(d)));

/** "Tuesday 29 October 2019" → "मंगलवार, २९ अक्टूबर २०१९"; "early September 2019" → "सितंबर २०१९ की शुरुआत". */
export function hindiDate(english: string): string {
  const part = /^(early|mid|late|around|about|by|before|after)\s+(.+)$/i.exec(english);
  const SUFFIX: Record<string, (x: string) => string> = {
    early: (x) => `${x} की शुरुआत`,
    mid: (x) => `${x} के मध्य`,
    late: (x) => `${x} के अंत में`,
    around: (x) => `लगभग ${x}`,
    about: (x) => `लगभग ${x}`,
    by: (x) => `${x} तक`,
    before: (x) => `${x} से पहले`,
    after: (x) => `${x} के बाद`,
  };
  if (part) return SUFFIX[part[1]!.toLowerCase()]!(hindiDate(part[2]!));
  let out = english.replace(
    /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b,?/g,
    (w) => `${HI_WEEKDAYS[w.replace(',', '')]},`,
  );
  out = out.replace(
    /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b/g,
    (m) => HI_MONTHS[m]!,
  );
  out = out.replace(/\(India time\)/g, '(भारतीय समय)').replace(/\bundated\b/g, 'बिना तारीख़');
  return devanagariDigits(out);
}

/** The bot's fixed English texts and their Hindi. */
const HI_TEXTS: Record<string, string> = {
  "The two articles don't say": 'दोनों लेख यह नहीं बताते',
  "I couldn't find that in the two articles this bot knows (The Indian Express, 3 Nov 2019, and an undated New Delhi wire report), so I won't guess.":
    'यह बात उन दो लेखों में नहीं मिली जिनसे यह बॉट जवाब देता है (द इंडियन एक्सप्रेस, 3 नवंबर 2019, और नई दिल्ली की एक बिना तारीख़ वाली वायर रिपोर्ट), इसलिए मैं अंदाज़ा नहीं लगाऊँगा।',
  "I can't check that against the two articles": 'इसे दोनों लेखों से नहीं जाँच सकता',
  "I found no claim in the two articles close enough to this one to give a verdict, so I won't stretch a guess into one.":
    'दोनों लेखों में इस दावे के इतना करीब कोई दावा नहीं मिला कि फ़ैसला दिया जा सके, इसलिए मैं अंदाज़े को फ़ैसला नहीं बनाऊँगा।',
  'Your claim is close to one the articles settle, but not close enough for me to say whether it agrees or disagrees with it.':
    'आपका दावा लेखों में तय एक दावे के करीब है, पर इतना नहीं कि मैं कह सकूँ कि वह उससे मेल खाता है या नहीं।',
  'Not settled by the two articles': 'दोनों लेख इसे तय नहीं करते',
  'I found nothing in the two articles that confirms or refutes this claim, so it stays unverified here. That is not a finding that it is false — only that these sources do not settle it.':
    'दोनों लेखों में ऐसा कुछ नहीं मिला जो इस दावे की पुष्टि करे या इसे गलत ठहराए, इसलिए यह यहाँ अपुष्ट है। इसका मतलब यह नहीं कि दावा झूठा है — सिर्फ़ इतना कि ये स्रोत इसे तय नहीं करते।',
  'I could not read that': 'यह समझ नहीं पाया',
  'One moment, please': 'कृपया एक पल रुकिए',
  'Something went wrong': 'कुछ गड़बड़ हो गई',
  'That button is out of date': 'यह बटन पुराना हो गया है',
  "I couldn't tell which answer this was about — it may come from an older version of the bot. Ask again and use the buttons under the new reply.":
    'पता नहीं चल पाया कि यह किस जवाब के बारे में है — शायद यह बॉट के पुराने संस्करण का है। फिर से पूछें और नए जवाब के नीचे के बटन इस्तेमाल करें।',
  'Thanks — noted as helpful': 'धन्यवाद — मददगार के रूप में दर्ज',
  'Your vote is recorded for the curators. Pressing 👎 instead changes it.':
    'आपका वोट क्यूरेटरों के लिए दर्ज हो गया। 👎 दबाने से यह बदल जाएगा।',
  'Thanks — noted as not right': 'धन्यवाद — "सही नहीं" के रूप में दर्ज',
  'Your vote is recorded for the curators. If you can say what is wrong, press **Report a problem**: a wrong quote, a wrong verdict or a missing fact helps most.':
    'आपका वोट क्यूरेटरों के लिए दर्ज हो गया। अगर बता सकें कि क्या गलत है, तो **समस्या बताएँ** दबाएँ: गलत उद्धरण, गलत फ़ैसला या छूटा हुआ तथ्य सबसे ज़्यादा मदद करता है।',
  'Thanks — your report is recorded': 'धन्यवाद — आपकी रिपोर्ट दर्ज हो गई',
  'The report was empty': 'रिपोर्ट खाली थी',
  'Please say in a few words what is wrong, then send the form again.':
    'कृपया कुछ शब्दों में बताएँ कि क्या गलत है, फिर फ़ॉर्म दोबारा भेजें।',
  'Nothing in that message I can check': 'इस संदेश में जाँचने लायक कुछ नहीं मिला',
  'Nothing to check in that message': 'इस संदेश में जाँचने को कुछ नहीं है',
  'Checked against the two articles': 'दोनों लेखों से जाँचा गया',
  'Report a problem': 'समस्या बताएँ',
  'What is wrong? A wrong quote, a wrong verdict, a missing fact… and what the articles say instead.':
    'क्या गलत है? गलत उद्धरण, गलत फ़ैसला, छूटा हुआ तथ्य… और लेख असल में क्या कहते हैं।',
  'Post publicly': 'सबके लिए पोस्ट करें',
  'incident-desk: the 2019 Pegasus–WhatsApp incident in India': 'incident-desk: भारत में 2019 का पेगासस–व्हाट्सऐप मामला',
  'About incident-desk and its sources': 'incident-desk और इसके स्रोतों के बारे में',
  'Every command takes `private: True` to keep the reply to yourself; refusals are private anyway.':
    'हर कमांड में `private: True` से जवाब सिर्फ़ आपको दिखेगा; इनकार वैसे भी सिर्फ़ आपको दिखते हैं।',
  'Right-click a message → Apps: checks its claims against the two articles, privately':
    'किसी संदेश पर राइट-क्लिक → Apps: उसके दावों को दोनों लेखों से जाँचता है, सिर्फ़ आपके लिए',
};

/**
 * Texts known only at start-up — the commands' own descriptions, with their Hindi from
 * `description_localizations` — registered once by the dispatcher, for /help.
 */
export function registerHindi(english: string, hindi: string): void {
  if (english && hindi && !HI_TEXTS[english]) HI_TEXTS[english] = hindi;
}

/** Fixed texts with a number or a name in them. */
const HI_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  // /about's fixed lines (the report text itself is the knowledge base's, in English).
  [/^\*\*The two sources\*\*, the whole record:$/, () => '**दोनों स्रोत**, पूरा रिकॉर्ड यही है:'],
  [/^\*\*What a \/source verdict means:\*\*$/, () => '**/source के फ़ैसलों का मतलब:**'],
  [/^• \*\*supported\*\* — .*$/, () => '• **समर्थित** — लेख यही कहते हैं'],
  [/^• \*\*contradicted\*\* — .*$/, () => '• **खंडित** — लेख कुछ और कहते हैं: गलत आँकड़ा, तारीख़ या पक्ष, या किसने क्या किया उल्टा'],
  [
    /^• \*\*disputed\*\* — .*$/,
    () => '• **विवादित** — स्रोत या पक्ष असहमत हैं, और दावा एक पक्ष को तथ्य मान लेता है (हर पक्ष उद्धृत है)',
  ],
  [/^• \*\*unverified\*\* — .*$/, () => '• **अपुष्ट** — मामले के बारे में है, पर दोनों लेख न इसकी पुष्टि करते हैं न खंडन'],
  [
    /^\*\*Knowledge base\*\* version (`[0-9a-f]+`), last changed (.+?): (\d+) questions, (\d+) claims, (\d+) events, every quote checked word for word against the articles\.$/,
    (m) =>
      `**ज्ञानकोश** संस्करण ${m[1]}, आख़िरी बदलाव ${hindiDate(m[2]!)}: ${m[3]} सवाल, ${m[4]} दावे, ${m[5]} घटनाएँ; हर उद्धरण लेखों से शब्दशः मिलाया गया।`,
  ],
  [/^\*\*Report a problem:\*\* (.*)$/s, (m) => `**समस्या बताएँ:** ${m[1]}`],
  [
    /^\*\*What I keep:\*\* (questions I could not answer well .*, )?👍 \/ 👎 votes on answers, problem reports you send — so curators can fill the gaps\. Deleted after (\d+) days\. Answers that went well are not recorded\.$/,
    (m) =>
      `**मैं क्या रखता हूँ:** ${m[1] ? 'जिन सवालों का मैं अच्छा जवाब नहीं दे सका (जैसे लिखे गए, सर्वर और आपकी यूज़र आईडी के एक कुंजीबद्ध हैश के साथ — आईडी कभी नहीं), ' : ''}जवाबों पर 👍 / 👎 वोट, और आपकी भेजी समस्या-रिपोर्टें — ताकि क्यूरेटर कमियाँ भर सकें। ${m[2]} दिन बाद मिटा दिए जाते हैं। जिन सवालों के जवाब ठीक मिले, वे दर्ज नहीं होते।`,
  ],
  // /help's line for a command: its Hindi description, registered from the command itself.
  [
    /^(\*\*\/[-\w]+\*\*(?: `[^`]+`)*) — (.+?)(?:, e\.g\. (`[^`]*`))?$/,
    (m) => `${m[1]} — ${HI_TEXTS[m[2]!] ?? m[2]}${m[3] ? `, जैसे ${m[3]}` : ''}`,
  ],
  [
    /^\*\*(.+)\*\* \(on any message: right-click or long-press → Apps\) — (.*)$/,
    (m) => `**${m[1]}** (किसी भी संदेश पर: राइट-क्लिक या देर तक दबाएँ → Apps) — ${HI_TEXTS[m[2]!] ?? m[2]}`,
  ],
  [
    /^I answer only from two articles: (.*)\. Every answer comes with its date and the exact words of its source; when the articles don't say, I say so\.$/,
    (m) =>
      `मैं सिर्फ़ दो लेखों से जवाब देता हूँ: ${m[1]}। हर जवाब के साथ उसकी तारीख़ और स्रोत के शब्दशः शब्द होते हैं; जब लेख कुछ नहीं कहते, तो मैं साफ़ बताता हूँ।`,
  ],
  [/^What the articles do say: (.*)$/s, (m) => `लेख जो कहते हैं: ${m[1]}`],
  // /source's notes on how the user's wording changed the verdict (names and quotes stay as they are).
  [
    /^Your claim has it the other way round: in the articles it is (.+) that does this to (.+)\.$/,
    (m) => `आपके दावे में बात उल्टी है: लेखों में ${m[1]} ही ${m[2]} के साथ ऐसा करता है।`,
  ],
  [
    /^The two articles never mention (“.+”)\. They support (“.+”), but not your claim as worded, so it stays unverified here\.$/,
    (m) =>
      `दोनों लेखों में ${m[1]} का ज़िक्र नहीं है। वे ${m[2]} का समर्थन करते हैं, पर आपके दावे का, जैसा वह लिखा है, नहीं; इसलिए यहाँ वह अपुष्ट है।`,
  ],
  [
    /^The two articles never mention (“.+”), and your claim is only partly the false (“.+”); so it stays unverified here\.$/,
    (m) => `दोनों लेखों में ${m[1]} का ज़िक्र नहीं है, और आपका दावा ग़लत दावे ${m[2]} का सिर्फ़ एक हिस्सा है; इसलिए यहाँ वह अपुष्ट है।`,
  ],
  [
    /^The articles support (“.+”), but what your claim adds \((.+)\) belongs to another part of the story; so your claim as worded stays unverified\.$/,
    (m) =>
      `लेख ${m[1]} का समर्थन करते हैं, पर आपका दावा जो जोड़ता है (${m[2]}) वह कहानी के किसी और हिस्से का है; इसलिए आपका दावा, जैसा लिखा है, अपुष्ट है।`,
  ],
  [
    /^That is what (.+) says(, and it is disputed: the other side disagrees)?\. As reported: supported\.$/,
    (m) => `${m[1]} यही कहते हैं${m[2] ? ', और यह विवादित है: दूसरा पक्ष असहमत है' : ''}। जैसा बताया गया: समर्थित।`,
  ],
  [/^(.+) is on record saying otherwise\.$/, (m) => `${m[1]} का रिकॉर्ड पर बयान इसके उलट है।`],
  [/^The articles do not record (.+) saying this\.$/, (m) => `लेखों में ${m[1]} का ऐसा कहना दर्ज नहीं है।`],
  [/^In context: (.*)$/s, (m) => `संदर्भ में: ${m[1]}`],
  [
    /^You're asking faster than I can keep the channel readable\. Please try again in (\d+) s\.$/,
    (m) => `आप इतनी तेज़ी से पूछ रहे हैं कि चैनल पढ़ने लायक नहीं रहेगा। कृपया ${m[1]} सेकंड बाद फिर कोशिश करें।`,
  ],
  [
    /^Sorry — I couldn't answer that\. If it keeps happening, tell a moderator the error id `([^`]+)`\.$/,
    (m) => `माफ़ कीजिए — मैं इसका जवाब नहीं दे सका। अगर बार-बार हो, तो किसी मॉडरेटर को यह त्रुटि-आईडी बताएँ: \`${m[1]}\`।`,
  ],
  [
    /^Please type (a question|a claim to check), for example: (.*)$/s,
    (m) => `कृपया ${m[1] === 'a question' ? 'एक सवाल' : 'जाँचने के लिए एक दावा'} लिखें, जैसे: ${m[2]}`,
  ],
  [
    /^Checked against the two articles: (\d+) statements?$/,
    (m) => `दोनों लेखों से जाँचा गया: ${devanagariDigits(m[1]!)} कथन`,
  ],
  [
    /^Who knew what by the end of (.*) \(India time\)$/,
    (m) => `${hindiDate(m[1]!)} के अंत तक किसे क्या पता था (भारतीय समय)`,
  ],
  [/^Timeline( .*)?$/, (m) => `समयरेखा${m[1] ?? ''}`],
  [
    /^(\d+) events? in date order(, undated last)?\. Pick one below to read it with its quote, or turn the pages for all of them\.$/,
    (m) =>
      `तारीख़ के क्रम में ${devanagariDigits(m[1]!)} घटनाएँ${m[2] ? ', बिना तारीख़ वाली आख़िर में' : ''}। उद्धरण के साथ पढ़ने के लिए नीचे से एक चुनें, या सबके लिए पन्ने पलटें।`,
  ],
  [
    /^I couldn't read “(.*)” as (?:a|one) date\. Try (.*)\.$/s,
    (m) => `“${m[1]}” को एक तारीख़ के रूप में नहीं पढ़ पाया। ऐसे लिखें: ${m[2]}।`,
  ],
  [/^“(.*)” is not a real calendar date\. Try (.*)\.$/s, (m) => `“${m[1]}” कैलेंडर की असली तारीख़ नहीं है। ऐसे लिखें: ${m[2]}।`],
  [/^Since (.+?)( · .*)$/s, (m) => `${hindiDate(m[1]!)} से${m[2]}`],
  [/^Undated, may be later( · .*)$/s, (m) => `बिना तारीख़, शायद बाद में${m[1]}`],
];

const HI: Strings = {
  verdict: {
    supported: `✅ ${HI_VERDICT.supported}`,
    contradicted: `❌ ${HI_VERDICT.contradicted}`,
    disputed: `⚖️ ${HI_VERDICT.disputed}`,
    unverified: `❔ ${HI_VERDICT.unverified}`,
  },
  didYouMean: '**क्या आपका मतलब इनमें से कोई था?** जवाब के लिए एक दबाएँ।',
  checkedAgainst: 'इससे मिलाया गया',
  reversed: 'आपका दावा इस कथन का उल्टा कहता है, इसलिए फ़ैसला भी उल्टा है।',
  date: 'तारीख़',
  aboutTheDate: 'तारीख़ के बारे में',
  sources: 'स्रोत',
  defaultSources: 'स्रोत: दो लेख, द इंडियन एक्सप्रेस (3 नवंबर 2019) और नई दिल्ली की एक बिना तारीख़ वाली वायर रिपोर्ट',
  page: (i, n) => `पृष्ठ ${devanagariDigits(String(i))} / ${devanagariDigits(String(n))}`,
  moreQuotes: (n) => `${devanagariDigits(String(n))} और उद्धरण नहीं दिखाए गए`,
  quotesNote: 'उद्धरण लेखों की मूल अंग्रेज़ी में, शब्दशः',
  claim: (v) => `दावा (${HI_VERDICT[v]})`,
  buttons: {
    context: 'संदर्भ में देखें',
    dated: 'यह तारीख़ कैसे तय हुई?',
    helpful: '👍 मददगार',
    notRight: '👎 सही नहीं',
    report: 'समस्या बताएँ',
  },
  form: {
    title: 'समस्या बताएँ',
    label: 'क्या गलत है?',
    placeholder: 'गलत उद्धरण, गलत फ़ैसला, छूटा हुआ तथ्य… और लेख असल में क्या कहते हैं',
  },
  text(english) {
    const exact = HI_TEXTS[english];
    if (exact) return exact;
    for (const [re, to] of HI_PATTERNS) {
      const m = re.exec(english);
      if (m) return to(m);
    }
    return english;
  },
  dateText: hindiDate,
};

export const stringsFor = (locale: Locale | undefined): Strings => (locale === 'hi' ? HI : EN);

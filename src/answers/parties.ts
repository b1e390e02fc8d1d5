// Which parties a word in a user's text names, and how parties nest (a ministry source is the
// ministry's; the ministry is the government's): what /source needs to read who said something and
// who did what to whom. Built once from parties.yaml through the same TermReader as everything else.
import type { Party } from '../kb/schema.ts';
import type { TermReader } from '../search/reader.ts';

export class PartyGraph {
  /** Entity term → parties whose name or an alias reads as it (most specific alias first). */
  private readonly byTerm = new Map<string, string[]>();
  private readonly parent = new Map<string, string>();

  constructor(parties: readonly Party[], reader: TermReader) {
    // Each party's name read once: the ordering below asks for it once per term it names, and at
    // 1000× the base reading them again was a second of the start.
    const nameTerms = new Map<string, string>();
    // Names recur across parties (aliases such as "the ministry"): each read once.
    const read = new Map<string, string[]>();
    for (const p of parties) {
      if (p.partOf) this.parent.set(p.id, p.partOf);
      for (const name of [p.name, ...p.aliases]) {
        let terms = read.get(name);
        if (!terms) read.set(name, (terms = reader.read(name).terms));
        if (name === p.name) nameTerms.set(p.id, terms.join(' '));
        // Only names that are one actor's name and nothing more ("the ministry", "NSO"): "WhatsApp
        // CEO" and "WhatsApp's parent" name someone else and are not read as naming WhatsApp.
        if (terms.length !== 1 || !reader.isEntity(terms[0]!)) continue;
        const list = this.byTerm.get(terms[0]!) ?? [];
        // A party's own names come one after another: a repeat is the last one added.
        if (list[list.length - 1] !== p.id) list.push(p.id);
        this.byTerm.set(terms[0]!, list);
      }
    }
    // A term that is some party's whole name comes first ("government" → the government, before
    // "government source").
    // (ids are in the parties' order, as the filters keep them.)
    for (const [term, ids] of this.byTerm)
      this.byTerm.set(term, [
        ...ids.filter((id) => nameTerms.get(id) === term),
        ...ids.filter((id) => nameTerms.get(id) !== term),
      ]);
  }

  /** The parties a term names ("it ministry" → it-ministry, ministry-source). */
  partiesOf(term: string): readonly string[] {
    return this.byTerm.get(term) ?? [];
  }

  /** Whether `part` is `whole` or, through partOf, inside it. */
  within(part: string, whole: string): boolean {
    for (let p: string | undefined = part, guard = 0; p && guard < 16; p = this.parent.get(p), guard++)
      if (p === whole) return true;
    return false;
  }

  /** One is the other or part of it: a ministry source speaks for the ministry, and is the government's. */
  related(a: string, b: string): boolean {
    return this.within(a, b) || this.within(b, a);
  }

  /** Whether a term names a party related to `party`. */
  names(term: string, party: string): boolean {
    return this.partiesOf(term).some((p) => this.related(p, party));
  }
}

// The words an entry is known by in each language, beside the entry itself: titles and
// synonyms matched from open dictionaries ("machine_matched" until a doctor confirms them)
// and the reviewed lay-term table ("heart attack", "rhume", "咳"). Search indexes them with
// the entry's title, puts an entry whose term is exactly the query first, and shows the
// reader the title in their language. The only code that touches encyclopedia_terms.
import { sql } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';
import type { Lang, Sections } from './encyclopedia.schema.ts';
import { normalise } from './encyclopedia.text.ts';

export type TermKind = 'title' | 'synonym' | 'lay';
export type TermStatus = 'machine_matched' | 'reviewed';
/** As stored: 'rejected' is a machine word a doctor refused, kept (never shown or searched) so no import brings it back. */
export type StoredTermStatus = TermStatus | 'rejected';

export interface Term {
  lang: Lang;
  term: string;
  kind: TermKind;
  source: string;
  status: TermStatus;
  reviewer: string | null;
}

export interface TermInput extends Term {
  slug: string;
}

type TermTables = {
  encyclopedia_terms: {
    entry_id: string;
    lang: string;
    term_key: string;
    term: string;
    kind: string;
    source: string;
    status: string;
    reviewer_name: string | null;
    reviewer_id?: string | null;
    reviewed_at?: string | null;
    updated_at: string;
  };
  encyclopedia_entries: {
    id: string;
    slug: string;
    status: string;
    lang: string;
    category: string;
    title_sort: string;
    title: string;
    department: string | null;
  };
  encyclopedia_translations: {
    entry_id: string;
    lang: string;
    title: string;
    sections: string;
    author_name: string;
    reviewer_name: string | null;
    reviewed_at: string | null;
    updated_at: string;
  };
};

export interface Translation {
  lang: Lang;
  title: string;
  sections: Sections;
  author: string;
  reviewer: string | null;
  reviewedAt: string | null;
}

/** How a term is compared with a query: as search normalises text, spaces collapsed. */
export const termKey = (text: string): string =>
  normalise(text)
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();

const KIND_ORDER: Record<string, number> = { title: 0, lay: 1, synonym: 2 };

/** The title a reader of `lang` sees: a reviewed title first, then a machine-matched one. */
export function titleIn(terms: Term[], lang: Lang): Term | null {
  const titles = terms.filter((t) => t.lang === lang && t.kind === 'title');
  return titles.find((t) => t.status === 'reviewed') ?? titles[0] ?? null;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class EncyclopediaTerms {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.withTables<TermTables>();
  }

  /** Every term of these entries, in a stable order (language, kind, term). */
  async ofEntries(entryIds: string[]): Promise<Map<string, Term[]>> {
    const out = new Map<string, Term[]>();
    for (const part of chunks([...new Set(entryIds)], 500)) {
      const rows = await this.q()
        .selectFrom('encyclopedia_terms')
        .select(['entry_id', 'lang', 'term', 'kind', 'source', 'status', 'reviewer_name'])
        .where('entry_id', 'in', part)
        .where('status', '<>', 'rejected')
        .orderBy('entry_id')
        .orderBy('lang')
        .orderBy('term_key')
        .execute();
      for (const r of rows) {
        const list = out.get(r.entry_id) ?? [];
        list.push({
          lang: r.lang as Lang,
          term: r.term,
          kind: r.kind as TermKind,
          source: r.source,
          status: r.status as TermStatus,
          reviewer: r.reviewer_name,
        });
        out.set(r.entry_id, list);
      }
    }
    for (const list of out.values())
      list.sort((a, b) => KIND_ORDER[a.kind]! - KIND_ORDER[b.kind]! || (a.status === b.status ? 0 : a.status === 'reviewed' ? -1 : 1));
    return out;
  }

  /**
   * Entries whose own title, or one of whose terms, is exactly the query, best first: an entry
   * written in the reader's language; then a doctor-reviewed title or lay word ("heart attack"
   * means myocardial infarction, before the entry titled "Heart attack"), the entry's own
   * title, reviewed synonyms, and machine-matched words last.
   */
  async exact(titleSort: string, key: string, filter: { category?: string; lang?: string; reader?: string }): Promise<string[]> {
    const readable = (alias: string) =>
      filter.lang
        ? sql`and (${sql.ref(`${alias}.lang`)} = ${filter.lang} or exists (select 1 from encyclopedia_terms r where r.entry_id = ${sql.ref(`${alias}.id`)} and r.lang = ${filter.lang} and r.status <> 'rejected'))`
        : sql``;
    const category = (alias: string) => (filter.category ? sql`and ${sql.ref(`${alias}.category`)} = ${filter.category}` : sql``);
    const rows = await sql<{ id: string; lang: string; rank: number }>`
      select e.id, e.lang, 2 as rank from encyclopedia_entries e
      where e.title_sort = ${titleSort} and e.status = 'published' ${readable('e')} ${category('e')}
      union all
      select e.id, e.lang,
        case when t.status = 'reviewed' then (case t.kind when 'title' then 0 when 'lay' then 1 else 3 end)
          else (case t.kind when 'title' then 4 when 'lay' then 5 else 6 end) end as rank
      from encyclopedia_terms t join encyclopedia_entries e on e.id = t.entry_id
      where t.term_key = ${key} and t.status <> 'rejected' and e.status = 'published' ${readable('e')} ${category('e')}
      limit 50`.execute(this.db);
    const best = new Map<string, number>();
    for (const r of rows.rows) {
      const rank = Number(r.rank) + (filter.reader && r.lang !== filter.reader ? 10 : 0);
      best.set(r.id, Math.min(rank, best.get(r.id) ?? Infinity));
    }
    return [...best]
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([id]) => id);
  }

  /**
   * Writes terms (entry ids already resolved). A term a doctor reviewed is never replaced by a
   * machine-matched one; anything else is written as given. Returns the entries whose terms changed.
   */
  async upsert(rows: Array<Term & { entryId: string }>, now: string): Promise<{ changed: Set<string>; kept: number }> {
    const changed = new Set<string>();
    let kept = 0;
    const q = this.q();
    const pending = new Set<string>();
    for (const part of chunks(rows, 300)) {
      const existing = await q
        .selectFrom('encyclopedia_terms')
        .select(['entry_id', 'lang', 'term_key', 'term', 'kind', 'source', 'status', 'reviewer_name'])
        .where('entry_id', 'in', [...new Set(part.map((r) => r.entryId))])
        .execute();
      const byKey = new Map(existing.map((e) => [`${e.entry_id}\u0000${e.lang}\u0000${e.term_key}`, e]));
      const inserts: Array<TermTables['encyclopedia_terms']> = [];
      for (const r of part) {
        const key = termKey(r.term);
        if (!key) continue;
        const id = `${r.entryId}\u0000${r.lang}\u0000${key}`;
        if (pending.has(id)) continue; // the same word twice in one call: the first one counts
        pending.add(id);
        const old = byKey.get(id);
        // A doctor's decision (confirmed, corrected or refused) stands against any import.
        if (old && (old.status === 'reviewed' || old.status === 'rejected') && r.status === 'machine_matched') {
          kept += 1;
          continue;
        }
        const values = { term: r.term, kind: r.kind, source: r.source, status: r.status, reviewer_name: r.reviewer, updated_at: now };
        if (old) {
          if (old.term === r.term && old.kind === r.kind && old.source === r.source && old.status === r.status && old.reviewer_name === r.reviewer) continue;
          await q
            .updateTable('encyclopedia_terms')
            .set(values)
            .where('entry_id', '=', r.entryId)
            .where('lang', '=', r.lang)
            .where('term_key', '=', key)
            .execute();
        } else {
          inserts.push({ entry_id: r.entryId, lang: r.lang, term_key: key, ...values });
        }
        changed.add(r.entryId);
      }
      if (inserts.length > 0) await q.insertInto('encyclopedia_terms').values(inserts).execute();
    }
    return { changed, kept };
  }

  /** Machine-matched French and Chinese titles and synonyms of the published entries of one department, awaiting a doctor. */
  async awaitingReview(filter: {
    department: string;
    lang?: string;
    limit: number;
    offset: number;
  }): Promise<{ total: number; items: Array<{ slug: string; entryTitle: string; lang: Lang; term: string; kind: TermKind; source: string }> }> {
    const base = () => {
      let q = this.q()
        .selectFrom('encyclopedia_terms as t')
        .innerJoin('encyclopedia_entries as e', 'e.id', 't.entry_id')
        .where('t.status', '=', 'machine_matched')
        .where('t.kind', 'in', ['title', 'synonym'])
        .where('e.status', '=', 'published')
        .where('e.department', '=', filter.department);
      q = filter.lang ? q.where('t.lang', '=', filter.lang) : q.where('t.lang', 'in', ['fr', 'zh']);
      return q;
    };
    const [count, rows] = await Promise.all([
      base()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
      base()
        .select(['e.slug', 'e.title', 't.lang', 't.term', 't.kind', 't.source', 't.term_key'])
        .orderBy('e.title_sort')
        .orderBy('e.slug')
        .orderBy('t.lang')
        .orderBy('t.kind', 'desc')
        .orderBy('t.term_key')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
    ]);
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((r) => ({ slug: r.slug, entryTitle: r.title, lang: r.lang as Lang, term: r.term, kind: r.kind as TermKind, source: r.source })),
    };
  }

  /** One term of an entry, by what it reads as. */
  async find(
    entryId: string,
    lang: string,
    term: string,
  ): Promise<(Omit<Term, 'status'> & { key: string; status: StoredTermStatus }) | null> {
    const r = await this.q()
      .selectFrom('encyclopedia_terms')
      .select(['lang', 'term', 'term_key', 'kind', 'source', 'status', 'reviewer_name'])
      .where('entry_id', '=', entryId)
      .where('lang', '=', lang)
      .where('term_key', '=', termKey(term))
      .executeTakeFirst();
    return r
      ? {
          lang: r.lang as Lang,
          term: r.term,
          key: r.term_key,
          kind: r.kind as TermKind,
          source: r.source,
          status: r.status as StoredTermStatus,
          reviewer: r.reviewer_name,
        }
      : null;
  }

  /**
   * A doctor's decision on a machine-matched term, made only if it is still machine-matched
   * (false when someone decided a moment ago). A correction refuses the machine word and writes
   * the doctor's, reviewed, with the same kind.
   */
  async decide(
    entryId: string,
    lang: string,
    key: string,
    d: { status: 'reviewed' | 'rejected'; by: { id: string; name: string }; at: string; correction?: { term: string; kind: TermKind } },
  ): Promise<boolean> {
    const q = this.q();
    const done = await q
      .updateTable('encyclopedia_terms')
      .set({ status: d.status, reviewer_name: d.by.name, reviewer_id: d.by.id, reviewed_at: d.at, updated_at: d.at })
      .where('entry_id', '=', entryId)
      .where('lang', '=', lang)
      .where('term_key', '=', key)
      .where('status', '=', 'machine_matched')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return false;
    if (d.correction) {
      const newKey = termKey(d.correction.term);
      const values = {
        term: d.correction.term,
        kind: d.correction.kind,
        source: 'doctor',
        status: 'reviewed',
        reviewer_name: d.by.name,
        reviewer_id: d.by.id,
        reviewed_at: d.at,
        updated_at: d.at,
      };
      const existing = await q
        .selectFrom('encyclopedia_terms')
        .select('term_key')
        .where('entry_id', '=', entryId)
        .where('lang', '=', lang)
        .where('term_key', '=', newKey)
        .executeTakeFirst();
      if (existing)
        await q.updateTable('encyclopedia_terms').set(values).where('entry_id', '=', entryId).where('lang', '=', lang).where('term_key', '=', newKey).execute();
      else
        await q
          .insertInto('encyclopedia_terms')
          .values({ entry_id: entryId, lang, term_key: newKey, ...values })
          .execute();
    }
    return true;
  }

  /** The entry's text in `lang`, written and reviewed by people, if there is one. */
  async translation(entryId: string, lang: string): Promise<Translation | null> {
    const r = await this.q()
      .selectFrom('encyclopedia_translations')
      .select(['lang', 'title', 'sections', 'author_name', 'reviewer_name', 'reviewed_at'])
      .where('entry_id', '=', entryId)
      .where('lang', '=', lang)
      .executeTakeFirst();
    return r
      ? {
          lang: r.lang as Lang,
          title: r.title,
          sections: JSON.parse(r.sections) as Sections,
          author: r.author_name,
          reviewer: r.reviewer_name,
          reviewedAt: r.reviewed_at,
        }
      : null;
  }

  /** Adds a translation where the entry has none in that language; an existing one (perhaps edited and reviewed since) is left as it is. */
  async addTranslation(entryId: string, t: Translation, now: string): Promise<boolean> {
    const existing = await this.q()
      .selectFrom('encyclopedia_translations')
      .select('lang')
      .where('entry_id', '=', entryId)
      .where('lang', '=', t.lang)
      .executeTakeFirst();
    if (existing) return false;
    await this.q()
      .insertInto('encyclopedia_translations')
      .values({
        entry_id: entryId,
        lang: t.lang,
        title: t.title,
        sections: JSON.stringify(t.sections),
        author_name: t.author,
        reviewer_name: t.reviewer,
        reviewed_at: t.reviewedAt,
        updated_at: now,
      })
      .execute();
    return true;
  }

  async count(): Promise<number> {
    const row = await this.q()
      .selectFrom('encyclopedia_terms')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

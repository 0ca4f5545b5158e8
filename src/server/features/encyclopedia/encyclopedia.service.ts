// The encyclopedia's rules: who may propose and publish, revisions, categories, and
// reads. Search lives in encyclopedia.search-service.ts; bulk writes (import, WordNet,
// synthetic corpus) go through `importEntries`, the same path as one edit.
import { diffChars, diffWordsWithSpace } from 'diff';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, conflict, forbidden, invalid, notFound, unauthorized } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import type { Locale } from '../../../shared/locales.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import { isReviewer, mayManageCategories, mayPropose, maySeeUnpublished } from './encyclopedia.policy.ts';
import { SECTION_KEYS, type Entry, type EntryInput, type RevisionContent, type RevisionSummary, type Sections } from './encyclopedia.schema.ts';
import type { FastSearchIndex } from './encyclopedia.search-fast.ts';
import { createSearchIndex, type SearchDocument } from './encyclopedia.search.ts';
import {
  EncyclopediaStore,
  type CategoryRow,
  type EntryRow,
  type NewEntryRow,
  type NewRevisionRow,
  type PublishedState,
  type RevisionRow,
} from './encyclopedia.store.ts';
import { TermReviews } from './encyclopedia.term-reviews.ts';
import { EncyclopediaTerms, titleIn, type Term, type TermInput, type Translation } from './encyclopedia.terms.ts';
import { initialOf, isSlug, normalise, slugify, tokenize } from './encyclopedia.text.ts';

export interface EncyclopediaDeps {
  db: Database;
  clock: Clock;
  bus: Bus;
  departments: DepartmentsService;
  /** Answer searches from the in-memory copy of the index (LOTUS_SEARCH_INDEX); on unless false. */
  searchInMemory?: boolean;
  /** Where doctors' decisions on machine-matched words are written (absent in offline CLI runs). */
  audit?: AuditLog;
}

export interface ImportItem {
  slug?: string;
  content: RevisionContent;
  synthetic?: boolean;
}

const CHANGED = 'encyclopedia.changed';
const MAX_BODY_TOKENS = 6000;

/** The index document of an entry: its title, synonyms and its terms in every language rank above its text. */
export function searchDocument(entryId: string, c: RevisionContent, terms: Term[] = []): SearchDocument {
  const body = SECTION_KEYS.map((k) => c.sections[k] ?? '').join('\n');
  return {
    entryId,
    lang: c.lang,
    category: c.category,
    titleTokens: tokenize([c.title, ...c.synonyms, ...terms.map((t) => t.term)].join('\n')),
    bodyTokens: tokenize(body).slice(0, MAX_BODY_TOKENS),
  };
}

export class EncyclopediaService {
  readonly store: EncyclopediaStore;
  readonly index: FastSearchIndex;
  readonly terms: EncyclopediaTerms;
  /** Doctors' review of the machine-matched titles and synonyms. */
  readonly termReviews: TermReviews;
  /** Bumped on every change here or, through the bus, in another process. */
  generation = 0;
  private readonly listeners: Array<() => void> = [];
  private readonly entryCache = new Map<string, string>();
  private categoriesCache: Promise<CategoryRow[]> | null = null;
  private readonly instance = newId('proc');

  constructor(private readonly deps: EncyclopediaDeps) {
    this.store = new EncyclopediaStore(deps.db);
    this.index = createSearchIndex(deps.db, deps.searchInMemory ?? true, () => deps.clock.now().getTime());
    this.terms = new EncyclopediaTerms(deps.db);
    this.termReviews = new TermReviews({
      db: deps.db,
      clock: deps.clock,
      ...(deps.audit ? { audit: deps.audit } : {}),
      departments: deps.departments,
      store: this.store,
      terms: this.terms,
      reindex: (ids) => this.reindex(ids),
      changed: () => this.changed(),
    });
    void deps.bus.subscribe(CHANGED, (message) => {
      if ((message as { from?: string } | null)?.from !== this.instance) this.invalidate();
    });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Other parts (search caches, vocabulary) forget what they hold when this fires. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private invalidate(): void {
    this.generation += 1;
    this.index.invalidate();
    this.entryCache.clear();
    this.categoriesCache = null;
    for (const listener of this.listeners) listener();
  }

  private changed(): void {
    this.invalidate();
    void this.deps.bus.publish(CHANGED, { from: this.instance }).catch(() => undefined);
  }

  // Categories

  categories(): Promise<CategoryRow[]> {
    this.categoriesCache ??= this.store.listCategories().catch((error) => {
      this.categoriesCache = null;
      throw error;
    });
    return this.categoriesCache;
  }

  async listCategories(locale: Locale) {
    const [rows, counts] = await Promise.all([this.categories(), this.store.countByCategory()]);
    return rows.map((c) => ({ code: c.code, name: c.names[locale], names: c.names, entries: counts[c.code] ?? 0 }));
  }

  async createCategory(actor: Actor, input: { code: string; names: CategoryRow['names']; sortOrder?: number }): Promise<void> {
    if (!mayManageCategories(actor)) throw forbidden('Only administrators manage encyclopedia categories.');
    const existing = await this.categories();
    if (existing.some((c) => c.code === input.code)) throw conflict('category_exists', `A category with the code “${input.code}” already exists.`);
    const sortOrder = input.sortOrder ?? Math.max(0, ...existing.map((c) => c.sortOrder)) + 10;
    await this.store.insertCategory({ code: input.code, names: trimNames(input.names), sortOrder });
    this.changed();
  }

  async updateCategory(actor: Actor, code: string, input: { names: CategoryRow['names']; sortOrder?: number }): Promise<void> {
    if (!mayManageCategories(actor)) throw forbidden('Only administrators manage encyclopedia categories.');
    const current = (await this.categories()).find((c) => c.code === code);
    if (!current) throw notFound('This category');
    await this.store.updateCategory({ code, names: trimNames(input.names), sortOrder: input.sortOrder ?? current.sortOrder });
    this.changed();
  }

  async deleteCategory(actor: Actor, code: string): Promise<void> {
    if (!mayManageCategories(actor)) throw forbidden('Only administrators manage encyclopedia categories.');
    if (!(await this.categories()).some((c) => c.code === code)) throw notFound('This category');
    const used = (await this.store.countByCategory(false))[code] ?? 0;
    if (used > 0) throw conflict('category_in_use', `${used} entries are in this category. Move them to another category first.`);
    await this.store.deleteCategory(code);
    this.changed();
  }

  // Validation shared by the API and the importer

  /** Checks and tidies an entry's content; returns the field problems instead of throwing. */
  async checkContent(input: EntryInput): Promise<{ content: RevisionContent | null; fields: Record<string, string> }> {
    const fields: Record<string, string> = {};
    const title = (input.title ?? '').trim().replace(/\s+/g, ' ');
    if (!title) fields.title = 'give the entry a title';
    const categories = await this.categories();
    if (!categories.some((c) => c.code === input.category)) fields.category = `must be one of: ${categories.map((c) => c.code).join(', ')}`;
    let department: string | null = null;
    if (input.department) {
      if (await this.deps.departments.exists(input.department)) department = input.department;
      else fields.department = 'is not a known department code (see /api/departments)';
    }
    const sections: Sections = { overview: (input.sections?.overview ?? '').trim() };
    if (!sections.overview) fields['sections.overview'] = 'write an overview: a few sentences anyone can understand';
    for (const key of SECTION_KEYS) {
      if (key === 'overview') continue;
      const text = input.sections?.[key]?.trim();
      if (text) sections[key] = text;
    }
    const synonyms = [...new Set((input.synonyms ?? []).map((s) => s.trim().replace(/\s+/g, ' ')).filter((s) => s && s !== title))];
    const related: RevisionContent['related'] = [];
    for (const slug of input.related ?? []) {
      if (!isSlug(slug)) fields.related = `“${slug.slice(0, 40)}” is not an entry slug`;
      else if (!related.some((r) => r.slug === slug)) related.push({ slug, relation: 'see_also' });
    }
    if (Object.keys(fields).length > 0) return { content: null, fields };
    return { content: { title, lang: input.lang, category: input.category, synonyms, department, sections, related }, fields };
  }

  private async requireContent(input: EntryInput): Promise<RevisionContent> {
    const { content, fields } = await this.checkContent(input);
    if (!content) throw invalid(fields, 'Some parts of this entry need attention.');
    return content;
  }

  private publishedState(content: RevisionContent, revision: number, reviewer: Pick<Actor, 'userId' | 'displayName'> | null, now: string): PublishedState {
    return {
      content,
      titleSort: normalise(content.title),
      initial: initialOf(content.title),
      revision,
      reviewerId: reviewer?.userId ?? null,
      reviewerName: reviewer?.displayName ?? null,
      reviewedAt: reviewer ? now : null,
      now,
    };
  }

  private async uniqueSlug(title: string): Promise<string> {
    const base = slugify(title);
    const taken = await this.store.slugsLike(base);
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
  }

  // Writes

  async create(actor: Actor | null, input: EntryInput): Promise<{ slug: string; revision: number; status: 'published' | 'pending' }> {
    if (!actor) throw unauthorized();
    if (!mayPropose(actor)) throw forbidden('Only editors, verified doctors and administrators can write encyclopedia entries.');
    const content = await this.requireContent(input);
    const publish = isReviewer(actor);
    const now = this.now();
    const result = await this.retryOnConflict(() =>
      this.deps.db.transaction(async () => {
        const slug = await this.uniqueSlug(content.title);
        const id = newId('enc');
        await this.store.insertEntries([
          {
            id,
            slug,
            source: 'editor',
            synthetic: false,
            now,
            lastRevision: 1,
            published: publish ? this.publishedState(content, 1, actor, now) : null,
            draft: content,
          },
        ]);
        await this.store.insertRevisions([this.revisionRow(id, 1, 0, content, actor, publish, input.summary, now)]);
        if (publish) await this.index.upsert([searchDocument(id, content)]);
        return { slug, revision: 1, status: publish ? ('published' as const) : ('pending' as const) };
      }),
    );
    this.changed();
    return result;
  }

  async update(actor: Actor | null, slug: string, input: EntryInput): Promise<{ slug: string; revision: number; status: 'published' | 'pending' }> {
    if (!actor) throw unauthorized();
    const entry = await this.store.findBySlug(slug);
    if (!entry || (entry.status !== 'published' && !maySeeUnpublished(actor))) throw notFound('This encyclopedia entry');
    if (!mayPropose(actor)) throw forbidden('Only editors, verified doctors and administrators can edit encyclopedia entries.');
    const content = await this.requireContent(input);
    const publish = isReviewer(actor);
    const now = this.now();
    const result = await this.retryOnConflict(() =>
      this.deps.db.transaction(async () => {
        const current = (await this.store.findBySlug(slug))!;
        const revision = current.lastRevision + 1;
        await this.store.insertRevisions([this.revisionRow(current.id, revision, current.revision, content, actor, publish, input.summary, now)]);
        await this.store.bumpLastRevision(current.id, revision, now);
        if (publish) {
          await this.store.publish(current.id, this.publishedState(content, revision, actor, now));
          const terms = (await this.terms.ofEntries([current.id])).get(current.id);
          await this.index.upsert([searchDocument(current.id, content, terms)]);
        }
        return { slug, revision, status: publish ? ('published' as const) : ('pending' as const) };
      }),
    );
    this.changed();
    return result;
  }

  private revisionRow(
    entryId: string,
    revision: number,
    base: number,
    content: RevisionContent,
    author: Actor,
    published: boolean,
    summary: string | undefined,
    now: string,
  ): NewRevisionRow {
    return {
      id: newId('erv'),
      entryId,
      revision,
      baseRevision: base,
      status: published ? 'published' : 'pending',
      content,
      summary: summary?.trim() || null,
      authorId: author.userId,
      authorName: author.displayName,
      now,
      decidedById: published ? author.userId : null,
      decidedByName: published ? author.displayName : null,
    };
  }

  private async retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (attempt >= 2) throw conflict('edit_conflict', 'Someone saved this entry at the same moment. Reload it and try again.');
      }
    }
  }

  /** Bulk writes for the importer, WordNet and the synthetic corpus: one transaction per call.
   * A slug seen before gets a new published revision; a new slug, a new entry. A named
   * `reviewer` (demo content checked by a doctor) is recorded as the medical reviewer. */
  async importEntries(
    items: ImportItem[],
    author: { name: string; source: string; reviewer?: Pick<Actor, 'userId' | 'displayName'> },
  ): Promise<{ created: number; revised: number }> {
    const now = this.now();
    const outcome = await this.deps.db.transaction(async () => {
      const slugs = items.map((i) => i.slug ?? slugify(i.content.title));
      const existing = await this.store.findSlugs(slugs);
      const termsOf = await this.terms.ofEntries(
        [...existing.values()].map((e) => e.id),
      );
      const newEntries: NewEntryRow[] = [];
      const revisions: NewRevisionRow[] = [];
      const documents = new Map<string, SearchDocument>();
      const updates = new Map<string, { state: PublishedState; lastRevision: number }>();
      const seen = new Map<string, { id: string; lastRevision: number; revision: number; isNew: boolean }>();
      let created = 0;
      let revised = 0;
      items.forEach((item, i) => {
        const slug = slugs[i]!;
        const known = seen.get(slug) ?? (existing.has(slug) ? { ...existing.get(slug)!, isNew: false } : null);
        const revision = known ? known.lastRevision + 1 : 1;
        const id = known?.id ?? newId('enc');
        const state = this.publishedState(item.content, revision, author.reviewer ?? null, now);
        revisions.push({
          id: newId('erv'),
          entryId: id,
          revision,
          baseRevision: known?.revision ?? 0,
          status: 'published',
          content: item.content,
          summary: known ? `Imported again (${author.name})` : `Imported (${author.name})`,
          authorId: null,
          authorName: author.name,
          now,
          decidedById: author.reviewer?.userId ?? null,
          decidedByName: author.reviewer?.displayName ?? null,
        });
        documents.set(id, searchDocument(id, item.content, termsOf.get(id)));
        if (!known) {
          newEntries.push({ id, slug, source: author.source, synthetic: Boolean(item.synthetic), now, lastRevision: 1, published: state, draft: item.content });
          created += 1;
        } else if (known.isNew) {
          const row = newEntries.find((e) => e.id === id)!;
          row.published = state;
          row.lastRevision = revision;
        } else {
          updates.set(id, { state, lastRevision: revision });
          revised += 1;
        }
        seen.set(slug, { id, lastRevision: revision, revision, isNew: known ? known.isNew : true });
      });
      await this.store.insertEntries(newEntries);
      await this.store.insertRevisions(revisions);
      for (const [id, u] of updates) {
        await this.store.publish(id, u.state);
        await this.store.bumpLastRevision(id, u.lastRevision, now);
      }
      await this.index.upsert([...documents.values()]);
      return { created, revised };
    });
    this.changed();
    return outcome;
  }

  /**
   * Titles, synonyms and lay words for entries by slug (dictionary import, lay-term table).
   * Idempotent; a term a doctor reviewed is never replaced by a machine-matched one; unknown
   * slugs are reported, not created. The entries whose words changed are indexed again.
   */
  async setTerms(inputs: TermInput[]): Promise<{ written: number; kept: number; unknown: string[] }> {
    const now = this.now();
    const outcome = await this.deps.db.transaction(async () => {
      const ids = await this.store.findSlugs(
        inputs.map((i) => i.slug),
      );
      const unknown = [...new Set(inputs.filter((i) => !ids.has(i.slug)).map((i) => i.slug))];
      const rows = inputs.flatMap((i) => (ids.has(i.slug) ? [{ ...i, entryId: ids.get(i.slug)!.id }] : []));
      const { changed, kept } = await this.terms.upsert(rows, now);
      await this.reindex([...changed]);
      return { written: changed.size, kept, unknown };
    });
    if (outcome.written > 0) this.changed();
    return outcome;
  }

  /** Hand-written texts of entries in another language (demo content); an existing translation is never replaced. */
  async addTranslations(items: Array<{ slug: string; translation: Omit<Translation, 'reviewedAt'> }>): Promise<{ added: number; unknown: string[] }> {
    const now = this.now();
    const outcome = await this.deps.db.transaction(async () => {
      const ids = await this.store.findSlugs(
        items.map((i) => i.slug),
      );
      let added = 0;
      for (const item of items) {
        const entry = ids.get(item.slug);
        if (entry && (await this.terms.addTranslation(entry.id, { ...item.translation, reviewedAt: item.translation.reviewer ? now : null }, now)))
          added += 1;
      }
      return { added, unknown: items.filter((i) => !ids.has(i.slug)).map((i) => i.slug) };
    });
    if (outcome.added > 0) this.changed();
    return outcome;
  }

  private async reindex(entryIds: string[]): Promise<void> {
    for (let i = 0; i < entryIds.length; i += 500) {
      const part = entryIds.slice(i, i + 500);
      const [rows, termsOf] = await Promise.all([this.store.findByIds(part), this.terms.ofEntries(part)]);
      const documents = rows
        .filter((r) => r.status === 'published')
        .map((r) =>
          searchDocument(
            r.id,
            { title: r.title, lang: r.lang, category: r.category, synonyms: r.synonyms, department: r.department, sections: r.sections, related: r.related },
            termsOf.get(r.id),
          ),
        );
      await this.index.upsert(documents);
    }
  }

  // Reviews

  async pending(actor: Actor | null) {
    if (!actor) throw unauthorized();
    if (!isReviewer(actor)) throw forbidden('The review queue is for verified doctors and administrators.');
    return this.store.pendingRevisions();
  }

  async review(
    actor: Actor | null,
    slug: string,
    revision: number,
    decision: { decision: 'approve' | 'reject'; note?: string },
  ): Promise<{ slug: string; revision: number; status: 'published' | 'rejected' }> {
    if (!actor) throw unauthorized();
    const entry = await this.store.findBySlug(slug);
    if (!entry || (entry.status !== 'published' && !maySeeUnpublished(actor))) throw notFound('This encyclopedia entry');
    if (!isReviewer(actor)) throw forbidden('Only verified doctors and administrators review encyclopedia edits.');
    const target = await this.store.findRevision(entry.id, revision);
    if (!target) throw notFound('This revision');
    if (target.status !== 'pending')
      throw conflict('already_reviewed', `Revision ${revision} was already ${target.status === 'published' ? 'published' : 'rejected'}.`);
    const note = decision.note?.trim() || null;
    if (decision.decision === 'reject' && !note) throw invalid({ note: 'say what needs to change, so the author can fix it' });
    const now = this.now();
    await this.deps.db.transaction(async () => {
      const status = decision.decision === 'approve' ? 'published' : 'rejected';
      const ok = await this.store.decideRevision(target.id, { status, byId: actor.userId, byName: actor.displayName, at: now, note });
      if (!ok) throw conflict('already_reviewed', 'Someone reviewed this revision a moment ago.');
      if (status === 'published') {
        await this.store.publish(entry.id, this.publishedState(target.content, revision, actor, now));
        const terms = (await this.terms.ofEntries([entry.id])).get(entry.id);
        await this.index.upsert([searchDocument(entry.id, target.content, terms)]);
      }
    });
    this.changed();
    return { slug, revision, status: decision.decision === 'approve' ? 'published' : 'rejected' };
  }

  // Reads

  private async visibleEntry(actor: Actor | null, slug: string): Promise<EntryRow> {
    const entry = await this.store.findBySlug(slug);
    if (!entry || (entry.status !== 'published' && !maySeeUnpublished(actor))) throw notFound('This encyclopedia entry');
    return entry;
  }

  /** The published entry as JSON text, cached until the encyclopedia changes. */
  async entryJson(slug: string, locale: Locale): Promise<string | null> {
    const key = `${locale}\u0000${slug}`;
    const cached = this.entryCache.get(key);
    if (cached) return cached;
    const generation = this.generation;
    const entry = await this.entry(slug, locale);
    if (!entry) return null;
    const json = JSON.stringify(entry);
    if (generation === this.generation) {
      if (this.entryCache.size >= 5000) this.entryCache.delete(this.entryCache.keys().next().value!);
      this.entryCache.set(key, json);
    }
    return json;
  }

  async entry(slug: string, locale: Locale): Promise<Entry | null> {
    const row = await this.store.findBySlug(slug);
    if (!row || row.status !== 'published') return null;
    const linked = await this.store.findSlugs(row.related.map((r) => r.slug));
    const department = row.department ? await this.deps.departments.find(row.department) : null;
    const termsOf = await this.terms.ofEntries([row.id, ...[...linked.values()].map((l) => l.id)]);
    const terms = termsOf.get(row.id) ?? [];
    const translation = row.lang === locale ? null : await this.terms.translation(row.id, locale);
    const localTitle = row.lang === locale || translation ? null : titleIn(terms, locale);
    const titleFor = (id: string, own: string, lang: string) => (lang === locale ? own : (titleIn(termsOf.get(id) ?? [], locale)?.term ?? own));
    return {
      slug: row.slug,
      title: translation?.title ?? localTitle?.term ?? row.title,
      originalTitle: row.title,
      titleLang: translation || localTitle ? locale : row.lang,
      titleReview: localTitle ? { status: localTitle.status, source: localTitle.source, reviewer: localTitle.reviewer } : null,
      terms: terms.map((t) => ({ lang: t.lang, term: t.term, kind: t.kind, source: t.source, status: t.status, reviewer: t.reviewer })),
      lang: translation?.lang ?? row.lang,
      translatedFrom: translation ? row.lang : null,
      category: row.category,
      synonyms: translation ? [] : row.synonyms,
      sections: translation?.sections ?? row.sections,
      related: row.related.flatMap((r) => {
        const target = linked.get(r.slug);
        return target && target.status === 'published' ? [{ slug: r.slug, title: titleFor(target.id, target.title, target.lang), relation: r.relation }] : [];
      }),
      department: row.department,
      departmentName: department ? department.names[locale] : null,
      review: translation
        ? translation.reviewer && translation.reviewedAt
          ? { reviewer: translation.reviewer, reviewedAt: translation.reviewedAt }
          : null
        : row.reviewerName && row.reviewedAt
          ? { reviewer: row.reviewerName, reviewedAt: row.reviewedAt }
          : null,
      revision: row.revision,
      updatedAt: row.updatedAt,
      source: row.source,
      synthetic: row.synthetic,
    };
  }

  async revisions(actor: Actor | null, slug: string): Promise<RevisionSummary[]> {
    const entry = await this.visibleEntry(actor, slug);
    const staff = maySeeUnpublished(actor);
    const rows = await this.store.listRevisions(entry.id);
    return rows.filter((r) => staff || r.status === 'published').map((r) => summaryOf(r, entry.revision));
  }

  async revision(actor: Actor | null, slug: string, revision: number) {
    const entry = await this.visibleEntry(actor, slug);
    const row = await this.store.findRevision(entry.id, revision);
    if (!row || (row.status !== 'published' && !maySeeUnpublished(actor))) throw notFound('This revision');
    return { ...summaryOf(row, entry.revision), slug, content: row.content };
  }

  async diff(actor: Actor | null, slug: string, from: number, to: number) {
    const [a, b] = await Promise.all([this.revision(actor, slug, from), this.revision(actor, slug, to)]);
    const chars = a.content.lang === 'zh' || b.content.lang === 'zh';
    const fields: Array<[string, string, string]> = [
      ['title', a.content.title, b.content.title],
      ['category', a.content.category, b.content.category],
      ['department', a.content.department ?? '', b.content.department ?? ''],
      ['synonyms', a.content.synonyms.join('\n'), b.content.synonyms.join('\n')],
      ...SECTION_KEYS.map((k) => [`sections.${k}`, a.content.sections[k] ?? '', b.content.sections[k] ?? ''] as [string, string, string]),
      ['related', a.content.related.map((r) => r.slug).join('\n'), b.content.related.map((r) => r.slug).join('\n')],
    ];
    const changes = fields
      .filter(([, x, y]) => x !== y)
      .map(([field, x, y]) => ({
        field,
        parts: (chars ? diffChars(x, y) : diffWordsWithSpace(x, y)).map((p) => ({ value: p.value, added: Boolean(p.added), removed: Boolean(p.removed) })),
      }));
    return { slug, from, to, changes };
  }

  browse(filter: { category?: string; lang?: string; letter?: string; limit?: number; offset?: number }) {
    return this.store.browse({ ...filter, limit: filter.limit ?? 50, offset: filter.offset ?? 0 });
  }

  async stats(): Promise<{ entries: number; byCategory: Record<string, number> }> {
    const byCategory = await this.store.countByCategory();
    for (const c of await this.categories()) byCategory[c.code] ??= 0;
    return { entries: Object.values(byCategory).reduce((a, b) => a + b, 0), byCategory };
  }

  assertQueryLength(q: string): string {
    const trimmed = q.trim();
    if (!trimmed) throw invalid({ q: 'type what you are looking for' }, 'Type a word or two to search for.');
    if (trimmed.length > 200) throw new AppError(422, 'validation_failed', 'Search for 200 characters or fewer.', { q: 'is longer than 200 characters' });
    return trimmed;
  }
}

function trimNames(names: CategoryRow['names']): CategoryRow['names'] {
  return { en: names.en.trim(), zh: names.zh.trim(), fr: names.fr.trim() };
}

function summaryOf(r: RevisionRow, published: number): RevisionSummary {
  return {
    revision: r.revision,
    author: r.authorName,
    createdAt: r.createdAt,
    status: r.status,
    current: r.revision === published,
    summary: r.summary,
    baseRevision: r.baseRevision,
    reviewer: r.decidedByName,
    reviewedAt: r.decidedAt,
    note: r.note,
  };
}

// Medical departments: reference data with stable codes, named in the caller's language.
// Small and read constantly, so held in memory after the first read.
import type { Database } from '../../platform/db/unit-of-work.ts';
import type { Locale } from '../../../shared/locales.ts';
import { DepartmentsStore } from './departments.store.ts';

export interface Department {
  code: string;
  names: Record<Locale, string>;
}

export class DepartmentsService {
  private cache: Promise<Department[]> | null = null;
  private readonly store: DepartmentsStore;
  constructor(db: Database) {
    this.store = new DepartmentsStore(db);
  }

  all(): Promise<Department[]> {
    this.cache ??= this.store
      .active()
      .then((rows) => rows.map((r) => ({ code: r.code, names: { en: r.name_en, zh: r.name_zh, fr: r.name_fr } })))
      .catch((error) => {
        this.cache = null;
        throw error;
      });
    return this.cache;
  }

  async list(locale: Locale): Promise<Array<{ code: string; name: string }>> {
    return (await this.all()).map((d) => ({ code: d.code, name: d.names[locale] }));
  }

  async find(code: string): Promise<Department | null> {
    return (await this.all()).find((d) => d.code === code) ?? null;
  }

  async exists(code: string): Promise<boolean> {
    return (await this.find(code)) !== null;
  }
}

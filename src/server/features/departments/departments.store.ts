// The only code that touches the departments table.
import type { Database } from '../../platform/db/unit-of-work.ts';

export type DepartmentsTables = {
  departments: { code: string; name_en: string; name_zh: string; name_fr: string; sort_order: number; active: number };
};

export interface DepartmentRow {
  code: string;
  name_en: string;
  name_zh: string;
  name_fr: string;
}

export class DepartmentsStore {
  constructor(private readonly db: Database) {}

  private get q() {
    return this.db.withTables<DepartmentsTables>();
  }

  /** The active departments in their display order. */
  active(): Promise<DepartmentRow[]> {
    return this.q.selectFrom('departments').select(['code', 'name_en', 'name_zh', 'name_fr']).where('active', '=', 1).orderBy('sort_order').execute();
  }
}

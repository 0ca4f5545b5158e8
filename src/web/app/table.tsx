// The one table of the admin console and workspaces: a labelled, keyboard-scrollable region
// (a wide table scrolls sideways on a phone), column headers with scope, numbers right-aligned,
// and what to say when there are no rows.
import type { Key, ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-aligned, tabular figures (amounts, counts). */
  numeric?: boolean;
}

export interface DataTableProps<T> {
  /** Names the scrollable region for screen readers. */
  label: string;
  columns: Array<Column<T>>;
  rows: T[];
  rowKey: (row: T) => Key;
  rowClassName?: (row: T) => string | undefined;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  caption?: ReactNode;
  /** A last row (totals): a header cell then one cell per remaining column. */
  footer?: { header: ReactNode; cells: ReactNode[] };
}

export function DataTable<T>({ label, columns, rows, rowKey, rowClassName, empty, caption, footer }: DataTableProps<T>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  const numeric = (c: Column<T>) => (c.numeric ? 'num' : undefined);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table className="table">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={numeric(c)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((c, i) => (
                <td key={i} className={numeric(c)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr>
              <th scope="row">{footer.header}</th>
              {footer.cells.map((cell, i) => (
                <td key={i} className={columns[i + 1] ? numeric(columns[i + 1]!) : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

// The console's table: a labelled region a keyboard can scroll, headers with scope, figures
// right-aligned, a totals row, and the sentence for no rows instead of an empty table.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable, type Column } from './table.tsx';

afterEach(() => cleanup());

interface Row {
  id: string;
  name: string;
  amount: number;
}
const columns: Array<Column<Row>> = [
  { header: 'Name', cell: (r) => r.name },
  { header: 'Amount', cell: (r) => r.amount.toFixed(2), numeric: true },
];

describe('DataTable', () => {
  it('shows a row per item under scoped headers, in a labelled scrollable region', () => {
    render(
      <DataTable
        label="Payments"
        columns={columns}
        rows={[
          { id: 'a', name: 'Ana', amount: 12 },
          { id: 'b', name: 'Ben', amount: 3.5 },
        ]}
        rowKey={(r) => r.id}
        footer={{ header: 'Total', cells: ['15.50'] }}
      />,
    );
    const region = screen.getByRole('region', { name: 'Payments' });
    expect(region.tabIndex).toBe(0);
    const headers = within(region).getAllByRole('columnheader');
    expect(headers.map((h) => [h.textContent, h.getAttribute('scope')])).toEqual([
      ['Name', 'col'],
      ['Amount', 'col'],
    ]);
    const rows = within(region).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['Ana12.00', 'Ben3.50', 'Total15.50']);
    expect(within(rows[0]!).getAllByRole('cell')[1]!.className).toBe('num');
    expect(within(rows[2]!).getByRole('rowheader').textContent).toBe('Total');
  });

  it('says there is nothing instead of drawing an empty table', () => {
    render(<DataTable label="Refunds" columns={columns} rows={[]} rowKey={(r) => r.id} empty={<p>Nothing yet.</p>} />);
    expect(screen.getByText('Nothing yet.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

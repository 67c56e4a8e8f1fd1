import { fireEvent, render, screen } from '@testing-library/react';
import type { RangeFacet } from '../api';
import type { NumberRange } from '../routes';
import { FilterChips } from './FacetList';
import { RangeFilter } from './RangeFilter';

const PRICE: RangeFacet = { min: 0.1, max: 99.5, count: 5, histogram: [
  { from: 0.1, to: 33.233, count: 4 }, { from: 33.233, to: 66.367, count: 0 }, { from: 66.367, to: 99.5, count: 1 }] };

function renderRange(chosen?: NumberRange) {
  const changes: (NumberRange | undefined)[] = [];
  const view = render(<RangeFilter field="price" facet={PRICE} chosen={chosen} onChange={(range) => changes.push(range)} />);
  return { changes, view };
}

describe('a numeric metadata field’s range', () => {
  it('has labelled from and to inputs showing the lowest and highest value, and its histogram in words', () => {
    renderRange();
    expect(screen.getByRole('group', { name: 'Metadata: price' })).toBeTruthy();
    expect(screen.getByRole('spinbutton', { name: 'price from' }).getAttribute('placeholder')).toBe('0.1');
    expect(screen.getByRole('spinbutton', { name: 'price to' }).getAttribute('placeholder')).toBe('99.5');
    expect(screen.getByRole('img', { name: 'price: 5 records with a price from 0.1 to 99.5' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'clear price range' })).toBeNull();
  });

  it('applies on Enter, not while the person moves from one input to the other', () => {
    const { changes } = renderRange();
    const from = screen.getByRole('spinbutton', { name: 'price from' });
    const to = screen.getByRole('spinbutton', { name: 'price to' });
    fireEvent.change(from, { target: { value: '1.5' } });
    fireEvent.blur(from, { relatedTarget: to });
    expect(changes).toEqual([]);
    fireEvent.change(to, { target: { value: '10' } });
    fireEvent.submit(to.closest('form') as HTMLFormElement);
    expect(changes).toEqual([{ from: 1.5, to: 10 }]);
  });

  it('applies when the focus leaves the pair, ends in either order, one end open', () => {
    const { changes } = renderRange();
    const to = screen.getByRole('spinbutton', { name: 'price to' });
    fireEvent.change(to, { target: { value: '10' } });
    fireEvent.blur(to, { relatedTarget: document.body });
    expect(changes).toEqual([{ to: 10 }]);
  });

  it('swaps ends typed the wrong way round, and asks nothing when nothing changed', () => {
    const { changes } = renderRange({ from: 1, to: 5 });
    const from = screen.getByRole('spinbutton', { name: 'price from' }) as HTMLInputElement;
    expect(from.value).toBe('1');
    fireEvent.blur(from, { relatedTarget: null });
    expect(changes).toEqual([]);
    fireEvent.change(from, { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: 'apply price range' }));
    expect(changes).toEqual([{ from: 5, to: 20 }]);
  });

  it('is cleared by its button, or by emptying both inputs', () => {
    const { changes } = renderRange({ from: 1, to: 5 });
    fireEvent.click(screen.getByRole('button', { name: 'clear price range' }));
    expect(changes).toEqual([undefined]);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'price from' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'price to' }), { target: { value: '' } });
    fireEvent.submit(screen.getByRole('spinbutton', { name: 'price to' }).closest('form') as HTMLFormElement);
    expect(changes).toEqual([undefined, undefined]);
  });

  it('is a removable chip among the applied filters', () => {
    const removed: string[] = [];
    render(<FilterChips filters={{ facets: {}, metadata: {}, ranges: { price: { from: 1.5, to: 10 }, pages: { from: 3 } } }}
      onToggle={() => {}} onRange={(field) => removed.push(field)} />);
    expect(screen.getByText(/price: 1\.5–10/)).toBeTruthy();
    expect(screen.getByText(/pages: ≥ 3/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'remove filter price range' }));
    expect(removed).toEqual(['price']);
  });
});

import type { Aggregations } from '../api';
import { FACETS, type Facet, type Filters, type NumberRange } from '../routes';
import { formatNumber, RangeFilter } from './RangeFilter';

const TITLES: Record<Facet, string> = {
  predicted_as: 'Predicted as',
  annotated_as: 'Annotated as',
  predicted_by: 'Predicted by',
  annotated_by: 'Annotated by',
  status: 'Status',
  predicted: 'Prediction ok/ko',
};

interface Props {
  aggregations: Aggregations;
  filters: Filters;
  onToggle: (kind: 'facet' | 'metadata', key: string, value: string) => void;
  /** A numeric metadata field's range chosen, or cleared (undefined). */
  onRange: (field: string, range: NumberRange | undefined) => void;
}

/**
 * Counts per value of each facet and metadata field, each value a checkbox that filters the records; a numeric
 * metadata field is a range instead, from and to over its histogram.
 */
export function FacetList({ aggregations, filters, onToggle, onRange }: Props) {
  const ranges = aggregations.metadata_ranges ?? {};
  const groups: { kind: 'facet' | 'metadata'; key: string; title: string; counts: Record<string, number>; chosen: string[] }[] = [];
  for (const facet of FACETS) {
    groups.push({ kind: 'facet', key: facet, title: TITLES[facet], counts: aggregations[facet] ?? {},
      chosen: filters.facets[facet] ?? [] });
  }
  Object.entries(aggregations.metadata ?? {}).forEach(([field, counts]) => {
    groups.push({ kind: 'metadata', key: field, title: `Metadata: ${field}`, counts, chosen: filters.metadata[field] ?? [] });
  });
  return (
    <aside className="facets" aria-label="filters">
      {groups.filter((g) => Object.keys(g.counts).length > 0 || g.chosen.length > 0
        || (g.kind === 'metadata' && filters.ranges?.[g.key])).map((group) => group.kind === 'metadata'
        && ranges[group.key] && (ranges[group.key].histogram.length > 0 || filters.ranges?.[group.key]) ? (
        <RangeFilter key={`range:${group.key}`} field={group.key} facet={ranges[group.key]} chosen={filters.ranges?.[group.key]}
          onChange={(range) => onRange(group.key, range)} />
      ) : (
        <fieldset key={`${group.kind}:${group.key}`}>
          <legend>{group.title}</legend>
          {Object.entries(group.counts).sort(([, a], [, b]) => b - a).slice(0, 12).map(([value, count]) => (
            <label key={value} className="facet-value">
              <input type="checkbox" checked={group.chosen.includes(value)}
                onChange={() => onToggle(group.kind, group.key, value)} />
              <span>{value}</span> <span className="count">{count.toLocaleString('en')}</span>
            </label>
          ))}
        </fieldset>
      ))}
    </aside>
  );
}

/** A range as a person reads it: 1.5–10, ≥ 1.5, ≤ 10. */
export function describeRange(range: NumberRange): string {
  if (range.from !== undefined && range.to !== undefined) {
    return `${formatNumber(range.from)}–${formatNumber(range.to)}`;
  }
  return range.from !== undefined ? `≥ ${formatNumber(range.from)}` : `≤ ${formatNumber(range.to ?? 0)}`;
}

/** The applied filters as chips, each removable. */
export function FilterChips({ filters, onToggle, onRange, onClearConfidence }: Omit<Props, 'aggregations'> & { onClearConfidence?: () => void }) {
  const chips: { kind: 'facet' | 'metadata'; key: string; title: string; value: string }[] = [];
  for (const facet of FACETS) {
    (filters.facets[facet] ?? []).forEach((value) => chips.push({ kind: 'facet', key: facet, title: TITLES[facet], value }));
  }
  Object.entries(filters.metadata).forEach(([field, values]) =>
    values.forEach((value) => chips.push({ kind: 'metadata', key: field, title: field, value })));
  const ranges = Object.entries(filters.ranges ?? {});
  if (chips.length === 0 && ranges.length === 0 && !filters.confidence) {
    return null;
  }
  return (
    <ul className="filter-chips" aria-label="applied filters">
      {chips.map((chip) => (
        <li key={`${chip.kind}:${chip.key}:${chip.value}`} className="chip">
          {chip.title}: {chip.value}{' '}
          <button type="button" aria-label={`remove filter ${chip.title}: ${chip.value}`}
            onClick={() => onToggle(chip.kind, chip.key, chip.value)}>×</button>
        </li>
      ))}
      {ranges.map(([field, range]) => (
        <li key={`range:${field}`} className="chip">
          {field}: {describeRange(range)}{' '}
          <button type="button" aria-label={`remove filter ${field} range`} onClick={() => onRange(field, undefined)}>×</button>
        </li>
      ))}
      {filters.confidence && (
        <li className="chip">
          Confidence: {filters.confidence.from.toFixed(2)}–{filters.confidence.to.toFixed(2)}{' '}
          <button type="button" aria-label="remove filter Confidence" onClick={onClearConfidence}>×</button>
        </li>
      )}
    </ul>
  );
}

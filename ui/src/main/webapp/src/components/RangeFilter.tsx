import { useEffect, useState, type FocusEvent, type FormEvent } from 'react';
import type { RangeFacet } from '../api';
import { numberRange, type NumberRange } from '../routes';

export const formatNumber = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 4 });

const asText = (value?: number) => (value === undefined ? '' : String(value));
const asNumber = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));
const sameRange = (a?: NumberRange, b?: NumberRange) => a?.from === b?.from && a?.to === b?.to;

/**
 * A numeric metadata field as a range: from and to (both inclusive), applied with Enter or Apply, or when the focus
 * leaves the pair (moving from one to the other is not yet a change), above the field's histogram.
 */
export function RangeFilter({ field, facet, chosen, onChange }: {
  field: string;
  facet: RangeFacet;
  chosen?: NumberRange;
  onChange: (range: NumberRange | undefined) => void;
}) {
  const [from, setFrom] = useState(asText(chosen?.from));
  const [to, setTo] = useState(asText(chosen?.to));
  useEffect(() => {
    setFrom(asText(chosen?.from));
    setTo(asText(chosen?.to));
  }, [chosen?.from, chosen?.to]);

  const apply = () => {
    const next = numberRange(asNumber(from), asNumber(to));
    if (!sameRange(next, chosen)) {
      onChange(next);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply();
  };
  const leave = (event: FocusEvent<HTMLFormElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
      apply();
    }
  };

  return (
    <fieldset className="range">
      <legend>Metadata: {field}</legend>
      <RangeHistogram field={field} facet={facet} chosen={chosen} />
      <form className="range-inputs" onSubmit={submit} onBlur={leave}>
        <label>
          <span className="visually-hidden">{field} </span>from
          <input type="number" step="any" inputMode="decimal" value={from} placeholder={facet.min === null ? '' : String(facet.min)}
            onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          <span className="visually-hidden">{field} </span>to
          <input type="number" step="any" inputMode="decimal" value={to} placeholder={facet.max === null ? '' : String(facet.max)}
            onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" aria-label={`apply ${field} range`}>Apply</button>
        {chosen && <button type="button" aria-label={`clear ${field} range`} onClick={() => onChange(undefined)}>Clear</button>}
      </form>
    </fieldset>
  );
}

/** The field's distribution as bars (the chosen range's darker), described in words for those who cannot see them. */
function RangeHistogram({ field, facet, chosen }: { field: string; facet: RangeFacet; chosen?: NumberRange }) {
  if (facet.histogram.length === 0) {
    return null;
  }
  const highest = Math.max(...facet.histogram.map((bucket) => bucket.count));
  const last = facet.histogram.length - 1;
  const inRange = (bucket: { from: number; to: number }) => chosen !== undefined
    && (chosen.from === undefined || bucket.to > chosen.from) && (chosen.to === undefined || bucket.from <= chosen.to);
  const said = facet.count === 0 ? `no record here has a ${field}`
    : `${facet.count.toLocaleString('en')} records with a ${field} from ${formatNumber(facet.min ?? 0)} to ${formatNumber(facet.max ?? 0)}`;
  return (
    <>
      <div className="bars" role="img" aria-label={`${field}: ${said}`}>
        {facet.histogram.map((bucket) => (
          <span key={bucket.from} className={`bar${inRange(bucket) ? ' chosen' : ''}`}
            title={`${formatNumber(bucket.from)}–${formatNumber(bucket.to)}: ${bucket.count.toLocaleString('en')}`}>
            <span style={{ height: `${highest ? Math.max(bucket.count ? 2 : 0, (bucket.count / highest) * 100) : 0}%` }} />
          </span>
        ))}
      </div>
      <p className="axis" aria-hidden="true">
        <span>{formatNumber(facet.histogram[0].from)}</span><span>{formatNumber(facet.histogram[last].to)}</span>
      </p>
    </>
  );
}

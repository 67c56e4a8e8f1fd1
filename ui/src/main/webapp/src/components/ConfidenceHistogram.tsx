/** The distribution of the top prediction's confidence; a bar (or a run of bars with Shift) filters to its range. */
export function ConfidenceHistogram({ buckets, chosen, onChoose }: {
  buckets: Record<string, number>;
  chosen?: { from: number; to: number };
  onChoose: (range: { from: number; to: number }) => void;
}) {
  // the last bucket ends at 1 inclusive, as the confidence filter does (query-service counts 1.0 in it)
  const entries = Object.entries(buckets).map(([from, count]) => ({ from: Number(from), count }))
    .sort((a, b) => a.from - b.from);
  if (entries.length === 0 || entries.every((e) => e.count === 0)) {
    return null;
  }
  const width = entries.length > 1 ? Math.round((entries[1].from - entries[0].from) * 100) / 100 : 0.1;
  const highest = Math.max(...entries.map((e) => e.count));
  return (
    <fieldset className="histogram">
      <legend>Confidence</legend>
      <div className="bars">
        {entries.map(({ from, count }) => {
          const to = Math.min(1, Math.round((from + width) * 100) / 100);
          const inRange = chosen !== undefined && from >= chosen.from && from < chosen.to;
          return (
            <button key={from} type="button" className={`bar${inRange ? ' chosen' : ''}`} aria-pressed={inRange}
              aria-label={`confidence ${from.toFixed(2)} to ${to.toFixed(2)}: ${count} records`}
              title={`${from.toFixed(2)}–${to.toFixed(2)}: ${count.toLocaleString('en')}`}
              onClick={(e) => onChoose(e.shiftKey && chosen
                ? { from: Math.min(chosen.from, from), to: Math.max(chosen.to, to) } : { from, to })}>
              <span style={{ height: `${highest ? Math.max(2, (count / highest) * 100) : 0}%` }} />
            </button>
          );
        })}
      </div>
      <p className="axis"><span>0</span><span>0.5</span><span>1</span></p>
    </fieldset>
  );
}

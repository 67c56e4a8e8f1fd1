import { heat, labelColour, markedPieces, markedRanges, spanPieces, weightedPieces, withMatches } from './highlight';
import { recordMatches, recordText } from './datasets';

describe('the explanation heat map', () => {
  it('cuts the text at each attributed token, in order, keeping everything between', () => {
    const pieces = weightedPieces('Make money now, make money!', [
      { token: 'Make', weight: 0.2 }, { token: 'money', weight: 0.9 }, { token: 'missing', weight: 1 },
      { token: 'money', weight: 0.8 },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe('Make money now, make money!');
    expect(pieces.filter((p) => p.weight !== undefined).map((p) => `${p.text}:${p.weight}`))
      .toEqual(['Make:0.2', 'money:0.9', 'money:0.8']);
  });

  it('colours towards the label warm and against it cool, and nothing at zero', () => {
    expect(heat(1)).toBe('rgba(240, 120, 40, 0.80)');
    expect(heat(-0.5)).toBe('rgba(50, 110, 220, 0.40)');
    expect(heat(0)).toBe('rgba(240, 120, 40, 0.00)');
  });
});

describe('entity spans', () => {
  it('mark their characters, skip overlaps and out-of-range spans, and keep the rest', () => {
    const pieces = spanPieces('Ada Lovelace lived in London', [
      { start: 22, end: 28, label: 'LOC', source: 'prediction' },
      { start: 0, end: 12, label: 'PER', source: 'annotation' },
      { start: 4, end: 8, label: 'X', source: 'prediction' },
      { start: 25, end: 99, label: 'Y', source: 'prediction' },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe('Ada Lovelace lived in London');
    expect(pieces.filter((p) => p.label).map((p) => `${p.text}/${p.label}/${p.source}`))
      .toEqual(['Ada Lovelace/PER/annotation', 'London/LOC/prediction']);
  });

  it('get one stable colour per label', () => {
    expect(labelColour('PER')).toBe(labelColour('PER'));
    expect(labelColour('PER')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('highlighted matches', () => {
  it('turns Elasticsearch’s escaped highlight into text pieces, so no markup of the record can run', () => {
    expect(markedPieces('&lt;img src=x onerror=&quot;go()&quot;&gt; <mark>free</mark> money &amp; <mark>cash</mark>')).toEqual([
      { text: '<img src=x onerror="go()"> ', marked: false }, { text: 'free', marked: true },
      { text: ' money & ', marked: false }, { text: 'cash', marked: true }]);
  });
});

describe('matches over a heat map', () => {
  it('cuts pieces where matches begin and end and marks the matched parts, keeping their weights', () => {
    const pieces = weightedPieces('free money now', [{ token: 'free', weight: 0.5 }, { token: 'money', weight: 0.9 }]);
    expect(withMatches(pieces, markedRanges('free <mark>mon</mark>ey now'))).toEqual([
      { text: 'free', weight: 0.5 }, { text: ' ' }, { text: 'mon', weight: 0.9, marked: true }, { text: 'ey', weight: 0.9 },
      { text: ' now' }]);
  });

  it('finds matches of several inputs in the joined text', () => {
    const record = { inputs: { subject: 'Win money', body: 'Send money now' },
      highlight: { 'inputs.body': 'Send <mark>money</mark> now' } };
    const [match] = recordMatches(record);
    expect(recordText(record).slice(match.start, match.end)).toBe('money');
    expect(match.start).toBe('subject: Win money\nbody: Send '.length);
  });
});

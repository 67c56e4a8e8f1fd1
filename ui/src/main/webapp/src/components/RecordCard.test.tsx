import { fireEvent, render, screen } from '@testing-library/react';
import { RecordCard } from './RecordCard';

describe('a record card', () => {
  it('folds a long text to a few lines with a button that shows all of it and folds it back', () => {
    // jsdom lays nothing out: a box higher than it shows is what the browser measures for a long text
    const scrollHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'scrollHeight');
    Object.defineProperty(HTMLElement.prototype, 'scrollHeight', { configurable: true, get: () => 500 });
    try {
      render(<ul><RecordCard onMetadata={() => {}} record={{
        id: 9, inputs: { text: 'a long mail\n'.repeat(40) }, status: 'Default',
      }} /></ul>);
      const text = document.querySelector('p.text') as HTMLElement;
      expect(text.className).toContain('clamped');
      expect(text.getAttribute('dir')).toBe('auto');
      fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
      expect(text.className).not.toContain('clamped');
      expect(screen.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
      fireEvent.click(screen.getByRole('button', { name: 'Show less' }));
      expect(text.className).toContain('clamped');
    } finally {
      Object.defineProperty(HTMLElement.prototype, 'scrollHeight', scrollHeight ?? { configurable: true, value: 0 });
    }
  });

  it('offers no button for a text that fits', () => {
    render(<ul><RecordCard onMetadata={() => {}} record={{ id: 10, inputs: { text: 'short' }, status: 'Default' }} /></ul>);
    expect(screen.queryByRole('button', { name: 'Show all' })).toBeNull();
  });

  it('colours the heat map towards the most confident label, not the first listed', () => {
    render(<ul><RecordCard onMetadata={() => {}} record={{
      id: 11, inputs: { text: 'win money' }, status: 'Default',
      prediction: { agent: 'nb', labels: [{ class: 'spam', confidence: 0.0 }, { class: 'ham', confidence: 1.0 }] },
      explanation: { text: [{ token: 'win', attributions: { spam: 0.5, ham: -0.4 } },
        { token: 'money', attributions: { spam: 0.2, ham: 0.3 } }] },
    }} /></ul>);
    expect(screen.getByText('towards ham')).toBeTruthy();
    expect(screen.getByTitle('ham: -0.400').textContent).toBe('win');
  });

  it('shows token attributions as a heat map with the value on hover, and a legend', () => {
    render(<ul><RecordCard onMetadata={() => {}} record={{
      id: 1, inputs: { text: 'win free money' }, status: 'Default', predicted: 'ok',
      prediction: { agent: 'nb', labels: [{ class: 'spam', confidence: 0.9 }] },
      explanation: { text: [{ token: 'win', attributions: { spam: 0.5 } }, { token: 'free', attributions: { spam: 0 } },
        { token: 'money', attributions: { spam: -0.25 } }] },
    }} /></ul>);
    expect(screen.getByTitle('spam: 0.500').textContent).toBe('win');
    expect(screen.getByTitle('spam: -0.250').textContent).toBe('money');
    expect(screen.queryByTitle('spam: 0.000')).toBeNull();
    expect(screen.getByText('towards spam')).toBeTruthy();
    expect(screen.getByText('ok')).toBeTruthy();
  });

  it('marks entity spans by type, annotation and prediction apart, with a legend', () => {
    render(<ul><RecordCard onMetadata={() => {}} record={{
      id: 2, tokens: ['Ada', 'Lovelace', 'in', 'London'], raw_text: 'Ada Lovelace in London',
      annotation: { agent: 'ana', entities: [{ start: 0, end: 12, label: 'PER' }] },
      prediction: { agent: 'm', entities: [{ start: 16, end: 22, label: 'LOC' }] },
    }} /></ul>);
    expect(screen.getByTitle('PER (annotation)').textContent).toBe('Ada Lovelace');
    expect(screen.getByTitle('LOC (prediction)').className).toContain('prediction');
    expect(screen.getByLabelText('entity types').textContent).toContain('PER');
  });

  it('turns a metadata value into a filter with one click', () => {
    const chosen: string[] = [];
    render(<ul><RecordCard onMetadata={(field, value) => chosen.push(`${field}=${value}`)} record={{
      id: 3, inputs: { text: 'hello' }, metadata: { group: 'spam-1', split: 'test' },
    }} /></ul>);
    fireEvent.click(screen.getByRole('button', { name: 'spam-1' }));
    expect(chosen).toEqual(['group=spam-1']);
  });

  it('shows Text2Text predictions with their scores and the annotation, as text', () => {
    render(<ul><RecordCard onMetadata={() => {}} record={{
      id: 4, text: 'Le chat dort.',
      prediction: { agent: 'mt', sentences: [{ text: 'The cat sleeps.', score: 0.91 }, { text: 'The cat is asleep.', score: 0.4 }] },
      annotation: { agent: 'ana', sentences: [{ text: '<b>The cat is sleeping.</b>' }] },
    }} /></ul>);
    expect(screen.getByText('Le chat dort.')).toBeTruthy();
    expect(screen.getAllByTitle('predicted by mt').map((p) => p.textContent))
      .toEqual(['prediction 0.91The cat sleeps.', 'prediction 0.40The cat is asleep.']);
    expect(screen.getByTitle('annotated by ana').textContent).toBe('annotation<b>The cat is sleeping.</b>');
    expect(document.querySelector('b')).toBeNull();
  });
});

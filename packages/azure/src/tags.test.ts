import { describe, expect, it } from 'vitest';
import { notOursBecause, skyliftTags } from './tags.ts';

describe('notOursBecause', () => {
  it('accepts skylift’s tags for the project', () => {
    expect(notOursBecause(skyliftTags('demo'), 'demo')).toBeUndefined();
    expect(notOursBecause({ ...skyliftTags('demo'), owner: 'me' })).toBeUndefined();
  });

  it('explains why a group is not ours', () => {
    expect(notOursBecause(undefined, 'demo')).toBe('no tag managed-by=skylift');
    expect(notOursBecause({ 'managed-by': 'terraform' }, 'demo')).toBe('no tag managed-by=skylift');
    expect(notOursBecause(skyliftTags('other'), 'demo')).toBe('tagged skylift-project=other, not demo');
  });
});

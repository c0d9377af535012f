import { describe, expect, it } from 'vitest';
import { isScratchFunction, SCRATCH_DESCRIPTION, scratchNameFilter } from './scratch';

describe('recognising the scratch functions a share link\'s Run makes', () => {
  it('is a scratch function only with the runner\'s name shape and its description', () => {
    expect(isScratchFunction({ FunctionName: 'scratch-k3x9q1-myLambdaFunction', Description: SCRATCH_DESCRIPTION })).toBe(true);
    expect(isScratchFunction({ FunctionName: 'scratch-i-short', Description: SCRATCH_DESCRIPTION })).toBe(true);
    // A user's own function of a similar name, or with the description copied onto another name, stays.
    expect(isScratchFunction({ FunctionName: 'scratch-k3x9q1-myLambdaFunction' })).toBe(false);
    expect(isScratchFunction({ FunctionName: 'scratchpad', Description: SCRATCH_DESCRIPTION })).toBe(false);
    expect(isScratchFunction({ FunctionName: 'scratch-Mine-fn', Description: SCRATCH_DESCRIPTION })).toBe(false);
  });

  it('hides by name the scratch-shaped names that are not a listed user function, deleted scratch copies included', () => {
    const hidden = scratchNameFilter([
      { FunctionName: 'area' },
      { FunctionName: 'scratch-abc-notes', Description: 'mine' },
      { FunctionName: 'scratch-k3x9q1-area', Description: SCRATCH_DESCRIPTION },
    ]);
    expect(hidden('scratch-k3x9q1-area')).toBe(true);
    expect(hidden('scratch-zz99aa-gone')).toBe(true);
    expect(hidden('scratch-abc-notes')).toBe(false);
    expect(hidden('area')).toBe(false);
  });
});

import type { z } from 'zod';

/**
 * One action of one cloud function, as both sides see it: the input schema the function
 * validates with and the output type the mini-program receives. The schema is the single
 * source of truth for the payload; the output type is carried as a phantom.
 */
export interface ActionContract<I extends z.ZodType, O> {
  readonly input: I;
  /**
   * A valid input, used by the docs and by the fuzz suite, which breaks it field by field and
   * expects every broken variant to be refused.
   */
  readonly example?: z.input<I>;
  /** Phantom: never set at run time, only carries the output type. */
  readonly output?: O;
}

export function action<O>() {
  return <I extends z.ZodType>(input: I, example?: z.input<I>): ActionContract<I, O> => (example === undefined ? { input } : { input, example });
}

export type InputOf<C> = C extends ActionContract<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends ActionContract<infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends ActionContract<z.ZodType, infer O> ? O : never;

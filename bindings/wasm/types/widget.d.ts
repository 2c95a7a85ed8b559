// Declarations of the <empreinte-calculator> custom element (empreinte/widget).
import type { Estimate, Job } from './empreinte.js';

/**
 * `<empreinte-calculator lang="fr" location="FR" data-version="v3.0">`: the Green
 * Algorithms calculator form with its results, computed in the browser.
 *
 * Attributes: `lang` (`fr`, default, or `en`), `location` (default location code),
 * `data-version` (default data version). Event: `result`, a `CustomEvent` whose `detail`
 * is the result object, after every successful estimate.
 */
export declare class EmpreinteCalculator extends HTMLElement {
  static readonly observedAttributes: string[];
  /** `fr` or `en`; reflects the `lang` attribute. */
  lang: string;
  /** The last result (the core's result JSON), or `null` before the first one. */
  readonly result: Estimate | null;
  /** The form's inputs as a job object; setting it fills the form and recomputes. */
  job: Job | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'empreinte-calculator': EmpreinteCalculator;
  }
  interface HTMLElementEventMap {
    result: CustomEvent<Estimate>;
  }
}

/**
 * A subscriber's choice that was refused, naming the field. Its own module with no imports, so the
 * CLI entry can recognise it without loading the validation (and its gazetteer) for every command.
 */
export class SubscriptionInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'SubscriptionInputError';
  }
}

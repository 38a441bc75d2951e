/** A question about exposure that cannot be answered as asked (unknown company, bad dates): a 400, or a message for the page. */
export class ExposureQueryError extends Error {}

/** gateway PricesHandler.MODEL_MAX_CHARS */
export const MODEL_CHARS_MAX = 200;

/**
 * Why a name cannot be a model or alias id (the gateway's rule: 1 to 200 characters, no spaces or control
 * characters), as a message id, or undefined when it can.
 */
export function modelProblemId(name: string): string | undefined {
  if (name === '') return 'admin.prices.modelRequired';
  // eslint-disable-next-line no-control-regex
  if (name.length > MODEL_CHARS_MAX || /[\s\u0000-\u001f\u007f-\u009f]/.test(name)) return 'admin.prices.modelInvalid';
  return undefined;
}

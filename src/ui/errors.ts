import { LambdaError } from '../domain/errors';

/** An error as the console prints it: Lambda's error type, then its message. */
export interface ShownError {
  type: string;
  message: string;
}

export function toShownError(error: unknown): ShownError {
  if (error instanceof LambdaError) return { type: error.type, message: error.message };
  if (error instanceof Error) return { type: error.name || 'Error', message: error.message };
  return { type: 'Error', message: String(error) };
}

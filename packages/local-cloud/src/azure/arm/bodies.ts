import { ArmError, invalidRequestContent } from './arm-error.ts';

export type JsonObject = Record<string, unknown>;

export function objectBody(body: unknown): JsonObject {
  if (body === undefined || body === null) throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: the body is missing.');
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidRequestContent('expected a JSON object');
  return body as JsonObject;
}

export function optionalObject(value: unknown, what: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequestContent(`'${what}' must be an object`);
  return value as JsonObject;
}

/** Tags: string values only, at most 50, names up to 512 and values up to 256 characters (ARM's limits). */
export function tagsOf(value: unknown): Record<string, string> {
  const tags = optionalObject(value, 'tags') ?? {};
  const entries = Object.entries(tags);
  if (entries.length > 50) throw new ArmError(400, 'InvalidTemplate', 'The number of tags exceeds the limit of 50.');
  for (const [name, tagValue] of entries) {
    if (typeof tagValue !== 'string') throw invalidRequestContent(`tag '${name}' must have a string value`);
    if (name.length > 512 || tagValue.length > 256) {
      throw new ArmError(400, 'InvalidTagNameCharacters', `The tag '${name}' is too long: names are limited to 512 characters and values to 256.`);
    }
  }
  return tags as Record<string, string>;
}

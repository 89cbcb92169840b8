// Header-style field blocks: message headers, and the bodies of message/delivery-status
// (RFC 3464) and message/feedback-report (RFC 5965) parts, which are groups of such fields
// separated by blank lines.

export interface Field {
  /** Lower-case name. */
  name: string;
  value: string;
}

const MAX_FIELDS = 500;
const MAX_VALUE = 2000;
const NAME = /^([!-9;-~]{1,100}):[ \t]*(.*)$/;

/**
 * The groups of fields in `text` (at most 500 fields in all, values unfolded, whitespace
 * collapsed and cut to 2000 characters). Lines that are not fields are skipped.
 */
export function fieldGroups(text: string): Field[][] {
  const groups: Field[][] = [];
  let group: Field[] = [];
  let count = 0;
  for (const line of text.split(/\r?\n|\r/)) {
    if (line.trim() === '') {
      if (group.length) groups.push(group);
      group = [];
      continue;
    }
    const last = group[group.length - 1];
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      if (last.value.length < MAX_VALUE) last.value = `${last.value} ${line.trim()}`.trim().slice(0, MAX_VALUE);
      continue;
    }
    const match = NAME.exec(line);
    if (!match || count >= MAX_FIELDS) continue;
    count++;
    group.push({ name: match[1].toLowerCase(), value: match[2].trim().slice(0, MAX_VALUE) });
  }
  if (group.length) groups.push(group);
  for (const g of groups) for (const f of g) f.value = f.value.replace(/\s+/g, ' ');
  return groups;
}

/** The header block of a message (everything before the first blank line), as fields. */
export function headerFields(message: string): Field[] {
  const end = message.search(/\r?\n\r?\n/);
  return fieldGroups(end < 0 ? message : message.slice(0, end))[0] ?? [];
}

export const fieldValue = (fields: readonly Field[], name: string): string | undefined => fields.find((f) => f.name === name)?.value;

export const fieldValues = (fields: readonly Field[], name: string): string[] => fields.filter((f) => f.name === name).map((f) => f.value);

/** `rfc822; user@example.com` → `user@example.com` (the address-type is dropped, angle brackets too). */
export function typedAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const address = (value.includes(';') ? value.slice(value.indexOf(';') + 1) : value).trim().replace(/^<(.*)>$/, '$1').trim();
  return address || undefined;
}

/** `<id@host>` → `id@host`. */
export function messageIdValue(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /<([^<>\s]{1,995})>/.exec(value) ?? /^([^<>\s]{1,995})$/.exec(value.trim());
  return match?.[1];
}

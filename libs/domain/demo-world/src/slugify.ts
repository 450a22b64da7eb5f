/**
 * Lowercase kebab-case of a display name, for tags: "ECU Remapping" -> "ecu-remapping",
 * "Lynk & Co 03+" -> "lynk-co-03". Tags are matched across domains (a course tag
 * against a partner item tag), so both catalogues must spell them the same way.
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

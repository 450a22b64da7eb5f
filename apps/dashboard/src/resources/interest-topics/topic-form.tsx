import { BooleanInput, required, TextInput } from 'react-admin';

/** A list of names edited as one comma-separated line: the mapping is short and read at a glance. */
export const formatList = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : '');
export const parseList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

export function TopicFields({ creating = false }: { creating?: boolean }) {
  return (
    <>
      {creating && (
        <TextInput source="slug" validate={required()} helperText="Lower-case words joined by hyphens; it does not change later" />
      )}
      <TextInput source="name" validate={required()} />
      <BooleanInput source="countsAsCar" label="Counts toward car interest" defaultValue />
      <TextInput
        source="knowledgeCategories"
        label="Knowledge categories"
        format={formatList}
        parse={parseList}
        multiline
        fullWidth
        helperText="The catalogue's own category names, comma-separated"
      />
      <TextInput
        source="knowledgeTags"
        label="Knowledge tags"
        format={formatList}
        parse={parseList}
        fullWidth
        helperText="An item with one of these tags belongs too"
      />
      <TextInput
        source="partnerCategories"
        label="Partner and market categories"
        format={formatList}
        parse={parseList}
        fullWidth
        helperText="Partner item categories; market signals of these categories are read beside this topic"
      />
    </>
  );
}

/** The body the API takes: only the mapping fields (the slug on create). */
export function toTopicBody(data: Record<string, unknown>, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: data.name,
    countsAsCar: data.countsAsCar ?? true,
    knowledgeCategories: data.knowledgeCategories ?? [],
    knowledgeTags: data.knowledgeTags ?? [],
    partnerCategories: data.partnerCategories ?? [],
  };
  if (!editing) body.slug = data.slug;
  return body;
}
